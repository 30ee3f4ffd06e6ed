"""The project glossary (locale/glossary.toml): terms never translated, and each key
term's translations with their status.

    do_not_translate = ["CUA", "Sensipar"]      # must appear unchanged in every translation
    inflected = ["fi", "pl"]                    # locales whose words take endings (below)

    [terms."sodium thiosulfate"]               # English term (matched case-insensitively)
    note = "Given into a vein during dialysis." # about the concept (optional)
    es = "tiosulfato de sodio"                  # a text: the preferred term
    fr = { preferred = "thiosulfate de sodium", forbidden = ["hyposulfite"] }

    [terms."sodium thiosulfate".de]            # the same as an inline table, as a table
    preferred = "Natriumthiosulfat"             # what a translation should use...
    admitted = ["Natriumthiosulfat-Lösung"]     # ...or this (counts as the term, too)
    deprecated = ["Natriumhyposulfit"]          # replaced: an error when used
    forbidden = ["Thio"]                        # never: an error when used
    note = "Fachsprache der Klinik"             # about the terms of this locale

`glossary-term` (a warning) wants the preferred term or an admitted one in a translation
whose English has the English term; `glossary-forbidden` (an error) refuses a deprecated
or forbidden term there. A do-not-translate term with a preferred or admitted term is
refused (`check` would want the English kept and translated). A regional locale's entry
(es_MX) replaces its language's (es); without one, es_MX takes es's, and es takes the one
regional entry there is (es_ES from a tool that always writes a region; none when es_ES
and es_MX are both there).

Inflection allowance: languages such as Finnish, Polish or Hungarian put endings on nouns
("natriumtiosulfaatilla": with sodium thiosulfate), so an exact term check would warn on
correct text (Weblate's glossary check learned this). For a locale listed in `inflected`
(its language code covers its regions) a word of the text counts as a word of a preferred
or admitted term when it begins with the word's stem — the word less its last two letters
(less one for a word of four or five letters; all of it if shorter) — and is at most four
letters longer than the word, case aside: "natriumtiosulfaatti" also matches
"natriumtiosulfaatilla", "tiosiarczan sodu" also "tiosiarczanem sodu". Deprecated and
forbidden terms are always matched exactly, as whole words (contains_term).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from calcii18n import locales as locale_codes
from calcii18n._util.tomlfile import key_lines, line_at, parse_toml
from calcii18n.errors import Calcii18nError

STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
_ENTRY_KEYS = (*STATUSES, "note")
_TOP_KEYS = ("do_not_translate", "inflected", "terms")


@dataclass(frozen=True, slots=True)
class LocaleTerms:
    """One locale's terms for one English term, by status, and a note about them."""

    locale: str
    preferred: str = ""
    admitted: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    note: str = ""

    def accepted(self) -> tuple[str, ...]:
        """What a translation may use: the preferred term first, then the admitted ones."""
        return ((self.preferred,) if self.preferred else ()) + self.admitted

    def avoided(self) -> tuple[tuple[str, str], ...]:
        """(term, status) of every deprecated and forbidden term."""
        return (tuple((term, "deprecated") for term in self.deprecated)
                + tuple((term, "forbidden") for term in self.forbidden))

    def by_status(self) -> tuple[tuple[str, str], ...]:
        """(term, status) of every term: preferred, admitted, deprecated, forbidden."""
        first = ((self.preferred, "preferred"),) if self.preferred else ()
        return first + tuple((term, "admitted") for term in self.admitted) + self.avoided()


@dataclass(frozen=True, slots=True)
class Concept:
    """An English term (the glossary's key), a note about it, and its terms per locale."""

    english: str
    locales: tuple[LocaleTerms, ...] = ()
    note: str = ""


Preferred = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]


@dataclass(frozen=True, slots=True)
class Glossary:
    """The glossary as values (hashable: caches key on it). `concepts` holds every term
    with its status; `terms` only the preferred ones, (English, ((locale, term), ...)), the
    shape glossaries had before statuses. Give one of the two; the other is derived."""

    do_not_translate: tuple[str, ...] = ()
    terms: Preferred = field(default=())
    concepts: tuple[Concept, ...] = ()
    inflected: tuple[str, ...] = ()  # locale codes with the inflection allowance

    def __post_init__(self) -> None:
        if not self.concepts:
            object.__setattr__(self, "concepts", tuple(
                Concept(english, tuple(LocaleTerms(code, term) for code, term in pairs))
                for english, pairs in self.terms))
            return
        derived = tuple((c.english, tuple((t.locale, t.preferred) for t in c.locales
                                          if t.preferred)) for c in self.concepts)
        if self.terms and self.terms != derived:
            raise ValueError("Glossary: `terms` and `concepts` disagree; give one of them")
        object.__setattr__(self, "terms", derived)

    def in_locale(self, locale: str) -> tuple[tuple[Concept, LocaleTerms], ...]:
        """Each concept with the entry that serves `locale` (es_MX's own, else es's)."""
        return _in_locale(self, locale)

    def required(self, locale: str) -> list[tuple[str, str]]:
        """(English term, preferred term) for a locale; es_MX falls back to es."""
        return [(c.english, t.preferred) for c, t in self.in_locale(locale) if t.preferred]

    def is_inflected(self, locale: str) -> bool:
        """Whether the inflection allowance applies to `locale` (or its language)."""
        return any(code in self.inflected for code in locale_codes.fallbacks(locale))

    def all_terms(self) -> tuple[str, ...]:
        return self.do_not_translate + tuple(c.english for c in self.concepts)

    def translated_but_kept(self) -> tuple[Concept, LocaleTerms] | None:
        """A do-not-translate term (case aside) with a preferred or admitted term too, and
        the entry that has it: `check` would want both the English and the translation."""
        kept = {term.casefold() for term in self.do_not_translate}
        return next(((c, e) for c in self.concepts if c.english.casefold() in kept
                     for e in c.locales if e.accepted()), None)


@lru_cache(maxsize=64)
def _in_locale(glossary: Glossary, locale: str) -> tuple[tuple[Concept, LocaleTerms], ...]:
    order = locale_codes.fallbacks(locale)
    found = []
    for concept in glossary.concepts:
        entries = {entry.locale: entry for entry in concept.locales}
        entry = next((entries[code] for code in order if code in entries), None)
        longer = [e for code, e in entries.items() if code.startswith(f"{locale}_")]
        entry = entry or (longer[0] if len(longer) == 1 else None)
        if entry is not None:
            found.append((concept, entry))
    return tuple(found)


def entry_problem(entry: LocaleTerms) -> str | None:
    """What is wrong with one locale's terms, in words (None: nothing). A term is one
    line of text and has one status; at least one term is given."""
    return found[0] if (found := _entry_issue(entry)) else None


def _entry_issue(entry: LocaleTerms) -> tuple[str, str] | None:
    """The problem, and the key (status or note) it is under."""
    terms = entry.by_status()
    if not terms:
        return "give at least one term (preferred, admitted, deprecated or forbidden)", ""
    seen: dict[str, str] = {}
    for term, status in terms:
        if problem := text_problem(term, one_line=True):
            return f"{term!r} {problem}", status
        before = seen.get(term.casefold())
        if before is not None:
            return (f"{term!r} is listed twice as {status}" if before == status
                    else f"{term!r} is both {before} and {status}"), status
        seen[term.casefold()] = status
    problem = text_problem(entry.note, one_line=False)
    return (f"the note {problem}", "note") if problem else None


def text_problem(text: str, one_line: bool) -> str | None:
    """A control character in a term (or, but for tab and newline, in a note)."""
    allowed = "" if one_line else "\n\t"
    for char in text:
        if (unicodedata.category(char) == "Cc" or char in "\u2028\u2029") and (
                char not in allowed):
            return (f"holds a control character (U+{ord(char):04X}): a term is one line of "
                    "text" if one_line else f"holds a control character (U+{ord(char):04X})")
    return None


class _Bad(Exception):
    """A glossary mistake and the TOML key path whose line it is on."""

    def __init__(self, message: str, *key: str) -> None:
        super().__init__(message)
        self.message, self.key = message, key


def parse_glossary(text: str, path: str) -> Glossary:
    """Validate the glossary; every mistake is a `path:line` error, on the line of the key
    as TOML reads it (a quoted `[terms."sodium thiosulfate"]` or `"es" = ...` too)."""
    data = parse_toml(text, path)
    try:
        return _glossary(data)
    except _Bad as bad:
        raise Calcii18nError(path, line_at(key_lines(text), *bad.key), bad.message) from None


def _glossary(data: dict[str, Any]) -> Glossary:
    for key in data:
        if key not in _TOP_KEYS:
            raise _Bad(f"unknown key {key!r} (known: {', '.join(_TOP_KEYS)})", key)
    keep = data.get("do_not_translate", [])
    if not isinstance(keep, list) or not all(isinstance(t, str) and t.strip() for t in keep):
        raise _Bad("do_not_translate must be a list of non-empty texts", "do_not_translate")
    for term in keep:
        if problem := text_problem(term, one_line=True):
            raise _Bad(f"do_not_translate: {term!r} {problem}", "do_not_translate")
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        raise _Bad("terms must be a table", "terms")
    kept = {term.strip().casefold() for term in keep}
    concepts = tuple(_concept(english, value, kept) for english, value in terms.items())
    return Glossary(tuple(t.strip() for t in keep), concepts=concepts,
                    inflected=_inflected_codes(data.get("inflected", [])))


def _inflected_codes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise _Bad("inflected must be a list of locale codes, such as [\"fi\", \"pl\"]",
                   "inflected")
    try:
        return tuple(dict.fromkeys(locale_codes.normalise(code) for code in value))
    except Calcii18nError as exc:
        raise _Bad(f"inflected: {exc.message}", "inflected") from None


def _concept(english: str, value: Any, kept: set[str]) -> Concept:
    """One term's table; refused if it translates a term of `kept` (do_not_translate)."""
    where = ("terms", english)
    if not isinstance(value, dict):
        raise _Bad(f"terms.{english} must be a table of locale = term", *where)
    if problem := text_problem(english, one_line=True) if english.strip() else "is empty":
        raise _Bad(f"the English term {english!r} {problem}", *where)
    note = value.get("note", "")
    if not isinstance(note, str) or text_problem(note, one_line=False):
        raise _Bad(f"terms.{english}.note must be a text without control characters",
                   *where, "note")
    entries: dict[str, LocaleTerms] = {}
    for code, given in value.items():
        if code == "note":
            continue
        try:
            normal = locale_codes.normalise(code)
        except Calcii18nError as exc:
            raise _Bad(exc.message, *where, code) from None
        if normal in entries:
            raise _Bad(f"terms.{english}.{code}: {normal} is given twice", *where, code)
        entries[normal] = _entry(english, code, normal, given)
        if english.strip().casefold() in kept and entries[normal].accepted():
            raise _Bad(f"terms.{english}.{code}: {english.strip()!r} is in do_not_translate"
                       ": keep it unchanged or translate it, not both", *where, code)
    return Concept(english.strip(), tuple(entries.values()), note.strip())


def _entry(english: str, code: str, normal: str, given: Any) -> LocaleTerms:
    """One locale's value: a text (the preferred term) or a table of statuses and note."""
    name, where = f"terms.{english}.{code}", ("terms", english, code)
    if isinstance(given, str):
        if not given.strip():
            raise _Bad(f"{name} must be a non-empty text", *where)
        given = {"preferred": given}
    if not isinstance(given, dict):
        raise _Bad(f"{name} must be a term (a text) or a table of {', '.join(_ENTRY_KEYS)}",
                   *where)
    for key, value in given.items():
        if key not in _ENTRY_KEYS:
            raise _Bad(f"unknown key {key!r} in {name} (known: {', '.join(_ENTRY_KEYS)})",
                       *where, key)
        listed = value if key in STATUSES[1:] else [value]
        if not isinstance(listed, list) or not all(isinstance(t, str) for t in listed) or (
                key != "note" and not all(t.strip() for t in listed)):
            kind = {"preferred": "a non-empty text", "note": "a text"}.get(
                key, "a list of non-empty texts")
            raise _Bad(f"{name}.{key} must be {kind}", *where, key)
    admitted, deprecated, forbidden = (tuple(t.strip() for t in given.get(status, []))
                                       for status in STATUSES[1:])
    entry = LocaleTerms(normal, given.get("preferred", "").strip(), admitted, deprecated,
                        forbidden, given.get("note", "").strip())
    if issue := _entry_issue(entry):
        raise _Bad(f"{name}: {issue[0]}", *where, *([issue[1]] if issue[1] else []))
    return entry


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
    return next(_spans(text, term, case_sensitive), None) is not None


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


def contains_inflected(text: str, term: str) -> bool:
    """The term as a whole word, or its words with endings (the inflection allowance in
    this module's docstring).

    >>> contains_inflected("Saat natriumtiosulfaatilla hoitoa.", "natriumtiosulfaatti")
    True
    >>> contains_inflected("Podaje się tiosiarczanem sodu.", "tiosiarczan sodu")
    True
    >>> contains_inflected("Saat natriumia.", "natriumtiosulfaatti")
    False
    """
    return contains_term(text, term) or _inflected(term).search(text) is not None


_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1024)
def _inflected(term: str) -> re.Pattern[str]:
    words = _WORDS.findall(term) or [term]
    body = r"[\W_]+".join(_stem(word) for word in words)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def _stem(word: str) -> str:
    """A word as a pattern: its stem, then up to four letters more than the stem lost."""
    keep = len(word) if len(word) < 4 else len(word) - 1 if len(word) < 6 else len(word) - 2
    return re.escape(word[:keep]) + rf"[^\W\d_]{{0,{len(word) - keep + 4}}}"


def contains_term_outside(text: str, term: str, others: Iterable[str]) -> bool:
    """The term is in the text as a whole word, somewhere other than inside one of the
    `others` (whole words too): a deprecated "tiosulfato" inside the preferred
    "tiosulfato de sodio" is not a use of "tiosulfato".

    >>> contains_term_outside("Tiosulfato, o tiosulfato de sodio.", "tiosulfato",
    ...                       ["tiosulfato de sodio"])
    True
    """
    covered = [span for other in others for span in _spans(text, other)]
    return any(not any(a <= start and end <= b for a, b in covered)
               for start, end in _spans(text, term))


def _spans(text: str, term: str, case_sensitive: bool = False) -> Iterator[tuple[int, int]]:
    """Each place the term is a whole word in the text (case aside unless case_sensitive)."""
    pattern = _pattern(term, case_sensitive)
    match = pattern.search(text)
    while match is not None:
        if _whole_word(text, match.start(), match.end(), term):
            yield match.start(), match.end()
        match = pattern.search(text, match.start() + 1)
