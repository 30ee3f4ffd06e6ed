"""Locale codes, validated against CLDR through Babel."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from calcii18n.errors import Calcii18nError

_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


def normalise(code: str, where: str = "") -> str:
    """Return the locale code we use for folders and headers, or raise a clear error.

    CLDR spelling wins where only case or separator differ (zh-hans -> zh_Hans); an alias
    that CLDR resolves to another name (tl -> fil_PH) keeps the code the user chose.
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
    zh_Hant_TW → [zh_Hant_TW, zh_Hant, zh]. Never a sibling: zh_Hant never reaches zh_Hans."""
    parts = code.split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def nplurals(plural_forms: str | None) -> int:
    """The number of forms a Plural-Forms header declares (2, gettext's default, if none)."""
    found = re.search(r"nplurals\s*=\s*(\d+)", plural_forms or "")
    return int(found.group(1)) if found else 2


def display_name(code: str) -> str:
    """The language's name in its own script, e.g. español, العربية."""
    locale = Locale.parse(code)
    return locale.get_display_name(locale) or code


def english_name(code: str) -> str:
    return Locale.parse(code).english_name or code
