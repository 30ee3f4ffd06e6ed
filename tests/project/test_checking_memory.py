"""`check` in bounded memory (issue 15, item 14): cached findings need only the file's
digest, a worker checks entries as it reads them, and the findings are the same either
way. bench/bench_memory.py measures the whole tree; these tests hold the mechanisms."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from calcii18n._util import parallel
from calcii18n.checks import Finding
from calcii18n.config import Config, load_config
from calcii18n.po.charset import decode_po_bytes
from calcii18n.project import cached_values, checking, layout
from calcii18n.project.layout import load_authority
from calcii18n.project.units import load_glossary

from helpers import copy_sample

MORE = 4000  # entries added to one catalogue: big enough for memory to show


@pytest.fixture(autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))


@pytest.fixture
def project(tmp_path: Path) -> Config:
    """The sample, with thousands of translated entries (some with a wrong number) added
    to the Spanish overview."""
    copy_sample(tmp_path)
    path = tmp_path / "locale/es/LC_MESSAGES/calciphylaxis-overview.po"
    extra = "".join(
        f'\n#: sources/calciphylaxis-overview.md:{i}\nmsgctxt "extra-{i}"\n'
        f'msgid "Take {i % 7 + 1} tablets with each of your {i % 3 + 2} main meals, as the '
        f'renal team advised at visit {i}."\n'
        f'msgstr "Tome {i % 7 + 1 + (i % 50 == 0)} comprimidos con cada una de sus '
        f'{i % 3 + 2} comidas principales, como aconsejó el equipo renal en la visita {i}."\n'
        for i in range(MORE))
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load_config(None, tmp_path)


def _overview(cfg: Config) -> Path:
    return cfg.locale / "es/LC_MESSAGES/calciphylaxis-overview.po"


def _findings(cfg: Config) -> list[Finding]:
    checker = checking.Checker(load_glossary(cfg), load_authority(cfg))
    return checking.findings_at(cfg, "es", _overview(cfg), checker)


def _peak(cfg: Config) -> int:
    tracemalloc.start()
    try:
        _findings(cfg)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def one_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As inside a worker: nothing may fan out further."""
    monkeypatch.setattr(parallel, "fans_out", lambda count, worth_it: False)
    yield


def test_a_warm_check_never_parses_or_decodes_a_catalogue(
        project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = checking.check(project, ("es",), None)
    assert any(f.check == "numbers" for f in cold), cold[:3]

    def refuse(*args: object) -> None:
        raise AssertionError("a catalogue was read although its findings are cached")

    for module, name in ((checking, "po_entries"), (layout, "parse_po"),
                         (cached_values, "decode_catalog")):
        monkeypatch.setattr(module, name, refuse)
    assert checking.check(project, ("es",), None) == cold


def test_streamed_findings_are_the_findings_of_the_parsed_catalogue(
        project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "fans_out", lambda count, worth_it: True)
        parsed = _findings(project)
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "fans_out", lambda count, worth_it: False)
        streamed = _findings(project)
    assert streamed == parsed
    assert sum(f.check == "numbers" for f in streamed) >= MORE // 50


def _decoding_peak(path: Path) -> int:
    """Peak Python memory of reading a file and decoding it: the least any check needs."""
    tracemalloc.start()
    try:
        decode_po_bytes(path.read_bytes(), str(path))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_worker_holds_the_file_and_its_text_not_a_parsed_catalogue(
        project: Config, monkeypatch: pytest.MonkeyPatch, one_process: None) -> None:
    """Checking one catalogue cold takes little more memory than decoding its bytes (the
    text of this file has dashes: 2 bytes a character, 4x the file at the decoder's peak);
    the parsed catalogue the old code held on top of the text (~2x more) must not come
    back."""
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    path = _overview(project)
    size, floor = path.stat().st_size, _decoding_peak(path)
    streamed = _peak(project)
    with monkeypatch.context() as patch:  # the old way, to show the test can tell them apart
        patch.setattr(parallel, "fans_out", lambda count, worth_it: True)
        whole = _peak(project)
    assert streamed < floor + size / 2 < whole, (floor / size, streamed / size, whole / size)
