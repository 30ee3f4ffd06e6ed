"""No leftover final prints: whatever stops a render, a leaflet that is not final now has
no final PDF or HTML in the build folder afterwards; refusals name the entry, fonts too
(issue 15, item 3)."""

from __future__ import annotations

from pathlib import Path

from test_render import approve, run
from test_render import project as project  # the fixture


def test_a_render_stopped_by_a_broken_catalogue_leaves_no_older_final_print(
        project: Path) -> None:
    approve(project, "es")
    run(project, "render", "es", "--leaflet", "dose")
    final = project / "build" / "es"
    assert (final / "dose.pdf").is_file() and (final / "dose.html").is_file()
    po = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    text = po.read_text(encoding="utf-8")
    duplicate = 'msgctxt "how"\nmsgid "How to take it"\nmsgstr "Cómo tomarlo"\n'
    assert duplicate in text
    po.write_text(text + "\n" + duplicate, encoding="utf-8")
    out = run(project, "render", "es", "--leaflet", "dose", code=2)
    assert out.startswith("error: locale/es/LC_MESSAGES/dose.po:")
    assert not (final / "dose.pdf").exists() and not (final / "dose.html").exists()


def test_a_missing_glyph_refusal_names_the_entry(project: Path) -> None:
    po = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        "Manténgalo seco.", "Manténgalo seco ก."), encoding="utf-8")
    approve(project, "es")
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "fonts: no glyph for U+0E01 THAI CHARACTER KO KAI" in out
    assert "§ how [" in out and "no glyph for U+0E01 — 'Keep it dry.'" in out
    assert not (project / "build" / "es" / "dose.pdf").exists()
