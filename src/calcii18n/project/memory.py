"""Translation memory in and out of the project as TMX 1.4 (issue 16).

Out (`export_tmx`): a memory another tool (Poedit, OmegaT, an agency's CAT tool) will
reuse must not carry drafts: only entries whose signatures make them reviewed go out, each
with where it came from and who approved it as TMX `<prop>`s. Fuzzy, stale and merely
translated entries never do, and neither does any entry that began as a machine's draft,
even once a person changed or confirmed it and a reviewer signed it (machine text is
kept out of every memory, as Zanata and Weblate keep it).

In (`import_tmx`): a TMX from outside fills the leaflets' empty entries the way `update`
fills them from the locale's other leaflets: each becomes a fuzzy suggestion with the file
it came from in a translator comment, never translated, never reviewed, whatever the file
says of its units. Translated and fuzzy entries, plural ones and the ui strings are never
touched. Everything is read and computed first; nothing is written if anything fails,
nor if any catalogue changed on disk meanwhile (an editor saved it): every one is checked
before the first is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calcii18n._util.files import read_limited, write_all_atomic
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.exchange import xmlsafe
from calcii18n.exchange.tmx import TmxEntry, TmxMemory, read_tmx, translations, write_tmx
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.merge import Memory, Remembered, suggest
from calcii18n.po.format import format_po
from calcii18n.project.layout import (
    catalog_bytes,
    domains,
    existing_catalogues,
    load_authority,
    locales_of,
    parse_catalog,
    shown,
)
from calcii18n.project.units import require_leaflet, units
from calcii18n.state import State, classify, entry_id, machine_draft


@dataclass(frozen=True, slots=True)
class Exported:
    tmx: bytes
    units: int
    locales: tuple[str, ...]
    machine: int = 0  # reviewed entries left out because they began as machine drafts


def export_tmx(cfg: Config, requested: tuple[str, ...], leaflet: str | None,
               version: str) -> Exported:
    """Every reviewed entry of the locales in scope, one `<tu>` per locale and entry."""
    authority = load_authority(cfg)
    entries: list[TmxEntry] = []
    seen: list[str] = []
    machine = 0
    for unit in units(cfg, requested, leaflet):
        if unit.catalog is None or leaflet not in (None, unit.domain):
            continue
        trust = authority.of(unit.locale, unit.domain)
        for msg in unit.catalog.messages:
            verdict = classify(msg, trust)
            if verdict.state is not State.REVIEWED or msg.msgid_plural is not None:
                continue
            if machine_draft(msg) is not None:  # machine text never enters a memory
                machine += 1
                continue
            stamp = verdict.stamp
            entries.append(TmxEntry(
                unit.locale, unit.domain, msg.msgctxt or "", msg.msgid, msg.msgstr[0],
                stamp.date.isoformat() if stamp else "", stamp.reviewer if stamp else "",
                f"{unit.locale}:{unit.domain}:{entry_id(msg)}"))
        if unit.locale not in seen:
            seen.append(unit.locale)
    return Exported(write_tmx(entries, version), len(entries), tuple(seen), machine)


@dataclass(frozen=True, slots=True)
class Suggested:
    """One catalogue the import fills (or, with --dry-run, would fill)."""

    locale: str
    leaflet: str
    path: str  # as users see it
    count: int  # entries given a fuzzy suggestion


@dataclass(frozen=True, slots=True)
class Imported:
    """What `tm import` did: the catalogues it changed and what it could not use."""

    source: str  # the TMX file, as named on the command line
    units: int  # translation units with English
    no_english: int  # units skipped: no English segment
    no_language: tuple[tuple[str, int], ...]  # (locale, units without that language)
    changed: tuple[Suggested, ...]
    dry_run: bool

    @property
    def total(self) -> int:
        return sum(s.count for s in self.changed)


def memory_for(memory: TmxMemory, code: str, origin: str) -> tuple[list[Remembered], int]:
    """The TMX's translations into `code` as memory `suggest` offers, never reviewed (the
    file's own word on a unit is only quoted: "marked approved there"); and how many
    units have no translation for the locale."""
    found, missing = translations(memory, code)
    return [Remembered(f.english, f.text,
                       f"{origin} (marked {f.status} there)" if f.status else origin, False)
            for f in found], missing


def import_tmx(cfg: Config, path: Path, requested: tuple[str, ...], leaflet: str | None,
               dry_run: bool) -> Imported:
    """Fill the empty entries of each leaflet catalogue of the locales in scope (all the
    project's, by default) with fuzzy suggestions from the TMX at `path`."""
    name = str(path)
    # A file named on the command line: a regular one of bounded size (not /dev/zero).
    memory = read_tmx(read_limited(path, name, xmlsafe.MAX_BYTES), name)
    origin = " ".join(path.name.split()) or "the TMX file"
    every = domains(cfg)
    require_leaflet(leaflet, [d for d in every if d != UI_DOMAIN])  # ui: never filled
    wanted = {leaflet} if leaflet else set(every) - {UI_DOMAIN}
    planned: list[tuple[Path, str, bytes, Suggested]] = []
    no_language: list[tuple[str, int]] = []
    for code in locales_of(cfg, requested):
        folder = cfg.locale / code / "LC_MESSAGES"
        if not folder.is_dir():
            raise ProjectError(shown(folder, cfg), None,
                               f"locale {code} is not initialised: run calcii18n init {code}")
        remembered, missing = memory_for(memory, code, origin)
        prepared = Memory.of(remembered)  # once for every catalogue of the locale
        no_language.append((code, missing))
        for domain, po in existing_catalogues(cfg, code, set(every)).items():
            if domain not in wanted:
                continue
            data, key = catalog_bytes(po, cfg)
            catalog, count = suggest(parse_catalog(data, key, shown(po, cfg), cfg), prepared)
            if count:
                planned.append((po, format_po(catalog), data,
                                Suggested(code, domain, shown(po, cfg), count)))
    if not dry_run:  # all, each only if nobody saved it meanwhile; else none
        write_all_atomic([(po, text, read) for po, text, read, _ in planned], root=cfg.root)
    return Imported(name, len(memory.units), memory.no_english, tuple(no_language),
                    tuple(s for *_, s in planned), dry_run)
