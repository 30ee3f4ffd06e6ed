"""Incremental rendering (issue 18, item 1): a PDF is kept only when nothing it is made of
changed — the English, the catalogue, the ui words, the templates and CSS, the clinic
profile, the gate's verdict, the fonts and the code — and a deleted or hand-edited PDF
is made again. Never a stale PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_render import approve, fill, run
from test_render import project as project  # the fixture

PDFS = ("en/dose", "en/other", "es/dose", "es/other")


def render(project: Path, *extra: str) -> set[str]:
    """Render es (drafts too); the leaflets whose PDF was made again (not kept)."""
    out = run(project, "render", "es", "--draft", *extra)
    made = set()
    for name in PDFS:
        line = next(x for x in out.splitlines() if x.startswith(f"{name}: "))
        assert f"build/{name}.pdf" in line
        if "(PDF unchanged, kept)" not in line:
            made.add(name)
    return made


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_input_re_renders_exactly_what_depends_on_it(project: Path) -> None:
    es = project / "locale" / "es" / "LC_MESSAGES"
    assert render(project) == set(PDFS)
    before = {n: (project / "build" / f"{n}.pdf").stat().st_mtime_ns for n in PDFS}
    assert render(project) == set()  # nothing changed: nothing rendered, files untouched
    assert before == {n: (project / "build" / f"{n}.pdf").stat().st_mtime_ns for n in PDFS}

    edit(es / "dose.po", '"Manténgalo seco."', '"Manténgalo bien seco."')
    assert render(project) == {"es/dose"}  # one catalogue: its leaflet in its locale
    fill(es / "ui.po", {"Phone": "Tel."})
    assert render(project) == {"es/dose", "es/other"}  # the locale's ui words
    edit(project / "sources" / "other.md", "Keep it cool.", "Keep it cold.")
    assert render(project) == {"en/other", "es/other"}  # an English source
    edit(project / "templates" / "print.css", "}", "}\n/* edited */", )
    assert render(project) == set(PDFS)  # templates and CSS
    clinic = project / "clinic.example.toml"
    clinic.write_text(re.sub(r'phone = "[^"]*"', 'phone = "+44 20 7946 0999"',
                             clinic.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    assert render(project) == set(PDFS)  # the clinic profile
    approve(project, "es")  # the gate's verdict: es/dose becomes final, no watermark;
    # and the es ui's "on request" line is reviewed now, so the English finals list it.
    assert render(project) == {"es/dose", "en/dose", "en/other"}


def test_a_deleted_or_hand_edited_pdf_is_made_again(project: Path) -> None:
    render(project)
    (project / "build" / "es" / "dose.pdf").unlink()
    edited = project / "build" / "en" / "other.pdf"
    edited.write_bytes(edited.read_bytes() + b"\n% edited by hand")
    assert render(project) == {"es/dose", "en/other"}
    assert render(project, "--force") == set(PDFS)
    (project / "build" / ".render-keys.json").write_text("{not json", encoding="utf-8")
    assert render(project) == set(PDFS)  # an unreadable manifest keeps nothing


def test_new_code_or_new_fonts_re_render(project: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from calcii18n.publish import incremental

    render(project)
    monkeypatch.setattr(incremental, "code_digest", lambda: "another calcii18n or WeasyPrint")
    assert render(project) == set(PDFS)
    real = incremental.font_identity
    monkeypatch.setattr(incremental, "font_identity",
                        lambda families: [*real(families), ["a font upgrade", 1]])
    assert render(project) == set(PDFS)


# -- the page budget (issue 17, item 4) ---------------------------------------------------

LONG = "Tome 1 comprimido con la cena. " + (
    "Hágalo todos los días a la misma hora, con un vaso de agua y sin prisa, sentado, y "
    "avise a su equipo de diálisis si lo olvida. ") * 12


def test_a_translation_over_the_page_budget_is_a_warning_in_drafts_and_refused_final(
        project: Path) -> None:
    source = project / "sources" / "dose.md"
    edit(source, "audience: patients", "audience: patients\nmax_pages: 1")
    run(project, "extract")
    run(project, "update")
    fill(project / "locale" / "es" / "LC_MESSAGES" / "dose.po",
         {"Take 1 tablet with your evening meal.": LONG})
    out = run(project, "render", "es", "--draft", "--leaflet", "dose")
    assert "es/dose: DRAFT" in out
    assert re.search(r"warning: leaflet: \d pages, over its budget of 1 \(max_pages\)", out)
    assert "en/dose: final" in out
    approve(project, "es")
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "es/dose: REFUSED" in out and "over its budget of 1 (max_pages)" in out
    assert not (project / "build" / "es" / "dose.pdf").exists()
    assert not (project / "build" / "es" / "dose.record.json").exists()


def test_the_config_sets_the_budget_a_leaflet_may_override(project: Path) -> None:
    config = project / "calcii18n.toml"
    config.write_text(config.read_text() + "max_pages = 1\n")
    fill(project / "locale" / "es" / "LC_MESSAGES" / "dose.po",
         {"Take 1 tablet with your evening meal.": LONG})
    assert "over its budget of 1" in run(project, "render", "es", "--draft", "--leaflet",
                                         "dose")
    edit(project / "sources" / "dose.md", "audience: patients",
         "audience: patients\nmax_pages: 5")
    assert "budget" not in run(project, "render", "es", "--draft", "--leaflet", "dose")
    config.write_text(config.read_text().replace("max_pages = 1", "max_pages = 0"))
    assert "max_pages must be a whole number" in run(project, "render", "es", code=2)


def test_large_print_is_exempt_from_the_page_budget(project: Path) -> None:
    config = project / "calcii18n.toml"
    config.write_text(config.read_text() + "max_pages = 1\n")
    fill(project / "locale" / "es" / "LC_MESSAGES" / "dose.po",
         {"Take 1 tablet with your evening meal.": LONG})
    out = run(project, "render", "es", "--draft", "--leaflet", "dose", "--large-print")
    assert "budget" not in out and "es/dose: DRAFT" in out


def test_the_next_day_renders_nothing_again_until_a_verdict_changes(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No page prints the day it was made (its ModDate is when its words last changed),
    so tomorrow's build keeps every PDF; the day the English falls overdue, every final
    print turns into a draft and is made again (es/other, a draft already, is the same
    page and is kept)."""
    import datetime as dt

    from calcii18n.project import layout
    from calcii18n.trust import Authority

    approve(project, "es")
    render(project)

    def on(day: dt.date) -> None:
        monkeypatch.setattr(layout, "Authority",
                            lambda registry, policy: Authority(registry, policy, today=day))

    on(dt.date.today() + dt.timedelta(days=1))
    assert render(project) == set()
    on(dt.date(2100, 1, 1))  # every leaflet's next_review has passed
    assert render(project) == {"en/dose", "en/other", "es/dose"}
