"""Returned XLIFF (1.2 or 2.0) as values: what each unit says, nothing decided yet.

The file comes from an agency's tool, so it is read through xmlsafe and believed only as
far as it can be checked: the source text is rebuilt from the file's own codes (so a
changed source shows), a translation's codes are taken from the source's code with the
same id where there is one, and an XLIFF state is reported as the agency's word, never
as our approval (project/exchange.py decides what it means).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from calcii18n import locales as locale_codes
from calcii18n.errors import Calcii18nError
from calcii18n.exchange.xliff import NS12, NS20, SUBSTATE
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
        tool = tool or next((t.get("tool-name") or t.get("tool-id") or ""
                             for t in file.iter(q + "tool")), "") or file.get("tool-id", "")
        files.append((leaflet, line(file)))
        for tu in file.iter(q + "trans-unit"):
            source_el, target_el = tu.find(q + "source"), tu.find(q + "target")
            own = _codes12(source_el)
            source = _text(source_el, {}, own)
            target = _text(target_el, own, _codes12(target_el)) if target_el is not None \
                else ""
            state = target_el.get("state", "") if target_el is not None else ""
            qualifier = target_el.get("state-qualifier", "") if target_el is not None else ""
            units.append(ReturnedUnit(
                tu.get("id", ""), leaflet, line(tu), source, target or None, state,
                qualifier in MACHINE_QUALIFIERS,
                state in AGENCY_DONE_12 or tu.get("approved") == "yes",
                state in UNFINISHED_12))
    if not files:
        raise ExchangeError(path, line(root), "the XLIFF has no <file>")
    return ReturnedFile("1.2", _one_locale(found, path, root), tool, tuple(files),
                        tuple(units))


def _read20(root: etree._Element, path: str) -> ReturnedFile:
    q = f"{{{NS20}}}"
    locale = _locale(root.get("trgLang"), path, root)
    files, units = [], []
    for file in root.iter(q + "file"):
        leaflet = _leaflet(file.get("original"), path, file, locale)
        files.append((leaflet, line(file)))
        for unit in file.iter(q + "unit"):
            own = {d.get("id", ""): d.text or "" for d in unit.iter(q + "data")}
            segments = list(unit.iter(q + "segment"))
            source = "".join(_text(s.find(q + "source"), {}, own) for s in segments)
            codes = {ph.get("id", ""): own.get(ph.get("dataRef", ""), "")
                     for s in segments for ph in s.iter(q + "ph")
                     if ph.getparent() is s.find(q + "source")}
            target = "".join(_text(s.find(q + "target"), codes, own) for s in segments)
            state = segments[0].get("state", "") if segments else ""
            sub = segments[0].get("subState", "") if segments else ""
            units.append(ReturnedUnit(
                unit.get("id", ""), leaflet, line(unit), source, target or None, state,
                sub == f"{SUBSTATE}:mt-draft" or "mt" in sub.split(":")[-1].split("-"),
                state in AGENCY_DONE_20, state == "initial"))
    if not files:
        raise ExchangeError(path, line(root), "the XLIFF has no <file>")
    return ReturnedFile("2.0", locale, "", tuple(files), tuple(units))
