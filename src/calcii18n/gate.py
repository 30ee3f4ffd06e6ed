"""The print gate (design §4): may this leaflet print as final in this locale, and if not,
every reason why — section, entry, state or finding, in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from calcii18n import fonts
from calcii18n.checks import Finding
from calcii18n.extract import TITLE_CONTEXT
from calcii18n.model import Catalog
from calcii18n.state import State, entry_id
from calcii18n.status import verdicts


@dataclass(frozen=True, slots=True)
class Gate:
    ok: bool
    reasons: tuple[str, ...]


def leaflet_gate(template: Catalog, catalog: Catalog | None, findings: Iterable[Finding],
                 ui_template: Catalog | None, ui_catalog: Catalog | None,
                 locale: str) -> Gate:
    """Every block reviewed, no check error, ui translated, every character in a font."""
    if locale == "en":
        return Gate(True, ())
    reasons: list[str] = []
    for tmpl, entry, verdict in verdicts(template, catalog):
        if verdict.state is not State.REVIEWED:
            where = "title" if tmpl.msgctxt == TITLE_CONTEXT else f"§ {tmpl.msgctxt}"
            reasons.append(f"{where} [{entry_id(entry or tmpl)}] {verdict.state.value}: "
                           f"{verdict.reason} — {tmpl.msgid[:50]!r}")
    for f in findings:
        if f.blocking:
            reasons.append(f"{f.path}:{f.line} [{f.entry}] check {f.check}: {f.message}")
    if ui_template is not None:
        for tmpl, _, verdict in verdicts(ui_template, ui_catalog):
            if verdict.state not in (State.TRANSLATED, State.REVIEWED):
                reasons.append(f"ui string {verdict.state.value}: {tmpl.msgid!r}")
    texts = [s for m in (catalog.messages if catalog else ()) for s in m.msgstr]
    texts += [s for m in (ui_catalog.messages if ui_catalog else ()) for s in m.msgstr]
    missing = fonts.check_coverage(locale, texts)
    if missing:
        reasons.append("fonts: " + missing.describe())
    return Gate(not reasons, tuple(reasons))
