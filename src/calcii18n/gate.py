"""The print gate (design §4): may this leaflet print as final in this locale, and if not,
every reason why — section, entry, state or finding, in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from calcii18n import fonts
from calcii18n.checks import Finding
from calcii18n.leaflet.extract import TITLE_CONTEXT
from calcii18n.model import Catalog
from calcii18n.state import State, entry_id
from calcii18n.status import Verdicts, verdicts


@dataclass(frozen=True, slots=True)
class Gate:
    ok: bool
    reasons: tuple[str, ...]


def leaflet_gate(template: Catalog, catalog: Catalog | None, findings: Iterable[Finding],
                 ui_template: Catalog | None, ui_catalog: Catalog | None,
                 locale: str, next_review: dt.date, today: dt.date,
                 known: Verdicts | None = None, each_entry: bool = True) -> Gate:
    """Every block reviewed, no check error (leaflet or ui), ui translated, the catalogue
    really of this locale, the English not overdue for review, every character in a font.

    Without `each_entry`, the leaflet's unreviewed entries are not listed one by one
    (status counts them instead); `ok` is the same either way."""
    reasons: list[str] = []
    unreviewed = False
    if next_review < today:
        reasons.append(f"the English is overdue for clinical review (next review was due "
                       f"{next_review.isoformat()})")
    if locale == "en":
        return Gate(not reasons, tuple(reasons))
    for cat, what in ((catalog, "leaflet"), (ui_catalog, "ui")):
        language = cat.header_value("Language") if cat is not None else None
        if cat is not None and (language or "") != locale:
            reasons.append(f"{what} catalogue says Language: {language or '(none)'}, not "
                           f"{locale}")
    for tmpl, entry, verdict in known if known is not None else verdicts(template, catalog):
        if verdict.state is not State.REVIEWED:
            unreviewed = True
            if not each_entry:
                continue
            where = "title" if tmpl.msgctxt == TITLE_CONTEXT else f"§ {tmpl.msgctxt}"
            reasons.append(f"{where} [{entry_id(entry or tmpl)}] {verdict.state.value}: "
                           f"{verdict.reason} — {tmpl.msgid[:50]!r}")
    for f in findings:  # the leaflet's findings and the ui's
        if f.blocking:
            reasons.append(f"{f.path}:{f.line} [{f.entry}] check {f.check}: {f.message}")
    if catalog is not None:
        wanted = {m.key for m in template.messages}
        if any(m.key not in wanted for m in catalog.messages):
            reasons.append("catalogue out of date with the English: run calcii18n update")
    if ui_template is not None:
        for tmpl, _, verdict in verdicts(ui_template, ui_catalog):
            if verdict.state not in (State.TRANSLATED, State.REVIEWED):
                reasons.append(f"ui string {verdict.state.value}: {tmpl.msgid!r}")
    texts = [s for m in (catalog.messages if catalog else ()) for s in m.msgstr]
    texts += [s for m in (ui_catalog.messages if ui_catalog else ()) for s in m.msgstr]
    missing = fonts.check_coverage(locale, texts)
    if missing:
        reasons.append("fonts: " + missing.describe())
    return Gate(not reasons and not unreviewed, tuple(reasons))
