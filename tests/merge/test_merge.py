"""merge(): the msgmerge --previous contract, and the promise that no translation is lost."""

from __future__ import annotations

from dataclasses import replace

from calcii18n.merge import merge
from calcii18n.model import Message
from calcii18n.state import State, classify
from test_state import TRUST, stamped

from helpers import po, tmpl, tmsg, tr


def by_key(catalog):  # type: ignore[no-untyped-def]
    return {m.key: m for m in catalog.messages}


def test_exact_match_keeps_translation_comments_and_stamp() -> None:
    entry = tr("symptoms", "Painful purple patches.", "Manchas moradas dolorosas.",
               extracted_comments=("old note",), references=("sources/a.md:3",))
    entry = stamped(replace(entry, translator_comments=("keep me",)))
    new = tmsg("symptoms", "Painful purple patches.", extracted_comments=("Section: S",),
               references=("sources/a.md:9",))
    result = merge(po(entry), tmpl(new))
    (out,) = result.catalog.messages
    assert out.msgstr == entry.msgstr
    assert out.translator_comments == entry.translator_comments
    assert out.extracted_comments == ("Section: S",)  # comments come from the template
    assert out.references == ("sources/a.md:9",)
    assert classify(out, TRUST).state is State.REVIEWED
    assert result.summary.kept == 1


def test_edited_block_becomes_stale_with_previous_text_and_old_translation() -> None:
    old = tr("dose", "Take 1 tablet daily with food.", "Tome 1 comprimido al día con comida.")
    result = merge(po(old), tmpl(tmsg("dose", "Take 2 tablets daily with food.")))
    (out,) = result.catalog.messages
    assert out.fuzzy
    assert out.previous_msgid == "Take 1 tablet daily with food."
    assert out.previous_msgctxt == "dose"
    assert out.msgstr == old.msgstr
    assert classify(out, TRUST).state is State.STALE
    assert result.summary.stale == 1
    assert result.catalog.obsolete == ()


def test_same_section_is_preferred_over_a_closer_match_elsewhere() -> None:
    a = tr("a", "Keep the wound clean and dry every day.", "A")
    b = tr("b", "Keep the wound clean and dry every single day.", "B")
    new = tmsg("a", "Keep the wound clean and very dry every single day.")
    out = by_key(merge(po(a, b), tmpl(new, tmsg("b", "Something else entirely."))).catalog)
    assert out[("a", new.msgid)].msgstr == ("A",)


def test_cross_section_match_needs_a_close_text() -> None:
    old = tr("a", "Call your clinic if the wound gets bigger.", "X")
    close = tmsg("b", "Call your clinic if the wound gets bigger!")
    far = tmsg("c", "Call us if you feel sad.")
    out = by_key(merge(po(old), tmpl(close, far)).catalog)
    assert out[("b", close.msgid)].msgstr == ("X",)
    assert out[("b", close.msgid)].previous_msgctxt == "a"
    assert out[("c", far.msgid)].msgstr == ("",)


def test_new_sentence_gets_no_suggestion_from_a_kept_one() -> None:
    kept = tr("s", "Take 1 tablet daily.", "Tome 1 comprimido al día.")
    result = merge(po(kept), tmpl(tmsg("s", "Take 1 tablet daily."),
                                  tmsg("s", "Take 2 tablets daily.")))
    out = by_key(result.catalog)
    assert out[("s", "Take 2 tablets daily.")].msgstr == ("",)
    assert not out[("s", "Take 2 tablets daily.")].fuzzy
    assert result.summary.new == 1


def test_removed_block_goes_obsolete_and_returns_exactly() -> None:
    gone = tr("s", "Wear loose clothes.", "Use ropa holgada.", translator_comments=("tc",),
              flags=("fuzzy",))
    first = merge(po(gone), tmpl(tmsg("s", "Something unrelated to clothing at all.")))
    assert first.catalog.obsolete[0].msgstr == gone.msgstr
    assert first.catalog.obsolete[0].obsolete
    assert first.summary.obsolete == 1
    back = merge(first.catalog, tmpl(tmsg("s", "Wear loose clothes.")))
    (out,) = [m for m in back.catalog.messages if m.msgid == "Wear loose clothes."]
    assert out.msgstr == gone.msgstr
    assert out.translator_comments == ("tc",)
    assert out.flags == ("fuzzy",)
    assert back.summary.resurrected == 1
    assert back.catalog.obsolete == ()


def test_untranslated_removed_block_is_dropped() -> None:
    result = merge(po(tmsg("s", "Nothing here.")), tmpl(tmsg("s", "Another thing")))
    assert result.catalog.obsolete == ()


def test_stale_twice_keeps_the_text_the_translation_was_made_for() -> None:
    old = tr("s", "Rest your legs often.", "Descanse las piernas a menudo.")
    once = merge(po(old), tmpl(tmsg("s", "Rest your legs often during the day.")))
    twice = merge(once.catalog, tmpl(tmsg("s", "Rest your legs often during the long day.")))
    (out,) = twice.catalog.messages
    assert out.previous_msgid == "Rest your legs often."


def test_moved_section_is_untouched() -> None:
    a = tr("a", "First.", "Primero.")
    b = tr("b", "Second.", "Segundo.")
    result = merge(po(a, b), tmpl(tmsg("b", "Second."), tmsg("a", "First.")))
    assert [m.msgstr for m in result.catalog.messages] == [("Segundo.",), ("Primero.",)]
    assert all(not m.fuzzy for m in result.catalog.messages)
    assert result.summary.kept == 2


def test_renamed_section_makes_entries_stale_with_previous_context() -> None:
    a = tr("old-id", "Drink less fluid if told to.", "Beba menos líquido si se lo indican.")
    result = merge(po(a), tmpl(tmsg("new-id", "Drink less fluid if told to.")))
    (out,) = result.catalog.messages
    assert out.fuzzy and out.previous_msgctxt == "old-id"
    assert classify(out, TRUST).state is State.STALE


def test_template_format_flags_replace_old_ones_and_fuzzy_stays() -> None:
    a = tr("s", "Call {clinic_phone}.", "Llame al {clinic_phone}.",
           flags=("fuzzy", "python-format"))
    new = tmsg("s", "Call {clinic_phone}.", flags=("python-brace-format",))
    (out,) = merge(po(a), tmpl(new)).catalog.messages
    assert out.flags == ("fuzzy", "python-brace-format")


def test_header_dates_follow_the_template() -> None:
    old = po()
    old = old.with_header("POT-Creation-Date", "2020-01-01 00:00+0000")
    new = tmpl().with_header("POT-Creation-Date", "2026-01-01 00:00+0000")
    assert merge(old, new).catalog.header_value("POT-Creation-Date") == "2026-01-01 00:00+0000"


def test_merge_is_idempotent() -> None:
    a = tr("s", "Keep moving when you can.", "Muévase cuando pueda.")
    template = tmpl(tmsg("s", "Keep moving when you safely can."), tmsg("s", "New one."))
    once = merge(po(a), template).catalog
    assert merge(once, template).catalog == once


def test_finds_what_msgmerge_finds_on_typical_edits() -> None:
    """Edits msgmerge (fuzzy threshold 0.6) pairs up must be paired up here too."""
    pairs = [
        ("Take 1 tablet daily.", "Take 2 tablets daily."),
        ("Keep the wound clean.", "Keep the wound clean and dry."),
        ("Call your nurse if it hurts.", "Call your nurse if it hurts more."),
        ("Symptoms", "Symptoms and signs"),
        ("Ask about sodium thiosulfate.", "Ask your doctor about sodium thiosulfate."),
    ]
    olds = [tr("s", a, f"T{i}") for i, (a, _) in enumerate(pairs)]
    news = [tmsg("s", b) for _, b in pairs]
    out = merge(po(*olds), tmpl(*news)).catalog.messages
    assert [m.msgstr[0] for m in out] == [f"T{i}" for i in range(len(pairs))]
    assert all(m.fuzzy for m in out)


def test_obsolete_entries_drop_references_and_extracted_comments_like_msgmerge() -> None:
    gone = tr("s", "Wear loose clothes.", "Use ropa holgada.", translator_comments=("tc",),
              extracted_comments=("Section: S",), references=("sources/a.md:3",))
    (obsolete,) = merge(po(gone), tmpl(tmsg("s", "Unrelated words here, nothing alike."))
                        ).catalog.obsolete
    assert (obsolete.references, obsolete.extracted_comments) == ((), ())
    assert obsolete.translator_comments == ("tc",)


def test_plural_messages_only_inherit_from_plural_ones() -> None:
    singular = tr(None, "You have one new message", "Tiene un mensaje nuevo")
    plural = Message(msgid="You have one new message!", msgid_plural="You have {n} messages!",
                     msgstr=("", ""))
    out = merge(po(singular), tmpl(plural)).catalog
    assert out.messages[0].msgstr == ("", "")
    assert out.obsolete[0].msgstr == ("Tiene un mensaje nuevo",)



def test_fuzzy_shortlist_breaks_ties_by_position_not_by_string_hashing() -> None:
    """450 old texts share one word each with the new text: all tie. The 25 kept must be the
    first 25, not whichever word a set of strings happened to yield first (that changes with
    PYTHONHASHSEED, so `update` gave different fuzzy sources from run to run)."""
    from calcii18n.matching import Candidate, Index

    olds = [Candidate(k, "s", f"t{k % 30} a b c") for k in range(450)]
    index = Index(olds)
    assert index.shortlist(" ".join(f"t{k}" for k in range(30))) == list(range(25))


def test_memory_from_other_leaflets_is_only_ever_a_fuzzy_suggestion() -> None:
    from calcii18n.merge import Remembered

    memory = [Remembered("Keep the wound dry.", "Mantenga la herida seca (traducida).",
                         "care", False),
              Remembered("Keep the wound dry.", "Mantenga la herida seca.", "dose", True),
              Remembered("Call your kidney team today if the pain gets worse.",
                         "Llame hoy a su equipo renal si el dolor empeora.", "signs", True)]
    template = tmpl(tmsg("a", "Keep the wound dry."),
                    tmsg("a", "Call your kidney team today if the pain gets much worse."),
                    tmsg("a", "Something nobody translated."),
                    Message(msgid="%(n)s tablet", msgid_plural="%(n)s tablets", msgctxt="a"))
    result = merge(po(), template, memory)
    exact, close, none, plural = result.catalog.messages
    assert exact.msgstr == ("Mantenga la herida seca.",) and exact.fuzzy  # reviewed first
    assert exact.translator_comments == (
        "suggested: exact match from dose (reviewed there): check it, then clear fuzzy",)
    assert close.fuzzy and close.translator_comments[0].startswith(
        "suggested: close match from signs")
    assert not none.has_translation and not plural.has_translation
    assert result.summary.suggested == 2
    assert classify(exact, TRUST).state is State.FUZZY  # never printed
