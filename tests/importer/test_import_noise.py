"""Step 4: each kind of noise dropped with its reason while the page's text stays, what the
importer is unsure of kept with a note, and repeated paragraphs dropped."""

from __future__ import annotations

import pytest
from import_helpers import blocks, imported, notes, parse

from calcii18n.importer import NOTE_CHECK, import_page

NOISE = {
    "noise-cookie.txt": {1: "cookie", 3: "cookie"},
    "noise-marketing.txt": {5: "heading of a dropped block", 7: "marketing", 9: "marketing",
                            11: "marketing", 13: "marketing"},
    "noise-signup.txt": {5: "sign-up", 7: "sign-up", 9: "sign-up"},
    "noise-navigation.txt": {1: "navigation", 3: "navigation", 9: "navigation",
                             11: "navigation", 13: "navigation", 15: "navigation",
                             17: "navigation"},
    "noise-footer.txt": {5: "footer", 7: "footer", 9: "footer"},
    "noise-template-keys.txt": {1: "template key", 7: "template key", 9: "template key",
                                11: "template key"},
    "noise-placeholder.txt": {5: "placeholder", 7: "placeholder", 9: "placeholder"},
    "noise-author-bio.txt": {3: "author bio", 7: "author bio", 9: "author bio",
                             11: "author bio"},
    "noise-community.txt": {5: "community", 7: "community", 8: "community", 10: "community",
                            12: "community", 14: "community", 16: "community"},
    "noise-booking.txt": {5: "booking", 7: "booking"},
}


@pytest.mark.parametrize("name", sorted(NOISE))
def test_noise_is_dropped_with_its_reason_and_the_text_stays(name: str) -> None:
    markdown, report = imported(name)
    reasons = {d.line: d.reason for d in report.dropped}
    assert set(reasons) == set(NOISE[name])
    for line, reason in NOISE[name].items():
        assert reason in reasons[line], (line, reasons[line])
    leaflet = parse(markdown, report)
    assert any(text.startswith("Calciphylaxis makes small blood vessels in the skin")
               for _, _, text in blocks(leaflet))
    assert leaflet.meta.title == "Calciphylaxis and your skin"


def test_a_sentence_under_a_dropped_heading_is_kept_with_a_note() -> None:
    markdown, _ = imported("noise-signup.txt")
    assert (NOTE_CHECK, "The wound needs checking every day.") in notes(markdown)


def test_when_unsure_the_importer_keeps_the_line_with_a_note() -> None:
    markdown, report = imported("unsure.txt")
    assert not report.dropped
    checked = [line for note, line in notes(markdown) if note == NOTE_CHECK]
    assert checked == [
        "At Riverside Kidney Centre, a team of nurses and doctors looks after people with "
        "calciphylaxis. The wound clinic is open every weekday.",
        "Wounds heal slowly. Riverside Kidney Centre nurses will show you how to keep the "
        "wound clean and dry."]
    assert all("Riverside Kidney Centre" in n.reason for n in report.notes)


def test_a_repeated_paragraph_is_dropped_once_seen() -> None:
    para = "Calciphylaxis is rare and painful, and it needs care from a team quickly."
    markdown, report = import_page(f"Calciphylaxis\n\n{para}\n\nMore text.\n\n{para}\n",
                                   source="dup.txt")
    assert markdown.count(para) == 1
    assert [(d.line, d.reason) for d in report.dropped] == [(7, "duplicate of line 3")]

