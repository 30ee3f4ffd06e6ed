"""Unit tests of calcii18n.leaflet.source.parse_leaflet: what a good leaflet becomes, and the exact
line and message of every input it must refuse."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from calcii18n.errors import SourceError
from calcii18n.leaflet.source import Block, Leaflet, parse_leaflet

PATH = "sources/sample.md"
LEAFLET_ID = "sample"

# Lines 1-8; the body of every leaflet built by `leaflet()` starts on line 10 (9 is blank).
FRONT_MATTER = """\
---
id: sample
title: Title
revision: 1
reviewed: 2026-01-01
next_review: 2027-01-01
audience: Patients
---
"""


def leaflet(body: str, front: str = FRONT_MATTER) -> str:
    return f"{front}\n{body}"


def parse(text: str) -> Leaflet:
    return parse_leaflet(text, PATH, LEAFLET_ID)


def blocks(parsed: Leaflet) -> list[Block]:
    return [block for section in parsed.sections for block in section.blocks]


# --------------------------------------------------------------------------------------
# A good leaflet
# --------------------------------------------------------------------------------------

GOOD = """\
---
id: sample
title: "Calciphylaxis: warning signs"
revision: 3
reviewed: 2026-11-01
next_review: 2027-11-01
audience: People on dialysis and their families
references:
  - "Nigwekar SU et al. Calciphylaxis. N Engl J Med. 2018;378:1704-1714."
---

# Calciphylaxis: warning signs

<!-- Keep "calciphylaxis" untranslated. -->
## What it is {#what-it-is}

Calciphylaxis is a rare illness of the **skin**
and its small blood vessels, see
[the guide](https://example.org/guide).

### Who gets it

<!-- "Dialysis": use the word patients hear in clinic. -->
<!--
  Second note,
  on two lines.
-->
Mostly people on *dialysis*.

## Early signs {#early-signs}

<!-- Each item is a short sentence. -->
- Painful patches of skin.
- Skin that looks like a `net`.

1. Call the clinic.
2. Keep the wound clean.

<!-- Urgent: keep the phone placeholder. -->
> **Get help now:** call {clinic_phone}
> if a wound spreads.
>
> - Fever.
> - Spreading redness.

Last paragraph.
"""


@pytest.fixture(scope="module")
def good() -> Leaflet:
    return parse(GOOD)


def test_good_front_matter(good: Leaflet) -> None:
    meta = good.meta
    assert good.id == "sample"
    assert good.path == PATH
    assert meta.title == "Calciphylaxis: warning signs"
    assert meta.revision == "3"
    assert meta.reviewed == dt.date(2026, 11, 1)
    assert meta.next_review == dt.date(2027, 11, 1)
    assert meta.audience == "People on dialysis and their families"
    assert meta.references == (
        "Nigwekar SU et al. Calciphylaxis. N Engl J Med. 2018;378:1704-1714.",)
    assert meta.title_line == 3


def test_good_sections(good: Leaflet) -> None:
    assert [(s.id, s.heading, s.line) for s in good.sections] == [
        ("what-it-is", "What it is", 15),
        ("early-signs", "Early signs", 30),
    ]


def test_good_blocks(good: Leaflet) -> None:
    first, second = good.sections
    urgent = "Urgent: keep the phone placeholder."
    items = "Each item is a short sentence."
    assert first.blocks == (
        Block("heading", "What it is", 15, note='Keep "calciphylaxis" untranslated.'),
        Block("paragraph", "Calciphylaxis is a rare illness of the **skin** and its small blood "
              "vessels, see [the guide](https://example.org/guide).", 17),
        Block("subheading", "Who gets it", 21),
        Block("paragraph", "Mostly people on *dialysis*.", 28,
              note='"Dialysis": use the word patients hear in clinic. Second note, on two '
                   "lines."),
    )
    # Group numbers are only compared for equality: their values are an implementation detail.
    bullets, numbered, callout = (second.blocks[1].group, second.blocks[3].group,
                                  second.blocks[5].group)
    callout_list = second.blocks[6].group
    assert second.blocks == (
        Block("heading", "Early signs", 30),
        Block("bullet", "Painful patches of skin.", 33, items, group=bullets),
        Block("bullet", "Skin that looks like a `net`.", 34, items, group=bullets),
        Block("numbered", "Call the clinic.", 36, group=numbered),
        Block("numbered", "Keep the wound clean.", 37, group=numbered),
        Block("paragraph", "**Get help now:** call {clinic_phone} if a wound spreads.", 40,
              urgent, callout=True, group=callout, box=callout),
        Block("bullet", "Fever.", 43, urgent, callout=True, group=callout_list, box=callout),
        Block("bullet", "Spreading redness.", 44, urgent, callout=True, group=callout_list,
              box=callout),
        Block("paragraph", "Last paragraph.", 46),
    )
    assert 0 not in {bullets, numbered, callout, callout_list}
    assert len({bullets, numbered, callout}) == 3
    assert callout_list not in {bullets, numbered}


def test_good_block_lines_are_file_lines(good: Leaflet) -> None:
    """Independent check of every block line: the source line holds the block's first words."""
    lines = GOOD.split("\n")
    for block in blocks(good):
        words = " ".join(block.text.split()[:2])
        assert words in lines[block.line - 1], (block, lines[block.line - 1])


def test_labels(good: Leaflet) -> None:
    assert [b.label for b in blocks(good)] == [
        "section heading", "paragraph", "sub-heading", "paragraph",
        "section heading", "bulleted list item", "bulleted list item",
        "numbered list item", "numbered list item",
        "callout paragraph", "callout bulleted list item", "callout bulleted list item",
        "paragraph",
    ]


def test_crlf_line_endings_parse_like_lf(good: Leaflet) -> None:
    assert parse(GOOD.replace("\n", "\r\n")) == good


def test_toml_front_matter_is_accepted_and_lines_stay_file_lines() -> None:
    text = """\
+++
id = "sample"
title = "Title"
revision = "2b"
reviewed = 2026-01-01
next_review = "2027-01-01"
audience = "Patients"
references = ["One.", "Two."]
+++

## Heading {#heading}

Text.
"""
    parsed = parse(text)
    assert parsed.meta.title == "Title"
    assert parsed.meta.revision == "2b"
    assert parsed.meta.reviewed == dt.date(2026, 1, 1)
    assert parsed.meta.next_review == dt.date(2027, 1, 1)
    assert parsed.meta.references == ("One.", "Two.")
    assert parsed.meta.title_line == 3
    assert [(b.kind, b.text, b.line) for b in blocks(parsed)] == [
        ("heading", "Heading", 11), ("paragraph", "Text.", 13)]


def test_title_is_optional_and_front_matter_lines_count() -> None:
    parsed = parse(leaflet("## Heading {#heading}\n\nText.\n"))
    assert [(b.kind, b.line) for b in blocks(parsed)] == [("heading", 10), ("paragraph", 12)]


def test_soft_line_breaks_fold_to_one_space() -> None:
    body = "## S {#s}\n\nOne\n   two \nthree\t\n  four.\n"
    (_, para) = blocks(parse(leaflet(body)))
    assert para.text == "One two three four."
    assert para.line == 12


def test_inline_markdown_is_kept_verbatim() -> None:
    body = ("## S {#s}\n\n**Bold**, *em*, _em_, `code`, [link](https://example.org \"t\"), "
            "<https://example.org>, A &amp; B, 1\\. not a list, {{literal}}.\n")
    (_, para) = blocks(parse(leaflet(body)))
    assert para.text == ("**Bold**, *em*, _em_, `code`, [link](https://example.org \"t\"), "
                         "<https://example.org>, A &amp; B, 1\\. not a list, {{literal}}.")


def test_note_attaches_only_to_the_next_block() -> None:
    body = "## S {#s}\n\n<!-- note -->\nFirst.\n\nSecond.\n\n- a\n- b\n"
    assert [(b.text, b.note) for b in blocks(parse(leaflet(body)))] == [
        ("S", ""), ("First.", "note"), ("Second.", ""), ("a", ""), ("b", "")]


def test_note_before_a_section_heading_belongs_to_the_heading() -> None:
    body = "## S {#s}\n\nText.\n\n<!-- about U -->\n## U {#u}\n\nMore.\n"
    parsed = parse(leaflet(body))
    assert [(s.id, [(b.text, b.note) for b in s.blocks]) for s in parsed.sections] == [
        ("s", [("S", ""), ("Text.", "")]),
        ("u", [("U", "about U"), ("More.", "")]),
    ]


def test_note_attaches_to_every_item_of_a_list() -> None:
    body = "## S {#s}\n\n<!-- short -->\n1. a\n2. b\n3. c\n"
    items = blocks(parse(leaflet(body)))[1:]
    assert [(b.kind, b.text, b.note, b.line) for b in items] == [
        ("numbered", "a", "short", 13), ("numbered", "b", "short", 14),
        ("numbered", "c", "short", 15)]
    assert len({b.group for b in items}) == 1


def test_separate_lists_and_callouts_get_separate_groups() -> None:
    body = "## S {#s}\n\n- a\n\n- b\n\nText.\n\n* c\n\n> one\n\n> two\n"
    # "- a" and "- b" form one (loose) list; "* c" starts another; two blockquotes.
    got = blocks(parse(leaflet(body)))[1:]
    assert [(b.text, b.callout) for b in got] == [
        ("a", False), ("b", False), ("Text.", False), ("c", False), ("one", True),
        ("two", True)]
    a, b, text, c, one, two = (block.group for block in got)
    assert a == b != 0
    assert text == 0
    assert len({a, c, one, two}) == 4


def test_callout_paragraphs_share_a_group() -> None:
    body = "## S {#s}\n\n> First paragraph\n> continues.\n>\n> Second paragraph.\n"
    _, first, second = blocks(parse(leaflet(body)))
    assert (first.text, first.line, first.callout) == ("First paragraph continues.", 12, True)
    assert (second.text, second.line, second.callout) == ("Second paragraph.", 15, True)
    assert first.group == second.group != 0


def test_literal_braces_and_placeholders_are_accepted() -> None:
    body = "## Call {clinic_name} {#s}\n\nCall {clinic_phone} or write {{to us}}.\n"
    heading, para = blocks(parse(leaflet(body)))
    assert heading.text == "Call {clinic_name}"
    assert para.text == "Call {clinic_phone} or write {{to us}}."


# --------------------------------------------------------------------------------------
# Inputs that must be refused: (id, whole file text, error line, message regex)
# --------------------------------------------------------------------------------------


def _front(**changes: str | None) -> str:
    """FRONT_MATTER with keys replaced (value text) or removed (None), lines kept in order."""
    lines = FRONT_MATTER.rstrip("\n").split("\n")
    out = []
    for line in lines:
        key = line.split(":", 1)[0]
        if key in changes:
            if changes[key] is None:
                continue
            line = f"{key}: {changes[key]}"
        out.append(line)
    return "\n".join(out) + "\n"


_OK_BODY = "## S {#s}\n\nText.\n"
_TOML = """\
+++
id = "sample"
title = "Title"
revision = 1
reviewed = 2026-01-01
next_review = 2027-01-01
audience = "Patients"
+++
"""

BAD: list[tuple[str, str, int, str]] = [
    # --- sections and ids ---
    ("duplicate-section-id", leaflet("## One {#s}\n\nText.\n\n## Two {#s}\n"), 14,
     r"duplicate section id 's' \(first used on line 10\)"),
    ("section-without-id", leaflet("## Symptoms\n\nText.\n"), 10,
     r"section 'Symptoms' has no id"),
    ("section-id-not-a-slug", leaflet("## Bad {#Bad_Id}\n"), 10,
     r"section id 'Bad_Id' is not a slug"),
    ("section-id-double-hyphen", leaflet("## Bad {#a--b}\n"), 10, r"is not a slug"),
    ("section-heading-without-text", leaflet("## {#s}\n\nText.\n"), 10,
     r"(?i)empty|no (heading )?text"),
    ("paragraph-before-first-section", leaflet("Intro text.\n\n## S {#s}\n"), 10,
     r"text before the first section"),
    ("list-before-first-section", leaflet("# Title\n\n- item\n\n## S {#s}\n"), 12,
     r"text before the first section"),
    ("sub-heading-before-first-section", leaflet("### Sub\n\n## S {#s}\n"), 10,
     r"text before the first section"),
    ("no-section-at-all", leaflet("# Title\n"), 1, r"no sections"),
    # --- title ---
    ("title-differs-from-front-matter", leaflet("# Another title\n\n" + _OK_BODY), 10,
     r"the '#' title 'Another title' differs from the front matter title 'Title'"),
    ("title-after-first-section", leaflet(_OK_BODY + "\n# Title\n"), 14,
     r"may only be the title, once"),
    ("two-titles", leaflet("# Title\n\n# Title\n\n" + _OK_BODY), 12,
     r"may only be the title, once"),
    ("note-before-title", leaflet("<!-- n -->\n# Title\n\n" + _OK_BODY), 10,
     r"translator note before the title"),
    # --- notes ---
    ("note-not-followed-by-a-block", leaflet(_OK_BODY + "\n<!-- orphan -->\n"), 14,
     r"translator note is not followed by a block"),
    ("two-notes-at-the-end", leaflet(_OK_BODY + "\n<!-- one -->\n\n<!-- two -->\n"), 14,
     r"translator note is not followed by a block"),
    ("text-after-a-note-on-its-line", leaflet("## S {#s}\n\n<!-- n --> Visible.\n\nText.\n"),
     12, r"raw HTML is not supported"),
    ("visible-text-between-two-comments",
     leaflet("## S {#s}\n\n<!-- a --> Visible <!-- b -->\nText.\n"), 12,
     r"raw HTML is not supported"),
    # --- unsupported Markdown ---
    ("table", leaflet("## S {#s}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"), 12,
     r"tables are not supported"),
    ("raw-html-block", leaflet("## S {#s}\n\n<div>Text</div>\n"), 12,
     r"raw HTML is not supported"),
    ("inline-html", leaflet("## S {#s}\n\nSome <b>bold</b> text.\n"), 12,
     r"raw HTML is not supported in leaflet text"),
    ("inline-html-in-heading", leaflet("## S <em>x</em> {#s}\n"), 10,
     r"raw HTML is not supported in leaflet text"),
    ("image", leaflet("## S {#s}\n\n![A leg wound](leg.png)\n"), 12,
     r"images are not supported"),
    ("image-in-list-item", leaflet("## S {#s}\n\n- a\n- ![x](x.png)\n"), 13,
     r"images are not supported"),
    ("fenced-code-block", leaflet("## S {#s}\n\nText.\n\n```\ncode\n```\n"), 14,
     r"code blocks are not supported"),
    ("indented-code-block", leaflet("## S {#s}\n\nText.\n\n    code\n"), 14,
     r"indented code blocks are not supported"),
    ("horizontal-rule", leaflet("## S {#s}\n\nText.\n\n***\n"), 14,
     r"horizontal rules are not supported"),
    ("nested-list", leaflet("## S {#s}\n\n- a\n  continued\n  - nested\n"), 14,
     r"a list item holds a nested list"),
    ("list-item-with-two-paragraphs", leaflet("## S {#s}\n\n- a\n\n  more\n- b\n"), 12,
     r"a list item holds more than one paragraph"),
    ("empty-list-item", leaflet("## S {#s}\n\n- a\n-\n- c\n"), 13, r"(?i)empty"),
    ("nested-callout", leaflet("## S {#s}\n\n> a\n>\n> > b\n"), 14,
     r"a nested callout inside a callout is not supported"),
    ("note-inside-callout", leaflet("## S {#s}\n\n> <!-- n -->\n> a\n"), 12,
     r"inside a callout is not supported"),
    ("hard-break-two-spaces", leaflet("## S {#s}\n\nLine one  \nline two.\n"), 12,
     r"line breaks inside a block are not supported"),
    ("hard-break-backslash", leaflet("## S {#s}\n\nLine one\\\nline two.\n"), 12,
     r"line breaks inside a block are not supported"),
    ("reference-link-definition",
     leaflet("## S {#s}\n\nSee [the guide][g].\n\n[g]: https://example.org\n"), 14,
     r"reference-style link definitions are not supported"),
    ("first-of-two-reference-definitions",
     leaflet("## S {#s}\n\nText.\n\n[b]: https://b.example\n[a]: https://a.example\n"), 14,
     r"reference-style link definitions are not supported"),
    # --- placeholders ---
    ("unbalanced-open-brace", leaflet("## S {#s}\n\nCall {clinic_phone now.\n"), 12,
     r"unbalanced braces"),
    ("unbalanced-close-brace", leaflet("## S {#s}\n\nCall } now.\n"), 12,
     r"unbalanced braces"),
    ("unbalanced-brace-in-heading", leaflet("## Call {x {#s}\n"), 10, r"unbalanced braces"),
    ("positional-placeholder", leaflet("## S {#s}\n\nCall {0} now.\n"), 12,
     r"placeholder \{0\} is not a plain name"),
    ("attribute-placeholder", leaflet("## S {#s}\n\nCall {a.b} now.\n"), 12,
     r"placeholder \{a\.b\} is not a plain name"),
    ("empty-placeholder", leaflet("## S {#s}\n\nCall {} now.\n"), 12,
     r"placeholder \{\} is not a plain name"),
    ("uppercase-placeholder", leaflet("## S {#s}\n\nCall {Phone} now.\n"), 12,
     r"placeholder \{Phone\} is not a plain name"),
    ("placeholder-in-heading", leaflet("## Call {0} {#s}\n"), 10,
     r"placeholder \{0\} is not a plain name"),
    ("placeholder-on-second-line", leaflet("## S {#s}\n\nCall\n{a.b} now.\n"), 12,
     r"placeholder \{a\.b\}"),
    # A conversion or format spec is not a plain placeholder; leaflet/extract.py would not flag it
    # python-brace-format, so msgfmt --check-format could not guard it.
    ("placeholder-with-conversion", leaflet("## S {#s}\n\nCall {phone!r} now.\n"), 12,
     r"placeholder"),
    ("placeholder-with-format-spec", leaflet("## S {#s}\n\nCall {phone:>12} now.\n"), 12,
     r"placeholder"),
    # --- front matter ---
    ("missing-front-matter", "## S {#s}\n\nText.\n", 1, r"missing front matter"),
    ("front-matter-not-on-first-line", "\n" + leaflet(_OK_BODY), 1, r"missing front matter"),
    ("unclosed-yaml-front-matter", "---\nid: sample\ntitle: Title\n\n## S {#s}\n", 1,
     r"front matter opened with '---' is never closed"),
    ("unclosed-toml-front-matter", "+++\nid = \"sample\"\n\n## S {#s}\n", 1,
     r"front matter opened with '\+\+\+' is never closed"),
    ("front-matter-not-a-mapping", leaflet(_OK_BODY, "---\n- a\n- b\n---\n"), 2,
     r"front matter must be a mapping"),
    ("empty-front-matter", leaflet(_OK_BODY, "---\n---\n"), 2,
     r"front matter must be a mapping"),
    ("unknown-front-matter-key", leaflet(_OK_BODY, FRONT_MATTER.replace(
        "audience: Patients\n", "audience: Patients\nauthor: Ana\n")), 8,
     r"unknown front-matter key 'author' \(allowed: id, title, revision, reviewed, "
     r"next_review, audience, references, max_pages, source\)"),
    *[(f"missing-key-{key}", leaflet(_OK_BODY, _front(**{key: None})), 1,
       rf"front matter lacks the required key '{key}'")
      for key in ("id", "title", "revision", "reviewed", "next_review", "audience")],
    ("broken-yaml", leaflet(_OK_BODY, _front(title="Title: with a colon")), 3,
     r"broken YAML front matter: mapping values are not allowed here"),
    ("broken-toml", leaflet(_OK_BODY, _TOML.replace('title = "Title"', 'title = "Title')), 3,
     r"broken TOML front matter"),
    ("broken-toml-on-last-line", leaflet(_OK_BODY, _TOML.replace('"Patients"', "")), 7,
     r"broken TOML front matter"),
    ("invalid-toml-date", leaflet(_OK_BODY, _TOML.replace("2026-01-01", "2026-02-30")), 5,
     r"broken TOML front matter"),
    ("leaflet-id-differs-from-file-name", leaflet(_OK_BODY, _front(id="other")), 2,
     r"id 'other' differs from the file name 'sample'"),
    ("leaflet-id-not-a-slug", leaflet(_OK_BODY, _front(id="Sample_1")), 2,
     r"id 'Sample_1' is not a slug"),
    ("empty-title", leaflet(_OK_BODY, _front(title='""')), 3, r"title must be non-empty text"),
    ("title-not-text", leaflet(_OK_BODY, _front(title="[a, b]")), 3,
     r"title must be non-empty text"),
    ("revision-zero", leaflet(_OK_BODY, _front(revision="0")), 4,
     r"revision must be a positive number"),
    ("revision-boolean", leaflet(_OK_BODY, _front(revision="true")), 4,
     r"revision must be a positive number"),
    ("references-not-a-list", leaflet(_OK_BODY, _front(audience="Patients\nreferences: one")),
     8, r"references must be a list"),
    ("next-review-equals-reviewed", leaflet(_OK_BODY, _front(next_review="2026-01-01")), 6,
     r"next_review 2026-01-01 is not after reviewed 2026-01-01"),
    ("next-review-before-reviewed", leaflet(_OK_BODY, _front(next_review="2025-12-31")), 6,
     r"next_review 2025-12-31 is not after reviewed 2026-01-01"),
    ("reviewed-not-a-date", leaflet(_OK_BODY, _front(reviewed="next year")), 5,
     r"reviewed must be a date like 2026-11-20, not 'next year'"),
    ("reviewed-quoted-impossible-date", leaflet(_OK_BODY, _front(reviewed="'2026-13-01'")), 5,
     r"reviewed must be a date"),
    ("reviewed-slashed-date", leaflet(_OK_BODY, _front(reviewed="2026/01/01")), 5,
     r"reviewed must be a date"),
    # Unquoted impossible dates: YAML resolves them as timestamps and fails while loading.
    ("reviewed-impossible-day", leaflet(_OK_BODY, _front(reviewed="2026-02-30")), 5,
     r"reviewed must be a date|broken YAML"),
    ("next-review-impossible-month", leaflet(_OK_BODY, _front(next_review="2027-13-01")), 6,
     r"next_review must be a date|broken YAML"),
]


def test_bad_case_ids_are_unique() -> None:
    ids = [case[0] for case in BAD]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("text", "line", "message"), [case[1:] for case in BAD],
                         ids=[case[0] for case in BAD])
def test_bad_input_is_refused_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse(text)
    exc = caught.value
    assert exc.line == line, str(exc)
    assert re.search(message, exc.message), exc.message
    assert exc.path == PATH
    assert str(exc).startswith(f"{PATH}:{line}: ")


def test_error_lines_point_into_the_file() -> None:
    """Sanity check of the table itself: every expected line exists in its input."""
    for name, text, line, _ in BAD:
        assert 1 <= line <= len(text.split("\n")), name


def test_the_mini_leaflet_example_parses() -> None:
    path = Path(__file__).parent / "mini-leaflet.md"
    parsed = parse_leaflet(path.read_text(encoding="utf-8"), "sources/mini-leaflet.md",
                           "mini-leaflet")
    assert [s.id for s in parsed.sections] == ["what-it-is", "symptoms"]
    assert [(b.kind, b.line, b.callout) for b in blocks(parsed)] == [
        ("heading", 14, False), ("paragraph", 17, False), ("heading", 20, False),
        ("bullet", 22, False), ("bullet", 23, False), ("paragraph", 25, True)]


@pytest.mark.parametrize("value", ["0", "-1", "2.5", "two", "true"])
def test_max_pages_is_a_whole_number_of_pages(value: str) -> None:
    text = leaflet(_OK_BODY, FRONT_MATTER.replace("audience: Patients\n",
                                                  f"audience: Patients\nmax_pages: {value}\n"))
    with pytest.raises(SourceError, match="max_pages must be a whole number of pages"):
        parse_leaflet(text, "sources/sample.md", "sample")
