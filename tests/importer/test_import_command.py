"""`calcii18n import`: where the draft goes (the project's sources/, --output, standard
output), the report, --force, and bad input as one line with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from import_helpers import imported, input_file

from calcii18n.cli import cli
from calcii18n.leaflet.source import parse_leaflet


@pytest.fixture
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden inputs the commands read, under the pages' own names (a page's file name
    is its default id and its front matter's source)."""
    folder = tmp_path_factory.mktemp("pages")
    for name in ("full-page.txt", "faq.txt"):
        (folder / name).write_bytes(input_file(name).read_bytes())
    return folder



def invoke(args: list[str], code: int = 0, stdin: bytes | None = None,
           ) -> tuple[str, str]:
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "pages" / "sub")
    return tmp_path


def test_import_writes_sources_id_md_in_the_project_and_extract_accepts_it(
        project: Path, pages: Path) -> None:
    _, err = invoke(["import", str(pages / "full-page.txt")])
    draft = project / "sources" / "full-page.md"
    assert draft.read_text(encoding="utf-8") == imported("full-page.txt")[0]
    assert "-> ../../sources/full-page.md" in err
    assert "dropped 11 lines:" in err and "line 51: template key: footer.address" in err
    assert "to do: set reviewed and next_review" in err
    out, _ = invoke(["extract"])
    assert "locale/full-page.pot: created" in out
    pot = (project / "locale" / "full-page.pot").read_text(encoding="utf-8")
    assert 'msgid "Calciphylaxis: a guide for people on dialysis"' in pot


def test_import_honours_config(project: Path, tmp_path_factory: pytest.TempPathFactory,
                               monkeypatch: pytest.MonkeyPatch, pages: Path) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    invoke(["--config", str(project / "calcii18n.toml"), "import",
            str(pages / "faq.txt")])
    assert (project / "sources" / "faq.md").is_file()


def test_without_a_project_the_draft_goes_to_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: Path) -> None:
    monkeypatch.chdir(tmp_path)
    invoke(["import", str(pages / "faq.txt")])
    assert (tmp_path / "faq.md").is_file()


def test_output_id_title_and_report_options(tmp_path: Path, pages: Path) -> None:
    out = tmp_path / "drafts" / "signs.md"
    report_file = tmp_path / "report.json"
    invoke(["import", str(pages / "full-page.txt"), "-o", str(out), "--title", "Signs",
            "--report", str(report_file)])
    leaflet = parse_leaflet(out.read_text(encoding="utf-8"), str(out), "signs")
    assert leaflet.meta.title == "Signs"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["id"] == "signs" and report["source"] == "full-page.txt"
    assert report["dropped"][0] == {
        "line": 1, "reason": "cookie/consent notice",
        "text": "We use cookies to give you the best experience. Accept all cookies?"}
    assert [s["id"] for s in report["sections"]] == [
        "overview", "what-are-the-signs", "how-is-it-treated", "when-should-i-get-help"]
    assert (report["paragraphs"], report["list_items"], report["references"]) == (6, 6, 1)


def test_an_existing_draft_is_only_replaced_with_force(tmp_path: Path, pages: Path) -> None:
    out = tmp_path / "faq.md"
    out.write_text("hand edits\n", encoding="utf-8")
    _, err = invoke(["import", str(pages / "faq.txt"), "-o", str(out)], code=2)
    assert err.strip().endswith("faq.md: already exists: pass --force to overwrite it")
    assert len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "hand edits\n"
    invoke(["import", str(pages / "faq.txt"), "-o", str(out), "--force"])
    assert out.read_text(encoding="utf-8") == imported("faq.txt")[0]


def test_standard_input_and_standard_output(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = input_file("faq.txt").read_bytes()
    out, err = invoke(["import", "-", "-o", "-"], stdin=page)
    assert out.startswith("---\nid: calciphylaxis-questions\n")
    assert "source:" not in out
    assert "import: <stdin> -> standard output" in err
    invoke(["import", "-", "--id", "faq"], stdin=page)
    assert (tmp_path / "faq.md").read_text(encoding="utf-8") == out.replace(
        "id: calciphylaxis-questions", "id: faq")


@pytest.mark.parametrize(("args", "data", "message"), [
    (["--id", "Not A Slug"], b"Calciphylaxis\n\nText.\n",
     "error: --id: 'Not A Slug' is not a slug"),
    (["-o", "x.txt"], b"Calciphylaxis\n\nText.\n", "error: -o: 'x.txt': a leaflet source is"),
    (["-o", "other.md", "--id", "page"], b"Calciphylaxis\n\nText.\n",
     "error: -o: 'other.md' does not match --id 'page'"),
    (["-o", "Bad Name.md"], b"Calciphylaxis\n\nText.\n",
     "error: -o: 'Bad Name.md': the file name must be the leaflet id"),
    ([], b"", "page.txt: empty file: there is nothing to import"),
    ([], b"\x89PNG\r\n\x1a\n\x00\x00", "page.txt:1: binary file, an image (PNG)"),
    ([], b"Calciphylaxis\n\nna\xefve\n", "page.txt:3: not UTF-8: byte 0xef cannot be decoded"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           args: list[str], data: bytes, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_bytes(data)
    _, err = invoke(["import", "page.txt", *args], code=2)
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not list(tmp_path.glob("*.md"))


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _, err = invoke(["import", "nope.txt"], code=2)
    assert err == "error: nope.txt: no such file\n"


def test_help_and_registration() -> None:
    out, _ = invoke(["import", "--help"])
    assert "Usage: cli import [OPTIONS] FILE" in out
    assert "--report FILE" in out and "--force" in out
    # cli/import_page.py can be imported first: no circular import with cli/__init__.py.
    code = ("import calcii18n.cli.import_page, calcii18n.cli; "
            "print(calcii18n.cli.cli.commands['import'])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr

