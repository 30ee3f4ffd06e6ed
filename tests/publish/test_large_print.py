"""Large print scales everything on the page (issue 17): body text at 16 pt or more,
headings no smaller, the clinic block, footer, page numbers, state marks, the draft
watermark and the English of a bilingual edition in proportion to normal print, and
nothing under 12 pt; lines of at most 65 characters of the text's script, start-aligned,
never justified, line height 1.5 or more (2 or more in Nastaliq).

The sample's warning-signs leaflet renders through the CLI as a large-print draft in five
scripts (Latin, Arabic, Han, Urdu in Nastaliq, Devanagari), and bilingual in Spanish and
Arabic. Sizes are measured in the PDF: every glyph run's font size times the vertical
scale of its text and transformation matrices (pypdf's text visitor). Which element a run
prints is read from where WeasyPrint laid that text out for the same HTML (each run
starts where a laid-out piece of text starts). Lines are counted in that layout, in
grapheme clusters: Nastaliq does not extract from a PDF letter for letter.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from uniseg.graphemecluster import grapheme_clusters
from weasyprint.formatting_structure import boxes

from calcii18n.locales import profile

from helpers import copy_sample, run_cli

pypdf = pytest.importorskip("pypdf")

LEAFLET = "warning-signs"
SCRIPTS = ("es", "ar", "zh_Hans", "ur", "hi")
BILINGUAL = ("es", "ar")
NASTALIQ = ("ur",)  # fonts.py prints Urdu in Noto Nastaliq Urdu
EMERGENCY = "020 7946 0999"  # the emergency number in clinic.example.toml
SCALE = 18 / 14  # large print's body size over normal print's
SMALLEST, BODY, MEASURE = 12.0, 16.0, 65
PT_PER_PX = 0.75  # WeasyPrint lays out in CSS px and draws them at 0.75 pt
EDGE = 8.0  # mm: no baseline nearer the top or bottom of the paper than this
# Kinds a draft's page must show in every script; a bilingual one adds the English.
KINDS = {"body", "heading", "list marker", "callout", "clinic block", "footer",
         "page number", "state mark", "watermark", "draft banner"}
NOT_READ_AS_LINES = {"footer", "page number", "draft banner", "watermark", "state mark"}
# The innermost of these classes an element sits in names what it prints.
CLASS_KINDS = (("mark", "state mark"), ("watermark", "watermark"),
               ("english", "bilingual English"), ("running", "footer"))


@dataclass(frozen=True, slots=True)
class Laid:
    """A piece of text as WeasyPrint laid it out (positions in CSS px, as in the PDF)."""

    kind: str
    page: int
    x: float
    baseline: float
    line: int  # which line box it is in
    text: str
    line_height: float  # as a multiple of its font size
    text_align: str  # of the block the line is in
    lang: str


@dataclass(frozen=True, slots=True)
class Run:
    """A glyph run of the PDF: its page, where it starts, its size on paper, its text."""

    page: int
    x: float
    y: float
    size: float
    text: str
    edge: float  # mm from the paper's top or bottom edge, the nearer (inf: turned text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_sample(tmp_path_factory.mktemp("project"))
    out = project.parent / "out"
    draft = ("--leaflet", LEAFLET, "--draft")
    run_cli(project, "render", *SCRIPTS, *draft, "--large-print", "-o", str(out / "large"))
    run_cli(project, "render", *BILINGUAL, *draft, "--large-print", "--bilingual",
            "-o", str(out / "large-bilingual"))
    run_cli(project, "render", *BILINGUAL, *draft, "--bilingual",
            "-o", str(out / "normal-bilingual"))
    return out


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
    raise ValueError(f"a leaflet must not fetch {url}")


def _kind(stack: Sequence[boxes.Box]) -> str:
    classes: set[str] = set()
    tags: set[str] = set()
    margin = ""
    for box in stack:
        if isinstance(box, boxes.MarginBox):
            margin = box.at_keyword
        if box.element is not None and box.element_tag not in ("html", "body"):
            classes.update((box.element.get("class") or "").split())
        tags.add(box.element_tag or "")
    for name, kind in CLASS_KINDS:
        if name in classes:
            return kind
    if margin:
        return "draft banner" if margin == "@top-center" else "page number"
    if "clinic" in classes:
        return "clinic block"
    if tags & {"h1", "h2", "h3"}:
        return "heading"
    if any(tag.endswith("::marker") for tag in tags):
        return "list marker"
    return "callout" if "callout" in classes else "body"


def _line_height(style: Any) -> float:
    value = style["line_height"]
    if value == "normal":
        return 0.0  # never set: as good as unknown
    if isinstance(value, int | float):
        return float(value)  # a number: a multiple of the font size
    if isinstance(value, tuple) and value and isinstance(value[0], str):  # WeasyPrint 68
        kind, number = value  # ("NUMBER", 1.5) or ("PIXELS", 27.0)
        return float(number) if kind == "NUMBER" else float(number) / float(style["font_size"])
    return float(value.value) / float(style["font_size"])  # a length, in px


def _walk(box: boxes.Box, stack: list[boxes.Box], page: int, line: int,
          out: list[Laid], lang: str) -> None:
    stack = [*stack, box]
    if box.element is not None and box.element.get("lang"):
        lang = box.element.get("lang")
    if isinstance(box, boxes.LineBox):
        line = id(box)
    if isinstance(box, boxes.TextBox) and box.text.strip():
        block = next(b for b in reversed(stack) if isinstance(b, boxes.BlockContainerBox))
        out.append(Laid(_kind(stack), page, box.position_x, box.position_y + box.baseline,
                        line, box.text, _line_height(box.style),
                        str(block.style["text_align_all"]), lang))
    for child in getattr(box, "children", ()):
        _walk(child, stack, page, line, out, lang)


@cache
def laid_out(html: Path) -> tuple[int, tuple[Laid, ...]]:
    """The page count and every piece of text of the HTML as WeasyPrint lays it out."""
    document = weasyprint.HTML(filename=str(html), url_fetcher=_refuse).render()
    out: list[Laid] = []
    for number, page in enumerate(document.pages):
        _walk(page._page_box, [], number, 0, out, "")
    return len(document.pages), tuple(out)


def _vertical_scale(cm: Sequence[float], tm: Sequence[float]) -> float:
    """How long one unit of text space upwards is on paper: the text matrix's y axis
    through the transformation matrix (a rotated watermark keeps its size)."""
    x, y = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
    return math.hypot(x, y)


@cache
def glyph_runs(pdf: Path) -> tuple[int, tuple[Run, ...]]:
    reader = pypdf.PdfReader(pdf)
    runs: list[Run] = []
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height) / PT_PER_PX

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  number: int = number, height: float = height) -> None:
            if text.strip():
                turned = abs(cm[1]) > 1e-6  # the watermark: tm is not where it prints
                edge = math.inf if turned else min(tm[5], height - tm[5]) * PT_PER_PX / 72 * 25.4
                runs.append(Run(number, tm[4], tm[5], size * _vertical_scale(cm, tm), text,
                                edge))

        page.extract_text(visitor_text=visit)
    return len(reader.pages), tuple(runs)


def sizes_by_kind(out: Path, variant: str, locale: str) -> dict[str, list[tuple[float, str]]]:
    """(size in pt, text) of every glyph run of the edition's PDF, by element kind."""
    pages, laid = laid_out(out / variant / locale / f"{LEAFLET}.html")
    pdf_pages, runs = glyph_runs(out / variant / locale / f"{LEAFLET}.pdf")
    assert pdf_pages == pages, "the layout measured is not the PDF's"
    kinds: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for run in runs:
        assert run.edge >= EDGE, f"{locale}: {run} too near the paper's edge"
        starts = [t for t in laid if t.page == run.page and abs(t.x - run.x) < 0.5
                  and abs(t.baseline - run.y) < 0.5]
        assert starts, f"{locale}: no laid-out text starts where {run} does"
        kinds[starts[0].kind].append((round(run.size, 2), run.text))
    return kinds


def lines(out: Path, variant: str, locale: str) -> dict[int, list[Laid]]:
    by_line: dict[int, list[Laid]] = defaultdict(list)
    for text in laid_out(out / variant / locale / f"{LEAFLET}.html")[1]:
        by_line[text.line].append(text)
    return by_line


EDITIONS = [("large", c) for c in SCRIPTS] + [("large-bilingual", c) for c in BILINGUAL]


@pytest.mark.parametrize(("variant", "locale"), EDITIONS)
def test_every_glyph_run_of_large_print_is_large(built: Path, variant: str,
                                                 locale: str) -> None:
    kinds = sizes_by_kind(built, variant, locale)
    expected = KINDS | ({"bilingual English"} if "bilingual" in variant else set())
    assert expected <= set(kinds), f"{locale}: no {sorted(expected - set(kinds))} measured"
    small = {kind: sorted({s for s, _ in runs if s < SMALLEST}) for kind, runs in kinds.items()}
    assert not {k: v for k, v in small.items() if v}, f"{locale}: runs under 12 pt"
    body = [size for size, _ in kinds["body"] + kinds["callout"] + kinds["list marker"]]
    assert min(body) >= BODY, f"{locale}: body text at {min(body)} pt"
    assert min(s for s, _ in kinds["heading"]) >= max(body), f"{locale}: headings < body"
    clinic = "".join(text for _, text in kinds["clinic block"])
    assert EMERGENCY in clinic, f"{locale}: the emergency number is not in the clinic block"


@pytest.mark.parametrize("locale", BILINGUAL)
def test_large_print_scales_every_kind_in_proportion(built: Path, locale: str) -> None:
    """Every kind at least 18/14 of its normal-print size (or 12 pt where that is less):
    a kind whose size is fixed would not grow."""
    normal = sizes_by_kind(built, "normal-bilingual", locale)
    large = sizes_by_kind(built, "large-bilingual", locale)
    assert set(normal) == set(large)
    wanted = {kind: max(SMALLEST, min(s for s, _ in runs) * SCALE) for kind, runs in normal.items()}
    got = {kind: min(s for s, _ in runs) for kind, runs in large.items()}
    assert not [f"{kind} {got[kind]} pt, not {wanted[kind]:.1f}" for kind in wanted
                if got[kind] < wanted[kind] - 0.05], f"{locale}: kinds that did not grow"


@pytest.mark.parametrize(("variant", "locale"), EDITIONS)
def test_large_print_lines_are_short_start_aligned_and_open(built: Path, variant: str,
                                                            locale: str) -> None:
    html = (built / variant / locale / f"{LEAFLET}.html").read_text(encoding="utf-8")
    assert "justify" not in html.lower()
    least = 2.0 if locale in NASTALIQ else 1.5
    long, tight, aligned = [], set(), set()
    for texts in lines(built, variant, locale).values():
        line = "".join(t.text for t in texts if t.kind not in NOT_READ_AS_LINES).strip()
        if len(list(grapheme_clusters(line))) > MEASURE:
            long.append(line)
        tight |= {(t.kind, t.line_height) for t in texts if t.line_height < least}
        aligned |= {(t.kind, t.text_align) for t in texts if t.text_align != "start"
                    and t.kind not in ("watermark", "page number", "draft banner")}
    read = [t for t in laid_out(built / variant / locale / f"{LEAFLET}.html")[1]
            if t.kind not in NOT_READ_AS_LINES]
    alone = [t.text for t, after in pairwise(read)
             if t.kind == "heading" and after.page > t.page]
    assert not alone, f"{locale}: headings at the foot of a page, their text on the next"
    assert not long, f"{locale}: lines longer than {MEASURE} characters"
    assert not tight, f"{locale}: line height under {least}"
    assert not aligned, f"{locale}: text not aligned to the start"


def test_the_page_names_its_script_for_the_measure_and_leading() -> None:
    """The measure and Nastaliq's leading follow the script the page prints in."""
    scripts = {code: profile(code).script for code in
               ("en", "es", "ru", "ar", "fa", "ur", "hi", "zh_Hans", "zh_TW", "ja")}
    assert scripts == {"en": "Latn", "es": "Latn", "ru": "Cyrl", "ar": "Arab", "fa": "Arab",
                       "ur": "Aran", "hi": "Deva", "zh_Hans": "Hans", "zh_TW": "Hant",
                       "ja": "Jpan"}
