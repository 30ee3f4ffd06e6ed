"""Coverage per locale × leaflet, computed from the one state model against the template."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.state import STATES, UNSIGNED, State, Verdict, classify
from calcii18n.trust import Trust

_WORD = re.compile(r"\w+(?:['’]\w+)*")


class ReasonKind(StrEnum):
    """Why a leaflet may not print: one kind per rule of the gate (design §4)."""

    OVERDUE = "overdue"  # the English is past its next clinical review
    WRONG_LANGUAGE = "wrong-language"  # a catalogue's Language header names another locale
    NOTHING_TRANSLATED = "nothing-translated"  # not one entry translated yet
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    STALE = "stale"
    UNREVIEWED = "unreviewed"  # translated, not reviewed
    CHECK = "check"  # a check error that is not silenced
    OUT_OF_DATE = "out-of-date"  # the catalogue needs `calcii18n update`
    UI = "ui"  # a word around the leaflet (ui domain) is not translated
    FONTS = "fonts"  # a character no installed font of the locale can print
    PAGES = "pages"  # the printed leaflet is longer than its page budget (max_pages)


KIND_OF_STATE = {State.UNTRANSLATED: ReasonKind.UNTRANSLATED, State.FUZZY: ReasonKind.FUZZY,
                 State.STALE: ReasonKind.STALE, State.TRANSLATED: ReasonKind.UNREVIEWED}


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason a leaflet may not print: its kind, where (a section, `path:line`, or a
    part such as "leaflet"), the entry's short id when it is about one entry, and words.

    >>> str(Reason(ReasonKind.STALE, "§ dose", "a1b2c3", "stale: the English changed"))
    '§ dose [a1b2c3] stale: the English changed'
    >>> str(Reason(ReasonKind.FUZZY, "leaflet", "", "2 fuzzy"))
    'leaflet: 2 fuzzy'
    """

    kind: ReasonKind
    where: str
    entry: str
    text: str

    def __str__(self) -> str:
        if self.entry:
            return f"{self.where} [{self.entry}] {self.text}"
        return f"{self.where}: {self.text}" if self.where else self.text


def word_count(text: str) -> int:
    return _WORD.subn("", text)[1]  # counts without building a list of the words


@dataclass(frozen=True, slots=True)
class Row:
    """One locale × leaflet (domain) line of the status report."""

    locale: str
    domain: str
    counts: dict[State, int]
    words: dict[State, int]
    total: int
    needs_update: bool = False
    obsolete: int = 0
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.counts[State.REVIEWED] / self.total if self.total else 100.0

    @property
    def complete(self) -> bool:
        """Every message reviewed (leaflets) — the state part of the print gate."""
        return self.counts[State.REVIEWED] == self.total

    @property
    def translated(self) -> bool:
        """Every message translated or reviewed (what `ui` needs)."""
        return self.counts[State.TRANSLATED] + self.counts[State.REVIEWED] == self.total


Entries = dict[MessageKey, tuple[Message, Verdict]]


def classified(po: Catalog | None, trust: Trust) -> Entries:
    """Every active catalogue entry by key, with its verdict (needs no template)."""
    return {m.key: (m, classify(m, trust)) for m in po.messages} if po is not None else {}


def verdicts(template: Catalog, po: Catalog | None, trust: Trust,
             entries: Entries | None = None) -> list[tuple[Message, Message | None, Verdict]]:
    """For every template message: its catalogue entry (if any) and that entry's verdict.
    `entries`: classified(po, trust) when the caller has it already."""
    found = classified(po, trust) if entries is None else entries
    out: list[tuple[Message, Message | None, Verdict]] = []
    for tmpl in template.messages:
        pair = found.get(tmpl.key)
        if pair is None:
            reason = ("no catalogue for this locale yet" if po is None
                      else "not in the catalogue yet: run calcii18n update")
            out.append((tmpl, None, Verdict(State.UNTRANSLATED, reason)))
        else:
            out.append((tmpl, *pair))
    return out


Verdicts = list[tuple[Message, Message | None, Verdict]]


def compute_row(locale: str, domain: str, template: Catalog, po: Catalog | None,
                known: Verdicts) -> Row:
    """`known`: verdicts(template, po, trust)."""
    texts: dict[State, list[str]] = {state: [] for state in STATES}
    for tmpl, _, verdict in known:
        texts[verdict.state].append(tmpl.msgid)
    counts = {state: len(texts[state]) for state in STATES}
    # One pass per state: a word never spans the newline that joins two texts.
    words = {state: word_count("\n".join(texts[state])) for state in STATES}
    wanted = {m.key for m in template.messages}
    needs_update = po is not None and any(m.key not in wanted for m in po.messages)
    needs_update = needs_update or (po is not None and len(po.messages) < len(wanted))
    reasons = [Reason(_count_kind(s, counts[s], len(template.messages)), "", "",
                      f"{counts[s]} {s.value}" + (" (not reviewed)"
                                                  if s is State.TRANSLATED else ""))
               for s in STATES if s != State.REVIEWED and counts[s]]
    unsigned = sum(1 for _, _, v in known if v.state is State.TRANSLATED and UNSIGNED in v.reason)
    if unsigned:
        reasons.append(Reason(ReasonKind.UNREVIEWED, "", "", f"{unsigned} with an old unsigned "
                              "review stamp (not reviewed: sign with review approve --key)"))
    if needs_update:
        reasons.append(OUT_OF_DATE)
    obsolete = len(po.obsolete) if po is not None else 0
    return Row(locale, domain, counts, words, len(template.messages), needs_update, obsolete,
               tuple(reasons))


def _count_kind(state: State, count: int, total: int) -> ReasonKind:
    if state is State.UNTRANSLATED and count == total:
        return ReasonKind.NOTHING_TRANSLATED
    return KIND_OF_STATE[state]


OUT_OF_DATE = Reason(ReasonKind.OUT_OF_DATE, "", "",
                     "catalogue out of date with the English: run calcii18n update")


@dataclass(frozen=True, slots=True)
class Printable:
    """Whether a leaflet may print as final, and every reason it may not."""

    ok: bool
    reasons: tuple[Reason, ...]
