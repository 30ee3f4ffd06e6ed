"""The records an import hands back: the report, its entries, the editor notes it puts in the
draft, and the error that refuses a page."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from calcii18n.errors import Calcii18nError

NOTE_CHECK = "import: check whether this belongs"
NOTE_MISSING_ITEMS = "import: list items missing in the original"
NOTE_ADDED_HEADING = "import: heading added by the importer"
NOTE_MISSING_QUESTION = "import: the question this answers is missing in the original"
NOTE_FLATTENED = "import: a nested list was flattened here"
NOTE_TITLE = "import: check the title"


class PageImportError(Calcii18nError):
    """A page that cannot be imported (binary, empty, not UTF-8, nothing left...)."""


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """One line of the original page that is not in the draft, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class EditorNote:
    """An `<!-- import: ... -->` note in the draft: the line it stands for and why."""

    line: int
    note: str
    reason: str


@dataclass(frozen=True, slots=True)
class FoundSection:
    """A `##` section of the draft; `line` is 0 for a heading the importer added."""

    id: str
    heading: str
    line: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What the import found, kept and dropped. Plain values only: JSON-serialisable."""

    source: str
    id: str
    title: str
    title_line: int
    sections: tuple[FoundSection, ...]
    paragraphs: int
    list_items: int
    references: int
    dropped: tuple[DroppedLine, ...]
    notes: tuple[EditorNote, ...]
    todo: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self, width: int = 72) -> str:
        """A human summary for the terminal: counts, every dropped line, every note."""
        ids = ", ".join(s.id for s in self.sections)
        lines = [f"{len(self.sections)} sections: {ids}",
                 f"{self.paragraphs} paragraphs, {self.list_items} list items, "
                 f"{self.references} references"]
        lines.append(f"dropped {len(self.dropped)} lines" + (":" if self.dropped else ""))
        lines += [f"  line {d.line}: {d.reason}: {_shorten(d.text, width)}"
                  for d in self.dropped]
        lines.append(f"{len(self.notes)} notes for the editor" + (":" if self.notes else ""))
        lines += [f"  line {n.line}: {n.note.removeprefix('import: ')}"
                  + (f" ({n.reason})" if n.reason else "") for n in self.notes]
        lines += [f"to do: {item}" for item in self.todo]
        return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
