"""Our catalogues as XLIFF for an agency's CAT tool (Trados, memoQ, XTM, Phrase).

One `<file>` per leaflet; one unit per singular entry with a stable id built from the
leaflet, the section (msgctxt) and the entry id (`unit_id`); the entry's notes for the
translator and its section heading as `<note>`s; inline Markdown and `{placeholders}` as
`<ph>` codes (inline.py); and our state mapped by the one table below. Nothing we write
claims an approval we do not hold: only entries signed by every role the project
requires go out as `signed-off` / `final`.

| our state                     | XLIFF 1.2 state (approved)          | XLIFF 2.0 state (subState) |
|-------------------------------|-------------------------------------|----------------------------|
| untranslated                  | new (no)                            | initial                    |
| machine draft, unchanged      | needs-review-translation (no),      | initial                    |
|                               | state-qualifier="leveraged-mt"      | (calcii18n:mt-draft)       |
| fuzzy: the translator's doubt | needs-review-translation (no)       | initial (calcii18n:fuzzy)  |
| stale: the English changed    | needs-review-translation (no), the  | translated                 |
|                               | previous English in a note          | (calcii18n:stale)          |
| translated, not reviewed      | translated (no)                     | translated                 |
| reviewed (signed, every role) | signed-off (yes), the signatures'   | final                      |
|                               | roles and hash in a note            |                            |

Entries with plural forms are not exported (XLIFF has no portable form for gettext's
plural rules): the export says how many it left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from calcii18n.exchange.inline import Code, codes, split
from calcii18n.model import Message
from calcii18n.state import State, entry_id, text_digest

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
VERSIONS = ("1.2", "2.0")
SUBSTATE = "calcii18n"  # the prefix of our XLIFF 2.0 subState values

# our hand-off state -> (1.2 state, 1.2 state-qualifier, 2.0 state, 2.0 subState)
MAPPING: dict[str, tuple[str, str | None, str, str | None]] = {
    "untranslated": ("new", None, "initial", None),
    "machine": ("needs-review-translation", "leveraged-mt", "initial", "mt-draft"),
    "fuzzy": ("needs-review-translation", None, "initial", "fuzzy"),
    "stale": ("needs-review-translation", None, "translated", "stale"),
    "translated": ("translated", None, "translated", None),
    "reviewed": ("signed-off", None, "final", None),
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One entry to hand off, with what our state model says of it."""

    msg: Message
    state: State
    machine: bool = False  # a machine's draft nobody has changed or confirmed
    locked: bool = False  # the whole English is a do-not-translate term
    signed: str = ""  # for a reviewed entry: who signed in which roles, and the hash

    @property
    def handoff(self) -> str:
        if self.machine:
            return "machine"
        return self.state.value


@dataclass(frozen=True, slots=True)
class Leaflet:
    id: str
    units: tuple[Unit, ...]


_NOT_NMTOKEN = re.compile(r"[^\w.:-]")


def unit_id(leaflet: str, msg: Message) -> str:
    """`leaflet:section:entry`: stable while the section and its English stay the same,
    unique in the project, and a valid XML name token (XLIFF 2.0 requires one).

    >>> unit_id("warning-signs", Message("Painful purple patches.", msgctxt="symptoms"))
    'warning-signs:symptoms:8434426'
    """
    section = _NOT_NMTOKEN.sub("_", msg.msgctxt or "")
    return f"{leaflet}:{section}:{entry_id(msg)}"


def _default(ns: str) -> Any:
    """A default-namespace map (lxml takes None as the prefix; its stubs do not say so)."""
    return {None: ns}


def original(locale: str, leaflet: str) -> str:
    """The catalogue a `<file>` comes from, as the path under the locale folder: it also
    names the locale, so a file whose target language was changed shows it."""
    return f"{locale}/LC_MESSAGES/{leaflet}.po"


def write_xliff(locale: str, leaflets: Sequence[Leaflet], version: str,
                tool_version: str) -> bytes:
    """The XLIFF document (UTF-8 bytes) for one locale."""
    target = locale.replace("_", "-")
    fills: list[Fill] = []
    if version == "2.0":
        root = etree.Element(f"{{{NS20}}}xliff", nsmap=_default(NS20),
                             attrib={"version": "2.0", "srcLang": "en", "trgLang": target})
        for leaflet in leaflets:
            _file20(root, leaflet, locale, fills)
    else:
        root = etree.Element(f"{{{NS12}}}xliff", nsmap=_default(NS12), attrib={"version": "1.2"})
        for leaflet in leaflets:
            _file12(root, leaflet, locale, tool_version, fills)
    etree.indent(root, space="  ")
    for element, source, text in fills:
        _fill(element, source, text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


BASE = "calcii18n-base"  # the note that says which translation the export carried


def _notes(unit: Unit) -> list[tuple[str, str]]:
    """(from/category, text): the notes for the translator, the previous English where
    the English changed, the signatures of a reviewed entry, and the hash of the
    translation as exported (so an import can tell the agency's edits from ours)."""
    msg = unit.msg
    out = [("developer", c) for c in msg.extracted_comments if c.strip()]
    if msg.previous_msgid is not None:
        out.append(("calcii18n-previous-english", msg.previous_msgid))
    if unit.signed:
        out.append(("calcii18n-signed", unit.signed))
    out.append((BASE, f"sha256:{text_digest(msg)} (the translation as exported: "
                      "keep this note)"))
    return out


def _ids(source: dict[str, str], text: str) -> list[tuple[str, str]]:
    """(id, code) for each code of `text`: the id of the same code in the source (its
    codes by id), in order (a translation may move codes), or `tN` for a code the source
    does not have."""
    free: dict[str, list[str]] = {}
    for ident, code in source.items():
        free.setdefault(code, []).append(ident)
    out = []
    for n, piece in enumerate((p for p in split(text) if isinstance(p, Code)), start=1):
        ids = free.get(piece.text)
        out.append((ids.pop(0) if ids else f"t{n}", piece.text))
    return out


# (element, the source's codes by id, the text): filled after indenting, which would add
# whitespace to mixed content (lxml's indent does not respect xml:space).
Fill = tuple[etree._Element, dict[str, str], str]


def _fill(parent: etree._Element, source: dict[str, str], text: str) -> None:
    """`text` (the source or its translation) with its codes as `<ph>`: in 1.2 the code
    is the element's content, in 2.0 it points into `<originalData>`."""
    ns = etree.QName(parent).namespace
    pieces = split(text)
    if len(pieces) == 1:
        parent.text = text
        return
    ids = iter(_ids(source, text))
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, Code):
            ident, code = next(ids)
            if ns == NS12:
                last = etree.SubElement(parent, f"{{{ns}}}ph", id=ident)
                last.text = code
            else:
                last = etree.SubElement(parent, f"{{{ns}}}ph", id=ident, dataRef=f"d{ident}")
        elif last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def _file12(root: etree._Element, leaflet: Leaflet, locale: str, tool_version: str,
            fills: list[Fill]) -> None:
    q = f"{{{NS12}}}"
    file = etree.SubElement(root, q + "file", {
        "original": original(locale, leaflet.id), "source-language": "en",
        "target-language": locale.replace("_", "-"),
        "datatype": "plaintext", "product-name": "calcii18n"})
    header = etree.SubElement(file, q + "header")
    etree.SubElement(header, q + "tool", {"tool-id": "calcii18n", "tool-name": "calcii18n",
                                          "tool-version": tool_version})
    body = etree.SubElement(file, q + "body")
    for unit in leaflet.units:
        state, qualifier, _, _ = MAPPING[unit.handoff]
        attrs = {"id": unit_id(leaflet.id, unit.msg), "resname": unit.msg.msgctxt or "",
                 "approved": "yes" if unit.state is State.REVIEWED else "no",
                 XML_SPACE: "preserve"}
        if unit.locked:
            attrs["translate"] = "no"
        tu = etree.SubElement(body, q + "trans-unit", attrs)
        msgid = unit.msg.msgid
        own = codes(msgid)
        fills.append((etree.SubElement(tu, q + "source"), own, msgid))
        tgt = etree.SubElement(tu, q + "target", state=state)
        if qualifier:
            tgt.set("state-qualifier", qualifier)
        if unit.msg.msgstr[0]:
            fills.append((tgt, own, unit.msg.msgstr[0]))
        for who, text in _notes(unit):
            etree.SubElement(tu, q + "note", {"from": who}).text = text


def _file20(root: etree._Element, leaflet: Leaflet, locale: str, fills: list[Fill]) -> None:
    q = f"{{{NS20}}}"
    file = etree.SubElement(root, q + "file", id=leaflet.id,
                            original=original(locale, leaflet.id))
    for unit in leaflet.units:
        _, _, state20, sub = MAPPING[unit.handoff]
        msgid = unit.msg.msgid
        attrs = {"id": unit_id(leaflet.id, unit.msg), "name": unit.msg.msgctxt or "_"}
        if unit.locked:
            attrs["translate"] = "no"
        node = etree.SubElement(file, q + "unit", attrs)
        notes = _notes(unit)
        if notes:
            box = etree.SubElement(node, q + "notes")
            for who, text in notes:
                etree.SubElement(box, q + "note", category=who).text = text
        translation = unit.msg.msgstr[0]
        own = codes(msgid)
        data = dict(_ids(own, msgid) + (_ids(own, translation) if translation else []))
        if data:
            kept = etree.SubElement(node, q + "originalData")
            for ident, text in data.items():
                etree.SubElement(kept, q + "data", {"id": f"d{ident}",
                                                        XML_SPACE: "preserve"}).text = text
        segment = etree.SubElement(node, q + "segment", state=state20)
        if sub:
            segment.set("subState", f"{SUBSTATE}:{sub}")
        fills.append((etree.SubElement(segment, q + "source", {XML_SPACE: "preserve"}),
                      own, msgid))
        if translation:
            fills.append((etree.SubElement(segment, q + "target", {XML_SPACE: "preserve"}),
                          own, translation))
