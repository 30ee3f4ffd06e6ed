"""TOML with errors that name their line, for our small settings files."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from calcii18n.errors import Calcii18nError


def parse_toml(text: str, path: str, error: type[Calcii18nError] = Calcii18nError,
               what: str = "broken TOML", first_line: int = 1) -> dict[str, Any]:
    """tomllib.loads, with the error as `path:line: what: message` (`first_line` is the
    file line of the text's first line, for TOML embedded in a larger file)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        # tomllib says "at end of document" for an error on the last line.
        line = int(found.group(1)) if found else text.count("\n") + 1
        message = re.sub(r"\s*\(at (line|end).*\)$", "", str(exc))
        raise error(path, line + first_line - 1, f"{what}: {message}") from None


def line_of(text: str, key: str, first_line: int = 1, default: int | None = None) -> int:
    """The line where `key = ...` (or `key: ...`) is set, else `default` (the first line)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]", line):
            return number
    return first_line if default is None else default
