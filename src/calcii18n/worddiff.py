"""Word-level diff of two English texts, for translators fixing stale entries."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text that is unchanged ("equal"), removed ("delete") or added ("insert")."""

    op: str
    text: str


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Diff on words (whitespace kept as its own token, so the pieces rebuild both texts)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("insert", "".join(b[j1:j2])))
    return tuple(p for p in pieces if p.text)


def plain(pieces: tuple[Piece, ...]) -> str:
    """wdiff-style text: [-removed-] {+added+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[p.op].format(p.text) for p in pieces)
