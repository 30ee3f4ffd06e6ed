"""The secret that signs cache entries: made once, private, outside the project; when it
cannot be made or trusted, nothing is cached and every command still gives its answer."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_cache import private_cache_home as private_cache_home  # autouse fixture
from test_cache import project as project  # the fixture
from test_cache_safety import outputs, wrong  # noqa: F401 - the fixture

from calcii18n._util import cache, localsecret


def home(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    path = localsecret.secret_path()
    assert path == folder / "calcii18n" / localsecret.NAME
    return path


def test_the_secret_is_made_once_readable_by_its_owner_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = home(monkeypatch, tmp_path / "xdg")
    secret = localsecret.machine_secret()
    assert secret is not None and len(secret) == localsecret.SIZE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_bytes() == secret
    localsecret._secret_at.cache_clear()  # as a new process would
    assert localsecret.machine_secret() == secret
    assert [p.name for p in path.parent.iterdir()] == [localsecret.NAME]  # no temporary left


def test_a_relative_xdg_cache_home_is_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert localsecret.secret_path() == tmp_path / ".cache" / "calcii18n" / localsecret.NAME


def test_processes_starting_together_agree_on_one_secret(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = home(monkeypatch, tmp_path / "xdg")
    code = "from calcii18n._util.localsecret import machine_secret; print(machine_secret().hex())"
    running = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
               for _ in range(6)]
    secrets = {p.communicate(timeout=60)[0].strip() for p in running}
    assert secrets == {path.read_bytes().hex()}


def bad_secret(path: Path, how: str) -> None:
    path.parent.mkdir(parents=True)
    if how == "readable by others":
        path.write_bytes(os.urandom(localsecret.SIZE))
        path.chmod(0o644)
    elif how == "a link":
        target = path.parent / "elsewhere"
        target.write_bytes(os.urandom(localsecret.SIZE))
        target.chmod(0o600)
        path.symlink_to(target)
    elif how == "too short":
        path.write_bytes(b"")
        path.chmod(0o600)
    elif how == "a folder":
        path.mkdir()
    else:  # the place for it is taken by a file: nothing can be made there
        path.parent.rmdir()
        path.parent.write_bytes(b"")


HOW = ["readable by others", "a link", "too short", "a folder", "cannot be made"]


@pytest.mark.parametrize("how", HOW)
def test_a_secret_that_cannot_be_trusted_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    path = home(monkeypatch, tmp_path / "xdg")
    bad_secret(path, how)
    assert localsecret.machine_secret() is None


@pytest.mark.parametrize("how", HOW)
def test_without_a_secret_nothing_is_cached_and_the_answers_stay(
        wrong: Path, tmp_path_factory: pytest.TempPathFactory,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    with monkeypatch.context() as patch:
        patch.setenv("CALCII18N_CACHE", "off")
        expected = outputs(wrong)
    bad_secret(home(monkeypatch, tmp_path_factory.mktemp("xdg")), how)
    assert outputs(wrong) == expected
    assert outputs(wrong) == expected
    assert not (wrong / cache.FOLDER).exists()
