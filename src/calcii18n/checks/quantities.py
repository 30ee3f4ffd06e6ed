"""Find phone numbers, numbers, units and ranges in text, in any of our scripts.

Digits of every script (Arabic-Indic, Persian, Devanagari, full-width...) are read as
their values, and decimal and grouping signs are read the way the locale writes them
(CLDR, via Babel): "2,5" is 2.5 in Spanish and "1.000" is a thousand there.

Text is read as a reader sees it (`normalise`): compatibility forms are folded (NFKC:
"５ｍｇ" is 5 mg, "㎎" is mg, "1⁰" is 10) and invisible format characters are dropped, so
a look-alike cannot hide a changed figure from the number, unit and phone checks. That
look-alikes and invisible characters are there at all is the `characters` check's finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

ARABIC_DECIMAL = "\u066b"
ARABIC_GROUP = "\u066c"
_SPACES = "\u00a0\u202f"
# Longest first: "mg/kg" before "mg", "mmol/l" before "mmol".
UNITS: dict[str, tuple[str, ...]] = {
    "mg/kg": ("mg/kg", "мг/кг", "毫克/公斤", "毫克/千克", "ملغ/كغ", "मिग्रा/किग्रा"),
    "mmol/l": ("mmol/l", "mmol/L", "ммоль/л", "毫摩尔/升", "مليمول/لتر"),
    "mg/dl": ("mg/dl", "mg/dL", "мг/дл", "毫克/分升", "ملغ/دل"),
    "mcg": ("mcg", "µg", "μg", "мкг", "微克", "ميكروغرام", "माइक्रोग्राम", "میکروگرم", "میکروگرمی",
            "micrograms", "microgram", "microgramos", "microgramo", "mikrogram"),
    "mg": ("mg", "мг", "毫克", "ملغ", "ملغم", "مغ", "مجم", "ملجم", "مليغرام", "ملليغرام",
           "मिग्रा", "मि.ग्रा.", "मिलीग्राम",
           "میلی‌گرم", "میلی‌گرمی", "میلی گرم", "ملی گرام", "miligramo", "miligramos", "miligram",
           "milligram", "milligrams"),
    "mmol": ("mmol", "ммоль", "毫摩尔", "مليمول"),
    "kg": ("kg", "кг", "千克", "公斤", "كغ", "كجم", "किग्रा", "किलोग्राम", "کیلوگرم", "کیلوگرمی",
           "کلو"),
    "ml": ("ml", "mL", "мл", "毫升", "مل", "मिली", "मि.ली.", "میلی‌لیتر", "میلی‌لیتری", "ملی لیٹر",
           "millilitres", "millilitre", "milliliters", "milliliter", "mililitros", "mililitro",
           "mililitro", "mililitr"),
    "g": ("g", "г", "克", "غ", "غرام", "جم", "ग्राम", "گرم", "گرمی", "گرام", "gramo", "gramos",
          "gram", "grams"),
    "l": ("l", "L", "л", "升", "لتر", "लीटर", "لیتر", "لیٹر"),
    "%": ("%", "\u066a", "％"),
    "cm": ("cm", "см", "厘米", "سم", "सेमी", "سانتی‌متر"),
    "mm": ("mm", "мм", "毫米", "مم", "मिमी", "میلی‌متر"),
}
# Persian writes "a 10-milligram tablet" with the suffix ی (قرص ۱۰ میلی‌گرمی), hence the
# -ی forms above.


class _Fold(dict[int, int | None]):
    """str.translate table for reading figures: digits of every script become 0-9 (٣ → 3,
    ३ → 3); invisible format characters (Unicode category Cf: bidi controls, direction
    marks, zero-width characters, the soft hyphen) are deleted, since a reader does not
    see them ("1\u200b0" prints as 10); Arabic yeh and kaf (ي ى ك, what an Arabic keyboard
    types in Persian) become the Persian letters (ی ک), so one table of unit words serves
    both spellings. Filled as characters are met, so a lookup is a dict hit."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        digit = unicodedata.decimal(char, None)
        value = (None if unicodedata.category(char) == "Cf" else
                 0x30 + digit if digit is not None else _LETTERS.get(char, code))
        self[code] = value
        return value


_LETTERS = {"\u064a": 0x06CC, "\u0649": 0x06CC, "\u0643": 0x06A9}
_FOLD = _Fold()
# NFKC turns these into a plain space, and they mean something in a number: a no-break
# space groups thousands in any locale, a plain space only where the locale says so.
_KEPT_SPACES = re.compile("([\u00a0\u202f])")


def normalise(text: str) -> str:
    """`text` as a reader sees it, for reading figures: NFKC (keeping no-break spaces),
    digits as 0-9, no invisible format characters, Arabic-keyboard yeh and kaf as Persian.

    >>> normalise("３Ｏ ㎎ ٣"), normalise("۱۰ ميلی\u200cگرم") == "10 میلیگرم"
    ('3O mg 3', True)
    """
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFKC", text):
        pieces = _KEPT_SPACES.split(text)
        text = "".join(piece if i % 2 else unicodedata.normalize("NFKC", piece)
                       for i, piece in enumerate(pieces))
    return text.translate(_FOLD)


# Unit words folded as the text is (میلی‌گرم is looked for as میلیگرم).
_UNIT_LOOKUP = sorted({(normalise(syn), unit): None for unit, syns in UNITS.items()
                       for syn in syns}, key=lambda p: -len(p[0]))
# The same synonyms by first character, longest first: a unit is looked for after every
# number, and only those starting with the next character can match.
_UNITS_BY_FIRST: dict[str, list[tuple[str, str]]] = {}
for _synonym, _unit in _UNIT_LOOKUP:
    _UNITS_BY_FIRST.setdefault(_synonym[0], []).append((_synonym, _unit))
_DIGITS = re.compile(r"\d")
_PHONE = re.compile(r"(?<![\w.,])\+?\d(?:[\d\u00a0\u202f ()./-]*\d)(?![\w])")
# A bare decimal mark before a digit (".5", ",5") starts a number, unless it follows a
# letter, a digit or another mark: ".5 ml" is half a millilitre, not 5.
_NUMBER = re.compile(r"(?:(?<![\w.,\u066b])[.,\u066b](?=\d))?"
                     r"\d+(?:[.,\u066b\u066c\u00a0\u202f'’ ]\d+)*")
# 1 000 000 or 10 000: thousands grouped by (no-break) spaces, not a phone number.
_SPACED_NUMBER = re.compile(r"[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+")
_PERCENT = "%\u066a％"
_RANGE = re.compile(r"(\d+(?:[.,\u066b]\d+)?)\s*[–—-]\s*(\d+(?:[.,\u066b]\d+)?)")


@lru_cache(maxsize=64)
def _symbols(locale: str) -> tuple[str, str]:
    try:
        return get_decimal_symbol(locale), get_group_symbol(locale)
    except UnknownLocaleError:  # CLDR has no such locale (codes are checked on input)
        return ".", ","


@dataclass(frozen=True, slots=True)
class Quantities:
    """What a text says in figures: phones (digit strings), numbers, units, ranges."""

    phones: Counter[str]
    numbers: Counter[Decimal]
    units: Counter[str]
    ranges: tuple[tuple[Decimal, Decimal], ...]
    sequence: tuple[Decimal, ...]


_NOTHING = Quantities(Counter(), Counter(), Counter(), (), ())


def _phone_digits(match: str) -> str | None:
    if _SPACED_NUMBER.fullmatch(match.strip()):
        return None
    digits = re.sub(r"\D", "", match)
    separated = re.search(r"[\s\u00a0\u202f()./-]", match.strip()) is not None
    if len(digits) >= 7 and (separated or match.startswith(("+", "0"))):
        return ("+" if match.startswith("+") else "") + digits
    return None


def _value(token: str, decimal: str, group: str) -> list[Decimal]:
    """Read one run of digits and separators; fall back to separate integers if unclear."""
    token = token.replace(ARABIC_DECIMAL, "\x00").replace(ARABIC_GROUP, "\x01")
    parts = re.split(r"([^\d])", token)
    numbers, seps = parts[0::2], parts[1::2]
    if not seps:
        return [Decimal(token)]
    # No-break spaces and apostrophes group thousands in any locale; a plain space only
    # where the locale groups with spaces ("2 500 mg" may be 2 × 500 elsewhere).
    groupish = {group, "\x01", "'", "’", *_SPACES} | ({" "} if group in _SPACES else set())
    # A lone "." or "," before other than three digits cannot be grouping: it is a
    # decimal mark, whichever the locale prefers ("2.5" in a Spanish text is 2.5).
    last_is_decimal = seps[-1] in (decimal, "\x00") or (
        seps[-1] in ".," and len(numbers[-1]) != 3)
    body_seps = seps[:-1] if last_is_decimal else seps
    body_groups = numbers[1:-1] if last_is_decimal else numbers[1:]
    # Groups of three, or Indian grouping (1,00,000): twos, then a final three.
    grouped = bool(body_groups) and len(body_groups[-1]) == 3 and all(
        len(g) in (2, 3) for g in body_groups[:-1]) and len(set(map(len, body_groups[:-1]))) <= 1
    if all(s in groupish for s in body_seps) and (not body_seps or grouped) and (
            not body_seps or len(numbers[0]) <= 3):
        whole = "".join(numbers[:-1] if last_is_decimal else numbers)
        text = f"{whole}.{numbers[-1]}" if last_is_decimal else whole
        try:
            return [Decimal(text)]
        except InvalidOperation:
            pass
    return [Decimal(n) for n in numbers if n]


@lru_cache(maxsize=256)
def quantities(text: str, locale: str) -> Quantities:
    """Everything numeric in `text`, read as `locale` writes numbers.

    Cached: four checks ask for the same message's quantities in a row. Callers must not
    modify the result (its Counters are shared).
    """
    if not _DIGITS.search(text) and (text.isascii()
                                     or unicodedata.is_normalized("NFKC", text)):
        return _NOTHING  # every quantity, phone and range starts with a digit
    text = normalise(text)
    if not _DIGITS.search(text):
        return _NOTHING
    decimal, group = _symbols(locale)
    phones: Counter[str] = Counter()

    def take_phone(m: re.Match[str]) -> str:
        digits = _phone_digits(m.group(0))
        if digits is None:
            return m.group(0)
        phones[digits] += 1
        return " "

    rest = _PHONE.sub(take_phone, text)
    ranges = tuple((v1[0], v2[0]) for a, b in _RANGE.findall(rest)
                   if len(v1 := _value(a, decimal, group)) == 1
                   and len(v2 := _value(b, decimal, group)) == 1)
    sequence: list[Decimal] = []
    units: Counter[str] = Counter()
    for match in _NUMBER.finditer(rest):
        token = match.group(0).rstrip(" ")
        sequence.extend(_value(token, decimal, group))
        unit = _unit_after(rest, match.start() + len(token))
        if unit is None and match.start() > 0 and rest[match.start() - 1] in _PERCENT:
            unit = "%"  # Turkish and others write %50
        if unit:
            units[unit] += 1
    return Quantities(phones, Counter(v.normalize() for v in sequence), units, ranges,
                      tuple(v.normalize() for v in sequence))


def _unit_after(text: str, pos: int) -> str | None:
    tail = text[pos:pos + 24].lstrip(" \u00a0\u202f")
    for synonym, unit in _UNITS_BY_FIRST.get(tail[:1], ()):
        if tail.startswith(synonym):
            after = tail[len(synonym):len(synonym) + 1]
            last = synonym[-1]
            # A unit word must end there ("5 g", not "5 good"); CJK has no spaces to wait for.
            if not last.isalpha() or unicodedata.east_asian_width(last) == "W" or not (
                    after.isalpha()):
                return unit
    return None


def has_digits(text: str) -> bool:
    return _DIGITS.search(text) is not None
