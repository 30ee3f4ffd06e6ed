"""The print gate (design §4): may this leaflet print as final in this locale, and if not,
every reason why — section, entry, state or finding, in words.

Pure: everything the gate decides on arrives in one `GateInput`, including which
characters no installed font can print (computed at the edge, by `fonts.check_coverage`
on `printed_texts`), so the same input always gives the same verdict on any machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from calcii18n.checks import Finding
from calcii18n.fonts import Missing
from calcii18n.leaflet.extract import NOTICE_CONTEXT, TITLE_CONTEXT, UI_DOMAIN
from calcii18n.model import Catalog, Message
from calcii18n.state import State, entry_id
from calcii18n.status import (
    KIND_OF_STATE,
    OUT_OF_DATE,
    Entries,
    Reason,
    ReasonKind,
    Verdicts,
    verdicts,
)
from calcii18n.trust import Authority


@dataclass(frozen=True, slots=True)
class Gate:
    ok: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class GateInput:
    """Everything the gate looks at for one locale × leaflet.

    `findings`: the leaflet's and the ui's. `missing`: characters of the translations that
    no font of the locale's stack has (None: not looked at, as for English). `authority`:
    the people registry and review policy signatures are verified against. `known`:
    verdicts(template, catalog, trust) when the caller has them already. Without
    `each_entry`, the unreviewed entries are not listed one by one (status counts them
    instead); `ok` is the same either way."""

    locale: str
    domain: str
    authority: Authority
    template: Catalog
    catalog: Catalog | None
    findings: Sequence[Finding]
    ui_template: Catalog | None
    ui_catalog: Catalog | None
    next_review: dt.date
    today: dt.date
    missing: Missing | None  # required, so that no caller forgets the fonts rule
    known: Verdicts | None = None
    each_entry: bool = True
    english_reviewed: dt.date | None = None  # the English's last clinical review
    ui_known: Entries | None = None  # classified(ui_catalog, ui trust), when known already


def printed_texts(catalog: Catalog | None, ui_catalog: Catalog | None) -> list[str]:
    """Every translation that would be printed: what the font coverage is computed on."""
    texts = [s for m in (catalog.messages if catalog else ()) for s in m.msgstr]
    return texts + [s for m in (ui_catalog.messages if ui_catalog else ()) for s in m.msgstr]


def holds_back(ui_entry: Message) -> bool:
    """Whether a ui entry that is not reviewed holds a leaflet back: every one but the
    "on request" notice's line, which is left out where not reviewed, never printed
    unreviewed (publish/notice.py). Status counts the gate's ui entries by this too."""
    return ui_entry.msgctxt != NOTICE_CONTEXT


def leaflet_gate(given: GateInput) -> Gate:
    """Every block reviewed, no check error (leaflet or ui), ui reviewed, the catalogue
    really of this locale, the English not overdue for review, every character in a font."""
    reasons: list[Reason] = []
    if given.next_review < given.today:
        reasons.append(Reason(ReasonKind.OVERDUE, "", "", "the English is overdue for "
                              "clinical review (next review was due "
                              f"{given.next_review.isoformat()})"))
    reasons += _cycle(given)
    if given.locale == "en":
        return Gate(not reasons, tuple(reasons))
    reasons += _wrong_language(given)
    entries, unreviewed = _entries(given)
    reasons += entries
    reasons += [Reason(ReasonKind.CHECK, f"{f.path}:{f.line}", f.entry,
                       f"check {f.check}: {f.message}") for f in given.findings if f.blocking]
    if given.catalog is not None:
        wanted = {m.key for m in given.template.messages}
        if any(m.key not in wanted for m in given.catalog.messages):
            reasons.append(OUT_OF_DATE)
    if given.ui_template is not None:  # "Emergency" is clinical content: signed review too
        ui_trust = given.authority.of(given.locale, UI_DOMAIN)
        for tmpl, entry, verdict in verdicts(given.ui_template, given.ui_catalog, ui_trust,
                                             given.ui_known):
            if verdict.state is not State.REVIEWED and holds_back(tmpl):
                reasons.append(Reason(ReasonKind.UI, "ui", entry_id(entry or tmpl),
                                      f"ui string {verdict.state.value}: {verdict.reason} — "
                                      f"{tmpl.msgid!r}"))
    if given.missing:
        reasons += _fonts(given, given.missing)
    return Gate(not reasons and not unreviewed, tuple(reasons))


def _cycle(given: GateInput) -> list[Reason]:
    """A next review set further after the last one than the policy allows: a leaflet
    reviewed once with next_review ten years on would otherwise print final for ten."""
    reviewed, years = given.english_reviewed, given.authority.policy.max_cycle_years
    if reviewed is None:
        return []
    try:
        latest = reviewed.replace(year=reviewed.year + years)
    except ValueError:  # 29 February
        latest = reviewed.replace(year=reviewed.year + years, day=28)
    if given.next_review <= latest:
        return []
    return [Reason(ReasonKind.OVERDUE, "", "", f"next_review {given.next_review.isoformat()} "
                   f"is more than {years} year{'s' * (years != 1)} after the English's review "
                   f"of {reviewed.isoformat()} ([review] max_cycle_years)")]


def _fonts(given: GateInput, missing: Missing) -> list[Reason]:
    """The font problem in words, then every entry that holds a character no font has, so
    that a refusal names what to fix (the leaflet's entries, then the ui's)."""
    out = [Reason(ReasonKind.FONTS, "", "", "fonts: " + missing.describe())]
    absent = set(missing.characters)
    for cat, domain in ((given.catalog, ""), (given.ui_catalog, "ui ")):
        for msg in cat.messages if cat is not None else ():
            chars = sorted(absent.intersection("".join(msg.msgstr)))
            if chars:
                where = domain + (_where(msg.msgctxt) if msg.msgctxt else "entry")
                out.append(Reason(ReasonKind.FONTS, where, entry_id(msg), "no glyph for " +
                                  ", ".join(f"U+{ord(c):04X}" for c in chars) +
                                  f" — {msg.msgid[:50]!r}"))
    return out


def _wrong_language(given: GateInput) -> list[Reason]:
    out = []
    for cat, what in ((given.catalog, "leaflet"), (given.ui_catalog, "ui")):
        language = cat.header_value("Language") if cat is not None else None
        if cat is not None and (language or "") != given.locale:
            out.append(Reason(ReasonKind.WRONG_LANGUAGE, "", "", f"{what} catalogue says "
                              f"Language: {language or '(none)'}, not {given.locale}"))
    return out


def _entries(given: GateInput) -> tuple[list[Reason], bool]:
    """One reason per entry that is not reviewed (with `each_entry`), and whether any is."""
    out: list[Reason] = []
    unreviewed = False
    known = given.known if given.known is not None else verdicts(
        given.template, given.catalog, given.authority.of(given.locale, given.domain))
    for tmpl, entry, verdict in known:
        if verdict.state is State.REVIEWED:
            continue
        unreviewed = True
        if given.each_entry:
            out.append(Reason(KIND_OF_STATE[verdict.state], _where(tmpl.msgctxt),
                              entry_id(entry or tmpl),
                              f"{verdict.state.value}: {verdict.reason} — "
                              f"{tmpl.msgid[:50]!r}"))
    return out, unreviewed


def _where(msgctxt: str | None) -> str:
    """Where an entry sits, as a refusal names it: the title, or its section."""
    return "title" if msgctxt == TITLE_CONTEXT else f"§ {msgctxt}"
