"""Review sign-off (design §3): who may sign, what a signature binds, and what it changes.

Pure functions on catalogues; `review/session.py` and the CLI do the reading and writing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from calcii18n.checks import CheckContext, Finding, run_checks
from calcii18n.errors import Calcii18nError
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.state import (
    State,
    Verdict,
    classify,
    content_digest,
    entry_id,
    make_stamp,
    parse_stamps,
)

_IDENTITY = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")
_STAMP_LINE = re.compile(r"^\s*reviewed:\s+\d{4}-\d{2}-\d{2}\s.*sha256:[0-9a-f]{12,64}\s*$")
REVIEWER_ENV = "CALCII18N_REVIEWER"


def normalise_identity(text: str, where: str) -> str:
    """'Name <email>' with single spaces, or a clear error."""
    match = _IDENTITY.match(text)
    if not match:
        raise Calcii18nError(where, None, f"reviewer {text!r} is not 'Name <email>'")
    return f"{' '.join(match.group('name').split())} <{match.group('email')}>"


def resolve_reviewer(option: str | None, env: Mapping[str, str],
                     git_identity: Callable[[], str | None]) -> str:
    """--reviewer, else $CALCII18N_REVIEWER, else git's user.name and user.email."""
    if option:
        return normalise_identity(option, "--reviewer")
    if env.get(REVIEWER_ENV):
        return normalise_identity(env[REVIEWER_ENV], REVIEWER_ENV)
    from_git = git_identity()
    if from_git:
        return normalise_identity(from_git, "git config user.name/user.email")
    raise Calcii18nError("", None, "who is reviewing? pass --reviewer 'Name <email>', set "
                         f"{REVIEWER_ENV}, or set git config user.name and user.email")


def _email(identity: str) -> str:
    match = _IDENTITY.match(identity)
    return match.group("email").lower() if match else identity.strip().lower()


def is_self_review(catalog: Catalog, reviewer: str) -> bool:
    """True when the reviewer is, or may be, the catalogue's Last-Translator: same e-mail
    address, or no translator e-mail at all (then four eyes cannot be shown)."""
    translator = catalog.header_value("Last-Translator") or ""
    if not _IDENTITY.match(translator):
        return True
    return _email(translator) == _email(reviewer)


def reviewable(verdict: Verdict) -> bool:
    return verdict.state in (State.TRANSLATED, State.STALE)


def stamp_message(msg: Message, reviewer: str, today: dt.date, self_review: bool) -> Message:
    """Approve: clear fuzzy and previous English, replace old stamps with a new one."""
    approved = replace(msg, flags=tuple(f for f in msg.flags if f != "fuzzy"),
                       previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    stamp = make_stamp(approved, today, reviewer, self_review)
    comments = tuple(c for c in approved.translator_comments if not _STAMP_LINE.match(c))
    return replace(approved, translator_comments=(*comments, stamp.comment()))


def reject_message(msg: Message, reviewer: str, today: dt.date, reason: str) -> Message:
    """Reject: the entry becomes fuzzy and the reason is kept for the translator."""
    if not reason.strip():
        raise Calcii18nError("", None, "a rejection needs a reason for the translator")
    note = f"rejected: {today.isoformat()} {reviewer}: {' '.join(reason.split())}"
    flags = msg.flags if msg.fuzzy else ("fuzzy", *msg.flags)
    return replace(msg, flags=flags, translator_comments=(*msg.translator_comments, note))


def replace_message(catalog: Catalog, key: MessageKey, new: Message) -> Catalog:
    messages = tuple(new if m.key == key else m for m in catalog.messages)
    return replace(catalog, messages=messages)


@dataclass(frozen=True, slots=True)
class Plan:
    """What `review approve` would do: entries to stamp, and entries it refuses, with why."""

    stamp: tuple[Message, ...]
    refused: tuple[tuple[Message, str], ...]


def plan_approval(catalog: Catalog, ctx: CheckContext, entry_ids: tuple[str, ...],
                  all_translated: bool) -> Plan:
    """Choose entries by id (or every translated one); never an entry with a check error."""
    wanted = {e.split(":")[0] for e in entry_ids}
    signed = {e.split(":")[0]: e.split(":")[1] for e in entry_ids if ":" in e}
    by_id = {entry_id(m): m for m in catalog.messages}
    unknown = wanted - set(by_id)
    if unknown:
        raise Calcii18nError("", None, f"no entry with id {', '.join(sorted(unknown))} in "
                             "this catalogue (ids are shown by status, stale, check and review)")
    stamp, refused = [], []
    for msg in catalog.messages:
        verdict = classify(msg)
        chosen = entry_id(msg) in wanted or (all_translated and verdict.state
                                              is State.TRANSLATED)
        if not chosen:
            continue
        if not reviewable(verdict):
            refused.append((msg, f"is {verdict.state.value}: {verdict.reason}"))
            continue
        expected = signed.get(entry_id(msg))
        if expected is not None and not content_digest(msg, 64).startswith(expected):
            refused.append((msg, f"changed since it was signed: the sheet said {expected}, "
                                 f"the catalogue now holds {content_digest(msg, 8)}"))
            continue
        errors = [f for f in run_checks(msg, ctx) if f.blocking]
        if errors:
            refused.append((msg, "check errors: " + "; ".join(
                f"[{f.check}] {f.message}" for f in errors)))
            continue
        stamp.append(msg)
    return Plan(tuple(stamp), tuple(refused))


def apply_approval(catalog: Catalog, plan: Plan, reviewer: str, today: dt.date,
                   self_review: bool) -> Catalog:
    for msg in plan.stamp:
        catalog = replace_message(catalog, msg.key,
                                  stamp_message(msg, reviewer, today, self_review))
    return catalog


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]


def stamps_of(msg: Message) -> str:
    stamps = parse_stamps(msg)
    return stamps[-1].comment() if stamps else ""
