"""The project glossary (locale/glossary.toml): terms never translated, and required terms.

    do_not_translate = ["CUA", "Sensipar"]      # must appear unchanged in every translation

    [terms."sodium thiosulfate"]               # English term (matched case-insensitively)
    es = "tiosulfato de sodio"                  # what each locale must use for it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from calcii18n import locales as locale_codes
from calcii18n._util.tomlfile import parse_toml
from calcii18n.errors import Calcii18nError


@dataclass(frozen=True, slots=True)
class Glossary:
    do_not_translate: tuple[str, ...] = ()
    terms: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = field(default=())

    def required(self, locale: str) -> list[tuple[str, str]]:
        """(English term, required target term) for a locale; es_MX falls back to es."""
        out = []
        language = locale.split("_")[0]
        for english, targets in self.terms:
            found = dict(targets)
            target = found.get(locale) or found.get(language)
            if target:
                out.append((english, target))
        return out

    def all_terms(self) -> tuple[str, ...]:
        return self.do_not_translate + tuple(english for english, _ in self.terms)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    return 1


def parse_glossary(text: str, path: str) -> Glossary:
    """Validate the glossary; every mistake is a `path:line` error."""
    data = parse_toml(text, path)
    for key in data:
        if key not in ("do_not_translate", "terms"):
            raise Calcii18nError(path, _line_of(text, key), f"unknown key {key!r} (known: "
                                 "do_not_translate, terms)")
    keep = data.get("do_not_translate", [])
    if not isinstance(keep, list) or not all(isinstance(t, str) and t.strip() for t in keep):
        raise Calcii18nError(path, _line_of(text, "do_not_translate"),
                             "do_not_translate must be a list of non-empty texts")
    terms_raw = data.get("terms", {})
    if not isinstance(terms_raw, dict):
        raise Calcii18nError(path, _line_of(text, "terms"), "terms must be a table")
    terms = []
    for english, targets in terms_raw.items():
        where = _line_of(text, english)
        if not isinstance(targets, dict):
            raise Calcii18nError(path, where, f"terms.{english} must be a table of locale = "
                                 "term")
        pairs = []
        for code, target in targets.items():
            try:
                normal = locale_codes.normalise(code)
            except Calcii18nError as exc:
                raise Calcii18nError(path, _line_of(text, f"{code} ="), exc.message) from None
            if not isinstance(target, str) or not target.strip():
                raise Calcii18nError(path, _line_of(text, f"{code} ="),
                                     f"terms.{english}.{code} must be a non-empty text")
            pairs.append((normal, target.strip()))
        terms.append((english, tuple(pairs)))
    return Glossary(tuple(t.strip() for t in keep), tuple(terms))


def contains_term(text: str, term: str, case_sensitive: bool = False) -> bool:
    """Whole-word match where the term starts/ends with a word character."""
    flags = 0 if case_sensitive else re.IGNORECASE
    left = r"(?<!\w)" if term[:1].isalnum() else ""
    right = r"(?!\w)" if term[-1:].isalnum() else ""
    return re.search(left + re.escape(term) + right, text, flags) is not None
