"""Doctest collection of the packages: leave out modules whose optional extra is not installed."""

from __future__ import annotations

import importlib.util

# annotate.distributed needs the [dask] extra (the [test] extra installs it, so CI collects it).
collect_ignore = [] if importlib.util.find_spec("distributed") else ["annotate/distributed.py"]
