"""Where a project keeps its files, and reading them: sources, templates, catalogues,
locales; paths as users should see them."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import cast

from calcii18n import locales as locale_codes
from calcii18n._util import seen
from calcii18n._util.cache import FOLDER as CACHE_FOLDER
from calcii18n._util.cache import Cache, digest
from calcii18n._util.files import read_bytes, read_text
from calcii18n.config import Config
from calcii18n.errors import ProjectError
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.leaflet.source import Leaflet, parse_leaflet
from calcii18n.model import Catalog
from calcii18n.po.parse import decode_po_bytes, parse_po
from calcii18n.project.cached_values import CODECS
from calcii18n.trust import Authority, Registry, parse_registry


def shown(path: Path, cfg: Config) -> str:
    """A path as users should see it: relative to the project root when inside it."""
    try:
        return path.relative_to(cfg.root).as_posix()
    except ValueError:
        return str(path)


def cache_of(cfg: Config) -> Cache:
    """The project's cache of parsed files and findings (see _util/cache.py), each kind
    kept as plain JSON of its own types (see cached_values.py)."""
    return Cache(cfg.root / CACHE_FOLDER, CODECS)


def _source_paths(cfg: Config) -> list[Path]:
    if not cfg.sources.is_dir():
        raise ProjectError(shown(cfg.path, cfg), cfg.line_of("sources"),
                           f"sources folder {shown(cfg.sources, cfg)}/ not found")
    paths = sorted(cfg.sources.glob("*.md"))
    if not paths:
        raise ProjectError(shown(cfg.sources, cfg), None, "no leaflet sources (*.md)")
    return paths


def leaflet_ids(cfg: Config) -> list[str]:
    """The leaflet domains, from the file names (a leaflet's id must equal its file name)."""
    return [path.stem for path in _source_paths(cfg)]


def domains(cfg: Config) -> list[str]:
    """Every domain: one per leaflet source, plus `ui` (the words of the page templates)."""
    return [*leaflet_ids(cfg), UI_DOMAIN]


def load_leaflets(cfg: Config) -> list[Leaflet]:
    cache = cache_of(cfg)
    leaflets = []
    for path in _source_paths(cfg):
        name = shown(path, cfg)
        text = read_text(path, name, root=cfg.root)
        leaflets.append(cache.get("leaflet", name, (digest(text), path.stem),
                                  functools.partial(parse_leaflet, text, name, path.stem)))
    return leaflets


def load_authority(cfg: Config) -> Authority:
    """The people registry (`[review] people`, reviewers.toml by default) and the review
    policy, for today. Without a registry nobody can sign, so nothing is reviewed."""
    path = cfg.people or cfg.root / "reviewers.toml"
    name = shown(path, cfg)
    registry = (parse_registry(read_text(path, name, root=cfg.root), name) if path.is_file()
                else Registry((), name))
    return Authority(registry, cfg.policy)


def not_empty(data: bytes, name: str) -> bytes:
    """A 0-byte catalogue is a truncated file (a full disk, a failed copy), never a fresh one:
    `init` writes a header and every entry."""
    if not data:
        raise ProjectError(name, None, "empty file (0 bytes): truncated? Restore it (for "
                           "example git checkout), or delete it and run calcii18n update "
                           "to start it again")
    return data


def require_entries(catalog: Catalog, template: Catalog, name: str) -> Catalog:
    """A catalogue with a header but no entry at all while the English has some is a
    truncated or emptied file: `init` writes every entry. Refused, so that the next
    `update` cannot rewrite it as new and lose what it held."""
    if template.messages and not catalog.messages and not catalog.obsolete:
        raise ProjectError(name, None, f"no entries, though the English has "
                           f"{len(template.messages)}: truncated? Restore it (for example "
                           "git checkout), or delete it and run calcii18n update to start "
                           "it again")
    return catalog


def catalog_bytes(path: Path, cfg: Config) -> tuple[bytes, str]:
    """A catalogue's bytes and their SHA-256 (what its parse and findings are cached by)."""
    data = not_empty(read_bytes(path, shown(path, cfg), root=cfg.root), shown(path, cfg))
    return data, digest(data)


def parse_catalog(data: bytes, key: str, name: str, cfg: Config) -> Catalog:
    """The catalogue in `data` (with SHA-256 `key`), from the cache when it was parsed before."""
    return cache_of(cfg).get("po", name, (key,),
                             lambda: parse_po(decode_po_bytes(data, name), name))


def kept_parse(path: Path, key: str, cfg: Config) -> Catalog | None:
    """The parse the cache holds for the catalogue at `path` with SHA-256 `key`, as
    parse_catalog kept it; None if it holds none."""
    found = cache_of(cfg).load("po", shown(path, cfg), (key,))
    return None if found is None else cast(Catalog, found[0])


def cached_parse(path: Path, cfg: Config) -> tuple[Catalog, str] | None:
    """A catalogue this build has hashed already (_util/seen.py), parsed before: from the
    cache, without reading the file again."""
    key = seen.known(path)
    catalog = None if key is None else kept_parse(path, key, cfg)
    return None if catalog is None or key is None else (catalog, key)


def load_catalog(path: Path, cfg: Config) -> tuple[Catalog, str]:
    """A catalogue and the SHA-256 of its bytes (what cached findings are keyed on)."""
    found = cached_parse(path, cfg)
    if found is not None:
        return found
    data, key = catalog_bytes(path, cfg)
    return parse_catalog(data, key, shown(path, cfg), cfg), key


def read_catalog(path: Path, cfg: Config) -> Catalog:
    return load_catalog(path, cfg)[0]


def read_templates(cfg: Config) -> dict[str, Catalog]:
    """The extracted templates on disk, one per leaflet source plus ui."""
    out = {}
    for domain in domains(cfg):
        path = cfg.locale / f"{domain}.pot"
        if not path.is_file():
            raise ProjectError(shown(path, cfg), None, "no template: run calcii18n extract")
        out[domain] = read_catalog(path, cfg)
    return out


def po_path(cfg: Config, code: str, domain: str) -> Path:
    return cfg.locale / code / "LC_MESSAGES" / f"{domain}.po"


def locales_of(cfg: Config, requested: tuple[str, ...]) -> list[str]:
    """The locales a command works on: those asked for, else the config's `locales`, else
    every locale initialised under the locale folder."""
    if requested:
        return [locale_codes.normalise(c) for c in requested]
    if cfg.locales is not None:
        return list(cfg.locales)
    return initialised_locales(cfg)


def initialised_locales(cfg: Config) -> list[str]:
    """Every locale/<code>/LC_MESSAGES folder, in code order; a folder that is not a locale
    code is an error, not something to skip silently."""
    found = []
    for folder in sorted(p.parent for p in cfg.locale.glob("*/LC_MESSAGES") if p.is_dir()):
        code = locale_codes.normalise(folder.name, shown(folder, cfg))
        if code != folder.name:
            raise ProjectError(shown(folder, cfg), None, f"name the folder {code!r}, as "
                               "calcii18n init does")
        found.append(code)
    return found


def existing_catalogues(cfg: Config, code: str, domains: set[str]) -> dict[str, Path]:
    folder = cfg.locale / code / "LC_MESSAGES"
    found = {}
    for path in sorted(folder.glob("*.po")):
        if path.stem not in domains:
            raise ProjectError(shown(path, cfg), 1, f"no leaflet {path.stem!r} in "
                               f"{shown(cfg.sources, cfg)}/ (renamed or removed? move or "
                               "delete this catalogue)")
        found[path.stem] = path
    return found
