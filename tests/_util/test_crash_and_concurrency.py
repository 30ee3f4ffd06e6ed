"""Faults and races lose nothing (issue 15, item 11): a crash while writing or between the
write and the rename leaves the old file whole and no temporary file; a file saved by
someone else while a command ran is never overwritten (compare-and-swap on its bytes)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n._util import files
from calcii18n._util.files import ChangedOnDisk, write_atomic
from calcii18n.cli import cli
from calcii18n.config import load_config
from calcii18n.project import write
from calcii18n.review.session import Session

from helpers import copy_sample

PO = "locale/es/LC_MESSAGES/warning-signs.po"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_crash_while_writing_or_before_the_rename_keeps_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    path = tmp_path / "ui.po"
    path.write_text("old, whole\n", "utf-8")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # what Ctrl-C or a dying worker does mid-write

    monkeypatch.setattr(files.os, where, crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new text\n")
    assert path.read_text("utf-8") == "old, whole\n" and leftovers(tmp_path) == []


def test_a_killed_process_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """SIGKILL between the write and the rename: nothing can clean up, yet the target is
    the old file, byte for byte (the new bytes only ever lived in the temporary file)."""
    path = tmp_path / "ui.po"
    path.write_text("old, whole\n", "utf-8")
    code = ("import os, signal, sys; from pathlib import Path; from calcii18n._util import files\n"
            "files.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
            "files.write_atomic(Path(sys.argv[1]), 'new text\\n')\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], check=False)
    assert done.returncode == -signal.SIGKILL
    assert path.read_text("utf-8") == "old, whole\n"


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "es.po"
    path.write_text("what the command read\n", "utf-8")
    read = path.read_bytes()
    path.write_text("what a translator saved meanwhile\n", "utf-8")
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        write_atomic(path, "the command's result\n", expect=read)
    assert path.read_text("utf-8") == "what a translator saved meanwhile\n"
    assert leftovers(tmp_path) == []
    assert write_atomic(path, "what a translator saved meanwhile\n", expect=read) is False


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def edit_english(project: Path) -> None:
    source = project / "sources" / "warning-signs.md"
    text = source.read_text("utf-8")
    assert "This gives your skin a better chance to heal." in text
    source.write_text(text.replace("This gives your skin a better chance to heal.",
                                   "This gives your skin the best chance to heal."), "utf-8")
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), "extract"])
    assert result.exit_code == 0, result.output


def test_update_never_overwrites_a_translators_save(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_english(project)
    po = project / PO
    saved = po.read_text("utf-8").replace("msgstr \"", "msgstr \"(edited) ", 3)
    real = write.merge

    def merge_while_a_translator_saves(catalog, template, memory=()):  # type: ignore[no-untyped-def]
        if catalog.header_value("Language") == "es" and any(
                m.msgctxt == "why-it-matters" and "best chance" in m.msgid
                for m in template.messages):
            po.write_text(saved, "utf-8")
        return real(catalog, template, memory)

    monkeypatch.setattr(write, "merge", merge_while_a_translator_saves)
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"),
                                      "update", "es"])
    assert result.exit_code == 2 and "changed on disk" in result.output, result.output
    assert po.read_text("utf-8") == saved


def test_two_updates_at_once_agree_with_one(
        project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    edit_english(project)
    alone = tmp_path_factory.mktemp("alone")
    shutil.copytree(project, alone, dirs_exist_ok=True)
    command = [sys.executable, "-c", "from calcii18n.cli import main; main()", "update"]
    env = {**os.environ, "CALCII18N_CACHE": "off"}
    subprocess.run(command, cwd=alone, env=env, check=True, capture_output=True)
    runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0 or "changed on disk" in err, (out, err)
    for po in sorted((alone / "locale").rglob("*.po")):
        assert (project / po.relative_to(alone)).read_bytes() == po.read_bytes(), po
    assert not list((project / "locale").rglob("*.tmp"))


def test_review_never_overwrites_a_translators_save(project: Path) -> None:
    cfg = load_config(project / "calcii18n.toml", project)
    session = Session.open(cfg, "es", "warning-signs")
    po = project / PO
    saved = po.read_text("utf-8").replace("msgstr \"", "msgstr \"(edited) ", 1)
    po.write_text(saved, "utf-8")  # another process rewrites it while the reviewer looks
    with pytest.raises(ChangedOnDisk):
        session.save(session.catalog)
    assert po.read_text("utf-8") == saved
