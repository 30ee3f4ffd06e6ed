"""Stage 4: the noise the judge finds dropped, block by block in page order, then the notes
that need every drop made (announced lists, FAQ answers) and the sections that are left."""

from __future__ import annotations

import re
from collections import Counter
from typing import TypeAlias

from calcii18n.importer.noise import (
    BIO,
    BOOKING,
    CITATION,
    COMMUNITY,
    DECORATION,
    FOOTER,
    MARKETING,
    METADATA,
    NAVIGATION,
    SIGNUP,
    WIDGET_HEADER,
    Verdict,
    _Judge,
    _prose,
    _words,
)
from calcii18n.importer.pieces import _Block, _ends_sentence, _Piece
from calcii18n.importer.report import (
    NOTE_CHECK,
    NOTE_MISSING_ITEMS,
    NOTE_MISSING_QUESTION,
)
from calcii18n.importer.structure import _Title

_I = re.IGNORECASE
# Headings of these kinds start a widget: what follows them is dropped too, until real text.
_REGION_STARTERS = {MARKETING, SIGNUP, NAVIGATION, FOOTER, BIO, COMMUNITY, BOOKING}
_FAQ = re.compile(r"\b(faqs?|frequently asked questions|questions and answers|q ?& ?a)\b", _I)
_TOPICAL = re.compile(r"\b(symptoms?|signs?|causes?|risks?|treat\w*|therap\w*|diagnos\w*|"
                      r"complications?|prevent\w*|outlook|prognosis|overview|care|wounds?|"
                      r"pain|tests?|takeaway|living with|what (is|are)|when (to|should)|"
                      r"how (is|are|to|can|do))\b", _I)
_EMPTIED = "heading left with nothing under it (everything under it was dropped)"
# Dropped lines that say nothing about the heading above them: a date or byline under a
# title, an empty bullet. The heading stays (it was the real title of a page once).
_NOT_A_SECTION = {METADATA, DECORATION}

# A `##` section of the draft: its heading (None: one the importer adds) and its blocks.
_Section: TypeAlias = tuple[_Piece | None, list[_Block]]


def _drop_noise(blocks: list[_Block], judge: _Judge, title: _Title | None) -> list[str]:
    """Drop the noise in `blocks`; return the citations found, for the front matter."""
    walk = _NoiseWalk(judge, title)
    for block in blocks:
        walk.block(block)
    return walk.references


class _NoiseWalk:
    """One walk over the blocks in page order. Whether a block is noise can depend on the
    blocks before it, and that is the state kept here."""

    def __init__(self, judge: _Judge, title: _Title | None) -> None:
        self.judge = judge
        self.title = title
        self.before_title = title is not None
        self.seen: dict[str, int] = {}  # a long paragraph's text: the line it was first on
        # The widget a dropped heading started (its reason and line), until real text.
        self.region: tuple[str, int] | None = None
        self.pending: list[_Piece] = []  # kept headings with nothing kept under them yet
        self.references: list[str] = []

    def block(self, block: _Block) -> None:
        first = block.pieces[0]
        if self.before_title and self._site_header(block):
            return
        if block.kind == "reference":
            self.references.append(first.text)
            first.drop = CITATION
            return
        if block.kind == "heading":
            self._heading(first)
            return
        own_drops: list[str] = []
        for piece in block.pieces:
            reason = self._piece(block, piece)
            if reason is not None:
                own_drops.append(reason)
        _block_rules(block, own_drops)
        if block.kept():
            self.pending.clear()
        elif own_drops:
            self._drop_pending(Counter(own_drops).most_common(1)[0][0], first.line)

    def _site_header(self, block: _Block) -> bool:
        """Above the page's title is the site's header: what is not prose there is dropped
        when the title is sure or the line is the site's name. Otherwise being above the
        title is weak evidence: the line is kept with a note, and a heading is kept as text
        (it would open a section that swallows the page's first paragraphs). True when
        nothing of the block is left to judge."""
        title = self.title
        if title is None or block.pieces[0] is title.piece:
            self.before_title = False
            self.region = None  # a widget above the title ends there
            return True
        for piece in block.pieces:
            if self.judge.block(piece.text)[0] == "drop" or _prose(piece.text):
                continue
            if piece in title.site_names and not title.sure:
                piece.drop = (f"{NAVIGATION} (the site's name, as in line "
                              f"{title.site_names[piece]})")
                continue
            if title.sure:
                piece.drop = f"{NAVIGATION} (site header above the page title)"
                continue
            piece.note(NOTE_CHECK, f"above the page title (line {title.piece.line}), which "
                       "the importer is unsure of: the site's header, or the title?")
            self.region = None  # kept: no dropped heading above takes it along
            if block.kind == "heading":
                block.kind, piece.role = "para", "para"
        return not block.kept()

    def _heading(self, heading: _Piece) -> None:
        verdict, reason = self.judge.block(heading.text)
        if verdict == "drop":
            heading.drop = reason
            self._drop_pending(reason, heading.line)
            self.region = (reason, heading.line) if reason in _REGION_STARTERS else None
            return
        self.region = None
        if verdict == "check":
            heading.note(NOTE_CHECK, reason)
        self.pending.append(heading)

    def _drop_pending(self, category: str, line: int) -> None:
        """Drop the headings above a block dropped as `category` on `line`, unless they name
        a topic of the page, or the block says nothing about them (a date, an empty
        bullet: the heading stays pending, for the next block to decide)."""
        if category in _NOT_A_SECTION:
            return
        for heading in self.pending:
            if not _TOPICAL.search(heading.text):
                heading.drop = f"heading of a dropped block ({category}, line {line})"
        self.pending.clear()

    def _piece(self, block: _Block, piece: _Piece) -> str | None:
        """Judge one piece of a paragraph, list or block of lines; return the reason when it
        is noise itself (not merely under a dropped heading, nor a repeat)."""
        verdict, reason = self.judge.block(piece.text)
        if block.kind == "list" and not piece.text:
            verdict, reason = "drop", DECORATION
        if verdict == "drop":
            piece.drop = reason
            return reason
        judged = self._in_region(block, piece, verdict, reason)
        if judged is None or self._repeated(block, piece):
            return None
        verdict, reason = judged
        if verdict == "check":
            piece.note(NOTE_CHECK, reason)
        return None

    def _in_region(self, block: _Block, piece: _Piece, verdict: Verdict,
                   reason: str) -> tuple[Verdict, str] | None:
        """Under a dropped widget heading: real text ends the widget, a sentence is kept to
        check, anything else is dropped with it (None)."""
        if self.region is None:
            return verdict, reason
        category, line = self.region
        if verdict == "keep" and _prose(piece.text) and block.kind != "lines":
            self.region = None  # real text again: the widget is over
            return verdict, reason
        if block.kind == "list" or (_ends_sentence(piece.text) and block.kind != "lines"):
            return "check", f"follows a heading dropped as {category} (line {line})"
        piece.drop = f"{category} (under the heading dropped on line {line})"
        return None

    def _repeated(self, block: _Block, piece: _Piece) -> bool:
        """Drop a long paragraph seen before (pages repeat their teaser or summary)."""
        key = " ".join(piece.text.lower().split())
        if block.kind != "para" or len(_words(key)) < 8:
            return False
        if key in self.seen:
            piece.drop = f"duplicate of line {self.seen[key]}"
            return True
        self.seen[key] = piece.line
        return False


def _block_rules(block: _Block, own_drops: list[str]) -> None:
    """What a block's own drops say about the rest of it: a block of lines that is mostly
    noise goes whole, a list that is mostly noise keeps the rest with a note."""
    kept = block.kept()
    if block.kind == "lines":
        if kept and len(own_drops) * 2 >= len(block.pieces):
            reason = Counter(own_drops).most_common(1)[0][0]
            for piece in kept:
                piece.drop = f"{reason} (in a block of lines with line {block.line})"
        elif kept:
            for piece in block.pieces:
                if piece.drop == WIDGET_HEADER:  # the header row of a table we keep
                    piece.drop = None
            for piece in block.kept():
                piece.note(NOTE_CHECK, "short lines without sentence punctuation: a "
                           "flattened table or menu?")
    elif block.kind == "list" and kept and len(own_drops) * 2 >= len(block.pieces):
        reason = Counter(own_drops).most_common(1)[0][0]
        for piece in kept:
            piece.note(NOTE_CHECK, f"the rest of this list was dropped as {reason}")


def _announced_lists(pieces: list[_Piece]) -> None:
    """Notes that need the original order: a "…include:" line with no list after it, or
    only one that was dropped."""
    for i, piece in enumerate(pieces):
        if piece.drop is not None or piece.role != "para" or not piece.text.endswith(":"):
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if nxt is None or nxt.role != "item":
            piece.note(NOTE_MISSING_ITEMS, "announces a list, but no items follow")
            continue
        j = i + 1
        items: list[_Piece] = []
        while j < len(pieces) and pieces[j].role == "item":
            items.append(pieces[j])
            j += 1
        if all(item.drop is not None for item in items):
            piece.note(NOTE_CHECK, "the list it announces was dropped as noise")


def _sections(blocks: list[_Block]) -> list[_Section]:
    """Kept blocks grouped under their `##` headings (None = a heading to add)."""
    sections: list[_Section] = []
    last_heading_index: int | None = None
    dropped_since_heading = False
    for index, block in enumerate(blocks):
        first = block.pieces[0]
        if block.kind == "heading":
            if first.role == "title" or first.drop is not None:
                dropped_since_heading = dropped_since_heading or first.drop is not None
                continue
            if sections and sections[-1][0] is not None and not sections[-1][1]:
                prev = sections[-1][0]
                if not dropped_since_heading and last_heading_index == index - 1:
                    first.level = 3
                    sections[-1][1].append(block)
                    last_heading_index = index
                    continue
                prev.drop = _EMPTIED
                sections.pop()
            sections.append((first, []))
            last_heading_index = index
            dropped_since_heading = False
            continue
        if not block.kept():
            dropped_since_heading = True
            continue
        if not sections:
            sections.append((None, []))
        sections[-1][1].append(block)
    if (sections and sections[-1][0] is not None and not sections[-1][1]
            and dropped_since_heading):
        sections[-1][0].drop = _EMPTIED
        sections.pop()
    return sections


def _faq_notes(sections: list[_Section]) -> None:
    """An answer under a FAQ heading whose question is not right above it."""
    for heading, blocks in sections:
        if heading is None or not _FAQ.search(heading.text):
            continue
        previous = heading.text
        for block in blocks:
            for piece in block.kept():
                if block.kind == "para" and not previous.rstrip().endswith("?"):
                    piece.note(NOTE_MISSING_QUESTION, "an answer under a FAQ heading")
                previous = piece.text
