"""`calcii18n import`: the importer on fixtures written for each rule, its CLI, and the three
real pages in ../shared/seeds (read at test time, skipped when the folder is absent)."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from calcii18n.cli import cli
from calcii18n.errors import SourceError
from calcii18n.importer import (
    NOTE_ADDED_HEADING,
    NOTE_CHECK,
    NOTE_FLATTENED,
    NOTE_MISSING_ITEMS,
    NOTE_MISSING_QUESTION,
    ImportReport,
    PageImportError,
    decode_page,
    default_id,
    import_page,
    slugify,
)
from calcii18n.leaflet import frontmatter
from calcii18n.leaflet.source import Leaflet, parse_leaflet

DATA = Path(__file__).parent / "data" / "import"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
FIXTURES = sorted(p.name for p in DATA.glob("*.txt"))
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent")


# --------------------------------------------------------------------------- helpers


def imported(name: str, folder: Path = DATA, **kw: str) -> tuple[str, ImportReport]:
    path = folder / name
    return import_page(decode_page(path.read_bytes(), name), source=name, **kw)


def parse(markdown: str, report: ImportReport) -> Leaflet:
    return parse_leaflet(markdown, f"sources/{report.id}.md", report.id)


def plain(markdown_inline: str) -> str:
    """What a reader sees of a block's inline Markdown (escapes and doubled braces undone)."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown_inline)
    return text.replace("{{", "{").replace("}}", "}")


def blocks(leaflet: Leaflet) -> list[tuple[str, str, str]]:
    """(section id, kind, plain text) of every block."""
    return [(s.id, b.kind, plain(b.text)) for s in leaflet.sections for b in s.blocks]


def headings(leaflet: Leaflet) -> list[str]:
    return [s.heading for s in leaflet.sections]


def notes(markdown: str) -> list[tuple[str, str]]:
    """(note, the Markdown line it stands above)."""
    lines = markdown.split("\n")
    return [(m.group(1), lines[i + 1]) for i, line in enumerate(lines)
            if (m := re.match(r"^<!-- (import: .*) -->$", line))]


def normalise(text: str) -> str:
    """Whitespace folded; invisible characters and control bytes other than spaces gone."""
    text = re.sub(r"[\u00a0\u2007\u202f\x1c-\x1f\x85]", " ", text)
    return " ".join(re.sub(r"[\u200b\u00ad\ufeff\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]", "",
                           text).split())


def line_body(raw: str) -> str:
    """A source line without its list marker, Markdown heading marks, wrap hyphen or the
    colon of a "Label:" heading."""
    text = normalise(raw)
    text = re.sub(r"^(?:[•◦▪▫●○‣⁃∙·*+\-–—]|\d{1,3}[.)]|\(\d{1,3}\))(?:\s+|$)", "", text)
    text = re.sub(r"^#{1,6}\s+|\s+#+$", "", text)
    text = re.sub(r"[\s:]*:$", "", text)
    return text[:-1] if re.search(r"\w-$", text) else text


def _split_lines(text: str) -> list[str]:
    """Lines as the importer numbers them (CRLF, LF or a lone CR end a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_nothing_lost(original: str, markdown: str, report: ImportReport) -> None:
    """Every line of the page is either reported as dropped, or whole inside one block of
    the draft (or its title or references): no sentence lost, none cut in half."""
    leaflet = parse(markdown, report)
    texts = [text for _, _, text in blocks(leaflet)]
    title = leaflet.meta.title.replace("{{", "{").replace("}}", "}")  # not Markdown-escaped
    texts = [normalise(t) for t in [*texts, title, *leaflet.meta.references]]
    dropped = {d.line for d in report.dropped}
    for number, raw in enumerate(_split_lines(original), start=1):
        body = line_body(raw)
        if not body or number in dropped:
            continue
        assert any(body in text for text in texts), f"line {number} lost or cut: {raw!r}"


def assert_valid_draft(original: str, markdown: str, report: ImportReport) -> None:
    leaflet = parse(markdown, report)
    assert [s.id for s in leaflet.sections] == [s.id for s in report.sections]
    assert len({s.id for s in leaflet.sections}) == len(leaflet.sections)
    assert all(frontmatter.SLUG.match(s.id) for s in leaflet.sections)
    for line in markdown.split("\n"):  # the only comments are the importer's notes
        assert not line.startswith("<!--") or re.match(r"^<!-- import: [^<>]* -->$", line)
    assert json.loads(report.to_json()) == json.loads(json.dumps(report.as_dict()))
    lines = _split_lines(original)
    for dropped in report.dropped:
        assert normalise(lines[dropped.line - 1]) == normalise(dropped.text)
    assert len(report.notes) == len(notes(markdown))
    assert_nothing_lost(original, markdown, report)


# --------------------------------------------------------------------------- every fixture


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_gives_a_valid_source_that_keeps_every_line(name: str) -> None:
    markdown, report = imported(name)
    assert_valid_draft((DATA / name).read_text(encoding="utf-8"), markdown, report)


@pytest.mark.parametrize("name", FIXTURES)
def test_importing_again_gives_the_same_draft(name: str) -> None:
    first = imported(name)
    assert imported(name) == first
    text = (DATA / name).read_text(encoding="utf-8")
    crlf = import_page(text.replace("\n", "\r\n"), source=name)
    assert crlf == first


def test_a_whole_page_matches_the_reviewed_draft() -> None:
    """full-page.txt has a bit of everything; its draft was read and approved by hand."""
    markdown, _ = imported("full-page.txt")
    expected = (DATA / "full-page.expected.md").read_text(encoding="utf-8")
    assert markdown == expected, "".join(difflib.unified_diff(
        expected.splitlines(True), markdown.splitlines(True), "expected", "got"))


# --------------------------------------------------------------------------- structure


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
                (DATA / "markdown-characters.txt").read_text(encoding="utf-8").split("\n")}
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


# --------------------------------------------------------------------------- noise


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


# --------------------------------------------------------------------------- front matter


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


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("data", "line", "message"), [
    (b"", None, "empty file"),
    (b"  \n\n\t\n\xc2\xa0\n", None, "empty file"),
    (b"\xef\xbb\xbf", None, "empty file"),
    (b"text\nmore\x00\x01", 2, "binary file (byte 0x00)"),
    (b"%PDF-1.7\n...", 1, "a PDF file"),
    (b"\xff\xfeC\x00a\x00", 1, "UTF-16"),
    (b"Calciphylaxis\n\nCaf\xe9 au lait\n", 3, "not UTF-8: byte 0xe9"),
])
def test_bad_bytes_are_refused_by_line(data: bytes, line: int | None, message: str) -> None:
    with pytest.raises(PageImportError) as caught:
        decode_page(data, "page.txt")
    assert caught.value.line == line
    assert message in caught.value.message


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


# --------------------------------------------------------------------------- the command


def invoke(args: list[str], code: int = 0, stdin: bytes | None = None,
           ) -> tuple[str, str]:
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "pages" / "sub")
    return tmp_path


def test_import_writes_sources_id_md_in_the_project_and_extract_accepts_it(
        project: Path) -> None:
    _, err = invoke(["import", str(DATA / "full-page.txt")])
    draft = project / "sources" / "full-page.md"
    assert draft.read_text(encoding="utf-8") == imported("full-page.txt")[0]
    assert "-> ../../sources/full-page.md" in err
    assert "dropped 13 lines:" in err and "line 51: template key: footer.address" in err
    assert "to do: set reviewed and next_review" in err
    out, _ = invoke(["extract"])
    assert "locale/full-page.pot: created" in out
    pot = (project / "locale" / "full-page.pot").read_text(encoding="utf-8")
    assert 'msgid "Calciphylaxis: a guide for people on dialysis"' in pot


def test_import_honours_config(project: Path, tmp_path_factory: pytest.TempPathFactory,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    invoke(["--config", str(project / "calcii18n.toml"), "import",
            str(DATA / "faq.txt")])
    assert (project / "sources" / "faq.md").is_file()


def test_without_a_project_the_draft_goes_to_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    invoke(["import", str(DATA / "faq.txt")])
    assert (tmp_path / "faq.md").is_file()


def test_output_id_title_and_report_options(tmp_path: Path) -> None:
    out = tmp_path / "drafts" / "signs.md"
    report_file = tmp_path / "report.json"
    invoke(["import", str(DATA / "full-page.txt"), "-o", str(out), "--title", "Signs",
            "--report", str(report_file)])
    leaflet = parse_leaflet(out.read_text(encoding="utf-8"), str(out), "signs")
    assert leaflet.meta.title == "Signs"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["id"] == "signs" and report["source"] == "full-page.txt"
    assert report["dropped"][0] == {
        "line": 1, "reason": "cookie/consent notice",
        "text": "We use cookies to give you the best experience. Accept all cookies?"}
    assert [s["id"] for s in report["sections"]] == [
        "overview", "what-are-the-signs", "how-is-it-treated", "when-should-i-get-help"]
    assert (report["paragraphs"], report["list_items"], report["references"]) == (5, 6, 1)


def test_an_existing_draft_is_only_replaced_with_force(tmp_path: Path) -> None:
    out = tmp_path / "faq.md"
    out.write_text("hand edits\n", encoding="utf-8")
    _, err = invoke(["import", str(DATA / "faq.txt"), "-o", str(out)], code=2)
    assert err.strip().endswith("faq.md: already exists: pass --force to overwrite it")
    assert len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "hand edits\n"
    invoke(["import", str(DATA / "faq.txt"), "-o", str(out), "--force"])
    assert out.read_text(encoding="utf-8") == imported("faq.txt")[0]


def test_standard_input_and_standard_output(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = (DATA / "faq.txt").read_bytes()
    out, err = invoke(["import", "-", "-o", "-"], stdin=page)
    assert out.startswith("---\nid: calciphylaxis-questions\n")
    assert "source:" not in out
    assert "import: <stdin> -> standard output" in err
    invoke(["import", "-", "--id", "faq"], stdin=page)
    assert (tmp_path / "faq.md").read_text(encoding="utf-8") == out.replace(
        "id: calciphylaxis-questions", "id: faq")


@pytest.mark.parametrize(("args", "data", "message"), [
    (["--id", "Not A Slug"], b"Calciphylaxis\n\nText.\n",
     "error: --id: 'Not A Slug' is not a slug"),
    (["-o", "x.txt"], b"Calciphylaxis\n\nText.\n", "error: -o: 'x.txt': a leaflet source is"),
    (["-o", "other.md", "--id", "page"], b"Calciphylaxis\n\nText.\n",
     "error: -o: 'other.md' does not match --id 'page'"),
    (["-o", "Bad Name.md"], b"Calciphylaxis\n\nText.\n",
     "error: -o: 'Bad Name.md': the file name must be the leaflet id"),
    ([], b"", "page.txt: empty file: there is nothing to import"),
    ([], b"\x89PNG\r\n\x1a\n\x00\x00", "page.txt:1: binary file, an image (PNG)"),
    ([], b"Calciphylaxis\n\nna\xefve\n", "page.txt:3: not UTF-8: byte 0xef cannot be decoded"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           args: list[str], data: bytes, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_bytes(data)
    _, err = invoke(["import", "page.txt", *args], code=2)
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not list(tmp_path.glob("*.md"))


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _, err = invoke(["import", "nope.txt"], code=2)
    assert err == "error: nope.txt: no such file\n"


def test_help_and_registration() -> None:
    out, _ = invoke(["import", "--help"])
    assert "Usage: cli import [OPTIONS] FILE" in out
    assert "--report FILE" in out and "--force" in out
    # cli_import can be imported first: no circular import with cli.py.
    code = ("import calcii18n.cli.import_page, calcii18n.cli; "
            "print(calcii18n.cli.cli.commands['import'])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- the real pages

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
    markdown, report = imported(name, SEEDS)
    body = "\n".join(text for _, _, text in blocks(parse(markdown, report))).lower()
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
