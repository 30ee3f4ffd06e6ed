"""Regression tests for the ways a review of the first version broke the safety promises."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from test_render import KEYS, approve, run
from test_render import project as project  # the fixture

from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.publish.page import inline_html
from calcii18n.trust import Authority


def po_file(project: Path, code: str, domain: str) -> Path:
    return project / "locale" / code / "LC_MESSAGES" / f"{domain}.po"


def edit_msgstr(path: Path, msgid: str, text: str, unstamp: bool = True) -> None:
    catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
    messages = tuple(
        replace(m, msgstr=(text,), translator_comments=() if unstamp else m.translator_comments)
        if m.msgid == msgid else m for m in catalog.messages)
    path.write_text(format_po(replace(catalog, messages=messages)), encoding="utf-8")


def approve_ui(project: Path, code: str = "es") -> None:
    run(project, "review", "approve", code, "ui", "--all-translated", "--yes", "--key",
        str(KEYS["rita"]))


def test_a_refused_leaflet_leaves_no_older_final_print(project: Path) -> None:
    approve(project, "es")
    run(project, "render", "es", "--leaflet", "dose")
    assert (project / "build" / "es" / "dose.pdf").exists()
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("Take 1 tablet", "Take 2 tablets"))
    run(project, "extract")
    run(project, "update")
    run(project, "render", "es", "--leaflet", "dose", code=1)
    assert not (project / "build" / "es" / "dose.pdf").exists()
    assert not (project / "build" / "es" / "dose.html").exists()


def test_ui_check_errors_block_final(project: Path) -> None:
    approve(project, "es")
    approve_ui(project)
    edit_msgstr(po_file(project, "es", "ui"),
                "Translated from English revision %(revision)s (%(date)s)",
                "Traducido de la revisión 7 (2031-01-01)")
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "check placeholders" in out
    out = run(project, "status", "--locale", "es", "--leaflet", "dose")
    assert "not printable" in out and "checks:" in out


def test_ui_translations_are_text_never_markup(project: Path) -> None:
    edit_msgstr(po_file(project, "es", "ui"), "Your clinic",
                "Su clínica<style>.watermark{display:none}</style>")
    run(project, "render", "es", "--leaflet", "dose", "--draft", "--format", "html")
    html = (project / "build" / "es" / "dose.html").read_text()
    assert "<style>.watermark{display:none}" not in html
    from calcii18n.publish.page import UiTranslations

    catalog = parse_po(po_file(project, "es", "ui").read_text(), "ui.po")
    translations = UiTranslations(catalog, Authority().of("es", "ui"))
    assert str(translations.gettext("Your clinic")).startswith("Su clínica&lt;style&gt;")


def test_ui_placeholder_typo_falls_back_to_english_in_a_draft(project: Path) -> None:
    edit_msgstr(po_file(project, "es", "ui"), "Next review due %(date)s",
                "Próxima revisión: %(fecha)s")
    run(project, "render", "es", "--leaflet", "dose", "--draft", "--format", "html")
    assert "Next review due" in (project / "build" / "es" / "dose.html").read_text()


def test_template_and_source_edits_without_extract_are_gated(project: Path) -> None:
    approve(project, "es")
    approve_ui(project)
    run(project, "render", "es", "--leaflet", "dose")
    template = project / "templates" / "leaflet.html.j2"
    template.write_text(template.read_text().replace(
        "</main>", "<p>{{ _('Stop taking this medicine if you faint.') }}</p></main>"))
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "ui string untranslated: " in out and "if you faint.'" in out
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("evening meal", "evening meal or snack"))
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "untranslated" in out and "Traceback" not in out
    run(project, "render", "es", "--leaflet", "dose", "--draft")


def test_four_eyes_cannot_be_skipped_when_no_translator_is_named(project: Path) -> None:
    path = po_file(project, "es", "dose")
    catalog = parse_po(path.read_text(), str(path)).with_header("Last-Translator", "Ana Ruiz")
    path.write_text(format_po(catalog))
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              "--key", str(KEYS["rita"]), code=1)
    assert "names no Last-Translator with an e-mail" in out


def test_review_decision_is_not_applied_when_a_translator_marked_it_fuzzy(
        project: Path) -> None:
    from calcii18n.config import load_config
    from calcii18n.review.session import Session, open_signing
    from calcii18n.review.signoff import sign_message

    cfg = load_config(project / "calcii18n.toml", project)
    session = Session.open(cfg, "es", "dose")
    signing = open_signing(cfg, session, KEYS["rita"], None, "dose")
    seen = session.catalog.messages[0]
    path = po_file(project, "es", "dose")
    catalog = parse_po(path.read_text(), str(path))
    first = replace(catalog.messages[0], flags=("fuzzy",))
    path.write_text(format_po(replace(catalog, messages=(first, *catalog.messages[1:]))))
    assert not session.decide(seen, lambda m: sign_message(m, signing))
    assert "signed:" not in path.read_text()


def test_a_nul_in_a_catalogue_is_refused(project: Path) -> None:
    path = po_file(project, "es", "dose")
    path.write_text(path.read_text().replace('msgstr "Ayuda"', 'msgstr "Ayuda\\0"'))
    out = run(project, "update", code=2)
    assert "dose.po:" in out and "NUL character" in out


def test_a_control_character_reads_but_never_prints_as_final(project: Path) -> None:
    """GNU reads control characters in messages, so we do; the characters check refuses
    them in a translation (an escape sequence can hide text on a terminal or in a PDF)."""
    path = po_file(project, "es", "dose")
    path.write_text(path.read_text().replace('msgstr "Ayuda"', 'msgstr "Ayuda\\033[8m"'))
    run(project, "update")
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              "--key", str(KEYS["rita"]), code=1)
    assert "[characters] U+001B CONTROL CHARACTER" in out and "\x1b" not in out
    approve_ui(project)
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "U+001B CONTROL CHARACTER" in out
    assert not (project / "build" / "es").exists()


def test_a_character_only_a_fallback_font_has_is_refused(project: Path) -> None:
    edit_msgstr(po_file(project, "es", "dose"), "Help", "Ayuda ─")
    approve(project, "es")
    approve_ui(project)
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "no glyph for U+2500" in out
    assert not (project / "build" / "es").exists()


def test_a_catalogue_of_another_language_is_refused(project: Path) -> None:
    approve(project, "es")
    approve_ui(project)
    pt = project / "locale" / "pt" / "LC_MESSAGES"
    pt.mkdir(parents=True)
    for domain in ("dose", "other", "ui"):
        shutil.copy(po_file(project, "es", domain), pt / f"{domain}.po")
    out = run(project, "render", "pt", "--leaflet", "dose", code=1)
    assert "says Language: es, not pt" in out


def test_template_syntax_error_is_not_an_empty_ui_pot(project: Path) -> None:
    template = project / "templates" / "leaflet.html.j2"
    template.write_text(template.read_text() + "{% if %}\n")
    before = (project / "locale" / "ui.pot").read_text()
    out = run(project, "extract", code=2)
    assert out.startswith("error: templates/leaflet.html.j2:")
    assert (project / "locale" / "ui.pot").read_text() == before
    assert "leaflet.html.j2:" in out and "template syntax error" in out


def test_a_template_that_is_not_utf8_is_named_not_called_a_syntax_error(project: Path) -> None:
    template = project / "templates" / "leaflet.html.j2"
    template.write_bytes(template.read_bytes() + "{{ _('Caf\u00e9') }}\n".encode("latin-1"))
    out = run(project, "extract", code=2)
    assert out.startswith("error: templates/leaflet.html.j2: not UTF-8 text")
    assert len(out.splitlines()) == 1


def test_a_bug_during_extraction_is_not_reported_as_a_template_error(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from calcii18n.leaflet import extract

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug in our own code")

    monkeypatch.setattr(extract, "extract_from_dir", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        extract.ui_template([(project / "templates", "templates")], "2026-12-05 00:00+0000")


def test_write_errors_are_one_line(project: Path) -> None:
    (project / "out").write_text("a file, not a folder")
    out = run(project, "render", "--leaflet", "dose", "-o", str(project / "out"), code=2)
    assert out.startswith("error: ") and "Not a directory" in out and len(out.splitlines()) == 1


def test_overdue_english_never_prints_as_final(project: Path) -> None:
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("reviewed: 2026-11-01", "reviewed: 1970-01-01")
                      .replace("next_review: 2027-11-01", "next_review: 1970-01-02"))
    out = run(project, "render", "en", "--leaflet", "dose", code=1)
    assert "overdue for clinical review" in out


def test_literal_braces_are_braces() -> None:
    from calcii18n.clinic import Clinic

    clinic = Clinic((("clinic_phone", "020 7946 0123"),), "clinic.toml")
    assert inline_html("Write {{clinic_phone}} on the form; call {clinic_phone}.", clinic,
                       False).startswith("Write {clinic_phone} on the form; call <bdi")


def test_unknown_placeholders_are_refused_in_the_source(project: Path) -> None:
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("{clinic_phone}", "{weight}"))
    out = run(project, "extract", code=2)
    assert "sources/dose.md:" in out and "unknown placeholder {weight}" in out



def test_paper_approval_binds_to_the_text_on_the_sheet(project: Path) -> None:
    sheet = project / "sheet.html"
    run(project, "review", "sheet", "es", "dose", "-o", str(sheet))
    from calcii18n.po.parse import parse_po as read
    from calcii18n.state import entry_id
    from calcii18n.trust import content_digest

    path = po_file(project, "es", "dose")
    msg = next(m for m in read(path.read_text(), "x").messages if m.msgid == "Help")
    signed = f"{entry_id(msg)}:{content_digest(msg, 8)}"
    assert signed in sheet.read_text()
    edit_msgstr(path, "Help", "No pida ayuda")
    out = run(project, "review", "approve", "es", "dose", "--entry", signed, "--yes",
              "--key", str(KEYS["rita"]), code=1)
    assert "changed since it was signed" in out
    assert "signed:" not in path.read_text()


def test_whitespace_is_not_a_translation() -> None:
    from calcii18n.model import Message
    from calcii18n.state import State, classify
    from calcii18n.trust import Authority

    assert classify(Message(msgid="Help", msgstr=("  ",)),
                    Authority().of("es", "dose")).state is State.UNTRANSLATED
