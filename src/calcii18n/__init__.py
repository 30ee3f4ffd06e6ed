"""calcii18n: localise calciphylaxis patient leaflets through gettext catalogues."""

__version__ = "0.1.0"
