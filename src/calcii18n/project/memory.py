"""Translation memory out of the project: TMX 1.4 of approved entries only.

A memory another tool (Poedit, OmegaT, an agency's CAT tool) will reuse must not carry
drafts: only entries whose signatures make them reviewed go out, each with where it
came from and who approved it as TMX `<prop>`s. Machine drafts, fuzzy, stale and merely
translated entries never do (issue 16).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from calcii18n.config import Config
from calcii18n.project.layout import load_authority
from calcii18n.project.units import units
from calcii18n.state import State, classify, entry_id

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class Exported:
    tmx: bytes
    units: int
    locales: tuple[str, ...]


def export_tmx(cfg: Config, requested: tuple[str, ...], leaflet: str | None,
               version: str) -> Exported:
    """Every reviewed entry of the locales in scope, one `<tu>` per locale and entry."""
    authority = load_authority(cfg)
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "calcii18n", "creationtoolversion": version, "datatype": "plaintext",
        "segtype": "paragraph", "adminlang": "en", "srclang": "en", "o-tmf": "PO"})
    body = ET.SubElement(root, "body")
    count, seen = 0, []
    for unit in units(cfg, requested, leaflet):
        if unit.catalog is None or leaflet not in (None, unit.domain):
            continue
        trust = authority.of(unit.locale, unit.domain)
        for msg in unit.catalog.messages:
            verdict = classify(msg, trust)
            if verdict.state is not State.REVIEWED or msg.msgid_plural is not None:
                continue
            stamp = verdict.stamp
            tu = ET.SubElement(body, "tu", tuid=f"{unit.locale}:{unit.domain}:{entry_id(msg)}")
            for kind, value in (("leaflet", unit.domain), ("context", msg.msgctxt or ""),
                                ("status", "reviewed"),
                                ("reviewed", stamp.date.isoformat() if stamp else ""),
                                ("roles", stamp.reviewer if stamp else "")):
                ET.SubElement(tu, "prop", type=f"x-calcii18n-{kind}").text = value
            for lang, text in (("en", msg.msgid), (unit.locale.replace("_", "-"),
                                                   msg.msgstr[0])):
                tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
                ET.SubElement(tuv, "seg").text = text
            count += 1
        if unit.locale not in seen:
            seen.append(unit.locale)
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Exported(data + b"\n", count, tuple(seen))
