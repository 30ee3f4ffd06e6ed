"""Rendering behind the print gate: HTML and PDF in any script, drafts marked, never a
stale or unreviewed sentence printed as final."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.clinic import Clinic
from calcii18n.errors import Calcii18nError
from calcii18n.leaflet.templates import defaults_folder
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.publish.page import block_text, inline_html, page_label_css
from calcii18n.state import State
from calcii18n.trust import Authority

from helpers import run_cli, team, tr

TRUST = Authority().of("es", "dose")

pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).parents[2]
RITA = "Rita Reviewer <rita@clinic.example>"
LEAFLET = """\
---
id: dose
title: Your medicine
revision: 2
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## How to take it {#how}

Take 1 tablet with your evening meal.

- Keep it dry.
- Keep it cool.

## Help {#help}

> Call {clinic_phone} if you feel unwell.
"""
OTHER = LEAFLET.replace("id: dose", "id: other").replace("Your medicine", "Other leaflet")
ES = {"Your medicine": "Su medicamento", "How to take it": "Cómo tomarlo",
      "Take 1 tablet with your evening meal.": "Tome 1 comprimido con la cena.",
      "Keep it dry.": "Manténgalo seco.", "Keep it cool.": "Manténgalo fresco.",
      "Help": "Ayuda",
      "Call {clinic_phone} if you feel unwell.": "Llame al {clinic_phone} si se siente mal."}
AR = {"Your medicine": "دواؤك", "How to take it": "كيف تتناوله",
      "Take 1 tablet with your evening meal.": "تناول 1 قرص مع وجبة العشاء.",
      "Keep it dry.": "احفظه جافًا.", "Keep it cool.": "احفظه باردًا.", "Help": "المساعدة",
      "Call {clinic_phone} if you feel unwell.": "اتصل على {clinic_phone} إذا شعرت بتوعك."}
UI = {"es": {"Page %(page)s of %(pages)s": "Página %(page)s de %(pages)s",
             "English revision %(revision)s (%(date)s)": "Revisión en inglés %(revision)s "
                                                          "(%(date)s)",
             "Translated from English revision %(revision)s (%(date)s)":
                 "Traducido de la revisión en inglés %(revision)s (%(date)s)",
             "Translation reviewed %(date)s": "Traducción revisada el %(date)s",
             "Next review due %(date)s": "Próxima revisión: %(date)s",
             "Your clinic": "Su clínica", "Phone": "Teléfono", "Emergency": "Urgencias"},
      "ar": {"Page %(page)s of %(pages)s": "صفحة %(page)s من %(pages)s",
             "English revision %(revision)s (%(date)s)": "المراجعة الإنجليزية %(revision)s "
                                                          "(%(date)s)",
             "Translated from English revision %(revision)s (%(date)s)":
                 "مترجم من المراجعة الإنجليزية %(revision)s (%(date)s)",
             "Translation reviewed %(date)s": "رُوجعت الترجمة %(date)s",
             "Next review due %(date)s": "المراجعة القادمة %(date)s",
             "Your clinic": "عيادتك", "Phone": "الهاتف", "Emergency": "الطوارئ"}}


run = run_cli  # (test_safety, test_leftovers and test_no_fetch import it from here)


def fill(path: Path, table: dict[str, str]) -> None:
    catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
    messages = tuple(replace(m, msgstr=(table[m.msgid],)) if m.msgid in table else m
                     for m in catalog.messages)
    catalog = replace(catalog, messages=messages).with_header(
        "Last-Translator", "Tina <tina@example.org>")
    path.write_text(format_po(catalog), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("sources", "templates"):
        (tmp_path / folder).mkdir()
    (tmp_path / "sources" / "dose.md").write_text(LEAFLET, encoding="utf-8")
    (tmp_path / "sources" / "other.md").write_text(OTHER, encoding="utf-8")
    for name in ("leaflet.html.j2", "print.css"):  # the project's own copy of the defaults
        shutil.copy(defaults_folder() / name, tmp_path / "templates" / name)
    shutil.copy(ROOT / "clinic.example.toml", tmp_path / "clinic.example.toml")
    (tmp_path / "calcii18n.toml").write_text('locales = ["es", "ar"]\n')
    KEYS.update(team(tmp_path))
    run(tmp_path, "extract")
    for code, table in (("es", ES), ("ar", AR)):
        run(tmp_path, "init", code)
        folder = tmp_path / "locale" / code / "LC_MESSAGES"
        fill(folder / "dose.po", table)
        fill(folder / "ui.po", UI[code])
    return tmp_path


KEYS: dict[str, Path] = {}  # this test's keys (the project fixture makes them)


def approve(project: Path, locale: str, leaflet: str = "dose", ui: bool = True) -> None:
    """Rita signs every translated entry of the leaflet, and (with `ui`, whatever it
    refuses) of the ui strings, which are clinical content too."""
    run(project, "review", "approve", locale, leaflet, "--all-translated", "--yes",
        "--key", str(KEYS["rita"]))
    if ui and leaflet != "ui":
        CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), "review",
                                 "approve", locale, "ui", "--all-translated", "--yes",
                                 "--key", str(KEYS["rita"])])


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def test_unreviewed_is_refused_with_reasons_and_english_still_renders(project: Path) -> None:
    out = run(project, "render", "es", code=1)
    assert "es/dose: REFUSED" in out and "translated (not reviewed)" not in out
    assert "§ how [" in out and "translated: translated, not reviewed" in out
    assert "en/dose: final" in out and "en/other: final" in out
    assert (project / "build" / "en" / "dose.pdf").is_file()
    assert not (project / "build" / "es").exists()
    assert (project / "build" / "index.html").is_file()


def test_reviewed_leaflet_prints_final_with_metadata(project: Path) -> None:
    approve(project, "es")
    out = run(project, "render", "es", "--leaflet", "dose")
    assert "es/dose: final" in out
    pdf = project / "build" / "es" / "dose.pdf"
    reader = pypdf.PdfReader(str(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert reader.metadata.title == "Su medicamento"
    text = pdf_text(pdf)
    assert "Tome 1 comprimido" in text and "020 7946 0123" in text
    assert "Página 1 de 1" in text and "Español (es)" in text
    assert "Traducido de la revisión en inglés 2" in text
    assert "DRAFT" not in text
    html = (project / "build" / "es" / "dose.html").read_text()
    assert '<html lang="es" dir="ltr">' in html and 'class="unreviewed"' not in html


def test_stale_english_blocks_final_and_draft_shows_english_marked(project: Path) -> None:
    approve(project, "es")
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("Take 1 tablet", "Take 2 tablets"))
    run(project, "extract")
    run(project, "update")
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "stale" in out and "stale-numbers" in out
    run(project, "render", "es", "--leaflet", "dose", "--draft")
    text = pdf_text(project / "build" / "es" / "dose.pdf")
    assert "DRAFT — not reviewed, do not give to patients" in text
    assert "Take 2 tablets" in text and "Tome 1 comprimido" not in text
    html = (project / "build" / "es" / "dose.html").read_text()
    assert 'class="unreviewed"' in html and ">stale</span>" in html


def test_arabic_is_rtl_and_phone_numbers_read_left_to_right(project: Path) -> None:
    approve(project, "ar")
    run(project, "render", "ar", "--leaflet", "dose")
    html = (project / "build" / "ar" / "dose.html").read_text()
    assert '<html lang="ar" dir="rtl">' in html
    pdf = project / "build" / "ar" / "dose.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Naskh-Arabic" in fonts and "DejaVu" not in fonts
    if shutil.which("pdftotext"):
        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        xs = {}
        for word in ("020", "7946", "0123"):
            line = next(ln for ln in bbox.splitlines() if f">{word}<" in ln)
            xs[word] = float(line.split('xMin="')[1].split('"')[0])
        assert xs["020"] < xs["7946"] < xs["0123"]


def test_translator_markup_is_text_never_html() -> None:
    clinic = Clinic((("clinic_phone", "020 7946 0123"),), "clinic.toml")
    out = inline_html('<script>alert(1)</script> <img src=x onerror="alert(2)"> **ok**',
                      clinic, False)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "<strong>ok</strong>" in out
    assert 'href="javascript' not in inline_html("[x](javascript:alert(1))", clinic, False)


def test_no_path_prints_unreviewed_text_as_final() -> None:
    stale = tr("s", "Take 2 tablets.", "Tome 1 comprimido.", flags=("fuzzy",),
               previous_msgid="Take 1 tablet.")
    for entry in (stale, tr("s", "Take 2 tablets.", "Tome 2."), None):
        with pytest.raises(Calcii18nError, match="refusing to print"):
            block_text(entry, "Take 2 tablets.", False, TRUST)
    assert block_text(stale, "Take 2 tablets.", True, TRUST) == (None, State.STALE)
    fuzzy = tr("s", "Rest.", "Descanse.", flags=("fuzzy",))
    assert block_text(fuzzy, "Rest.", True, TRUST) == (None, State.FUZZY)


def test_page_label_uses_the_locale_digits() -> None:
    assert page_label_css("صفحة \x01 من \x02", "arabic-indic") == (
        '"صفحة " counter(page, arabic-indic) " من " counter(pages, arabic-indic)')


def test_missing_clinic_value_and_template_errors(project: Path) -> None:
    approve(project, "es")
    (project / "clinic.example.toml").write_text('name = "X"\n')
    out = run(project, "render", "es", code=2)
    assert out.startswith("error: clinic.example.toml: {clinic_phone} is used")
    shutil.copy(ROOT / "clinic.example.toml", project / "clinic.example.toml")
    template = project / "templates" / "leaflet.html.j2"
    template.write_text(template.read_text().replace("{% endfor %}", "{% endfr %}", 1))
    out = run(project, "render", code=2)
    assert "templates/leaflet.html.j2:80: template syntax error" in out


def test_missing_font_refuses(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(project, "ar")
    from calcii18n import fonts

    real = fonts.font_file
    monkeypatch.setattr(fonts, "font_file",
                        lambda family: None if "Naskh" in family else real(family))
    out = run(project, "render", "ar", "--leaflet", "dose", code=2)
    assert out.startswith("error: font Noto Naskh Arabic for ar is not installed (sudo apt")
    assert not (project / "build" / "ar").exists()


def test_embedded_font_check_names_a_fallback() -> None:
    from calcii18n.publish.pdf import unexpected_fonts

    families = ("Noto Naskh Arabic", "Noto Sans")
    assert unexpected_fonts({"Noto-Sans-Bold", "Noto-Naskh-Arabic"}, families) == []
    assert unexpected_fonts({"Noto-Sans", "DejaVu-Sans"}, families) == ["DejaVu-Sans"]
    assert unexpected_fonts({"Noto-Sans-Devanagari"}, ("Noto Sans",)) == ["Noto-Sans-Devanagari"]
    assert unexpected_fonts({"NotoSansCJKsc-Regular"}, ("Noto Sans CJK SC", "Noto Sans")) == []


def test_large_print_letter_and_bilingual(project: Path) -> None:
    approve(project, "es")
    run(project, "render", "es", "--leaflet", "dose", "--large-print", "--paper", "letter",
        "--bilingual", "--format", "html")
    html = (project / "build" / "es" / "dose.html").read_text()
    assert 'class="large-print' in html and "size: letter" in html
    assert 'class="english" lang="en"' in html and "Take 1 tablet" in html
    assert not (project / "build" / "es" / "dose.pdf").exists()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_html_in_headless_chromium_is_not_blank(project: Path, tmp_path: Path) -> None:
    from PIL import Image

    approve(project, "ar")
    run(project, "render", "ar", "--leaflet", "dose", "--format", "html")
    page = project / "build" / "ar" / "dose.html"
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=900,1200",
                    f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=90,
                   check=False)
    image = Image.open(shot).convert("L")
    low, high = image.getextrema()
    assert high - low > 100  # text on a page, not a blank screen
    assert '<html lang="ar" dir="rtl">' in page.read_text()


def test_build_runs_everything_and_says_why_leaflets_are_drafts(project: Path) -> None:
    approve(project, "es")
    out = run(project, "build")
    assert "Leaflets: 3 final, 3 draft, 0 failed." in out  # en ×2 and es/dose final
    # (`other` repeats dose's sentences: update filled it with fuzzy suggestions)
    assert "2 × partly translated; 1 × translated but not reviewed" in out
    assert "Open build/index.html" in out
    html = (project / "build" / "es" / "dose.html").read_text()
    assert "DRAFT" not in html  # a leaflet that passes the gate is never watermarked
    assert "DRAFT" in (project / "build" / "ar" / "dose.html").read_text()


def test_build_names_each_drafts_first_cause_by_kind(project: Path) -> None:
    """A reviewed leaflet held back by a wrong Language header, a check error or an overdue
    English is not called "not reviewed": each draft is counted once, by the kind of its
    first reason, English drafts too."""
    approve(project, "es")
    approve(project, "ar")
    ar = project / "locale" / "ar" / "LC_MESSAGES" / "dose.po"
    good = ar.read_text()
    ar.write_text(good.replace('"Language: ar\\n"', '"Language: fa\\n"'))
    out = run(project, "build")
    assert "1 × a catalogue of another language" in out, out
    assert "translated but not reviewed" not in out
    ar.write_text(good)
    (project / "locale" / "glossary.toml").write_text('do_not_translate = ["Keep"]\n')
    out = run(project, "build", code=1)  # reviewed entries that lost a do-not-translate term
    assert "2 × check errors" in out and "translated but not reviewed" not in out
    other = project / "sources" / "other.md"
    other.write_text(other.read_text().replace("reviewed: 2026-11-01\nnext_review: 2027",
                                               "reviewed: 2000-11-01\nnext_review: 2001"))
    out = run(project, "build", code=1)
    assert "1 × English overdue for clinical review" in out
    drafts = int(out.split("final, ")[1].split(" draft")[0])
    causes = out.split("Drafts, because: ")[1].split(". Drafts")[0]
    assert sum(int(part.split(" × ")[0]) for part in causes.split("; ")) == drafts


def test_status_and_dashboard_show_a_review_falling_due(project: Path) -> None:
    """Issue 14, item 9: what falls due within 90 days is said before it blocks printing."""
    import datetime as dt
    import json

    soon = dt.date.today() + dt.timedelta(days=30)
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("next_review: 2027-11-01",
                                                 f"next_review: {soon.isoformat()}"))
    out = run(project, "status", "es")
    assert f"dose: clinical review of the English due {soon.isoformat()} (in 30 days)" in out
    assert "other: clinical review" not in out  # a year away: not listed
    rows = json.loads(run(project, "status", "es", "--format", "json"))
    dose = next(r for r in rows if r["leaflet"] == "dose")
    assert dose["review_due_in_days"] == 30 and dose["next_review"] == soon.isoformat()
    run(project, "build", "-q", "--format", "html")
    dashboard = (project / "build" / "index.html").read_text()
    assert "due in 30 days" in dashboard and f"next review {soon.isoformat()}" in dashboard


def test_update_offers_another_leaflets_translations_as_fuzzy_suggestions(
        project: Path) -> None:
    """Translation memory across leaflets (issue 16, item 3): `other` repeats the
    sentences of `dose`, which is translated; after `update` its empty entries hold dose's
    translations, fuzzy, each saying where it came from, reviewed ones first."""
    approve(project, "es")  # dose reviewed, other untranslated
    other = project / "locale" / "es" / "LC_MESSAGES" / "other.po"
    before = parse_po(other.read_text(), "other.po")
    assert not any(m.msgstr[0] for m in before.messages)
    out = run(project, "update", "es")
    assert "empty entries given another leaflet's translation to check (fuzzy)" in out
    after = parse_po(other.read_text(), "other.po")
    take = next(m for m in after.messages if m.msgid.startswith("Take 1"))
    assert take.msgstr == ("Tome 1 comprimido con la cena.",) and take.fuzzy
    assert take.translator_comments == (
        "suggested: exact match from dose (reviewed there): check it, then clear fuzzy",)
    status = run(project, "status", "es", "--leaflet", "other")
    assert "fuzzy" in status  # never translated, never reviewed, never printed
    out = run(project, "render", "es", "--leaflet", "other", code=1)
    assert "es/other: REFUSED" in out
    assert run(project, "update", "es").count("suggested") == 0  # nothing new the 2nd time


def test_a_new_leaflet_repeating_five_reviewed_sentences_gets_five_suggestions(
        project: Path) -> None:
    """The issue's acceptance: five sentences of the reviewed `dose` leaflet, reused in a
    new leaflet beside one sentence of its own, come back as five fuzzy suggestions."""
    approve(project, "es")
    reused = """\
---
id: repeat
title: Your medicine
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## At home {#home}

Take 1 tablet with your evening meal.

- Keep it dry.
- Keep it cool.

Bring your tablets to every dialysis session.

## Help {#help}

> Call {clinic_phone} if you feel unwell.
"""
    (project / "sources" / "repeat.md").write_text(reused, encoding="utf-8")
    run(project, "extract")
    out = run(project, "update", "es")
    assert "repeat.po: created" in out
    catalog = parse_po((project / "locale/es/LC_MESSAGES/repeat.po").read_text(), "r.po")
    offered = [m for m in catalog.messages if m.has_translation]
    assert len(offered) == 6  # the five sentences and the title "Your medicine"
    sentences = [m for m in offered if m.msgid != "Your medicine"]
    assert len(sentences) == 5 and all(m.fuzzy for m in offered)
    assert all("(reviewed there)" in m.translator_comments[-1] for m in sentences)
    assert not next(m for m in catalog.messages
                    if m.msgid.startswith("Bring")).has_translation


def test_a_new_leaflets_catalogue_starts_with_suggestions(project: Path) -> None:
    """A leaflet added later reuses sentences: its catalogue, created by update, already
    holds them as fuzzy suggestions (the measure on the sample is in the closing note)."""
    extra = LEAFLET.replace("id: dose", "id: extra").replace("Your medicine", "More help")
    (project / "sources" / "extra.md").write_text(extra, encoding="utf-8")
    run(project, "extract")
    out = run(project, "update", "es")
    assert "extra.po: created" in out and "6 empty entries given another leaflet's" in out
    catalog = parse_po((project / "locale/es/LC_MESSAGES/extra.po").read_text(), "extra.po")
    assert sum(m.fuzzy and m.has_translation for m in catalog.messages) == 6
    assert not next(m for m in catalog.messages if m.msgid == "More help").has_translation
