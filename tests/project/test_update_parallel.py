"""`update` across locales in worker processes (issue 18, item 2): the same files, byte for
byte, as one locale after another; all or nothing when a worker fails; small projects stay
in one process. Workers are forced here by lowering the size threshold."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from calcii18n._util import parallel
from calcii18n.config import load_config
from calcii18n.merge import MergeResult
from calcii18n.model import Catalog
from calcii18n.project import settled, write
from calcii18n.project.layout import load_authority, read_templates
from calcii18n.project.write import Action, Outcome

from helpers import copy_sample, run_cli

LOCALES = ["es", "zh_Hans", "vi", "tl", "ar", "ur", "ru", "hi"]  # the sample's, in order


@pytest.fixture(autouse=True)
def settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # the date new catalogues get
    monkeypatch.setenv("CALCII18N_JOBS", "2")  # two workers, even on a one-core machine


def edited(folder: Path) -> Path:
    """The sample with work for every path of update: an English sentence edited (stale
    entries in every locale), a paragraph another leaflet translates (a suggestion from the
    locale's translation memory), a catalogue deleted (made anew), one in ISO-8859-1
    (rewritten in UTF-8) and the templates extracted again."""
    folder.mkdir()
    project = copy_sample(folder)
    source = project / "sources" / "warning-signs.md"
    text = source.read_text("utf-8").replace("a better chance to heal.",
                                             "the best chance to heal.")
    overview = (project / "sources" / "calciphylaxis-overview.md").read_text("utf-8")
    borrowed = next(p for p in overview.split("\n\n")[3:]
                    if p[:1].isalpha() and "\n" not in p and len(p) > 40)
    source.write_text(f"{text.rstrip()}\n\n{borrowed}\n", "utf-8")
    (project / "locale" / "vi" / "LC_MESSAGES" / "your-appointment.po").unlink()
    es = project / "locale" / "es" / "LC_MESSAGES" / "ui.po"
    es.write_bytes(es.read_text("utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
                   .encode("iso-8859-1"))
    run_cli(project, "extract")
    return project


def files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted((project / "locale").rglob("*")) if p.is_file()}


def planned_in(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Record the process that plans each locale (forked workers inherit the spy)."""
    real = write._plan_locale

    def plan(scope: write._Scope, code: str) -> list[write._Planned]:
        with log.open("a", encoding="ascii") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(scope, code)

    monkeypatch.setattr(write, "_plan_locale", plan)


def pids(log: Path) -> set[int]:
    return {int(line) for line in log.read_text("ascii").split()}


def update(project: Path, check: bool = False) -> list[Outcome]:
    return write.update(load_config(None, project), (), check)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every update of the test fans out; the log names the processes that planned."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 1)
    log = tmp_path / "planned-in"
    planned_in(monkeypatch, log)
    return log


def test_workers_write_what_one_process_writes_byte_for_byte(
        tmp_path: Path, workers: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = edited(tmp_path / "alone")
    fanned = tmp_path / "fanned"
    shutil.copytree(alone, fanned)
    monkeypatch.setenv("CALCII18N_JOBS", "1")
    one = update(alone)
    assert pids(workers) == {os.getpid()}
    workers.unlink()
    monkeypatch.setenv("CALCII18N_JOBS", "2")
    many = update(fanned)
    assert os.getpid() not in pids(workers) and len(pids(workers)) == 2
    assert many == one
    assert files(fanned) == files(alone)
    actions = {(o.locale, o.domain): o.action for o in one}
    assert actions[("vi", "your-appointment")] is Action.CREATED
    assert {o.note for o in one if o.note} == {"charset ISO-8859-1 → UTF-8"}
    assert all(actions[(code, "warning-signs")] is Action.UPDATED for code in LOCALES)
    assert sum(o.summary.suggested for o in one if o.summary) >= 1  # memory of the locale
    assert [o.locale for o in many] == sorted((o.locale for o in many), key=LOCALES.index)


def test_check_in_workers_reports_the_same_and_writes_nothing(
        tmp_path: Path, workers: Path) -> None:
    project = edited(tmp_path / "project")
    before = files(project)
    outcomes = update(project, check=True)
    assert os.getpid() not in pids(workers)
    assert files(project) == before
    assert {o.action for o in outcomes} == {Action.CREATED, Action.UPDATED, Action.UNCHANGED}


def test_a_bad_catalogue_in_the_last_locale_leaves_every_file_unwritten(
        tmp_path: Path, workers: Path) -> None:
    project = edited(tmp_path / "project")
    bad = project / "locale" / "hi" / "LC_MESSAGES" / "ui.po"
    bad.write_text(bad.read_text("utf-8") + '\nmsgid "unterminated\nmsgstr ""\n', "utf-8")
    before = files(project)
    out = run_cli(project, "update", code=2)
    assert out.count("\n") == 1
    assert out.startswith("error: locale/hi/LC_MESSAGES/ui.po:")
    assert "unterminated string" in out
    assert files(project) == before
    assert os.getpid() not in pids(workers)


def test_the_first_bad_locale_in_order_is_the_one_reported(
        tmp_path: Path, workers: Path) -> None:
    project = edited(tmp_path / "project")
    for code in ("ur", "tl"):  # tl comes first in the config's order
        (project / "locale" / code / "LC_MESSAGES" / "ui.po").write_bytes(b"")
    out = run_cli(project, "update", code=2)
    assert out.startswith("error: locale/tl/LC_MESSAGES/ui.po: empty file (0 bytes)")


def test_a_save_while_workers_merge_is_never_overwritten(
        tmp_path: Path, workers: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = edited(tmp_path / "project")
    po = project / "locale" / "ru" / "LC_MESSAGES" / "warning-signs.po"
    saved = po.read_text("utf-8").replace('msgstr "', 'msgstr "(edited) ', 2)
    real = write.merge

    def merge_while_a_translator_saves(catalog: Catalog, template: Catalog,
                                       memory: object = ()) -> MergeResult:
        if catalog.header_value("Language") == "ru" and any(
                "best chance" in m.msgid for m in template.messages):
            po.write_text(saved, "utf-8")  # in the worker, after it read the file
        return real(catalog, template, memory)  # type: ignore[arg-type]

    monkeypatch.setattr(write, "merge", merge_while_a_translator_saves)
    out = run_cli(project, "update", code=2)
    assert "changed on disk" in out
    assert po.read_text("utf-8") == saved


def test_small_projects_stay_in_one_process(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    project = edited(tmp_path / "project")
    log = tmp_path / "planned-in"
    planned_in(monkeypatch, log)
    run_cli(project, "update")
    assert pids(log) == {os.getpid()}


def test_only_the_catalogues_that_change_are_held_until_written(tmp_path: Path) -> None:
    project = edited(tmp_path / "project")
    cfg = load_config(None, project)
    templates = read_templates(cfg)
    scope = write._Scope(cfg, templates, "2026-11-21 00:00+0000", load_authority(cfg), False,
                         settled.templates_key(templates))
    plans = write._plan_locale(scope, "ru")
    held = {p.outcome.domain for p in plans if p.data is not None}
    assert held == {p.outcome.domain for p in plans if p.outcome.action is Action.UPDATED}
    assert "warning-signs" in held and "ui" not in held
    checking = write._Scope(cfg, scope.templates, scope.created, scope.authority, True,
                            scope.templates_key)
    assert all(p.data is None for p in write._plan_locale(checking, "ru"))
