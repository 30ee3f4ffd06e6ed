"""Translation memory: a locale's translations in its other leaflets, or in a TMX file from
another tool, offered to a catalogue's empty entries as fuzzy suggestions with their origin.

A `Memory` is prepared once and serves every catalogue of the locale: the best
translation of each English (reviewed before merely translated, then the first), and a word
index for close matches built the first time one is asked for. `without(leaflet)` is the
same memory for one of its own leaflets, which must not be offered its own text; it costs
nothing, where filtering and indexing the memory again for each of 300 leaflets made an
update of a 300-leaflet library quadratic (33 s a locale, 45 of 57 s in the index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from calcii18n import matching
from calcii18n.merge.figures import brings_no_figure
from calcii18n.model import Catalog, Message


@dataclass(frozen=True, slots=True)
class Remembered:
    """A translation of the same locale in another leaflet, or in a TMX file from another
    tool: translation memory. It is only ever offered as a fuzzy suggestion with its
    origin, never as translated or reviewed."""

    msgid: str
    msgstr: str
    origin: str  # where it comes from, as the comment names it: a leaflet id, a TMX file
    reviewed: bool


class _Prepared:
    """What every catalogue of a locale shares: for each English, in the order first met
    (reviewed first), the best translation and the best one from another origin. Read from
    its source when first asked: a locale whose catalogues have no empty entry never needs
    it, and listing it classifies (and verifies) every entry of the locale."""

    def __init__(self, source: Iterable[Remembered] | Callable[[], Iterable[Remembered]]
                 ) -> None:
        self.source = source

    @cached_property
    def best(self) -> dict[str, tuple[Remembered, Remembered | None]]:
        source = self.source
        best: dict[str, tuple[Remembered, Remembered | None]] = {}
        for found in sorted(source() if callable(source) else source,
                            key=lambda r: not r.reviewed):
            first, other = best.get(found.msgid, (found, None))
            if other is None and found.origin != first.origin:
                other = found
            best[found.msgid] = (first, other)
        return best

    @cached_property
    def texts(self) -> list[str]:
        return list(self.best)

    @cached_property
    def index(self) -> matching.Index:
        return matching.Index([matching.Candidate(i, None, text)
                               for i, text in enumerate(self.texts)])

    @cached_property
    def only(self) -> dict[str, frozenset[int]]:
        """Origin -> the positions of the English only that origin has translated."""
        found: dict[str, set[int]] = {}
        for pos, (first, other) in enumerate(self.best.values()):
            if other is None:
                found.setdefault(first.origin, set()).add(pos)
        return {origin: frozenset(positions) for origin, positions in found.items()}


@dataclass(frozen=True, slots=True)
class Memory:
    """Translations to offer, none of them from `besides` (the catalogue being filled)."""

    prepared: _Prepared
    besides: str | None = None

    @classmethod
    def of(cls, remembered: Iterable[Remembered] | Callable[[], Iterable[Remembered]]
           ) -> Memory:
        """A memory of `remembered`: the translations, or a function that lists them when
        a catalogue first asks."""
        return cls(_Prepared(remembered))

    def without(self, origin: str) -> Memory:
        """The same memory for the catalogue `origin`: none of its own translations."""
        return replace(self, besides=origin)

    def exact(self, msgid: str) -> Remembered | None:
        """The best translation of exactly this English, reviewed first."""
        first, other = self.prepared.best.get(msgid, (None, None))
        return first if first is not None and first.origin != self.besides else other

    def close(self, news: list[matching.Candidate]) -> dict[int, Remembered]:
        """New index -> the translation of the closest English (matching's cross-section
        cut-off), each remembered English offered to one new text at most, and none that
        would bring a figure the new English lacks (`figures`)."""
        prepared = self.prepared
        if not news or not prepared.texts:
            return {}
        skip = prepared.only.get(self.besides, frozenset()) if self.besides else frozenset()
        english = {new.index: new.text for new in news}
        found = matching.across(news, prepared.index, skip, lambda new, old: brings_no_figure(
            prepared.texts[old], english[new]))
        out = {}
        for index, (pos, _) in found.items():
            remembered = self.exact(prepared.texts[pos])
            if remembered is not None:
                out[index] = remembered
        return out


def as_memory(memory: Memory | Sequence[Remembered]) -> Memory:
    return memory if isinstance(memory, Memory) else Memory.of(memory)


def offered(template: Message, msgstr: tuple[str, ...], origin: str, how: str) -> Message:
    """`template` with a translation made elsewhere: fuzzy, its origin in a comment."""
    note = f"suggested: {how} match from {origin}: check it, then clear fuzzy"
    return replace(template, msgstr=msgstr, flags=("fuzzy", *template.flags),
                   translator_comments=(*template.translator_comments, note))


def _suggestion(template: Message, found: Remembered, how: str) -> Message:
    origin = f"{found.origin}{' (reviewed there)' if found.reviewed else ''}"
    return offered(template, (found.msgstr,), origin, how)


def remembered(entries: dict[int, Message], pending: list[int],
               memory: Memory) -> dict[int, Message]:
    """Position -> a fuzzy suggestion from memory for each entry still without a
    translation: the same English first (reviewed before merely translated), then a close
    one (matching's cross-section cutoff). `entries`: what each position holds now."""
    if not pending or not memory.prepared.texts:
        return {}
    out: dict[int, Message] = {}
    rest = []
    for pos in pending:
        tmpl = entries[pos]
        if tmpl.msgid_plural is not None:
            continue  # a plural needs every form: no one-form memory for it
        found = memory.exact(tmpl.msgid)
        if found is not None:
            out[pos] = _suggestion(tmpl, found, "exact")
        else:
            rest.append(matching.Candidate(pos, tmpl.msgctxt, tmpl.msgid))
    for pos, close in memory.close(rest).items():
        out[pos] = _suggestion(entries[pos], close, "close")
    return out


def wants_suggestion(msg: Message) -> bool:
    """An entry memory may fill: no translation yet and not fuzzy (a fuzzy one is already
    someone's starting point)."""
    return not msg.has_translation and not msg.fuzzy


def suggest(catalog: Catalog, memory: Memory | Sequence[Remembered]) -> tuple[Catalog, int]:
    """The catalogue with a fuzzy suggestion from `memory` in each singular entry that has
    no translation and is not fuzzy, with its origin in a translator comment, as `merge`
    gives the entries it leaves new; and how many were filled. Pure. Nothing else is
    touched: a translated, fuzzy, plural or obsolete entry stays exactly as it was.

    >>> from calcii18n.model import Message
    >>> po = Catalog(messages=(Message("Keep it dry."), Message("Rest.", msgstr=("Repose.",))))
    >>> done, count = suggest(po, [Remembered("Keep it dry.", "Manténgalo seco.", "m.tmx",
    ...                                       False)])
    >>> count, done.messages[0].flags, done.messages[0].translator_comments
    (1, ('fuzzy',), ('suggested: exact match from m.tmx: check it, then clear fuzzy',))
    >>> done.messages[1] is po.messages[1]
    True
    """
    empty = {pos: m for pos, m in enumerate(catalog.messages) if wants_suggestion(m)}
    found = remembered(empty, sorted(empty), as_memory(memory))
    if not found:
        return catalog, 0
    messages = tuple(found.get(pos, m) for pos, m in enumerate(catalog.messages))
    return replace(catalog, messages=messages), len(found)
