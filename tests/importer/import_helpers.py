"""What the importer's tests share: where the pages are, importing one, and the checks that
every draft must pass (it parses, and every line of the page is either in it or reported as
dropped)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from calcii18n.importer import ImportReport, decode_page, import_page
from calcii18n.leaflet import frontmatter
from calcii18n.leaflet.source import Leaflet, parse_leaflet

# One folder per case: input.txt, expected.md, expected-report.json (see test_golden.py).
GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).parents[3] / "shared" / "seeds"
# Named like the page each case stands for ("faq.txt"): that name is the default id.
FIXTURES = sorted(f"{p.parent.name}.txt" for p in GOLDEN.glob("*/input.txt"))
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent")


def input_file(name: str) -> Path:
    """The input of the golden case for the page `name` ("faq.txt": golden/faq/input.txt)."""
    return GOLDEN / name.removesuffix(".txt") / "input.txt"


def imported(name: str, folder: Path | None = None, **kw: str) -> tuple[str, ImportReport]:
    """Import the page `name` (a golden case, or a file in `folder`) as `calcii18n import`
    does: bytes decoded by `decode_page`, the page's name as the source."""
    path = input_file(name) if folder is None else folder / name
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

