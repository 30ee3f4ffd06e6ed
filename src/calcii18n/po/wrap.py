"""Lay out one PO string the way GNU msgcat does, so our files are msgcat fixed points.

GNU gettext wraps at 79 columns using Unicode line breaking (UAX #14, as implemented by
libunistring 1.0 for msgcat 0.21). We take break opportunities from ICU (icu4py; ~2,000×
faster than the pure-Python uniseg, whose results are the same) and adjust the places where
libunistring's older rules differ, found by differential tests against `msgcat` and
libunistring itself (tests/po/test_interop_gettext.py, test_po_wrap.py,
test_po_wrap_scripts.py). Thai, Lao, Khmer and Myanmar letters are plain letters to
libunistring (no dictionary: no break inside a word), so ICU sees stand-ins for them. A break
is allowed after `.`-like punctuation (class IS) before a letter (`care@clinic.` / `example`),
after a hyphen before a letter (ICU's LB20a keeps `\u00a0-word` and ` -word` whole), and
after spaces next to a quotation mark (ICU keeps `« texte »` whole); never next to a
quotation mark otherwise (class QU), never before IS (` .5`), and never inside the old LB25
pairs ICU applies only within numbers: a closing bracket before `$`, `%` or an escape (`)\t`),
a slash before a digit (`/5`). Line-break classes come from uniseg's property table.
Column widths are libunistring's (columns.py).
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
import unicodedata
from typing import ClassVar

from icu4py.breakers import LineBreaker
from uniseg.linebreak import line_break

from calcii18n.po.columns import width as _width

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
# only ever measured escaped, as two ASCII characters).
_NARROW = re.compile("[\x07-\x0d\x20-\x7e\xa0-\xac\xae-\u02ff]*")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters after which Unicode line breaking must break (NEL, LINE and PARAGRAPH
# SEPARATOR; the others are escaped before breaking): msgcat keeps them inside a line.
_HARD_BREAK = re.compile("[\x85\u2028\u2029]")


def escape(text: str) -> str:
    r"""Escape a string for a PO quoted literal: backslash, double quote and the controls
    C names. Every other character is written as it is: the files are UTF-8.

    >>> print(escape('Call "999"\tnow\n'))
    Call \"999\"\tnow\n
    >>> escape("Llame al 999 — señal «grave»")
    'Llame al 999 — señal «grave»'
    """
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


class _ClassLetters(dict[int, str]):
    """str.translate table: a character's line-break class as one letter, for the classes
    the libunistring adjustments look at (x for every other class)."""

    _LETTER: ClassVar[dict[str, str]] = {
        "AL": "A", "HL": "H", "IS": "I", "QU": "Q", "OP": "O", "PR": "R", "PO": "P", "SP": "S",
        "CL": "C", "CP": "K", "SY": "Y", "NU": "N", "HY": "-", "BA": "B", "CM": "M", "ZW": "Z",
        "EX": "E", "WJ": "W", "B2": "2", "NS": "J", "CJ": "J",  # CJ: libunistring resolves to NS
        "AI": "A",  # libunistring resolves AI (ambiguous) to AL
        # Classes libunistring 1.0 does not have, which ICU breaks by: T, D and V are replaced
        # by stand-ins of the class libunistring gives (_STAND_INS) before ICU sees the text.
        "SA": "T",  # Thai, Lao, Khmer, Myanmar...: AL, marks too (no dictionary, no break)
        "AK": "T", "AS": "T", "AP": "T",  # Balinese, Javanese... (UAX #14 LB28a): AL or NU
        "VI": "V", "VF": "V"}  # their viramas: CM

    def __missing__(self, code: int) -> str:
        letter = self._LETTER.get(str(line_break(chr(code))), "x")
        if letter == "T" and unicodedata.category(chr(code)) == "Nd":
            letter = "D"
        self[code] = letter
        return letter


_CLASSES = _ClassLetters()


class _StandIns(dict[int, str]):
    """str.translate table: what ICU is shown instead of a character of a class libunistring
    does not have (T, D, V above): a, 0 or U+0301, of the class libunistring gives it."""

    _STAND_IN: ClassVar[dict[str, str]] = {"T": "a", "D": "0", "V": "\u0301"}

    def __missing__(self, code: int) -> str:
        stand_in = self._STAND_IN.get(_CLASSES[code], chr(code))
        self[code] = stand_in
        return stand_in


_STAND_INS = _StandIns()
# A Hebrew letter with marks between it and a hyphen, or after the hyphen: ICU applies LB21a
# ("HL (HY|BA) ×") through the marks (LB9), libunistring only to the characters just before
# and after the hyphen, so ICU is shown a Latin letter instead (our rules still see HL).
_HL_MARKED = re.compile("H(?=M+[-B]|[-B]M)")
# No break next to QU (with its marks, LB9), unless after a space or a zero-width space
# (LB8: ZW ÷); ICU's LB19a breaks between a quotation mark and East Asian characters. A break
# is removed before each match's last character.
_QU_BREAK = re.compile("(?<=[^SZ])Q|(?<=Q)M*.")
# Breaks libunistring allows after spaces (LB18, SP ÷), where ICU does not (LB15a, LB15b,
# LB16, LB14 before a mark), at the end of each match: after a quotation mark and spaces
# (`« texte`), unless before SP, ZW, WJ, CL, CP, EX, IS, SY (LB7, LB11, LB13) or OP (old LB15,
# QU SP* × OP); before a quotation mark after spaces (`texte »`), unless an opening bracket
# precedes them (LB14, OP SP* ×); between CP, spaces and NS (libunistring's LB16 is for CL
# only); and before a combining mark, which it takes for a letter (LB10) even after an
# opening bracket. Marks before the spaces count as the character they follow (LB9).
_BREAK_AFTER_SPACES = re.compile(
    "(?<=Q)M*S+(?=[^SZCKEIYWO])|(?<![OSM])M*S+(?=Q)|(?<=K)M*S+(?=J)|S+(?=M)")
# Never before IS after spaces, unless after ZW: libunistring has LB13 (× IS) without ICU's
# LB15c exception (SP ÷ IS NU, ` .5`). Old LB15 "QU SP* × OP", LB25 "(PR|PO) × OP"; the
# marks after a character count as that character (LB9).
_OP_IS_GLUE = re.compile("(?:QM*S*|[RP]M*)(O)|(?<![SZ])S+(I)")
# Old LB25 pairs that ICU allows only inside a number: "(CL|CP) × (PR|PO)" (which also glues
# a closing bracket to a following escape, `)\t`, since `\` is PR) and "SY × NU" (`/5`).
_NUMERIC_GLUE = re.compile("[CK]M*([RP])|YM*(N)")
# Breaks libunistring allows before the last character of: IS (and its marks, LB9) then a
# letter; a hyphen (HY, or BA such as U+2010) and its marks then a letter, as it has no
# LB20a; and IS or SY (and marks) then PR or PO (`.%`, `/$`). No match can start inside
# another.
_BREAK_BEFORE_LAST = re.compile("IM*[AH]|[-B]M*[AH]|[IY]M*[RP]")
# But never after a Hebrew letter and a hyphen: libunistring's LB21a, "HL (HY|BA) ×", which
# ICU narrowed to HY (this glue runs after the breaks above are added); nor between a slash
# (with its marks, LB9) and a Hebrew letter (LB21b, "SY × HL", for the letters ICU was
# shown as Latin ones). The break removed is before the match's group.
_HL_GLUE = re.compile("(?<=H[-B])(.)|YM*(H)")


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
    seen, classes = _icu_view(text)
    breaks = _icu_breaks(seen)
    breaks.update(m.end() - 1 for m in _BREAK_BEFORE_LAST.finditer(classes))
    # Each pattern below needs a letter most texts lack: test for it first, as a scan by a
    # pattern that starts with a look-behind costs more than ICU's own breaking.
    if "Q" in classes or "K" in classes or "SM" in classes:
        breaks.update(m.end() for m in _BREAK_AFTER_SPACES.finditer(classes))
    if "Q" in classes:
        breaks.difference_update(m.end() - 1 for m in _QU_BREAK.finditer(classes))
    if "O" in classes or "SI" in classes:
        breaks.difference_update(m.start(m.lastindex or 0)
                                 for m in _OP_IS_GLUE.finditer(classes))
    if "H" in classes:
        breaks.difference_update(m.start(m.lastindex or 0)
                                 for m in _HL_GLUE.finditer(classes))
    if "R" in classes or "P" in classes or "Y" in classes:
        breaks.difference_update(m.end() - 1 for m in _NUMERIC_GLUE.finditer(classes))
    breaks.difference_update(blocked)
    if _HARD_BREAK.search(text):  # GNU takes only possible breaks, never the mandatory
        breaks.difference_update(m.end() for m in _HARD_BREAK.finditer(text))
    cuts = [0, *sorted(i for i in breaks if 0 < i < len(text)), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _icu_view(text: str) -> tuple[str, str]:
    """The text ICU is given, and its class letters: characters of classes libunistring does
    not have are shown as stand-ins of the class it gives them (Thai, Lao, Khmer, Myanmar:
    AL, so no dictionary breaks inside words), and a Hebrew letter in _HL_MARKED as `a`."""
    classes = text.translate(_CLASSES)
    if "T" in classes or "D" in classes or "V" in classes:
        text = text.translate(_STAND_INS)
        classes = text.translate(_CLASSES)
    if "H" in classes and _HL_MARKED.search(classes):
        chars = list(text)
        for m in _HL_MARKED.finditer(classes):
            chars[m.start()] = "a"
        text = "".join(chars)
    return text, classes


def _icu_breaks(text: str) -> set[int]:
    """ICU's break opportunities in `text`, as code point indices."""
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
    return breaks


def _glue(units: list[str], portion: str, glued: frozenset[int], offset: int) -> list[str]:
    """Join a unit to the one before when it starts at a character (of the whole text, the
    portion starting at `offset`) a line may not break before. A unit holds whole escaped
    characters, so counting each one's escaped length finds where units start."""
    out: list[str] = []
    chars = iter(portion)
    at = offset
    for unit in units:
        if out and at in glued:
            out[-1] += unit
        else:
            out.append(unit)
        size = 0
        while size < len(unit):
            size += len(_ESCAPES.get(next(chars), "x"))
            at += 1
    return out


def _fill_hard(units: list[str], first: int, rest: int) -> list[str]:
    """_fill for text with NEL, LS or PS: libunistring starts counting columns again after
    each (a mandatory break), though GNU never breaks the line there."""
    lines: list[list[str]] = []
    line: list[str] = []
    column, limit = 0, first
    for unit in units:
        hard = list(_HARD_BREAK.finditer(unit))
        size = _width(unit[:hard[0].start()] if hard else unit)
        if line and column + size > limit:
            lines.append(line)
            line, column, limit = [], 0, rest
        line.append(unit)
        if hard:  # a new line as far as columns go: the whole width, from column 0
            column, limit = _width(unit[hard[-1].end():]), rest
        else:
            column += size
    return ["".join(done) for done in [*lines, line]] or [""]


def _fill(units: list[str], first: int, rest: int, narrow: bool) -> list[str]:
    """Greedy filling: the first line has `first` columns, the others `rest`; a unit wider
    than the line goes alone. `narrow`: every character is one column, width is length."""
    if any(_HARD_BREAK.search(unit) for unit in units):
        return _fill_hard(units, first, rest)
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


def wrap_string(keyword: str, text: str, prefix: str = "",
                glued: frozenset[int] = frozenset(), wrap: bool = True) -> list[str]:
    r"""Return the output lines for `keyword "text"`, with `prefix` ("#~ ", "#| ") on each,
    and no break before an index of `text` in `glued` (inside a format directive: see
    directives.py). Without `wrap` (a `no-wrap` entry) lines end only after a `\n`.

    Like GNU: a text of one portion that needs no break stays on the keyword's line (even
    if a single unbreakable word overflows it); otherwise the first line is `keyword ""`.

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
    avail = PAGE_WIDTH - len(prefix) - 2 if wrap else sys.maxsize  # room for the two quotes
    head = f"{prefix}{keyword} "
    narrow = _NARROW.fullmatch(text) is not None
    if len(portions) == 1:
        first = avail - len(keyword) - 1
        escaped = escape(text)
        if (len(escaped) if narrow else _width(escaped)) <= first:
            return [f'{head}"{escaped}"']  # fits as it is: no need to look for breaks
        units = _units(portions[0])
        if glued:
            units = _glue(units, portions[0], glued, 0)
        if _HARD_BREAK.search(text) and len(_fill(units, first, avail, narrow)) == 1:
            units = ["".join(units)]  # no break needed after all (see _fill_hard)
        if len(units) == 1:  # one unbreakable word wider than the line stays on it
            return [f'{head}"{units[0]}"']
        return [f'{head}""', *[f'{prefix}"{line}"' for line in _fill(units, avail, avail, narrow)]]
    out = [f'{head}""']
    offset = 0
    for portion in portions:
        units = _units(portion)
        if glued:
            units = _glue(units, portion, glued, offset)
        out.extend(f'{prefix}"{line}"' for line in _fill(units, avail, avail, narrow))
        offset += len(portion)
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
