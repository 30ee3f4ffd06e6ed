"""Parsed files and check findings, cached on disk under the hash of everything they depend on.

A 50,000-message catalogue takes about a second to parse and several to check, and a
status or build asks for the same files again and again. Each cached value sits in
`.calcii18n-cache/<kind>-<file>.pickle` beside the project, stored with its key: the
SHA-256 of the input bytes, of every other input named by the caller, of calcii18n's own
code and of the versions of Python and of the libraries it uses. A value is served only when
the key matches exactly, so an edited file, another glossary, a new calcii18n or a new
markdown-it-py can never get an old answer; there is one file per input file and kind,
replaced when the key changes, so the folder does not grow. An unreadable or
damaged cache file is a miss. `CALCII18N_CACHE=off` turns caching off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from calcii18n._util.files import read_bytes, write_atomic, write_bytes_atomic
from calcii18n._util.gcpause import gc_paused
from calcii18n.errors import Calcii18nError

T = TypeVar("T")
FOLDER = ".calcii18n-cache"
# What loading a cache file raises when it is missing or unreadable (Calcii18nError,
# OSError), truncated (EOFError, UnpicklingError), not a (key, value) pair (TypeError,
# ValueError) or pickled by a calcii18n whose classes have since moved (AttributeError,
# ImportError): each is a miss. Anything else is a bug, and surfaces.
_MISS = (Calcii18nError, OSError, EOFError, pickle.UnpicklingError, TypeError, ValueError,
         AttributeError, ImportError)


def library_versions() -> list[str]:
    """Python and every library calcii18n runs on, with versions: a new markdown-it-py
    may parse a leaflet differently, a new Babel may read numbers differently."""
    try:
        required = metadata.requires("calcii18n") or []
    except metadata.PackageNotFoundError:  # running from a source tree: nothing to name
        required = []
    names = sorted({re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0] for r in required
                    if "extra ==" not in r})
    out = [f"python {sys.version}"]
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} missing")
    return out


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of calcii18n's own files and of the libraries' versions: a changed check,
    parser or library invalidates every entry."""
    package = Path(__file__).resolve().parent.parent  # the whole calcii18n package
    digest = hashlib.sha256("\n".join(library_versions()).encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css", ".toml", ".json"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


# Cached values are big trees of small objects without cycles (see gcpause.py).
@gc_paused
def _unpickle(data: bytes) -> tuple[str, object]:
    return cast(tuple[str, object], pickle.loads(data))


@gc_paused
def _pickle(key: str, value: object) -> bytes:
    return pickle.dumps((key, value), pickle.HIGHEST_PROTOCOL)


class Cache:
    """A folder of cached values; `Cache(None)` computes everything and stores nothing."""

    def __init__(self, folder: Path | None) -> None:
        if os.environ.get("CALCII18N_CACHE", "").lower() in ("off", "0", "no", "false"):
            folder = None
        self.folder = folder

    def get(self, kind: str, name: str, inputs: tuple[str, ...],
            compute: Callable[[], T]) -> T:
        """`compute()`, or its earlier result for the same kind, file name and inputs.

        `inputs` must name everything the result depends on (hashes of file contents,
        the locale, ...); the code digest is added here.
        """
        found = self.load(kind, name, inputs)
        if found is not None:
            return cast(T, found[0])
        value = compute()
        self.store(kind, name, inputs, value)
        return value

    def load(self, kind: str, name: str, inputs: tuple[str, ...]) -> tuple[object] | None:
        """(the stored value,) for exactly these inputs, or None (see get)."""
        if self.folder is None:
            return None
        try:
            stored_key, value = _unpickle(read_bytes(self._path(kind, name), name))
            if stored_key == self._key(kind, name, inputs):
                return (value,)
        except _MISS:
            pass
        return None

    def store(self, kind: str, name: str, inputs: tuple[str, ...], value: object) -> None:
        """Keep `value` for load(kind, name, inputs); a cache that cannot be written is only
        a slower next run."""
        if self.folder is None:
            return
        try:
            write_atomic(self.folder / ".gitignore", "*\n")
            write_bytes_atomic(self._path(kind, name),
                               _pickle(self._key(kind, name, inputs), value))
        except Calcii18nError:
            pass

    def _key(self, kind: str, name: str, inputs: tuple[str, ...]) -> str:
        return digest("\0".join((code_digest(), kind, name, *inputs)))

    def _path(self, kind: str, name: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{kind}-{digest(name)[:20]}.pickle"
