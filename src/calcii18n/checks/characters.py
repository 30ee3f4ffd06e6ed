"""Characters a reviewer cannot see or misreads: invisible controls, look-alike digits.

A translation is approved by someone reading it. An invisible bidi override makes the
printed page say `6540 6497 020` for `020 7946 0456`; the letter O after a 3 reads as 30
while the number check reads 3; Devanagari digits in a Spanish leaflet are the right
numbers to the parser and unreadable to the patient. One check, `characters`, refuses
all of them, each named by code point and position.

Rules (README's "Checks" section lists them too):

- `INVISIBLE` characters are refused wherever the English (msgid or msgid_plural) has
  none of that character: every format character (Unicode category Cf, listed as ranges
  below so the list is explicit and a test keeps it complete), the invisible letters
  and marks U+034F, U+115F, U+1160, U+17B4, U+17B5, U+3164, U+FFA0, and the control
  characters but tab and newline (U+0000–0008, U+000B–001F, U+007F–009F: a PO file may
  hold them, GNU reads them, and the reader does too). Direction marks
  (LRM, RLM, ALM) are refused in right-to-left locales too: the renderer isolates
  numbers, dates and URLs as left-to-right runs itself, a reviewer cannot see a mark, and
  a mark between two groups of digits splits the run, so the groups print reversed.
- Except ZWNJ and ZWJ (U+200C, U+200D) inside a word of a script that needs them: a
  letter or combining mark of a joining script (Arabic with Persian, Urdu, Pashto...,
  Syriac, N'Ko, Mandaic, Mongolian, the Indic scripts from Devanagari to Sinhala) on both
  sides, or, in an Indic script, right after a virama (a half form or an old-style
  chillu may end a word).
- A look-alike (`LOOKALIKES`: Latin O o I l | Z S B, Greek Ο ο Ι Ζ Β, Cyrillic О о З з
  б Ӏ ӏ Ѕ) touching a digit is refused unless the English has the same word (vitamin
  B12, SpO2, Flat 4B, compared with Greek and Cyrillic letters read as the Latin ones
  they look like); `l` right after a number and not followed by a letter or digit is
  litres (5l), which the units check compares.
- Full-width and mathematical digits (U+FF10–FF19, U+1D7CE–1D7FF) are refused; other
  digits only where CLDR gives the locale that numbering system as its default or native
  one (ASCII 0–9 everywhere; an Arabic-Indic locale may use both ٠–٩ and ۰–۹); and one
  number may not mix digits of two scripts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from calcii18n.checks.base import CheckContext, Severity, check
from calcii18n.model import Message

# Refused unless the English has them: every format character (Cf) and a few invisible
# letters and marks; the joiners ZWNJ and ZWJ (U+200C, U+200D) separately, as words of
# some scripts need them.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
_BMP_INVISIBLE = _CONTROLS + (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164"
    "\ufeff\uffa0\ufff9-\ufffb")
_OTHER_INVISIBLE = _BMP_INVISIBLE + (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f")
_JOINERS = "\u200c\u200d"
INVISIBLE = _OTHER_INVISIBLE + _JOINERS
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MARKS = set("\u200e\u200f\u061c")
# Joining scripts: Arabic (with Supplement, Extended-A/B, presentation forms), Syriac,
# N'Ko, Mandaic, Mongolian, and the Indic blocks Devanagari..Sinhala.
_JOINING = ((0x0600, 0x077F), (0x07C0, 0x07FF), (0x0840, 0x08FF), (0x0900, 0x0DFF),
            (0x1800, 0x18AF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _char_class(codes: Iterable[int]) -> str:
    """A regex character class body for code points, as ranges."""
    spans: list[list[int]] = []
    for code in sorted(codes):
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                   for a, b in spans)


_WORD_PART = _char_class(c for low, high in _JOINING for c in range(low, high + 1)
                         if unicodedata.category(chr(c))[0] in "LM")
_VIRAMA = _char_class(c for c in range(0x0900, 0x0E00) if unicodedata.combining(chr(c)) == 9)
# A joiner not inside a word of a joining script: no letter or mark of one before it, or
# none after it unless it follows an Indic virama (a half form or an old-style chillu
# may end a word: ന്‍).
# (Each pattern starts with the character it looks for, which keeps the search fast.)
_STRAY_JOINER = (f"[{_JOINERS}](?:(?<![{_WORD_PART}][{_JOINERS}])|"
                 f"(?<![{_VIRAMA}][{_JOINERS}])(?![{_WORD_PART}]))")

# Look-alike -> the Latin character it passes for (itself for Latin and for letters that
# look like a digit only); a word with one of these next to a digit is compared with the
# English's words after this mapping.
LOOKALIKES = {
    "O": "O", "o": "o", "I": "I", "l": "l", "|": "|", "Z": "Z", "S": "S", "B": "B",
    "\u039f": "O", "\u03bf": "o", "\u0399": "I", "\u0396": "Z", "\u0392": "B",  # Greek
    "\u041e": "O", "\u043e": "o", "\u0417": "\u0417", "\u0437": "\u0437",  # Cyrillic О о З з
    "\u0431": "\u0431", "\u04c0": "I", "\u04cf": "l", "\u0405": "S",  # б Ӏ ӏ Ѕ
}
_LOOKS = "".join(LOOKALIKES).replace("|", r"\|")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_STRAY = re.compile(_STRAY_JOINER)
# First searches, kept cheap (checks run on 50k-message catalogues): a class of BMP code
# points is a table lookup, so every astral character counts as suspect here (report
# decides); joiners are looked at only in texts that have one.
_SCREEN = re.compile(f"[{_BMP_INVISIBLE}\U00010000-\U0010ffff]")
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_SUSPECT = re.compile(r"[0-9][OolIZSB|]|[OolIZSB|][0-9]")
_OTHER_DIGIT = re.compile(r"\d(?<![0-9])")
_LOOKALIKE = re.compile(f"[{_LOOKS}](?:(?<=\\d[{_LOOKS}])|(?=\\d))")
_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_ASCII_DIGIT = re.compile("[0-9]")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(f"(?:[^\\W_]|[{_LOOKS}])+")
_SKELETON = str.maketrans(LOOKALIKES)

# CLDR numbering system -> its digit zero (decimal systems that Unicode 14 has).
DIGIT_ZERO = {
    "adlm": 0x1E950, "ahom": 0x11730, "arab": 0x0660, "arabext": 0x06F0, "bali": 0x1B50,
    "beng": 0x09E6, "bhks": 0x11C50, "brah": 0x11066, "cakm": 0x11136, "cham": 0xAA50,
    "deva": 0x0966, "diak": 0x11950, "gong": 0x11DA0, "gonm": 0x11D50, "gujr": 0x0AE6,
    "guru": 0x0A66, "hmng": 0x16B50, "hmnp": 0x1E140, "java": 0xA9D0, "kali": 0xA900,
    "khmr": 0x17E0, "knda": 0x0CE6, "lana": 0x1A80, "lanatham": 0x1A90, "laoo": 0x0ED0,
    "latn": 0x0030, "lepc": 0x1C40, "limb": 0x1946, "mlym": 0x0D66, "modi": 0x11650,
    "mong": 0x1810, "mroo": 0x16A60, "mtei": 0xABF0, "mymr": 0x1040, "mymrshan": 0x1090,
    "mymrtlng": 0xA9F0, "newa": 0x11450, "nkoo": 0x07C0, "olck": 0x1C50, "orya": 0x0B66,
    "osma": 0x104A0, "rohg": 0x10D30, "saur": 0xA8D0, "shrd": 0x111D0, "sind": 0x112F0,
    "sinh": 0x0DE6, "sora": 0x110F0, "sund": 0x1BB0, "takr": 0x116C0, "talu": 0x19D0,
    "tamldec": 0x0BE6, "telu": 0x0C66, "thai": 0x0E50, "tibt": 0x0F20, "tirh": 0x114D0,
    "tnsa": 0x16AC0, "vaii": 0xA620, "wara": 0x118E0, "wcho": 0x1E2F0,
}
_ARABIC_INDIC = {0x0660, 0x06F0}  # ٠–٩ and ۰–۹: the same values, both typed in practice
_FULL_WIDTH = 0xFF10
_MATHEMATICAL = (0x1D7CE, 0x1D7FF)


@lru_cache(maxsize=64)
def locale_digits(locale: str) -> frozenset[int]:
    """Digit zeros a locale writes: 0-9, and CLDR's default and native numbering systems."""
    zeros = {0x30}
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):  # CLDR has no such locale: 0-9 only
        return frozenset(zeros)
    for system in (parsed.default_numbering_system,
                   parsed.other_numbering_systems.get("native")):
        zero = DIGIT_ZERO.get(system or "")
        if zero is not None:
            zeros.add(zero)
    if zeros & _ARABIC_INDIC:
        zeros |= _ARABIC_INDIC
    return frozenset(zeros)


def _zero(char: str) -> int:
    return ord(char) - unicodedata.decimal(char, 0)


def _name(char: str) -> str:
    fallback = "CONTROL CHARACTER" if unicodedata.category(char) == "Cc" else "unnamed character"
    return f"U+{ord(char):04X} {unicodedata.name(char, fallback)}"


_WHY = {
    **{chr(c): "a control character, which prints as nothing or as garbage"
       for c in [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]},
    **dict.fromkeys(_BIDI, "an invisible bidi control, which reorders what prints (a phone "
                    "number can print backwards)"),
    **dict.fromkeys(_MARKS, "an invisible direction mark (the renderer keeps numbers "
                    "left-to-right itself, and a mark between groups of digits prints them "
                    "reversed)"),
    **dict.fromkeys(_JOINERS, "an invisible joiner outside a word of a script that needs "
                    "one (letters of an Arabic-script or Indic word on both sides)"),
}


# Each finder yields (what groups findings, what the message shows, position, why).
Found = tuple[str, str, int, str]


def _invisible(text: str, source: str) -> Iterator[Found]:
    """Refused invisible characters, grouped by character."""
    for match in _INVISIBLE.finditer(text):
        char = match.group(0)
        if char in source or (char in _JOINERS and not _STRAY.match(text, match.start())):
            continue
        why = _WHY.get(char, "an invisible character a reviewer cannot see")
        yield char, _name(char), match.start(), f"{why}; the English has none"


def _digits(text: str, source: str, locale: str) -> Iterator[Found]:
    """Digits the locale does not write, grouped by script; numbers mixing scripts."""
    allowed = locale_digits(locale)
    scripts = {0x30} if _ASCII_DIGIT.search(text) else set()
    for match in _OTHER_DIGIT.finditer(text):
        char, zero = match.group(0), _zero(match.group(0))
        scripts.add(zero)
        if zero in allowed or char in source:
            continue
        if zero == _FULL_WIDTH or _MATHEMATICAL[0] <= ord(char) <= _MATHEMATICAL[1]:
            kind = "full-width" if zero == _FULL_WIDTH else "mathematical"
            why = f"a {kind} digit; write 0–9"
        else:
            written = " or ".join(f"{chr(z)}–{chr(z + 9)}" for z in sorted(allowed))
            kind = str(zero)
            why = f"a digit of a script {locale} does not use (it writes {written})"
        yield kind, f"{char!r} ({_name(char)})", match.start(), why
    if len(scripts) < 2:
        return  # one script of digits: no number can mix two
    for match in _NUMBER.finditer(text):
        if len({_zero(ch) for ch in match.group(0) if ch.isdigit()}) > 1:
            yield (match.group(0), repr(match.group(0)), match.start(),
                   "one number written with digits of two scripts")


def _lookalikes(text: str, source: str) -> Iterator[Found]:
    """Look-alikes of digits touching a digit, grouped by word."""
    english: set[str] | None = None
    for match in _LOOKALIKE.finditer(text):
        char, pos = match.group(0), match.start()
        after = text[pos + 1:pos + 2]
        if char == "l" and pos > 0 and text[pos - 1].isdigit() and not after.isalnum():
            continue  # 5l: litres, compared by the units check
        word = next(w for w in _WORD.finditer(text) if w.start() <= pos < w.end())
        if english is None:
            english = {w.translate(_SKELETON) for w in _WORD.findall(source)}
        if word.group(0).translate(_SKELETON) not in english:
            yield (word.group(0), repr(word.group(0)), word.start(),
                   f"{_name(char)} next to a digit reads as a digit; write the number "
                   "with digits only")


@lru_cache(maxsize=64)
def _screen(locale: str) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """For texts with digits: one search for a digit this locale does not write or a
    look-alike touching a digit, and one search per digit script it writes."""
    zeros = sorted(locale_digits(locale))
    written = "".join(f"{chr(z)}-{chr(z + 9)}" for z in zeros)
    suspect = re.compile(f"\\d(?<![{written}])|\\d[{_LOOKS}]|[{_LOOKS}]\\d")
    return suspect, tuple(re.compile(f"[{chr(z)}-{chr(z + 9)}]") for z in zeros)


def _clear(text: str, locale: str) -> bool:
    """Nothing `report` could refuse, found with a few searches (the joiners inside
    Persian or Hindi words are cleared by the search for stray ones)."""
    if text.isascii():
        return (not _ASCII_CONTROL.search(text)
                and (not _ASCII_DIGIT.search(text) or not _ASCII_SUSPECT.search(text)))
    if _SCREEN.search(text) or (("\u200c" in text or "\u200d" in text)
                                and _STRAY.search(text)):
        return False
    if not _DIGIT.search(text):
        return True
    suspect, scripts = _screen(locale)
    return not suspect.search(text) and sum(1 for s in scripts if s.search(text)) < 2


def problems(text: str, source: str, locale: str) -> list[str]:
    """Every refused character of one translation."""
    return [] if _clear(text, locale) else report(text, source, locale)


def report(text: str, source: str, locale: str) -> list[str]:
    """`problems` without the first search (a test holds the two to the same answers)."""
    first: dict[str, tuple[str, int, str, int]] = {}
    for key, shown, pos, why in (*_invisible(text, source),
                                 *_digits(text, source, locale), *_lookalikes(text, source)):
        seen = first.get(key)  # the first one is shown, the others counted
        first[key] = (shown, pos, why, 1) if seen is None else (*seen[:3], seen[3] + 1)
    return [f"{shown} at character {pos + 1}{f' (and {n - 1} more)' if n > 1 else ''}: {why}"
            for shown, pos, why, n in first.values()]


@check("characters", Severity.ERROR)
def characters(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """No invisible controls, and no look-alike, full-width or foreign digits."""
    source = msg.msgid + (msg.msgid_plural or "")
    plural = len(msg.msgstr) > 1
    for form, text in enumerate(msg.msgstr):
        if text:
            for problem in problems(text, source, ctx.locale):
                yield f"plural form {form}: {problem}" if plural else problem


CHECKS = (characters,)
