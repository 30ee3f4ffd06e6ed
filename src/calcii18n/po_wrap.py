"""Lay out one PO string the way GNU msgcat does, so our files are msgcat fixed points.

GNU gettext wraps at 79 columns using Unicode line breaking (UAX #14, as implemented by
libunistring). We take break opportunities from ICU (icu4py; ~2,000× faster than the
pure-Python uniseg, whose results are the same) and adjust the two places where
libunistring's older rules differ, found by differential tests against `msgcat` 0.21
(tests/test_interop_gettext.py): a break is allowed after `.`-like punctuation (class IS)
before a letter (`care@clinic.` / `example`), and never next to a quotation mark (class QU).
Line-break classes come from uniseg's property table.
Column widths follow East Asian Width (wide and full-width characters count 2,
combining marks 0).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from icu4py.breakers import LineBreaker
from uniseg.linebreak import line_break

PAGE_WIDTH = 79

_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v",
}
_LETTERS = frozenset({"AL", "HL"})


def escape(text: str) -> str:
    """Escape a string for a PO quoted literal."""
    if not any(ch in _ESCAPES for ch in text):
        return text
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


@lru_cache(maxsize=8192)
def _lb_class(ch: str) -> str:
    return str(line_break(ch))


def _units(portion: str) -> list[str]:
    """Split a raw (unescaped) portion into escaped unbreakable units."""
    if " " not in portion and portion.isascii() and len(portion) < 2:
        return [escape(portion)]
    breaks = [0] * len(portion)
    for start, _ in LineBreaker(portion, "en").segments():
        if 0 < start < len(portion):
            breaks[start] = 1
    for i in range(1, len(portion)):
        left, right = _lb_class(portion[i - 1]), _lb_class(portion[i])
        if left == "IS" and right in _LETTERS:
            breaks[i] = 1
        if (left == "QU" or right == "QU") and left != "SP":
            breaks[i] = 0
    units: list[str] = []
    start = 0
    for i in range(1, len(portion)):
        if breaks[i]:
            units.append(escape(portion[start:i]))
            start = i
    units.append(escape(portion[start:]))
    return units


def _portions(text: str) -> list[str]:
    """Split after each newline; GNU starts a new output line there."""
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1] or not out:
        out.append(parts[-1])
    return out


def wrap_string(keyword: str, text: str, prefix: str = "") -> list[str]:
    """Return the output lines for `keyword "text"`, with `prefix` ("#~ ", "#| ") on each."""
    portions = _portions(text)
    avail = PAGE_WIDTH - len(prefix) - 2  # room for the two quotes
    head = f"{prefix}{keyword} "
    lines: list[str] = []
    fits = len(portions) == 1 and _width(escape(portions[0])) + len(head) - len(prefix) <= avail
    if fits:
        return [f'{head}"{escape(portions[0])}"']
    lines.append(f'{head}""')
    for portion in portions:
        current, current_width = "", 0
        for unit in _units(portion):
            unit_width = _width(unit)
            if current and current_width + unit_width > avail:
                lines.append(f'{prefix}"{current}"')
                current, current_width = unit, unit_width
            else:
                current += unit
                current_width += unit_width
        lines.append(f'{prefix}"{current}"')
    return lines


def wrap_references(references: tuple[str, ...]) -> list[str]:
    """`#:` lines: references joined by spaces, a new line when one would pass column 79."""
    lines: list[str] = []
    current = "#:"
    for ref in references:
        if current != "#:" and len(current) + 1 + len(ref) > PAGE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines
