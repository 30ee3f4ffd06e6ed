"""`import_page` as a whole: every fixture gives a valid draft that keeps every line, the same
draft again, the reviewed draft of a full page; pages it refuses; and random text."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_helpers import FIXTURES, GOLDEN, assert_valid_draft, imported, input_file

from calcii18n.importer import PageImportError, import_page


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_gives_a_valid_source_that_keeps_every_line(name: str) -> None:
    markdown, report = imported(name)
    assert_valid_draft(input_file(name).read_text(encoding="utf-8"), markdown, report)


@pytest.mark.parametrize("name", FIXTURES)
def test_importing_again_gives_the_same_draft(name: str) -> None:
    first = imported(name)
    assert imported(name) == first
    text = input_file(name).read_text(encoding="utf-8")
    crlf = import_page(text.replace("\n", "\r\n"), source=name)
    assert crlf == first


def test_a_whole_page_matches_the_reviewed_draft() -> None:
    """full-page.txt has a bit of everything; its draft was read and approved by hand."""
    markdown, _ = imported("full-page.txt")
    expected = (GOLDEN / "full-page" / "expected.md").read_text(encoding="utf-8")
    assert markdown == expected, "".join(difflib.unified_diff(
        expected.splitlines(True), markdown.splitlines(True), "expected", "got"))


def test_a_page_that_is_all_noise_is_refused() -> None:
    with pytest.raises(PageImportError, match="nothing left to import"):
        import_page("We use cookies. Accept all cookies.\n\nfooter.address\n", source="x.txt")


def test_a_bad_id_is_refused() -> None:
    with pytest.raises(PageImportError, match="cannot use 'Bad Id' as the leaflet id"):
        import_page("Calciphylaxis\n\nA painful illness.\n", source="x.txt", leaflet_id="Bad Id")


_ALPHABET = st.sampled_from([
    *"abcXYZ019 .,:;?!*_`[]()<>&#{}\\|-•–—+=~>\"'%/", "\u00a0", "\t", "\r", "\f", "\x1b",
    "\u2028", "é", "™", "{x}", "{#", "&amp;", "<b>", "<!--", "-->", "1. ", "1) ", "(2) ", "- ",
    "• ", "  ", "    ", "## ", "===", "```", "~~~", "| a | b |", "[x]: http://y", "http://x.org",
    "footer.address", "Calciphylaxis ", "include:", "We ", "cookies ", "What is it?"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_ALPHABET, max_size=25).map("".join), max_size=14))
def test_any_text_gives_a_valid_source_or_a_clear_refusal(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        markdown, report = import_page(text, source="random.txt")
    except PageImportError as exc:
        assert "nothing left to import" in exc.message or "cannot use" in exc.message
        return
    assert_valid_draft(text, markdown, report)

