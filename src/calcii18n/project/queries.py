"""Read-only views over the project's catalogues: status and stale entries (check
findings are in checking.py).

They ask the same questions of the same data — the template's messages, each one's
catalogue entry and that entry's `classify` verdict — so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from calcii18n import fonts
from calcii18n._util import parallel
from calcii18n._util.gcpause import gc_paused
from calcii18n._util.parallel import Pending, map_items
from calcii18n.changes import ChangeSeverity, Piece, change_severity, word_diff
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.gate import GateInput, holds_back, leaflet_gate, printed_texts
from calcii18n.glossary import Glossary
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.model import Catalog, Message
from calcii18n.project.checking import Checker, classified_of, start_findings
from calcii18n.project.layout import (
    cache_of,
    load_authority,
    load_leaflets,
    locales_of,
    require_entries,
)
from calcii18n.project.units import (
    Unit,
    empty_templates,
    load_glossary,
    locale_units,
    many_catalogue_bytes,
    templates_in_scope,
    units,
)
from calcii18n.state import State, Verdict, entry_id
from calcii18n.status import (
    Printable,
    Reason,
    ReasonKind,
    Row,
    Verdicts,
    compute_row,
    verdicts,
)
from calcii18n.trust import Authority


@dataclass(frozen=True, slots=True)
class _English:
    """What status needs of the English: fresh templates (see templates_in_scope) and each
    leaflet's next review date."""

    templates: dict[str, Catalog]
    next_review: dict[str, dt.date]
    reviewed: dict[str, dt.date]


def _english(job: tuple[Config, str | None], _: None) -> _English:
    cfg, leaflet = job
    leaflets = load_leaflets(cfg)
    return _English(templates_in_scope(cfg, leaflet, True, leaflets),
                    {lf.id: lf.meta.next_review for lf in leaflets},
                    {lf.id: lf.meta.reviewed for lf in leaflets})


@dataclass(frozen=True, slots=True)
class _Scope:
    """What every locale's worker needs, computed once (inherited by forked workers)."""

    cfg: Config
    domains: dict[str, Catalog]  # every domain, with an empty template
    glossary: Glossary
    leaflet: str | None
    english: Pending[tuple[Config, str | None], None, _English] | None
    today: dt.date
    authority: Authority


def _critical_stale(known: Verdicts, glossary: Glossary) -> int:
    count = 0
    for _, entry, verdict in known:
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
    next_review: dt.date | None = None  # the English's next clinical review
    due_in_days: int | None = None  # from today (negative: overdue)


_PER_ENTRY = (ReasonKind.UNTRANSLATED, ReasonKind.FUZZY, ReasonKind.STALE,
              ReasonKind.UNREVIEWED, ReasonKind.UI, ReasonKind.CHECK)


def _summarise(row: Row, ui_row: Row | None, reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    """The gate's reasons, with per-entry reasons folded into counts for a table."""
    out = [r for r in reasons if r.kind not in _PER_ENTRY and not r.entry]
    if not row.complete:
        out[:0] = [replace(r, where="leaflet") for r in row.reasons
                   if r.kind is not ReasonKind.OUT_OF_DATE]
    if ui_row is not None and not ui_row.complete:
        out.append(Reason(ReasonKind.UI, "ui strings", "", ", ".join(
            f"{n} {s.value}" + (" (not reviewed)" if s is State.TRANSLATED else "")
            for s, n in ui_row.counts.items() if n and s is not State.REVIEWED)))
    checks = sum(1 for r in reasons if r.kind is ReasonKind.CHECK)
    if checks:
        out.append(Reason(ReasonKind.CHECK, "checks", "",
                          f"{checks} error{'s' * (checks != 1)} (see calcii18n check)"))
    return tuple(out)


def _gating_row(code: str, ui: Unit, known: Verdicts) -> Row:
    """The ui row of the entries that hold a leaflet back (gate.holds_back): the row the
    status of a leaflet summarises, as the gate decides."""
    def kept(catalog: Catalog) -> Catalog:
        return replace(catalog, messages=tuple(m for m in catalog.messages if holds_back(m)))

    return compute_row(code, UI_DOMAIN, kept(ui.template),
                       kept(ui.catalog) if ui.catalog else None,
                       [k for k in known if holds_back(k[0])])


def _status_locale(scope: _Scope, code: str) -> list[StatusLine]:
    cache = cache_of(scope.cfg)
    glossary, leaflet = scope.glossary, scope.leaflet
    assert scope.english is not None
    # The catalogues first, and their checks started: neither needs the English, which
    # may still be parsing in another process (see status).
    try:
        found = locale_units(scope.cfg, code, scope.domains)
    except Calcii18nError:
        scope.english.get()  # a broken leaflet is reported first, however the work ran
        raise
    wanted = [u for u in found if u.domain == UI_DOMAIN or leaflet in (None, u.domain)]
    checker = Checker(glossary, scope.authority)
    checking = {u.domain: start_findings(u, checker, cache) for u in wanted}
    trusts = {u.domain: scope.authority.of(code, u.domain) for u in wanted}
    entries = {u.domain: classified_of(u, trusts[u.domain], cache)  # while the checks run
               for u in wanted}
    english = scope.english.get()[0]
    group = [replace(u, template=english.templates[u.domain]) for u in wanted]
    for unit in group:
        if unit.catalog is not None:
            require_entries(unit.catalog, unit.template, unit.path)
    lines: list[StatusLine] = []
    ui = next((u for u in group if u.domain == UI_DOMAIN), None)
    ui_known = list(verdicts(ui.template, ui.catalog, trusts[UI_DOMAIN],
                             entries[UI_DOMAIN])) if ui else []
    ui_row = compute_row(code, UI_DOMAIN, ui.template, ui.catalog, ui_known) if ui else None
    gating = _gating_row(code, ui, ui_known) if ui else None  # what the gate counts
    ui_findings = checking[UI_DOMAIN]() if ui else []
    for unit in group:
        if unit is ui:
            continue
        # States while the workers check; then the gate, which needs both.
        known = verdicts(unit.template, unit.catalog, trusts[unit.domain],
                         entries[unit.domain])
        row = compute_row(code, unit.domain, unit.template, unit.catalog, known)
        critical = _critical_stale(known, glossary)
        findings = [*checking[unit.domain](), *ui_findings]
        ui_catalog = ui.catalog if ui else None
        missing = None if code == "en" else fonts.check_coverage(
            fonts.stack(scope.cfg.profile(code).fonts), printed_texts(unit.catalog, ui_catalog))
        verdict = leaflet_gate(GateInput(code, unit.domain, scope.authority, unit.template,
                                         unit.catalog, findings,
                                         ui.template if ui else None, ui_catalog,
                                         english.next_review[unit.domain], scope.today,
                                         missing, known, each_entry=False,
                                         english_reviewed=english.reviewed[unit.domain],
                                         ui_known=entries[UI_DOMAIN] if ui else None))
        gate = Printable(verdict.ok, _summarise(row, gating, verdict.reasons))
        due = english.next_review[unit.domain]
        lines.append(StatusLine(row, gate, sum(f.blocking for f in findings), critical, due,
                                (due - scope.today).days))
    if ui_row is not None and leaflet is None:
        lines.append(StatusLine(ui_row, None))
    return lines


@gc_paused
def status(cfg: Config, requested: tuple[str, ...], leaflet: str | None) -> list[StatusLine]:
    """State counts for every locale × leaflet, and whether the leaflet could be printed.

    Fresh templates: the same view of the English that render gates on. When the
    catalogues are big, the English is parsed by another process while this one reads the
    catalogues, and states are computed while worker processes check them; when the
    locales themselves go to worker processes, the English is parsed first and inherited.
    """
    codes = locales_of(cfg, requested)
    big = many_catalogue_bytes(cfg, codes)
    fan_out = parallel.fans_out(len(codes), big)
    english = parallel.start(_english, (cfg, leaflet), [None], big and not fan_out,
                             background=True)
    if fan_out:
        english.get()
    authority = load_authority(cfg)
    scope = _Scope(cfg, empty_templates(cfg, leaflet), load_glossary(cfg), leaflet, english,
                   authority.today, authority)
    per_locale = map_items(_status_locale, scope, codes, big)
    return [line for lines in per_locale for line in lines]


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
    glossary, authority = load_glossary(cfg), load_authority(cfg)
    items = []
    for unit in units(cfg, requested, leaflet):
        if leaflet is not None and unit.domain != leaflet:
            continue
        trust = authority.of(unit.locale, unit.domain)
        for _, entry, verdict in verdicts(unit.template, unit.catalog, trust):
            if entry is not None and verdict.state is State.STALE:
                items.append(stale_item(unit, entry, verdict, glossary))
    return items

