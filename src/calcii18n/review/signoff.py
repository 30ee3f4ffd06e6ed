"""Review sign-off (design §3, docs/trust.md): who may sign, what a signature binds, and
what it changes.

Pure functions on catalogues; `review/session.py` and the CLI do the reading and writing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from calcii18n._util import sshsig
from calcii18n.checks import CheckContext, Finding, run_checks
from calcii18n.errors import Calcii18nError
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.state import REJECTED, RESOLVED, State, Verdict, classify, entry_id
from calcii18n.trust import (
    Person,
    Trust,
    content_digest,
    counts,
    identity,
    parse_signatures,
    sign,
)

_STAMP_LINE = re.compile(r"^\s*reviewed:\s+\d{4}-\d{2}-\d{2}\s.*sha256:[0-9a-f]{12,64}\s*$")
_EMAIL_IN = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


@dataclass(frozen=True, slots=True)
class Signing:
    """Who signs, in which role, for which catalogue: the signer's key, the registry
    entry that key belongs to, and the translator of record the signature will bind."""

    signer: sshsig.Signer
    person: Person
    role: str
    trust: Trust
    translator: str  # e-mail, "" when the catalogue names nobody
    translators: Mapping[MessageKey, str] = field(default_factory=dict)  # per entry (git)

    def translator_of(self, msg: Message) -> str:
        """The entry's translator of record (review/translators.py), else the file's."""
        return self.translators.get(msg.key, self.translator)


def translator_of_record(catalog: Catalog) -> str:
    """The e-mail in Last-Translator ("" if none). The reviewer's signature binds it, so
    editing the header after the review changes nothing that was signed."""
    found = _EMAIL_IN.search(catalog.header_value("Last-Translator") or "")
    address = found.group(1) if found else ""
    return "" if address.upper() == "EMAIL@ADDRESS" else identity(address)


def signing_for(signer: sshsig.Signer, role: str | None, trust: Trust,
                catalog: Catalog) -> Signing:
    """The Signing for this key, or an error naming what is missing: an unregistered
    key, a role or locale the person may not sign."""
    registry = trust.registry
    person = registry.by_key(signer.public.fingerprint)
    if person is None:
        raise Calcii18nError(signer.shown, None, f"this key ({signer.public.fingerprint}) is "
                             f"not in {registry.path}: a maintainer registers reviewers there")
    if role is None:
        usable = [r for r in trust.policy.require if r in person.roles]
        if len(usable) != 1:
            raise Calcii18nError("--role", None, f"say which role {person.shown} signs in "
                                 f"(--role; theirs: {', '.join(sorted(person.roles)) or 'none'})")
        role = usable[0]
    if person.expires is not None and trust.today > person.expires:
        raise Calcii18nError(registry.path, person.line, f"the key of {person.shown} expired "
                             f"on {person.expires}: a maintainer registers a new one")
    if not person.may_sign(role, trust.locale):
        raise Calcii18nError(registry.path, person.line, f"{person.shown} may not sign as "
                             f"{role} for {trust.locale} (roles: "
                             f"{', '.join(sorted(person.roles)) or 'none'}; locales: "
                             f"{', '.join(sorted(person.locales))})")
    return Signing(signer, person, role, trust, translator_of_record(catalog))


def reviewable(verdict: Verdict) -> bool:
    return verdict.state in (State.TRANSLATED, State.STALE)


def sign_message(msg: Message, signing: Signing) -> Message:
    """Approve: clear fuzzy and previous English, and sign the text. Old unsigned stamps,
    signatures over older text and this person's earlier signature in this role go."""
    approved = replace(msg, flags=tuple(f for f in msg.flags if f != "fuzzy"),
                       previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
    trust = signing.trust
    signature = sign(approved, signing.signer, trust.locale, trust.domain, signing.role,
                     trust.today, signing.translator_of(msg))

    def kept(comment: str) -> bool:
        """Another person's valid signature stays; anything else signed goes."""
        if _STAMP_LINE.match(comment):
            return False
        if "signed:" not in comment:
            return True
        old = parse_signatures(Message("", translator_comments=(comment,)))
        return bool(old) and all(counts(s, approved, trust) and not (
            s.key == signature.key and s.role == signature.role) for s in old)

    comments = tuple(_resolved(c, signing) for c in approved.translator_comments if kept(c))
    return replace(approved, translator_comments=(*comments, signature.comment()))


def reject_message(msg: Message, reviewer: str, today: dt.date, reason: str) -> Message:
    """Reject: the entry becomes fuzzy, loses its signatures, and the reason is kept for
    the translator as an open comment until a reviewer signs the entry again."""
    if not reason.strip():
        raise Calcii18nError("", None, "a rejection needs a reason for the translator")
    note = f"{REJECTED} {today.isoformat()} {reviewer}: {' '.join(reason.split())}"
    flags = msg.flags if msg.fuzzy else ("fuzzy", *msg.flags)
    kept = tuple(c for c in msg.translator_comments if not c.strip().startswith("signed:"))
    return replace(msg, flags=flags, translator_comments=(*kept, note))


def _resolved(comment: str, signing: Signing) -> str:
    """An open rejection, marked resolved by this signature (the disposition is kept)."""
    if not comment.strip().startswith(REJECTED) or RESOLVED in comment:
        return comment
    return (f"{comment}{RESOLVED}{signing.trust.today.isoformat()} by "
            f"{signing.person.shown}]")


def replace_message(catalog: Catalog, key: MessageKey, new: Message) -> Catalog:
    messages = tuple(new if m.key == key else m for m in catalog.messages)
    return replace(catalog, messages=messages)


@dataclass(frozen=True, slots=True)
class Plan:
    """What `review approve` would do: entries to sign, and entries it refuses, with why."""

    stamp: tuple[Message, ...]
    refused: tuple[tuple[Message, str], ...]


def _why_not(msg: Message, verdict: Verdict, signing: Signing) -> str:
    """Why this signer may not sign this entry now ('' if they may)."""
    if not reviewable(verdict):
        return f"is {verdict.state.value}: {verdict.reason}"
    mine = [s for s in parse_signatures(msg) if s.key == signing.signer.public.fingerprint
            and s.role == signing.role and s.digest == content_digest(msg)]
    if mine:
        return f"already signed by {signing.person.shown} as {signing.role}"
    if signing.trust.policy.allow_self_review:
        return ""
    translator = signing.translator_of(msg)
    if translator == identity(signing.person.email):
        return (f"{signing.person.shown} is its translator of record: a second person must "
                "sign ([review] allow_self_review is off)")
    if not translator:
        return ("the catalogue names no Last-Translator with an e-mail, so a second person "
                "cannot be shown: put the translator in Last-Translator")
    return ""


def plan_approval(catalog: Catalog, ctx: CheckContext, entry_ids: tuple[str, ...],
                  all_translated: bool, signing: Signing) -> Plan:
    """Choose entries by id (or every translated one); never an entry with a check error."""
    wanted = {e.split(":")[0] for e in entry_ids}
    expected_of = {e.split(":")[0]: e.split(":")[1] for e in entry_ids if ":" in e}
    by_id = {entry_id(m): m for m in catalog.messages}
    unknown = wanted - set(by_id)
    if unknown:
        raise Calcii18nError("", None, f"no entry with id {', '.join(sorted(unknown))} in "
                             "this catalogue (ids are shown by status, stale, check and review)")
    stamp, refused = [], []
    for msg in catalog.messages:
        verdict = classify(msg, signing.trust)
        chosen = entry_id(msg) in wanted or (all_translated and verdict.state
                                              is State.TRANSLATED)
        if not chosen:
            continue
        why = _why_not(msg, verdict, signing)
        if why:
            refused.append((msg, why))
            continue
        expected = expected_of.get(entry_id(msg))
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


def apply_approval(catalog: Catalog, plan: Plan, signing: Signing) -> Catalog:
    for msg in plan.stamp:
        catalog = replace_message(catalog, msg.key, sign_message(msg, signing))
    return catalog


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]
