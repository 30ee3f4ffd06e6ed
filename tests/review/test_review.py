"""Review sign-off: identity, four eyes, stamps, the review loop, approvals and sheets."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.errors import Calcii18nError
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.review.signoff import (
    is_self_review,
    normalise_identity,
    reject_message,
    resolve_reviewer,
    stamp_message,
)
from calcii18n.state import State, classify, parse_stamps

from helpers import po, tr

RITA = "Rita Reviewer <rita@clinic.example>"
TINA = "Tina Translator <tina@example.org>"
DAY = dt.date(2026, 11, 20)

LEAFLET = """\
---
id: dose
title: Your medicine
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## How to take it {#how}

Take 1 tablet with your evening meal.

Do not stop taking it without asking your kidney doctor.

## Help {#help}

> Call {clinic_phone} if you feel unwell.
"""

SPANISH = {
    "Your medicine": "Su medicamento",
    "How to take it": "Cómo tomarlo",
    "Take 1 tablet with your evening meal.": "Tome 1 comprimido con la cena.",
    "Do not stop taking it without asking your kidney doctor.":
        "No deje de tomarlo sin preguntar a su médico del riñón.",
    "Help": "Ayuda",
    "Call {clinic_phone} if you feel unwell.": "Llame al {clinic_phone} si se siente mal.",
    "Page": "Página",
}
ARABIC = {
    "Your medicine": "دواؤك",
    "How to take it": "كيف تتناوله",
    "Take 1 tablet with your evening meal.": "تناول 1 قرص مع وجبة العشاء.",
    "Do not stop taking it without asking your kidney doctor.":
        "لا تتوقف عن تناوله دون سؤال طبيب الكلى.",
    "Help": "المساعدة",
    "Call {clinic_phone} if you feel unwell.": "اتصل على {clinic_phone} إذا شعرت بتوعك.",
    "Page": "صفحة",
}


# -- pure functions ---------------------------------------------------------------------

def test_identity_precedence_and_errors() -> None:
    def git() -> str:
        return "Gus Git <gus@example.org>"

    assert resolve_reviewer(" Rita   Reviewer <rita@clinic.example> ", {}, git) == RITA
    assert resolve_reviewer(None, {"CALCII18N_REVIEWER": TINA}, git) == TINA
    assert resolve_reviewer(None, {}, git) == "Gus Git <gus@example.org>"
    with pytest.raises(Calcii18nError, match="who is reviewing"):
        resolve_reviewer(None, {}, lambda: None)
    with pytest.raises(Calcii18nError, match="not 'Name <email>'"):
        normalise_identity("rita", "--reviewer")


def test_self_review_compares_email_addresses() -> None:
    catalog = po().with_header("Last-Translator", "T. Translator <TINA@example.org>")
    assert is_self_review(catalog, TINA)
    assert not is_self_review(catalog, RITA)
    assert is_self_review(po(), RITA)  # no translator named: four eyes cannot be shown


def test_stamp_replaces_old_stamps_and_clears_stale_marks() -> None:
    msg = tr("s", "Take 2 tablets.", "Tome 2 comprimidos.", flags=("fuzzy",),
             previous_msgid="Take 1 tablet.",
             translator_comments=("keep", "reviewed: 2026-01-01 Old <o@x.org> sha256:aaaaaaaaaaaa"))
    stamped = stamp_message(msg, RITA, DAY, self_review=False)
    assert classify(stamped).state is State.REVIEWED
    assert stamped.previous_msgid is None and not stamped.fuzzy
    assert stamped.translator_comments[0] == "keep"
    assert len(parse_stamps(stamped)) == 1
    own = stamp_message(msg, TINA, DAY, self_review=True)
    assert "(self-review)" in own.translator_comments[-1]
    assert classify(own).state is State.REVIEWED


def test_reject_needs_a_reason_and_makes_the_entry_fuzzy() -> None:
    msg = tr("s", "Rest.", "Descanse.")
    rejected = reject_message(msg, RITA, DAY, "too formal")
    assert classify(rejected).state is State.FUZZY
    assert rejected.translator_comments[-1] == f"rejected: 2026-11-20 {RITA}: too formal"
    with pytest.raises(Calcii18nError):
        reject_message(msg, RITA, DAY, "  ")


# -- through the CLI ------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "sources" / "dose.md").write_text(LEAFLET, encoding="utf-8")
    (tmp_path / "templates" / "leaflet.html.j2").write_text("<p>{{ _('Page') }}</p>\n")
    (tmp_path / "calcii18n.toml").write_text('locales = ["es", "ar"]\n')
    run(tmp_path, "extract")
    for code, table in (("es", SPANISH), ("ar", ARABIC)):
        run(tmp_path, "init", code)
        for domain in ("dose", "ui"):
            translate(tmp_path / "locale" / code / "LC_MESSAGES" / f"{domain}.po", table)
    return tmp_path


def translate(path: Path, table: dict[str, str]) -> None:
    catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
    messages = tuple(replace(m, msgstr=(table[m.msgid],)) if m.msgid in table else m
                     for m in catalog.messages)
    catalog = replace(catalog, messages=messages).with_header("Last-Translator", TINA)
    path.write_text(format_po(catalog), encoding="utf-8")


def run(project: Path, *args: str, code: int = 0, stdin: str | None = None) -> str:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args],
                                input=stdin, env={"CALCII18N_REVIEWER": ""})
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def row(project: Path, locale: str = "es") -> dict:  # type: ignore[type-arg]
    rows = json.loads(run(project, "status", "--format", "json", "--locale", locale))
    return next(r for r in rows if r["leaflet"] == "dose")


def test_acceptance_review_then_a_dose_change(project: Path) -> None:
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              "--reviewer", TINA, code=2)
    assert "Last-Translator" in out and "--allow-self-review" in out
    run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
        "--reviewer", RITA)
    status = row(project)
    assert status["percent_reviewed"] == 100.0 and status["printable"] is True

    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("Take 1 tablet", "Take 2 tablets"))
    run(project, "extract")
    run(project, "update")
    status = row(project)
    assert status["counts"]["stale"] == 1 and status["printable"] is False
    assert status["critical_stale"] == 1
    stale = json.loads(run(project, "stale", "es", "--format", "json"))
    assert stale[0]["critical"] and "a number changed" in stale[0]["critical_reasons"]
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    catalog = parse_po(po_file.read_text(), "dose.po")
    changed = next(m for m in catalog.messages if m.msgid.startswith("Take 2"))
    assert parse_stamps(changed) and classify(changed).state is State.STALE
    out = run(project, "check", "es", code=1)
    assert "error [stale-numbers]" in out and "error [numbers]" in out
    # An entry with check errors is never stamped, even when asked by id.
    entry = stale[0]["entry"]
    out = run(project, "review", "approve", "es", "dose", "--entry", entry, "--yes",
              "--reviewer", RITA, code=1)
    assert "refused" in out and classify(next(
        m for m in parse_po(po_file.read_text(), "x").messages
        if m.msgid.startswith("Take 2"))).state is State.STALE


def test_allow_self_review_is_recorded(project: Path) -> None:
    run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
        "--reviewer", TINA, "--allow-self-review")
    text = (project / "locale" / "es" / "LC_MESSAGES" / "dose.po").read_text()
    assert "(self-review) sha256:" in text


def test_no_reviewer_is_a_clear_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("calcii18n.review.session.git_identity", lambda: None)
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", code=2)
    assert out.startswith("error: who is reviewing?")


def test_approve_asks_before_stamping(project: Path) -> None:
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--reviewer",
              RITA, stdin="n\n", code=1)
    assert "Will stamp 6 entries" in out and "Nothing stamped" in out
    assert row(project)["counts"]["reviewed"] == 0


def test_review_loop_saves_each_decision_and_resumes(project: Path) -> None:
    out = run(project, "review", "es", "dose", "--reviewer", RITA,
              stdin="a\nr\ntoo literal\ns\nq\n")
    assert "1 approved, 1 rejected, 1 skipped" in out
    counts = row(project)["counts"]
    assert counts["reviewed"] == 1 and counts["fuzzy"] == 1
    text = (project / "locale" / "es" / "LC_MESSAGES" / "dose.po").read_text()
    assert "too literal" in text
    # A second session starts with what is still undecided (the skipped entry first).
    out = run(project, "review", "es", "dose", "--reviewer", RITA, stdin="a\na\na\na\n")
    assert "4 approved" in out
    assert row(project)["counts"]["reviewed"] == 5


def test_review_loop_never_overwrites_a_translators_edit(project: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    import click

    real_prompt = click.prompt
    calls = {"n": 0}

    def prompt(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 1:  # the translator saves in Poedit while the reviewer reads
            po_file.write_text(po_file.read_text().replace("Su medicamento", "Su medicina"))
            return "a"
        return real_prompt(*args, **kwargs)

    monkeypatch.setattr(click, "prompt", prompt)
    out = run(project, "review", "es", "dose", "--reviewer", RITA, stdin="q\n")
    assert "changed on disk" in out
    text = po_file.read_text()
    assert "Su medicina" in text and "reviewed:" not in text


def test_review_sheet_html_and_pdf_in_arabic(project: Path) -> None:
    html = project / "sheet.html"
    run(project, "review", "sheet", "ar", "dose", "-o", str(html))
    text = html.read_text()
    assert 'dir="rtl"' in text and 'lang="ar"' in text and "دواؤك" in text
    assert "Signature" in text and "English revision 1" in text
    pdf = project / "sheet.pdf"
    run(project, "review", "sheet", "ar", "dose", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
        assert "Review sheet" in out and "Your medicine" in out
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout
        assert "Noto-Naskh-Arabic" in fonts


def test_review_sheet_refuses_other_formats(project: Path) -> None:
    assert "must be .html or .pdf" in run(project, "review", "sheet", "es", "dose", "-o",
                                          str(project / "x.docx"), code=2)


def test_malformed_stamp_is_reported_and_never_valid(project: Path) -> None:
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    catalog = parse_po(po_file.read_text(), "x")
    first = catalog.messages[0]
    bad = replace(first, translator_comments=("reviewed: yesterday by Rita sha256:zz",))
    po_file.write_text(format_po(replace(catalog, messages=(bad, *catalog.messages[1:]))))
    out = run(project, "check", "es")
    assert "warning [stamp]" in out and "dose.po:" in out
    assert row(project)["counts"]["reviewed"] == 0


def test_review_loop_marks_critical_changes(project: Path) -> None:
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace("Do not stop", "Do stop"))
    run(project, "extract")
    run(project, "update")
    out = run(project, "review", "es", "dose", "--reviewer", RITA, stdin="s\ns\ns\nq\n")
    assert "CRITICAL change: a negation changed" in out
    assert "§ Title" in out  # the leaflet title, not its internal context


@pytest.mark.parametrize(("text", "line", "message"), [
    ('do_not_translate = "CUA"\n', 1, "must be a list"),
    ('do_not_translate = ["CUA"]\ncolour = 1\n', 2, "unknown key 'colour'"),
    ('[terms.dialysis]\nxx = "diálisis"\n', 2, "unknown locale 'xx'"),
    ('[terms.dialysis\nes = "x"\n', 1, "broken TOML"),
])
def test_bad_glossary_is_one_line_with_its_line(project: Path, text: str, line: int,
                                                 message: str) -> None:
    (project / "locale" / "glossary.toml").write_text(text, encoding="utf-8")
    out = run(project, "check", code=2)
    assert out.startswith(f"error: locale/glossary.toml:{line}: ") and message in out
