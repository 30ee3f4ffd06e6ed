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
from importlib import resources

from babel import Locale, UnknownLocaleError

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
