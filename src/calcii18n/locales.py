"""Locale facts: codes validated against CLDR through Babel, fallbacks, and
Plural-Forms headers from one table of our own (resources/plural-forms.tsv).

Babel writes whatever its CLDR release says, and CLDR 47 gave Spanish, French, Italian,
Catalan and Portuguese a third "many" form that msginit, Poedit and Weblate do not write.
A header that changes when a dependency is upgraded would split one project's catalogues
in two; so the formulas live in a table we ship, and only an edit to it changes them.
Where GNU gettext's own table (msginit) has a language, its formula is used; README's
"Plural forms" section says where the other rows come from.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

from calcii18n.errors import Calcii18nError

_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


def normalise(code: str, where: str = "") -> str:
    """Return the locale code we use for folders and headers, or raise a clear error.

    CLDR spelling wins where only case or separator differ (zh-hans -> zh_Hans); an alias
    that CLDR resolves to another name (tl -> fil_PH) keeps the code the user chose.

    >>> normalise("zh-hans"), normalise("pt-br"), normalise("tl")
    ('zh_Hans', 'pt_BR', 'tl')
    >>> normalise("spanish", "calcii18n.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    calcii18n.errors.Calcii18nError: calcii18n.toml: 'spanish' is not a locale code (...)
    >>> normalise("xx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    calcii18n.errors.Calcii18nError: unknown locale 'xx': CLDR has no such language (...)
    """
    if not code or not _SHAPE.match(code):
        raise Calcii18nError(where, None, f"{code!r} is not a locale code (examples: es, "
                             "zh_Hans, pt_BR, ar)")
    underscored = code.replace("-", "_")
    try:
        locale = Locale.parse(underscored)
    except (UnknownLocaleError, ValueError):
        raise Calcii18nError(where, None, f"unknown locale {code!r}: CLDR has no such "
                             "language (examples: es, zh_Hans, pt_BR, ar)") from None
    canonical = str(locale)
    return canonical if canonical.lower() == underscored.lower() else underscored


def fallbacks(code: str) -> list[str]:
    """A normalised code, then each shorter form of it: pt_BR → [pt_BR, pt],
    zh_Hant_TW → [zh_Hant_TW, zh_Hant, zh]. Never a sibling: zh_Hant never reaches zh_Hans.

    >>> fallbacks("pt_BR")
    ['pt_BR', 'pt']
    >>> fallbacks("zh_Hant_TW")
    ['zh_Hant_TW', 'zh_Hant', 'zh']
    """
    parts = code.split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def nplurals(plural_forms: str | None) -> int:
    """The number of forms a Plural-Forms header declares (2, gettext's default, if none).

    >>> nplurals("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);")
    3
    >>> nplurals(None)
    2
    """
    found = re.search(r"nplurals\s*=\s*(\d+)", plural_forms or "")
    return int(found.group(1)) if found else 2


def display_name(code: str) -> str:
    """The language's name in its own script, e.g. español, العربية.

    >>> display_name("es"), display_name("ar")
    ('español', 'العربية')
    """
    locale = Locale.parse(code)
    return locale.get_display_name(locale) or code


def english_name(code: str) -> str:
    return Locale.parse(code).english_name or code


TABLE = "plural-forms.tsv"


@functools.cache
def table() -> dict[str, str]:
    """Code (language, or language_REGION where that differs) → Plural-Forms value."""
    text = resources.files("calcii18n").joinpath("resources", TABLE).read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, formula, _origin = line.split("\t")
            rows[code] = formula
    return rows


def plural_forms(code: str) -> str:
    """The Plural-Forms header for a normalised locale code: the row for the whole code
    (pt_BR), else for its language (zh_Hans → zh).

    >>> plural_forms("es")  # two forms, whatever CLDR's release says (module docstring)
    'nplurals=2; plural=(n != 1);'
    >>> plural_forms("pt_BR"), plural_forms("zh_Hans")
    ('nplurals=2; plural=(n > 1);', 'nplurals=1; plural=0;')
    """
    rows = table()
    for candidate in fallbacks(code):
        if candidate in rows:
            return rows[candidate]
    raise Calcii18nError("", None, f"no plural rule for {code!r} in calcii18n's table "
                         f"({TABLE}); please report the language so it can be added")


# How a locale prints: one table per locale (resources/locales.toml), which a project
# extends or overrides in calcii18n.toml under [languages.<code>]. What is not set there
# comes from CLDR, so a new language needs a line of configuration, not code.

LOCALE_TABLE = "locales.toml"
# CLDR numbering systems → the CSS counter style that writes page numbers in those digits
# (the styles WeasyPrint predefines).
COUNTER_STYLES = {
    "latn": "decimal", "arab": "arabic-indic", "arabext": "persian", "deva": "devanagari",
    "beng": "bengali", "guru": "gurmukhi", "gujr": "gujarati", "orya": "oriya",
    "taml": "tamil", "telu": "telugu", "knda": "kannada", "mlym": "malayalam",
    "thai": "thai", "laoo": "lao", "khmr": "khmer", "mymr": "myanmar", "tibt": "tibetan",
    "mong": "mongolian", "hanidec": "cjk-decimal",
}
READABILITY = ("validated", "none")
_FIELDS = {"fonts": 'a list of font family names (letters, digits, spaces, "-", "." and "_")',
           "direction": '"ltr" or "rtl"',
           "script": "an ISO 15924 code such as Arab or Mymr",
           "digits": "a CLDR numbering system: " + ", ".join(COUNTER_STYLES),
           "hyphenate": "true or false", "endonym": "the language's name in itself",
           "readability": " or ".join(f'"{r}"' for r in READABILITY)}


@dataclass(frozen=True, slots=True)
class Profile:
    """How one locale prints. `fonts`: its script's families, first choice first (the
    Latin font always follows, fonts.stack); `digits`: the CLDR numbering system page
    numbers are written in; `hyphenate`: whether the renderer may break words (off unless
    set: a drug name split over two lines is easily misread)."""

    code: str
    fonts: tuple[str, ...]
    direction: str
    script: str
    digits: str
    hyphenate: bool
    endonym: str
    readability: str

    @property
    def counter_style(self) -> str:
        return COUNTER_STYLES[self.digits]


Row = tuple[tuple[str, Any], ...]  # (field, value) as written, checked by `check_row`


def _valid(key: str, value: Any) -> bool:
    if key == "fonts":  # printed into CSS: a name is letters, digits, spaces, - . _
        return isinstance(value, list) and all(
            isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._-]*", v)
            for v in value)
    if key in ("script", "endonym"):
        return isinstance(value, str) and bool(
            value.strip() if key == "endonym" else re.fullmatch(r"[A-Z][a-z]{3}", value))
    if key == "hyphenate":
        return isinstance(value, bool)
    allowed = {"direction": ("ltr", "rtl"), "digits": tuple(COUNTER_STYLES),
               "readability": READABILITY}[key]
    return isinstance(value, str) and value in allowed


def check_row(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field, what is wrong) for the first bad setting of a table row, else None."""
    for key, value in row.items():
        if key not in _FIELDS:
            return key, f"unknown setting {key!r} (known: {', '.join(_FIELDS)})"
        if not _valid(key, value):
            return key, f"{key} must be {_FIELDS[key]}"
    return None


def frozen_row(row: Mapping[str, Any]) -> Row:
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in row.items())


@dataclass(frozen=True, slots=True)
class LocaleTable:
    """The shipped rows, then the project's ([languages] in calcii18n.toml), each a code
    and its settings; a project row overrides only the settings it names."""

    project: tuple[tuple[str, Row], ...] = ()

    def profile(self, code: str) -> Profile:
        return _profile(self.project, code)


@functools.cache
def shipped_rows() -> dict[str, Row]:
    """resources/locales.toml, checked like a project's rows (a bad row is our bug)."""
    text = resources.files("calcii18n").joinpath("resources", LOCALE_TABLE).read_text(
        encoding="utf-8")
    rows = {}
    for code, row in tomllib.loads(text).items():
        bad = check_row(row)
        if bad:
            raise Calcii18nError(LOCALE_TABLE, None, f"[{code}] {bad[1]}")
        rows[code] = frozen_row(row)
    return rows


@functools.cache
def _profile(project: tuple[tuple[str, Row], ...], code: str) -> Profile:
    """Settings from the least to the most specific: CLDR, the shipped rows (language,
    then the whole code), the project's rows in the same order."""
    settings: dict[str, Any] = {}
    chain = fallbacks(code)[::-1]
    ours = dict(project)
    for rows in (shipped_rows(), ours):
        for candidate in chain:
            settings.update(rows.get(candidate, ()))
    cldr = _cldr(code)
    return Profile(code, tuple(settings.get("fonts", ())),
                   settings.get("direction", cldr.text_direction),
                   settings.get("script", _likely_script(code)),
                   settings.get("digits", _digits(cldr)),
                   settings.get("hyphenate", False),
                   settings.get("endonym", cldr.get_display_name(cldr) or code),
                   settings.get("readability", "none"))


def _cldr(code: str) -> Locale:
    """CLDR's data for the code, else for its nearest known form (en_XA → en)."""
    for candidate in fallbacks(code):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def _digits(cldr: Locale) -> str:
    system = cldr.default_numbering_system
    return system if system in COUNTER_STYLES else "latn"


def _likely_script(code: str) -> str:
    """The ISO 15924 script: the code's own (zh_Hans), else CLDR's likely one (ar → Arab)."""
    likely: Mapping[str, str] = get_global("likely_subtags")
    for candidate in (code, likely.get(code, ""), likely.get(code.split("_")[0], "")):
        script = parse_locale(candidate)[2] if candidate else None
        if script:
            return script
    return "Latn"


def profile(code: str) -> Profile:
    """The shipped profile of a locale, with no project settings (tests, the review
    sheet's defaults)."""
    return _profile((), code)
