"""Our own error types. Each names the file and, where known, the 1-based line."""

from __future__ import annotations

from typing import ClassVar


class Calcii18nError(Exception):
    """Bad input: printed by the CLI as one `error: path:line: message` line, no traceback,
    and the process exits with `exit_code` (Click's convention: the code is data on the
    type, handled once by the command group).

    >>> str(Calcii18nError("locale/es/LC_MESSAGES/ui.po", 12, "unterminated string"))
    'locale/es/LC_MESSAGES/ui.po:12: unterminated string'
    """

    exit_code: ClassVar[int] = 2

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SourceError(Calcii18nError):
    """A leaflet source (Markdown + front matter) that we refuse to extract."""


class PoSyntaxError(Calcii18nError):
    """A .po/.pot file that is not well-formed, or not UTF-8."""


class ConfigError(Calcii18nError):
    """calcii18n.toml is missing or wrong."""


class ProjectError(Calcii18nError):
    """The project's files disagree (unknown locale, catalogue without leaflet...)."""
