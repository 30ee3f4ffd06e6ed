"""The shipped sample project: its states, its checks and its files, as the README says."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli

ROOT = Path(__file__).parents[1]
CONFIG = str(ROOT / "calcii18n.toml")


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, ["--config", CONFIG, *args])
    assert result.exit_code == code, result.output
    return result.output


def test_sample_states_are_the_ones_the_readme_promises() -> None:
    rows = json.loads(run("status", "--format", "json"))
    leaflets = [r for r in rows if r["leaflet"] != "ui"]
    assert len({r["locale"] for r in rows}) >= 8
    assert all(r["counts"]["reviewed"] == 0 for r in rows)  # no stamp was invented
    assert all(not r["printable"] for r in leaflets)
    partial = {r["locale"] for r in leaflets if r["counts"]["untranslated"]}
    assert partial == {"tl"}
    stale = {(r["locale"], r["leaflet"]) for r in leaflets if r["counts"]["stale"]}
    assert stale == {("ru", "warning-signs")}
    assert not any(r["needs_update"] for r in rows)


def test_sample_catalogues_pass_check_and_update_check() -> None:
    assert "0 errors" in run("check")
    run("update", "--check")
    run("readability")


def test_sample_headers_say_no_clinical_review() -> None:
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po")):
        assert "# reviewed:" not in po.read_text(encoding="utf-8"), po
    for code in ("es", "zh_Hans", "vi", "tl", "ar", "ur", "ru", "hi"):
        text = (ROOT / "locale" / code / "LC_MESSAGES" / "warning-signs.po").read_text()
        assert "without clinical review" in text, code


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_every_sample_file_passes_msgfmt_and_msgcat_leaves_it_alone() -> None:
    files = sorted((ROOT / "locale").glob("*.pot")) + sorted(
        (ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    assert len(files) >= 45
    for path in files:
        subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], check=True)
        out = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        assert out == path.read_bytes(), path


def test_status_reasons_do_not_invent_check_errors() -> None:
    """A block whose English says "checked" must not read as a check finding."""
    rows = json.loads(run("status", "--format", "json", "--locale", "es"))
    assert all(r["check_errors"] == 0 for r in rows)
    assert not any("checks:" in reason for r in rows for reason in r["reasons"])
