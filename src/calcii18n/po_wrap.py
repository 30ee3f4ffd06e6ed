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

import re
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

# Plain text: Latin words, digits, decimal numbers, an opening bracket before a word and
# closing punctuation after it, separated by spaces. In such text every rule we apply above
# gives the same answer: a break before each word that follows a space, nowhere else
# (tested against the ICU path by tests/test_po_wrap.py). Most leaflet sentences in
# Latin-script languages are plain; they skip ICU and the per-character class lookups.
_ALNUM = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = (f"[(\u00a1\u00bf]?(?:[0-9]+(?:[.,][0-9]+)+|[{_ALNUM}]+(?:'[{_ALNUM}]+)*)"
         "[.,;:!?)]*")
_PLAIN = re.compile(f" *(?:{_WORD}(?: +|\\Z))*")
_WORD_START = re.compile("(?<= )(?=[^ ])")


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


def _escaped_chars(portion: str) -> tuple[str, list[bool]]:
    """The escaped text, and for each of its characters whether a break may come before it
    at all (never inside an escape sequence, never before a final \\n)."""
    chars: list[str] = []
    allowed: list[bool] = []
    for ch in portion:
        esc = _ESCAPES.get(ch, ch)
        chars.append(esc)
        allowed.extend([True] + [False] * (len(esc) - 1))
    text = "".join(chars)
    if portion.endswith("\n"):
        allowed[-2] = False
    return text, allowed


def _units(portion: str) -> list[str]:
    """Split a portion into escaped, unbreakable units, as GNU does: the breaking runs on
    the escaped text, with libunistring's older rules where they differ from ICU's."""
    body = portion[:-1] if portion.endswith("\n") else portion
    if _PLAIN.fullmatch(body):
        units = _WORD_START.split(body)
        if body is not portion:
            units[-1] += "\\n"  # a final \n never starts a line of its own
        return units
    return _units_icu(portion)


def _units_icu(portion: str) -> list[str]:
    """The general case of _units: ICU's break opportunities, adjusted to libunistring."""
    text, allowed = _escaped_chars(portion)
    if len(text) < 2:
        return [text]
    breaks = [False] * len(text)
    # ICU counts UTF-16 units; map them to code points when the text has astral characters.
    to_index = None
    if any(ord(ch) > 0xFFFF for ch in text):
        to_index = {}
        units_seen = 0
        for i, ch in enumerate(text):
            to_index[units_seen] = i
            units_seen += 2 if ord(ch) > 0xFFFF else 1
    for start, _ in LineBreaker(text, "en").segments():
        start = to_index.get(start, -1) if to_index is not None else start
        if 0 < start < len(text):
            breaks[start] = True
    before = ""  # class of the last non-space character, for the "X SP* ×" rules
    for i in range(1, len(text)):
        left, right = _lb_class(text[i - 1]), _lb_class(text[i])
        if left != "SP":
            before = left
        if left == "IS" and right in _LETTERS:
            breaks[i] = True
        if (left == "QU" or right == "QU") and left != "SP":
            breaks[i] = False
        if right == "OP" and (before == "QU" or left in ("PR", "PO")):
            breaks[i] = False  # old LB15 "QU SP* × OP" and LB25 "(PR|PO) × OP"
        if not allowed[i]:
            breaks[i] = False
    units: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if breaks[i]:
            units.append(text[start:i])
            start = i
    units.append(text[start:])
    return units


def _fill(units: list[str], first: int, rest: int) -> list[str]:
    """Greedy filling: the first line has `first` columns, the others `rest`."""
    lines: list[str] = []
    current, width, limit = "", 0, first
    for unit in units:
        unit_width = _width(unit)
        if current and width + unit_width > limit:
            lines.append(current)
            current, width, limit = unit, unit_width, rest
        else:
            current += unit
            width += unit_width
    lines.append(current)
    return lines


def _portions(text: str) -> list[str]:
    """Split after each newline; GNU starts a new output line there."""
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1] or not out:
        out.append(parts[-1])
    return out


def wrap_string(keyword: str, text: str, prefix: str = "") -> list[str]:
    """Return the output lines for `keyword "text"`, with `prefix` ("#~ ", "#| ") on each.

    Like GNU: a text of one portion that needs no break stays on the keyword's line (even
    if a single unbreakable word overflows it); otherwise the first line is `keyword ""`.
    """
    portions = _portions(text)
    avail = PAGE_WIDTH - len(prefix) - 2  # room for the two quotes
    head = f"{prefix}{keyword} "
    if len(portions) == 1:
        first = avail - len(keyword) - 1
        escaped = escape(text)
        if _width(escaped) <= first:  # fits as it is: no need to look for breaks
            return [f'{head}"{escaped}"']
        lines = _fill(_units(portions[0]), first, avail)
        if len(lines) == 1:
            return [f'{head}"{lines[0]}"']
    out = [f'{head}""']
    for portion in portions:
        out.extend(f'{prefix}"{line}"' for line in _fill(_units(portion), avail, avail))
    return out


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
