"""TOML with errors that name their line, for our small settings files.

tomllib gives values, not where they were written, and says "at end of document" when a
string or array is never closed. A user fixing a file needs the line, so this module
finds it: `key_lines` maps every key path to the line that sets it (quoted and dotted keys
too), and a value left open is blamed on the line where it starts."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

from calcii18n.errors import Calcii18nError

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_KEY = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"\s*\[\[?\s*({_KEY})\s*\]\]?")
_ASSIGN = re.compile(rf"\s*({_KEY})\s*=")
# Past this many characters of prefixes parsed, an unclosed value is blamed on the last
# line instead: finding its start re-parses the file once per line (error path only).
_SEARCH_BUDGET = 4_000_000


def parse_toml(text: str, path: str, error: type[Calcii18nError] = Calcii18nError,
               what: str = "broken TOML", first_line: int = 1) -> dict[str, Any]:
    """tomllib.loads, with the error as `path:line: what: message` (`first_line` is the
    file line of the text's first line, for TOML embedded in a larger file)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        message = re.sub(r"\s*\(at (line|end).*\)$", "", str(exc))
        if found:
            line = int(found.group(1))
        else:  # "at end of document": something opened earlier is never closed
            line = _open_line(text)
            message += " (not finished by the end of the file)"
        raise error(path, line + first_line - 1, f"{what}: {message}") from None


def _open_line(text: str) -> int:
    """The line where the value that runs to the end of `text` starts: the line after the
    longest run of whole lines that parses on its own."""
    lines = text.split("\n")
    spent = 0
    for count in range(len(lines) - 1, -1, -1):
        prefix = "\n".join(lines[:count])
        spent += len(prefix)
        if spent > _SEARCH_BUDGET:
            break
        try:
            tomllib.loads(prefix)
        except tomllib.TOMLDecodeError:
            continue
        return count + 1
    return len(text.rstrip("\n").split("\n"))


def line_of(text: str, key: str, first_line: int = 1, default: int | None = None) -> int:
    """The line where `key = ...` (or `key: ...`) is set, else `default` (the first line)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]", line):
            return number
    return first_line if default is None else default


def key_lines(text: str, first_line: int = 1) -> dict[tuple[str, ...], int]:
    """Where each key path is first set: `[terms."sodium thiosulfate"]` gives
    ("terms", "sodium thiosulfate"), the `es = ...` under it ("terms", "sodium
    thiosulfate", "es"), `a.b = 1` both ("a",) and ("a", "b"). Lines inside multi-line
    strings and arrays are skipped, so text that only looks like a key is never taken."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    state = _Scan()
    for number, line in enumerate(text.split("\n"), start=first_line):
        start = 0
        if state.quote is None and state.depth == 0:
            header, assign = _HEADER.match(line), _ASSIGN.match(line)
            if header:
                table, start = _key_path(header.group(1)), header.end()
                _record(found, (), table, number)
            elif assign:
                _record(found, table, _key_path(assign.group(1)), number)
                start = assign.end()
        state.scan(line, start)
    return found


def line_at(lines: Mapping[tuple[str, ...], int], *path: str) -> int | None:
    """The line of `path`, else of its nearest parent that has one (None: nowhere)."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _key_path(key: str) -> tuple[str, ...]:
    """A TOML key as written (bare, quoted, dotted) to its parts, decoded by tomllib
    itself so escapes mean what they mean to the parser."""
    try:
        value: Any = tomllib.loads(f"{key} = 0")
    except tomllib.TOMLDecodeError:
        return ()
    parts = []
    while isinstance(value, dict) and len(value) == 1:
        name, value = next(iter(value.items()))
        parts.append(name)
    return tuple(parts)


def _record(found: dict[tuple[str, ...], int], table: tuple[str, ...],
            key: tuple[str, ...], number: int) -> None:
    for end in range(1, len(key) + 1):
        found.setdefault((*table, *key[:end]), number)


class _Scan:
    """What is still open at the end of a line: a multi-line string, and array depth."""

    def __init__(self) -> None:
        self.quote: str | None = None
        self.depth = 0

    def scan(self, line: str, i: int) -> None:
        while i < len(line):
            if self.quote is not None:
                i = self._close(line, i)
                continue
            char = line[i]
            if char == "#":
                return
            if line.startswith(('"""', "'''"), i):
                self.quote, i = line[i:i + 3], i + 3
            elif char in "\"'":
                i = _string_end(line, i)
            else:
                self.depth += (char in "[{") - (char in "]}")
                i += 1

    def _close(self, line: str, i: int) -> int:
        """Past the closing quotes of the open multi-line string, or the end of the line."""
        assert self.quote is not None
        while i < len(line):
            if self.quote == '"""' and line[i] == "\\":
                i += 2
            elif line.startswith(self.quote, i):
                i += 3
                while i < len(line) and line[i] == self.quote[0]:
                    i += 1  # up to two quotes may end the string's own text
                self.quote = None
                return i
            else:
                i += 1
        return i


def _string_end(line: str, i: int) -> int:
    """Past the one-line string that starts at `line[i]`."""
    quote, i = line[i], i + 1
    while i < len(line) and line[i] != quote:
        i += 2 if quote == '"' and line[i] == "\\" else 1
    return i + 1
