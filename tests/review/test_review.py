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
from calcii18n.config import load_config
from calcii18n.errors import Calcii18nError
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.project.layout import load_authority
from calcii18n.review.signoff import (
    reject_message,
    sign_message,
    translator_of_record,
)
from calcii18n.state import State, classify, parse_stamps

from helpers import RITA, TINA, po, signer_trust, team, tr

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

def test_translator_of_record_is_the_e_mail_in_last_translator() -> None:
    catalog = po().with_header("Last-Translator", "T. Translator <TINA@Clinic.example>")
    assert translator_of_record(catalog) == "tina@clinic.example"
    assert translator_of_record(po()) == ""
    placeholder = po().with_header("Last-Translator", "FULL NAME <EMAIL@ADDRESS>")
    assert translator_of_record(placeholder) == ""


def test_signing_replaces_old_stamps_and_clears_stale_marks(tmp_path: Path) -> None:
    signing, authority = signer_trust(tmp_path, "es", "dose")
    trust = authority.of("es", "dose")  # type: ignore[attr-defined]
    msg = tr("s", "Take 2 tablets.", "Tome 2 comprimidos.", flags=("fuzzy",),
             previous_msgid="Take 1 tablet.",
             translator_comments=("keep", "reviewed: 2026-01-01 Old <o@x.org> sha256:aaaaaaaaaaaa"))
    signed = sign_message(msg, signing)  # type: ignore[arg-type]
    assert classify(signed, trust).state is State.REVIEWED
    assert signed.previous_msgid is None and not signed.fuzzy
    assert signed.translator_comments[0] == "keep" and not parse_stamps(signed)
    again = sign_message(signed, signing)  # type: ignore[arg-type]
    assert len([c for c in again.translator_comments if c.startswith("signed:")]) == 1


def test_reject_needs_a_reason_and_makes_the_entry_fuzzy(tmp_path: Path) -> None:
    _, authority = signer_trust(tmp_path, "es", "dose")
    msg = tr("s", "Rest.", "Descanse.")
    rejected = reject_message(msg, RITA, DAY, "too formal")
    assert classify(rejected, authority.of("es", "dose")).state is State.FUZZY  # type: ignore[attr-defined]
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
    KEYS.update(team(tmp_path))
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


KEYS: dict[str, Path] = {}  # this test's keys, by first name (see the project fixture)


def key(name: str) -> tuple[str, str]:
    return ("--key", str(KEYS[name]))


def run(project: Path, *args: str, code: int = 0, stdin: str | None = None) -> str:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args],
                                input=stdin, env={"CALCII18N_KEY": ""})
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def change_english(project: Path, old: str, new: str) -> None:
    """Edit the English source, then extract and update as a maintainer would."""
    source = project / "sources" / "dose.md"
    source.write_text(source.read_text().replace(old, new))
    run(project, "extract")
    run(project, "update")


def rita_translated(project: Path) -> None:
    """Every Spanish catalogue names Rita, the reviewer, as its translator."""
    for path in (project / "locale" / "es" / "LC_MESSAGES").glob("*.po"):
        path.write_text(path.read_text().replace(TINA, RITA))


def row(project: Path, locale: str = "es") -> dict:  # type: ignore[type-arg]
    rows = json.loads(run(project, "status", "--format", "json", "--locale", locale))
    return next(r for r in rows if r["leaflet"] == "dose")


def test_acceptance_review_then_a_dose_change(project: Path) -> None:
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              *key("tina"), code=2)
    assert "theirs: none" in out  # a translator has no role to sign in
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              *key("tina"), "--role", "clinical", code=2)
    assert "may not sign as clinical for es" in out
    run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", *key("rita"))
    run(project, "review", "approve", "es", "ui", "--all-translated", "--yes", *key("rita"))
    status = row(project)
    assert status["percent_reviewed"] == 100.0 and status["printable"] is True

    change_english(project, "Take 1 tablet", "Take 2 tablets")
    status = row(project)
    assert status["counts"]["stale"] == 1 and status["printable"] is False
    assert status["critical_stale"] == 1
    stale = json.loads(run(project, "stale", "es", "--format", "json"))
    assert stale[0]["critical"] and "a number changed" in stale[0]["critical_reasons"]
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    catalog = parse_po(po_file.read_text(), "dose.po")
    changed = next(m for m in catalog.messages if m.msgid.startswith("Take 2"))
    trust = load_authority(load_config(None, project)).of("es", "dose")
    assert classify(changed, trust).state is State.STALE
    out = run(project, "check", "es", code=1)
    assert "error [stale-numbers]" in out and "error [numbers]" in out
    # An entry with check errors is never stamped, even when asked by id.
    entry = stale[0]["entry"]
    out = run(project, "review", "approve", "es", "dose", "--entry", entry, "--yes",
              *key("rita"), code=1)
    assert "refused" in out and classify(next(
        m for m in parse_po(po_file.read_text(), "x").messages
        if m.msgid.startswith("Take 2")), trust).state is State.STALE


def test_self_review_only_where_the_policy_allows_it(project: Path) -> None:
    rita_translated(project)
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              *key("rita"), code=1)
    assert "is its translator of record" in out and "Nothing to sign" in out
    config = project / "calcii18n.toml"
    config.write_text(config.read_text() + "[review]\nallow_self_review = true\n")
    run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", *key("rita"))
    assert row(project)["counts"]["reviewed"] == 6


def test_no_key_is_a_clear_error(project: Path) -> None:
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", code=2)
    assert out.startswith("error: --key: a review is signed with your SSH key")


def test_approve_asks_before_stamping(project: Path) -> None:
    out = run(project, "review", "approve", "es", "dose", "--all-translated", *key("rita"),
              stdin="n\n", code=1)
    assert "Will sign 6 entries" in out and "Nothing signed" in out
    assert row(project)["counts"]["reviewed"] == 0


def test_review_loop_saves_each_decision_and_resumes(project: Path) -> None:
    out = run(project, "review", "es", "dose", *key("rita"),
              stdin="a\nr\ntoo literal\ns\nq\n")
    assert "1 approved, 1 rejected, 1 skipped" in out
    counts = row(project)["counts"]
    assert counts["reviewed"] == 1 and counts["fuzzy"] == 1
    text = (project / "locale" / "es" / "LC_MESSAGES" / "dose.po").read_text()
    assert "too literal" in text
    # A second session starts with what is still undecided (the skipped entry first).
    out = run(project, "review", "es", "dose", *key("rita"), stdin="a\na\na\na\n")
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
    out = run(project, "review", "es", "dose", *key("rita"), stdin="q\n")
    assert "changed on disk" in out
    text = po_file.read_text()
    assert "Su medicina" in text and "signed:" not in text


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
    change_english(project, "Do not stop", "Do stop")
    out = run(project, "review", "es", "dose", *key("rita"), stdin="s\ns\ns\nq\n")
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


def test_a_rejected_stale_entry_does_not_come_back_in_the_same_session(project: Path) -> None:
    run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", *key("rita"))
    change_english(project, "evening meal", "evening meal or snack")
    out = run(project, "review", "es", "dose", *key("rita"), stdin="r\nstill says 1 meal\nq\n")
    assert "0 approved, 1 rejected, 0 skipped" in out
    assert out.count("── ") == 1  # shown once, though still stale after the rejection
    text = (project / "locale" / "es" / "LC_MESSAGES" / "dose.po").read_text()
    assert "still says 1 meal" in text


@pytest.mark.parametrize(("change", "says"), [
    ("expired", "expired on 2020-01-01"),
    ("unknown key", "is not in reviewers.toml"),
    ("not a key", "not an SSH private key"),
])
def test_a_key_that_cannot_sign_is_one_line_and_nothing_is_written(
        project: Path, change: str, says: str) -> None:
    registry = project / "reviewers.toml"
    args = key("rita")
    if change == "expired":
        registry.write_text(registry.read_text().replace("key =", "expires = 2020-01-01\nkey =",
                                                         1))
    elif change == "unknown key":
        registry.write_text(registry.read_text().split("[[person]]")[2].join(["[[person]]", ""]))
    else:
        args = ("--key", str(project / "sources" / "dose.md"))
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    before = po_file.read_bytes()
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", *args,
              code=2)
    assert says in out and out.count("\n") == 1 and "PRIVATE" not in out
    assert po_file.read_bytes() == before


def _git(project: Path, *args: str, who: str = TINA) -> None:
    name, email = who[:-1].split(" <")
    subprocess.run(["git", "-C", str(project), "-c", f"user.name={name}",
                    "-c", f"user.email={email}", *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_in_git_a_reviewer_who_fixes_one_typo_translated_that_entry_only(
        project: Path) -> None:
    """Translator of record per entry (issue 14, item 4): git blame of its msgstr lines."""
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Tina's translation")
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    po_file.write_text(po_file.read_text().replace("Su medicamento", "Su medicina"))
    catalog = parse_po(po_file.read_text(), "x")  # Rita's editor names her in the header
    po_file.write_text(format_po(catalog.with_header("Last-Translator", RITA)))
    _git(project, "commit", "-q", "-am", "a typo", who=RITA)
    out = run(project, "review", "approve", "es", "dose", "--all-translated", "--yes",
              *key("rita"), code=1)
    assert "Signed 5" in out and out.count("is its translator of record") == 1
    assert "'Your medicine'" in out.split("is its translator of record")[0].splitlines()[-1]
    text = po_file.read_text()
    assert text.count("translator:tina@clinic.example") == 5 and "translator:rita" not in text


def test_a_rejection_stays_open_until_a_reviewer_signs_again(tmp_path: Path) -> None:
    """Comments with dispositions (issue 14, item 8): the reason stays with the entry, a
    translator who clears fuzzy and puts the old signature back gets nothing printed,
    and the next signature records the resolution."""
    signing, authority = signer_trust(tmp_path, "es", "dose")
    trust = authority.of("es", "dose")  # type: ignore[attr-defined]
    msg = tr("s", "Rest.", "Descanse.")
    signed = sign_message(msg, signing)  # type: ignore[arg-type]
    rejected = reject_message(signed, RITA, DAY, "too formal")
    assert not any(c.startswith("signed:") for c in rejected.translator_comments)
    replayed = replace(rejected, flags=(), translator_comments=(
        *rejected.translator_comments, *signed.translator_comments))
    verdict = classify(replayed, trust)
    assert verdict.state is State.TRANSLATED and "too formal" in verdict.reason
    fixed = replace(rejected, flags=(), msgstr=("Descansa.",))
    again = sign_message(fixed, signing)  # type: ignore[arg-type]
    assert classify(again, trust).state is State.REVIEWED
    (note,) = [c for c in again.translator_comments if c.startswith("rejected:")]
    assert note.startswith(f"rejected: 2026-11-20 {RITA}: too formal [resolved ")
    assert note.endswith(f"by {RITA}]")


def test_the_sheet_shows_who_signed_and_a_self_review_is_said_on_the_page(
        project: Path) -> None:
    rita_translated(project)
    config = project / "calcii18n.toml"
    config.write_text(config.read_text() + "[review]\nallow_self_review = true\n")
    run(project, "review", "approve", "es", "dose", "--all-translated", "--yes", *key("rita"))
    sheet = project / "sheet.html"
    run(project, "review", "sheet", "es", "dose", "-o", str(sheet))
    assert "reviewed: clinical by Rita Reviewer &lt;rita@clinic.example&gt; on" in (
        sheet.read_text())
    from calcii18n.leaflet.source import parse_leaflet
    from calcii18n.publish.page import Options, build_page

    leaflet = parse_leaflet(LEAFLET, "sources/dose.md", "dose")
    catalog = parse_po((project / "locale/es/LC_MESSAGES/dose.po").read_text(), "dose.po")
    trust = load_authority(load_config(None, project)).of("es", "dose")
    from calcii18n.clinic import Clinic
    clinic = Clinic((("clinic_phone", "020 7946 0000"),), "clinic.toml")
    page = build_page(leaflet, catalog, "es", clinic, Options(), trust)
    assert page.review_roles == "clinical, self-review"
