"""merge() draws on similar messages of the old catalogue, in use or gone (issue 18): a
fuzzy suggestion with its origin, never a translation, never taken from the message it
came from, and never one that brings a figure the new English lacks."""

from __future__ import annotations

from dataclasses import replace

from calcii18n.merge import Remembered, merge
from calcii18n.model import Message
from calcii18n.state import State, classify
from test_state import TRUST

from helpers import po, tmpl, tmsg, tr

KEPT = tr("dressings", "Change the dressing every two days.", "Cambie el apósito cada dos días.")
NEW = tmsg("dressings", "Change your dressing every two days.")


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
    other = tmsg("wounds", "Change the dressing every two days at home.")
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


def _suggested_from(msg: Message) -> str:
    (note,) = msg.translator_comments
    return note


def test_a_vanished_message_seeds_its_closest_edit_and_is_offered_to_the_others() -> None:
    """A comparison split in three (Python's docs, 3.11 -> 3.12): the old message seeds
    the closest as its stale edit, and is a suggestion for the others, whether the old
    catalogue still has it or only as obsolete."""
    gone = tr(None, "``date1 < date2``", "``date1 < date2`` (menor)")
    news = [tmsg(None, "``date1 <= date2``"), tmsg(None, "``date1 == date2``"),
            tmsg(None, "``date1 != date2``")]
    for old in (po(gone), po(obsolete=(replace(gone, obsolete=True),))):
        out = by_key(merge(old, tmpl(*news)).catalog)
        seeded, *offered = (out[m.key] for m in news)
        assert seeded.previous_msgid == gone.msgid and seeded.msgstr == gone.msgstr
        for msg in offered:
            assert msg.msgstr == gone.msgstr and msg.fuzzy and not msg.has_previous
            assert _suggested_from(msg) == (
                'suggested: close match from "``date1 < date2``", gone from the template: '
                "check it, then clear fuzzy")


def test_punctuation_between_the_first_two_words_does_not_hide_a_similar_message() -> None:
    """The two words a message opens and ends with are compared without what separates
    them: "date1`` < ``date2" and "date1`` == ``date2" are both "date1 date2"."""
    kept = tr(None, "``datetime1 < datetime2``", "X")
    new = tmsg(None, "``datetime1 == datetime2``")
    out = by_key(merge(po(kept), tmpl(kept, new)).catalog)
    assert out[new.key].msgstr == ("X",) and out[new.key].fuzzy
    assert "still in this catalogue" in _suggested_from(out[new.key])


def test_a_plural_and_its_singular_are_one_word_but_a_tense_is_not() -> None:
    """Python 3.12's docs index "module" beside the heading "Modules": the translation
    of one is a start on the other. "Changed:" beside "Change:" stays apart (above)."""
    cases = (("Modules", "module"), ("Escape Sequence", "Escape sequences"),
             ("Dictionaries", "dictionary"))
    for old, new in cases:
        kept = tr(None, old, "X")
        out = by_key(merge(po(kept), tmpl(kept, tmsg(None, new))).catalog)
        assert out[(None, new)].msgstr == ("X",) and out[(None, new)].fuzzy, new


def test_a_suggestion_never_brings_a_number_the_new_english_lacks() -> None:
    """The number is what tells two instructions apart: "Take 1 tablet daily." is no
    suggestion for "Take 2 tablets daily." (tests/merge/test_merge.py), but a message
    without a number is one for the same message with a number added."""
    kept = tr("dressings", "Keep the dressing dry and clean.", "X")
    longer = tmsg("dressings", "Keep the dressing dry and clean, using 2 pads.")
    out = by_key(merge(po(kept), tmpl(kept, longer)).catalog)
    assert out[longer.key].msgstr == ("X",) and out[longer.key].fuzzy
    back = tr("dressings", longer.msgid, "Y")
    out = by_key(merge(po(back), tmpl(back, tmsg("dressings", kept.msgid))).catalog)
    assert not out[kept.key].has_translation
