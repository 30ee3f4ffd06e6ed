"""The three real pages in ../shared/seeds (read at test time, skipped when the folder is
absent): valid drafts with nothing lost, the sections a reader would name, no noise left."""

from __future__ import annotations

import pytest
from import_helpers import (
    SEED_FILES,
    SEEDS,
    assert_valid_draft,
    headings,
    imported,
    needs_seeds,
    notes,
    parse,
    plain,
)

from calcii18n.importer import NOTE_CHECK, NOTE_MISSING_ITEMS, NOTE_MISSING_QUESTION

SEED_SECTIONS = {
    "clinic-care-calciphylaxis.txt": ["overview", "wound", "oxygen", "calcium deposits"],
    "health-library-calciphylaxis.txt": [
        "what is calciphylaxis", "symptoms", "causes", "see a doctor", "risk factors",
        "complications", "diagnosed", "treatment", "at home", "appointment", "takeaway",
        "frequently asked questions"],
    "rare-disease-community-calciphylaxis.txt": [
        "what is calciphylaxis", "synonyms", "wound care", "sodium thiosulfate",
        "other treatments"],
}
NOISE_WORDS = ["cookie", "logo", "loved by", "for free", "24/7", "24x7", "footer.",
               "has not been added yet", "sign up", "join rareshare", "posted by", "created by",
               "last updated", "rareshare", "community", "forum", "ask a question",
               "for appointments", "appointment request", "insurance", "ranks",
               "best hospitals", "not-for-profit", "why choose", "apart", "read more",
               "visit ", "see information", "ebooks", "podcasts"]


@needs_seeds
@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_pages_import_to_valid_drafts_with_nothing_lost(name: str) -> None:
    markdown, report = imported(name, SEEDS)
    assert_valid_draft((SEEDS / name).read_text(encoding="utf-8"), markdown, report)
    assert imported(name, SEEDS) == (markdown, report)


@needs_seeds
@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_pages_keep_the_sections_a_reader_would_name(name: str) -> None:
    markdown, report = imported(name, SEEDS)
    found = [h.lower() for h in headings(parse(markdown, report))]
    for wanted in SEED_SECTIONS[name]:
        assert any(wanted in h for h in found), (wanted, found)
    assert "calciphylaxis" in report.title.lower()


@needs_seeds
@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_pages_lose_their_cookie_marketing_and_footer_text(name: str) -> None:
    """Noise is dropped, or, where the importer is unsure (weak signs only), kept with a
    note for the editor: never left in the draft unmarked."""
    markdown, report = imported(name, SEEDS)
    leaflet = parse(markdown, report)
    body = "\n".join(plain(b.text) for s in leaflet.sections for b in s.blocks
                     if NOTE_CHECK not in b.note).lower()
    for word in NOISE_WORDS:
        assert word not in body, word
    assert all(d.reason for d in report.dropped)


@needs_seeds
def test_seed_pages_lists_and_references() -> None:
    markdown, report = imported("health-library-calciphylaxis.txt", SEEDS)
    assert report.list_items >= 80 and not any(
        note == NOTE_MISSING_ITEMS for note, _ in notes(markdown))
    assert sum(note == NOTE_MISSING_QUESTION for note, _ in notes(markdown)) == 5
    markdown, report = imported("rare-disease-community-calciphylaxis.txt", SEEDS)
    assert report.references == 6
    assert sum(d.reason.startswith("duplicate of line") for d in report.dropped) == 2
    leaflet = parse(markdown, report)
    numbered = [b for s in leaflet.sections for b in s.blocks if b.kind == "numbered"]
    assert len(numbered) == 3
