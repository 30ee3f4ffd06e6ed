"""Lay out one PO string the way GNU msgcat does, so our files are msgcat fixed points.

GNU gettext wraps at 79 columns using Unicode line breaking (UAX #14, as implemented by
libunistring). We take break opportunities from ICU (icu4py; ~2,000× faster than the
pure-Python uniseg, whose results are the same) and adjust the places where libunistring's
older rules differ, found by differential tests against `msgcat` 0.21
(tests/po/test_interop_gettext.py, tests/po/test_po_wrap.py): a break is allowed after `.`-like
punctuation (class IS) before a letter (`care@clinic.` / `example`) and after a hyphen
before a letter (ICU's LB20a keeps `\u00a0-word` whole), never next to a quotation mark
(class QU), and never inside the old LB25 pairs ICU applies only within numbers: a closing
bracket before `$`, `%` or an escape (`)\t`), a slash before a digit (`/5`).
Line-break classes come from uniseg's property table.
Column widths follow East Asian Width (wide and full-width characters count 2,
combining marks 0).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from functools import lru_cache
from typing import ClassVar

from icu4py.breakers import LineBreaker
from uniseg.linebreak import line_break

PAGE_WIDTH = 79

_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v",
}

# Plain text: Latin words, digits, decimal numbers, an opening bracket before a word and
# closing punctuation after it, separated by spaces. In such text every rule we apply above
# gives the same answer: a break before each word that follows a space, nowhere else
# (tested against the ICU path by tests/po/test_po_wrap.py). Most leaflet sentences in
# Latin-script languages are plain; they skip ICU and the per-character class lookups.
_ALNUM = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD = (f"[(\u00a1\u00bf]?(?:[0-9]+(?:[.,][0-9]+)+|[{_ALNUM}]+(?:'[{_ALNUM}]+)*)"
         "[.,;:!?)]*")
_PLAIN = re.compile(f" *(?:{_WORD}(?: +|\\Z))*")
_PLAIN_UNIT = re.compile("[^ ]+ *")


_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile('[\\\\"\n\t\r\a\b\f\v]')
# Characters one column wide for certain: printable ASCII, Latin up to U+02FF except the
# soft hyphen (format character, zero width), and the controls C escapes name (\a ... \r:
# one column to _char_width, and two ASCII characters once escaped).
_NARROW = re.compile("[\x07-\x0d\x20-\x7e\xa0-\xac\xae-\u02ff]*")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    r"""Escape a string for a PO quoted literal: backslash, double quote and the controls
    C names. Every other character is written as it is: the files are UTF-8.

    >>> print(escape('Call "999"\tnow\n'))
    Call \"999\"\tnow\n
    >>> escape("Llame al 999 — señal «grave»")
    'Llame al 999 — señal «grave»'
    """
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    if _NARROW.fullmatch(text):
        return len(text)
    return sum(_char_width(ch) for ch in text)


class _ClassLetters(dict[int, str]):
    """str.translate table: a character's line-break class as one letter, for the classes
    the libunistring adjustments look at (x for every other class)."""

    _LETTER: ClassVar[dict[str, str]] = {
        "AL": "A", "HL": "H", "IS": "I", "QU": "Q", "OP": "O", "PR": "R", "PO": "P", "SP": "S",
        "CL": "C", "CP": "C", "SY": "Y", "NU": "N", "HY": "-", "BA": "B", "CM": "M", "ZW": "Z",
        "AI": "A"}  # libunistring resolves AI (ambiguous) to AL

    def __missing__(self, code: int) -> str:
        letter = self._LETTER.get(str(line_break(chr(code))), "x")
        self[code] = letter
        return letter


_CLASSES = _ClassLetters()
# No break next to QU, unless after a space or a zero-width space (LB8: ZW ÷).
_QU_BREAK = re.compile("(?<=[^SZ])Q|(?<=Q).")
_OP_GLUE = re.compile("(?:QS*|[RP])(O)")  # old LB15 "QU SP* × OP", LB25 "(PR|PO) × OP"
# Old LB25 pairs that ICU allows only inside a number: "(CL|CP) × (PR|PO)" (which also glues
# a closing bracket to a following escape, `)\t`, since `\` is PR) and "SY × NU" (`/5`).
_NUMERIC_GLUE = re.compile("CM*([RP])|Y(N)")
# Breaks libunistring allows before the last character of: IS (and its marks, LB9) then a
# letter; a hyphen (HY, or BA such as U+2010) then a letter, as it has no LB20a; and,
# outside a number, IS or SY then PR or PO (`.%`, `/$`). No match can start inside another.
_BREAK_BEFORE_LAST = re.compile("IM*[AH]|[-B][AH]|[IY][RP]")
# But never after a Hebrew letter and a hyphen: libunistring's LB21a, "HL (HY|BA) ×", which
# ICU narrowed to HY (this glue runs after the breaks above are added).
_HL_GLUE = re.compile("H[-B](.)")


def _escaped_chars(portion: str) -> tuple[str, set[int]]:
    """The escaped text, and the positions a break may never come before (inside an
    escape sequence, before a final \n)."""
    body = portion[:-1] if portion.endswith("\n") else portion
    if not _NEEDS_ESCAPE.search(body):
        if body is portion:
            return portion, set()
        text = body + "\\n"
        return text, {len(text) - 2, len(text) - 1}
    chars: list[str] = []
    blocked: set[int] = set()
    at = 0
    for ch in portion:
        esc = _ESCAPES.get(ch, ch)
        chars.append(esc)
        blocked.update(range(at + 1, at + len(esc)))
        at += len(esc)
    if portion.endswith("\n"):
        blocked.add(at - 2)
    return "".join(chars), blocked


def _units(portion: str) -> list[str]:
    """Split a portion into escaped, unbreakable units, as GNU does: the breaking runs on
    the escaped text, with libunistring's older rules where they differ from ICU's."""
    body = portion[:-1] if portion.endswith("\n") else portion
    if _PLAIN.fullmatch(body):
        units = _PLAIN_UNIT.findall(body)
        lead = len(body) - len(body.lstrip(" "))
        if lead or not units:  # leading spaces are a unit of their own (SP ÷)
            units.insert(0, body[:lead])
        if body is not portion:
            units[-1] += "\\n"  # a final \n never starts a line of its own
        return units
    return _units_icu(portion)


def _units_icu(portion: str) -> list[str]:
    """The general case of _units: ICU's break opportunities, adjusted to libunistring."""
    text, blocked = _escaped_chars(portion)
    if len(text) < 2:
        return [text]
    breaks: set[int] = set()
    # ICU counts UTF-16 units; map them to code points when the text has astral characters.
    to_index = None
    if _ASTRAL.search(text):
        to_index = {}
        units_seen = 0
        for i, ch in enumerate(text):
            to_index[units_seen] = i
            units_seen += 2 if ord(ch) > 0xFFFF else 1
    for start, _ in LineBreaker(text, "en").segments():
        start = to_index.get(start, -1) if to_index is not None else start
        if 0 < start < len(text):
            breaks.add(start)
    classes = text.translate(_CLASSES)
    breaks.update(m.end() - 1 for m in _BREAK_BEFORE_LAST.finditer(classes))
    breaks.difference_update(m.start() for m in _QU_BREAK.finditer(classes))
    for glued in (_OP_GLUE, _HL_GLUE):
        breaks.difference_update(m.start(1) for m in glued.finditer(classes))
    breaks.difference_update(m.end() - 1 for m in _NUMERIC_GLUE.finditer(classes))
    breaks.difference_update(blocked)
    cuts = [0, *sorted(i for i in breaks if 0 < i < len(text)), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _fill(units: list[str], first: int, rest: int, narrow: bool) -> list[str]:
    """Greedy filling: the first line has `first` columns, the others `rest`; a unit wider
    than the line goes alone. `narrow`: every character is one column, width is length."""
    ends = list(itertools.accumulate(map(len, units) if narrow else map(_width, units)))
    lines: list[str] = []
    i, start, limit = 0, 0, first
    while i < len(units):
        j = max(bisect.bisect_right(ends, start + limit, lo=i), i + 1)
        lines.append("".join(units[i:j]))
        i, start, limit = j, ends[j - 1], rest
    return lines or [""]


def _portions(text: str) -> list[str]:
    """Split after each newline; GNU starts a new output line there."""
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1] or not out:
        out.append(parts[-1])
    return out


def wrap_string(keyword: str, text: str, prefix: str = "") -> list[str]:
    r"""Return the output lines for `keyword "text"`, with `prefix` ("#~ ", "#| ") on each.

    Like GNU: a text of one portion that needs no break stays on the keyword's line (even
    if a single unbreakable word overflows it); otherwise the first line is `keyword ""`.

    >>> wrap_string("msgid", "Watch for:", "#| ")
    ['#| msgid "Watch for:"']
    >>> text = ("Keep the wound clean and dry. Your nurse will show you how to change "
    ...         "the dressing and how often.")
    >>> print("\n".join(wrap_string("msgid", text)))
    msgid ""
    "Keep the wound clean and dry. Your nurse will show you how to change the "
    "dressing and how often."

    A new output line starts after each `\n`:

    >>> print("\n".join(wrap_string("msgstr", "Step 1.\nStep 2.")))
    msgstr ""
    "Step 1.\n"
    "Step 2."

    Wide characters count two columns, and Chinese breaks between characters (but not
    before its punctuation):

    >>> text = "钙化防御是一种罕见的疾病。请每天检查皮肤，如有疼痛请马上联系医生。"
    >>> for line in wrap_string("msgstr", text + text):
    ...     print(line)
    msgstr ""
    "钙化防御是一种罕见的疾病。请每天检查皮肤，如有疼痛请马上联系医生。钙化防御是"
    "一种罕见的疾病。请每天检查皮肤，如有疼痛请马上联系医生。"
    """
    portions = _portions(text)
    avail = PAGE_WIDTH - len(prefix) - 2  # room for the two quotes
    head = f"{prefix}{keyword} "
    narrow = _NARROW.fullmatch(text) is not None
    if len(portions) == 1:
        first = avail - len(keyword) - 1
        escaped = escape(text)
        if (len(escaped) if narrow else _width(escaped)) <= first:
            return [f'{head}"{escaped}"']  # fits as it is: no need to look for breaks
        units = _units(portions[0])
        if len(units) == 1:  # one unbreakable word wider than the line stays on it
            return [f'{head}"{units[0]}"']
        return [f'{head}""', *[f'{prefix}"{line}"' for line in _fill(units, avail, avail, narrow)]]
    out = [f'{head}""']
    for portion in portions:
        out.extend(f'{prefix}"{line}"' for line in _fill(_units(portion), avail, avail, narrow))
    return out


def wrap_references(references: tuple[str, ...]) -> list[str]:
    """`#:` lines: references joined by spaces, a new line when one would pass column 79.

    >>> refs = tuple(f"sources/warning-signs.md:{n}" for n in (16, 18, 20))
    >>> for line in wrap_references(refs):
    ...     print(line)
    #: sources/warning-signs.md:16 sources/warning-signs.md:18
    #: sources/warning-signs.md:20
    """
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
