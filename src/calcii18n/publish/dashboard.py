"""build/index.html: every locale × leaflet at a glance — a matrix of print states, filters,
when each clinical review falls due, and the detail (why not, files) below.

Pure: rows in, one self-contained HTML page out (inline CSS and a small inline script that
only filters what is already on the page; nothing is fetched, and with scripts off every row
is shown). Built for 30 languages × 100 leaflets: one short cell per pair in the matrix.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, StrictUndefined, Template, select_autoescape

from calcii18n import locales as locale_codes
from calcii18n.leaflet.source import Leaflet
from calcii18n.project.queries import StatusLine
from calcii18n.publish.page import bcp47
from calcii18n.state import STATES
from calcii18n.status import Reason, ReasonKind

# What became of one locale × leaflet; the first three are jobs.Print's values.
FINAL, DRAFT, REFUSED, NOT_RENDERED = "final", "draft", "refused", "not rendered"
# A symbol as well as a colour for each (WCAG 1.4.1: never colour alone).
MARKS = {FINAL: "✓", DRAFT: "✎", REFUSED: "✕", NOT_RENDERED: "–"}
WORDS = {FINAL: "final", DRAFT: "draft", REFUSED: "refused", NOT_RENDERED: "not rendered"}
DUE_SOON = 90  # days: a clinical review this close is flagged before it stops printing
Pair = tuple[str, str]  # (locale, leaflet)


class Outcome(Protocol):
    """What a render did with one locale × leaflet (jobs.Result has these)."""

    @property
    def locale(self) -> str: ...
    @property
    def leaflet(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reasons(self) -> tuple[Reason, ...]: ...
    @property
    def error(self) -> str: ...


class _Due:
    """What a row and a line say of the English's next review, from `due_in_days`."""

    __slots__ = ()
    due_in_days: int

    @property
    def due_soon(self) -> bool:
        return self.due_in_days <= DUE_SOON

    @property
    def due_text(self) -> str:
        return due_text(self.due_in_days)


@dataclass(frozen=True, slots=True)
class Row(_Due):
    locale: str
    language: str
    leaflet: str
    title: str
    counts: dict[str, int]
    total: int
    percent: float
    state: str  # FINAL, DRAFT, REFUSED or NOT_RENDERED
    reasons: tuple[Reason, ...]
    files: tuple[tuple[str, str], ...]
    revision: str
    english_date: str
    next_review: str = ""
    due_in_days: int = DUE_SOON + 1  # until the English's next review (negative: overdue)
    error: str = ""  # why its PDF failed, if it did

    @property
    def summary(self) -> str:
        return " · ".join(f"{self.counts[s.value]} {s.value}" for s in STATES
                          if self.counts[s.value])

    @property
    def reviewed(self) -> int:
        """Whole percent reviewed, rounded down: 99.6 % must not read as 100 %."""
        return math.floor(self.percent)

    @property
    def anchor(self) -> str:
        return anchor(self.locale, self.leaflet)


def anchor(locale: str, leaflet: str) -> str:
    """An id for a detail row: no space or character an id or a fragment cannot hold, and
    no two pairs alike (anything else is spelt as ~ and its code point).

    >>> anchor("zh_Hans", "dose"), anchor("es", "a b")
    ('zh_Hans/dose', 'es/a~20b')
    """
    return re.sub(r"[^\w.-]", lambda m: f"~{ord(m[0]):x}", locale) + "/" + re.sub(
        r"[^\w.-]", lambda m: f"~{ord(m[0]):x}", leaflet)


def due_text(days: int) -> str:
    """When a review falls due, in words.

    >>> due_text(-3), due_text(-1), due_text(0), due_text(1), due_text(30)
    ('overdue by 3 days', 'overdue by 1 day', 'due today', 'due in 1 day', 'due in 30 days')
    """
    if days < 0:
        return f"overdue by {-days} day{'s' * (days != -1)}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' * (days != 1)}"


def rows_for(lines: list[StatusLine], leaflets: Mapping[str, Leaflet],
             files: Mapping[Pair, tuple[tuple[str, str], ...]], drafts: AbstractSet[Pair],
             today: dt.date,
             results: Iterable[Outcome] | None = None) -> list[Row]:
    """English first, then each status line. `results` (what the render did) says which
    pairs were refused and why, the page budget and a failed PDF included; without it a
    pair is a draft if in `drafts`, final if it has `files`, else refused."""
    outcomes = None if results is None else {(r.locale, r.leaflet): r for r in results}
    out = []
    for lid, lf in leaflets.items():
        total = sum(1 for s in lf.sections for _ in s.blocks) + 1
        state, reasons, error = _outcome(("en", lid), files, drafts, outcomes,
                                         _english_reasons(lf, today))
        out.append(Row("en", "English", lid, lf.meta.title,
                       {"reviewed": total} | {s.value: 0 for s in STATES if s.value != "reviewed"},
                       total, 100.0, state, reasons, files.get(("en", lid), ()),
                       *_english(lf, today), error))
    for line in lines:
        if line.printable is None or line.row.domain not in leaflets:
            continue
        r = line.row
        lf = leaflets[r.domain]
        state, reasons, error = _outcome((r.locale, r.domain), files, drafts, outcomes,
                                         line.printable.reasons)
        out.append(Row(r.locale, _name(r.locale), r.domain, lf.meta.title,
                       {s.value: r.counts[s] for s in STATES}, r.total, r.percent_reviewed,
                       state, reasons, files.get((r.locale, r.domain), ()),
                       *_english(lf, today), error))
    return out


def _english(lf: Leaflet, today: dt.date) -> tuple[str, str, str, int]:
    """Revision, date reviewed, next review and days until it, of the English."""
    return (lf.meta.revision, lf.meta.reviewed.isoformat(), lf.meta.next_review.isoformat(),
            (lf.meta.next_review - today).days)


def _english_reasons(lf: Leaflet, today: dt.date) -> tuple[Reason, ...]:
    """Why the English may not print, as far as the leaflet alone says: an overdue review
    (the gate's other English rule needs the review policy, which `results` carries)."""
    if lf.meta.next_review >= today:
        return ()
    return (Reason(ReasonKind.OVERDUE, "", "", "the English is overdue for clinical review "
                   f"(next review was due {lf.meta.next_review.isoformat()})"),)


def _outcome(key: Pair, files: Mapping[Pair, object], drafts: AbstractSet[Pair],
             outcomes: Mapping[Pair, Outcome] | None,
             reasons: tuple[Reason, ...]) -> tuple[str, tuple[Reason, ...], str]:
    """(state, reasons, error): the gate's reasons (summarised for translations), plus what
    only the render knew (a page budget, an English rule needing the policy)."""
    if outcomes is None:
        state = DRAFT if key in drafts else FINAL if key in files else REFUSED
        return state, reasons if state != FINAL else (), ""
    got = outcomes.get(key)
    if got is None:
        return NOT_RENDERED, reasons, ""
    status = str(got.status)
    extra = tuple(r for r in got.reasons if r not in reasons and (
        key[0] == "en" or r.kind is ReasonKind.PAGES))
    return (status if status in WORDS else REFUSED), (*reasons, *extra), got.error


@functools.cache
def _name(code: str) -> str:
    name = locale_codes.display_name(code)
    return name[:1].upper() + name[1:]


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str
    tag: str  # BCP 47, for lang=


@dataclass(frozen=True, slots=True)
class Line(_Due):
    """One leaflet across every language: a row of the matrix and of the reviews table."""

    leaflet: str
    title: str
    next_review: str
    due_in_days: int
    revision: str
    english_date: str
    cells: tuple[Row | None, ...]  # one per language, None when there is no such row

    @property
    def search(self) -> str:
        return f"{self.title} {self.leaflet}".lower()


def matrix(rows: list[Row]) -> tuple[list[Language], list[Line]]:
    """Languages (in the order first given: English first) × leaflets (likewise)."""
    languages: dict[str, Language] = {}
    by_leaflet: dict[str, dict[str, Row]] = {}
    for row in rows:
        languages.setdefault(row.locale, Language(row.locale, row.language, bcp47(row.locale)))
        by_leaflet.setdefault(row.leaflet, {}).setdefault(row.locale, row)
    lines = []
    for lid, cells in by_leaflet.items():
        first = next(iter(cells.values()))
        lines.append(Line(lid, first.title, first.next_review, first.due_in_days,
                          first.revision, first.english_date,
                          tuple(cells.get(code) for code in languages)))
    return list(languages.values()), lines


def render_dashboard(rows: list[Row], generated: dt.date) -> str:
    """The page; `generated` is the day the due dates were counted from."""
    languages, lines = matrix(rows)
    groups: dict[str, list[Row]] = {}
    for row in rows:  # English first, then locales in the order given
        groups.setdefault(row.locale, []).append(row)
    totals = {state: sum(r.state == state for r in rows) for state in WORDS}
    return _template().render(
        groups=[(lang, groups[lang.code]) for lang in languages], count=len(rows),
        languages=languages, lines=lines, totals=totals, marks=MARKS, words=WORDS,
        reviews=sorted(lines, key=lambda line: (line.next_review, line.leaflet)),
        overdue=sum(line.due_in_days < 0 for line in lines),
        due_soon=sum(0 <= line.due_in_days <= DUE_SOON for line in lines), soon=DUE_SOON,
        states=[s.value for s in STATES], generated=generated.isoformat())


_CACHE: list[Template] = []


def _template() -> Template:
    """Compiled once per process: a build writes one dashboard, a test suite many."""
    if not _CACHE:
        env = Environment(undefined=StrictUndefined, autoescape=select_autoescape(default=True),
                          trim_blocks=True, lstrip_blocks=True)
        source = resources.files(__package__).joinpath("dashboard.html.j2")
        _CACHE.append(env.from_string(source.read_text(encoding="utf-8")))
    return _CACHE[0]


def relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()
