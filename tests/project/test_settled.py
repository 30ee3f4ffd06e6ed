"""A locale `update` has merged to a fixed point is not merged again from the same inputs
(issue 18): the same outcomes, no file read twice for it, and a full merge of exactly the
locales whose catalogues, templates, reviewers or day changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from calcii18n.config import load_config
from calcii18n.project import write
from calcii18n.project.write import Action, Outcome

from helpers import copy_sample, run_cli, team

LOCALES = ("es", "zh_Hans", "vi", "tl", "ar", "ur", "ru", "hi")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_sample(tmp_path)
    run_cli(project, "update")  # whatever a copy needs tidying, so the next is a fixed point
    return project


@pytest.fixture
def merged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The locales whose catalogues were parsed and merged (not settled)."""
    out: list[str] = []
    real = write._parsed

    def parsed(cfg: object, read: dict[str, tuple[Path, bytes]], *args: object) -> object:
        out.append(next(iter(read.values()))[0].parent.parent.name)
        return real(cfg, read, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(write, "_parsed", parsed)
    return out


def update(project: Path) -> list[Outcome]:
    return write.update(load_config(None, project), (), check=False)


def test_a_settled_locale_reports_what_merging_it_would(project: Path,
                                                        merged: list[str],
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    first = update(project)  # after the fixture's update, a fixed point: kept
    merged.clear()
    settled = update(project)
    assert merged == []  # every locale settled: nothing parsed, nothing merged
    assert all(o.action is Action.UNCHANGED for o in settled)
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    assert update(project) == settled == first  # outcomes, summaries and all
    assert sorted(set(merged)) == sorted(LOCALES)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_changed_catalogue_merges_its_locale_only(project: Path, merged: list[str]) -> None:
    update(project)
    po = project / "locale" / "ru" / "LC_MESSAGES" / "warning-signs.po"
    _edit(po, 'msgstr "', 'msgstr "(!) ')
    merged.clear()
    outcomes = update(project)
    assert merged == ["ru"]
    assert {o.locale for o in outcomes} == set(LOCALES)


def test_a_new_template_reviewer_or_day_merges_every_locale(
        project: Path, merged: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    update(project)
    source = project / "sources" / "warning-signs.md"
    _edit(source, "a better chance to heal.", "the best chance to heal.")
    run_cli(project, "extract")
    merged.clear()
    assert any(o.action is Action.UPDATED for o in update(project))  # stale entries
    assert sorted(merged) == sorted(LOCALES)
    update(project)  # the new fixed point
    merged.clear()
    team(project)  # reviewers registered: memory now prefers what they signed
    update(project)
    assert sorted(merged) == sorted(LOCALES)
    update(project)
    merged.clear()
    real = write.load_authority
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr(write, "load_authority", lambda cfg: replace(real(cfg), today=tomorrow))
    update(project)  # a signature dated tomorrow would count from tomorrow
    assert sorted(merged) == sorted(LOCALES)


def test_a_missing_catalogue_is_made_and_its_locale_merged(project: Path,
                                                          merged: list[str]) -> None:
    update(project)
    (project / "locale" / "vi" / "LC_MESSAGES" / "your-appointment.po").unlink()
    merged.clear()
    outcomes = update(project)
    assert merged == ["vi"]
    assert [o.action for o in outcomes if o.locale == "vi" and o.domain == "your-appointment"
            ] == [Action.CREATED]
