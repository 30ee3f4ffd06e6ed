"""Plural-Forms headers from one table of our own (resources/plural-forms.tsv).

Babel writes whatever its CLDR release says, and CLDR 47 gave Spanish, French, Italian,
Catalan and Portuguese a third "many" form that msginit, Poedit and Weblate do not write.
A header that changes when a dependency is upgraded would split one project's catalogues
in two; so the formulas live in a table we ship, and only an edit to it changes them.
Where GNU gettext's own table (msginit) has a language, its formula is used; README's
"Plural forms" section says where the other rows come from.
"""

from __future__ import annotations

import functools
from importlib import resources

from calcii18n.errors import Calcii18nError
from calcii18n.locales import fallbacks

TABLE = "plural-forms.tsv"


@functools.cache
def table() -> dict[str, str]:
    """Code (language, or language_REGION where that differs) → Plural-Forms value."""
    text = resources.files("calcii18n.resources").joinpath(TABLE).read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, formula, _origin = line.split("\t")
            rows[code] = formula
    return rows


def plural_forms(code: str) -> str:
    """The Plural-Forms header for a normalised locale code: the row for the whole code
    (pt_BR), else for its language (zh_Hans → zh)."""
    rows = table()
    for candidate in fallbacks(code):
        if candidate in rows:
            return rows[candidate]
    raise Calcii18nError("", None, f"no plural rule for {code!r} in calcii18n's table "
                         f"({TABLE}); please report the language so it can be added")
