"""Locales an `update` has already merged to a fixed point, so merging them again is skipped.

Merging a locale's catalogues is a function of their bytes, of the templates, of the
review authority (translation memory offers reviewed entries first) and of calcii18n's code
(the cache adds its digest). When merging changed no byte of any catalogue, merging the
same inputs again would not either, and would report the same outcomes; so those outcomes
are kept in the signed cache (_util/cache.py) under the hash of all of those inputs, and
the next update of that locale with the same inputs returns them without parsing or
merging anything. One changed catalogue, template, registry entry or day is a full merge
of its locale (memory crosses leaflets); the other locales stay settled. A locale with a
catalogue still to create is never settled.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from calcii18n._util import typed_json
from calcii18n._util.cache import FOLDER as CACHE_FOLDER
from calcii18n._util.cache import Cache
from calcii18n.config import Config
from calcii18n.model import Catalog
from calcii18n.project.cached_values import encode_catalog

T = TypeVar("T")
KIND = "update"


def templates_key(templates: Mapping[str, Catalog]) -> str:
    """The templates as merged (their parse, not their file: the file may have changed
    since it was parsed)."""
    digest = hashlib.sha256()
    for domain in sorted(templates):
        digest.update(json.dumps([domain, encode_catalog(templates[domain])],
                                 ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def locale_key(code: str, templates: str, authority: str,
               catalogues: Mapping[str, str]) -> str:
    """Everything one locale's merge depends on besides the code; `catalogues`: the SHA-256
    of every catalogue's bytes by domain (hex), as read for the merge or hashed earlier in
    the build."""
    digest = hashlib.sha256(f"{code}\0{templates}\0{authority}\0".encode())
    for domain in sorted(catalogues):
        digest.update(f"{domain}\0{catalogues[domain]}\0".encode())
    return digest.hexdigest()


def _cache(cfg: Config, kind: Any) -> Cache:
    return Cache(cfg.root / CACHE_FOLDER, {KIND: typed_json.codec(kind)})


def load(cfg: Config, code: str, key: str, kind: type[T]) -> T | None:
    found = _cache(cfg, kind).load(KIND, code, (key,))
    return None if found is None else cast(T, found[0])


def store(cfg: Config, code: str, key: str, kind: type[T], value: T) -> None:
    _cache(cfg, kind).store(KIND, code, (key,), value)
