"""Merge a translation with a new template, like `msgmerge --previous`, without losing text.

Rules (design §1-§2): an exact (msgctxt, msgid) match is kept untouched apart from the
template's comments and references; a block whose English was edited becomes fuzzy with
its previous text and old translation; a translation whose block is gone becomes obsolete,
and comes back exactly as it was when the same text returns.

A message that gains, loses or changes its plural English keeps its key, so it is kept
by the exact match, but not as it was: a translation becomes fuzzy with its previous
English, in the shape the template now asks for (the old singular in every form the
language has; the first translated form of an old plural), so that msgfmt accepts the
file once a translator clears the flag. An untranslated one gets empty forms and stays
plain, as msgmerge leaves it: a fuzzy flag or `#|` lines there ask for a review of nothing.

A new message that nothing above explains may resemble a message still in use (a label
reworded beside the one it was copied from, the same English in a new context), or one
the template no longer has (which seeds at most one edit: a comparison split into `==`,
`!=`, `<`... leaves the others to this): it gets that message's translation as a fuzzy
suggestion, the English it was made for named in a translator comment, never translated
and never taken from the message it came from (matching.similar says how close is close
enough, and figures.py that it brings no figure the new English lacks). GNU msgmerge draws
on those too, with the cut-off it uses for everything, and half of what it offers there is
wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from calcii18n import matching
from calcii18n._util.gcpause import gc_paused
from calcii18n.errors import Calcii18nError
from calcii18n.locales import nplurals, plural_forms
from calcii18n.merge.figures import brings_no_figure
from calcii18n.merge.memory import (
    Memory,
    Remembered,
    as_memory,
    offered,
    remembered,
    wants_suggestion,
)
from calcii18n.model import Catalog, Message, MessageKey


@dataclass(frozen=True, slots=True)
class MergeSummary:
    kept: int = 0
    new: int = 0
    stale: int = 0
    obsolete: int = 0
    resurrected: int = 0
    suggested: int = 0  # new entries given another leaflet's translation, fuzzy
    similar: int = 0  # new entries given a similar message's translation, fuzzy


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


MAX_FORMS = 10  # no language has more than 6; anything above is a broken header


def forms_of(po: Catalog) -> int:
    """How many msgstr[] forms a plural message needs in this catalogue.

    The catalogue's own Plural-Forms wins: it is what msgfmt checks the forms against.
    Without one (a catalogue made elsewhere), our table's row for its Language, the header
    `calcii18n init` would write, so the forms are already right once the header is added;
    GNU msgmerge assumes 2 there. A declared count outside 1..MAX_FORMS is a broken or
    hostile header, not a language: trusting `nplurals=1000000000` would build a billion
    strings, so such a header counts as absent.
    """
    declared = po.header_value("Plural-Forms")
    if declared and "nplurals" in declared and 1 <= nplurals(declared) <= MAX_FORMS:
        return nplurals(declared)
    language = (po.header_value("Language") or "").split("@")[0].split(".")[0].strip()
    if language:
        first, *rest = language.replace("-", "_").split("_")
        try:
            return nplurals(plural_forms("_".join([first.lower(), *rest])))
        except Calcii18nError:
            pass  # a language our table does not know: gettext's default below
    return nplurals(None)


def _from_template(template: Message, old: Message, fuzzy_mark: bool = False) -> Message:
    # Built field by field rather than with dataclasses.replace: this runs once per message.
    return Message(
        msgid=template.msgid, msgstr=old.msgstr, msgctxt=template.msgctxt,
        msgid_plural=template.msgid_plural, flags=_flags(template, old, fuzzy_mark),
        translator_comments=old.translator_comments,
        extracted_comments=template.extracted_comments, references=template.references,
        previous_msgctxt=old.previous_msgctxt, previous_msgid=old.previous_msgid,
        previous_msgid_plural=old.previous_msgid_plural, obsolete=False, line=0)


def _reshaped(msgstr: tuple[str, ...], plural: bool, forms: int) -> tuple[str, ...]:
    """A translation in the shape its message now has.

    A singular that became plural is copied into every form: each is a fair start, and
    msgfmt refuses a plural with fewer forms than Plural-Forms declares. A plural that
    became singular keeps its first translated form (msgmerge keeps msgstr[0] even when
    empty, which loses the translation). Plural to plural stays as it was: nothing lost.
    """
    if not plural:
        return (next((text for text in msgstr if text), ""),)
    return msgstr * forms if len(msgstr) == 1 else msgstr


def _carry(template: Message, old: Message, forms: int) -> Message:
    """An old message whose key the template still has, active or obsolete.

    Same plural English: kept (the exact-match rule). Otherwise the translation was made
    for other English, so it is seeded like an edited message and reshaped; an untranslated
    one is rebuilt plain, dropping a fuzzy flag or `#|` lines a foreign tool left on it.
    """
    if old.msgid_plural == template.msgid_plural:
        return _from_template(template, old)
    plural = template.msgid_plural is not None
    if old.has_translation:  # the plural English changed: a starting point only
        return replace(_seed(template, old), msgstr=_reshaped(old.msgstr, plural, forms))
    plain = _from_template(template, old)
    return replace(plain, msgstr=("",) * (forms if plural else 1),
                   flags=tuple(f for f in plain.flags if f != "fuzzy"),
                   previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)


def _seed(template: Message, old: Message) -> Message:
    """A new message pre-filled from an edited old one, fuzzy, with the previous English.

    When the old message was itself stale, its recorded previous English is kept: that is
    the text the translation was made for, so the translator's diff stays honest. The
    English, plural included, is the template's: an old msgid_plural left here would be
    printed, and the next merge would take it for the text the translation was made for.
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


@dataclass(slots=True)
class _Placed:
    """The template's messages that found their key in the old catalogue, and the rest."""

    out: list[Message | None]
    pending: list[int]
    kept: int = 0
    restaled: int = 0  # kept by key, but the plural English changed under a translation
    resurrected: int = 0


def _place_known(template: Catalog, active: dict[tuple[str | None, str], Message],
                 retired: dict[tuple[str | None, str], Message], forms: int) -> _Placed:
    """Exact (msgctxt, msgid) matches, active first, then obsolete (popped from `retired`)."""
    # Counters and lists stay local until the end: this loop runs once per message.
    out: list[Message | None] = []
    pending: list[int] = []
    kept = restaled = resurrected = 0
    for pos, tmpl in enumerate(template.messages):
        key = (tmpl.msgctxt, tmpl.msgid)
        if key in active:
            old = active[key]
            if old.msgid_plural == tmpl.msgid_plural:
                out.append(_from_template(tmpl, old))
                kept += 1
                continue
            out.append(_carry(tmpl, old, forms))
            if old.has_translation:
                restaled += 1
            else:
                kept += 1
        elif key in retired:
            out.append(_carry(tmpl, retired.pop(key), forms))
            resurrected += 1
        else:
            out.append(None)
            pending.append(pos)
    return _Placed(out, pending, kept, restaled, resurrected)


def _fuzzy_matches(template: Catalog, pending: list[int],
                   pool: list[Message]) -> dict[int, tuple[int, float]]:
    """Template position → (pool index, score); a plural only inherits from a plural."""
    matches: dict[int, tuple[int, float]] = {}
    for plural in (False, True):
        news = [matching.Candidate(p, template.messages[p].msgctxt, template.messages[p].msgid)
                for p in pending if (template.messages[p].msgid_plural is not None) == plural]
        olds = [matching.Candidate(i, m.msgctxt, m.msgid) for i, m in enumerate(pool)
                if (m.msgid_plural is not None) == plural]
        matches.update(matching.match(news, olds))
    return matches


def _quoted(text: str, limit: int = 60) -> str:
    """English for a one-line comment: spacing collapsed, cut after `limit` characters.
    ASCII quotes: one character beyond Latin-1 makes Python hold the whole written
    catalogue at two bytes a character (30 MB more at 50,000 Latin-script messages)."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[:limit].rstrip() + "..."}"'


def _similar(template: Catalog, left: list[int], po: Catalog,
             wanted: set[tuple[str | None, str]], forms: int) -> dict[int, Message]:
    """Position -> a fuzzy suggestion from a translated message of the old catalogue
    (still in the template, gone from it, or obsolete) for each new entry nothing else
    filled; the English it came from named in a comment, and whether the template still
    has it. A plural only from a plural with the forms this catalogue has."""
    if not left:
        return {}
    olds = (*po.messages, *po.obsolete)

    def fits(pos: int, index: int) -> bool:
        old = olds[index]
        if (old.msgid_plural is None) != (template.messages[pos].msgid_plural is None):
            return False
        return (not old.fuzzy and old.has_translation
                and (old.msgid_plural is None or len(old.msgstr) == forms)
                and brings_no_figure(old.msgid, template.messages[pos].msgid))

    news = [matching.Candidate(p, template.messages[p].msgctxt, template.messages[p].msgid)
            for p in left]
    out: dict[int, Message] = {}
    for pos, (index, _) in matching.similar(news, [m.msgid for m in olds], fits).items():
        found, tmpl = olds[index], template.messages[pos]
        context = "" if found.msgctxt is None else f" (context {_quoted(found.msgctxt)})"
        where = ("still in this catalogue" if (found.msgctxt, found.msgid) in wanted
                 else "gone from the template")
        out[pos] = offered(tmpl, found.msgstr, f"{_quoted(found.msgid)}{context}, {where}",
                           "exact" if found.msgid == tmpl.msgid else "close")
    return out


@gc_paused
def merge(po: Catalog, template: Catalog,
          memory: Memory | Sequence[Remembered] = ()) -> MergeResult:
    """Return the updated catalogue and what changed. Pure: neither argument is modified.
    `memory`: translations from the locale's other leaflets, offered to what stays new
    (a `Memory` prepared once serves them all: `Memory.without(leaflet)` for each)."""
    # Plain (msgctxt, msgid) tuples: equal to MessageKey and cheaper to make 100,000 times.
    active = {(m.msgctxt, m.msgid): m for m in po.messages}
    retired = {(m.msgctxt, m.msgid): m for m in po.obsolete}
    wanted = {(m.msgctxt, m.msgid) for m in template.messages}
    forms = forms_of(po)
    placed = _place_known(template, active, retired, forms)
    out, pending = placed.out, placed.pending
    vanished = [m for m in po.messages
                if (m.msgctxt, m.msgid) not in wanted and m.has_translation]
    kept_obsolete = [m for m in retired.values() if m.has_translation]
    pool = vanished + kept_obsolete
    matches = _fuzzy_matches(template, pending, pool)
    consumed: set[MessageKey] = set()
    empty = {pos: m for pos, m in enumerate(out) if m is not None and wants_suggestion(m)}
    empty |= {pos: template.messages[pos] for pos in pending if pos not in matches}
    suggested = remembered(empty, sorted(empty), as_memory(memory))
    similar = _similar(template, [p for p in pending if p not in matches and p not in suggested],
                       po, wanted, forms)
    for pos, msg in suggested.items():
        if out[pos] is not None:  # an empty entry the catalogue had: filled in place
            out[pos] = msg
    for pos in pending:
        tmpl = template.messages[pos]
        if pos in matches:
            source = pool[matches[pos][0]]
            out[pos] = _seed(tmpl, source)
            if source.key not in retired:
                consumed.add(source.key)
        elif pos in suggested:
            out[pos] = suggested[pos]
        elif pos in similar:
            out[pos] = similar[pos]
        else:
            out[pos] = replace(tmpl, msgstr=("",) * (1 if tmpl.msgid_plural is None else forms))
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
    summary = MergeSummary(kept=placed.kept, new=len(pending) - len(matches),
                           stale=len(matches) + placed.restaled,
                           obsolete=len(newly_retired), resurrected=placed.resurrected,
                           suggested=len(suggested), similar=len(similar))
    return MergeResult(catalog, summary)
