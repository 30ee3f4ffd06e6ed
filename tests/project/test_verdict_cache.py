"""Verdicts kept in the cache (project/checking.classified_of): a warm status verifies no
signature and says exactly what a cold one says; a change to the catalogue, the registry,
the policy or the day is seen at once (issue 18: a warm status of 300 leaflets × 20
locales took 29 s, most of it verifying the same 360,000 signatures again)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from calcii18n import state
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.model import Message
from calcii18n.trust import Trust

from helpers import copy_sample, run_cli, team


@pytest.fixture(autouse=True)
def settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.delenv("CALCII18N_CACHE", raising=False)
    monkeypatch.setenv("CALCII18N_JOBS", "1")  # every verdict in this process, counted


def signed(tmp_path: Path) -> Path:
    """The sample with es/warning-signs signed by a registered clinical reviewer."""
    project = copy_sample(tmp_path)
    keys = team(project)
    run_cli(project, "review", "approve", "es", "warning-signs", "--all-translated", "--yes",
            "--key", str(keys["rita"]))
    return project


def status(project: Path) -> list[dict[str, object]]:
    return json.loads(run_cli(project, "status", "--format", "json"))  # type: ignore[no-any-return]


def reviewed(rows: list[dict[str, object]]) -> int:
    return sum(r["counts"]["reviewed"] for r in rows)  # type: ignore[index]


def test_a_warm_status_verifies_no_signature_and_says_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = signed(tmp_path)
    cold = status(project)
    assert reviewed(cold) > 0
    counts: Counter[str] = Counter()
    review = state.review

    def counted(msg: Message, trust: Trust) -> object:
        counts[trust.domain] += 1
        return review(msg, trust)

    monkeypatch.setattr(state, "review", counted)
    assert status(project) == cold
    assert {d for d in counts if d != UI_DOMAIN} == set(), counts


def test_a_reviewer_taken_off_the_registry_is_seen_at_once(tmp_path: Path) -> None:
    project = signed(tmp_path)
    assert reviewed(status(project)) > 0
    (project / "reviewers.toml").write_text("", encoding="utf-8")
    assert reviewed(status(project)) == 0


def test_an_edited_catalogue_is_classified_again(tmp_path: Path) -> None:
    project = signed(tmp_path)
    before = reviewed(status(project))
    po = project / "locale" / "es" / "LC_MESSAGES" / "warning-signs.po"
    text = po.read_text("utf-8")
    at = text.index('msgstr "', text.index("msgctxt")) + len('msgstr "')
    po.write_text(text[:at] + "(changed) " + text[at:], "utf-8")  # its signature lapses
    assert reviewed(status(project)) == before - 1
