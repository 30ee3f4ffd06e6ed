"""Machine-translation provenance (issue 16): mark an entry as a machine's draft, and a
person's confirmation that they read it and keep it unchanged.

A pasted machine translation looks like anyone's work. Marking it keeps, for good, the
`mt:` comment with the hash of the machine's text (state.MachineDraft): while the text
is unchanged and unconfirmed the entry is FUZZY, so it is never printed and `review
approve` refuses it; the release record lists every entry that began this way. A person
clears it by editing the text, or with `mt confirm` (they read it and it is right). The
confirmation is not an approval: a registered reviewer still signs afterwards, and that
signature, not the confirmation, proves who looked (docs/trust.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.exchange.inline import protect, restore
from calcii18n.model import Catalog, Message
from calcii18n.project.layout import load_authority
from calcii18n.review.engines import Engine
from calcii18n.review.session import Session
from calcii18n.review.signoff import replace_message
from calcii18n.state import (
    MACHINE_CONFIRMED,
    State,
    classify,
    entry_id,
    machine_draft,
    mark_machine,
    text_digest,
)
from calcii18n.trust import Trust


def confirm(msg: Message, today: dt.date) -> Message:
    """A person read the machine's text and keeps it: it may now be reviewed."""
    draft = machine_draft(msg)
    if draft is None or not draft.pending:
        raise Calcii18nError("", None, f"entry {entry_id(msg)} is not an unconfirmed "
                             "machine draft")
    if msg.has_previous:
        raise Calcii18nError("", None, f"entry {entry_id(msg)}: the English changed since "
                             "the machine's draft (calcii18n stale shows how): edit the "
                             "translation instead of confirming it")
    note = f"{MACHINE_CONFIRMED} {today.isoformat()} sha256:{text_digest(msg)}"
    return replace(msg, flags=tuple(f for f in msg.flags if f != "fuzzy"),
                   translator_comments=(*msg.translator_comments, note))


@dataclass(frozen=True, slots=True)
class Marked:
    """What `mt mark` / `mt confirm` did (or would do) to one catalogue."""

    shown: str
    changed: tuple[Message, ...]
    skipped: tuple[tuple[Message, str], ...]


def _chosen(catalog: Catalog, ids: tuple[str, ...], every: bool, trust: Trust,
            confirming: bool) -> tuple[list[Message], list[tuple[Message, str]]]:
    wanted = set(ids)
    known = {entry_id(m) for m in catalog.messages}
    unknown = sorted(wanted - known)
    if unknown:
        raise Calcii18nError("", None, f"no entry with id {', '.join(unknown)} in this "
                             "catalogue (ids are shown by status, stale, check and review)")
    chosen, skipped = [], []
    for msg in catalog.messages:
        named = entry_id(msg) in wanted
        if not named and not every:
            continue
        draft = machine_draft(msg)
        state = classify(msg, trust).state
        if confirming:
            if draft is not None and draft.pending and msg.has_previous:
                skipped.append((msg, "the English changed since the machine's draft: edit "
                                     "the translation (calcii18n stale shows how)"))
            elif draft is not None and draft.pending:
                chosen.append(msg)
            elif named:
                skipped.append((msg, "not an unconfirmed machine draft"))
        elif state is State.UNTRANSLATED:
            if named:
                skipped.append((msg, "has no translation to mark"))
        elif state is State.REVIEWED and not named:
            continue  # --all never unsigns reviewed work: name it to mark it
        elif draft is not None and draft.pending:
            if named:
                skipped.append((msg, "is already marked as a machine draft"))
        else:
            chosen.append(msg)
    return chosen, skipped


def apply(cfg: Config, locale: str, leaflet: str, ids: tuple[str, ...], every: bool,
          engine: str | None, today: dt.date, dry_run: bool) -> Marked:
    """Mark (engine given) or confirm (engine None) entries of one catalogue; writes once."""
    if not ids and not every:
        raise Calcii18nError("", None, "say which entries: --entry ID (repeat it) or --all")
    session = Session.open(cfg, locale, leaflet)
    trust = load_authority(cfg).of(locale, leaflet)
    chosen, skipped = _chosen(session.catalog, ids, every, trust, engine is None)
    catalog = session.catalog
    for msg in chosen:
        new = (mark_machine(msg, today, engine) if engine is not None
               else confirm(msg, today))
        catalog = replace_message(catalog, msg.key, new)
    if chosen and not dry_run:
        session.save(catalog)
    return Marked(session.shown, tuple(chosen), tuple(skipped))


@dataclass(frozen=True, slots=True)
class Drafted:
    """What `mt draft` did (or would do) to one catalogue."""

    shown: str
    filled: tuple[Message, ...]
    lost: tuple[Message, ...]  # the engine lost a placeholder or code: left empty


def draft(cfg: Config, locale: str, leaflet: str, name: str, engine: Engine,
          today: dt.date, dry_run: bool) -> Drafted:
    """Fill every empty singular entry with the engine's text, as a machine draft."""
    session = Session.open(cfg, locale, leaflet)
    empty = [m for m in session.catalog.messages
             if m.msgid_plural is None and not any(s.strip() for s in m.msgstr)]
    masked = [protect(m.msgid) for m in empty]
    out = engine.translate([text for text, _ in masked], locale) if empty else []
    if len(out) != len(empty):
        raise Calcii18nError("--engine", None, f"the engine {name!r} gave {len(out)} "
                             f"texts for {len(empty)}")
    catalog, filled, lost = session.catalog, [], []
    for msg, (_, tokens), text in zip(empty, masked, out, strict=True):
        back = restore(text, tokens)
        if back is None or not back.strip():
            lost.append(msg)
            continue
        new = mark_machine(replace(msg, msgstr=(back,)), today, name)
        catalog = replace_message(catalog, msg.key, new)
        filled.append(new)
    if filled and not dry_run:
        session.save(catalog)
    return Drafted(session.shown, tuple(filled), tuple(lost))
