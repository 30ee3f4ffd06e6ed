"""Returned XLIFF (1.2 or 2.0) as values: what each unit says, nothing decided yet.

The file comes from an agency's tool, so it is read through xmlsafe and believed only as
far as it can be checked: the source text is rebuilt from the file's own codes (so a
changed source shows), a translation's codes are taken from the source's code with the
same id where there is one, and an XLIFF state is reported as the agency's word, never
as our approval (project/exchange.py decides what it means).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from calcii18n import locales as locale_codes
from calcii18n.errors import Calcii18nError
from calcii18n.exchange.xliff import BASE, NS12, NS20, SUBSTATE
from calcii18n.exchange.xmlsafe import ExchangeError, line, local, parse

MACHINE_QUALIFIERS = ("leveraged-mt", "mt-suggestion")
AGENCY_DONE_12 = ("final", "signed-off")
AGENCY_DONE_20 = ("reviewed", "final")
UNFINISHED_12 = ("new", "needs-translation", "needs-adaptation", "needs-l10n",
                 "needs-review-translation", "needs-review-adaptation", "needs-review-l10n")


@dataclass(frozen=True, slots=True)
class ReturnedUnit:
    id: str
    leaflet: str
    line: int | None
    source: str
    target: str | None  # None: no target, or an empty one
    state: str  # the XLIFF state as written ('' when none)
    machine: bool  # the tool says the target is machine translation
    agency_done: bool  # the agency's final / signed-off / reviewed
    unfinished: bool  # the agency's own "needs ..." / new / initial
    base: str | None = None  # our base note: the hash of the translation we exported


_BASE = re.compile(r"sha256:([0-9a-f]{16})\b")
_PLAIN = re.compile(r"[^A-Za-z0-9 ._+()-]")


def plain(text: str, limit: int = 40) -> str:
    """A name from the file (a tool's, a state) as we may quote it in a comment: letters,
    digits, spaces and a little punctuation, on one line, short.

    >>> plain('memoQ 9; msgid "x" <mt-confirmed: 2026>')
    'memoQ 9 msgid x mt-confirmed 2026'
    """
    return " ".join(_PLAIN.sub(" ", text).split())[:limit]


def _base(notes: list[etree._Element]) -> str | None:
    for note in notes:
        if BASE in (note.get("from"), note.get("category")):
            found = _BASE.search(_content(note))
            if found is not None:
                return found.group(1)
    return None


@dataclass(frozen=True, slots=True)
class ReturnedFile:
    version: str
    locale: str
    tool: str
    leaflets: tuple[tuple[str, int | None], ...]  # each <file>'s leaflet and line
    units: tuple[ReturnedUnit, ...]


def read_xliff(data: bytes, path: str) -> ReturnedFile:
    root = parse(data, path)
    if local(root) != "xliff":
        raise ExchangeError(path, line(root), f"not XLIFF: the root element is "
                            f"<{local(root)}>")
    namespace = etree.QName(root).namespace
    version = root.get("version", "")
    if namespace == NS20 and version.startswith("2."):
        return _read20(root, path)
    if namespace == NS12 or version in ("1.2", "1.1"):
        return _read12(root, path, namespace or "")
    raise ExchangeError(path, line(root), f"XLIFF version {version or '?'} is not read "
                        "(1.2 and 2.0 are)")


def _locale(value: str | None, path: str, where: etree._Element) -> str:
    if not value:
        raise ExchangeError(path, line(where), "no target language")
    try:
        return locale_codes.normalise(value.replace("-", "_"))
    except Calcii18nError:
        raise ExchangeError(path, line(where), f"unknown target language {value!r}") from None


def _leaflet(original: str | None, path: str, where: etree._Element, locale: str) -> str:
    """The leaflet a `<file>` belongs to (`es/LC_MESSAGES/warning-signs.po`); the locale
    in that path must be the file's target language (xliff.original)."""
    parts = (original or "").split("/")
    name = parts[-1]
    if not name.endswith(".po") or len(name) <= 3:
        raise ExchangeError(path, line(where), f"<file original={original!r}> names no "
                            "catalogue of ours (a file for another project?)")
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        try:
            exported = locale_codes.normalise(parts[-3])
        except Calcii18nError:
            exported = parts[-3]
        if exported != locale:
            raise ExchangeError(path, line(where), f"this file was exported for {exported}, "
                                f"but its target language now says {locale}")
    return name[:-3]


def _one_locale(found: set[str], path: str, where: etree._Element) -> str:
    if len(found) != 1:
        raise ExchangeError(path, line(where), "the file's <file> elements name different "
                            f"target languages: {', '.join(sorted(found)) or 'none'}")
    return found.pop()


def _text(element: etree._Element | None, codes: dict[str, str], own: dict[str, str]) -> str:
    """An element's text with each inline code as text again: by id from `codes` (the
    source's), else the code the file itself holds (`own`, or the element's content)."""
    if element is None:
        return ""
    out = [element.text or ""]
    for child in element:
        name = local(child)
        ident = child.get("id", "")
        if name in ("ph", "x", "bx", "ex", "it", "bpt", "ept", "sc", "ec"):
            ref = child.get("dataRef") or child.get("dataRefStart") or ""
            out.append(codes.get(ident) or own.get(ref) or own.get(ident)
                       or _content(child))
        elif name in ("g", "mrk", "pc", "sub", "sm", "em"):
            out.append(_text(child, codes, own))
        out.append(child.tail or "")
    return "".join(out)


def _content(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def _codes12(element: etree._Element | None) -> dict[str, str]:
    if element is None:
        return {}
    return {c.get("id", ""): _content(c) for c in element.iter()
            if local(c) in ("ph", "bpt", "ept", "it") and c.get("id")}


def _read12(root: etree._Element, path: str, ns: str) -> ReturnedFile:
    q = f"{{{ns}}}" if ns else ""
    files, units, found = [], [], set()
    tool = ""
    for file in root.iter(q + "file"):
        locale = _locale(file.get("target-language"), path, file)
        found.add(locale)
        leaflet = _leaflet(file.get("original"), path, file, locale)
        tool = tool or plain(next((t.get("tool-name") or t.get("tool-id") or ""
                                   for t in file.iter(q + "tool")), "")
                              or file.get("tool-id", ""))
        files.append((leaflet, line(file)))
        for tu in file.iter(q + "trans-unit"):
            source_el, target_el = tu.find(q + "source"), tu.find(q + "target")
            own = _codes12(source_el)
            source = _text(source_el, {}, own)
            target = _text(target_el, own, _codes12(target_el)) if target_el is not None \
                else ""
            state = plain(target_el.get("state", "")) if target_el is not None else ""
            qualifier = target_el.get("state-qualifier", "") if target_el is not None else ""
            units.append(ReturnedUnit(
                tu.get("id", ""), leaflet, line(tu), source, target or None, state,
                qualifier in MACHINE_QUALIFIERS,
                state in AGENCY_DONE_12 or tu.get("approved") == "yes",
                state in UNFINISHED_12, _base(tu.findall(q + "note"))))
    if not files:
        raise ExchangeError(path, line(root), "the XLIFF has no <file>")
    return ReturnedFile("1.2", _one_locale(found, path, root), tool, tuple(files),
                        tuple(units))


def _parts20(unit: etree._Element, q: str) -> tuple[str, str | None, list[etree._Element]]:
    """A unit's source and target across its segments and the ignorables between them
    (a tool may split a unit), and its segments. The target is None unless every segment
    has one: a half-translated unit is not a translation."""
    own = {d.get("id", ""): d.text or "" for d in unit.iter(q + "data")}
    parts = [c for c in unit if local(c) in ("segment", "ignorable")]
    sources = [c.find(q + "source") for c in parts]
    codes = {ph.get("id", ""): own.get(ph.get("dataRef", ""), "")
             for src in sources if src is not None for ph in src.iter(q + "ph")}
    source = "".join(_text(src, {}, own) for src in sources)
    targets = []
    for part, src in zip(parts, sources, strict=True):
        tgt = part.find(q + "target")
        if tgt is None and local(part) == "segment":
            return source, None, [p for p in parts if local(p) == "segment"]
        targets.append(_text(tgt if tgt is not None else src, codes, own))
    return source, "".join(targets) or None, [p for p in parts if local(p) == "segment"]


def _machine20(sub: str) -> bool:
    return sub == f"{SUBSTATE}:mt-draft" or "mt" in sub.split(":")[-1].split("-")


def _read20(root: etree._Element, path: str) -> ReturnedFile:
    q = f"{{{NS20}}}"
    locale = _locale(root.get("trgLang"), path, root)
    files, units = [], []
    for file in root.iter(q + "file"):
        leaflet = _leaflet(file.get("original"), path, file, locale)
        files.append((leaflet, line(file)))
        for unit in file.iter(q + "unit"):
            source, target, segments = _parts20(unit, q)
            states = [plain(s.get("state", "initial")) for s in segments] or ["initial"]
            units.append(ReturnedUnit(
                unit.get("id", ""), leaflet, line(unit), source, target, states[0],
                any(_machine20(s.get("subState", "")) for s in segments),
                all(state in AGENCY_DONE_20 for state in states),
                any(state == "initial" for state in states),
                _base(unit.findall(f"{q}notes/{q}note"))))
    if not files:
        raise ExchangeError(path, line(root), "the XLIFF has no <file>")
    return ReturnedFile("2.0", locale, "", tuple(files), tuple(units))
