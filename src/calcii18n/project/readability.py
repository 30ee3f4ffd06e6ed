"""Readability of a project's leaflets: find the sources, score them, and with a locale
read its catalogues for the advisory scores (the measuring is leaflet.readability's)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from calcii18n import locales as locale_codes
from calcii18n._util.cache import digest
from calcii18n._util.files import read_text
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.leaflet import readability as rd
from calcii18n.leaflet.source import Leaflet, parse_leaflet
from calcii18n.project.layout import (
    cache_of,
    load_authority,
    load_leaflets,
    po_path,
    read_catalog,
    shown,
)


@dataclass(frozen=True, slots=True)
class Scored:
    """One leaflet's report, and its translation's advisory scores when a locale was asked."""

    report: rd.LeafletReport
    advisory: rd.Advisory | None


def readability(cfg: Config, leaflet: str | None, locale: str | None) -> list[Scored]:
    """Every leaflet (or the one asked for, by id or .md path), scored against smog_max."""
    code = locale_codes.normalise(locale, "--locale") if locale else None
    return [Scored(report(cfg, lf), _advisory(cfg, code, lf.id) if code else None)
            for lf in _leaflets(cfg, leaflet)]


def report(cfg: Config, leaflet: Leaflet) -> rd.LeafletReport:
    """One leaflet's scores, from the cache when the same leaflet was scored before."""
    return cache_of(cfg).get("readability", leaflet.path,
                             (digest(repr(leaflet)), repr(cfg.smog_max)),
                             lambda: rd.leaflet_report(leaflet, cfg.smog_max))


def _leaflets(cfg: Config, wanted: str | None) -> list[Leaflet]:
    if wanted is None:
        return load_leaflets(cfg)
    if wanted.endswith(".md"):
        path = Path(wanted)
        if not path.is_file():
            raise ProjectError(wanted, None, "leaflet source not found")
        name = shown(path.resolve(), cfg)
        return [parse_leaflet(read_text(path, name), name, path.stem)]
    path = cfg.sources / f"{wanted}.md"
    name = shown(path, cfg)
    if not path.is_file():
        raise ProjectError(name, None, f"no leaflet {wanted!r} in {shown(cfg.sources, cfg)}/")
    return [parse_leaflet(read_text(path, name, root=cfg.root), name, wanted)]


def _advisory(cfg: Config, code: str, leaflet_id: str) -> rd.Advisory:
    if rd.language_of(code) not in rd.VALIDATED:
        return rd.advisory(code, [], 0)
    if cfg.profile(code).readability == "none":
        return rd.Advisory(code, 0, 0, note='readability = "none" in the locale table: '
                           "human review only")
    path = po_path(cfg, code, leaflet_id)
    if not path.is_file():
        return rd.Advisory(code, 0, 0, note=f"no catalogue {shown(path, cfg)}: skipped")
    texts, entries = rd.current_translations(read_catalog(path, cfg),
                                             load_authority(cfg).of(code, leaflet_id))
    return rd.advisory(code, texts, entries)
