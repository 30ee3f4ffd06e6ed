"""The cache of parsed files and findings never serves a stale answer; workers agree with
one process. Runs on a copy of the shipped sample project."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from calcii18n._util import cache, cpus, parallel
from calcii18n._util.localsecret import machine_secret
from calcii18n.cli import cli

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's signing secret lives in a temporary XDG_CACHE_HOME, never in the home
    folder of whoever runs the tests (subprocesses inherit it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("calcii18n.toml", "sources", "locale", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name,
                            ignore=shutil.ignore_patterns(cache.FOLDER))
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def run(project: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def check_json(project: Path) -> list[dict[str, object]]:
    return json.loads(run(project, "check", "--format", "json", "es"))  # type: ignore[no-any-return]


def spanish(project: Path) -> Path:
    return project / "locale" / "es" / "LC_MESSAGES" / "warning-signs.po"


def add_a_wrong_number(path: Path) -> None:
    """Give the first translated sentence with a digit-free English a number it lacks."""
    text = path.read_text(encoding="utf-8")
    marker = 'msgctxt "why-it-matters"'
    start = text.index(marker)
    at = text.index('msgstr "', start) + len('msgstr "')
    path.write_text(text[:at] + "50 " + text[at:], encoding="utf-8")


def test_an_edited_catalogue_is_checked_again(project: Path) -> None:
    assert check_json(project) == []
    assert (project / cache.FOLDER).is_dir()
    add_a_wrong_number(spanish(project))
    findings = check_json(project)
    assert [f["check"] for f in findings] == ["numbers"]
    status = json.loads(run(project, "status", "--format", "json", "--locale", "es"))
    row = next(r for r in status if r["leaflet"] == "warning-signs")
    assert row["check_errors"] == 1


def test_a_changed_glossary_is_applied_to_cached_catalogues(project: Path) -> None:
    assert check_json(project) == []
    glossary = project / "locale" / "glossary.toml"
    glossary.write_text(glossary.read_text(encoding="utf-8")
                        + '\n[terms.skin]\nes = "palabra-que-no-aparece"\n',
                        encoding="utf-8")
    assert any(str(f["check"]).startswith("glossary") for f in check_json(project))


def test_damaged_cache_files_are_misses(project: Path) -> None:
    before = check_json(project)
    damaged = list((project / cache.FOLDER).glob(f"*{cache.SUFFIX}"))
    assert damaged
    for path in damaged:
        path.write_bytes(b"not a cache file")
    assert check_json(project) == before
    # A well-formed record under another key is not served either.
    secret = machine_secret()
    assert secret is not None
    for path in (project / cache.FOLDER).glob(f"findings-*{cache.SUFFIX}"):
        path.write_bytes(cache.entry(secret, "findings", "another key", b'["forged"]'))
    assert check_json(project) == before


def test_another_calcii18n_version_does_not_read_old_entries(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    store = cache.Cache(project / cache.FOLDER)
    assert store.get("x", "f", ("1",), lambda: calls.append("a") or "first") == "first"
    assert store.get("x", "f", ("1",), lambda: calls.append("b") or "second") == "first"
    monkeypatch.setattr(cache, "code_digest", lambda: "another version")
    assert store.get("x", "f", ("1",), lambda: calls.append("c") or "third") == "third"
    assert calls == ["a", "c"]


def test_cache_can_be_turned_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    check_json(project)
    assert not (project / cache.FOLDER).exists()


def count_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the size of every worker pool started from now on (in this process)."""
    pools: list[int] = []

    class Pool(parallel.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Pool)
    return pools


def test_worker_processes_give_what_one_process_gives(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_a_wrong_number(spanish(project))
    one = [run(project, "status", "--format", "json"), run(project, "check", "--format", "json")]
    pools = count_pools(monkeypatch)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    many = [run(project, "status", "--format", "json"), run(project, "check", "--format", "json")]
    assert len(pools) == 2 or cpus.usable() < 2
    assert many == one
    assert '"numbers"' in many[1]


def test_one_big_catalogue_is_checked_in_slices_with_the_same_findings(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_a_wrong_number(spanish(project))
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    one = run(project, "check", "--format", "json", "es")
    pools = count_pools(monkeypatch)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_MESSAGES", 0)
    sliced = run(project, "check", "--format", "json", "es")
    assert pools or cpus.usable() < 2
    assert sliced == one
    assert '"numbers"' in sliced


def test_the_key_names_python_and_every_library_version(
        monkeypatch: pytest.MonkeyPatch) -> None:
    versions = cache.library_versions()
    assert versions[0].startswith("python ")
    assert any(v.startswith("markdown-it-py ") for v in versions)
    assert any(v.startswith("babel ") for v in versions)
    before = cache.code_digest()
    cache.code_digest.cache_clear()
    monkeypatch.setattr(cache, "library_versions", lambda: [*versions, "babel 99"])
    try:
        assert cache.code_digest() != before
    finally:
        cache.code_digest.cache_clear()


def test_status_of_one_locale_parses_the_english_in_the_background_with_the_same_result(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_a_wrong_number(spanish(project))
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    one = run(project, "status", "--format", "json", "--locale", "es")
    pools = count_pools(monkeypatch)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    background = run(project, "status", "--format", "json", "--locale", "es")
    assert pools == [1] or cpus.usable() < 2  # the English, in one other process
    assert background == one


@pytest.mark.parametrize("threshold", [0, parallel.PARALLEL_FROM_BYTES])
def test_a_broken_leaflet_is_reported_before_a_broken_catalogue_however_the_work_runs(
        project: Path, monkeypatch: pytest.MonkeyPatch, threshold: int) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", threshold)
    source = project / "sources" / "warning-signs.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n![x](y.png)\n", encoding="utf-8")
    spanish(project).write_text('msgid "unterminated\n', encoding="utf-8")
    for locales in (["--locale", "es"], []):
        result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"),
                                          "status", *locales])
        assert result.exit_code == 2
        assert result.output.startswith("error: sources/warning-signs.md:"), result.output
        assert "images are not supported" in result.output


def _halve(divisor: int, item: int) -> int:
    return item // divisor


@pytest.mark.parametrize("background", [False, True])
@pytest.mark.parametrize("worth_it", [False, True])
def test_started_work_gives_the_results_or_the_error_every_time(
        worth_it: bool, background: bool) -> None:
    assert parallel.start(_halve, 2, [4, 6, 9], worth_it, background).get() == [2, 3, 4]
    broken = parallel.start(_halve, 0, [1, 2], worth_it, background)
    for _ in range(2):
        with pytest.raises(ZeroDivisionError):
            broken.get()


def test_a_value_pickled_before_its_class_moved_is_a_miss(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The regroup moved classes: an old cache file naming one is a miss, not an error."""
    import sys
    import types

    store = cache.Cache(tmp_path)
    store.store("po", "a.po", ("k",), "value")
    path = next(tmp_path.glob(f"po-*{cache.SUFFIX}"))
    key = json.loads(path.read_bytes().split(b"\n")[0])[3]
    old = types.ModuleType("calcii18n_old_layout")
    thing = type("Thing", (), {"__module__": old.__name__})
    old.Thing = thing  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, old.__name__, old)
    path.write_bytes(pickle.dumps((key, thing())))
    monkeypatch.delitem(sys.modules, old.__name__)
    assert store.load("po", "a.po", ("k",)) is None


def test_a_bug_while_loading_is_not_swallowed_as_a_miss(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = cache.Cache(tmp_path)
    store.store("po", "a.po", ("k",), "value")
    assert store.load("po", "a.po", ("k",)) == ("value",)

    def broken(codec: cache.Codec[object], data: bytes) -> object:
        raise RuntimeError("a bug in our own code")

    monkeypatch.setattr(cache, "_decode", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        store.load("po", "a.po", ("k",))


def test_the_code_digest_covers_the_package_data_too() -> None:
    """A new plural-forms table or shipped ui translation changes what is computed, as a
    new check does: every cached value must be computed again."""
    from pathlib import Path

    import calcii18n
    from calcii18n._util.cache import code_files

    package = Path(calcii18n.__file__).resolve().parent
    names = {p.relative_to(package).as_posix() for p in code_files(package)}
    assert {"resources/plural-forms.tsv", "resources/ui-translations/es.po",
            "_util/cache.py", "publish/dashboard.html.j2"} <= names
    assert not any(name.endswith(".pyc") for name in names)
