"""Read-only views over the project's catalogues: status, stale entries and check findings.

All three ask the same questions of the same data — the template's messages, each one's
catalogue entry and that entry's `classify` verdict — so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from calcii18n.checks import CheckContext, Finding, run_checks
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.extract import UI_DOMAIN
from calcii18n.files import read_text
from calcii18n.glossary import Glossary, parse_glossary
from calcii18n.model import Catalog, Message
from calcii18n.project import (
    existing_catalogues,
    locales_of,
    po_path,
    read_catalog,
    read_templates,
    shown,
)
from calcii18n.severity import ChangeSeverity, change_severity
from calcii18n.state import State, Verdict, entry_id
from calcii18n.status import Printable, Row, compute_row, printable, verdicts
from calcii18n.worddiff import Piece, word_diff


def load_glossary(cfg: Config) -> Glossary:
    if not cfg.glossary.is_file():
        return Glossary()
    name = shown(cfg.glossary, cfg)
    return parse_glossary(read_text(cfg.glossary, name), name)


@dataclass(frozen=True, slots=True)
class Unit:
    """One locale × domain: its template, catalogue (if any) and where that lives."""

    locale: str
    domain: str
    template: Catalog
    catalog: Catalog | None
    path: str


def units(cfg: Config, requested: tuple[str, ...], leaflet: str | None) -> list[Unit]:
    """Every locale × domain in scope, catalogues parsed (bad files raise here)."""
    templates = read_templates(cfg)
    if leaflet is not None and leaflet not in templates:
        known = ", ".join(d for d in templates if d != UI_DOMAIN)
        raise ProjectError("", None, f"no leaflet {leaflet!r} (known: {known})")
    out = []
    for code in locales_of(cfg, requested):
        existing = existing_catalogues(cfg, code, set(templates))
        for domain, template in templates.items():
            path = po_path(cfg, code, domain)
            catalog = read_catalog(path, cfg) if domain in existing else None
            out.append(Unit(code, domain, template, catalog, shown(path, cfg)))
    return out


def findings_of(unit: Unit, glossary: Glossary) -> list[Finding]:
    """Check findings on every active entry of a catalogue."""
    if unit.catalog is None:
        return []
    ctx = CheckContext(unit.locale, glossary)
    out: list[Finding] = []
    for msg in unit.catalog.messages:
        out.extend(run_checks(msg, ctx, unit.path))
    return out


def check(cfg: Config, requested: tuple[str, ...], leaflet: str | None) -> list[Finding]:
    glossary = load_glossary(cfg)
    out: list[Finding] = []
    for unit in units(cfg, requested, leaflet):
        if leaflet is None or unit.domain == leaflet:
            out.extend(findings_of(unit, glossary))
    return out


def _critical_stale(unit: Unit, glossary: Glossary) -> int:
    count = 0
    for _, entry, verdict in verdicts(unit.template, unit.catalog):
        if entry is not None and verdict.state is State.STALE and severity_of(
                entry, glossary).critical:
            count += 1
    return count


def severity_of(msg: Message, glossary: Glossary) -> ChangeSeverity:
    if msg.previous_msgid is None:
        return ChangeSeverity(False, ())
    return change_severity(msg.previous_msgid, msg.msgid, glossary)


@dataclass(frozen=True, slots=True)
class StatusLine:
    row: Row
    printable: Printable | None  # None for the ui domain itself
    check_errors: int = 0
    critical_stale: int = 0


def status(cfg: Config, requested: tuple[str, ...], leaflet: str | None) -> list[StatusLine]:
    """State counts for every locale × leaflet, and whether the leaflet could be printed."""
    glossary = load_glossary(cfg)
    lines: list[StatusLine] = []
    by_locale: dict[str, list[Unit]] = {}
    for unit in units(cfg, requested, leaflet):
        by_locale.setdefault(unit.locale, []).append(unit)
    for code, group in by_locale.items():
        ui = next((u for u in group if u.domain == UI_DOMAIN), None)
        ui_row = compute_row(code, UI_DOMAIN, ui.template, ui.catalog) if ui else None
        for unit in group:
            if unit.domain == UI_DOMAIN or (leaflet is not None and unit.domain != leaflet):
                continue
            row = compute_row(code, unit.domain, unit.template, unit.catalog)
            errors = sum(f.blocking for f in findings_of(unit, glossary))
            gate = printable(row, ui_row, errors)
            lines.append(StatusLine(row, gate, errors, _critical_stale(unit, glossary)))
        if ui_row is not None and leaflet is None:
            lines.append(StatusLine(ui_row, None))
    return lines


@dataclass(frozen=True, slots=True)
class StaleItem:
    """A stale entry with what a translator needs to fix it."""

    locale: str
    domain: str
    path: str
    line: int
    entry: str
    section: str
    msgid: str
    translation: tuple[str, ...]
    reason: str
    diff: tuple[Piece, ...]
    previous_section: str | None
    severity: ChangeSeverity


def stale_item(unit: Unit, msg: Message, verdict: Verdict, glossary: Glossary) -> StaleItem:
    diff = word_diff(msg.previous_msgid, msg.msgid) if msg.previous_msgid is not None else ()
    moved = (msg.previous_msgctxt if msg.previous_msgctxt is not None
             and msg.previous_msgctxt != msg.msgctxt else None)
    return StaleItem(unit.locale, unit.domain, unit.path, msg.line, entry_id(msg),
                     msg.msgctxt or "", msg.msgid, msg.msgstr, verdict.reason, diff, moved,
                     severity_of(msg, glossary))


def stale(cfg: Config, requested: tuple[str, ...], leaflet: str | None) -> list[StaleItem]:
    glossary = load_glossary(cfg)
    items = []
    for unit in units(cfg, requested, leaflet):
        if leaflet is not None and unit.domain != leaflet:
            continue
        for _, entry, verdict in verdicts(unit.template, unit.catalog):
            if entry is not None and verdict.state is State.STALE:
                items.append(stale_item(unit, entry, verdict, glossary))
    return items

