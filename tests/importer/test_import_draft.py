"""Step 5, the draft: its front matter (TODO values, the title and id chosen), the source
parser's `source` key, and section ids."""

from __future__ import annotations

import datetime as dt

import pytest
from import_helpers import imported, parse

from calcii18n.errors import SourceError
from calcii18n.importer import default_id, import_page, slugify
from calcii18n.leaflet.source import parse_leaflet


def test_front_matter_has_todo_values_and_passes_the_source_parser() -> None:
    markdown, report = imported("full-page.txt")
    head = markdown.split("---")[1]
    assert "id: full-page\n" in head
    assert 'title: "Calciphylaxis: a guide for people on dialysis"\n' in head
    assert "revision: 1\n" in head
    assert "reviewed: 1970-01-01  # TODO: set the date of the clinical review\n" in head
    assert "next_review: 1970-01-02  # TODO: set the date of the next clinical review\n" in head
    assert 'audience: "TODO: who this leaflet is for"\n' in head
    assert 'source: "full-page.txt"\n' in head
    meta = parse(markdown, report).meta
    assert meta.reviewed == dt.date(1970, 1, 1) < meta.next_review
    assert meta.source == "full-page.txt"
    assert any("reviewed" in item for item in report.todo)


def test_a_page_without_a_title_line_gets_a_title_to_check() -> None:
    text = "Calciphylaxis is a rare illness of the skin. Calciphylaxis needs fast care.\n"
    markdown, report = import_page(text, source="no-title.txt")
    assert 'title: "Calciphylaxis"  # TODO: the page has no title line' in markdown
    assert report.title == "Calciphylaxis"


def test_title_and_id_can_be_given() -> None:
    markdown, report = imported("full-page.txt", leaflet_id="guide", title="Our guide")
    meta = parse(markdown, report).meta
    assert (meta.id, meta.title) == ("guide", "Our guide")
    assert any(d.reason.startswith("page title, replaced by --title") for d in report.dropped)


def test_frontmatter_accepts_an_optional_source() -> None:
    base = ("---\nid: x\ntitle: T\nrevision: 1\nreviewed: 2026-01-01\nnext_review: 2027-01-01\n"
            "audience: patients\n{extra}---\n\n## A {{#a}}\n\nText.\n")
    assert parse_leaflet(base.format(extra=""), "x.md", "x").meta.source == ""
    leaflet = parse_leaflet(base.format(extra="source: page.txt\n"), "x.md", "x")
    assert leaflet.meta.source == "page.txt"
    with pytest.raises(SourceError, match="source must be non-empty text"):
        parse_leaflet(base.format(extra='source: ""\n'), "x.md", "x")
    with pytest.raises(SourceError, match="unknown front-matter key 'origin'"):
        parse_leaflet(base.format(extra="origin: page.txt\n"), "x.md", "x")


def test_ids_and_slugs() -> None:
    assert slugify("What's the one thing to remember about dialysis?") == \
        "whats-the-one-thing-to-remember-about-dialysis"
    assert slugify("What are the possible complications of a very rare disease of the skin?") \
        == "what-are-the-possible-complications-of-a-very-rare-disease"
    assert slugify("Calcifilaxis: síntomas") == "calcifilaxis-sintomas"
    assert slugify("症状") == ""
    assert default_id("pages/Warning Signs.txt") == "warning-signs"
    assert default_id("-", "Living with it") == "living-with-it"
    assert default_id("症状.txt") is None

