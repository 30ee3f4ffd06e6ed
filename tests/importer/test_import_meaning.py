"""The importer never changes what a page means without saying so: a list that lost its
bullets stays a list of items, the page's title is kept (or kept with a note), never
dropped, and a line dropped on weak signs only is kept with a note instead."""

from __future__ import annotations

import pytest
from import_helpers import assert_valid_draft, blocks, imported, notes, parse

from calcii18n.importer import NOTE_CHECK, NOTE_TITLE, ImportReport, import_page

ANNOUNCEMENT = ("Some foods hold a lot of phosphate, so your dietitian may ask you to eat "
                "less of them. Foods to cut down on include:")
FOODS = ["cola drinks", "processed cheese", "ready meals"]


def _import(text: str) -> tuple[str, ImportReport]:
    markdown, report = import_page(text, source="page.txt")
    assert_valid_draft(text, markdown, report)
    return markdown, report


def _kinds(markdown: str, report: ImportReport, kind: str) -> list[str]:
    return [text for _, k, text in blocks(parse(markdown, report)) if k == kind]


# -- lists that lost their bullets --------------------------------------------------------

@pytest.mark.parametrize("indent", ["  ", "\t", "    "], ids=["2 spaces", "tab", "4 spaces"])
@pytest.mark.parametrize("gap", ["", "\n"], ids=["right under it", "after a blank line"])
def test_indented_lines_under_an_announcement_are_each_an_item(indent: str, gap: str) -> None:
    text = (f"Calciphylaxis and diet\n\n{ANNOUNCEMENT}\n{gap}"
            + "".join(f"{indent}{food}\n" for food in FOODS)
            + "\nYour dietitian will help you plan your meals.\n")
    markdown, report = _import(text)
    assert _kinds(markdown, report, "bullet") == FOODS
    assert "- cola drinks\n- processed cheese\n- ready meals\n" in markdown


def test_a_short_label_with_indented_lines_under_it_announces_a_list() -> None:
    text = ("Calciphylaxis and diet\n\nFoods to limit:\n  cola drinks\n  processed cheese\n"
            "  ready meals\n\nYour dietitian will help you plan your meals.\n")
    markdown, report = _import(text)
    assert _kinds(markdown, report, "bullet") == FOODS
    assert "Foods to limit:" in _kinds(markdown, report, "paragraph")


def test_a_line_back_at_the_announcements_indent_ends_the_list() -> None:
    text = (f"Calciphylaxis and diet\n\n{ANNOUNCEMENT}\n  cola drinks\n  processed cheese\n"
            "Ask your dietitian for a full list.\n")
    markdown, report = _import(text)
    assert _kinds(markdown, report, "bullet") == FOODS[:2]
    assert "Ask your dietitian for a full list." in _kinds(markdown, report, "paragraph")


def test_an_item_cut_at_the_pages_width_is_joined_again() -> None:
    text = ("Calciphylaxis and diet\n\n"
            "Your dietitian may ask you to eat less of the foods that are high in phosphate,\n"
            "and these are the ones that come up most often. Foods to cut down on include:\n"
            "  cola and other dark fizzy drinks, which have phosphoric acid added to\n"
            "  them\n"
            "  processed cheese\n")
    markdown, report = _import(text)
    assert _kinds(markdown, report, "bullet") == [
        "cola and other dark fizzy drinks, which have phosphoric acid added to them",
        "processed cheese"]


# -- the page's title ---------------------------------------------------------------------

def test_the_real_title_among_menu_lines_is_the_title() -> None:
    markdown, report = imported("title-among-navigation.txt")
    assert (report.title, report.title_line) == ("Calciphylaxis and diet", 4)
    assert parse(markdown, report).meta.title == "Calciphylaxis and diet"
    assert 4 not in {d.line for d in report.dropped}


def test_the_sites_name_in_its_copyright_line_is_not_the_title() -> None:
    text = ("Kidney Care Online\n\nHome | Services | Contact\n\nCalciphylaxis and diet\n\n"
            "With calciphylaxis, what you eat is part of your treatment: keeping phosphate "
            "low helps the skin heal.\n\n© 2025 Kidney Care Online. All rights reserved.\n")
    _, report = _import(text)
    assert (report.title, report.title_line) == ("Calciphylaxis and diet", 5)
    assert not any(n.note == NOTE_TITLE for n in report.notes)  # sure: its words are the page's
    assert {d.line: d.reason for d in report.dropped}[1].startswith("navigation")


def test_when_the_importer_cannot_tell_it_keeps_the_title_with_a_note() -> None:
    markdown, report = imported("title-unsure.txt")
    assert (report.title, report.title_line) == ("Healing well", 5)
    assert [(n.line, n.note) for n in report.notes if n.note == NOTE_TITLE] == [(5, NOTE_TITLE)]
    assert (NOTE_TITLE, "<!-- import: heading added by the importer -->") in notes(markdown)
    assert "site's name" in {d.line: d.reason for d in report.dropped}[1]


def test_a_heading_above_the_chosen_title_is_kept_as_text_with_a_note() -> None:
    # The real title's words are not in the text, the sub-heading's are: the sub-heading is
    # chosen, and the real title above it used to be dropped as the site's header.
    text = ("Home | Services | Contact\n\nFood and calciphylaxis\n\nWhy phosphate matters\n\n"
            "Phosphate builds up in the blood when the kidneys fail. Your dietitian will help "
            "you keep it low with food choices and binders.\n")
    markdown, report = _import(text)
    assert not any(d.text == "Food and calciphylaxis" for d in report.dropped)
    assert (NOTE_CHECK, "Food and calciphylaxis") in notes(markdown)
    assert [n.reason for n in report.notes if n.note == NOTE_TITLE] == [
        "the line above it (line 3) could be the title: kept as text"]


_HEADERS = {
    "blank lines": "Kidney Care Online\n\nHome | Services | Contact\n\n{title}\n\n",
    "one run": "Kidney Care Online\nHome | Services | Contact\n{title}\n\n",
    "menu and one run": "Kidney Care Online\nMenu\nHome | Services | Contact\n{title}\n\n",
    "all lines": "Skip to main content\nKidney Care Online\nHome\nServices\n{title}\n",
    "date under it": "Kidney Care Online\nMenu\n\n{title}\n\nUpdated 3 March 2024\n\n",
}
_BODIES = {
    "names it": "If you have calciphylaxis, what you eat is part of your treatment. Keep "
                "phosphate low, and ask your dietitian before you change your meals.\n",
    "does not": "What you eat is part of your treatment. Keep phosphate low, and ask your "
                "dietitian before you change your meals.\n",
}


@pytest.mark.parametrize("body", sorted(_BODIES))
@pytest.mark.parametrize("header", sorted(_HEADERS))
def test_the_page_title_is_never_dropped(header: str, body: str) -> None:
    text = _HEADERS[header].format(title="Calciphylaxis and diet") + _BODIES[body]
    markdown, report = _import(text)
    assert not any(d.text == "Calciphylaxis and diet" for d in report.dropped), report.dropped
    assert report.title == "Calciphylaxis and diet" or "Calciphylaxis and diet" in markdown


# -- weak signs of noise ------------------------------------------------------------------

def test_a_strong_sign_among_plain_sentences_keeps_the_paragraph_with_a_note() -> None:
    para = ("Keep the dressing dry and change it when the nurse tells you to. Our renal team "
            "will look at your wound every week. Call us on 020 7946 0456 if the wound smells "
            "or grows.")
    markdown, report = _import(f"Wound care at home\n\n{para}\n\nWash your hands first.\n")
    assert not report.dropped
    assert (NOTE_CHECK, para) in notes(markdown)


def test_weak_signs_alone_never_drop_a_paragraph() -> None:
    para = ("At Riverbank Renal we have looked after many people with calciphylaxis. Our "
            "nurses are trusted by families across the county.")
    text = (f"Calciphylaxis and your skin\n\nCalciphylaxis makes small vessels in the skin "
            f"hard with calcium.\n\n{para}\n\nRiverbank Renal nurses visit at home.\n")
    markdown, report = _import(text)
    assert not report.dropped
    assert (NOTE_CHECK, para) in notes(markdown)
    assert "marketing" in next(n.reason for n in report.notes if n.line == 5)


def test_a_date_under_a_heading_does_not_drop_the_heading() -> None:
    text = ("Calciphylaxis and wound care\n\nCalciphylaxis wounds heal slowly, and the dressing "
            "needs changing with care.\n\nDressing changes\n\nUpdated 3 March 2024\n\n"
            "Change the dressing when the nurse tells you to, with clean hands.\n")
    _, report = _import(text)
    assert "Dressing changes" in [s.heading for s in report.sections]
    assert [d.line for d in report.dropped] == [7]
