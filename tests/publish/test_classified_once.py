"""A render classifies each translated entry once to plan it: the gate and the page (its
blocks and its review date) read the same verdicts, which are the same by construction
and cost a signature check each (issue 18: a build of 300 leaflets × 20 locales spent
42 % of its time classifying, three times an entry in the plan alone)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from calcii18n import state
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.model import Message
from calcii18n.publish import pipeline
from calcii18n.trust import Trust

from helpers import copy_sample, run_cli


def test_the_plan_classifies_each_leaflet_entry_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_CACHE", "off")
    project = copy_sample(tmp_path)
    planning: list[bool] = []
    counts: Counter[tuple[str, str | None, str]] = Counter()
    review, plan = state.review, pipeline.plan

    def counted(msg: Message, trust: Trust) -> object:
        if planning:
            counts[(trust.domain, msg.msgctxt, msg.msgid)] += 1
        return review(msg, trust)

    def planned(*args: object, **kwargs: object) -> object:
        planning.append(True)
        try:
            return plan(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            planning.clear()

    monkeypatch.setattr(state, "review", counted)
    monkeypatch.setattr(pipeline, "plan", planned)
    run_cli(project, "render", "es", "--format", "html", "--draft")
    leaflets = Counter(n for (domain, *_), n in counts.items() if domain != UI_DOMAIN)
    assert sum(leaflets.values()) > 100  # every leaflet's entries were planned
    assert set(leaflets) == {1}, leaflets
