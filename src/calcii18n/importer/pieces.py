"""Stage 2: the page cut into runs of non-blank lines, each run into pieces (list items and
text, with lines cut at a fixed width joined again), and pieces grouped into blocks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from calcii18n.importer.decode import _normalised_lines


@dataclass(frozen=True, slots=True)
class _Line:
    no: int
    indent: int
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    for number, clean in enumerate(_normalised_lines(text), start=1):
        stripped = clean.lstrip(" ")
        out.append(_Line(number, len(clean) - len(stripped), stripped))
    return out


def _runs(lines: Sequence[_Line]) -> tuple[list[list[_Line]], list[_Line]]:
    """Runs of non-blank lines, and the decoration lines (no letter or digit: rules,
    underlines, lone bullets) that separate runs like blank lines do."""
    runs: list[list[_Line]] = []
    decoration: list[_Line] = []
    current: list[_Line] = []
    for line in lines:
        if any(c.isalnum() for c in line.text):
            current.append(line)
            continue
        if line.text:
            decoration.append(line)
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs, decoration


_BULLET = re.compile(r"^(?P<marker>[•◦▪▫●○‣⁃∙·*+\-–—])\s+(?P<text>.*)$")
_NUMBER = re.compile(r"^(?:(?P<num>\d{1,3})[.)]|\((?P<pnum>\d{1,3})\))\s+(?P<text>.*)$")
_BARE_MARKER = re.compile(r"^(?:[•◦▪▫●○‣⁃∙·*+\-–—]|\d{1,3}[.)]|\(\d{1,3}\))$")
_DASHLIKE = "-–—"
_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!?…:;"


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


Kind = Literal["text", "item"]
ListKind = Literal["bullet", "numbered"]


@dataclass(eq=False)
class _Piece:
    """A block-sized piece of the page: one paragraph, heading or list item (or a line of a
    line block) with the original lines it came from, and what the importer decided."""

    kind: Kind
    lines: list[_Line]
    text: str
    indent: int
    run: int
    list_kind: ListKind = "bullet"
    number: int = 1
    role: str = ""  # title, heading, para, item, lines, reference
    drop: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)
    level: int = 2  # of a heading: 2 = a section, 3 = a sub-heading inside one
    nested: bool = False  # a list item that was indented under another item
    bare: bool = False  # a list item without a bullet: a line indented under "...:"

    @property
    def line(self) -> int:
        return self.lines[0].no

    def note(self, note: str, reason: str = "") -> None:
        if all(n != note for n, _ in self.notes):
            self.notes.append((note, reason))


def _item(line: _Line) -> tuple[ListKind, int, str] | None:
    match = _BULLET.match(line.text)
    if match:
        return "bullet", 1, match.group("text").strip()
    match = _NUMBER.match(line.text)
    if match:
        return "numbered", int(match.group("num") or match.group("pnum")), \
            match.group("text").strip()
    return None


def _wrapped(line: _Line, width: int) -> bool:
    """Was this line cut at the run's fixed width (it reaches near the widest line)?"""
    return width >= 50 and line.indent + len(line.text) >= 0.8 * width


class _Joiner:
    """Re-joins lines cut at a fixed width; knows the page's words to undo hyphenation."""

    def __init__(self, text: str) -> None:
        self.words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))

    @staticmethod
    def continues(last: _Line, nxt: _Line, width: int) -> bool:
        """Does `nxt` continue the sentence or paragraph that `last` was cut from?"""
        a, b = last.text, nxt.text
        if a.endswith(":"):
            return False
        wrapped = _wrapped(last, width)
        if _ends_sentence(a):
            return wrapped
        first = b[0]
        if first.islower() or first.isdigit() or first in "([{,;—–":
            return True
        # A capital after a cut: a name inside the sentence ("such as / Warfarin"), but only
        # if the cut line ends on a small word; a menu or a table row ends on anything else.
        return wrapped and bool(re.search(r"(?:^|\s)[a-z][a-z'’-]*,?$", a))

    def join(self, a: str, b: str) -> str:
        hyphen = re.search(r"([^\W\d_]+)-$", a)
        word = re.match(r"[^\W\d_]+", b)
        if hyphen and word and b[0].islower():
            head, tail = hyphen.group(1), word.group(0)
            whole, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
            if self.words[whole] > self.words[hyphenated]:
                return a[:-1] + b
            return a + b
        return f"{a} {b}"


_ATX = re.compile(r"^#{1,6}\s+(?P<text>.*?)(?:\s+#+)?\s*$")


def _pieces(runs: Sequence[list[_Line]], joiner: _Joiner) -> list[_Piece]:
    cutter = _Cutter(joiner)
    for run_no, run in enumerate(runs):
        cutter.run(run_no, run)
    return cutter.pieces


class _Cutter:
    """Cuts runs into pieces, in page order.

    It remembers a line that ends with ":" (an announcement, "...include:"): the lines
    after it are a list that lost its bullets when the page was saved, so they are never
    run together into one sentence (that turned "cola drinks / processed cheese / ready
    meals" into one item that means something else). Each becomes its own piece -- an item
    when it is indented under the announcement (also after a blank line) -- unless the line
    before it was cut at the run's width, which is a wrapped line and continues.
    """

    def __init__(self, joiner: _Joiner) -> None:
        self.joiner = joiner
        self.pieces: list[_Piece] = []
        self.start = 0  # the first piece a line of the current run may join onto
        # The announcement's indent and run, while the lines under it are a list.
        self.under: tuple[int, int] | None = None

    def run(self, run_no: int, run: list[_Line]) -> None:
        width = max(line.indent + len(line.text) for line in run)
        self.start = len(self.pieces)
        for line in run:
            self._line(line, run_no, width)

    def _line(self, line: _Line, run_no: int, width: int) -> None:
        pieces = self.pieces
        prev = pieces[-1] if len(pieces) > self.start else None
        self._end_list(line, run_no)
        atx = _ATX.match(line.text)
        if atx and atx.group("text") and len(atx.group("text")) <= 100:
            # A Markdown heading in the page ("## Symptoms"): a heading, whatever it says.
            pieces.append(_Piece("text", [line], atx.group("text"), line.indent, run_no,
                                 role="heading"))
            self.start, self.under = len(pieces), None  # nothing joins onto a heading
            return
        item = _item(line) if not _BARE_MARKER.match(line.text) else ("bullet", 1, "")
        if item is not None and prev is not None and prev.kind == "text" \
                and line.text[0] in _DASHLIKE + "0123456789" \
                and _wrapped(prev.lines[-1], width) and not _ends_sentence(prev.text):
            item = None  # a dash or number that merely starts a wrapped line
        if item is not None:
            kind, number, text = item
            pieces.append(_Piece("item", [line], text, line.indent, run_no, kind, number))
            self.under = None  # the list the announcement promised has its bullets
            return
        if prev is not None and prev.role != "heading" and self._joins(prev, line, width):
            prev.lines.append(line)
            prev.text = self.joiner.join(prev.text, line.text) if prev.text else line.text
        elif self.under is not None and line.indent > self.under[0]:
            pieces.append(_Piece("item", [line], line.text, line.indent, run_no, bare=True))
        else:
            pieces.append(_Piece("text", [line], line.text, line.indent, run_no))
        last = pieces[-1]
        if last.kind == "text" and last.text.endswith(":"):
            self.under = (min(x.indent for x in last.lines), run_no)

    def _end_list(self, line: _Line, run_no: int) -> None:
        """A line back at the announcement's indent ends its list: in a later run, or
        after the indented lines (in the same run, unindented lines stay the list's)."""
        if self.under is None or line.indent > self.under[0]:
            return
        last = self.pieces[-1] if self.pieces else None
        if run_no != self.under[1] or line.indent < self.under[0] or (
                last is not None and last.bare):
            self.under = None

    def _joins(self, prev: _Piece, line: _Line, width: int) -> bool:
        """Does `line` continue `prev`? Under an announcement, only a line cut at the
        run's width continues (or one indented under an item with a bullet)."""
        last = prev.lines[-1]
        if prev.kind == "item" and not prev.bare and line.indent > prev.indent:
            return True  # the text of a bulleted item, wrapped under its first word
        if self.under is None:
            return self.joiner.continues(last, line, width)
        return _wrapped(last, width) and self.joiner.continues(last, line, width)


@dataclass(eq=False)
class _Block:
    """What the draft writes as one unit: a heading, paragraph or reference (one piece), or a
    list or block of short lines (several)."""

    kind: Literal["heading", "para", "list", "lines", "reference"]
    pieces: list[_Piece]

    @property
    def line(self) -> int:
        return self.pieces[0].line

    def kept(self) -> list[_Piece]:
        return [p for p in self.pieces if p.drop is None]
