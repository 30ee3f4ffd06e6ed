"""The project's file edges: find sources and catalogues, call the pure core, write results.

Every command computes all of its outputs first and writes only when everything succeeded,
so a bad file in the middle never leaves the project half-updated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from calcii18n import locales as locale_codes
from calcii18n._util import parallel, seen
from calcii18n._util.cache import digest
from calcii18n._util.files import (
    ChangedOnDisk,
    read_bytes,
    read_text,
    write_atomic,
    write_bytes_atomic,
)
from calcii18n._util.gcpause import gc_paused
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError, ProjectError
from calcii18n.leaflet import templates as page_templates
from calcii18n.leaflet.extract import UI_DOMAIN, format_date, leaflet_template, ui_template
from calcii18n.leaflet.source import Leaflet
from calcii18n.locales import plural_forms
from calcii18n.merge import Memory, MergeSummary, Remembered, merge
from calcii18n.model import Catalog, Message
from calcii18n.po.charset import declared_charset
from calcii18n.po.format import format_po
from calcii18n.project import settled
from calcii18n.project.layout import (
    existing_catalogues,
    load_authority,
    load_leaflets,
    locales_of,
    not_empty,
    parse_catalog,
    po_path,
    read_templates,
    require_entries,
    shown,
)
from calcii18n.state import State, classify, machine_draft
from calcii18n.trust import Authority, token

_CREATION = re.compile(r'^"POT-Creation-Date: [^"]*\\n"$', re.MULTILINE)


def creation_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)


class Action(StrEnum):
    """What a command did (or, under --check, would do) to one file."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"  # same bytes: the file was not rewritten
    EXISTS = "exists"  # `init` never overwrites a catalogue


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file: created, updated, unchanged (or would-* under --check)."""

    path: str
    action: Action
    summary: MergeSummary | None = None
    locale: str = ""
    domain: str = ""
    note: str = ""  # what else changed, e.g. "charset ISO-8859-1 → UTF-8"


def build_templates(cfg: Config, created: str,
                    leaflets: list[Leaflet] | None = None) -> dict[str, Catalog]:
    """Every template by domain: one per leaflet (`leaflets` if already loaded), plus `ui`."""
    out = {leaflet.id: leaflet_template(leaflet, leaflet.path, created)
           for leaflet in (load_leaflets(cfg) if leaflets is None else leaflets)}
    out[UI_DOMAIN] = ui_template(
        page_templates.extraction_folders(cfg.templates, shown(cfg.templates, cfg)), created)
    return out


def _same_but_date(old: str, new: str) -> bool:
    return _CREATION.sub("", old) == _CREATION.sub("", new)


def extract(cfg: Config) -> list[Outcome]:
    """Write locale/<domain>.pot for every domain; a file that would only change its
    POT-Creation-Date is left alone, so extraction is reproducible and churn-free."""
    templates = build_templates(cfg, format_date(creation_time()))
    outcomes = []
    for domain, catalog in templates.items():
        path = cfg.locale / f"{domain}.pot"
        text = format_po(catalog)
        old: str | None = None
        if path.is_file():
            try:
                old = read_text(path, shown(path, cfg), root=cfg.root)
            except Calcii18nError:  # not UTF-8: it is rewritten, as a new file would be
                old = None
        if old is not None and _same_but_date(old, text):
            outcomes.append(Outcome(shown(path, cfg), Action.UNCHANGED, domain=domain))
            continue
        write_atomic(path, text, root=cfg.root)
        outcomes.append(Outcome(shown(path, cfg), Action.CREATED if old is None else Action.UPDATED,
                                domain=domain))
    return outcomes


def new_catalog(template: Catalog, code: str, title: str, created: str,
                seed: Catalog | None = None) -> Catalog:
    """A fresh translation of `template` for locale `code`, Plural-Forms from our table.

    With `seed` (calcii18n's own translation of its default templates), every message the
    seed translates starts translated — never reviewed: no stamp is copied — and the
    seed's translator is the catalogue's translator of record, so a reviewer is a second
    person."""
    forms = locale_codes.nplurals(plural_forms(code))
    seeded = {m.key: m for m in (seed.messages if seed else ())
              if not m.fuzzy and all(m.msgstr)}

    def msgstr(m: Message) -> tuple[str, ...]:
        count = forms if m.msgid_plural else 1
        found = seeded.get(m.key)
        if found is not None and found.msgid_plural == m.msgid_plural and len(
                found.msgstr) == count:
            return found.msgstr
        return ("",) * count

    messages = tuple(
        Message(msgid=m.msgid, msgctxt=m.msgctxt, msgid_plural=m.msgid_plural,
                msgstr=msgstr(m), flags=m.flags,
                extracted_comments=m.extracted_comments, references=m.references)
        for m in template.messages)
    used = any(m.has_translation for m in messages)
    translator = (seed.header_value("Last-Translator") or "") if seed and used else ""
    header = (
        ("Project-Id-Version", template.header_value("Project-Id-Version") or ""),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", template.header_value("POT-Creation-Date") or created),
        ("PO-Revision-Date", created),
        ("Last-Translator", translator),
        ("Language-Team", ""),
        ("Language", code),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(code)),
    )
    comments: tuple[str, ...] = (
        f"{locale_codes.english_name(code)} ({locale_codes.display_name(code)}) "
        f"translation of {title}.",)
    if used:
        comments += ("Seeded from calcii18n's own translations of its default templates: "
                     "translated, not reviewed.",)
    return Catalog(header, comments, (), messages)


def fresh_catalog(domain: str, template: Catalog, code: str, created: str) -> Catalog:
    """The new catalogue `init` (and `update`, for a leaflet added later) writes; the ui
    domain starts from calcii18n's own translations where it ships them."""
    seed = page_templates.default_translations(code) if domain == UI_DOMAIN else None
    return new_catalog(template, code, _title(domain, template), created, seed)


def _title(domain: str, template: Catalog) -> str:
    if domain == UI_DOMAIN:
        return "the words printed around every leaflet"
    first = template.messages[0].msgid if template.messages else domain
    return f"the leaflet “{first}”"


def init_locale(cfg: Config, code: str) -> tuple[str, list[Outcome]]:
    """Create the missing catalogues of one locale; never overwrite an existing one."""
    code = locale_codes.normalise(code)
    templates = read_templates(cfg)
    created = format_date(creation_time())
    outcomes = []
    for domain, template in templates.items():
        path = po_path(cfg, code, domain)
        if path.exists():
            outcomes.append(Outcome(shown(path, cfg), Action.EXISTS, locale=code, domain=domain))
            continue
        text = format_po(fresh_catalog(domain, template, code, created))
        write_atomic(path, text, root=cfg.root)
        outcomes.append(Outcome(shown(path, cfg), Action.CREATED, locale=code, domain=domain))
    return code, outcomes


def translation_memory(code: str, catalogs: dict[str, Catalog],
                       authority: Authority) -> list[Remembered]:
    """Every translated or reviewed singular entry of the locale's leaflets (not its ui
    strings), for `merge` to offer where another leaflet has the same English."""
    out = []
    for domain, catalog in catalogs.items():
        if domain == UI_DOMAIN:
            continue
        trust = authority.of(code, domain)
        for msg in catalog.messages:
            if msg.msgid_plural is None and machine_draft(msg) is None:  # no machine text
                state = classify(msg, trust).state
                if state in (State.TRANSLATED, State.REVIEWED):
                    out.append(Remembered(msg.msgid, msg.msgstr[0], domain,
                                          state is State.REVIEWED))
    return out


def _read_locale(cfg: Config, files: dict[str, Path]) -> dict[str, tuple[Path, bytes]]:
    """Each catalogue the locale has: its path and bytes (compared before writing)."""
    out = {}
    for domain, path in files.items():
        name = shown(path, cfg)
        out[domain] = (path, not_empty(read_bytes(path, name, root=cfg.root), name))
    return out


def _parsed(cfg: Config, read: dict[str, tuple[Path, bytes]], templates: dict[str, Catalog],
            digests: dict[str, str]) -> dict[str, tuple[bytes, str, Catalog]]:
    """Parsed through the cache: a build's check, status and render plan decode it."""
    out = {}
    for domain, (path, data) in read.items():
        name, key = shown(path, cfg), digests[domain]
        out[domain] = (data, key, require_entries(parse_catalog(data, key, name, cfg),
                                                  templates[domain], name))
    return out


# What one `update` worker holds besides what it shares with its parent: the interpreter
# and its private copies of inherited pages, and per byte of one locale's catalogues their
# bytes, their parse, the merged catalogues and their text (9.3 bytes at its peak, traced
# on bench_update_parallel.py's locales of 10,000 messages).
UPDATE_WORKER_BASE = 64 << 20
UPDATE_WORKER_PER_BYTE = 12


@dataclass(frozen=True, slots=True)
class _Planned:
    """One catalogue's update, computed but not written."""

    path: Path
    outcome: Outcome
    data: bytes | None  # what to write: None when unchanged, and under --check
    read: str | None  # SHA-256 of the file merged; None for a catalogue made anew


@dataclass(frozen=True, slots=True)
class _Scope:
    """What every locale's plan needs, computed once (inherited by forked workers)."""

    cfg: Config
    templates: dict[str, Catalog]
    created: str
    authority: Authority
    check: bool
    templates_key: str  # settled.templates_key(templates)


def _plan_catalogue(scope: _Scope, code: str, domain: str,
                    found: tuple[bytes, str, Catalog] | None, others: Memory) -> _Planned:
    template = scope.templates[domain]
    path = po_path(scope.cfg, code, domain)
    name = shown(path, scope.cfg)
    if found is None:
        fresh = merge(fresh_catalog(domain, template, code, scope.created), template, others)
        summary = MergeSummary(new=len(template.messages), suggested=fresh.summary.suggested)
        return _Planned(path, Outcome(name, Action.CREATED, summary, code, domain),
                        None if scope.check else format_po(fresh.catalog).encode("utf-8"), None)
    old, key, catalog = found
    result = merge(catalog, template, others)
    text = format_po(result.catalog)
    data = text.encode("utf-8")
    action = Action.UNCHANGED if old == data else Action.UPDATED
    charset = declared_charset(old)  # written in UTF-8, as msgconv -t UTF-8 would
    note = (f"charset {charset} → UTF-8"
            if charset is not None and charset != declared_charset(text) else "")
    return _Planned(path, Outcome(name, action, result.summary, code, domain, note),
                    data if action is Action.UPDATED and not scope.check else None, key)


def _settled_key(scope: _Scope, code: str, digests: Mapping[str, str | None]) -> str | None:
    """settled.locale_key of the locale, if it has every catalogue (one still to create:
    the merge makes a file, so it is never settled) and each one's digest is known."""
    known = {d: key for d, key in digests.items() if key is not None}
    if set(known) != set(scope.templates):
        return None
    return settled.locale_key(code, scope.templates_key, token(scope.authority.of(code, "")),
                              known)


def _replayed(scope: _Scope, code: str, files: dict[str, Path],
              digests: Mapping[str, str | None]) -> list[_Planned] | None:
    """What merging the locale did last time, if these very catalogues are settled."""
    key = _settled_key(scope, code, digests)
    done = None if key is None else settled.load(scope.cfg, code, key, tuple[Outcome, ...])
    if done is None or [o.domain for o in done] != list(scope.templates):
        return None
    return [_Planned(files[o.domain], o, None, digests[o.domain]) for o in done]


def _plan_locale(scope: _Scope, code: str) -> list[_Planned]:
    """Every catalogue of one locale merged with its template (in a worker process when
    `update` fans out): the bytes of those that change, and what happened to each; a
    locale merged to a fixed point before, from the same inputs, is not merged again."""
    cfg, templates = scope.cfg, scope.templates
    folder = cfg.locale / code / "LC_MESSAGES"
    if not folder.is_dir():
        raise ProjectError(shown(folder, cfg), None,
                           f"locale {code} is not initialised: run calcii18n init {code}")
    files = existing_catalogues(cfg, code, set(templates))
    hashed = {d: seen.known(path) for d, path in files.items()}  # by the build: not read
    done = _replayed(scope, code, files, hashed)
    if done is not None:
        return done
    read = _read_locale(cfg, files)
    digests = {d: digest(data) for d, (_, data) in read.items()}  # each file hashed once
    done = None if digests == hashed else _replayed(scope, code, files, digests)
    if done is not None:
        return done
    key = _settled_key(scope, code, digests)
    existing = _parsed(cfg, read, templates, digests)
    # One leaflet has no other to remember from; and the memory is listed (every entry
    # classified, its signatures verified) only if some catalogue has an entry to fill.
    catalogs = {d: c for d, (_, _, c) in existing.items()}  # before the merges pop them
    memory = Memory.of((lambda: translation_memory(code, catalogs, scope.authority))
                       if sum(d != UI_DOMAIN for d in templates) >= 2 else ())
    plans = [_plan_catalogue(scope, code, domain, existing.pop(domain, None),
                             memory.without(domain))
             for domain in templates]
    if key is not None and all(p.outcome.action is Action.UNCHANGED for p in plans):
        settled.store(cfg, code, key, tuple[Outcome, ...], tuple(p.outcome for p in plans))
    return plans


def _write_planned(plan: _Planned, cfg: Config) -> None:
    """Write one planned catalogue, only if the file still holds what was merged (an
    editor's save meanwhile is never overwritten), as write_atomic's `expect` does. One
    with nothing to write is not read again: no save can be overwritten there, and most
    catalogues of a library are unchanged by an update."""
    if plan.data is None:
        return
    if plan.read is None:  # a new catalogue
        write_bytes_atomic(plan.path, plan.data, root=cfg.root)
        return
    try:
        now: bytes | None = plan.path.read_bytes()
    except OSError:
        now = None
    if now is None or digest(now) != plan.read:
        if now != plan.data:
            raise ChangedOnDisk(str(plan.path), None, "changed on disk while this command "
                                "ran (an editor saved it?): not overwritten; run the command "
                                "again")
        return  # it already holds what would be written
    write_bytes_atomic(plan.path, plan.data, root=cfg.root, expect=now)


def _locale_bytes(cfg: Config, code: str) -> int:
    total = 0
    for path in (cfg.locale / code / "LC_MESSAGES").glob("*.po"):
        with contextlib.suppress(OSError):  # a dangling link: reading it reports it
            total += path.stat().st_size
    return total


@gc_paused  # forked workers inherit the paused collector: no scan copies shared pages
def update(cfg: Config, requested: tuple[str, ...], check: bool) -> list[Outcome]:
    """Merge every catalogue of the given locales with its template (msgmerge --previous).

    The templates are parsed once; when the catalogues are big, the locales are merged in
    worker processes (one per core, as memory allows) that inherit them. Nothing is
    written until every locale is merged, so a bad catalogue anywhere leaves all files as
    they were; only the files that change are held until then, as bytes."""
    templates = read_templates(cfg)
    created = format_date(creation_time())
    scope = _Scope(cfg, templates, created, load_authority(cfg), check,
                   settled.templates_key(templates))
    codes = locales_of(cfg, requested)
    sizes = [_locale_bytes(cfg, code) for code in codes]
    per_locale = parallel.map_items(
        _plan_locale, scope, codes, sum(sizes) >= parallel.PARALLEL_FROM_BYTES,
        UPDATE_WORKER_BASE + UPDATE_WORKER_PER_BYTE * max(sizes, default=0))
    planned = [plan for plans in per_locale for plan in plans]
    if not check:
        for plan in planned:
            _write_planned(plan, cfg)
    return [plan.outcome for plan in planned]
