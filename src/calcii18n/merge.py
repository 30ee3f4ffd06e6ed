"""Merge a translation with a new template, like `msgmerge --previous`, without losing text.

Rules (design §1-§2): an exact (msgctxt, msgid) match is kept untouched apart from the
template's comments and references; a block whose English was edited becomes fuzzy with
its previous text and old translation; a translation whose block is gone becomes obsolete,
and comes back exactly as it was when the same text returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from calcii18n import matching
from calcii18n._util.gcpause import gc_paused
from calcii18n.locales import nplurals
from calcii18n.model import Catalog, Message, MessageKey


@dataclass(frozen=True, slots=True)
class MergeSummary:
    kept: int = 0
    new: int = 0
    stale: int = 0
    obsolete: int = 0
    resurrected: int = 0


@dataclass(frozen=True, slots=True)
class MergeResult:
    catalog: Catalog
    summary: MergeSummary


def _is_format_flag(flag: str) -> bool:
    return flag.endswith("-format")


def _flags(template: Message, old: Message, fuzzy_mark: bool) -> tuple[str, ...]:
    """Format flags come from the template; the workflow flags stay the translator's."""
    keep = [f for f in old.flags if not _is_format_flag(f)]
    if fuzzy_mark and "fuzzy" not in keep:
        keep.insert(0, "fuzzy")
    return tuple(keep) + tuple(f for f in template.flags if _is_format_flag(f))


def _from_template(template: Message, old: Message, fuzzy_mark: bool = False) -> Message:
    # Built field by field rather than with dataclasses.replace: this runs once per message.
    return Message(
        msgid=template.msgid, msgstr=old.msgstr, msgctxt=template.msgctxt,
        msgid_plural=old.msgid_plural, flags=_flags(template, old, fuzzy_mark),
        translator_comments=old.translator_comments,
        extracted_comments=template.extracted_comments, references=template.references,
        previous_msgctxt=old.previous_msgctxt, previous_msgid=old.previous_msgid,
        previous_msgid_plural=old.previous_msgid_plural, obsolete=False, line=0)


def _keep(template: Message, old: Message) -> Message:
    if old.msgid_plural == template.msgid_plural:
        return _from_template(template, old)
    # Same singular, different plural: the translation is a starting point only.
    return replace(_from_template(template, old, True), msgid_plural=template.msgid_plural,
                   previous_msgid=old.msgid, previous_msgid_plural=old.msgid_plural)


def _seed(template: Message, old: Message) -> Message:
    """A new message pre-filled from an edited old one, fuzzy, with the previous English.

    When the old message was itself stale, its recorded previous English is kept: that is
    the text the translation was made for, so the translator's diff stays honest.
    """
    prev_ctxt: str | None = old.msgctxt
    prev_id: str | None = old.msgid
    prev_plural: str | None = old.msgid_plural
    if old.fuzzy and old.has_previous:
        prev_ctxt, prev_id = old.previous_msgctxt, old.previous_msgid
        prev_plural = old.previous_msgid_plural
    merged = _from_template(template, old, True)
    return replace(merged, previous_msgctxt=prev_ctxt, previous_msgid=prev_id,
                   previous_msgid_plural=prev_plural)


def _retire(old: Message) -> Message:
    """Obsolete, as msgmerge writes it: no references, no extracted comments."""
    return replace(old, obsolete=True, references=(), extracted_comments=(), line=0)


@gc_paused
def merge(po: Catalog, template: Catalog) -> MergeResult:
    """Return the updated catalogue and what changed. Pure: neither argument is modified."""
    # Plain (msgctxt, msgid) tuples: equal to MessageKey and cheaper to make 100,000 times.
    active = {(m.msgctxt, m.msgid): m for m in po.messages}
    retired = {(m.msgctxt, m.msgid): m for m in po.obsolete}
    wanted = {(m.msgctxt, m.msgid) for m in template.messages}
    out: list[Message | None] = []
    pending: list[int] = []
    kept = resurrected = 0
    for pos, tmpl in enumerate(template.messages):
        key = (tmpl.msgctxt, tmpl.msgid)
        if key in active:
            out.append(_keep(tmpl, active[key]))
            kept += 1
        elif key in retired:
            out.append(_from_template(tmpl, retired.pop(key)))
            resurrected += 1
        else:
            out.append(None)
            pending.append(pos)
    vanished = [m for m in po.messages
                if (m.msgctxt, m.msgid) not in wanted and m.has_translation]
    memory = [m for m in retired.values() if m.has_translation]
    pool = vanished + memory
    matches: dict[int, tuple[int, float]] = {}
    for plural in (False, True):  # a plural message only inherits from a plural one
        news = [matching.Candidate(p, template.messages[p].msgctxt, template.messages[p].msgid)
                for p in pending if (template.messages[p].msgid_plural is not None) == plural]
        olds = [matching.Candidate(i, m.msgctxt, m.msgid) for i, m in enumerate(pool)
                if (m.msgid_plural is not None) == plural]
        matches.update(matching.match(news, olds))
    consumed: set[MessageKey] = set()
    for pos in pending:
        tmpl = template.messages[pos]
        if pos in matches:
            source = pool[matches[pos][0]]
            out[pos] = _seed(tmpl, source)
            if source.key not in retired:
                consumed.add(source.key)
        else:
            forms = nplurals(po.header_value("Plural-Forms")) if tmpl.msgid_plural else 1
            out[pos] = replace(tmpl, msgstr=("",) * forms)
    newly_retired = [_retire(m) for m in vanished if m.key not in consumed]
    obsolete = [m for m in po.obsolete if m.key in retired]
    keys = {m.key for m in newly_retired}
    obsolete = [m for m in obsolete if m.key not in keys] + newly_retired
    updated = po
    for name in ("Project-Id-Version", "POT-Creation-Date"):
        value = template.header_value(name)
        if value is not None:
            updated = updated.with_header(name, value)
    messages = tuple(m for m in out if m is not None)
    catalog = Catalog(updated.header, po.header_comments, po.header_flags, messages,
                      tuple(obsolete))
    summary = MergeSummary(kept=kept, new=len(pending) - len(matches), stale=len(matches),
                           obsolete=len(newly_retired), resurrected=resurrected)
    return MergeResult(catalog, summary)

