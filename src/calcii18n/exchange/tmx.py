"""TMX 1.4 both ways: the approved entries out, another tool's memory in as values.

Out (`write_tmx`): one `<tu>` per locale and entry, English and the translation, with
where it came from and who approved it as `<prop>`s; the caller chooses the entries
(`project/memory.py` passes reviewed ones only).

In (`read_tmx`): a memory from an agency, Poedit or OmegaT is someone else's file. It is
parsed only through `xmlsafe.parse` (no entities, no DTD, no network), its header must say
the source language is English (`en`, `en-US`, `en_GB`, or `*all*`), and it becomes plain
values: the English of each unit and its translations by our locale codes. Whatever the
file says about a unit's status (approved, reviewed...) is kept only as words to mention:
nothing read from a TMX is ever trusted as reviewed (issue 16).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from calcii18n.errors import Calcii18nError
from calcii18n.exchange.xmlsafe import ExchangeError, line, local, parse
from calcii18n.locales import fallbacks, normalise

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALL = "*all*"  # TMX's srclang for a memory usable in every direction
_STATUS_SHOWN = re.compile(r"[^\w .-]+")


# --- out -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TmxEntry:
    """One approved entry of one locale, as `write_tmx` writes it."""

    locale: str  # our code, es or zh_Hans (written es, zh-Hans)
    leaflet: str
    context: str  # the section (msgctxt), '' for none
    msgid: str
    msgstr: str
    reviewed: str  # the review date, ISO, or ''
    roles: str  # the signing roles, or ''
    tuid: str


def write_tmx(entries: Sequence[TmxEntry], version: str) -> bytes:
    """The entries as a TMX 1.4 document, UTF-8, indented, ending in a newline.

    >>> data = write_tmx([TmxEntry("es", "dose", "", "Help", "Ayuda", "2026-01-02",
    ...                            "clinical", "es:dose:1a2b3c4")], "0.1")
    >>> [u.targets for u in read_tmx(data, "x.tmx").units]
    [{'es': 'Ayuda'}]
    """
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "calcii18n", "creationtoolversion": version, "datatype": "plaintext",
        "segtype": "paragraph", "adminlang": "en", "srclang": "en", "o-tmf": "PO"})
    body = etree.SubElement(root, "body")
    for entry in entries:
        try:
            _write_unit(body, entry)
        except ValueError:  # lxml refuses text XML 1.0 cannot carry (control characters)
            raise ExchangeError("", None, f"entry {entry.tuid}: its text holds a control "
                                "character XML cannot carry; fix the entry") from None
    etree.indent(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _write_unit(body: etree._Element, entry: TmxEntry) -> None:
    tu = etree.SubElement(body, "tu", tuid=entry.tuid)
    for kind, value in (("leaflet", entry.leaflet), ("context", entry.context),
                        ("status", "reviewed"), ("reviewed", entry.reviewed),
                        ("roles", entry.roles)):
        etree.SubElement(tu, "prop", type=f"x-calcii18n-{kind}").text = value
    for lang, text in (("en", entry.msgid), (entry.locale.replace("_", "-"), entry.msgstr)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = text


# --- in --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One `<tu>` with English: its English and its translations by our locale code."""

    english: str
    targets: Mapping[str, str]  # normalised code (es, es_MX, zh_Hans) -> the segment
    line: int | None
    tuid: str = ""
    status: str = ""  # what the file says of it (a `...status` prop): words, never trust


@dataclass(frozen=True, slots=True)
class TmxMemory:
    """A TMX file as values: the units with English, and how many had none."""

    path: str
    units: tuple[TmxUnit, ...] = ()
    no_english: int = 0  # units skipped: no English segment to match on
    languages: tuple[str, ...] = field(default=())  # every target code seen, sorted


@dataclass(frozen=True, slots=True)
class Found:
    """A unit's translation for one locale, and the code it was found under."""

    english: str
    text: str
    status: str
    code: str


def read_tmx(data: bytes, path: str) -> TmxMemory:
    """Read a TMX 1.4 file; an ExchangeError naming `path:line` if we refuse it.

    Refused: XML that is not well-formed or declares entities or a DTD (`xmlsafe`), a
    root that is not `<tmx>`, no `<header>` or a source language that is not English (or
    `*all*`), no `<body>`. Skipped and counted: a unit without an English segment (or
    whose own srclang is not English). A segment's inline codes (`<bpt>`, `<ept>`, `<ph>`,
    `<it>`, `<ut>`) count as the native code they carry, `<hi>` as its text.

    >>> memory = read_tmx(b'''<tmx version="1.4"><header srclang="en-US"/><body>
    ... <tu><tuv xml:lang="en-US"><seg>Call <ph>{phone}</ph> now.</seg></tuv>
    ...     <tuv xml:lang="es-MX"><seg>Llame al <ph>{phone}</ph> ya.</seg></tuv></tu>
    ... <tu><tuv xml:lang="es"><seg>Hola</seg></tuv></tu></body></tmx>''', "m.tmx")
    >>> memory.units[0].english, dict(memory.units[0].targets), memory.no_english
    ('Call {phone} now.', {'es_MX': 'Llame al {phone} ya.'}, 1)
    """
    root = parse(data, path)
    if local(root) != "tmx":
        raise ExchangeError(path, line(root), f"not a TMX file: the root element is "
                            f"<{local(root)}>, not <tmx>")
    header, body = _child(root, "header"), _child(root, "body")
    if header is None:
        raise ExchangeError(path, line(root), "no <header>: a TMX file names its source "
                            "language there (srclang)")
    source = header.get("srclang", "")
    if not (_english(source) or source == ALL):
        raise ExchangeError(path, line(header), f"the source language is {source!r}, not "
                            "English: calcii18n matches translations on their English")
    if body is None:
        raise ExchangeError(path, line(root), "no <body>: the file has no translation units")
    units, skipped = [], 0
    for tu in body:
        if local(tu) != "tu":
            continue
        unit = _unit(tu, source)
        if unit is None:
            skipped += 1
        else:
            units.append(unit)
    languages = sorted({code for unit in units for code in unit.targets})
    return TmxMemory(path, tuple(units), skipped, tuple(languages))


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local(c) == name), None)


def _english(code: str) -> bool:
    return code.replace("-", "_").split("_")[0].lower() == "en"


@functools.lru_cache(maxsize=256)
def _our_code(lang: str) -> str | None:
    """A TMX language (es-ES, zh-Hans, EN-us) as our locale code; None if CLDR has none."""
    try:
        return normalise(lang.strip())
    except Calcii18nError:
        return None


def _unit(tu: etree._Element, header_source: str) -> TmxUnit | None:
    """The unit's English and translations; None when it has no English to match on."""
    source = tu.get("srclang", header_source)
    if not (_english(source) or source == ALL):
        return None
    english: str | None = None
    targets: dict[str, str] = {}
    for tuv in tu:
        if local(tuv) != "tuv":
            continue
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""  # `lang`: TMX 1.1
        seg = _child(tuv, "seg")
        if seg is None:
            continue
        text = seg_text(seg)
        if _english(lang):
            if english is None or lang == source:
                english = text
            continue
        code = _our_code(lang)
        if code is not None and text and code not in targets:
            targets[code] = text
    if not english:
        return None
    return TmxUnit(english, targets, line(tu), tu.get("tuid", ""), _status(tu))


def seg_text(seg: etree._Element) -> str:
    """A `<seg>` as plain text. TMX 1.4 carries a format's own codes inside `<bpt>`,
    `<ept>`, `<ph>`, `<it>` and `<ut>` as their text (a `<sub>` within is part of it), and
    `<hi>` wraps text: so every one counts as its text content, in order.

    >>> seg_text(parse(b"<seg>Take <bpt i='1'>**</bpt>2<ept i='1'>**</ept> <hi>now</hi></seg>",
    ...                "x.tmx"))
    'Take **2** now'
    """
    return "".join(text for text in seg.itertext() if isinstance(text, str))


def _status(tu: etree._Element) -> str:
    """What the file says of the unit (`x-calcii18n-status`, `x-status`...), cleaned to a
    few plain words: it is quoted in a comment, never believed."""
    for prop in tu:
        if local(prop) == "prop" and (prop.get("type") or "").lower().endswith("status"):
            words = " ".join(_STATUS_SHOWN.sub(" ", prop.text or "").split())
            return words[:40]
    return ""


def lookup(unit: TmxUnit, code: str) -> str | None:
    """The unit's language code that serves locale `code`: the code itself, else each
    shorter form of it (es_MX falls back to es, zh_Hant_TW to zh_Hant and zh; never a
    sibling such as es_ES), else the one longer form the unit has (a project's es takes
    es-ES from a tool that always writes a region, but not when es-ES and es-MX are both
    there: which one would be a guess)."""
    for candidate in fallbacks(code):
        if candidate in unit.targets:
            return candidate
    longer = [c for c in unit.targets if c.startswith(f"{code}_")]
    return longer[0] if len(longer) == 1 else None


def translations(memory: TmxMemory, code: str) -> tuple[list[Found], int]:
    """Each unit's translation for locale `code` (see `lookup`), in file order, and how
    many units have none.

    >>> memory = TmxMemory("m.tmx", (TmxUnit("Help", {"es": "Ayuda"}, 3),
    ...                              TmxUnit("Rest", {"fr": "Repos"}, 4)))
    >>> found, missing = translations(memory, "es_MX")
    >>> [(f.english, f.text, f.code) for f in found], missing
    ([('Help', 'Ayuda', 'es')], 1)
    """
    found, missing = [], 0
    for unit in memory.units:
        served = lookup(unit, code)
        if served is None:
            missing += 1
        else:
            found.append(Found(unit.english, unit.targets[served], unit.status, served))
    return found, missing
