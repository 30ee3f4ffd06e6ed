"""The one state model: a table of entries and the state each must have."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from calcii18n.fonts import Missing
from calcii18n.gate import Gate, GateInput, leaflet_gate
from calcii18n.model import Catalog, Message
from calcii18n.state import (
    State,
    classify,
    content_digest,
    make_stamp,
    parse_stamps,
    untranslated,
)
from calcii18n.status import ReasonKind, compute_row

from helpers import po, tmpl, tmsg, tr


def gate(template: Catalog, catalog: Catalog | None, ui_template: Catalog | None,
         ui_catalog: Catalog | None, next_review: dt.date, today: dt.date,
         each_entry: bool = True, missing: Missing | None = None) -> Gate:
    return leaflet_gate(GateInput("es", template, catalog, (), ui_template, ui_catalog,
                                  next_review, today, missing, each_entry=each_entry))

ANA = "Ana Ruiz <ana@clinic.example>"
TODAY, FUTURE = dt.date(2026, 11, 21), dt.date(2027, 11, 21)
DAY = dt.date(2026, 11, 20)


def stamped(msg: Message, who: str = ANA) -> Message:
    stamp = make_stamp(msg, DAY, who)
    return replace(msg, translator_comments=(*msg.translator_comments, stamp.comment()))


BASE = tr("symptoms", "Painful purple patches.", "Manchas moradas dolorosas.")

CASES = [
    ("empty", tmsg("s", "Hello."), State.UNTRANSLATED),
    ("fuzzy-empty", tmsg("s", "Hello.", flags=("fuzzy",)), State.UNTRANSLATED),
    ("plural-partial", Message(msgid="a", msgid_plural="b", msgstr=("x", "")),
     State.UNTRANSLATED),
    ("fuzzy-draft", replace(BASE, flags=("fuzzy",)), State.FUZZY),
    ("fuzzy-previous", replace(BASE, flags=("fuzzy",), previous_msgid="Old."), State.STALE),
    ("fuzzy-previous-ctxt", replace(BASE, flags=("fuzzy",), previous_msgctxt="x"),
     State.STALE),
    ("translated", BASE, State.TRANSLATED),
    ("reviewed", stamped(BASE), State.REVIEWED),
    ("reviewed-then-fuzzy", replace(stamped(BASE), flags=("fuzzy",)), State.FUZZY),
    ("translation-edited-after-review",
     replace(stamped(BASE), msgstr=("Manchas moradas.",)), State.STALE),
    ("english-edited-after-review", replace(stamped(BASE), msgid="Painful red patches."),
     State.STALE),
    ("context-changed-after-review", replace(stamped(BASE), msgctxt="other"), State.STALE),
    ("fuzzy-and-stamp-mismatch",
     replace(stamped(BASE), msgstr=("Otra.",), flags=("fuzzy",)), State.STALE),
    ("stamp-rewrapped", replace(BASE, translator_comments=(
        "reviewed: 2026-11-20 Ana Ruiz", "<ana@clinic.example>",
        f"sha256:{content_digest(BASE)}")), State.REVIEWED),
    ("old-and-new-stamp", stamped(replace(stamped(BASE), msgstr=("v1",))), State.REVIEWED),
    ("stamp-without-email", replace(BASE, translator_comments=(
        f"reviewed: 2026-11-20 Ana sha256:{content_digest(BASE)}",)), State.TRANSLATED),
    ("obsolete", replace(BASE, obsolete=True), State.UNTRANSLATED),
]


@pytest.mark.parametrize(("name", "msg", "state"), CASES, ids=[c[0] for c in CASES])
def test_classify(name: str, msg: Message, state: State) -> None:
    assert classify(msg).state is state
    assert untranslated(msg) is (state is State.UNTRANSLATED)  # the checks' shortcut agrees


def test_old_stamp_on_new_text_is_stale_even_if_a_newer_stamp_exists_for_other_text() -> None:
    v1 = stamped(replace(BASE, msgstr=("v1",)))
    v2 = replace(v1, msgstr=("v2",))
    assert classify(v2).state is State.STALE
    assert classify(stamped(v2)).state is State.REVIEWED


def test_hash_covers_every_field() -> None:
    base = Message(msgid="a", msgctxt="c", msgid_plural="as", msgstr=("x", "y"))
    variants = [replace(base, msgctxt="d"), replace(base, msgid="b"),
                replace(base, msgid_plural="bs"), replace(base, msgstr=("x", "z")),
                replace(base, msgctxt=None)]
    digests = {content_digest(v) for v in variants}
    assert content_digest(base) not in digests and len(digests) == len(variants)


def test_stamp_round_trip() -> None:
    msg = stamped(BASE)
    (stamp,) = parse_stamps(msg)
    assert (stamp.date, stamp.reviewer, stamp.self_review) == (DAY, ANA, False)
    self_review = make_stamp(BASE, DAY, ANA, self_review=True)
    again = parse_stamps(replace(BASE, translator_comments=(self_review.comment(),)))
    assert again[0].self_review


def test_status_counts_and_gate() -> None:
    template = tmpl(tmsg("s", "One."), tmsg("s", "Two."), tmsg("s", "Three four."))
    catalog = po(stamped(tr("s", "One.", "Uno.")), tr("s", "Two.", "Dos."))
    row = compute_row("es", "leaflet", template, catalog)
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


def test_all_reviewed_is_printable_only_with_translated_ui() -> None:
    template = tmpl(tmsg("s", "One."))
    catalog = po(stamped(tr("s", "One.", "Uno."))).with_header("Language", "es")
    ui_template = tmpl(tmsg(None, "Page"))
    ui_missing = po(tmsg(None, "Page")).with_header("Language", "es")
    ui_done = po(tr(None, "Page", "Página")).with_header("Language", "es")
    assert gate(template, catalog, ui_template, ui_done, FUTURE, TODAY).ok
    missing_ui = gate(template, catalog, ui_template, ui_missing, FUTURE, TODAY)
    assert not missing_ui.ok and [r.kind for r in missing_ui.reasons] == [ReasonKind.UI]
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
    assert str(verdict.reasons[0]) == "fonts: no glyph for U+0E01 THAI CHARACTER KO KAI"


def test_no_catalogue_counts_everything_untranslated() -> None:
    row = compute_row("es", "leaflet", tmpl(tmsg("s", "One."), tmsg("s", "Two.")), None)
    assert row.counts[State.UNTRANSLATED] == 2 and not row.needs_update


@pytest.mark.parametrize(("name", "msg", "state"), CASES, ids=[c[0] for c in CASES])
def test_gate_without_each_entry_decides_the_same(name: str, msg: Message,
                                                   state: State) -> None:
    template = tmpl(tmsg(msg.msgctxt, msg.msgid))
    catalog = po(msg).with_header("Language", "es")
    listed = gate(template, catalog, None, None, FUTURE, TODAY)
    counted = gate(template, catalog, None, None, FUTURE, TODAY, each_entry=False)
    assert counted.ok is listed.ok is (state is State.REVIEWED)
    assert counted.reasons == tuple(r for r in listed.reasons if not str(r).startswith("§ "))
