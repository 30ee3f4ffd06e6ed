"""The whole pipeline through the CLI, as a user runs it, plus its error contract."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

LEAFLET = """\
---
id: care
title: Wound care
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## At home {#at-home}

Keep the wound clean and dry.

Change the dressing every day.

Wear loose clothes over the wound.

## Get help {#get-help}

> Call {clinic_phone} if the wound gets bigger.
"""

SPANISH = {
    "Wound care": "Cuidado de las heridas",
    "At home": "En casa",
    "Keep the wound clean and dry.": "Mantenga la herida limpia y seca.",
    "Change the dressing every day.": "Cambie el vendaje todos los días.",
    "Wear loose clothes over the wound.": "Use ropa holgada sobre la herida.",
    "Get help": "Pida ayuda",
    "Call {clinic_phone} if the wound gets bigger.":
        "Llame al {clinic_phone} si la herida se agranda.",
}


def run(project: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args],
                                env={"SOURCE_DATE_EPOCH": "1767225600"})
    output = result.output
    assert result.exit_code == code, output
    assert "Traceback" not in output
    return output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "sources" / "care.md").write_text(LEAFLET, encoding="utf-8")
    (tmp_path / "templates" / "leaflet.html.j2").write_text(
        "<p>{{ _('Page') }}</p>\n", encoding="utf-8")
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    return tmp_path


def translate(path: Path, table: dict[str, str]) -> None:
    """What a translator's editor does: fill msgstr, save."""
    catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
    from dataclasses import replace
    messages = tuple(replace(m, msgstr=(table[m.msgid],)) if m.msgid in table else m
                     for m in catalog.messages)
    path.write_text(format_po(replace(catalog, messages=messages)), encoding="utf-8")


def status_row(project: Path) -> dict:  # type: ignore[type-arg]
    rows = json.loads(run(project, "status", "--format", "json"))
    return next(r for r in rows if r["leaflet"] == "care")


def test_acceptance_extract_init_translate_edit_update(project: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    translate(po_file, SPANISH)
    assert status_row(project)["counts"]["translated"] == 7

    # Edit the English: change one sentence, add one, remove one, move a section.
    source = project / "sources" / "care.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace("Change the dressing every day.", "Change the dressing twice a day.")
    text = text.replace("Wear loose clothes over the wound.\n", "")
    text = text.replace("Keep the wound clean and dry.\n",
                        "Keep the wound clean and dry.\n\nEat well to help the skin heal.\n")
    head, rest = text.split("## At home {#at-home}")
    at_home, get_help = rest.split("## Get help {#get-help}")
    source.write_text(head + "## Get help {#get-help}" + get_help.rstrip("\n") + "\n\n"
                      + "## At home {#at-home}" + at_home, encoding="utf-8")

    run(project, "extract")
    out = run(project, "update")
    assert "changed→stale 1" in out and "obsolete 1" in out and "new 1" in out

    row = status_row(project)
    assert row["counts"] == {"untranslated": 1, "fuzzy": 0, "stale": 1, "translated": 5,
                             "reviewed": 0}
    assert row["obsolete"] == 1
    assert row["printable"] is False
    catalog = parse_po(po_file.read_text(encoding="utf-8"), "care.po")
    moved = {m.msgid: m for m in catalog.messages if m.msgctxt == "get-help"}
    assert moved["Call {clinic_phone} if the wound gets bigger."].msgstr == (
        "Llame al {clinic_phone} si la herida se agranda.",)
    assert not any(m.fuzzy for m in moved.values())
    assert catalog.obsolete[0].msgstr == ("Use ropa holgada sobre la herida.",)

    stale = run(project, "stale", "--no-color")
    assert "Change the dressing [-every-]{+twice a+} day." in stale
    assert "Cambie el vendaje todos los días." in stale
    items = json.loads(run(project, "stale", "--format", "json"))
    assert [i["section"] for i in items] == ["at-home"]
    assert {"op": "insert", "text": "twice a"} in items[0]["diff"]

    run(project, "update", "--check")
    if shutil.which("msgfmt"):
        for path in sorted((project / "locale").rglob("*.po*")):
            subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
                           check=True)


def test_update_check_reports_without_writing(project: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    source = project / "sources" / "care.md"
    source.write_text(source.read_text().replace("every day", "daily"), encoding="utf-8")
    run(project, "extract")
    before = po_file.read_bytes()
    out = run(project, "update", "--check", code=1)
    assert "would be updated" in out
    assert po_file.read_bytes() == before
    run(project, "update")
    run(project, "update", "--check")


def test_extract_is_reproducible_and_does_not_touch_unchanged_files(project: Path) -> None:
    run(project, "extract")
    pot = project / "locale" / "care.pot"
    first = pot.read_bytes()
    mtime = pot.stat().st_mtime_ns
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), "extract"],
                                env={"SOURCE_DATE_EPOCH": "1799999999"})
    assert result.exit_code == 0 and "unchanged" in result.output
    assert pot.read_bytes() == first and pot.stat().st_mtime_ns == mtime


def test_init_never_overwrites(project: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    translate(po_file, SPANISH)
    before = po_file.read_bytes()
    assert "exists" in run(project, "init", "es")
    assert po_file.read_bytes() == before


@pytest.mark.parametrize(("code", "folder", "language", "plural"), [
    ("es", "es", "es", "nplurals=2; plural=(n != 1);"),
    ("zh-hans", "zh_Hans", "zh_Hans", "nplurals=1; plural=0;"),
    ("pt_BR", "pt_BR", "pt_BR", "nplurals=2; plural=(n > 1);"),
    ("ar", "ar", "ar", "nplurals=6;"),
])
def test_init_headers_from_cldr_and_our_plural_table(project: Path, code: str, folder: str,
                                                     language: str, plural: str) -> None:
    run(project, "extract")
    run(project, "init", code)
    text = (project / "locale" / folder / "LC_MESSAGES" / "care.po").read_text()
    assert f'"Language: {language}\\n"' in text
    assert plural in text


@pytest.mark.parametrize("code", ["xx", "../etc", "", "en_XX", "es/../../x"])
def test_init_rejects_bad_locales(project: Path, code: str) -> None:
    run(project, "extract")
    out = run(project, "init", code, code=2)
    assert out.startswith("error: ") and len(out.strip().splitlines()) == 1
    assert not (project / "locale" / "xx").exists()
    assert not (project / "etc").exists()


def test_bad_po_is_one_line_with_path_and_line_and_nothing_is_written(project: Path) -> None:
    (project / "sources" / "other.md").write_text(
        LEAFLET.replace("id: care", "id: other"), encoding="utf-8")
    run(project, "extract")
    run(project, "init", "es")
    folder = project / "locale" / "es" / "LC_MESSAGES"
    good = folder / "care.po"
    bad = folder / "other.po"
    bad.write_text(bad.read_text() + '\nmsgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    source = project / "sources" / "care.md"
    source.write_text(source.read_text().replace("every day", "daily"), encoding="utf-8")
    run(project, "extract")
    before = good.read_bytes()
    out = run(project, "update", code=2)
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: locale/es/LC_MESSAGES/other.po:")
    assert "unterminated string" in lines[0]
    assert good.read_bytes() == before
    assert run(project, "status", code=2).startswith("error: locale/es/LC_MESSAGES/other.po:")


def test_invalid_utf8_and_wrong_charset(project: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    data = po_file.read_bytes()
    po_file.write_bytes(data.replace(b"charset=UTF-8", b"charset=X-KLINGON"))
    assert "care.po:12: unknown charset 'X-KLINGON'" in run(project, "status", code=2)
    po_file.write_bytes(data + b'\nmsgid "caf\xe9"\nmsgstr ""\n')
    out = run(project, "status", code=2)
    assert "invalid UTF-8 byte 0xe9" in out and ":" in out.split()[1]


def test_catalogue_without_leaflet(project: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    (project / "locale" / "es" / "LC_MESSAGES" / "gone.po").write_text(
        'msgid ""\nmsgstr ""\n', encoding="utf-8")
    out = run(project, "update", code=2)
    assert "gone.po:1: no leaflet 'gone'" in out


def test_missing_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 2
    assert result.output.startswith("error: calcii18n.toml: not found")
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nope.toml"), "status"])
    assert result.exit_code == 2 and "nope.toml: config file not found" in result.output


def test_bad_config_line(project: Path) -> None:
    (project / "calcii18n.toml").write_text('locales = ["es"]\nsauces = "x"\n')
    assert "calcii18n.toml:2: unknown setting 'sauces'" in run(project, "status", code=2)
    (project / "calcii18n.toml").write_text('locales = ["xx"]\n')
    assert "calcii18n.toml:1: unknown locale 'xx'" in run(project, "status", code=2)


def test_bad_source_writes_nothing(project: Path) -> None:
    (project / "sources" / "care.md").write_text(LEAFLET.replace("{#get-help}", ""))
    out = run(project, "extract", code=2)
    assert out.startswith("error: sources/care.md:18: section 'Get help' has no id")
    assert not (project / "locale").exists()


def test_update_uninitialised_locale(project: Path) -> None:
    run(project, "extract")
    assert "run calcii18n init es" in run(project, "update", code=2)


def test_status_formats_and_fail_under(project: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    text = run(project, "status")
    assert "care" in text and "not printable" in text
    md = run(project, "status", "--format", "markdown")
    assert md.startswith("| locale")
    run(project, "status", "--fail-under", "50", code=1)
    run(project, "status", "--fail-under", "0")
    run(project, "status", "--leaflet", "nope", code=2)


def test_help_lists_every_command() -> None:
    out = CliRunner().invoke(cli, ["--help"]).output
    for command in ("extract", "init", "update", "status", "stale"):
        assert f"  {command} " in out
