"""`calcii18n new`: a clinic's project from nothing, then init, translate, review, build —
with no file copied by hand; and every way `new` can fail leaves nothing behind."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.config import load_config
from calcii18n.leaflet.templates import default_translations
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.project import layout, new
from calcii18n.state import State, classify
from calcii18n.trust import Authority

from helpers import team

SPANISH = {
    "Calciphylaxis: a short guide": "Calcifilaxis: una guía breve",
    "What it is": "Qué es",
    "Calciphylaxis is a rare illness. Calcium builds up in the small blood vessels of the "
    "skin and the fat under it.": "La calcifilaxis es una enfermedad poco frecuente. El calcio "
    "se acumula en los vasos sanguíneos pequeños de la piel y de la grasa que hay debajo.",
    "Less blood then reaches the skin. Painful sores can form, and they heal slowly.":
        "Entonces llega menos sangre a la piel. Pueden formarse llagas dolorosas, que "
        "tardan en curarse.",
    "Signs to look for": "Señales a las que debe prestar atención",
    "Tell your kidney team soon if you notice:": "Avise pronto a su equipo de riñón si nota:",
    "a patch of skin that hurts a lot": "una zona de la piel que duele mucho",
    "purple skin, or purple lines like a net": "piel morada, o líneas moradas como una red",
    "a sore that does not heal": "una llaga que no se cura",
    "Get help": "Pida ayuda",
    "**Call {clinic_phone} today** if a sore gets bigger, smells bad or you have a fever.":
        "**Llame hoy al {clinic_phone}** si una llaga crece, huele mal o tiene fiebre.",
}
TINA = "Tina Translator <tina@clinic.example>"


def run(*args: str, code: int = 0, cwd: Path | None = None) -> str:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": "1796083200"})
    finally:
        os.chdir(old)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def translate(path: Path, table: dict[str, str]) -> None:
    """What a translator's editor does: fill msgstr, name the translator."""
    catalog = parse_po(path.read_text("utf-8"), str(path))
    messages = tuple(replace(m, msgstr=(table[m.msgid],)) for m in catalog.messages)
    path.write_text(format_po(replace(catalog, messages=messages).with_header(
        "Last-Translator", TINA)), encoding="utf-8")


def test_new_writes_only_what_is_the_clinics_own(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    out = run("new", str(target))
    assert "calcii18n init es" in out and "calcii18n build" in out
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == [".gitignore", "calcii18n.toml", "clinic.toml",
                     "locale/about-calciphylaxis.pot", "locale/glossary.toml", "locale/ui.pot",
                     "reviewers.toml", "sources/about-calciphylaxis.md"]
    assert not (target / "templates").exists()  # the package's defaults serve
    assert [p.name for p in tmp_path.iterdir()] == ["clinic"]  # no staging folder left
    assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    source = (target / "sources" / "about-calciphylaxis.md").read_text("utf-8")
    assert "reviewed: 2026-12-01" in source and "next_review: 2027-12-01" in source
    ui = (target / "locale" / "ui.pot").read_text("utf-8")
    assert "#: calcii18n/templates/leaflet.html.j2:" in ui and 'msgid "Your clinic"' in ui
    assert "0 error" in run("--config", str(target / "calcii18n.toml"), "check")
    assert "pass" in run("--config", str(target / "calcii18n.toml"), "readability")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_then_init_translate_review_build_prints_final(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    run("new", str(target))
    run("init", "es", cwd=target)  # no `locales` in the config: every initialised locale
    ui = parse_po((target / "locale/es/LC_MESSAGES/ui.po").read_text("utf-8"), "ui.po")
    trust = Authority().of("es", "ui")
    assert {classify(m, trust).state for m in ui.messages} == {State.TRANSLATED}  # unreviewed
    assert "calcii18n ui translations" in (ui.header_value("Last-Translator") or "")

    out = run("build", "--format", "html", code=0, cwd=target)
    assert "1 final, 1 draft" in out and "nothing translated yet" in out
    assert "DRAFT" in (target / "build/es/about-calciphylaxis.html").read_text("utf-8")

    translate(target / "locale/es/LC_MESSAGES/about-calciphylaxis.po", SPANISH)
    keys = team(target)  # a registered clinical reviewer, Rita
    for domain in ("about-calciphylaxis", "ui"):
        run("review", "approve", "es", domain, "--all-translated", "--yes", "--key",
            str(keys["rita"]), cwd=target)
    out = run("build", "--format", "html", cwd=target)
    assert "2 final, 0 draft" in out
    html = (target / "build/es/about-calciphylaxis.html").read_text("utf-8")
    assert "DRAFT" not in html and "Llame hoy al" in html and "020 7946 0100" in html
    status = json.loads(run("status", "es", "--format", "json", cwd=target))
    assert all(row["printable"] for row in status if row["leaflet"] != "ui")


def test_new_with_locales_sets_them_up(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    out = run("new", str(target), "--locale", "es,ar", "--locale", "zh-hans")
    assert "calcii18n init" not in out
    for code in ("es", "ar", "zh_Hans"):
        assert (target / "locale" / code / "LC_MESSAGES" / "ui.po").is_file()
    rows = json.loads(run("status", "--format", "json", cwd=target))
    assert sorted({r["locale"] for r in rows}) == ["ar", "es", "zh_Hans"]


def test_an_empty_folder_is_used_and_keeps_its_place(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run("new", "empty", cwd=tmp_path)
    assert (tmp_path / "empty" / "calcii18n.toml").is_file()


@pytest.mark.parametrize(("make", "args", "message"), [
    (lambda t: (t / "busy").mkdir() or (t / "busy" / "notes.txt").write_text("x"),
     ["busy"], "folder is not empty"),
    (lambda t: (t / "afile").write_text("x"), ["afile"], "exists and is not a folder"),
    (lambda t: None, ["missing/parent/clinic"], "no such folder"),
    (lambda t: (t / "afile").write_text("x"), ["afile/clinic"], "no such folder"),
    (lambda t: None, ["clinic", "--locale", "es,xx"], "unknown locale 'xx'"),
    (lambda t: None, ["clinic", "--locale", "../etc"], "is not a locale code"),
])
def test_new_refuses_in_one_line_and_writes_nothing(tmp_path: Path, make: object, args: list[str],
                                                    message: str) -> None:
    make(tmp_path)  # type: ignore[operator]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    out = run("new", *args, code=2, cwd=tmp_path)
    assert out.startswith("error: ") and message in out and len(out.splitlines()) == 1
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_an_unwritable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    def denied(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    out = run("new", "clinic", code=2, cwd=tmp_path)
    assert out == f"error: {tmp_path}: cannot write: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    def disk_full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(new, "init_locale", disk_full)
    out = run("new", "clinic", "--locale", "es", code=2, cwd=tmp_path)
    assert "No space left on device" in out and len(out.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_project_template_replaces_the_default_file_by_file(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    run("new", str(target))
    (target / "templates").mkdir()
    (target / "templates" / "print.css").write_text(
        '{% include "calcii18n/print.css" %}\nh1 { color: #123456; }\n', encoding="utf-8")
    run("render", "--format", "html", cwd=target)
    html = (target / "build/en/about-calciphylaxis.html").read_text("utf-8")
    assert "h1 { color: #123456; }" in html and "line-height: 1.5" in html  # ours + default
    assert "Your clinic" in html  # leaflet.html.j2 is still the default


def test_skeleton_dates_follow_the_day_it_is_made() -> None:
    import datetime as dt

    files = new.skeleton(dt.date(2028, 2, 29))
    source = files["sources/about-calciphylaxis.md"]
    assert "reviewed: 2028-02-29" in source and "next_review: 2029-02-28" in source
    assert "$" not in source


def test_config_without_locales_finds_initialised_ones(tmp_path: Path) -> None:
    target = tmp_path / "clinic"
    run("new", str(target), "--locale", "vi")
    (target / "locale" / "not-a-locale" / "LC_MESSAGES").mkdir(parents=True)
    out = run("status", code=2, cwd=target)
    assert out.startswith("error: locale/not-a-locale: ") and "not a locale code" in out
    (target / "locale" / "not-a-locale" / "LC_MESSAGES").rmdir()
    assert layout.locales_of(load_config(None, target), ()) == ["vi"]


def test_shipped_ui_translations_reach_a_region_but_never_another_script() -> None:
    spanish = default_translations("es_MX")
    assert spanish is not None and spanish.header_value("Language") == "es"
    assert default_translations("zh_Hant") is None  # zh_Hans is another script
    assert default_translations("fr") is None


def test_shipped_ui_translations_are_the_sample_ones() -> None:
    """One set of words: the package's ui translations are the sample project's."""
    root = Path(__file__).parents[2]
    for path in sorted(root.glob("locale/*/LC_MESSAGES/ui.po")):
        code = path.parent.parent.name
        shipped = default_translations(code)
        assert shipped is not None, code
        sample = parse_po(path.read_text("utf-8"), str(path))
        assert {m.key: m.msgstr for m in shipped.messages} == {
            m.key: m.msgstr for m in sample.messages}, code
