"""build/index.html: every locale × leaflet at a glance — states, printable, files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined, select_autoescape

from calcii18n import locales as locale_codes
from calcii18n.leaflet.source import Leaflet
from calcii18n.project.queries import StatusLine
from calcii18n.state import STATES
from calcii18n.status import Reason


@dataclass(frozen=True, slots=True)
class Row:
    locale: str
    language: str
    leaflet: str
    title: str
    counts: dict[str, int]
    total: int
    percent: float
    printable: bool
    reasons: tuple[Reason, ...]
    files: tuple[tuple[str, str], ...]
    draft: bool
    revision: str
    english_date: str
    next_review: str = ""
    due_in_days: int | None = None  # within DUE_SOON days (negative: overdue), else None

    @property
    def summary(self) -> str:
        return " · ".join(f"{self.counts[s.value]} {s.value}" for s in STATES
                          if self.counts[s.value])


DUE_SOON = 90  # days


def _due(lf: Leaflet, today: dt.date) -> int | None:
    days = (lf.meta.next_review - today).days
    return days if days <= DUE_SOON else None


def rows_for(lines: list[StatusLine], leaflets: dict[str, Leaflet],
             files: dict[tuple[str, str], tuple[tuple[str, str], ...]],
             drafts: set[tuple[str, str]], today: dt.date) -> list[Row]:
    out = []
    for lid, lf in leaflets.items():
        total = sum(1 for s in lf.sections for _ in s.blocks) + 1
        out.append(Row("en", "English", lid, lf.meta.title,
                       {"reviewed": total} | {s.value: 0 for s in STATES if s.value != "reviewed"},
                       total, 100.0, True, (), files.get(("en", lid), ()), False,
                       lf.meta.revision, lf.meta.reviewed.isoformat(),
                       lf.meta.next_review.isoformat(), _due(lf, today)))
    for line in lines:
        if line.printable is None or line.row.domain not in leaflets:
            continue
        r = line.row
        lf = leaflets[r.domain]
        out.append(Row(r.locale, _name(r.locale), r.domain, lf.meta.title,
                       {s.value: r.counts[s] for s in STATES}, r.total, r.percent_reviewed,
                       line.printable.ok, line.printable.reasons,
                       files.get((r.locale, r.domain), ()), (r.locale, r.domain) in drafts,
                       lf.meta.revision, lf.meta.reviewed.isoformat(),
                       lf.meta.next_review.isoformat(), _due(lf, today)))
    return out


def _name(code: str) -> str:
    name = locale_codes.display_name(code)
    return name[:1].upper() + name[1:]


def render_dashboard(rows: list[Row], generated: dt.date) -> str:
    env = Environment(undefined=StrictUndefined, autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    source = resources.files(__package__).joinpath("dashboard.html.j2")
    template = env.from_string(source.read_text(encoding="utf-8"))
    groups: dict[str, list[Row]] = {}
    for row in rows:  # English first, then locales in the order given
        groups.setdefault(row.locale, []).append(row)
    return template.render(groups=list(groups.items()), count=len(rows),
                           states=[s.value for s in STATES], generated=generated.isoformat())


def relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()
