"""`render --pseudo` (issue 17 item 4): every leaflet in en_XA as a draft, from the
English alone, nothing written to locale/, and each page budget checked as for a
translation."""

from __future__ import annotations

from pathlib import Path

from test_render import project as project
from test_render import run

from calcii18n.leaflet.pseudo import GROWTH


def test_pseudo_drafts_come_from_the_english_and_write_no_catalogue(project: Path) -> None:
    before = sorted(p.relative_to(project) for p in (project / "locale").rglob("*"))
    out = run(project, "render", "--pseudo", "--leaflet", "dose")
    assert "en_XA/dose: DRAFT" in out
    assert sorted(p.relative_to(project) for p in (project / "locale").rglob("*")) == before
    html = (project / "build" / "en_XA" / "dose.html").read_text(encoding="utf-8")
    english = (project / "build" / "en_XA" / "dose.pdf")
    assert english.is_file() and '<html lang="en-XA" dir="ltr">' in html
    assert "[Ţåķé 1 ţåɓļéţ" in html or "[Ţåķé 1 ţåƀļéţ" in html  # "Take 1 tablet", accented
    assert "DRAFT" in html and 0.3 < GROWTH < 0.4


def test_a_page_budget_the_pseudo_locale_breaks_is_said(project: Path) -> None:
    config = project / "calcii18n.toml"
    config.write_text(config.read_text() + "max_pages = 1\n")
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text() + "\n## More {#more}\n\n" + "\n\n".join(
        f"Keep taking it every day, line {n}." for n in range(40)) + "\n")
    run(project, "extract")
    out = run(project, "render", "--pseudo", "--leaflet", "dose")
    assert "over its budget of 1 (max_pages)" in out, out


def test_pseudo_takes_no_locale(project: Path) -> None:
    out = run(project, "render", "--pseudo", "es", code=2)
    assert "--pseudo renders en_XA only" in out


def test_the_help_says_35_percent(project: Path) -> None:
    """click prints help as written: a "%%" there shows as two signs."""
    out = run(project, "render", "--help")
    assert "35 % longer" in " ".join(out.split()) and "%%" not in out
