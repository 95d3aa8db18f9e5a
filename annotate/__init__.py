"""Claims tied to evidence passages and references; checking, TEI, bundles and the CLI."""

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from annotate.errors import AnnotateError, ClaimInputError, UnknownClaimError

try:
    __version__ = _version("citetrace")
except _PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = ["AnnotateError", "ClaimInputError", "UnknownClaimError", "__version__"]
