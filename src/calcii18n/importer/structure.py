"""Stage 3: each piece's role (page title, heading, paragraph, list item, line of a block of
short lines, citation) and the blocks the draft is written in."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from calcii18n.importer.noise import (
    _DATE_ONLY,
    _STOPWORDS,
    DECORATION,
    _frequency,
    _Judge,
    _prose,
    _words,
)
from calcii18n.importer.pieces import (
    _Block,
    _ends_sentence,
    _Joiner,
    _lines,
    _Piece,
    _pieces,
    _runs,
)
from calcii18n.importer.report import NOTE_TITLE, DroppedLine

_ANNOUNCING = re.compile(r"\b(include|includes|including|are|is|may|can|such as|following|"
                         r"have|has|gather|develop|experience|by|be|were|was)\b", re.IGNORECASE)
# The noise where a site writes its own name: "Kidney Help Logo", "© 2025 Kidney Help".
_SITE_NAME_LINE = re.compile(r"©|\(c\)|\bcopyright\b|\blogo\b", re.IGNORECASE)
_CITATION_AUTHOR = re.compile(r"^[A-Z][\w'’-]+(?:,|\s+[A-Z]{1,3}[,.]|\s+[A-Z]\.)")
_CITATION_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CITATION_BITS = re.compile(r"\bdoi\b|\bet al\.|\bVol(?:ume)?\.?\s*\d|\b\d+\s*\(\d+\)\s*:|"
                            r"\b(?:19|20)\d{2}\s*;\s*\d|\bJ(?:ournal)?\b|\bpp?\.\s*\d|"
                            r"\bIssue\s+\d|\bPMID\b", re.IGNORECASE)


def _heading_like(text: str) -> bool:
    """Short, capitalised and not a sentence: a question, a title-like line or "Label:"."""
    t = text.strip()
    if not t or t[0].islower() or len(t) > 100 or not any(c.isalpha() for c in t):
        return False
    words = _words(t)
    if t.endswith("?"):
        return len(words) <= 14
    if len(words) > 10 or _DATE_ONLY.match(t):
        return False
    if t.endswith(":"):
        return len(words) <= 3 and not _ANNOUNCING.search(t)
    return not _ends_sentence(t) and t[-1] not in ",-–—"


def _citation(text: str) -> bool:
    """An entry of a reference list: an author, a year and the marks of a journal."""
    if len(text) > 500 or not _CITATION_AUTHOR.match(text) or not _CITATION_YEAR.search(text):
        return False
    return len(_CITATION_BITS.findall(text)) >= 1 and (
        len(_CITATION_BITS.findall(text)) >= 2 or bool(re.search(r"\b[A-Z][a-z]*\.\s", text)))


class _Importer:
    """One import's page: cut into pieces, then roles, blocks and the page title decided.
    (Noise is dropped by `drop`, the draft written by `draft`.)"""

    def __init__(self, text: str) -> None:
        runs, decoration = _runs(_lines(text))
        self.pieces = _pieces(runs, _Joiner(text))
        self.decoration = [DroppedLine(line.no, line.text, DECORATION) for line in decoration]
        self.title: _Title | None = None

    # -- roles and blocks ------------------------------------------------------------------

    def assign_roles(self) -> None:
        by_run: dict[int, list[_Piece]] = {}
        for piece in self.pieces:
            by_run.setdefault(piece.run, []).append(piece)
        for run in by_run.values():
            if len(run) >= 2 and all(
                    p.kind == "text" and p.role == "" and len(p.lines) == 1 and len(p.text) <= 100
                    and not _ends_sentence(p.text) for p in run):
                for piece in run:
                    piece.role = "lines"
        baseline = Counter(p.indent for p in self.pieces if p.kind == "text").most_common(1)
        base = baseline[0][0] if baseline else 0
        for index, piece in enumerate(self.pieces):
            following = self.pieces[index + 1] if index + 1 < len(self.pieces) else None
            if piece.kind == "item":
                piece.role = "item"
            elif piece.role in ("lines", "heading"):
                continue
            elif len(piece.lines) == 1 and _heading_like(piece.text) and piece.indent <= base \
                    and not (piece.text.endswith(":") and following is not None
                             and following.kind == "item"):
                piece.role = "heading"
            elif _citation(piece.text):
                piece.role = "reference"
            else:
                piece.role = "para"
        self._items_under_announcements(base)

    def _items_under_announcements(self, base: int) -> None:
        """Lines that lost their bullets: under "…include:" in the same run, indented lines
        after it, or a block of short lines right after it."""
        pieces = self.pieces
        for i, piece in enumerate(pieces):
            if piece.role != "para" or not piece.text.endswith(":"):
                continue
            j = i + 1
            while j < len(pieces) and pieces[j].kind == "text" and (
                    pieces[j].run == piece.run or pieces[j].indent > max(piece.indent, base)
                    or (pieces[j].role == "lines" and pieces[j].run == pieces[i + 1].run)):
                pieces[j].kind, pieces[j].role = "item", "item"
                j += 1
        for piece in pieces:
            if piece.role == "lines" and piece.indent > base:
                piece.kind, piece.role = "item", "item"

    def blocks(self) -> list[_Block]:
        blocks: list[_Block] = []
        for piece in self.pieces:
            prev = blocks[-1] if blocks else None
            if piece.role == "item":
                if prev is not None and prev.kind == "list" and \
                        prev.pieces[-1].list_kind == piece.list_kind:
                    prev.pieces.append(piece)
                else:
                    blocks.append(_Block("list", [piece]))
            elif piece.role == "lines":
                if prev is not None and prev.kind == "lines" and prev.pieces[-1].run == piece.run:
                    prev.pieces.append(piece)
                else:
                    blocks.append(_Block("lines", [piece]))
            else:
                kind: Literal["heading", "para", "reference"] = (
                    "heading" if piece.role in ("heading", "title") else
                    "reference" if piece.role == "reference" else "para")
                blocks.append(_Block(kind, [piece]))
        return blocks

    # -- title ---------------------------------------------------------------------------

    @property
    def title_piece(self) -> _Piece | None:
        return self.title.piece if self.title is not None else None

    def find_title(self, blocks: list[_Block], judge: _Judge) -> None:
        """The page's own title, among the heading-like lines above its first paragraph:
        the first that names something the page's text talks about.

        The title is never dropped, and nothing above it is dropped for being above it
        unless the choice is sure (see `_Title`): a saved page's real title is a short line
        among menu entries and looks like one, and choosing the wrong line used to drop the
        real one as "navigation"."""
        verdicts = [judge.block(p.text)[0] for p in self.pieces]
        kept = "\n".join(p.text for p, v in zip(self.pieces, verdicts, strict=True)
                         if v != "drop" and p.role in ("para", "item"))
        own_name = [(p.line, " ".join(p.text.split()).lower())
                    for p, v in zip(self.pieces, verdicts, strict=True)
                    if v == "drop" and _SITE_NAME_LINE.search(p.text)]
        candidates, tail = _title_candidates(blocks, judge)
        self.title = _choose_title(candidates, tail, _frequency(kept), own_name, judge,
                                   blocks[0].pieces[0] if blocks else None)
        if self.title is not None:
            self.title.piece.role = "title"
            _split_off(blocks, self.title.piece)


@dataclass(eq=False)
class _Title:
    """The line chosen as the page's title, and how sure the importer is of it.

    Sure: it is the first candidate that is not the site's name, and it names something
    the page's text talks about (or it is the page's only candidate and first line).
    Otherwise it carries a note, and the lines above it are kept with a note (a heading
    as text) rather than dropped as the site's header. The site's name (a candidate that
    names nothing and is part of a logo or copyright line, "Kidney Help Logo") is dropped
    either way: it is not the title, and the evidence is strong.
    """

    piece: _Piece
    sure: bool
    site_names: dict[_Piece, int]  # the line of the noise that names the site too


def _title_candidates(blocks: list[_Block], judge: _Judge) -> tuple[list[_Piece],
                                                                     _Piece | None]:
    """Heading-like lines above the first paragraph of prose (in the first 12 blocks), and
    the last line of a block of short lines right above it: a title saved without a blank
    line under the site's menu."""
    candidates: list[_Piece] = []
    tail: _Piece | None = None
    for block in blocks[:12]:
        piece = block.pieces[0]
        if block.kind == "lines":
            last = block.pieces[-1]
            tail = last if _heading_like(last.text) and \
                judge.block(last.text)[0] != "drop" else None
            continue
        if judge.block(piece.text)[0] == "drop":
            continue
        if block.kind == "para" and _prose(piece.text):
            break
        if block.kind == "heading":
            candidates.append(piece)
            tail = None
    return candidates, tail


def _choose_title(candidates: list[_Piece], tail: _Piece | None, frequency: Counter[str],
                  own_name: list[tuple[int, str]], judge: _Judge,
                  first: _Piece | None) -> _Title | None:
    """Which candidate is the title, and how sure that is (see `_Title`). The page's words
    are those of text that is not noise, without the publisher's names: a site's name
    repeated in its copyright line or its sentences names nothing the page is about.
    `own_name` are the dropped lines where a site writes its name (logo, copyright). The
    last of a block of lines is a candidate if it names the page's text, or if there is no
    other: it may be a menu's last entry, but as the title (with a note) it is kept, where
    in its block it could go with the menu."""
    def names_text(piece: _Piece) -> bool:
        return any(frequency[word] and word not in _STOPWORDS
                   for word in _frequency(judge.unbranded(piece.text)))

    if tail is not None and (names_text(tail) or not candidates):
        candidates = [*candidates, tail]
    named = [p for p in candidates if names_text(p)]
    site: dict[_Piece, int] = {}
    for piece in candidates:
        pattern = re.compile(rf"(?<!\w){re.escape(' '.join(piece.text.split()).lower())}(?!\w)")
        where = next((line for line, text in own_name if pattern.search(text)), None)
        if where is not None and piece not in named:
            site[piece] = where
    rest = [p for p in candidates if p not in site]
    if not rest:
        return None
    piece = named[0] if named else rest[0]
    above = rest[: rest.index(piece)]
    sure = not above and (bool(named) or (len(candidates) == 1 and piece is first))
    if above:
        lines = ", ".join(str(p.line) for p in above)
        piece.note(NOTE_TITLE, f"the line{'s' if len(above) > 1 else ''} above it "
                   f"(line {lines}) could be the title: kept as text")
    elif not sure:
        piece.note(NOTE_TITLE, "nothing in the page's text names it: the page's title, or "
                   "the site's?")
    return _Title(piece, sure, site)


def _split_off(blocks: list[_Block], title: _Piece) -> None:
    """The title as a block of its own, when it was the last line of a block of lines."""
    for index, block in enumerate(blocks):
        if title in block.pieces and len(block.pieces) > 1:
            block.pieces.remove(title)
            blocks.insert(index + 1, _Block("heading", [title]))
            return


def _flatten_nesting(blocks: list[_Block]) -> None:
    """Mark the items indented under another item: the draft's lists are flat, and says so."""
    for block in blocks:
        if block.kind != "list":
            continue
        base = min(p.indent for p in block.pieces)
        for piece in block.pieces:
            piece.nested = piece.indent > base + 1
