"""The cache folder comes with the project (zips, pull requests), so it is untrusted: nothing
in it may run code or change a result. Each test plants something in a copy of the sample
project's cache and holds status and check to what an uncached run prints."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_cache import add_a_wrong_number, run, spanish
from test_cache import private_cache_home as private_cache_home  # autouse fixture
from test_cache import project as project  # the fixture

from calcii18n._util import cache

COMMANDS = (("status", "--format", "json"), ("check", "--format", "json"))
REAL_LOADS = pickle.loads
UNPICKLED: list[int] = []  # the size of everything unpickled while a test runs


@pytest.fixture(autouse=True)
def spy_on_unpickling(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def loads(data: bytes, *args: Any, **kwargs: Any) -> Any:
        UNPICKLED.append(len(data))
        return REAL_LOADS(data, *args, **kwargs)

    UNPICKLED.clear()
    monkeypatch.setattr(pickle, "loads", loads)
    yield
    UNPICKLED.clear()


def outputs(project: Path) -> list[str]:
    """What status and check print; reading the cache unpickled nothing on the way."""
    printed = [run(project, *command) for command in COMMANDS]
    assert UNPICKLED == []
    return printed


def uncached(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What status and check print with no cache at all; the cache is then filled."""
    with monkeypatch.context() as patch:
        patch.setenv("CALCII18N_CACHE", "off")
        expected = outputs(project)
    assert '"numbers"' in expected[1]  # the wrong number: a finding a forgery could hide
    assert outputs(project) == expected
    return expected


def entries(project: Path) -> list[Path]:
    found = sorted(p for p in (project / cache.FOLDER).iterdir() if not p.name.startswith("."))
    assert found
    return found


class Payload:
    """What a planted pickle runs when it is loaded: here, it makes a folder."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (self.marker,)


@pytest.fixture
def wrong(project: Path) -> Path:
    add_a_wrong_number(spanish(project))
    return project


def test_a_planted_pickle_never_runs(wrong: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached(wrong, monkeypatch)
    marker = wrong / "the-payload-ran"
    evil = pickle.dumps(Payload(marker))
    for path in entries(wrong):
        for suffix in (".pickle", ".jsonl"):  # the old format's names and the new one's
            path.with_suffix(suffix).write_bytes(evil)
    assert outputs(wrong) == expected
    assert not marker.exists()


def key_of(path: Path) -> str:
    """The content key of one of our own entries, as anyone could compute it."""
    data = path.read_bytes()
    if path.suffix == ".pickle":  # the old format (this file is our own, not planted)
        return str(REAL_LOADS(data)[0])
    return str(json.loads(data.split(b"\n")[0])[3])  # our own header


def forgeries(path: Path, key: str) -> Iterator[bytes]:
    """The same entry with no findings: the right content key, a made-up value."""
    if path.suffix == ".pickle":
        yield pickle.dumps((key, []))
        return
    header = json.loads(path.read_bytes().split(b"\n")[0])
    yield json.dumps(header).encode() + b"\n[]\n"  # the genuine MAC, another value
    yield json.dumps([*header[:4], "0" * 64]).encode() + b"\n[]\n"  # a made-up MAC
    yield cache.entry(os.urandom(32), "findings", key, b"[]")  # another machine's secret


def test_a_forged_value_under_the_right_key_is_not_used(
        wrong: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached(wrong, monkeypatch)
    tried = 0
    for path in entries(wrong):
        if path.name.startswith("findings-"):
            for forged in list(forgeries(path, key_of(path))):
                path.write_bytes(forged)
                assert outputs(wrong) == expected
                tried += 1
    assert tried


def damage(data: bytes, how: str) -> bytes:
    header = data.find(b"\n") + 1
    if how == "nested header":  # what makes a JSON parser recurse too deep
        return b"[" * 1023 + b"\n" + data[header:]
    if how == "longer value":
        return data + b"[]\n"
    end = {"empty": 0, "inside the header": 20, "header only": header, "half": len(data) // 2,
           "no final newline": len(data) - 1}[how]
    return data[:end]


@pytest.mark.parametrize("how", ["empty", "inside the header", "header only", "half",
                                 "no final newline", "nested header", "longer value"])
def test_a_truncated_or_garbled_entry_is_a_miss_and_is_written_again(
        wrong: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    expected = uncached(wrong, monkeypatch)
    whole = {path: path.read_bytes() for path in entries(wrong)}
    for path, data in whole.items():
        path.write_bytes(damage(data, how))
    assert outputs(wrong) == expected
    assert {path: path.read_bytes() for path in whole} == whole


def test_an_entry_of_another_format_or_version_is_never_decoded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = cache.Cache(tmp_path)
    store.store("x", "f", ("1",), ["value"])
    path = next(tmp_path.glob(f"x-*{cache.SUFFIX}"))
    genuine = path.read_bytes()
    decoded: list[bytes] = []
    real_decode = cache._decode
    monkeypatch.setattr(cache, "_decode", lambda codec, data: decoded.append(data)
                        or real_decode(codec, data))
    assert store.load("x", "f", ("1",)) == (["value"],)
    assert len(decoded) == 1
    key = key_of(path)
    with monkeypatch.context() as patch:  # a later format, signed with our own secret
        patch.setattr(cache, "FORMAT", cache.FORMAT + 1)
        secret = cache.machine_secret()
        assert secret is not None
        path.write_bytes(cache.entry(secret, "x", key, b'["forged"]'))
    assert store.load("x", "f", ("1",)) is None
    path.write_bytes(genuine)
    with monkeypatch.context() as patch:  # another calcii18n: another key
        patch.setattr(cache, "code_digest", lambda: "another version")
        assert store.load("x", "f", ("1",)) is None
    assert store.load("x", "y", ("1",)) is None  # another file's name
    assert store.load("y", "f", ("1",)) is None  # another kind
    assert len(decoded) == 1  # none of these reached the decoder
    assert store.load("x", "f", ("1",)) == (["value"],)


def test_a_cache_written_by_another_version_is_computed_again(
        wrong: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An older calcii18n whose checks found nothing left its (genuine, signed) entries."""
    from calcii18n.project import checking

    expected = uncached(wrong, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(cache, "code_digest", lambda: "an older calcii18n")
        patch.setattr(checking, "run_checks", lambda *args: [])
        older = outputs(wrong)
    assert older != expected
    before = {path: key_of(path) for path in entries(wrong)}
    assert outputs(wrong) == expected
    assert all(key_of(path) != key for path, key in before.items())


def test_a_cache_folder_linked_out_of_the_project_is_not_used(
        wrong: Path, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setenv("CALCII18N_CACHE", "off")
        expected = outputs(wrong)
    outside = tmp_path_factory.mktemp("outside")
    (wrong / cache.FOLDER).symlink_to(outside, target_is_directory=True)
    assert outputs(wrong) == expected
    assert outputs(wrong) == expected
    assert list(outside.iterdir()) == []


def test_a_cache_folder_that_is_a_file_is_not_a_crash(
        wrong: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setenv("CALCII18N_CACHE", "off")
        expected = outputs(wrong)
    (wrong / cache.FOLDER).write_bytes(b"planted")
    assert outputs(wrong) == expected
    assert (wrong / cache.FOLDER).read_bytes() == b"planted"


def test_a_cache_folder_that_cannot_be_written_is_not_a_crash(
        wrong: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached(wrong, monkeypatch)
    folder = wrong / cache.FOLDER
    for path in entries(wrong):
        path.unlink()
    if os.geteuid() == 0:  # modes do not stop root: refuse every temporary file in it
        import tempfile
        real = tempfile.mkstemp

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            if Path(str(kwargs.get("dir", ""))).resolve() == folder.resolve():
                raise PermissionError(13, "Permission denied")
            return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    folder.chmod(0o500)
    try:
        assert outputs(wrong) == expected
        assert [p.name for p in folder.iterdir()] == [".gitignore"]
    finally:
        folder.chmod(0o755)


def cli_in_a_process(project: Path, *args: str) -> str:
    """The command in its own process, so that a read that blocks fails the test instead of
    hanging it."""
    result = subprocess.run(
        [sys.executable, "-c", "from calcii18n.cli import main; main()",
         "--config", str(project / "calcii18n.toml"), *args],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_a_fifo_or_a_link_in_place_of_an_entry_is_a_miss(
        wrong: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    expected = uncached(wrong, monkeypatch)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for number, path in enumerate(entries(wrong)):
        target = elsewhere / path.name
        target.write_bytes(path.read_bytes())  # a genuine entry, but not in the folder
        path.unlink()
        if number % 2:
            os.mkfifo(path)
        else:
            path.symlink_to(target)
    assert [cli_in_a_process(wrong, *command) for command in COMMANDS] == expected
    assert all(path.is_file() and not path.is_symlink() for path in entries(wrong))
