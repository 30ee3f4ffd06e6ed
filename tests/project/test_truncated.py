"""Truncated catalogues are errors, never fresh ones (issue 15, item 9): a 0-byte .po, or a
header with no entry where the English has entries, is refused by name; `update` does not
rewrite it as new (which would lose what the file held before it was cut)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli

from helpers import copy_sample

PO = "locale/es/LC_MESSAGES/warning-signs.po"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path)


def run(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def header_only(text: str) -> str:
    return text[:text.index("\n\n", text.index('msgid ""')) + 1]


@pytest.mark.parametrize("cut", ["empty", "header only"])
def test_a_truncated_catalogue_is_refused_and_never_rewritten(project: Path, cut: str) -> None:
    po = project / PO
    po.write_text("" if cut == "empty" else header_only(po.read_text("utf-8")), "utf-8")
    before = po.read_bytes()
    for args in (("status", "es"), ("update", "es"), ("build", "--format", "html"),
                 ("review", "approve", "es", "warning-signs", "--all-translated", "--yes",
                  "--key", str(project / "no-such-key"))):
        code, out = run(project, *args)
        assert code == 2, (args, out)
        assert out.startswith(f"error: {PO}: "), (args, out)
        assert ("empty file (0 bytes)" if cut == "empty" else "no entries, though the "
                "English has") in out
        assert po.read_bytes() == before  # nothing rewrote it


def test_check_refuses_an_empty_file_too(project: Path) -> None:
    (project / PO).write_text("", "utf-8")
    code, out = run(project, "check", "es")
    assert code == 2 and "empty file (0 bytes)" in out


def test_a_catalogue_init_made_is_never_taken_for_a_truncated_one(project: Path) -> None:
    code, out = run(project, "init", "de")
    assert code == 0, out
    code, out = run(project, "status", "de")
    assert code == 0, out
