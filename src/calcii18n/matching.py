"""Find the old message an edited block came from: an index to shortlist, rapidfuzz to score.

Scores are rapidfuzz's normalised Indel similarity (0-100) on case-folded text. Within the
same section we accept 60, the same floor msgmerge uses (its FUZZY_THRESHOLD 0.6), because
the section already vouches for the pairing; across sections we ask for 75, so that a new
sentence in another section is not handed a translation of something merely similar. No
msgctxt is no section (a catalogue from code, not from a leaflet): nothing vouches there,
so 75 holds (in Django's real catalogues, without a context, 60-75 gave 40 useful old
translations and 161 wrong ones: bench/RESULTS.md).
Each old message seeds at most one new message, best pairs first.

`similar` looks further, among all old messages (most of them still in use; a vanished
one may have seeded one edit already), for a new message nothing else explains: their
translation can only be a suggestion, so it asks more. IN_USE_CUTOFF by characters and
IN_USE_WORDS by words, a plural and its singular one word: a different word in a short
message scores high by characters alone, "Monday" and "Today" 73 (the caller's `fits`
adds its own rules: merge.figures keeps a suggestion from bringing another figure). It is
cheap, one dictionary look-up per old message, because the old messages are most of a
large catalogue.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import partial
from itertools import compress, count, product
from operator import itemgetter, methodcaller

from rapidfuzz import fuzz

SAME_SECTION_CUTOFF = 60.0
CROSS_SECTION_CUTOFF = 75.0
_SHORTLIST = 25
_SCAN_ALL_BELOW = 400
_WORD = re.compile(r"\w{2,}")
IN_USE_CUTOFF = 80.0
IN_USE_WORDS = 60.0
_BUCKET_MAX = 64  # an opening or ending shared by more old messages says nothing
_TOKEN = re.compile(r"%\(\w+\)\w|%\w|\{\w*\}|\w+")  # words and placeholders


@dataclass(frozen=True, slots=True)
class Candidate:
    """Something to match: its position in the caller's list, its context and text."""

    index: int
    context: str | None
    text: str


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


class Index:
    """Inverted word index over the old texts, to avoid scoring every pair at scale. Made
    once for texts that serve many searches (a locale's translation memory, offered to
    each of its leaflets): building it is most of a search's cost."""

    def __init__(self, olds: list[Candidate]) -> None:
        self.olds = olds
        self.folded = [o.text.casefold() for o in olds]
        self.postings: dict[str, list[int]] = defaultdict(list)
        if len(olds) > _SCAN_ALL_BELOW:  # small groups are scanned whole: no postings
            for pos, old in enumerate(olds):
                for word in _words(old.text):
                    self.postings[word].append(pos)
        self.common = max(50, len(olds) // 10)

    def shortlist(self, text: str, skip: AbstractSet[int] = frozenset()) -> list[int]:
        """The positions of the old texts sharing most words with `text`, but those in
        `skip` (left out before the cut, so they never crowd out the rest)."""
        if len(self.olds) <= _SCAN_ALL_BELOW:
            return [pos for pos in range(len(self.olds)) if pos not in skip]
        counts: Counter[int] = Counter()
        for word in _words(text):
            posting = self.postings.get(word, [])
            if len(posting) <= self.common:
                counts.update(posting)
        for pos in skip & counts.keys():
            del counts[pos]
        # Ties broken by position, not by Counter order: that follows the order of a set of
        # words, which changes with Python's string hashing, so results would differ per run.
        # Two C-level sorts (the second is stable) instead of a Python key per item.
        by_count = sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)
        return [pos for pos, _ in by_count[:_SHORTLIST]]


def match(news: list[Candidate], olds: list[Candidate]) -> dict[int, tuple[int, float]]:
    """Map new index -> (old index, score): same section first, then across the leaflet.

    An edit scoring 74 is paired within its section (floor 60) but not across sections
    (floor 75):

    >>> old = [Candidate(0, "moving", "Rest your legs often.")]
    >>> {n: (o, round(s)) for n, (o, s) in match(
    ...     [Candidate(0, "moving", "Rest your legs often during the day.")], old).items()}
    {0: (0, 74)}
    >>> match([Candidate(0, "resting", "Rest your legs often during the day.")], old)
    {}

    Each old text seeds at most one new one, the closest by characters first; the other
    new text gets nothing, although it scores 78:

    >>> found = match([Candidate(0, "dose", "Take 2 tablets daily."),
    ...                Candidate(1, "dose", "Take 1 tablet daily, with food.")],
    ...               [Candidate(7, "dose", "Take 1 tablet daily.")])
    >>> {n: (o, round(s)) for n, (o, s) in found.items()}
    {0: (7, 93)}
    """
    result: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    by_context: dict[str | None, list[Candidate]] = defaultdict(list)
    for old in olds:
        by_context[old.context].append(old)
    same = [n for n in news if n.context is not None and by_context.get(n.context)]
    _assign(same, {ctx: Index(by_context[ctx]) for ctx in {n.context for n in same}}, True,
            SAME_SECTION_CUTOFF, result, used)
    rest = [n for n in news if n.index not in result]
    if rest:  # no index when nothing is left to find: building it is the cost
        _assign(rest, {None: Index(olds)}, False, CROSS_SECTION_CUTOFF, result, used)
    return result


def across(news: list[Candidate], index: Index, skip: AbstractSet[int] = frozenset(),
           fits: Callable[[int, int], bool] | None = None) -> dict[int, tuple[int, float]]:
    """`match`'s pass across sections (cut-off CROSS_SECTION_CUTOFF) against an index made
    before, leaving out the old texts at the positions in `skip` and the pairs `fits(new
    index, old index)` refuses (before pairs are chosen, so that a refused pair leaves its
    texts to others): new index -> (old index, score), each old text seeding one at most."""
    result: dict[int, tuple[int, float]] = {}
    if news:
        _assign(news, {None: index}, False, CROSS_SECTION_CUTOFF, result, set(), skip, fits)
    return result


def _assign(news: list[Candidate], indexes: dict[str | None, Index], same: bool,
            cutoff: float, result: dict[int, tuple[int, float]], used: set[int],
            skip: AbstractSet[int] = frozenset(),
            fits: Callable[[int, int], bool] | None = None) -> None:
    pairs: list[tuple[float, int, int]] = []
    for new in news:
        index = indexes.get(new.context if same else None)
        if index is None:
            continue
        folded = new.text.casefold()
        for pos in index.shortlist(new.text, skip):
            old = index.olds[pos]
            if old.index in used:
                continue
            score = fuzz.ratio(folded, index.folded[pos], score_cutoff=cutoff)
            if score and (fits is None or fits(new.index, old.index)):
                pairs.append((score, new.index, old.index))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for score, new_index, old_index in pairs:
        if new_index in result or old_index in used:
            continue
        result[new_index] = (old_index, score)
        used.add(old_index)


# The first and the last two words of a text, case and punctuation aside (the last two
# read backwards, from a reversed slice; what separates the two is one space in the key,
# so "``a < b``" and "``a == b``" share both), by C-level maps over a bounded slice of
# each end: the old messages are a whole catalogue of up to 50,000, and a Python loop over
# them would be most of the cost of `similar`.
_TWO_WORDS = re.compile(r"\W*(\w*(?:\W+\w+)?)")
_HEAD = itemgetter(slice(0, 40))
_TAIL = itemgetter(slice(None, -41, -1))
_GROUP = methodcaller("group", 1)
_SPACED = partial(re.compile(r"\W+").sub, " ")  # "date1`` < ``date2" -> "date1 date2"
# After Harman's S-stemmer (1991): English plurals to their singular and nothing else, so
# that "Modules" and "module" are one word but "Changed" and "Change" stay two. Simpler
# than Harman's: every final "s" but "-us" and "-ss" goes, so "shoes" is "shoe" and "does"
# is "doe" (the same on both sides, and 80 by characters is still asked). Only after two
# letters, so that the "s" of "%s" and "%(count)s" stays.
_IES = partial(re.compile(r"(?<=\w\w)(?<![ae])ies\b").sub, "y")
_S = partial(re.compile(r"(?<=\w\w)(?<![us])s\b").sub, "")


def _singular(text: str) -> str:
    """`text` (case-folded) with each English plural made singular (after Harman).

    >>> _singular("modules, dictionaries and sequences; classes, status")
    'module, dictionary and sequence; classe, status'
    >>> _singular("%s of %(count)s files")
    '%s of %(count)s file'
    """
    return _S(_IES(text))


def _ends(texts: Iterable[str], cut: Callable[[str], str]) -> Iterator[str]:
    """One string per text (not a tuple of words: 50,000 tuples cost megabytes)."""
    return map(_SPACED, map(_GROUP, map(_TWO_WORDS.match, map(str.casefold, map(cut, texts)))))


def _spellings(key: str) -> list[str]:
    """Every key that `_singular` takes to `key`, a key already singular: the plurals are
    spelled out for the few new messages so that the whole catalogue's keys need not be
    made singular (that was a sixth of a merge of 50,000).

    >>> sorted(_spellings("entry"))  # "entrys" too: the stemmer folds it
    ['entries', 'entry', 'entrys']
    >>> len(_spellings("entry point")), len(_spellings("class status"))
    (6, 1)
    """
    options = [[form for form in {word, f"{word}s", f"{word[:-1]}ies"} if _singular(form) == word]
               for word in key.split(" ")]
    return [" ".join(words) for words in product(*options)]


def similar(news: list[Candidate], olds: Sequence[str],
            fits: Callable[[int, int], bool]) -> dict[int, tuple[int, float]]:
    """Map new index -> (old position, score): the closest old text that shares its first
    or its last two words (whatever stands between them, plurals made singular) with the
    new one, scores IN_USE_CUTOFF by characters and IN_USE_WORDS by words, and
    `fits(new index, old position)`. An old text may serve any number of new
    ones (it is not consumed); ties go to the earlier old text.

    >>> olds = ["Change password: %s", "Today"]
    >>> found = similar([Candidate(5, None, "Set password: %s"), Candidate(6, None, "Monday")],
    ...                 olds, lambda new, old: True)
    >>> {n: (o, round(s)) for n, (o, s) in found.items()}
    {5: (0, 80)}
    """
    if not news or not olds:
        return {}
    texts = [new.text for new in news]
    heads = [_singular(key) for key in _ends(texts, _HEAD)]
    tails = [_singular(key[::-1]) for key in _ends(texts, _TAIL)]
    by_head, by_tail = (_buckets(olds, cut, set(wanted))
                        for cut, wanted in ((_HEAD, heads), (_TAIL, tails)))
    result: dict[int, tuple[int, float]] = {}
    for new, head, tail in zip(news, heads, tails, strict=True):
        shortlist = {*by_head.get(head, ()), *by_tail.get(tail, ())}
        best = _closest(new, sorted(shortlist), olds, fits)
        if best is not None:
            result[new.index] = best
    return result


def _buckets(olds: Sequence[str], cut: Callable[[str], str],
             wanted: set[str]) -> dict[str, list[int]]:
    """Wanted key (singular) -> the positions of the old texts with that key at `cut`'s end,
    but for keys more than _BUCKET_MAX old texts share, counting every spelling of the key
    ("dialysis session" and "dialysis sessions" fill one bucket)."""
    spelled = {spelling if cut is _HEAD else spelling[::-1]: key  # as _ends gives it
               for key in wanted for spelling in _spellings(key)}
    keys = list(_ends(olds, cut))
    sizes = Counter(map(spelled.__getitem__, compress(keys, map(spelled.__contains__, keys))))
    telling = {spelling for spelling, key in spelled.items() if 0 < sizes[key] <= _BUCKET_MAX}
    buckets: dict[str, list[int]] = defaultdict(list)
    for pos in compress(count(), map(telling.__contains__, keys)):
        buckets[spelled[keys[pos]]].append(pos)
    return buckets


def _closest(new: Candidate, shortlist: list[int], olds: Sequence[str],
             fits: Callable[[int, int], bool]) -> tuple[int, float] | None:
    folded = new.text.casefold()
    words: list[str] | None = None
    best: tuple[int, float] | None = None
    for pos in shortlist:
        old_folded = olds[pos].casefold()
        score = fuzz.ratio(folded, old_folded, score_cutoff=IN_USE_CUTOFF)
        if not score or (best is not None and score <= best[1]) or not fits(new.index, pos):
            continue
        words = words if words is not None else _TOKEN.findall(_singular(folded))
        if fuzz.ratio(words, _TOKEN.findall(_singular(old_folded))) >= IN_USE_WORDS:
            best = (pos, score)
    return best
