"""What a suggestion may not bring: a figure the new English does not have.

A suggestion is another message's translation, offered fuzzy. When the two English texts
differ in a figure, they are two instructions, not an edit ("Take 1 tablet daily." and
"Take 2 tablets daily.", "once a week" and "once a day"), and the translation would carry
the other's dose, interval or phone number into a sentence that reads right. So a
suggestion is offered only when:

- every number, phone number and unit of the English it was made for is in the new
  English, read as the `numbers`, `phone` and `units` checks read them (5 and 0.5 are two
  numbers, "½" is 1 and 2, a full-width ５ is 5); the new English may add one, which the
  translation then lacks and those checks report;
- the words that say how much, how often or when (AMOUNT_WORDS: "two", "twice", "double",
  "daily", "week", "morning", "pm"...) are the same, in the same order: no check reads
  them, so one the new English adds would go unnoticed;
- all of these keep their order ("2 tablets, then one" is not "one tablet, then 2").

An edit of the same message (a stale entry, with its previous English) is not a
suggestion: the translator sees the word diff, and the figure that changed is the edit.
Not figures, and not covered here: comparisons and negation ("below" and "above", "do
not"), which no rule of this kind can read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest

from calcii18n.checks.quantities import quantities

AMOUNT_WORDS = frozenset((
    # how much
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "million", "half", "quarter", "double",
    "triple", "first", "second", "third", "dozen",  # not "single": "every single day"
    # how often, how long, when
    "once", "twice", "daily", "weekly", "monthly", "hourly", "nightly", "fortnightly",
    "yearly", "minute", "hour", "day", "week", "fortnight", "month", "year", "am", "pm",
    "morning", "afternoon", "evening", "night", "noon", "midnight", "bedtime"))
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class _Figures:
    sequence: tuple[object, ...]  # numbers (Decimal) and amount words, in text order
    words: tuple[str, ...]  # the amount words alone
    phones: tuple[str, ...]
    units: Counter[str]


def _amount(word: str) -> str | None:
    """`word` (case-folded) as an amount word, plurals singular ("hours" is "hour")."""
    if word in AMOUNT_WORDS:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in AMOUNT_WORDS else None


@lru_cache(maxsize=4096)
def _figures(english: str) -> _Figures:
    """The figures of `english`: its text is cut at each amount word, and the pieces
    between are read by `quantities`, so that numbers and words keep their order."""
    pieces: list[str] = []
    words: list[str] = []
    start = 0
    for match in _WORD.finditer(english):  # in `english` itself: casefold may change lengths
        word = _amount(match.group(0).casefold())
        if word is not None:
            pieces.append(english[start:match.start()])
            words.append(word)
            start = match.end()
    pieces.append(english[start:])
    sequence: list[object] = []
    phones: list[str] = []
    units: Counter[str] = Counter()
    for piece, word in zip_longest(pieces, words):
        found = quantities(piece, "en")
        sequence.extend(found.sequence)
        phones.extend(found.phones.elements())  # in the order the text gives them
        units.update(found.units)
        if word is not None:
            sequence.append(word)
    return _Figures(tuple(sequence), tuple(words), tuple(phones), units)


def _within(part: Iterable[object], whole: Iterable[object]) -> bool:
    """Whether `part` is `whole` with some items left out (a subsequence)."""
    rest: Iterator[object] = iter(whole)
    return all(item in rest for item in part)


def brings_no_figure(source: str, new: str) -> bool:
    """Whether a translation of the English `source` may be offered for the English `new`
    (the rules are in the module's docstring).

    >>> brings_no_figure("Take 1 tablet daily.", "Take 2 tablets daily.")
    False
    >>> brings_no_figure("Take 2 tablets.", "Take 2 tablets with 100 ml of water.")
    True

    More cases, each a way to carry another dose, are in tests/merge/test_figures.py.
    """
    old, now = _figures(source), _figures(new)
    return (old.words == now.words and _within(old.sequence, now.sequence)
            and _within(old.phones, now.phones) and not old.units - now.units)
