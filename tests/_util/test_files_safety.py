"""Issue 15, item 7: reads and writes that are given the project folder stay in it.

A file in a project may be a symbolic link, and a link may lead anywhere: a .po linked to
/etc/passwd was read and its first line quoted in the parse error. With `root`, files.py
follows every link first and refuses a real path outside `root`, and the error never holds
a byte of the file. Writing renames over the target, which replaces a link instead of
writing through it; with `root`, the folder written in must really be in the project."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n._util.files import read_bytes, read_text, write_atomic
from calcii18n.cli import cli
from calcii18n.errors import Calcii18nError

from helpers import CARE_LEAFLET, run_cli

SECRET = "root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "passwd").write_text(SECRET, encoding="utf-8")
    return tmp_path / "project"


def test_reading_a_link_out_of_the_project_is_refused_without_its_content(root: Path) -> None:
    link = root / "ui.po"
    link.symlink_to(root.parent / "outside" / "passwd")
    for read in (read_bytes, read_text):
        with pytest.raises(Calcii18nError) as err:
            read(link, "locale/es/LC_MESSAGES/ui.po", root=root)
        assert str(err.value) == ("locale/es/LC_MESSAGES/ui.po: leads outside the project "
                                  "folder through a symbolic link: refused, nothing was read "
                                  "(keep the file itself in the project)")
        assert "SECRET" not in str(err.value)


def test_a_file_inside_a_linked_folder_and_a_dotdot_path_are_refused(root: Path) -> None:
    (root / "locale").symlink_to(root.parent / "outside", target_is_directory=True)
    with pytest.raises(Calcii18nError, match="through a symbolic link"):
        read_text(root / "locale" / "passwd", "locale/passwd", root=root)
    with pytest.raises(Calcii18nError, match="leads outside the project folder: refused"):
        read_text(root / ".." / "outside" / "passwd", "../outside/passwd", root=root)


def test_links_that_stay_in_the_project_are_read(root: Path) -> None:
    from calcii18n._util.files import inside

    (root / "es.po").write_text("es\n", encoding="utf-8")
    (root / "es_MX.po").symlink_to("es.po")
    assert read_text(root / "es_MX.po", "es_MX.po", root=root) == "es\n"
    assert inside(root / "es_MX.po", root, "es_MX.po") == (root / "es.po").resolve()


def test_without_a_root_paths_are_taken_as_given(root: Path) -> None:
    """A file named on the command line (import PAGE, --clinic FILE) may be anywhere."""
    assert read_text(root.parent / "outside" / "passwd", "passwd") == SECRET


def test_a_loop_of_links_is_a_clear_error(root: Path) -> None:
    (root / "a.po").symlink_to(root / "b.po")
    (root / "b.po").symlink_to(root / "a.po")
    with pytest.raises(Calcii18nError, match=r"a.po: (its symbolic links go round in a loop|"
                                             r"cannot read)"):
        read_bytes(root / "a.po", "a.po", root=root)


def test_writing_into_a_linked_folder_out_of_the_project_is_refused(root: Path) -> None:
    outside = root.parent / "outside"
    (root / "build").symlink_to(outside, target_is_directory=True)
    target = root / "build" / "es" / "care.html"
    with pytest.raises(Calcii18nError, match="leads outside the project folder through a "
                                             "symbolic link: refused, nothing was written"):
        write_atomic(target, "<html>", root=root)
    assert sorted(p.name for p in outside.rglob("*")) == ["passwd"]  # no folder, no temp


def test_writing_over_a_link_replaces_the_link_and_never_the_outside_file(root: Path) -> None:
    """Even with the same bytes as the outside file: the project's file ends up a real
    file in the project, and the outside file is neither changed nor read."""
    outside = root.parent / "outside" / "passwd"
    outside.chmod(0o600)
    link = root / "care.html"
    link.symlink_to(outside)
    assert write_atomic(link, SECRET, root=root) is True
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == SECRET
    assert stat.S_IMODE(link.stat().st_mode) == 0o644  # not the outside file's mode
    assert outside.read_text(encoding="utf-8") == SECRET
    assert [p.name for p in root.iterdir()] == ["care.html"]


def test_writes_inside_the_project_work_and_skip_unchanged_files(root: Path) -> None:
    path = root / "locale" / "es" / "ui.po"
    assert write_atomic(path, "x\n", root=root) is True
    assert write_atomic(path, "x\n", root=root) is False
    (root / "es_MX.po").symlink_to(path)
    assert write_atomic(root / "es_MX.po", "x\n", root=root) is False  # link kept
    assert (root / "es_MX.po").is_symlink()




@pytest.fixture
def project(root: Path) -> Path:
    (root / "sources").mkdir()
    (root / "sources" / "care.md").write_text(CARE_LEAFLET, encoding="utf-8")
    (root / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    run_cli(root, "extract")
    run_cli(root, "init", "es")
    return root


def test_status_refuses_a_po_linked_out_of_the_project(project: Path) -> None:
    """The issue's case: status printed the linked file's first line in the parse error."""
    po = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    po.unlink()
    po.symlink_to(project.parent / "outside" / "passwd")
    out = run_cli(project, "status", code=2)
    assert "SECRET" not in out and "root:x" not in out, out
    assert out.startswith("error: locale/es/LC_MESSAGES/care.po: leads outside the project "
                          "folder through a symbolic link"), out


def test_extract_refuses_a_source_linked_out_of_the_project(project: Path) -> None:
    source = project / "sources" / "secret.md"
    source.symlink_to(project.parent / "outside" / "passwd")
    before = {p: p.stat().st_mtime_ns for p in (project / "locale").rglob("*")}
    out = run_cli(project, "extract", code=2)
    assert "SECRET" not in out and "sources/secret.md: leads outside" in out, out
    assert {p: p.stat().st_mtime_ns for p in (project / "locale").rglob("*")} == before
    assert os.listdir(project.parent / "outside") == ["passwd"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_the_project_is_refused_not_waited_on(root: Path) -> None:
    os.mkfifo(root / "ui.po")
    with pytest.raises(Calcii18nError, match=r"ui\.po: not a regular file"):
        read_bytes(root / "ui.po", "ui.po", root=root)


def test_a_page_template_linked_out_of_the_project_is_refused(project: Path) -> None:
    """Jinja and Babel follow links: a templates/leaflet.html.j2 linked to a file outside
    would be printed into every leaflet (and read for ui.pot)."""
    secret = project.parent / "outside" / "passwd"
    page = project / "templates" / "leaflet.html.j2"
    page.parent.mkdir(exist_ok=True)
    page.unlink(missing_ok=True)
    page.symlink_to(secret)
    root = Path(__file__).parents[2]
    (project / "clinic.example.toml").write_bytes((root / "clinic.example.toml").read_bytes())
    for args in (("extract",), ("render", "--format", "html", "--draft")):
        result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args])
        assert result.exit_code == 2, result.output
        assert "leads outside the project folder" in result.output
        assert "SECRET" not in result.output
