"""No heading is left alone at the foot of a page (issue 17 item 4): print.css keeps h2
and h3 with what follows (`page-break-after: avoid`), and a heading with its callout
together. Checked in WeasyPrint's own layout of real editions that break pages in many
places: every sample leaflet in the pseudo-locale (35 % longer), and large print in four
scripts. On each page, the last line of the leaflet's text must not be a heading's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

from helpers import copy_sample, run_cli

HEADINGS = {"h1", "h2", "h3"}
LEAFLETS = ("calciphylaxis-overview", "treatment-and-wound-care", "warning-signs",
            "your-appointment")


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
    raise ValueError(f"a leaflet must not fetch {url}")


def _lines(box: boxes.Box, block: str, out: list[tuple[float, str]]) -> None:
    """(y, the tag of the block it is in) of every line of the page's flowing text:
    margin boxes (footer, page numbers), the fixed watermark, the clinic block and the
    notice apart (they follow the leaflet's text, which may end on the page before)."""
    if isinstance(box, boxes.MarginBox) or box.style["position"] == "fixed":
        return
    if box.element is not None and (box.element_tag == "footer" or set(
            (box.element.get("class") or "").split()) & {"clinic", "on-request"}):
        return
    if isinstance(box, boxes.BlockBox) and box.element_tag:
        block = box.element_tag
    if isinstance(box, boxes.LineBox):
        out.append((box.position_y, block))
        return
    for child in getattr(box, "children", ()):
        _lines(child, block, out)


def stranded_headings(html: str) -> list[int]:
    """The pages whose last line of flowing text is a heading's."""
    document = weasyprint.HTML(string=html, url_fetcher=_refuse).render()
    stranded = []
    for number, page in enumerate(document.pages, start=1):
        found: list[tuple[float, str]] = []
        _lines(page._page_box, "", found)
        if found and max(found)[1] in HEADINGS and number < len(document.pages):
            stranded.append(number)
    return stranded


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_sample(tmp_path_factory.mktemp("project"))
    out = project.parent / "out"
    run_cli(project, "render", "--pseudo", "--format", "html", "-o", str(out / "pseudo"))
    run_cli(project, "render", "es", "ar", "zh_Hans", "hi", "--draft", "--large-print",
            "--format", "html", "-o", str(out / "large"))
    return out


CASES = [("pseudo", "en_XA", lf) for lf in LEAFLETS] + [
    ("large", code, lf) for code in ("es", "ar", "zh_Hans", "hi") for lf in LEAFLETS[1:3]]


@pytest.mark.parametrize(("edition", "locale", "leaflet"), CASES,
                         ids=[f"{e}-{c}-{lf}" for e, c, lf in CASES])
def test_no_heading_ends_a_page(editions: Path, edition: str, locale: str,
                                leaflet: str) -> None:
    html = (editions / edition / locale / f"{leaflet}.html").read_text(encoding="utf-8")
    assert stranded_headings(html) == []


def test_a_heading_left_at_a_page_foot_is_caught() -> None:
    """Without `page-break-after: avoid`, a heading followed by a block too tall to share
    its page ends the page alone."""
    html = ('<html><body style="font-family: \'Noto Sans\'"><div style="height: 235mm">'
            '</div><h2 style="page-break-after: auto">Alone</h2>'
            '<p style="page-break-inside: avoid">' + "Line.<br>" * 30 + "</p></body></html>")
    assert stranded_headings(html) == [1]
    kept = html.replace("page-break-after: auto", "page-break-after: avoid")
    assert stranded_headings(kept) == []
