"""What a suggestion may not bring: a figure the new English does not have.

A suggestion is another message's translation, offered fuzzy. When the two English texts
differ in a number, they are two instructions, not an edit ("Take 1 tablet daily." and
"Take 2 tablets daily."), and the translation would carry the other's dose, interval or
phone number into a sentence that reads right. So a suggestion is offered only when every
figure of the English it was made for is also in the new English, in the same order:
numbers and phone numbers as the `numbers` and `phones` checks read them (5 and 0.5 are two
numbers, "½" is 1 and 2, "m²" ends in 2), and English number words ("every two days").
A figure the new English adds is fine: the old translation lacks it, which the checks
catch, rather than holding a wrong one.

An edit of the same message (a stale entry, with its previous English) is not a
suggestion: the translator sees the word diff, and the figure that changed is the edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from calcii18n.checks.quantities import quantities

_NUMBER_WORDS = frozenset((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "million", "once", "twice", "half",
    "quarter"))
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def _figures(english: str) -> tuple[tuple[object, ...], tuple[str, ...]]:
    """The numbers and number words of `english`, in order, and its phone numbers."""
    found = quantities(english, "en")
    words = tuple(w for w in _WORD.findall(english.casefold()) if w in _NUMBER_WORDS)
    return (*found.sequence, *words), tuple(sorted(found.phones.elements()))


def _within(part: Iterable[object], whole: Iterable[object]) -> bool:
    """Whether `part` is `whole` with some items left out (a subsequence)."""
    rest: Iterator[object] = iter(whole)
    return all(item in rest for item in part)


def brings_no_figure(source: str, new: str) -> bool:
    """Whether a translation of the English `source` may be offered for the English `new`:
    every figure of `source` is in `new`, in the same order.

    >>> brings_no_figure("Take 1 tablet daily.", "Take 2 tablets daily.")
    False
    >>> brings_no_figure("Take 5 ml.", "Take 0.5 ml."), brings_no_figure("Every two days.",
    ...                                                             "Every three days.")
    (False, False)
    >>> brings_no_figure("Take 10 mg at 1 pm.", "Take 1 mg at 10 pm.")
    False
    >>> brings_no_figure("Keep it dry.", "Keep it dry for 2 days.")
    True
    """
    old_numbers, old_phones = _figures(source)
    if not old_numbers and not old_phones:
        return True
    new_numbers, new_phones = _figures(new)
    return _within(old_numbers, new_numbers) and _within(old_phones, new_phones)
