"""What rendering makes of each locale × leaflet: the job planned for it (its HTML, where
its files go, what its release record needs) and the result (final, draft or refused, and
why). Values only; publish/pipeline.py makes and runs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from calcii18n.publish.record import Released
from calcii18n.status import Reason


class Print(StrEnum):
    """What became of one locale × leaflet."""

    FINAL = "final"  # passed the print gate
    DRAFT = "draft"  # did not pass; rendered watermarked because drafts were asked for
    REFUSED = "refused"  # did not pass (or its PDF failed): nothing printed, old prints removed


@dataclass(frozen=True, slots=True)
class Result:
    """What happened to one locale × leaflet."""

    locale: str
    leaflet: str
    status: Print
    reasons: tuple[Reason, ...] = ()
    files: tuple[str, ...] = ()
    error: str = ""
    reused: bool = False  # its PDF was kept: nothing it is made of changed


@dataclass(frozen=True, slots=True)
class Job:
    locale: str
    leaflet: str
    html: str
    html_path: Path
    pdf_path: Path | None
    status: Print
    reasons: tuple[Reason, ...] = field(default=())
    released: Released | None = None  # a final print's makings, for its release record
    budget: int | None = None  # the most pages it may take (max_pages; not large print)
    families: tuple[str, ...] = ()  # the fonts its PDF may embed
