"""The print gate (design §4): one GateInput in, a verdict with every typed reason out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from calcii18n.fonts import Missing
from calcii18n.gate import Gate, GateInput, leaflet_gate
from calcii18n.model import Catalog, Message
from calcii18n.review.signoff import sign_message
from calcii18n.state import State
from calcii18n.status import ReasonKind, compute_row, verdicts
from test_state import AUTHORITY, CASES, FUTURE, SIGNING, TODAY, TRUST, stamped

from helpers import po, tmpl, tmsg, tr

COVERED = Missing((), ())  # every character has a font


def gate(template: Catalog, catalog: Catalog | None, ui_template: Catalog | None,
         ui_catalog: Catalog | None, next_review: dt.date, today: dt.date,
         each_entry: bool = True, missing: Missing | None = COVERED) -> Gate:
    return leaflet_gate(GateInput("es", "leaflet", AUTHORITY,  # type: ignore[arg-type]
                                  template, catalog, (), ui_template, ui_catalog,
                                  next_review, today, missing, each_entry=each_entry))


def ui_signed(msg: Message) -> Message:
    """A ui entry signed by the same registered reviewer."""
    signing = replace(SIGNING, trust=AUTHORITY.of("es", "ui"))  # type: ignore[attr-defined]
    return sign_message(msg, signing)


def test_status_counts_and_gate() -> None:
    template = tmpl(tmsg("s", "One."), tmsg("s", "Two."), tmsg("s", "Three four."))
    catalog = po(stamped(tr("s", "One.", "Uno.")), tr("s", "Two.", "Dos."))
    row = compute_row("es", "leaflet", template, catalog, verdicts(template, catalog, TRUST))
    assert row.counts[State.REVIEWED] == 1
    assert row.counts[State.TRANSLATED] == 1
    assert row.counts[State.UNTRANSLATED] == 1  # not in the catalogue yet
    assert row.words[State.UNTRANSLATED] == 2
    assert row.needs_update
    assert round(row.percent_reviewed) == 33
    verdict = gate(template, catalog, None, None, FUTURE, TODAY)
    assert not verdict.ok
    assert any("untranslated: not in the catalogue yet" in str(r) for r in verdict.reasons)
    assert any("translated: translated, not reviewed" in str(r) for r in verdict.reasons)
    kinds = [r.kind for r in verdict.reasons]
    assert kinds.count(ReasonKind.UNTRANSLATED) == kinds.count(ReasonKind.UNREVIEWED) == 1
    assert all(r.where == "§ s" and r.entry for r in verdict.reasons
               if r.kind in (ReasonKind.UNTRANSLATED, ReasonKind.UNREVIEWED))


def test_all_reviewed_is_printable_only_with_reviewed_ui() -> None:
    template = tmpl(tmsg("s", "One."))
    catalog = po(stamped(tr("s", "One.", "Uno."))).with_header("Language", "es")
    ui_template = tmpl(tmsg(None, "Page"))
    ui_missing = po(tmsg(None, "Page")).with_header("Language", "es")
    ui_unsigned = po(tr(None, "Page", "Página")).with_header("Language", "es")
    ui_done = po(ui_signed(tr(None, "Page", "Página"))).with_header("Language", "es")
    assert gate(template, catalog, ui_template, ui_done, FUTURE, TODAY).ok
    for ui in (ui_missing, ui_unsigned):  # "Emergency" is clinical content
        refused = gate(template, catalog, ui_template, ui, FUTURE, TODAY)
        assert not refused.ok and [r.kind for r in refused.reasons] == [ReasonKind.UI]
    # A ui signature made for the leaflet's domain is not one for the ui's.
    copied = po(stamped(tr(None, "Page", "Página"))).with_header("Language", "es")
    assert not gate(template, catalog, ui_template, copied, FUTURE, TODAY).ok
    overdue = gate(template, catalog, ui_template, ui_done, TODAY, FUTURE)
    assert not overdue.ok and "overdue" in str(overdue.reasons[0])
    assert overdue.reasons[0].kind is ReasonKind.OVERDUE


def test_the_gate_takes_font_coverage_as_input() -> None:
    """No fc-match, no font file: the same input gives the same verdict on any machine."""
    template = tmpl(tmsg("s", "One."))
    catalog = po(stamped(tr("s", "One.", "Uno."))).with_header("Language", "es")
    assert gate(template, catalog, None, None, FUTURE, TODAY, missing=Missing((), ())).ok
    verdict = gate(template, catalog, None, None, FUTURE, TODAY,
                   missing=Missing(("\u0e01",), ()))
    assert not verdict.ok and [r.kind for r in verdict.reasons] == [ReasonKind.FONTS]
    assert str(verdict.reasons[0]) == (
        "fonts: no glyph for U+0E01 THAI CHARACTER KO KAI (name a font for this script in "
        'calcii18n.toml: [languages.CODE] fonts = ["Noto Sans ..."])')


@pytest.mark.parametrize(("name", "msg", "state"), CASES, ids=[c[0] for c in CASES])
def test_gate_without_each_entry_decides_the_same(name: str, msg: Message,
                                                   state: State) -> None:
    template = tmpl(tmsg(msg.msgctxt, msg.msgid))
    catalog = po(msg).with_header("Language", "es")
    listed = gate(template, catalog, None, None, FUTURE, TODAY)
    counted = gate(template, catalog, None, None, FUTURE, TODAY, each_entry=False)
    assert counted.ok is listed.ok is (state is State.REVIEWED)
    assert counted.reasons == tuple(r for r in listed.reasons if not str(r).startswith("§ "))


def test_a_missing_glyph_names_the_entry_that_holds_it() -> None:
    template = tmpl(tmsg("s", "One."), tmsg("t", "Two."))
    catalog = po(stamped(tr("s", "One.", "Uno.")),
                 stamped(tr("t", "Two.", "Dos ก."))).with_header("Language", "es")
    verdict = gate(template, catalog, None, None, FUTURE, TODAY,
                   missing=Missing(("\u0e01",), ()))
    assert not verdict.ok
    named = [r for r in verdict.reasons if r.entry]
    assert len(named) == 1 and named[0].kind is ReasonKind.FONTS and named[0].where == "§ t"
    assert str(named[0]).endswith("no glyph for U+0E01 — 'Two.'")


def test_a_ten_year_review_cycle_does_not_print_final() -> None:
    """[review] max_cycle_years (3 by default) caps how far next_review may lie."""
    reviewed = dt.date(2026, 11, 1)

    def cycle(next_review: dt.date, locale: str = "es") -> Gate:
        return leaflet_gate(GateInput(locale, "leaflet", AUTHORITY,  # type: ignore[arg-type]
                                      tmpl(), None, (), None, None, next_review, TODAY,
                                      COVERED, english_reviewed=reviewed))

    assert cycle(dt.date(2029, 11, 1), "en").ok
    for locale in ("en", "es"):
        refused = cycle(dt.date(2036, 11, 1), locale)
        assert not refused.ok and refused.reasons[0].kind is ReasonKind.OVERDUE
        assert "more than 3 years after the English's review of 2026-11-01" in str(
            refused.reasons[0])
