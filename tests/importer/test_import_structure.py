"""Steps 2 and 3: lines joined into sentences, headings and sections, each bullet style a
list, Markdown characters kept as text, and the notes that point at missing text."""

from __future__ import annotations

import html

import pytest
from import_helpers import (
    blocks,
    headings,
    imported,
    input_file,
    line_body,
    normalise,
    notes,
    parse,
    plain,
)
from markdown_it import MarkdownIt

from calcii18n.importer import (
    NOTE_ADDED_HEADING,
    NOTE_FLATTENED,
    NOTE_MISSING_ITEMS,
    NOTE_MISSING_QUESTION,
    import_page,
)


def test_hard_wrapped_lines_are_joined_into_sentences() -> None:
    markdown, report = imported("hard-wrapped.txt")
    leaflet = parse(markdown, report)
    paragraphs = [text for _, kind, text in blocks(leaflet) if kind == "paragraph"]
    assert paragraphs[0].startswith("This leaflet was copied out of a PDF, so every line "
                                    "stops at sixty characters or so, even in the middle")
    # A line that ends a sentence at the edge of the page does not end the paragraph.
    assert paragraphs[0].endswith("the edge of the page. The next sentence still belongs to "
                                  "the same paragraph.")
    # Hyphenation: undone where the page also spells the word whole, kept otherwise.
    assert "people on dialysis, and people" in paragraphs[1]
    assert "written as end-stage kidney disease" in paragraphs[1]
    # A capital after a cut inside a sentence, and a dash starting a wrapped line.
    assert "such as Warfarin, may need to change" in paragraphs[2]
    assert "may be - and often is - lowered for a while." in paragraphs[2]
    # A heading straight above its text (no blank line) is still a heading.
    assert headings(leaflet) == ["Overview", "Wound care"]
    items = [text for _, kind, text in blocks(leaflet) if kind == "bullet"]
    assert items == ["a patch of skin that hurts more than it looks like it should, even when "
                     "nothing touches it", "a wound that grows from one visit to the next"]


def test_question_and_title_like_lines_become_sections_with_unique_ids() -> None:
    markdown, report = imported("question-headings.txt")
    leaflet = parse(markdown, report)
    assert [(s.id, s.heading) for s in leaflet.sections] == [
        ("what-is-calciphylaxis", "What is calciphylaxis?"),
        ("symptoms", "Symptoms"),
        ("who-gets-calciphylaxis-and-why-does-it-happen",
         "Who gets calciphylaxis and why does it happen?"),
        ("diagnosis-and-treatment", "Diagnosis and treatment"),
        ("causes", "Causes"),
        ("symptoms-2", "Symptoms"),
    ]
    # A question inside a paragraph leaves the paragraph whole.
    texts = [text for _, _, text in blocks(leaflet)]
    assert any("Why would a blood thinner make it worse? Doctors are" in t for t in texts)
    # The first line is a question right above its answer: the title and its heading.
    assert leaflet.meta.title == "What is calciphylaxis?"


@pytest.mark.parametrize(("announcement", "kind", "items"), [
    ("Signs to look for include:", "bullet",
     ["Painful skin", "A purple, net-like pattern", "Wounds that do not heal"]),
    ("Dialysis staff may check:", "bullet", ["Calcium in the blood", "Phosphate in the blood"]),
    ("Bring these to your appointment:", "bullet",
     ["A list of your medicines", "Photographs of the wound"]),
    ("People who are more at risk include:", "bullet",
     ["People on dialysis", "People who take a blood thinner"]),
    ("Steps for changing a dressing:", "numbered",
     ["Wash your hands.", "Remove the old dressing.", "Put on the new dressing."]),
    ("Steps for the next visit:", "numbered",
     ["Write down your questions.", "Bring your medicines."]),
    ("Foods the dietitian may talk about include:", "bullet",
     ["Dairy products", "Processed cheese", "Cola drinks"]),
    ("Treatments can include:", "bullet",
     ["Changes to dialysis", "more sessions", "a different bath",
      "Medicines that lower phosphate"]),
], ids=["•", "-", "*", "–", "1.", "1)", "indented", "nested"])
def test_each_bullet_style_becomes_a_list(announcement: str, kind: str,
                                          items: list[str]) -> None:
    markdown, report = imported("bullets.txt")
    leaflet = parse(markdown, report)
    found = [b for s in leaflet.sections for b in s.blocks]
    start = next(i for i, b in enumerate(found) if b.text == announcement)
    got = []
    for block in found[start + 1:]:
        if block.kind != kind or (got and block.group != got[-1].group):
            break
        got.append(block)
    assert [plain(b.text) for b in got] == items


def test_a_nested_list_is_flattened_with_a_note() -> None:
    markdown, _ = imported("bullets.txt")
    assert (f"import: {NOTE_FLATTENED.removeprefix('import: ')}",
            "- Changes to dialysis") in notes(markdown)


def test_adjacent_lists_stay_separate_lists() -> None:
    text = "Calciphylaxis\n\nTwo lists:\n\n- one\n- two\n\nCookies: accept all cookies\n\n" \
           "- three\n- four\n"
    markdown, report = import_page(text, source="two.txt")
    leaflet = parse(markdown, report)
    groups = {b.group for s in leaflet.sections for b in s.blocks if b.kind == "bullet"}
    assert len(groups) == 2


def test_markdown_characters_render_as_the_original_text() -> None:
    markdown, report = imported("markdown-characters.txt")
    leaflet = parse(markdown, report)
    render = MarkdownIt("commonmark")
    original = {normalise(line_body(line)) for line in
                input_file("markdown-characters.txt").read_text(encoding="utf-8").split("\n")}
    for section in leaflet.sections[1:]:  # [0] is the Overview the importer added
        for block in section.blocks:
            shown = html.unescape(render.renderInline(block.text))
            shown = shown.replace("{{", "{").replace("}}", "}")
            assert shown in original, block.text
    assert headings(leaflet) == ["Overview", "Markdown-style heading", "Underlined heading"]
    assert "Calcium {{and phosphate}} levels matter; a value like {{x}} is not a placeholder." \
        in markdown


def test_notes_for_lists_announced_but_missing() -> None:
    markdown, report = imported("missing-list.txt")
    found = notes(markdown)
    assert (NOTE_MISSING_ITEMS, "The most common warning signs include:") in found
    assert (NOTE_MISSING_ITEMS, "Things that raise the risk include:") in found
    assert (NOTE_MISSING_ITEMS, "The team can answer these questions:") in found
    assert not report.dropped
    markdown, _ = imported("full-page.txt")
    assert (NOTE_MISSING_ITEMS, "Later signs include:") in notes(markdown)
    assert (NOTE_MISSING_ITEMS, "Early signs include:") not in notes(markdown)


def test_answers_without_their_question_get_a_note() -> None:
    markdown, _ = imported("faq.txt")
    found = notes(markdown)
    assert [line for note, line in found if note == NOTE_MISSING_QUESTION] == [
        "Yes. Calciphylaxis can come back, so the team keeps checking your skin.",
        "No, you cannot catch it from another person."]


def test_citations_move_to_the_front_matter_references() -> None:
    markdown, report = imported("references.txt")
    leaflet = parse(markdown, report)
    assert len(leaflet.meta.references) == 2
    assert leaflet.meta.references[0].startswith("Nigwekar SU")
    assert report.references == 2
    assert headings(leaflet) == ["Overview"]  # "Sources" had nothing else under it
    assert {d.line: d.reason for d in report.dropped}[7].startswith("citation")


def test_text_above_the_first_heading_gets_a_section_to_rename() -> None:
    markdown, report = imported("noise-cookie.txt")
    assert report.sections[0].id == "overview" and report.sections[0].line == 0
    assert (NOTE_ADDED_HEADING, "## Overview {#overview}") in notes(markdown)

