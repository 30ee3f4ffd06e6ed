"""What every command does the same way: --version, colour and NO_COLOR, --quiet, validated
choices, one way to name locales, stale --exit-code, and pools sized to the CPUs we may use."""

from __future__ import annotations

import io
import json
import shutil
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_cli import project as project  # the fixture: one small leaflet, locales = ["es"]
from test_cli import run

import calcii18n
from calcii18n._util import cpus
from calcii18n.cli import cli
from calcii18n.cli.common import colour_wanted
from calcii18n.errors import Calcii18nError
from calcii18n.publish import pipeline

ROOT = Path(__file__).parents[2]
SAMPLE = str(ROOT / "calcii18n.toml")


def with_clinic(project: Path) -> Path:
    (project / "clinic.example.toml").write_text((ROOT / "clinic.example.toml").read_text())
    return project


def sample(*args: str, code: int = 0, **kwargs: Any) -> str:
    result = CliRunner().invoke(cli, ["--config", SAMPLE, *args], **kwargs)
    assert result.exit_code == code, result.output
    return result.output


def test_version_is_the_package_version() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert calcii18n.__version__ == declared
    result = CliRunner().invoke(cli, ["--version"], prog_name="calcii18n")
    assert result.output == f"calcii18n, version {declared}\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour_wanted(None, _Terminal()) is True
    assert colour_wanted(None, io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_wanted(None, _Terminal()) is False
    assert colour_wanted(True, io.StringIO()) is True  # an explicit --color still wins
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset (no-color.org)
    assert colour_wanted(None, _Terminal()) is True


def test_no_color_reaches_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The group turns colour off for click.secho everywhere below it (review, errors...)."""
    coloured = sample("stale", "ru", "--color", color=True)
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    seen: list[bool | None] = []

    @cli.command("colour-probe", hidden=True)
    def probe() -> None:
        import click
        seen.append(click.get_current_context().color)

    try:
        sample("colour-probe", color=True)
    finally:
        cli.commands.pop("colour-probe")
    assert seen == [False]


def test_quiet_prints_only_problems(project: Path) -> None:
    with_clinic(project)
    run(project, "extract")
    run(project, "init", "es")
    assert run(project, "update", "--quiet") == ""
    out = run(project, "render", "-q", "--format", "html", code=1)
    assert out.startswith("es/care: REFUSED") and "en/care" not in out
    out = run(project, "build", "-q", "--format", "html")
    assert "Leaflets:" not in out and "Open " not in out


@pytest.mark.parametrize("command", ["build", "render"])
def test_an_unknown_format_is_refused_before_anything_runs(project: Path, command: str) -> None:
    out = run(project, command, "--format", "html,nonsense", code=2)
    assert "Invalid value for '--format'" in out and "'nonsense' is not one of" in out
    assert not (project / "build").exists() and not (project / "locale").exists()
    out = run(project, command, "--format", ",", code=2)
    assert "give at least one of html, pdf" in out


@pytest.mark.parametrize("command", ["status", "stale", "check", "update", "render"])
def test_locales_are_named_the_same_way_everywhere(project: Path, command: str) -> None:
    with_clinic(project)
    run(project, "extract")
    run(project, "init", "es")
    run(project, "init", "fr")
    code = 1 if command == "render" else 0
    extra = ["--format", "html"] if command == "render" else []
    positional = run(project, command, "fr", *extra, code=code)
    named = run(project, command, "--locale", "fr", *extra, code=code)
    assert positional == named
    mixed = run(project, command, "fr", "--locale", "es", *extra, code=code)
    assert mixed == run(project, command, "fr", "es", *extra, code=code)
    if command in ("status", "update", "render"):
        assert "fr" in named and "es/" not in named and "es/" in mixed


def test_stale_exit_code_fails_ci_when_anything_is_stale() -> None:
    assert sample("stale", "es", "--exit-code") == "No stale entries.\n"
    out = sample("stale", "ru", "--exit-code", code=1)
    assert "warning-signs" in out
    rows = json.loads(sample("stale", "ru", "--format", "json", "--exit-code", code=1))
    assert rows


@pytest.mark.parametrize(("text", "cpus_allowed"), [
    ("max 100000", None), ("150000 100000", 1.5), ("200000 100000\n", 2.0), ("", None),
    ("garbage", None), ("0 100000", None),
])
def test_cgroup_v2_quota(text: str, cpus_allowed: float | None) -> None:
    assert cpus.v2_quota(text) == cpus_allowed


def test_cgroup_v1_quota_and_rounding() -> None:
    assert cpus.v1_quota("-1", "100000") is None
    assert cpus.v1_quota("250000\n", "100000\n") == 2.5
    assert cpus.from_limits(64, 2.5) == 2
    assert cpus.from_limits(64, 0.5) == 1
    assert cpus.from_limits(2, 8.0) == 2
    assert cpus.from_limits(3, None) == 3


def test_the_tightest_quota_of_the_cgroup_tree_counts(tmp_path: Path) -> None:
    proc = tmp_path / "cgroup"
    proc.write_text("0::/machine/job\n")
    (tmp_path / "fs" / "machine" / "job").mkdir(parents=True)
    (tmp_path / "fs" / "machine" / "job" / "cpu.max").write_text("max 100000\n")
    (tmp_path / "fs" / "machine" / "cpu.max").write_text("300000 100000\n")
    (tmp_path / "fs" / "cpu.max").write_text("max 100000\n")
    assert cpus.cgroup_quota(tmp_path / "fs", proc) == 3.0
    proc.write_text("4:cpu,cpuacct:/docker/abc\n")
    (tmp_path / "fs" / "cpu,cpuacct").mkdir()
    (tmp_path / "fs" / "cpu,cpuacct" / "cpu.cfs_quota_us").write_text("150000\n")
    (tmp_path / "fs" / "cpu,cpuacct" / "cpu.cfs_period_us").write_text("100000\n")
    assert cpus.cgroup_quota(tmp_path / "fs", proc) == 1.5
    assert cpus.cgroup_quota(tmp_path / "fs", tmp_path / "absent") is None


def test_jobs_can_be_set_and_a_bad_value_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_JOBS", "3")
    assert cpus.usable() == 3
    monkeypatch.setenv("CALCII18N_JOBS", "lots")
    with pytest.raises(Calcii18nError, match="CALCII18N_JOBS: must be a whole number"):
        cpus.usable()
    monkeypatch.delenv("CALCII18N_JOBS")
    assert 1 <= cpus.usable() <= len(__import__("os").sched_getaffinity(0))


def test_the_pdf_pool_is_sized_by_the_cpus_we_may_use(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            sizes.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Pool)
    monkeypatch.setenv("CALCII18N_JOBS", "1")
    with_clinic(project)
    shutil.rmtree(project / "templates")  # calcii18n's default page, with its fonts
    (project / "sources" / "more.md").write_text(
        (project / "sources" / "care.md").read_text().replace("id: care", "id: more"))
    run(project, "extract")
    run(project, "init", "es")
    run(project, "render", "--draft", "--format", "pdf", "--leaflet", "care")
    assert sizes == [1]
