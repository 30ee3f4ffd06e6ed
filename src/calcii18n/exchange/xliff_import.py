"""What returned XLIFF may change in our catalogues, decided on values (issue 16).

Each unit is placed by its id (xliff.unit_id): the entry id is a hash of the section and
the English, so the unit's own source must hash to it. If it does not, the agency's tool
changed the source: that unit is refused and reported, the others still come in. An id
that names no leaflet of ours, or whose source matches nothing we ever exported, means
a file for another project: the whole import stops, nothing written.

A target becomes the entry's translation and **never** an approval:

- still today's English: translated (fuzzy where the agency itself said it is not done);
  a target equal to the one exported (the base note) is no edit, so our own later fix
  stays; an entry changed here and by the agency is refused, to be merged by hand;
- the English changed since the export: the entry `update` left with that English as
  its previous English gets it, fuzzy, so `stale` shows the difference (nothing looser:
  a close match could be a neighbour with its own unit);
- the tool says machine translation (`state-qualifier`, `subState`): a machine draft;
- the agency's `final` / `signed-off` / `reviewed`: kept as a note, "revised by agency";
  the entry is signed only by our reviewers, as any other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from calcii18n.exchange.xliff import unit_id
from calcii18n.exchange.xliff_read import ReturnedFile, ReturnedUnit
from calcii18n.exchange.xmlsafe import ExchangeError
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.state import entry_id, mark_machine, text_hash
from calcii18n.trust import parse_signatures

AGENCY = "revised by agency:"


@dataclass(frozen=True, slots=True)
class Change:
    unit: ReturnedUnit
    entry: str  # today's entry id
    what: str  # in words: "translated", "fuzzy: the English changed since the export"...


@dataclass(frozen=True, slots=True)
class Refusal:
    unit: ReturnedUnit
    reason: str


@dataclass(frozen=True, slots=True)
class ImportPlan:
    catalogs: dict[str, Catalog]  # only the leaflets that change
    changes: tuple[Change, ...]
    unchanged: int
    refused: tuple[Refusal, ...]


class _Index:
    """One leaflet's entries by entry id and by section (as unit ids spell it)."""

    def __init__(self, leaflet: str, catalog: Catalog) -> None:
        singular = [m for m in catalog.messages if m.msgid_plural is None]  # as exported
        self.by_id = {entry_id(m): m for m in singular}
        self.sections: dict[str, list[Message]] = {}
        for m in singular:
            self.sections.setdefault(unit_id(leaflet, m).rpartition(":")[0], []).append(m)


def _placed(unit: ReturnedUnit, index: _Index) -> tuple[Message | None, bool, str]:
    """(today's entry, whether its English changed since the export, why not placed)."""
    leaflet, _, rest = unit.id.partition(":")
    section, _, ident = rest.rpartition(":")
    same = index.sections.get(f"{leaflet}:{section}", [])
    if leaflet != unit.leaflet or not ident or not same:
        return None, False, "unknown"
    ours = any(entry_id(Message(unit.source, msgctxt=c)) == ident
               for c in {m.msgctxt for m in same})
    current = index.by_id.get(ident)
    if current is not None:
        if not ours:
            return None, False, ("the agency's tool changed the English source text: "
                                 "translate the English as it is, never a changed copy")
        return current, False, ""
    if not ours:
        return None, False, "unknown"
    # The English changed since: `update` left the old English on the entry (#| msgid).
    # Nothing looser: a close match could land on a neighbour with its own unit.
    stale = next((m for m in same if m.previous_msgid == unit.source), None)
    if stale is not None:
        return stale, True, ""
    return None, False, ("its English is no longer in the leaflet as it was exported "
                         "(removed or changed since, and no entry keeps it as its previous "
                         "English: run calcii18n update, then import again)")


def _applied(msg: Message, unit: ReturnedUnit, changed_english: bool, tool: str,
             today: dt.date) -> tuple[Message, str]:
    target = unit.target or ""
    fuzzy = changed_english or unit.unfinished
    flags = tuple(f for f in msg.flags if f != "fuzzy")
    new = replace(msg, msgstr=(target,), flags=("fuzzy", *flags) if fuzzy else flags,
                  previous_msgctxt=msg.msgctxt if changed_english else None,
                  previous_msgid=unit.source if changed_english else None,
                  previous_msgid_plural=None)
    what = ("fuzzy: the English changed since the export" if changed_english
            else "fuzzy: the agency marked it unfinished" if unit.unfinished else "translated")
    if unit.machine:
        engine = "xliff:" + ("-".join(re.findall(r"[A-Za-z0-9._+]+", tool))[:32] or "agency")
        new = mark_machine(new, today, engine)
        what = "machine draft (the agency's tool says machine translation)"
    comments = tuple(c for c in new.translator_comments if not c.startswith(AGENCY))
    if unit.agency_done:
        comments += (f"{AGENCY} {today.isoformat()} (XLIFF state {unit.state or 'approved'}"
                     f"{', ' + tool if tool else ''}): not a review here",)
        what += ", revised by agency"
    return replace(new, translator_comments=comments), what


def _verdict(msg: Message, unit: ReturnedUnit, changed_english: bool) -> str:
    """"apply", "same" (nothing to do) or why the unit is refused. The base note says
    which translation the export carried: a target still equal to it is no edit of the
    agency's (our own later fix is kept), and an entry changed on both sides is refused."""
    target = unit.target or ""
    if not target:
        return "same"
    here = msg.msgstr[0]
    if unit.base is not None and not changed_english:
        agency_edited = text_hash(target) != unit.base
        if not agency_edited:
            return "apply" if here == target and _news(msg, unit) else "same"
        if text_hash(here) != unit.base and here != target:
            return ("changed here since the export and by the agency: compare the two "
                    "and merge by hand (nothing taken)")
    if target == here and not changed_english:
        return "apply" if _news(msg, unit) else "same"
    return "apply"


def _news(msg: Message, unit: ReturnedUnit) -> bool:
    """Whether a unit whose text we already hold still tells us something: only an
    agency's revision of an entry none of our reviewers has signed (a machine qualifier on
    our own text, or the signed-off we wrote ourselves, coming back, is no news)."""
    return unit.agency_done and not parse_signatures(msg) and not any(
        c.startswith(AGENCY) for c in msg.translator_comments)


def plan_import(returned: ReturnedFile, path: str, catalogs: Mapping[str, Catalog],
                today: dt.date) -> ImportPlan:
    """What importing `returned` into today's catalogues (by leaflet) would do. Raises
    ExchangeError (nothing may be written) for a file that is not for these catalogues."""
    for leaflet, line in returned.leaflets:
        if leaflet not in catalogs:
            raise ExchangeError(path, line, f"no leaflet {leaflet!r} in this project: a file "
                                "for another project? Nothing imported")
    indexes = {leaflet: _Index(leaflet, c) for leaflet, c in catalogs.items()}
    edits: dict[str, dict[MessageKey, Message]] = {}
    changes, refused, unchanged, unknown = [], [], 0, []
    for unit in returned.units:
        msg, changed_english, why = _placed(unit, indexes[unit.leaflet])
        if why == "unknown":
            unknown.append(unit)
            continue
        if msg is None:
            refused.append(Refusal(unit, why))
            continue
        done = edits.setdefault(unit.leaflet, {})
        if msg.key in done:
            refused.append(Refusal(unit, "a second unit for the same entry"))
            continue
        verdict = _verdict(msg, unit, changed_english)
        if verdict == "same":
            unchanged += 1
            continue
        if verdict != "apply":
            refused.append(Refusal(unit, verdict))
            continue
        new, what = _applied(msg, unit, changed_english, returned.tool, today)
        if new == msg:
            unchanged += 1
            continue
        done[msg.key] = new
        changes.append(Change(unit, entry_id(new), what))
    if unknown:
        more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
        raise ExchangeError(path, unknown[0].line, f"unit {unknown[0].id!r} matches no entry "
                            f"this project exported{more}: a file for another project or "
                            "an edited id; nothing imported")
    out = {leaflet: replace(catalogs[leaflet], messages=tuple(
        done.get(m.key, m) for m in catalogs[leaflet].messages))
        for leaflet, done in edits.items() if done}
    return ImportPlan(out, tuple(changes), unchanged, tuple(refused))
