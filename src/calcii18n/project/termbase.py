"""The glossary in and out as a termbase (TBX, exchange/tbx.py): `calcii18n glossary`.

Import merges by English term: a term new to the glossary is added; for a term it has,
each locale the TBX gives replaces that locale's entry (its preferred, admitted,
deprecated and forbidden terms and note), other locales stay, and the TBX's note
replaces the term's note when it has one; new do-not-translate terms are added. A merge
that would leave a term both do-not-translate and translated (the TBX says "Translation
needed: No" of a term the glossary translates, or translates one the glossary keeps) is
refused, naming both places: `check` could never pass. With `replace` the glossary
becomes the TBX's, and terms (and do-not-translate terms) it lacks are removed. Either way
`inflected` stays: it is the project's setting, not terminology. Every term whose status
changes (or that goes) is reported. The glossary is written whole with tomli_w, after
its own leading comments (or a header explaining the format), atomically and only if it
still holds what was read; on any error, or with `dry_run`, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from calcii18n._util.files import decode_text, read_bytes, read_limited, write_atomic
from calcii18n._util.tomlfile import key_lines, line_at
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.exchange import xmlsafe
from calcii18n.exchange.tbx import Termbase, glossary_to_tbx, tbx_to_glossary
from calcii18n.glossary import Concept, Glossary, LocaleTerms, parse_glossary
from calcii18n.project.layout import shown
from calcii18n.project.units import load_glossary

HEADER = """\
# The project's glossary; `calcii18n check` holds every translation to it.
# do_not_translate: terms that must appear unchanged in every translation.
# inflected: locales whose words take endings (the glossary-term warning allows them).
# [terms."english term"]: a key term, with a `note` on what it means, and per locale
# either its preferred term (es = "...") or a table of preferred and admitted terms
# (use either), deprecated and forbidden ones (an error when used), and a note.
"""


@dataclass(frozen=True, slots=True)
class TermbaseImport:
    """What `glossary import` did (or, with dry_run, would do) to the glossary."""

    glossary: str  # the glossary file, as shown
    entries: int  # concept entries read from the TBX
    added: tuple[str, ...]  # English terms new to the glossary
    changed: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]  # with replace: terms the TBX does not have
    do_not_translate: tuple[str, ...]  # do-not-translate terms new to the glossary
    dnt_kept: int  # do-not-translate terms the glossary had and still has
    dnt_removed: tuple[str, ...]  # with replace: do-not-translate terms the TBX lacks
    status_changes: tuple[str, ...]  # "'sodium thiosulfate' (es): 'x' admitted → forbidden"
    left_out: tuple[str, ...]  # what the TBX has that the glossary cannot, `path:line: why`
    written: bool


def export_termbase(cfg: Config, legacy: bool = False) -> bytes:
    """The project's glossary as TBX (2019, or the 2008 martif form with `legacy`)."""
    return glossary_to_tbx(load_glossary(cfg), legacy=legacy)


def import_termbase(cfg: Config, path: Path, *, replace: bool = False,
                    dry_run: bool = False) -> TermbaseImport:
    """Merge (or with `replace`, replace) the glossary with the TBX file at `path`, a file
    named on the command line (it may be anywhere)."""
    data = read_limited(path, str(path), xmlsafe.MAX_BYTES)  # not /dev/zero, nor a FIFO
    read = tbx_to_glossary(data, str(path))
    name = shown(cfg.glossary, cfg)
    before_bytes = (read_bytes(cfg.glossary, name, root=cfg.root)
                    if cfg.glossary.is_file() else None)
    before_text = _decode(before_bytes, name)
    before = parse_glossary(before_text, name) if before_text else Glossary()
    merged, report = _merge(before, read.glossary, replace)
    if (clash := merged.translated_but_kept()) is not None:
        raise _contradiction(clash[0].english, clash[1].locale, read, before_text, name,
                             str(path))
    text = _header(before_text) + "\n" + to_toml(merged)
    if parse_glossary(text, name) != merged:  # what is written must read back as meant
        raise Calcii18nError(name, None, "the merged glossary would not read back the "
                             "same: nothing was written (please report this)")
    written = False
    if not dry_run and merged != canonical(before):
        written = write_atomic(cfg.glossary, text, root=cfg.root, expect=before_bytes)
    return TermbaseImport(name, read.entries, *report, read.left_out, written)


def _decode(data: bytes | None, name: str) -> str:
    return "" if data is None else decode_text(data, name)


def _header(text: str) -> str:
    """The file's leading comments, or HEADER when it has none."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept) + "\n" if any(line.strip() for line in kept) else HEADER


def _contradiction(english: str, locale: str, read: Termbase, text: str, name: str,
                   path: str) -> xmlsafe.ExchangeError:
    """The error for a term the merge would make do-not-translate and translated: on the
    TBX's line, naming the glossary's (the glossary and the TBX are each consistent, so
    one says do-not-translate and the other translates)."""
    key, lines = english.casefold(), key_lines(text)
    if key in {term.casefold() for term in read.glossary.do_not_translate}:
        at = next((n for k, n in lines.items() if len(k) == 2 and k[0] == "terms"
                   and k[1].strip().casefold() == key), None)
        what = f"do-not-translate here but translated ({locale}) in {_place(name, at)}"
    else:
        at = line_at(lines, "do_not_translate")
        what = f"translated here ({locale}) but do-not-translate in {_place(name, at)}"
    return xmlsafe.ExchangeError(path, read.lines.get(key), f"{english!r} is {what}: "
                                 "nothing was written (take it out of one of the two, or use "
                                 "--replace to make the glossary the file's)")


def _place(name: str, line: int | None) -> str:
    return f"{name}:{line}" if line else name


_Report = tuple[tuple[str, ...], tuple[str, ...], int, tuple[str, ...], tuple[str, ...],
                int, tuple[str, ...], tuple[str, ...]]


def _merge(old: Glossary, new: Glossary, replace: bool) -> tuple[Glossary, _Report]:
    """The glossary after the import, and (added, changed, unchanged, removed,
    do-not-translate terms added, kept and removed, status changes)."""
    known = {c.english.casefold(): c for c in old.concepts}
    result: dict[str, Concept] = {} if replace else dict(known)
    added, changed, moves, unchanged = [], [], [], 0
    for concept in new.concepts:
        key = concept.english.casefold()
        before = known.get(key)
        after = concept if before is None or replace else _merge_concept(before, concept)
        result[key] = after
        if before is None:
            added.append(concept.english)
            continue
        moves += _status_changes(before, after)
        if after == before:
            unchanged += 1
        else:
            changed.append(after.english)
    removed = tuple(c.english for k, c in known.items() if k not in result)
    dnt_added = tuple(t for t in new.do_not_translate if t not in old.do_not_translate)
    keep = new.do_not_translate if replace else old.do_not_translate + dnt_added
    dnt_kept = sum(term in old.do_not_translate for term in keep)
    dnt_removed = tuple(t for t in old.do_not_translate if t not in keep)
    glossary = canonical(Glossary(keep, concepts=tuple(result.values()),
                                  inflected=old.inflected))
    return glossary, (tuple(added), tuple(changed), unchanged, removed, dnt_added, dnt_kept,
                      dnt_removed, tuple(moves))


def _merge_concept(before: Concept, new: Concept) -> Concept:
    locales = {entry.locale: entry for entry in before.locales}
    locales.update({entry.locale: entry for entry in new.locales})
    return Concept(before.english, tuple(locales.values()), new.note or before.note)


def _status_changes(before: Concept, after: Concept) -> list[str]:
    """Each term of `before` whose status differs in `after`, or that is gone."""
    now = {entry.locale: {t.casefold(): s for t, s in entry.by_status()}
           for entry in after.locales}
    out = []
    for entry in before.locales:
        statuses = now.get(entry.locale, {})
        for term, status in entry.by_status():
            new = statuses.get(term.casefold(), "removed")
            if new != status:
                out.append(f"{before.english!r} ({entry.locale}): {term!r} {status} → {new}")
    return out


def canonical(glossary: Glossary) -> Glossary:
    """The glossary in the order its TOML reads back in: in each term, the locales given
    as a plain text (a preferred term, no note) before those given as a table."""
    concepts = tuple(Concept(c.english, tuple(sorted(c.locales, key=lambda e: not _plain(e))),
                             c.note) for c in glossary.concepts)
    return Glossary(glossary.do_not_translate, concepts=concepts,
                    inflected=glossary.inflected)


def _plain(entry: LocaleTerms) -> bool:
    return entry.by_status() == ((entry.preferred, "preferred"),) and not entry.note


def to_toml(glossary: Glossary) -> str:
    """The glossary as locale/glossary.toml (no comments); parse_glossary reads it back
    as `canonical(glossary)`."""
    data: dict[str, Any] = {"do_not_translate": list(glossary.do_not_translate)}
    if glossary.inflected:
        data["inflected"] = list(glossary.inflected)
    terms: dict[str, Any] = {}
    for concept in glossary.concepts:
        table: dict[str, Any] = {"note": concept.note} if concept.note else {}
        for entry in concept.locales:
            table[entry.locale] = entry.preferred if _plain(entry) else {
                key: value for key, value in (
                    ("preferred", entry.preferred), ("admitted", list(entry.admitted)),
                    ("deprecated", list(entry.deprecated)),
                    ("forbidden", list(entry.forbidden)), ("note", entry.note)) if value}
        terms[concept.english] = table
    if terms:
        data["terms"] = terms
    return tomli_w.dumps(data)
