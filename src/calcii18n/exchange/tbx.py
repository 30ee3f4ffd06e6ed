"""TBX (ISO 30042) both ways: the glossary out as a termbase, a termbase in as a glossary.

Out (`glossary_to_tbx`): TBX 2019 in the TBX-Basic dialect, `<tbx type="TBX-Basic"
style="dca">` in the namespace urn:iso:std:iso:30042:ed-2; with `legacy=True` the TBX 2008
form, `<martif type="TBX-Basic">` with termEntry/langSet/tig, which translate-toolkit
(and so Weblate) and memoQ read: they do not read TBX 2019. The one mapping table:

| glossary (locale/glossary.toml)    | TBX (2008 names in brackets)                            |
|------------------------------------|---------------------------------------------------------|
| `[terms."english"]`                | conceptEntry (termEntry), its English term in langSec   |
|                                    | (langSet) `xml:lang="en"`, administrativeStatus         |
|                                    | preferredTerm-admn-sts                                  |
| the term's `note`                  | `<note>` of the conceptEntry                            |
| a locale, `es`, `zh_Hans`          | langSec `xml:lang="es"`, `"zh-Hans"`                    |
| the locale's `note`                | `<note>` of the langSec                                 |
| preferred                          | termSec (tig), termNote administrativeStatus            |
|                                    | `preferredTerm-admn-sts`                                |
| admitted                           | `admittedTerm-admn-sts`                                 |
| deprecated (replaced, old)         | `supersededTerm-admn-sts`                               |
| forbidden (never use)              | `deprecatedTerm-admn-sts`                               |
| `do_not_translate`                 | a conceptEntry with the English term only and           |
|                                    | `<descrip type="Translation needed">No</descrip>`       |

TBX-Basic has no "forbidden": CAT tools (memoQ, Pontoon) write a forbidden term as
deprecatedTerm-admn-sts, ISO's "rejected by the terminology authority", so that is ours;
our softer "deprecated" (replaced by the preferred term) is ISO's supersededTerm. "Do not
translate" is not TBX-Basic either; `Translation needed: No` is what TermWeb writes and
translate-toolkit and Weblate read (a read-only, untranslatable term).

In (`tbx_to_glossary`): someone else's file, parsed only through `xmlsafe.parse`. Both
forms, both styles of status: `<termNote type="administrativeStatus">` (or
`normativeAuthorization`, TBX-Default) and the DCT element `<administrativeStatus>`. The
values: preferred and standardized terms are preferred; admitted, legal and regulated
ones admitted; superseded, obsolete and notRecommended ones deprecated; deprecated and
forbidden ones forbidden (with or without `Term-admn-sts`, any case). A term without a
status is the langSec's preferred term if it has none and this is the first such term,
else admitted. Notes: `<note>` and `<descrip>` (no type, definition, usage note) of the
concept and of its English langSec make the term's note; those of another langSec, and
of its terms (prefixed "term: "), that locale's note. Refused, as `path:line` with
nothing imported: an unknown status, a langSec without a language or with one CLDR does
not know, a term with two statuses, an English term in two concepts, a term that is both
do-not-translate and translated (a preferred or admitted term in a concept of its own).
Left out and said so: a concept without English, English synonyms, translations of a
do-not-translate term (in its own concept).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from calcii18n.errors import Calcii18nError
from calcii18n.exchange.xmlsafe import ExchangeError, line, local, parse
from calcii18n.glossary import Concept, Glossary, LocaleTerms, entry_problem, text_problem
from calcii18n.locales import normalise

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
          "deprecated": "supersededTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
_FROM_TBX = {"preferred": "preferred", "standardized": "preferred",
             "admitted": "admitted", "legal": "admitted", "regulated": "admitted",
             "superseded": "deprecated", "obsolete": "deprecated",
             "notrecommended": "deprecated", "deprecated": "forbidden",
             "forbidden": "forbidden"}
_NAMES = {"2019": ("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec"),
          "2008": ("martif", "martifHeader", "termEntry", "langSet", "tig")}
_NOTE_KINDS = ("", "definition", "usagenote", "explanation")


# --- out -------------------------------------------------------------------------------


def glossary_to_tbx(glossary: Glossary, *, legacy: bool = False,
                    title: str = "calcii18n glossary") -> bytes:
    """The glossary as a TBX-Basic document (2019, or 2008 with `legacy`), UTF-8,
    indented, ending in a newline; the `inflected` setting is the project's, not
    terminology, and stays out.

    >>> g = Glossary(("CUA",), (("dialysis", (("es", "diálisis"),)),))
    >>> tbx_to_glossary(glossary_to_tbx(g), "g.tbx").glossary == g
    True
    """
    root_name, header_name, entry_name, lang_name, term_name = _NAMES[
        "2008" if legacy else "2019"]
    ns = "" if legacy else f"{{{TBX_NS}}}"

    def sub(parent: etree._Element, name: str, text: str | None = None,
            **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, ns + name, attributes)
        element.text = text
        return element

    def lang_sec(entry: etree._Element, code: str, note: str,
                 terms: tuple[tuple[str, str], ...]) -> None:
        section = sub(entry, lang_name, **{XML_LANG: code.replace("_", "-")})
        if note:
            sub(section, "note", note)
        for term, status in terms:
            term_sec = sub(section, term_name)
            sub(term_sec, "term", term)
            sub(term_sec, "termNote", TO_TBX[status], type="administrativeStatus")

    nsmap: Any = None if legacy else {None: TBX_NS}  # (lxml's stubs omit the None prefix)
    root = etree.Element(ns + root_name, nsmap=nsmap)
    root.attrib.update({"type": "TBX-Basic"} if legacy else {"type": "TBX-Basic",
                                                             "style": "dca"})
    root.set(XML_LANG, "en")
    file_desc = sub(sub(root, header_name), "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", title)
    sub(sub(file_desc, "sourceDesc"), "p", "Written by calcii18n from locale/glossary.toml")
    body = sub(sub(root, "text"), "body")
    try:
        for number, term in enumerate(glossary.do_not_translate, start=1):
            entry = sub(body, entry_name, id=f"dnt{number}")
            sub(entry, "descrip", "No", type="Translation needed")
            lang_sec(entry, "en", "", ((term, "preferred"),))
        for number, concept in enumerate(glossary.concepts, start=1):
            entry = sub(body, entry_name, id=f"c{number}")
            if concept.note:
                sub(entry, "note", concept.note)
            lang_sec(entry, "en", "", ((concept.english, "preferred"),))
            for terms in concept.locales:
                lang_sec(entry, terms.locale, terms.note, terms.by_status())
    except ValueError:  # lxml refuses text XML 1.0 cannot carry (control characters)
        raise ExchangeError("", None, "a glossary term or note holds a control character "
                            "XML cannot carry; fix the glossary") from None
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# --- in --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Termbase:
    """A TBX file as a glossary, and what was left out of it (`path:line: why` each)."""

    glossary: Glossary
    entries: int = 0  # concept entries read
    left_out: tuple[str, ...] = field(default=())
    # The line of each English term's concept entry, by casefold; a do-not-translate
    # term's entry rather than a concept of the same term.
    lines: dict[str, int | None] = field(default_factory=dict, compare=False)


@dataclass(slots=True)
class _Term:
    text: str
    status: str | None  # None: the file gives none
    line: int | None


def tbx_to_glossary(data: bytes, path: str) -> Termbase:
    """Read a TBX file (2019 or 2008); an ExchangeError naming `path:line` if refused."""
    root = parse(data, path)
    if local(root) not in ("tbx", "martif"):
        raise ExchangeError(path, line(root), f"not a TBX file: the root element is "
                            f"<{local(root)}>, not <tbx> or <martif>")
    keep: dict[str, int | None] = {}  # do-not-translate terms, the line of each
    concepts: dict[str, Concept] = {}
    first_line: dict[str, int | None] = {}
    left_out: list[str] = []
    count = 0
    for entry in root.iter():
        if local(entry) not in ("conceptEntry", "termEntry"):
            continue
        count += 1
        read = _ReadConcept(entry, path, left_out)
        if read.do_not_translate:
            keep.update({t: line(entry) for t in read.do_not_translate if t not in keep})
            continue
        concept = read.concept()
        if concept is None:
            continue
        key = concept.english.casefold()
        if key in first_line:
            raise ExchangeError(path, line(entry), f"the English term {concept.english!r} "
                                f"is also in the concept on line {first_line[key]}: the "
                                "glossary keeps one entry per English term, so merge them")
        first_line[key], concepts[key] = line(entry), concept
    glossary = Glossary(tuple(keep), concepts=tuple(concepts.values()))
    kept = {term.casefold(): where for term, where in reversed(keep.items())}
    if clash := glossary.translated_but_kept():
        key = clash[0].english.casefold()
        raise ExchangeError(path, first_line[key], f"{clash[0].english!r} is translated here "
                            f"({clash[1].locale}) but do-not-translate in the concept on line "
                            f"{kept[key] or '?'}: keep it unchanged or translate it, not both")
    return Termbase(glossary, count, tuple(left_out), {**first_line, **kept})


class _ReadConcept:
    """One conceptEntry (termEntry): its English, its locales, its notes."""

    def __init__(self, entry: etree._Element, path: str, left_out: list[str]) -> None:
        self.entry, self.path, self.left_out = entry, path, left_out
        self.english: list[_Term] = []
        self.notes = _notes(entry)
        self.locales: dict[str, tuple[list[_Term], list[str], int | None]] = {}
        for section in entry:
            if local(section) in ("langSec", "langSet"):
                self._lang_sec(section)
        self.do_not_translate = self._untranslatable()

    def _where(self, element: etree._Element) -> str:
        return f"{self.path}:{line(element) or '?'}"

    def _lang_sec(self, section: etree._Element) -> None:
        given = (section.get(XML_LANG) or "").strip()
        if not given:
            raise ExchangeError(self.path, line(section), f"<{local(section)}> without "
                                "xml:lang: which language its terms are in is unknown")
        try:
            code = normalise(given)
        except Calcii18nError as exc:
            raise ExchangeError(self.path, line(section), exc.message) from None
        terms, notes = [], _notes(section)
        for term_sec in section:
            if local(term_sec) in ("termSec", "tig", "ntig"):
                read = self._term(term_sec)
                if read is not None:
                    terms.append(read)
                    notes += [f"{read.text}: {note}" for note in _notes(term_sec, True)]
        if code == "en" or code.startswith("en_"):
            self.english += terms
            self.notes += notes
            return
        before = self.locales.setdefault(code, ([], [], line(section)))
        before[0].extend(terms)
        before[1].extend(notes)

    def _term(self, term_sec: etree._Element) -> _Term | None:
        term = next((e for e in term_sec.iter() if local(e) == "term"), None)
        # A line break in a term is the file's layout (a wrapped <term>), not the term's.
        text = re.sub(r"\s*[\n\r\t]\s*", " ", _text(term)) if term is not None else ""
        if not text:
            return None  # an empty placeholder (Weblate writes <tig><term/></tig>)
        status = None
        for node in term_sec.iter():
            name = local(node) if local(node) != "termNote" else node.get("type") or ""
            if name.lower() == "administrativestatus":
                return _Term(text, _status(node, self.path), line(term_sec))
            if name.lower() == "normativeauthorization":  # TBX-Default's, if no other
                status = _status(node, self.path)
        return _Term(text, status, line(term_sec))

    def _untranslatable(self) -> tuple[str, ...]:
        """The English terms, if the concept says `Translation needed: No`."""
        said = [_kind(node) == "translationneeded" and _text(node).lower() == "no"
                for node in self.entry.iter() if local(node) in ("descrip", "termNote")]
        if not any(said):
            return ()
        if self.locales:
            self.left_out.append(f"{self._where(self.entry)}: translations of a "
                                 "do-not-translate term (not imported)")
        return tuple(t.text for t in self.english if t.status not in ("deprecated",
                                                                       "forbidden"))

    def concept(self) -> Concept | None:
        english = _resolve(self.english)
        key = english.preferred or next(iter(english.admitted), "")
        if not key:
            self.left_out.append(f"{self._where(self.entry)}: a concept without an "
                                 "English term (not imported)")
            return None
        others = [t for t, _ in english.by_status() if t != key]
        if others:
            self.left_out.append(f"{self._where(self.entry)}: English synonyms of {key!r} "
                                 f"({', '.join(map(repr, others))}): the glossary keys a "
                                 "concept by one English term (not imported)")
        locales = []
        for code, (terms, notes, where) in self.locales.items():
            if not terms:
                continue
            entry = _resolve(terms, code, "\n".join(notes))
            if problem := entry_problem(entry):
                raise ExchangeError(self.path, where, f"{code}: {problem}")
            locales.append(entry)
        note = "\n".join(self.notes)
        if problem := (text_problem(key, one_line=True) or text_problem(note, False)):
            raise ExchangeError(self.path, line(self.entry), f"{key!r}: {problem}")
        return Concept(key, tuple(locales), note)


def _resolve(terms: list[_Term], code: str = "en", note: str = "") -> LocaleTerms:
    """One language's terms by status: an unmarked term is preferred if none is and it
    comes first, else admitted; a term given twice with one status counts once."""
    has_preferred = any(t.status == "preferred" for t in terms)
    by: dict[str, list[str]] = {status: [] for status in TO_TBX}
    for term in terms:
        status = term.status
        if status is None:
            status = "admitted" if has_preferred or by["preferred"] else "preferred"
        elif status == "preferred" and by["preferred"]:
            status = "admitted"  # one preferred term per locale: the first
        if term.text not in by[status]:
            by[status].append(term.text)
    return LocaleTerms(code, next(iter(by["preferred"]), ""), tuple(by["admitted"]),
                       tuple(by["deprecated"]), tuple(by["forbidden"]), note)


def _status(node: etree._Element, path: str) -> str:
    value = _text(node)
    key = "".join(value.lower().removesuffix("-admn-sts").split()).replace("-", "")
    key = key.replace("_", "").removesuffix("term")
    if key not in _FROM_TBX:
        raise ExchangeError(path, line(node), f"unknown administrativeStatus {value!r} "
                            f"(known: {', '.join(TO_TBX.values())}, and forbidden)")
    return _FROM_TBX[key]


def _notes(element: etree._Element, deep: bool = False) -> list[str]:
    """The texts of the element's notes and descriptions (its own, and with `deep` those
    of its descendants too), not of its langSecs or termSecs."""
    return [_text(node) for node in _own(element, deep)
            if (local(node) == "note" or (local(node) == "descrip"
                                          and _kind(node) in _NOTE_KINDS)) and _text(node)]


def _own(element: etree._Element, deep: bool) -> Iterator[etree._Element]:
    for child in element:
        if local(child) in ("langSec", "langSet", "termSec", "tig", "ntig"):
            continue
        yield child
        if deep or local(child) in ("descripGrp", "adminGrp", "termNoteGrp"):
            yield from _own(child, deep)


def _kind(node: etree._Element) -> str:
    return "".join((node.get("type") or "").lower().split())


def _text(node: etree._Element) -> str:
    return "".join(t for t in node.itertext() if isinstance(t, str)).strip()
