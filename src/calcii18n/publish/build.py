"""`build`: the whole job on a project — extract, update, check, status, render drafts.

One function, so that the command only formats what it returns and a script can run the
same job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from calcii18n.checks import Finding
from calcii18n.config import Config
from calcii18n.project import queries, write
from calcii18n.project.queries import StatusLine
from calcii18n.project.write import Action, Outcome
from calcii18n.publish.page import Options
from calcii18n.publish.pipeline import Print, Result, render

STEPS = 5  # for a progress bar: extract, update, check, status, render


@dataclass(frozen=True, slots=True)
class Built:
    """Everything one build did and found, in the order it happened."""

    outcomes: tuple[Outcome, ...]  # templates (extract), then catalogues (update)
    findings: tuple[Finding, ...]
    lines: tuple[StatusLine, ...]
    results: tuple[Result, ...]
    index: Path  # the overview page: BUILD/index.html

    @property
    def changed(self) -> int:
        return sum(o.action not in (Action.UNCHANGED, Action.EXISTS) for o in self.outcomes)

    @property
    def errors(self) -> int:
        return sum(f.blocking for f in self.findings)

    def count(self, kind: Print) -> int:
        return sum(r.status is kind for r in self.results)

    @property
    def failed(self) -> bool:
        """Exit 1: a leaflet was refused (its PDF failed) or a check error stands."""
        return bool(self.count(Print.REFUSED) or self.errors)


def build(cfg: Config, formats: tuple[str, ...],
          step: Callable[[int], None] = lambda _: None) -> Built:
    """Run every step on every locale; leaflets that fail the gate render as drafts."""
    extracted = write.extract(cfg)
    step(1)
    updated = write.update(cfg, (), check=False)
    step(1)
    findings = queries.check(cfg, (), None)
    step(1)
    lines = queries.status(cfg, (), None)
    step(1)
    results = render(cfg, (), None, None, formats, Options(draft=True), None)
    step(1)
    return Built((*extracted, *updated), tuple(findings), tuple(lines), tuple(results),
                 cfg.build / "index.html")
