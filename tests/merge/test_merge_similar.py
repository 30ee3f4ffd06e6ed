"""merge() draws on similar messages still in use (issue 18): a fuzzy suggestion with its
origin, never a translation, never taken from the message that is still in use."""

from __future__ import annotations

from dataclasses import replace

from calcii18n.merge import Remembered, merge
from calcii18n.model import Message
from calcii18n.state import State, classify
from test_state import TRUST

from helpers import po, tmpl, tmsg, tr

KEPT = tr("dressings", "Change the dressing every two days.", "Cambie el apósito cada dos días.")
NEW = tmsg("dressings", "Change the dressing every three days.")


def by_key(catalog):  # type: ignore[no-untyped-def]
    return {m.key: m for m in catalog.messages}


def test_a_new_message_like_one_still_in_use_gets_its_translation_as_fuzzy() -> None:
    result = merge(po(KEPT), tmpl(KEPT, NEW))
    out = by_key(result.catalog)
    offered = out[NEW.key]
    assert offered.msgstr == KEPT.msgstr
    assert offered.fuzzy and not offered.has_previous  # a suggestion, not stale English
    assert offered.translator_comments == (
        'suggested: close match from "Change the dressing every two days." (context '
        '"dressings"), still in this catalogue: check it, then clear fuzzy',)
    assert classify(offered, TRUST).state is State.FUZZY
    assert out[KEPT.key] == KEPT  # the message still in use is untouched
    assert result.catalog.obsolete == ()
    assert (result.summary.similar, result.summary.new, result.summary.kept) == (1, 1, 1)


def test_the_same_english_in_a_new_context_is_an_exact_match() -> None:
    moved = tmsg("night-pain", KEPT.msgid)
    (offered,) = [m for m in merge(po(KEPT), tmpl(KEPT, moved)).catalog.messages
                  if m.key == moved.key]
    assert offered.msgstr == KEPT.msgstr and offered.fuzzy
    assert offered.translator_comments[0].startswith('suggested: exact match from "Change')


def test_a_different_word_in_a_short_message_is_not_similar() -> None:
    """"Changed:" scores 93 against "Change:" by characters but 0 by words; in Django's
    catalogues that suggestion was wrong in 25 languages of 42."""
    for old, new in (("Change:", "Changed:"), ("Today", "Monday")):
        kept = tr(None, old, "X")
        (_, offered) = merge(po(kept), tmpl(kept, tmsg(None, new))).catalog.messages
        assert not offered.has_translation and not offered.fuzzy, new


def test_a_message_that_vanished_is_still_the_source_of_its_edit() -> None:
    gone = tr("dressings", "Change the dressing every three days, or sooner.", "GONE")
    out = by_key(merge(po(KEPT, gone), tmpl(KEPT, NEW)).catalog)
    assert out[NEW.key].msgstr == ("GONE",)
    assert out[NEW.key].previous_msgid == gone.msgid  # stale, with the old English


def test_memory_of_the_same_english_comes_before_a_similar_message() -> None:
    memory = [Remembered(NEW.msgid, "DE MEMORIA", "wound-care", True)]
    out = by_key(merge(po(KEPT), tmpl(KEPT, NEW), memory).catalog)
    assert out[NEW.key].msgstr == ("DE MEMORIA",)


def test_drafts_and_untranslated_messages_suggest_nothing() -> None:
    for source in (replace(KEPT, flags=("fuzzy",)), replace(KEPT, msgstr=("",))):
        out = by_key(merge(po(source), tmpl(source, NEW)).catalog)
        assert not out[NEW.key].has_translation and not out[NEW.key].fuzzy


def test_a_plural_takes_only_a_plural_with_every_form() -> None:
    plural = Message("%(n)s tablet a day", msgid_plural="%(n)s tablets a day",
                     msgctxt="dose", msgstr=("%(n)s comprimido al día", "%(n)s comprimidos al día"))
    new_plural = tmsg("dose", "%(n)s tablet each day", msgid_plural="%(n)s tablets each day")
    new_single = tmsg("dose-alone", "%(n)s tablet each day")
    out = by_key(merge(po(plural), tmpl(plural, new_plural, new_single)).catalog)
    assert out[new_plural.key].msgstr == plural.msgstr and out[new_plural.key].fuzzy
    assert not out[new_single.key].has_translation


def test_many_new_messages_may_draw_on_one_message_in_use() -> None:
    other = tmsg("wounds", "Change the dressing every four days.")
    out = by_key(merge(po(KEPT), tmpl(KEPT, NEW, other)).catalog)
    assert out[NEW.key].msgstr == out[other.key].msgstr == KEPT.msgstr


def test_merging_the_result_again_changes_nothing() -> None:
    once = merge(po(KEPT), tmpl(KEPT, NEW)).catalog
    again = merge(once, tmpl(KEPT, NEW))
    assert again.catalog == once
    assert again.summary.similar == 0


def test_no_context_is_no_section_so_an_edit_needs_the_cross_section_score() -> None:
    """74 by characters: accepted within a section (60), not without one (75)."""
    old, new = "Rest your legs often.", "Rest your legs often during the day."
    with_ctxt = merge(po(tr("legs", old, "X")), tmpl(tmsg("legs", new))).catalog.messages
    without = merge(po(tr(None, old, "X")), tmpl(tmsg(None, new))).catalog.messages
    assert with_ctxt[0].msgstr == ("X",) and with_ctxt[0].previous_msgid == old
    assert without[0].msgstr == ("",)


def test_update_says_how_many_entries_got_a_similar_message_s_translation() -> None:
    from calcii18n.cli.report import outcomes_text
    from calcii18n.merge import MergeSummary
    from calcii18n.project.write import Action, Outcome

    one = outcomes_text([Outcome("es/ui.po", Action.UPDATED, MergeSummary(new=1, similar=1))])
    two = outcomes_text([Outcome("es/ui.po", Action.UPDATED, MergeSummary(new=2, similar=2))])
    none = outcomes_text([Outcome("es/ui.po", Action.UPDATED, MergeSummary(new=2))])
    assert "1 new entry given a similar message's translation to check (fuzzy)" in one
    assert "2 new entries given a similar message's translation" in two
    assert "similar" not in none
