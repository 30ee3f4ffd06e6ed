"""Plural-Forms come from our own table: the same header whatever Babel/CLDR release is
installed, what msginit writes where GNU has the language, valid for GNU and Python."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n import locales
from calcii18n.cli import cli
from calcii18n.errors import Calcii18nError
from calcii18n.po.parse import parse_po

ROOT = Path(__file__).parents[1]

# What msginit, Poedit and Weblate write by default, where CLDR 47+ (Babel 2.19) differs.
GNU_DEFAULTS = {
    "es": "nplurals=2; plural=(n != 1);",
    "es_MX": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_PT": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "vi": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
    "hi": "nplurals=2; plural=n > 1;",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
          "n%100>=11 ? 4 : 5;",
}


@pytest.mark.parametrize(("code", "header"), sorted(GNU_DEFAULTS.items()))
def test_headers_are_the_gettext_ones(code: str, header: str) -> None:
    assert locales.plural_forms(code) == header


def test_headers_do_not_come_from_babel(monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    """If a Babel upgrade changed its plural rules, our headers would not move."""
    import babel.messages.plurals as babel_plurals

    def broken(*args: object, **kwargs: object) -> object:
        raise AssertionError("Plural-Forms must not be asked of Babel")

    monkeypatch.setattr(babel_plurals, "get_plural", broken)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.md").write_text(
        "---\nid: a\ntitle: A\nrevision: 1\nreviewed: 2026-01-01\nnext_review: 2027-01-01\n"
        "audience: x\n---\n\n## S {#s}\n\nText.\n", encoding="utf-8")
    (tmp_path / "calcii18n.toml").write_text("", encoding="utf-8")
    config = str(tmp_path / "calcii18n.toml")
    for args in (["extract"], ["init", "es"], ["init", "fr"]):
        result = CliRunner().invoke(cli, ["--config", config, *args])
        assert result.exit_code == 0, result.output
    for code in ("es", "fr"):
        text = (tmp_path / "locale" / code / "LC_MESSAGES" / "a.po").read_text("utf-8")
        assert f'"Plural-Forms: {GNU_DEFAULTS[code]}\\n"' in text


def test_every_sample_catalogue_agrees_with_the_table() -> None:
    found = sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po"))
    found += sorted(ROOT.glob("src/calcii18n/resources/ui-translations/*.po"))
    assert len(found) > 40
    for path in found:
        catalog = parse_po(path.read_text("utf-8"), str(path))
        code = catalog.header_value("Language") or ""
        assert catalog.header_value("Plural-Forms") == locales.plural_forms(code), path


def test_a_language_missing_from_the_table_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locales, "table", lambda: {"es": "nplurals=2; plural=(n != 1);"})
    assert locales.plural_forms("es_AR") == "nplurals=2; plural=(n != 1);"
    with pytest.raises(Calcii18nError, match="no plural rule for 'fr_CA'"):
        locales.plural_forms("fr_CA")


def test_every_row_is_a_valid_formula_for_python() -> None:
    rows = locales.table()
    assert len(rows) > 300
    for code, header in rows.items():
        nplurals_part, _, expression = header.partition(";")
        count = int(nplurals_part.split("=")[1])
        choose = gettext.c2py(expression.strip().removeprefix("plural=").rstrip(";"))
        forms = {choose(n) for n in (*range(0, 1201), 1_000_000, 2_000_000, 10**9)}
        assert forms <= set(range(count)), code
        assert len(forms) == count, code  # every form is reachable


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not on PATH")
def test_every_row_passes_msgfmt_check_header(tmp_path: Path) -> None:
    header = ('msgid ""\nmsgstr ""\n"Project-Id-Version: t\\n"\n"PO-Revision-Date: '
              '2026-01-01 00:00+0000\\n"\n"Last-Translator: T <t@example.org>\\n"\n'
              '"Language-Team: t\\n"\n"Language: {code}\\n"\n"MIME-Version: 1.0\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: {forms}\\n"\n')
    for code, forms in locales.table().items():
        path = tmp_path / f"{code}.po"
        path.write_text(header.format(code=code, forms=forms), encoding="utf-8")
    done = subprocess.run(
        ["sh", "-c", 'for f in "$@"; do msgfmt -c -o /dev/null "$f" || echo "FAILED $f"; done',
         "-", *map(str, sorted(tmp_path.glob("*.po")))], capture_output=True, text=True)
    assert "FAILED" not in done.stdout, done.stdout + done.stderr
