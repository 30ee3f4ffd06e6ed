"""The project glossary (locale/glossary.toml): terms never translated, and required terms.

    do_not_translate = ["CUA", "Sensipar"]      # must appear unchanged in every translation

    [terms."sodium thiosulfate"]               # English term (matched case-insensitively)
    es = "tiosulfato de sodio"                  # what each locale must use for it
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from calcii18n import locales as locale_codes
from calcii18n._util.tomlfile import key_lines, line_at, parse_toml
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


def parse_glossary(text: str, path: str) -> Glossary:
    """Validate the glossary; every mistake is a `path:line` error, on the line of the key
    as TOML reads it (a quoted `[terms."sodium thiosulfate"]` or `"es" = ...` too)."""
    data = parse_toml(text, path)
    lines = key_lines(text)
    for key in data:
        if key not in ("do_not_translate", "terms"):
            raise Calcii18nError(path, line_at(lines, key), f"unknown key {key!r} (known: "
                                 "do_not_translate, terms)")
    keep = data.get("do_not_translate", [])
    if not isinstance(keep, list) or not all(isinstance(t, str) and t.strip() for t in keep):
        raise Calcii18nError(path, line_at(lines, "do_not_translate"),
                             "do_not_translate must be a list of non-empty texts")
    terms_raw = data.get("terms", {})
    if not isinstance(terms_raw, dict):
        raise Calcii18nError(path, line_at(lines, "terms"), "terms must be a table")
    terms = []
    for english, targets in terms_raw.items():
        where = line_at(lines, "terms", english)
        if not isinstance(targets, dict):
            raise Calcii18nError(path, where, f"terms.{english} must be a table of locale = "
                                 "term")
        pairs = []
        for code, target in targets.items():
            try:
                normal = locale_codes.normalise(code)
            except Calcii18nError as exc:
                raise Calcii18nError(path, line_at(lines, "terms", english, code),
                                     exc.message) from None
            if not isinstance(target, str) or not target.strip():
                raise Calcii18nError(path, line_at(lines, "terms", english, code),
                                     f"terms.{english}.{code} must be a non-empty text")
            pairs.append((normal, target.strip()))
        terms.append((english, tuple(pairs)))
    return Glossary(tuple(t.strip() for t in keep), tuple(terms))


def contains_term(text: str, term: str, case_sensitive: bool = False) -> bool:
    """The term is in the text as a whole word (or words).

    A term's edge that is a letter or digit of an alphabet written with spaces between
    words (Latin, Greek, Cyrillic, Armenian, Georgian, Cherokee; full-width and
    mathematical forms count as Latin) must not touch another such letter or digit, or a
    combining mark: "Sensiparo" and "Sensipar2" do not contain "Sensipar". Invisible format
    characters do not separate words (Sensipar, a zero-width space, o prints "Sensiparo").
    Letters of other scripts are a boundary: Chinese, Japanese and Thai are written
    without spaces and Korean, Japanese, Arabic and Indic scripts attach particles and
    clitics to a word, so "服用Sensipar。", "Sensipar를" and "بـSensipar" contain the brand.
    An edge in one of those scripts needs no boundary at all: "硫代硫酸钠" is found inside
    a Chinese sentence. Punctuation, symbols and spaces are boundaries ("_Sensipar_",
    "Sensipar®", "Sensipar'ı").

    >>> contains_term("Tome Sensipar®.", "Sensipar"), contains_term("Tome Sensiparo.", "Sensipar")
    (True, False)
    """
    if case_sensitive and term not in text:
        return False
    pattern = _pattern(term, case_sensitive)
    match = pattern.search(text)
    while match is not None:  # each occurrence, overlapping ones too
        if _whole_word(text, match.start(), match.end(), term):
            return True
        match = pattern.search(text, match.start() + 1)
    return False


@lru_cache(maxsize=1024)
def _pattern(term: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(re.escape(term), 0 if case_sensitive else re.IGNORECASE)


def _spaced(char: str) -> bool:
    """A letter or digit of an alphabet whose words end at a space (or at punctuation)."""
    if not char.isalnum():
        return False
    folded = unicodedata.normalize("NFKC", char)[:1] or char
    return folded.isdigit() or unicodedata.name(folded, "").split(" ")[0] in _SPACED


_SPACED = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "GEORGIAN", "CHEROKEE")


def _neighbour(text: str, index: int, step: int) -> str:
    """The visible character next to `index` in direction `step` (format characters are
    invisible, so they join what is on either side); "" at either end of the text."""
    while 0 <= index < len(text) and unicodedata.category(text[index]) == "Cf":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _whole_word(text: str, start: int, end: int, term: str) -> bool:
    """The occurrence text[start:end] is not part of a longer word (see contains_term)."""
    for edge, char in ((term[0], _neighbour(text, start - 1, -1)),
                       (term[-1], _neighbour(text, end, 1))):
        if _spaced(edge) and char and (_spaced(char) or unicodedata.category(char)[0] == "M"):
            return False
    return True
