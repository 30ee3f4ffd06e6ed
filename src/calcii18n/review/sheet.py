"""The bilingual review sheet: English and translation side by side, in document order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, StrictUndefined, select_autoescape

from calcii18n import fonts
from calcii18n import locales as locale_codes
from calcii18n.changes import ChangeSeverity, Piece, change_severity, word_diff
from calcii18n.checks import CheckContext, Finding, run_checks
from calcii18n.glossary import Glossary
from calcii18n.leaflet.extract import TITLE_CONTEXT, section_heading
from calcii18n.locales import Profile
from calcii18n.model import Catalog
from calcii18n.state import State, entry_id
from calcii18n.status import verdicts
from calcii18n.trust import Trust, content_digest


@dataclass(frozen=True, slots=True)
class SheetRow:
    entry: str
    english: str
    translation: tuple[str, ...]
    state: State
    reason: str
    findings: tuple[Finding, ...]
    diff: tuple[Piece, ...]
    severity: ChangeSeverity


@dataclass(frozen=True, slots=True)
class SheetSection:
    id: str
    heading: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    leaflet: str
    title: str
    revision: str
    locale: str
    language: str
    direction: str
    date: dt.date
    path: str
    sections: tuple[SheetSection, ...]
    font_stack: str = '"Noto Sans"'  # CSS: the locale's fonts, then the Latin one


def build_sheet(leaflet: str, template: Catalog, catalog: Catalog | None, trust: Trust,
                path: str, glossary: Glossary, profile: Profile | None = None) -> Sheet:
    """Gather everything a clinical reviewer needs on paper (pure). `profile`: how the
    locale prints (Config.profile), the shipped table's when not given."""
    locale, today = trust.locale, trust.today
    ctx = CheckContext(locale, glossary)
    sections: list[SheetSection] = []
    rows: list[SheetRow] = []
    current: tuple[str, str] | None = None
    title = leaflet
    for tmpl, entry, verdict in verdicts(template, catalog, trust):
        if tmpl.msgctxt == TITLE_CONTEXT:
            title = tmpl.msgid
        section = tmpl.msgctxt or ""
        if current is None or current[0] != section:
            if current is not None:
                sections.append(SheetSection(current[0], current[1], tuple(rows)))
            current, rows = (section, section_heading(tmpl)), []
        msg = entry if entry is not None else tmpl
        findings = tuple(run_checks(entry, ctx, path)) if entry is not None else ()
        diff: tuple[Piece, ...] = ()
        severity = ChangeSeverity(False, ())
        if entry is not None and entry.previous_msgid is not None:
            diff = word_diff(entry.previous_msgid, entry.msgid)
            severity = change_severity(entry.previous_msgid, entry.msgid, glossary)
        label = entry_id(msg) + (f":{content_digest(entry, 8)}" if entry is not None else "")
        rows.append(SheetRow(label, tmpl.msgid, msg.msgstr if entry else (),
                             verdict.state, verdict.reason, findings, diff, severity))
    if current is not None:
        sections.append(SheetSection(current[0], current[1], tuple(rows)))
    project = template.header_value("Project-Id-Version") or leaflet
    revision = project.split()[-1] if " " in project else "?"
    profile = profile or locale_codes.profile(locale)
    return Sheet(leaflet, title, revision, locale, profile.endonym, profile.direction, today,
                 path, tuple(sections), fonts.css_stack(profile.fonts))


def render_sheet_html(sheet: Sheet) -> str:
    env = Environment(undefined=StrictUndefined, autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    source = resources.files(__package__).joinpath("review_sheet.html.j2")
    template = env.from_string(source.read_text(encoding="utf-8"))
    return template.render(sheet=sheet, State=State)
