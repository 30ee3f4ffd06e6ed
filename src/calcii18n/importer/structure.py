"""Stage 3: each piece's role (page title, heading, paragraph, list item, line of a block of
short lines, citation) and the blocks the draft is written in."""

from __future__ import annotations

import re
from collections import Counter
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
from calcii18n.importer.report import DroppedLine

_ANNOUNCING = re.compile(r"\b(include|includes|including|are|is|may|can|such as|following|"
                         r"have|has|gather|develop|experience|by|be|were|was)\b", re.IGNORECASE)
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
        self.title_piece: _Piece | None = None

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

    def find_title(self, blocks: list[_Block], judge: _Judge) -> None:
        """The page's own title: the first heading-like line above the first paragraph that
        names something the page's text talks about (a site name does not)."""
        frequency = _frequency("\n".join(p.text for p in self.pieces
                                          if p.role in ("para", "item")))
        candidates: list[_Piece] = []
        for block in blocks[:12]:
            piece = block.pieces[0]
            if judge.block(piece.text)[0] == "drop":
                continue
            if block.kind == "para" and _prose(piece.text):
                break
            if block.kind == "heading":
                candidates.append(piece)
        for piece in candidates:
            if any(frequency[word] and word not in _STOPWORDS for word in _frequency(piece.text)):
                self.title_piece = piece
                piece.role = "title"
                return
        if len(candidates) == 1 and candidates[0] is blocks[0].pieces[0]:
            self.title_piece = candidates[0]
            candidates[0].role = "title"


def _flatten_nesting(blocks: list[_Block]) -> None:
    """Mark the items indented under another item: the draft's lists are flat, and says so."""
    for block in blocks:
        if block.kind != "list":
            continue
        base = min(p.indent for p in block.pieces)
        for piece in block.pieces:
            piece.nested = piece.indent > base + 1
