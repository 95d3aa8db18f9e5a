"""The installed distribution's version, in a leaf module so every writer can name it without importing
the package's front (which imports them)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("citetrace")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
