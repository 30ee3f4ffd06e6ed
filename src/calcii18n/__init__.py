"""calcii18n: localise calciphylaxis patient leaflets through gettext catalogues."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("calcii18n")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
