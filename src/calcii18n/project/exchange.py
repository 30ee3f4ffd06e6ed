"""XLIFF out of and back into the project: the disk side of exchange/xliff*.py.

Export reads the catalogues and asks the state model about each entry; import reads
the returned file and today's catalogues, plans every change on values first, and writes
only when the whole file could be placed (a catalogue saved meanwhile is not overwritten).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from calcii18n import locales as locale_codes
from calcii18n._util.files import read_limited, write_all_atomic
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.exchange.xliff import VERSIONS, Leaflet, Unit, write_xliff
from calcii18n.exchange.xliff_import import ImportPlan, plan_import
from calcii18n.exchange.xliff_read import read_xliff
from calcii18n.exchange.xmlsafe import MAX_BYTES, ExchangeError
from calcii18n.model import Catalog, Message
from calcii18n.po.format import format_po
from calcii18n.project.layout import (
    catalog_bytes,
    load_authority,
    parse_catalog,
    po_path,
    read_templates,
    require_entries,
    shown,
)
from calcii18n.project.units import load_glossary, units
from calcii18n.state import State, classify, machine_draft
from calcii18n.trust import Trust, content_digest

# What XML 1.0 cannot hold at all (tab, line feed and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class XliffExport:
    data: bytes
    locale: str
    counts: dict[str, int]  # hand-off state -> units
    plurals: int  # entries left out: XLIFF cannot carry gettext plural forms


def _unit(msg: Message, trust: Trust, keep: set[str]) -> Unit:
    verdict = classify(msg, trust)
    draft = machine_draft(msg)
    signed = ""
    if verdict.state is State.REVIEWED and verdict.stamp is not None:
        signed = (f"signed by {verdict.stamp.reviewer} on {verdict.stamp.date.isoformat()}, "
                  f"sha256:{content_digest(msg, 64)}")
    return Unit(msg, verdict.state, machine=draft is not None and draft.pending,
                locked=msg.msgid.strip() in keep, signed=signed)


def export_xliff(cfg: Config, locale: str, leaflet: str | None, version: str,
                 tool_version: str) -> XliffExport:
    """One locale's leaflets (and ui strings, unless one leaflet is asked for) as XLIFF."""
    if version not in VERSIONS:
        raise ProjectError("--version", None, f"XLIFF {version} is not written (choose "
                           f"{' or '.join(VERSIONS)})")
    code = locale_codes.normalise(locale)
    if cfg.locales is not None and code not in cfg.locales:
        raise ProjectError("", None, f"{code} is not one of the project's locales "
                           f"({', '.join(cfg.locales)})")
    authority = load_authority(cfg)
    keep = set(load_glossary(cfg).do_not_translate)
    leaflets, counts, plurals = [], dict.fromkeys(("untranslated", "machine", "fuzzy",
                                                   "stale", "translated", "reviewed"), 0), 0
    for found in units(cfg, (code,), leaflet):
        if leaflet not in (None, found.domain):
            continue
        if found.catalog is None:
            raise ProjectError(found.path, None, f"no catalogue: run calcii18n init {code}")
        trust = authority.of(code, found.domain)
        chosen = []
        for msg in found.catalog.messages:
            bad = _NOT_XML.search("".join((msg.msgctxt or "", msg.msgid, *msg.msgstr,
                                           msg.previous_msgid or "",
                                           *msg.extracted_comments)))
            if bad is not None:
                raise ProjectError(found.path, msg.line or None, f"the entry holds "
                                   f"U+{ord(bad.group()):04X}, a control character XML "
                                   "cannot carry: remove it before the hand-off")
            if msg.msgid_plural is not None:
                plurals += 1
                continue
            unit = _unit(msg, trust, keep)
            counts[unit.handoff] += 1
            chosen.append(unit)
        leaflets.append(Leaflet(found.domain, tuple(chosen)))
    data = write_xliff(code, leaflets, version, tool_version)
    return XliffExport(data, code, counts, plurals)


@dataclass(frozen=True, slots=True)
class XliffImport:
    locale: str
    plan: ImportPlan
    written: tuple[str, ...]


def _today_catalogues(cfg: Config, code: str,
                      names: set[str]) -> dict[str, tuple[Path, bytes, Catalog]]:
    """The locale's catalogues of the leaflets the file names (those we know), with the
    bytes each write will check are still on disk."""
    templates = read_templates(cfg)
    out = {}
    for domain in sorted(names & set(templates)):
        path = po_path(cfg, code, domain)
        name = shown(path, cfg)
        if not path.is_file():
            raise ProjectError(name, None, f"no catalogue: run calcii18n init {code}")
        data, key = catalog_bytes(path, cfg)
        catalog = parse_catalog(data, key, name, cfg)
        out[domain] = (path, data, require_entries(catalog, templates[domain], name))
    return out


def import_xliff(cfg: Config, file: Path, expected: str | None, dry_run: bool,
                 today: dt.date) -> XliffImport:
    """Bring a returned XLIFF back: plan everything, then write each changed catalogue."""
    name = str(file)
    returned = read_xliff(read_limited(file, name, MAX_BYTES), name)
    code = returned.locale
    if expected is not None and locale_codes.normalise(expected) != code:
        raise ExchangeError(name, returned.leaflets[0][1] if returned.leaflets else None,
                            f"the file's target language is {code}, not "
                            f"{locale_codes.normalise(expected)}")
    if cfg.locales is not None and code not in cfg.locales:
        raise ExchangeError(name, None, f"the file's target language {code} is not one of "
                            f"the project's locales ({', '.join(cfg.locales)})")
    current = _today_catalogues(cfg, code, {leaflet for leaflet, _ in returned.leaflets})
    plan = plan_import(returned, name, {d: c for d, (_, _, c) in current.items()}, today)
    written: list[str] = []
    if not dry_run:  # all or nothing: an editor's save meanwhile stops every write
        files = [(current[d][0], format_po(c), current[d][1]) for d, c in plan.catalogs.items()]
        written = [shown(p, cfg) for p in write_all_atomic(files, root=cfg.root)]
    return XliffImport(code, plan, tuple(written))
