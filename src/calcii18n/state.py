"""The one state model (design §2) and review stamps (design §3).

Every command that needs to know whether a message may be printed asks `classify`; status,
stale, checks and render can therefore never disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from enum import StrEnum

from calcii18n.model import Message


class State(StrEnum):
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    STALE = "stale"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"


STATES: tuple[State, ...] = tuple(State)

# A stamp may be re-wrapped by an editor (Babel wraps comments), so it is searched in the
# translator comments joined by spaces, not line by line.
_STAMP = re.compile(
    r"reviewed:\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<who>.+?<[^<>\s]+@[^<>\s]+>)"
    r"(?P<self>\s+\(self-review\))?\s+sha256:(?P<digest>[0-9a-f]{12,64})\b")


@dataclass(frozen=True, slots=True)
class Stamp:
    """A reviewer's sign-off: who, when, and the hash of exactly what they approved.

    It is stored as one translator comment:

    >>> Stamp(dt.date(2026, 11, 20), "Ana Ruiz <ana@clinic.example>", "0a3320ef1a6a").comment()
    'reviewed: 2026-11-20 Ana Ruiz <ana@clinic.example> sha256:0a3320ef1a6a'
    """

    date: dt.date
    reviewer: str
    digest: str
    self_review: bool = False

    def comment(self) -> str:
        marker = " (self-review)" if self.self_review else ""
        return f"reviewed: {self.date.isoformat()} {self.reviewer}{marker} sha256:{self.digest}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A message's state and, in words, why it is in that state."""

    state: State
    reason: str
    stamp: Stamp | None = None


def content_digest(msg: Message, length: int = 12) -> str:
    """sha256 over msgctxt, msgid, msgid_plural and every msgstr, in a canonical encoding.

    Comments, flags and references are not part of it, so writing the stamp into the
    comments does not invalidate it; a change of section (msgctxt) does.

    >>> from dataclasses import replace
    >>> msg = Message("Painful purple patches.", msgstr=("Manchas moradas dolorosas.",),
    ...               msgctxt="symptoms")
    >>> content_digest(msg)
    '0a3320ef1a6a'
    >>> content_digest(replace(msg, flags=("fuzzy",), translator_comments=("note",)))
    '0a3320ef1a6a'
    >>> content_digest(replace(msg, msgctxt="later-signs")) == content_digest(msg)
    False
    """
    payload = json.dumps([msg.msgctxt, msg.msgid, msg.msgid_plural, list(msg.msgstr)],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]


def make_stamp(msg: Message, date: dt.date, reviewer: str, self_review: bool = False) -> Stamp:
    return Stamp(date, reviewer, content_digest(msg), self_review)


def parse_stamps(msg: Message) -> tuple[Stamp, ...]:
    """Every stamp in the translator comments, in order. A stamp an editor re-wrapped over
    several comment lines (even inside an e-mail address) is still found:

    >>> msg = Message("Rest.", translator_comments=(
    ...     "reviewed: 2026-11-20 Ana Ruiz-", "Gomez <ana.ruiz-", "gomez@clinic.example>",
    ...     "sha256:0a3320ef1a6a"))
    >>> parse_stamps(msg)[0].reviewer
    'Ana Ruiz-Gomez <ana.ruiz-gomez@clinic.example>'
    >>> parse_stamps(Message("Rest.", translator_comments=("reviewed by Ana",)))
    ()
    """
    if not any("reviewed:" in c for c in msg.translator_comments):
        return ()  # joining never makes "reviewed:" (see _join_comments)
    joined = _join_comments(msg.translator_comments)
    stamps = []
    for m in _STAMP.finditer(joined):
        try:
            date = dt.date.fromisoformat(m.group("date"))
        except ValueError:
            continue
        stamps.append(Stamp(date, " ".join(m.group("who").split()), m.group("digest"),
                            bool(m.group("self"))))
    return tuple(stamps)


def _join_comments(comments: tuple[str, ...]) -> str:
    """Undo an editor's re-wrapping: lines join with a space, except after a hyphen that
    ends a word (polib and Babel wrap `ruiz-` / `gomez@...` inside e-mail addresses)."""
    out = ""
    for comment in (c.strip() for c in comments):
        if out and not (out.endswith("-") and out[-2:-1].isalnum()):
            out += " "
        out += comment
    return out


def stamp_matches(stamp: Stamp, msg: Message) -> bool:
    return content_digest(msg, 64).startswith(stamp.digest)


def untranslated(msg: Message) -> bool:
    """classify(msg).state is UNTRANSLATED, without reading the review stamps (checks ask
    this of every entry)."""
    return msg.obsolete or not all(s.strip() for s in msg.msgstr)


def classify(msg: Message) -> Verdict:
    """The state of one active message. Obsolete messages are never classified as usable.

    >>> from dataclasses import replace
    >>> msg = Message("Painful purple patches.", msgstr=("Manchas moradas dolorosas.",),
    ...               msgctxt="symptoms")
    >>> classify(msg)
    Verdict(state=<State.TRANSLATED: 'translated'>, reason='translated, not reviewed', stamp=None)

    A stamp whose hash matches the text makes it reviewed; any later edit of the
    translation (or of the English, or of its section) makes it stale:

    >>> stamp = make_stamp(msg, dt.date(2026, 11, 20), "Ana Ruiz <ana@clinic.example>")
    >>> reviewed = replace(msg, translator_comments=(stamp.comment(),))
    >>> classify(reviewed).reason
    'reviewed on 2026-11-20 by Ana Ruiz <ana@clinic.example>'
    >>> classify(replace(reviewed, msgstr=("Manchas moradas.",))).state
    <State.STALE: 'stale'>

    Fuzzy with a previous English (`#| msgid`, from merge) is stale; fuzzy without one is
    the translator's own draft; a blank msgstr is untranslated:

    >>> classify(replace(msg, flags=("fuzzy",), previous_msgid="Purple patches.")).reason
    'the English changed after it was translated'
    >>> classify(replace(msg, flags=("fuzzy",))).state
    <State.FUZZY: 'fuzzy'>
    >>> classify(replace(msg, msgstr=(" ",))).reason
    'no translation yet'
    """
    if msg.obsolete:
        return Verdict(State.UNTRANSLATED, "obsolete entries are never used")
    if untranslated(msg):
        partial = any(s.strip() for s in msg.msgstr)
        return Verdict(State.UNTRANSLATED,
                       "some plural forms are empty" if partial else "no translation yet")
    stamps = parse_stamps(msg)
    valid = next((s for s in reversed(stamps) if stamp_matches(s, msg)), None)
    last = stamps[-1] if stamps else None
    if msg.fuzzy:
        if msg.has_previous:
            return Verdict(State.STALE, "the English changed after it was translated", last)
        if stamps and valid is None:
            return Verdict(State.STALE, _mismatch(last), last)
        return Verdict(State.FUZZY, "marked fuzzy: a draft the translator is not sure of", valid)
    if valid is not None:
        return Verdict(State.REVIEWED, f"reviewed on {valid.date} by {valid.reviewer}", valid)
    if last is not None:
        return Verdict(State.STALE, _mismatch(last), last)
    return Verdict(State.TRANSLATED, "translated, not reviewed")


def _mismatch(stamp: Stamp | None) -> str:
    if stamp is None:
        return "review stamp does not match"
    return (f"text changed after the review of {stamp.date} by {stamp.reviewer} "
            "(stamp no longer matches)")


def entry_id(msg: Message) -> str:
    """A short id for one message, stable while its section and English text stay the same.

    >>> a = Message("Painful purple patches.", msgctxt="symptoms")
    >>> entry_id(a)
    '8434426'
    >>> entry_id(a) == entry_id(Message("Painful purple patches.", msgstr=("Manchas",),
    ...                                 msgctxt="symptoms", flags=("fuzzy",)))
    True
    """
    key = f"{msg.msgctxt or ''}\x04{msg.msgid}".encode()
    return hashlib.sha256(key).hexdigest()[:7]
