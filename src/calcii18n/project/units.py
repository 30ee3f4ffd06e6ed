"""One locale × domain at a time: which catalogues a command works on, read with their
templates, and the glossary the checks use. The ground status, check, stale and render
stand on."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from calcii18n._util import parallel
from calcii18n._util.files import read_text
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.glossary import Glossary, parse_glossary
from calcii18n.leaflet.extract import UI_DOMAIN, format_date
from calcii18n.leaflet.source import Leaflet
from calcii18n.model import Catalog
from calcii18n.project.layout import (
    domains,
    existing_catalogues,
    load_catalog,
    locales_of,
    po_path,
    read_templates,
    require_entries,
    shown,
)
from calcii18n.project.write import build_templates, creation_time


def load_glossary(cfg: Config) -> Glossary:
    if not cfg.glossary.is_file():
        return Glossary()
    name = shown(cfg.glossary, cfg)
    return parse_glossary(read_text(cfg.glossary, name, root=cfg.root), name)


@dataclass(frozen=True, slots=True)
class Unit:
    """One locale × domain: its template, catalogue (if any) and where that lives."""

    locale: str
    domain: str
    template: Catalog
    catalog: Catalog | None
    path: str
    digest: str | None = None  # SHA-256 of the catalogue file's bytes


def templates_in_scope(cfg: Config, leaflet: str | None, fresh: bool,
                       leaflets: list[Leaflet] | None = None) -> dict[str, Catalog]:
    """Templates by domain. With `fresh`, from the sources and templates as they are now,
    not from the .pot files, so nothing edited since the last extract can slip past the
    gate."""
    templates = (build_templates(cfg, format_date(creation_time()), leaflets) if fresh
                 else read_templates(cfg))
    require_leaflet(leaflet, list(templates))
    return templates


def require_leaflet(leaflet: str | None, known: list[str]) -> None:
    if leaflet is not None and leaflet not in known:
        names = ", ".join(d for d in known if d != UI_DOMAIN)
        raise ProjectError("", None, f"no leaflet {leaflet!r} (known: {names})")


def locale_units(cfg: Config, code: str, templates: dict[str, Catalog],
                 only: Collection[str] | None = None) -> list[Unit]:
    """One locale's domains (or `only` those), catalogues parsed (bad files raise here;
    a file for no domain at all, whichever are asked for)."""
    existing = existing_catalogues(cfg, code, set(templates))
    return [_unit(cfg, code, domain, template, domain in existing)
            for domain, template in templates.items() if only is None or domain in only]


def ui_unit(cfg: Config, code: str, template: Catalog) -> Unit | None:
    """One locale's ui catalogue alone (None if it has none), without reading or
    checking its leaflets' catalogues."""
    if not po_path(cfg, code, UI_DOMAIN).is_file():
        return None
    return _unit(cfg, code, UI_DOMAIN, template, True)


def _unit(cfg: Config, code: str, domain: str, template: Catalog, exists: bool) -> Unit:
    """One catalogue's unit; its file parsed, and checked against the template, if it
    `exists`."""
    path = po_path(cfg, code, domain)
    catalog, key = load_catalog(path, cfg) if exists else (None, None)
    if catalog is not None:  # (check passes empty templates: it never reads the .pot)
        require_entries(catalog, template, shown(path, cfg))
    return Unit(code, domain, template, catalog, shown(path, cfg), key)


def units(cfg: Config, requested: tuple[str, ...], leaflet: str | None,
          fresh: bool = False) -> list[Unit]:
    """Every locale × domain in scope (see templates_in_scope for `fresh`)."""
    templates = templates_in_scope(cfg, leaflet, fresh)
    return [u for code in locales_of(cfg, requested) for u in locale_units(cfg, code, templates)]


def catalogue_sizes(cfg: Config, codes: list[str]) -> list[int]:
    return [p.stat().st_size for code in codes
            for p in (cfg.locale / code / "LC_MESSAGES").glob("*.po")]


def many_catalogue_bytes(cfg: Config, codes: list[str]) -> bool:
    """Whether the catalogues of these locales are big enough for worker processes."""
    return sum(catalogue_sizes(cfg, codes)) >= parallel.PARALLEL_FROM_BYTES


def empty_templates(cfg: Config, leaflet: str | None) -> dict[str, Catalog]:
    """Every domain, each with an empty template: checks look only at the catalogues, so
    `check` does not read the .pot files (a second of parsing at 50,000 messages)."""
    names = domains(cfg)
    require_leaflet(leaflet, names)
    return dict.fromkeys(names, Catalog())
