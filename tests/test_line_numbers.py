"""Issue 15, item 10: errors in the glossary, calcii18n.toml and the clinic profile name the
line a user has to fix: quoted keys (`[terms."sodium thiosulfate"]`, `"es" = ...`) are found
as TOML reads them, and a string or array that is never closed is blamed on the line where it
opens, not on the end of the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n._util.tomlfile import parse_toml
from calcii18n.cli import cli
from calcii18n.clinic import parse_clinic
from calcii18n.config import parse_config
from calcii18n.errors import Calcii18nError
from calcii18n.glossary import parse_glossary

GLOSSARY_ERRORS = [
    # (glossary, line of the mistake)
    ('do_not_translate = ["Sensipar"]\n\n[terms."Sensipar"]\nes = 5\n', 4),
    ('[terms."sodium thiosulfate"]\n"es" = ""\n', 2),
    ('# sodium thiosulfate and dialysis\n[terms."dialysis"]\nes = "diálisis"\n\n'
     '[terms."sodium thiosulfate"]\nes = 5\n', 6),  # not the first term's `es`
    ('[terms."sodium thiosulfate"]\nes = "tiosulfato de sodio"\n"xx-nope" = "x"\n', 3),
    ('[terms."dialysis"]\nes = "diálisis"\n\n[terms."dialysis in Spain"]\n"es" = 1\n', 5),
    ('# "dialysis" = 1 mentioned\n\n[terms]\n"dialysis" = 1\n', 4),
    ('\nterms."sodium thiosulfate".es = 5\n', 2),
    ('do_not_translate = ["CUA"]\n\n"other key" = 1\n', 3),
    ('do_not_translate = [\n  "CUA",\n  "Sensipar",\n' , 1),  # never closed: where it opens
    ('do_not_translate = ["CUA"]\nnote = """\nterms = 1\n', 2),
    ('do_not_translate = ["CUA"]\n\n[terms."x"]\nes = "unterminated\n', 4),
]


@pytest.mark.parametrize(("text", "line"), GLOSSARY_ERRORS)
def test_glossary_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(Calcii18nError) as err:
        parse_glossary(text, "locale/glossary.toml")
    assert err.value.line == line, str(err.value)


CLINIC_ERRORS = [
    ('name = "X"\n\n[contact]\nphone = "1"\n', 3),
    ('name = "X"\nphone.home = "020 7946 0000"\n', 2),
    ('name = "X"\naddress = """\nphone = 1\n"""\nphone = ""\n', 5),
    ('name = "X"\n\n"fax" = "1"\n', 3),
    ('name = "X"\nweb = """https://\n\nexample.org\n', 2),
    ('name = "X"\nphone = ["020",\n"7946"\n', 2),
]


@pytest.mark.parametrize(("text", "line"), CLINIC_ERRORS)
def test_clinic_profile_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(Calcii18nError) as err:
        parse_clinic(text, "clinic.toml")
    assert err.value.line == line, str(err.value)


@pytest.mark.parametrize(("text", "line"), [
    ('locales = ["es"]\nsources = [\n"a",\n', 2),
    ('locales = ["es"]\n\nbuild = """build\n\n', 3),
])
def test_broken_config_is_blamed_on_the_line_that_opens(text: str, line: int) -> None:
    with pytest.raises(Calcii18nError) as err:
        parse_config(text, Path("/p/calcii18n.toml"), "calcii18n.toml")
    assert err.value.line == line, str(err.value)
    assert "not finished by the end of the file" in err.value.message


def test_a_line_inside_the_text_is_never_past_its_end() -> None:
    """tomllib says "at end of document"; the old fallback counted the final newline as
    one more line, a line the editor does not even show."""
    text = 'a = 1\nb = [1,\n2,\n'
    with pytest.raises(Calcii18nError) as err:
        parse_toml(text, "f.toml")
    assert err.value.line is not None and err.value.line <= text.count("\n")


def test_errors_in_the_middle_keep_tomllibs_line_and_embedded_offsets() -> None:
    with pytest.raises(Calcii18nError) as err:
        parse_toml('a = 1\nb = tru\n', "f.md", first_line=2)
    assert err.value.line == 3 and err.value.message == "broken TOML: Invalid value"
    with pytest.raises(Calcii18nError) as err:
        parse_toml('a = 1\nb = [\n', "f.md", first_line=2)
    assert err.value.line == 3


def test_key_lines_see_keys_as_toml_does() -> None:
    from calcii18n._util.tomlfile import key_lines, line_at

    text = ('do_not_translate = ["CUA",\n  "x = 1",\n]\n[terms."sodium thiosulfate"]\n'
            '"es" = "a # [ b"  # ]\nzh_Hans = """\nfake = 1\n"""\n'
            "[terms.'lit \"key\"']\nes = 'x'\n[terms.\"\\u0061b\"]\nes = 'y'\n")
    lines = key_lines(text)
    assert lines[("do_not_translate",)] == 1
    assert ("x",) not in lines and ("terms", "sodium thiosulfate", "fake") not in lines
    assert lines[("terms", "sodium thiosulfate", "es")] == 5
    assert lines[("terms", "sodium thiosulfate", "zh_Hans")] == 6
    assert lines[("terms", 'lit "key"', "es")] == 10
    assert lines[("terms", "ab", "es")] == 12
    assert line_at(lines, "terms", "ab", "fr") == 11  # the nearest parent that is written
    assert line_at(lines, "nowhere") is None


def _run(project: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_cli_names_the_line_of_a_broken_clinic_profile(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\nclinic = "clinic.toml"\n')
    (tmp_path / "clinic.toml").write_text('name = "X"\n\n[contact]\nphone = "020 7946 0000"\n')
    out = _run(tmp_path, "render", "en", "--format", "html")
    assert out.startswith("error: clinic.toml:3: unknown clinic field 'contact'"), out


def test_cli_names_the_line_of_a_broken_config(tmp_path: Path) -> None:
    (tmp_path / "calcii18n.toml").write_text('build = "build"\nlocales = [\n  "es",\n\n')
    assert "calcii18n.toml:2: broken TOML: Invalid value (not finished by the end of the " \
           "file)" in _run(tmp_path, "status")
