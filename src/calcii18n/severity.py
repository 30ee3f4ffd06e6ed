"""How dangerous an English change is: a changed dose, phone or negation is critical."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from calcii18n.checks.quantities import quantities
from calcii18n.glossary import Glossary, contains_term

_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nothing|without|cannot|can't|don't|doesn't|didn't|won't|"
    r"shouldn't|mustn't|isn't|aren't|wasn't|do not|does not|must not|should not|avoid|stop)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ChangeSeverity:
    critical: bool
    reasons: tuple[str, ...]


def change_severity(previous: str, current: str, glossary: Glossary) -> ChangeSeverity:
    """Critical when the edit touches a number, unit, phone number, negation or glossary term."""
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
