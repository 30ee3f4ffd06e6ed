"""The one state model (design §2) and review sign-off (design §3, docs/trust.md).

Every command that needs to know whether a message may be printed asks `classify`; status,
stale, checks and render can therefore never disagree. An entry is reviewed only when
signatures of registered people cover the roles the project requires (trust.review); the
old unsigned `reviewed:` stamps are read, so that status can say what they are, but make
nothing reviewed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from enum import StrEnum

from calcii18n.errors import Calcii18nError
from calcii18n.model import Message
from calcii18n.trust import Review, Trust, content_digest, review
from calcii18n.trust import joined as join_comments


class State(StrEnum):
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    STALE = "stale"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"


STATES: tuple[State, ...] = tuple(State)
UNSIGNED = "the stamp is not signed"  # an old `reviewed:` stamp: counts for nothing now

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
    """A message's state and, in words, why it is in that state. `stamp`: for a reviewed
    entry, the latest signature's date and who signed in which role; `problems`: what is
    wrong with its signatures (forged, unknown key...), which `check` reports as errors."""

    state: State
    reason: str
    stamp: Stamp | None = None
    problems: tuple[str, ...] = ()


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
        return ()  # joining never makes "reviewed:" (see trust.joined)
    joined = join_comments(msg.translator_comments)
    stamps = []
    for m in _STAMP.finditer(joined):
        try:
            date = dt.date.fromisoformat(m.group("date"))
        except ValueError:
            continue
        stamps.append(Stamp(date, " ".join(m.group("who").split()), m.group("digest"),
                            bool(m.group("self"))))
    return tuple(stamps)


MACHINE = "mt:"
MACHINE_CONFIRMED = "mt-confirmed:"
MACHINE_REASON = ("a machine draft, not yet changed or confirmed by a person: edit it, or "
                  "confirm it unchanged (calcii18n mt confirm), before it can be reviewed")
# Matched at the start of a comment (see _starting).
_MACHINE = re.compile(r"mt:\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<engine>\S+)\s+"
                      r"sha256:(?P<digest>[0-9a-f]{16,64})\b")
_CONFIRMED = re.compile(r"mt-confirmed:\s+(?P<date>\d{4}-\d{2}-\d{2})\s+"
                        r"sha256:(?P<digest>[0-9a-f]{16,64})\b")


@dataclass(frozen=True, slots=True)
class MachineDraft:
    """Where a translation began: a machine's draft (design §2, issue 16), kept as one
    translator comment for good, with the hash of the text the machine gave. While the
    text still has that hash and nobody confirmed it, the entry is FUZZY whatever its
    flags say: it is never printed and never signed.

    >>> MachineDraft(dt.date(2026, 12, 5), "xliff:memoQ", "0a3320ef1a6a55aa").comment()
    'mt: 2026-12-05 xliff:memoQ sha256:0a3320ef1a6a55aa'
    """

    date: dt.date
    engine: str
    digest: str
    changed: bool = False  # a person has edited the text since
    confirmed: dt.date | None = None  # a person kept the text unchanged, on this day

    def comment(self) -> str:
        return f"{MACHINE} {self.date.isoformat()} {self.engine} sha256:{self.digest}"

    @property
    def pending(self) -> bool:
        """Still the machine's text, and nobody has confirmed it."""
        return not self.changed and self.confirmed is None

    @property
    def outcome(self) -> str:
        if self.changed:
            return "changed by a person"
        if self.confirmed is not None:
            return f"confirmed unchanged on {self.confirmed.isoformat()}"
        return "still the machine's text"


def text_hash(text: str) -> str:
    """A translation's short hash: what a machine draft and an XLIFF export record."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def text_digest(msg: Message) -> str:
    """The hash of the translation alone (every plural form): what a machine gave."""
    return text_hash("\x00".join(msg.msgstr))


def machine_draft(msg: Message) -> MachineDraft | None:
    """The entry's machine origin (the latest `mt:` comment), or None for a person's work.

    >>> msg = Message("Rest.", msgstr=("Descanse.",))
    >>> marked = Message("Rest.", msgstr=("Descanse.",), translator_comments=(
    ...     MachineDraft(dt.date(2026, 12, 5), "fake", text_digest(msg)).comment(),))
    >>> machine_draft(marked).pending, machine_draft(msg) is None
    (True, True)
    >>> from dataclasses import replace
    >>> machine_draft(replace(marked, msgstr=("Repose.",))).outcome
    'changed by a person'
    """
    if not any(MACHINE in c for c in msg.translator_comments):
        return None
    found = None
    for text in _starting(msg.translator_comments, MACHINE):
        m = _MACHINE.match(text)
        if m is not None:
            try:
                found = MachineDraft(dt.date.fromisoformat(m.group("date")),
                                     m.group("engine"), m.group("digest"))
            except ValueError:
                continue
    if found is None:
        return None
    digest = text_digest(msg)
    if digest != found.digest[:16]:
        return replace(found, changed=True)
    for text in _starting(msg.translator_comments, MACHINE_CONFIRMED):
        m = _CONFIRMED.match(text)
        if m is not None and m.group("digest")[:16] == digest:  # confirmed this very text
            try:
                return replace(found, confirmed=dt.date.fromisoformat(m.group("date")))
            except ValueError:
                continue
    return found


def _starting(comments: tuple[str, ...], marker: str) -> list[str]:
    """Each comment that begins with `marker`, joined with the two after it (an editor may
    have wrapped it). Only a comment's start counts: the same words inside another
    comment (an agency's note quoting a tool name) are not a record."""
    return [join_comments(comments[i:i + 3]) for i, c in enumerate(comments)
            if c.lstrip().startswith(marker)]


ENGINE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                         "._:/+-")


def _provenance(comment: str) -> bool:
    text = comment.strip()
    return text.startswith((MACHINE, MACHINE_CONFIRMED, "signed:"))


def mark_machine(msg: Message, today: dt.date, engine: str) -> Message:
    """The entry as a machine's draft: fuzzy, and the `mt:` comment with its text's hash.
    Signatures go (nobody signed a machine's draft knowingly), and so do older marks.

    >>> m = mark_machine(Message("Rest.", msgstr=("Descanse.",)), dt.date(2026, 12, 5), "fake")
    >>> m.flags, m.translator_comments
    (('fuzzy',), ('mt: 2026-12-05 fake sha256:8918fddd520e75a8',))
    """
    if not engine or not set(engine) <= ENGINE_CHARS:
        raise Calcii18nError("--engine", None, f"an engine name is letters, digits and "
                             f"._:/+- only, got {engine!r}")
    draft = MachineDraft(today, engine, text_digest(msg))
    kept = tuple(c for c in msg.translator_comments if not _provenance(c))
    flags = msg.flags if msg.fuzzy else ("fuzzy", *msg.flags)
    return replace(msg, flags=flags, translator_comments=(*kept, draft.comment()))


REJECTED = "rejected:"
RESOLVED = " [resolved "


def open_rejections(msg: Message) -> list[str]:
    """A reviewer's rejections (`# rejected: DATE Name <email>: reason`) that no later
    signature has resolved: an entry with one is never reviewed."""
    if not any(REJECTED in c for c in msg.translator_comments):
        return []
    return [c.strip()[len(REJECTED):].strip() for c in msg.translator_comments
            if c.strip().startswith(REJECTED) and RESOLVED not in c]


def stamp_matches(stamp: Stamp, msg: Message) -> bool:
    return content_digest(msg, 64).startswith(stamp.digest)


def untranslated(msg: Message) -> bool:
    """classify(msg).state is UNTRANSLATED, without reading the review stamps (checks ask
    this of every entry)."""
    return msg.obsolete or not all(s.strip() for s in msg.msgstr)


def classify(msg: Message, trust: Trust) -> Verdict:
    """The state of one active message. Obsolete messages are never classified as usable.

    >>> from dataclasses import replace
    >>> from calcii18n.trust import Authority
    >>> trust = Authority().of("es", "warning-signs")
    >>> msg = Message("Painful purple patches.", msgstr=("Manchas moradas dolorosas.",),
    ...               msgctxt="symptoms")
    >>> classify(msg, trust).reason
    'translated, not reviewed'

    A review needs a signature (see trust.py; tests/test_state.py signs some). An old
    unsigned stamp whose hash matches is read, and said to be unsigned:

    >>> stamp = make_stamp(msg, dt.date(2026, 11, 20), "Ana Ruiz <ana@clinic.example>")
    >>> old = replace(msg, translator_comments=(stamp.comment(),))
    >>> verdict = classify(old, trust)
    >>> verdict.state.value, verdict.reason[:44]
    ('translated', 'reviewed on 2026-11-20 by Ana Ruiz <ana@clin')

    Fuzzy with a previous English (`#| msgid`, from merge) is stale; fuzzy without one is
    the translator's own draft; a blank msgstr is untranslated:

    >>> classify(replace(msg, flags=("fuzzy",), previous_msgid="Purple patches."),
    ...          trust).reason
    'the English changed after it was translated'
    >>> classify(replace(msg, flags=("fuzzy",)), trust).state
    <State.FUZZY: 'fuzzy'>
    >>> classify(replace(msg, msgstr=(" ",)), trust).reason
    'no translation yet'
    """
    if msg.obsolete:
        return Verdict(State.UNTRANSLATED, "obsolete entries are never used")
    if untranslated(msg):
        partial = any(s.strip() for s in msg.msgstr)
        return Verdict(State.UNTRANSLATED,
                       "some plural forms are empty" if partial else "no translation yet")
    if msg.fuzzy and msg.has_previous:  # before all else: the translation is of old English
        return Verdict(State.STALE, "the English changed after it was translated")
    machine = machine_draft(msg)
    if machine is not None and machine.pending:
        return Verdict(State.FUZZY, MACHINE_REASON)
    signed = review(msg, trust)
    if msg.fuzzy:
        if signed.stale is not None and not signed.signers:
            return Verdict(State.STALE, _changed(signed), None, signed.problems)
        return Verdict(State.FUZZY, "marked fuzzy: a draft the translator is not sure of",
                       None, signed.problems)
    rejected = open_rejections(msg)
    if signed.reviewed and rejected:  # a reviewer said no since: not until it is resolved
        return Verdict(State.TRANSLATED, f"rejected by a reviewer and not resolved since: "
                       f"{rejected[-1]}", None, signed.problems)
    if signed.reviewed:
        return Verdict(State.REVIEWED, signed.reason, _stamp(signed, msg), signed.problems)
    if signed.problems or signed.reason:
        return Verdict(State.TRANSLATED, signed.reason, None, signed.problems)
    if signed.stale is not None:
        return Verdict(State.STALE, _changed(signed))
    return _unsigned(msg)


def _unsigned(msg: Message) -> Verdict:
    """A translated entry without a signature that counts: what old unsigned stamps say."""
    stamps = parse_stamps(msg)
    unsigned = next((s for s in reversed(stamps) if stamp_matches(s, msg)), None)
    if unsigned is not None:
        return Verdict(State.TRANSLATED, f"reviewed on {unsigned.date} by {unsigned.reviewer}, "
                       f"but {UNSIGNED}: have a registered reviewer sign it "
                       "(calcii18n review approve --key)")
    if stamps:
        return Verdict(State.STALE, _mismatch(stamps[-1]))
    return Verdict(State.TRANSLATED, "translated, not reviewed")


def _stamp(signed: Review, msg: Message) -> Stamp:
    """What the page and the record say of a review: the latest date, the roles."""
    roles = ", ".join(sig.role for sig, _ in signed.signers)
    return Stamp(max(sig.date for sig, _ in signed.signers), roles, content_digest(msg),
                 signed.self_review)


def _changed(signed: Review) -> str:
    sig = signed.stale
    assert sig is not None
    return (f"text changed after the {sig.role} review of {sig.date} (the signature no "
            "longer matches)")


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
