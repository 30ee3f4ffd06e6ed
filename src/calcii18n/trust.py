"""Who may approve a translation, and proof that they did (docs/trust.md).

A review is a signature, not a name: the reviewer's SSH key (see _util/sshsig.py) signs the
locale, the leaflet, msgctxt, msgid, msgid_plural, every msgstr, the role, the date and the
translator of record. The signature is one translator comment (the only part of an entry
every editor and GNU tool keeps):

    # signed: 2026-12-05 clinical sha256:0a3320ef1a6a translator:ana@clinic.example
    #  key:SHA256:Jx4... sig:3q2+7w...

The people registry (`reviewers.toml`) says whose key it is, which roles they may sign in
and for which locales; the policy (`[review]` in calcii18n.toml) says which roles every
entry needs. A translator who can edit every file but holds no registered key cannot make
an entry count as reviewed: they cannot sign, a signature copied from another entry or
locale does not verify over this one, and a key the registry does not list counts for
nothing. `sha256:` is the hash of the text that was signed, so an edit after the review
reads as stale (the text changed), not as a forgery.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import permutations
from typing import Any

from calcii18n._util import sshsig
from calcii18n._util.tomlfile import key_lines, line_at, parse_toml
from calcii18n.errors import Calcii18nError
from calcii18n.model import Message

NAMESPACE = "calcii18n"  # the SSH signature namespace: our signatures mean nothing to git
FORMAT = "calcii18n-review/1"
_EMAIL = re.compile(r"[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+")
_SIGNED = re.compile(
    r"signed:\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<role>[a-z][a-z0-9-]*)\s+"
    r"sha256:(?P<digest>[0-9a-f]{12})\s+translator:(?P<translator>\S+?)\s*"
    r"key:(?P<key>SHA256:[A-Za-z0-9+/]{43})\s+sig:(?P<sig>[A-Za-z0-9+/]{86})(?:==)?")


def identity(email: str) -> str:
    """Who an e-mail address names: case and surrounding space never make two people."""
    return email.strip().casefold()


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    roles: frozenset[str]
    locales: frozenset[str]  # or {"*"}
    key: sshsig.PublicKey
    line: int
    expires: dt.date | None = None  # signatures dated after this day do not count

    def may_sign(self, role: str, locale: str) -> bool:
        return role in self.roles and ("*" in self.locales or locale in self.locales)

    @property
    def shown(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True, slots=True)
class Registry:
    """The people who may translate or sign, by key fingerprint."""

    people: tuple[Person, ...] = ()
    path: str = "reviewers.toml"

    def by_key(self, fingerprint: str) -> Person | None:
        return next((p for p in self.people if p.key.fingerprint == fingerprint), None)

    def by_email(self, email: str) -> Person | None:
        return next((p for p in self.people if identity(p.email) == identity(email)), None)


@dataclass(frozen=True, slots=True)
class Policy:
    """Which roles every entry needs (each from a different person), and whether a
    translator may review their own work. The defaults suit a two-person clinic."""

    require: tuple[str, ...] = ("clinical",)
    allow_self_review: bool = False
    max_cycle_years: int = 3  # how far next_review may lie after the English's review


@dataclass(frozen=True, slots=True)
class Trust:
    """Everything a verdict on a review depends on besides the entry itself."""

    registry: Registry
    policy: Policy
    locale: str
    domain: str
    today: dt.date = field(default_factory=dt.date.today)


def token(trust: Trust) -> str:
    """Everything a verdict depends on besides the entry, as one string: what cached check
    findings are keyed on (a new registry entry or a new day gives new verdicts)."""
    people = [[p.name, p.email, sorted(p.roles), sorted(p.locales), p.key.fingerprint,
               p.expires.isoformat() if p.expires else None] for p in trust.registry.people]
    data = json.dumps([people, list(trust.policy.require), trust.policy.allow_self_review,
                       trust.policy.max_cycle_years, trust.locale, trust.domain,
                       trust.today.isoformat()])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Authority:
    """A project's registry and policy on a given day: a Trust for any locale and domain."""

    registry: Registry = Registry()
    policy: Policy = Policy()
    today: dt.date = field(default_factory=dt.date.today)

    def of(self, locale: str, domain: str) -> Trust:
        return Trust(self.registry, self.policy, locale, domain, self.today)


def parse_registry(text: str, shown: str) -> Registry:
    """reviewers.toml: `[[person]]` tables of name, email, roles, locales and an ssh-ed25519
    public key. Anything wrong is an error on its line."""
    data = parse_toml(text, shown, what="broken people registry")
    lines = key_lines(text)
    unknown = [k for k in data if k != "person"]
    if unknown:
        raise Calcii18nError(shown, line_at(lines, unknown[0]),
                             f"unknown table {unknown[0]!r}: people are [[person]] tables")
    entries = data.get("person", [])
    if not isinstance(entries, list):
        raise Calcii18nError(shown, line_at(lines, "person"), "person must be [[person]]")
    starts = [n for n, line in enumerate(text.split("\n"), 1)
              if re.match(r"\s*\[\[\s*person\s*\]\]", line)]
    people = [_person(entry, shown, starts[i] if i < len(starts) else 1)
              for i, entry in enumerate(entries)]
    for kind, values in (("email", [identity(p.email) for p in people]),
                         ("key", [p.key.fingerprint for p in people])):
        for i, value in enumerate(values):
            if value in values[:i]:
                raise Calcii18nError(shown, people[i].line,
                                     f"a second person with the same {kind}")
    return Registry(tuple(people), shown)


def _person(entry: Any, shown: str, line: int) -> Person:
    def text_list(name: str) -> frozenset[str]:
        value = entry.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise Calcii18nError(shown, line, f"{name} must be a list of names")
        return frozenset(value)

    if not isinstance(entry, dict):
        raise Calcii18nError(shown, line, "a person must be a table")
    known = {"name", "email", "roles", "locales", "key", "expires"}
    extra = sorted(set(entry) - known)
    if extra:
        raise Calcii18nError(shown, line, f"unknown field {extra[0]!r} (known: "
                             f"{', '.join(sorted(known))})")
    name, email, key = entry.get("name"), entry.get("email"), entry.get("key")
    if not isinstance(name, str) or not name.strip():
        raise Calcii18nError(shown, line, "a person needs a name")
    if not isinstance(email, str) or not _EMAIL.fullmatch(email.strip()):
        raise Calcii18nError(shown, line, f"{name}: email must be an e-mail address")
    if not isinstance(key, str):
        raise Calcii18nError(shown, line, f"{name}: key must be an ssh-ed25519 public key "
                             "(the line of id_ed25519.pub)")
    try:
        public = sshsig.parse_public_key(key)
    except ValueError as exc:
        raise Calcii18nError(shown, line, f"{name}: key is {exc}") from None
    locales = text_list("locales") if "locales" in entry else frozenset({"*"})
    expires = entry.get("expires")
    if expires is not None and (not isinstance(expires, dt.date)
                                or isinstance(expires, dt.datetime)):
        raise Calcii18nError(shown, line, f"{name}: expires must be a date, like 2027-12-31")
    return Person(" ".join(name.split()), email.strip(), text_list("roles"), locales, public,
                  line, expires)


# --- signatures ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signature:
    """One signed review, as read from a translator comment."""

    date: dt.date
    role: str
    digest: str  # sha256 of the signed text, 12 hex digits (stale when it differs)
    translator: str  # the translator of record's e-mail, "-" if unknown
    key: str  # the signing key's fingerprint
    raw: bytes  # the 64 signature bytes

    def comment(self) -> str:
        sig = base64.b64encode(self.raw).decode().rstrip("=")
        return (f"signed: {self.date.isoformat()} {self.role} sha256:{self.digest} "
                f"translator:{self.translator} key:{self.key} sig:{sig}")


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
    data = json.dumps([msg.msgctxt, msg.msgid, msg.msgid_plural, list(msg.msgstr)],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:length]


def payload(msg: Message, locale: str, domain: str, role: str, date: dt.date,
            translator: str) -> bytes:
    """Exactly what a reviewer's key signs for one entry."""
    return json.dumps([FORMAT, locale, domain, msg.msgctxt, msg.msgid, msg.msgid_plural,
                       list(msg.msgstr), role, date.isoformat(), identity(translator)],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(msg: Message, signer: sshsig.Signer, locale: str, domain: str, role: str,
         date: dt.date, translator: str) -> Signature:
    who = identity(translator) or "-"
    raw = signer.sign(NAMESPACE, payload(msg, locale, domain, role, date,
                                         "" if who == "-" else who))
    return Signature(date, role, content_digest(msg), who, signer.public.fingerprint, raw)


def joined(comments: Iterable[str]) -> str:
    """Comments an editor may have re-wrapped, joined back: lines join with a space, except
    after a hyphen that ends a word (polib and Babel wrap `ruiz-` / `gomez@...` inside
    e-mail addresses)."""
    out = ""
    for comment in (c.strip() for c in comments):
        if out and not (out.endswith("-") and out[-2:-1].isalnum()):
            out += " "
        out += comment
    return out


def parse_signatures(msg: Message) -> tuple[Signature, ...]:
    if not any("signed:" in c for c in msg.translator_comments):
        return ()
    out = []
    for m in _SIGNED.finditer(joined(msg.translator_comments)):
        try:
            date = dt.date.fromisoformat(m.group("date"))
            raw = base64.b64decode(m.group("sig") + "==")
        except ValueError:
            continue
        out.append(Signature(date, m.group("role"), m.group("digest"), m.group("translator"),
                             m.group("key"), raw))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Review:
    """The verdict on an entry's signatures: reviewed or not, why, and what is wrong."""

    reviewed: bool
    reason: str
    signers: tuple[tuple[Signature, Person], ...] = ()  # the signatures that count
    problems: tuple[str, ...] = ()  # forged, unknown, future, not allowed: check errors
    stale: Signature | None = None  # a signature over text that has changed since
    self_review: bool = False


_UNSIGNED = Review(False, "")


def review(msg: Message, trust: Trust) -> Review:
    """Whether the signatures on `msg` make it reviewed under `trust` (see the module)."""
    if not any("signed:" in c for c in msg.translator_comments):
        return _UNSIGNED  # most entries: nothing to hash or verify
    return _signed(msg, trust)


# One process may ask about a signed entry more than once: the ui's entries by the gate of
# every leaflet of the locale, a leaflet's by the plan and then its release record (when no
# cached verdicts served the plan). The verdicts of the last entries asked about are kept.
# Both arguments are frozen values, so an entry or a trust that differs in anything is
# another key; bounded, so a pass over a big project does not keep its catalogues alive.
@lru_cache(maxsize=1 << 15)
def _signed(msg: Message, trust: Trust) -> Review:
    signatures = parse_signatures(msg)
    bad = joined(msg.translator_comments).count("signed:") - len(signatures)  # unreadable
    problems = [f"{bad} malformed signed: comment{'s' * (bad != 1)}"] if bad else []
    current = content_digest(msg)
    valid: list[tuple[Signature, Person]] = []
    for sig in signatures:
        if sig.digest != current:
            continue
        problem, person = _check(sig, msg, trust)
        if problem:
            problems.append(problem)
        elif person is not None:
            valid.append((sig, person))
    older = next((s for s in reversed(signatures) if s.digest != current), None)
    match = _cover(trust.policy.require, valid)
    if match is not None:
        selfish = any(identity(s.translator) == identity(p.email) for s, p in match)
        names = ", ".join(f"{s.role} by {p.shown} on {s.date}" for s, p in match)
        return Review(True, f"reviewed: {names}", tuple(match), tuple(problems), None,
                      selfish)
    if valid or problems:
        have = sorted({s.role for s, _ in valid})
        missing = [r for r in trust.policy.require if r not in have] or list(
            trust.policy.require)
        why = "; ".join(problems) if problems else (
            f"needs a signature in role {', '.join(missing)} from another person")
        return Review(False, f"not reviewed: {why}", (), tuple(problems), older)
    return Review(False, "", (), (), older)


def counts(sig: Signature, msg: Message, trust: Trust) -> bool:
    """Whether one signature is valid for `msg` as it is now."""
    return sig.digest == content_digest(msg) and not _check(sig, msg, trust)[0]


def _check(sig: Signature, msg: Message, trust: Trust) -> tuple[str, Person | None]:
    """What is wrong with one signature over the current text ('' if nothing)."""
    person = trust.registry.by_key(sig.key)
    if person is None:
        return f"signed with a key {trust.registry.path} does not list ({sig.key})", None
    translator = "" if sig.translator == "-" else sig.translator
    if not sshsig.verify(person.key, NAMESPACE, payload(msg, trust.locale, trust.domain,
                                                         sig.role, sig.date, translator),
                         sig.raw):
        return (f"the signature by {person.shown} does not verify for this entry in "
                f"{trust.locale}/{trust.domain} (copied, or altered)"), None
    if sig.date > trust.today:
        return f"signed by {person.shown} with a date after today ({sig.date})", None
    if person.expires is not None and sig.date > person.expires:
        return (f"signed by {person.shown} on {sig.date}, after their key expired "
                f"({person.expires})"), None
    if not person.may_sign(sig.role, trust.locale):
        return (f"{person.shown} may not sign as {sig.role} for {trust.locale} "
                f"(see {trust.registry.path})"), None
    if identity(translator) == identity(person.email) and not trust.policy.allow_self_review:
        return (f"{person.shown} signed their own translation (self-review is off: "
                "[review] allow_self_review in calcii18n.toml)"), None
    return "", person


def _cover(require: tuple[str, ...], valid: list[tuple[Signature, Person]]
           ) -> list[tuple[Signature, Person]] | None:
    """One valid signature per required role, each by a different person, or None."""
    if not require:  # no role named: any one valid signature
        return valid[-1:] or None
    for chosen in permutations(valid, len(require)):
        if all(s.role == role for (s, _), role in zip(chosen, require, strict=True)) and len(
                {identity(p.email) for _, p in chosen}) == len(chosen):
            return list(chosen)
    return None
