"""The one state model: a table of entries and the state each must have."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from calcii18n.model import Catalog, Message
from calcii18n.review.signoff import sign_message
from calcii18n.state import (
    State,
    classify,
    make_stamp,
    parse_stamps,
    untranslated,
)
from calcii18n.status import compute_row, verdicts
from calcii18n.trust import content_digest

from helpers import signer_trust, tmpl, tmsg, tr

ANA = "Ana Ruiz <ana@clinic.example>"
TODAY, FUTURE = dt.date(2026, 11, 21), dt.date(2027, 11, 21)
DAY = dt.date(2026, 11, 20)
SIGNING, AUTHORITY = signer_trust(Path(tempfile.mkdtemp()), "es", "leaflet")
TRUST = AUTHORITY.of("es", "leaflet")  # type: ignore[attr-defined]


def stamped(msg: Message, who: str = ANA) -> Message:
    """Signed by a registered clinical reviewer (the comments it had are kept)."""
    signed = sign_message(msg, SIGNING)  # type: ignore[arg-type]
    return replace(signed, flags=msg.flags, previous_msgid=msg.previous_msgid)


def unsigned(msg: Message, who: str = ANA) -> Message:
    """An old `reviewed:` stamp: a hash anyone can compute."""
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
    ("signature-rewrapped", replace(BASE, translator_comments=tuple(
        stamped(BASE).translator_comments[-1].split(" "))), State.REVIEWED),
    ("old-and-new-signature", stamped(replace(stamped(BASE), msgstr=("v1",))),
     State.REVIEWED),
    ("unsigned-stamp", unsigned(BASE), State.TRANSLATED),
    ("unsigned-stamp-then-edited", replace(unsigned(BASE), msgstr=("Otra.",)), State.STALE),
    ("stamp-without-email", replace(BASE, translator_comments=(
        f"reviewed: 2026-11-20 Ana sha256:{content_digest(BASE)}",)), State.TRANSLATED),
    ("obsolete", replace(BASE, obsolete=True), State.UNTRANSLATED),
]


@pytest.mark.parametrize(("name", "msg", "state"), CASES, ids=[c[0] for c in CASES])
def test_classify(name: str, msg: Message, state: State) -> None:
    assert classify(msg, TRUST).state is state
    assert untranslated(msg) is (state is State.UNTRANSLATED)  # the checks' shortcut agrees


def test_old_stamp_on_new_text_is_stale_even_if_a_newer_stamp_exists_for_other_text() -> None:
    v1 = stamped(replace(BASE, msgstr=("v1",)))
    v2 = replace(v1, msgstr=("v2",))
    assert classify(v2, TRUST).state is State.STALE
    assert classify(stamped(v2), TRUST).state is State.REVIEWED


def test_an_unsigned_stamp_says_so() -> None:
    verdict = classify(unsigned(BASE), TRUST)
    assert "not signed" in verdict.reason and ANA in verdict.reason


def test_hash_covers_every_field() -> None:
    base = Message(msgid="a", msgctxt="c", msgid_plural="as", msgstr=("x", "y"))
    variants = [replace(base, msgctxt="d"), replace(base, msgid="b"),
                replace(base, msgid_plural="bs"), replace(base, msgstr=("x", "z")),
                replace(base, msgctxt=None)]
    digests = {content_digest(v) for v in variants}
    assert content_digest(base) not in digests and len(digests) == len(variants)


def test_stamp_round_trip() -> None:
    msg = unsigned(BASE)
    (stamp,) = parse_stamps(msg)
    assert (stamp.date, stamp.reviewer, stamp.self_review) == (DAY, ANA, False)
    self_review = make_stamp(BASE, DAY, ANA, self_review=True)
    again = parse_stamps(replace(BASE, translator_comments=(self_review.comment(),)))
    assert again[0].self_review


def test_no_catalogue_counts_everything_untranslated() -> None:
    template = tmpl(tmsg("s", "One."), tmsg("s", "Two."))
    row = compute_row("es", "leaflet", template, None, verdicts(template, None, TRUST))
    assert row.counts[State.UNTRANSLATED] == 2 and not row.needs_update


def test_status_says_when_old_stamps_are_unsigned() -> None:
    template = tmpl(tmsg("symptoms", BASE.msgid))
    catalog_row = compute_row("es", "leaflet", template, None, verdicts(
        template, Catalog((), (), (), (unsigned(BASE),)), TRUST))
    assert catalog_row.counts[State.TRANSLATED] == 1
    assert any("1 with an old unsigned review stamp" in str(r) for r in catalog_row.reasons)
