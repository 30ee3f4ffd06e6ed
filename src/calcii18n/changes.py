"""What changed in the English and how dangerous it is: a word diff for translators
fixing stale entries, and a severity (a changed dose, unit, phone number, negation or
glossary term is critical)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from calcii18n.checks.quantities import quantities
from calcii18n.glossary import Glossary, contains_term

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text that is unchanged ("equal"), removed ("delete") or added ("insert")."""

    op: str
    text: str


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Diff on words (whitespace kept as its own token, so the pieces rebuild both texts).

    >>> for piece in word_diff("Rest your legs.", "Rest your legs often."):
    ...     print(piece)
    Piece(op='equal', text='Rest your ')
    Piece(op='delete', text='legs.')
    Piece(op='insert', text='legs often.')

    Punctuation stays attached to its word, so "legs." is replaced as a whole.
    """
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
    """wdiff-style text: [-removed-] {+added+}.

    >>> plain(word_diff("Take 1 tablet daily with food.", "Take 2 tablets daily with food."))
    'Take [-1-]{+2+} [-tablet-]{+tablets+} daily with food.'
    """
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[p.op].format(p.text) for p in pieces)


_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nothing|without|cannot|can't|don't|doesn't|didn't|won't|"
    r"shouldn't|mustn't|isn't|aren't|wasn't|do not|does not|must not|should not|avoid|stop)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ChangeSeverity:
    critical: bool
    reasons: tuple[str, ...]


def change_severity(previous: str, current: str, glossary: Glossary) -> ChangeSeverity:
    """Critical when the edit touches a number, unit, phone number, negation or glossary term.

    >>> none = Glossary()
    >>> change_severity("Keep the wound clean.", "Keep the wound clean and dry.", none)
    ChangeSeverity(critical=False, reasons=())
    >>> change_severity("Take 1 tablet daily.", "Take 2 tablets daily.", none).reasons
    ('a number changed',)
    >>> change_severity("Do not scratch the wound.", "Scratch the wound gently.", none).reasons
    ('a negation changed',)
    >>> change_severity("Call 020 7946 0123.", "Call 020 7946 0456.", none).reasons
    ('a phone number changed',)
    >>> terms = Glossary(do_not_translate=("sodium thiosulfate",))
    >>> change_severity("Ask about the medicine.", "Ask about sodium thiosulfate.", terms).reasons
    ("glossary term 'sodium thiosulfate' changed",)
    """
    reasons = []
    before, after = quantities(previous, "en"), quantities(current, "en")
    if before.numbers != after.numbers:
        reasons.append("a number changed")
    if before.units != after.units:
        reasons.append("a unit changed")
    if before.phones != after.phones:
        reasons.append("a phone number changed")
    negations = [Counter(m.lower() for m in _NEGATION.findall(t.replace("’", "'")))
                 for t in (previous, current)]
    if negations[0] != negations[1]:
        reasons.append("a negation changed")
    for term in glossary.all_terms():
        if contains_term(previous, term) != contains_term(current, term):
            reasons.append(f"glossary term {term!r} changed")
    return ChangeSeverity(bool(reasons), tuple(reasons))
