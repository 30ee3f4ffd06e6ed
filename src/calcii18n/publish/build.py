"""`build`: the whole job on a project — extract (and the English leaflets' readability),
update, check, status, render drafts.

One function, so that the command only formats what it returns and a script can run the
same job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from calcii18n._util import seen as seen_files
from calcii18n.checks import Finding
from calcii18n.config import Config
from calcii18n.leaflet.readability import SMOG_AIM, LeafletReport
from calcii18n.project import checking, queries, write
from calcii18n.project.queries import StatusLine
from calcii18n.project.readability import readability
from calcii18n.project.write import Action, Outcome
from calcii18n.publish import replay
from calcii18n.publish.editions import options_for
from calcii18n.publish.jobs import Print, Result
from calcii18n.publish.pipeline import render
from calcii18n.status import Reason, ReasonKind

STEPS = 5  # for a progress bar: extract, update, check, status, render
# A leaflet that may not print is counted under the first of these kinds among its reasons:
# the most basic thing to fix first.
CAUSES = (ReasonKind.NOTHING_TRANSLATED, ReasonKind.UNTRANSLATED, ReasonKind.STALE,
          ReasonKind.FUZZY, ReasonKind.UNREVIEWED, ReasonKind.CHECK, ReasonKind.UI,
          ReasonKind.OUT_OF_DATE, ReasonKind.WRONG_LANGUAGE, ReasonKind.OVERDUE,
          ReasonKind.FONTS, ReasonKind.PAGES)


@dataclass(frozen=True, slots=True)
class Built:
    """Everything one build did and found, in the order it happened."""

    outcomes: tuple[Outcome, ...]  # templates (extract), then catalogues (update)
    findings: tuple[Finding, ...]
    lines: tuple[StatusLine, ...]
    results: tuple[Result, ...]
    index: Path  # the overview page: BUILD/index.html
    readability: tuple[LeafletReport, ...] = ()  # each English leaflet's scores

    @property
    def hard_to_read(self) -> tuple[LeafletReport, ...]:
        """Leaflets above smog_max: an error, as `calcii18n readability` says."""
        return tuple(r for r in self.readability if not r.passed)

    @property
    def above_aim(self) -> tuple[LeafletReport, ...]:
        """Leaflets within smog_max but above the SMOG patient leaflets aim for: a warning."""
        return tuple(r for r in self.readability
                     if r.passed and round(r.scores.smog, 1) > SMOG_AIM)

    @property
    def changed(self) -> int:
        return sum(o.action not in (Action.UNCHANGED, Action.EXISTS) for o in self.outcomes)

    @property
    def errors(self) -> int:
        return sum(f.blocking for f in self.findings)

    def count(self, kind: Print) -> int:
        return sum(r.status is kind for r in self.results)

    def draft_causes(self) -> Counter[ReasonKind]:
        """Leaflets that may not print, each counted once, by its first cause (CAUSES):
        translations from their status lines, English from its render result."""
        out: Counter[ReasonKind] = Counter()
        for line in self.lines:
            if line.printable is not None and not line.printable.ok:
                out[_first_cause(line.printable.reasons)] += 1
        for r in self.results:
            if r.locale == "en" and r.status is Print.DRAFT:
                out[_first_cause(r.reasons)] += 1
        return out

    @property
    def failed(self) -> bool:
        """Exit 1: a leaflet was refused (its PDF failed) or a check error stands."""
        return bool(self.count(Print.REFUSED) or self.errors or self.hard_to_read)


def _first_cause(reasons: tuple[Reason, ...]) -> ReasonKind:
    kinds = {r.kind for r in reasons}
    return next((kind for kind in CAUSES if kind in kinds), ReasonKind.UNREVIEWED)


def build(cfg: Config, formats: tuple[str, ...],
          step: Callable[[int], None] = lambda _: None, force: bool = False) -> Built:
    """Run every step on every locale; leaflets that fail the gate render as drafts.
    When nothing it reads or wrote has changed since the last build, that build's result
    is returned without doing the work again (publish/replay.py), unless `force`."""
    read = replay.inputs(cfg, formats)
    found = None if force else replay.replay(cfg, read.key, Built)
    if found is not None:
        step(STEPS)
        return found
    with seen_files.reading(read.hashed):  # its later steps need not read those files again
        built = _run(cfg, formats, step, force)
    if not built.changed and read.unchanged(cfg):
        kept = tuple(replace(r, reused=True) if r.files else r for r in built.results)
        replay.remember(cfg, read.key, replace(built, results=kept))
    return built


def _run(cfg: Config, formats: tuple[str, ...], step: Callable[[int], None],
         force: bool) -> Built:
    extracted = write.extract(cfg)
    scored = tuple(s.report for s in readability(cfg, None, None))
    step(1)
    updated = write.update(cfg, (), check=False)
    step(1)
    findings = checking.check(cfg, (), None)
    step(1)
    lines = queries.status(cfg, (), None)
    step(1)
    results = render(cfg, (), None, None, formats, options_for(cfg, None, draft=True), None,
                     None, force, lines=lines)  # the dashboard shows these: not computed again
    step(1)
    return Built((*extracted, *updated), tuple(findings), tuple(lines), tuple(results),
                 cfg.build / "index.html", scored)
