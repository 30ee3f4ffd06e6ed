"""A build with nothing to do returns at once (issue 18): the last build, replayed.

A build is a function of what it reads — the config, the sources, the catalogues and
templates under locale/, the page templates, the clinic profile, the people registry and
the glossary (`inputs_key` hashes every file of each, and never follows a link) — of
today's date (a review falling due turns a final into a refusal), of the fonts Fontconfig
finds for every language it may print, and of calcii18n's code and libraries. When a build
changed none of those files, its result is stored (`remember`) under the hash of them all,
with the identity of every file it left in the build folder: path, size, modification and
change times, inode. The next build with the same hash and exactly those outputs would do
the same work again, find the same and write the same bytes, so `replay` returns the stored
result instead. Anything else — an edited, deleted or added input or output, a new day, a
font upgrade, a new calcii18n, `--force` — is a full build, whose PDF manifest still
re-renders only what changed (incremental.py).

A change time cannot be set back by a user (only the clock can), so a hand-edited output is
always seen, even with its modification time restored. The stored result sits in the
signed cache (_util/cache.py): never code, never trusted unless this machine signed it;
it decodes into the build's own types only (_util/typed_json.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import GenericAlias
from typing import Any, TypeVar, cast

from calcii18n._util import seen as seen_files
from calcii18n._util import typed_json
from calcii18n._util.cache import FOLDER, Cache, code_digest
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.project.layout import locales_of
from calcii18n.publish.editions import families, load_clinic
from calcii18n.publish.incremental import font_identity

T = TypeVar("T")
FORMAT = 1
KIND = "build"
Identity = tuple[str, str, int, int, int, int]  # kind, path, size, mtime, ctime, inode
Outputs = tuple[Identity, ...]


def _cache(cfg: Config, kind: type[T]) -> Cache:
    """The cache holding (a build's result, the outputs it left)."""
    stored = GenericAlias(tuple, (kind, Outputs))
    return Cache(cfg.root / FOLDER, {KIND: typed_json.codec(stored)})


def _feed(digest: Any, *parts: str) -> None:
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")


def input_names(cfg: Config) -> list[Identity]:
    """Every name a build of `cfg` may read, with its identity on disk: each file and link
    under the config, clinic profile, people registry, glossary, sources, locale/ and
    templates/ (kinds: file, link, folder, missing, other), never through a link, nor into
    the build or cache folders."""
    out: list[Identity] = []
    skip = (cfg.build, cfg.root / FOLDER)
    for top in (cfg.path, cfg.clinic, cfg.people or cfg.root / "reviewers.toml", cfg.glossary,
                cfg.sources, cfg.locale, cfg.templates):
        _walk(out, top, skip)
    return out


def _walk(out: list[Identity], top: Path, skip: tuple[Path, ...]) -> None:
    try:
        info = os.lstat(top)
    except OSError:
        out.append(("missing", str(top), 0, 0, 0, 0))
        return
    mode = info.st_mode
    kind = ("folder" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode)
            else "file" if stat.S_ISREG(mode) else "other")
    if kind == "folder" and top in skip:
        return
    out.append((kind, str(top), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    if kind == "folder":
        for entry in sorted(os.listdir(top)):
            _walk(out, top / entry, skip)


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a build read, as one hash (`key`), and each input's identity when it was read."""

    key: str
    day: dt.date
    seen: tuple[Identity, ...]
    hashed: seen_files.Seen  # each file's SHA-256 by path, for the build's later steps

    def unchanged(self, cfg: Config) -> bool:
        """Nothing was edited, added or removed since (a change time cannot be set back),
        and it is still the same day: the key still holds, without reading a file again."""
        return _today() == self.day and tuple(input_names(cfg)) == self.seen


def inputs(cfg: Config, formats: tuple[str, ...]) -> Inputs:
    """The hash of everything a build of `cfg` reads, on this day, with this code: each
    file's bytes, each link's target (not followed)."""
    day = _today()
    digest = hashlib.sha256()
    _feed(digest, f"calcii18n-build {FORMAT}", code_digest(), str(cfg.root), str(cfg.build),
          day.isoformat(), os.environ.get("SOURCE_DATE_EPOCH", ""), ",".join(formats))
    seen = input_names(cfg)
    hashed: dict[str, tuple[seen_files.Identity, str]] = {}
    for kind, path, *_ in seen:
        _feed(digest, kind, path)
        if kind == "link":
            _feed(digest, os.readlink(path))
        elif kind == "file":
            try:
                with open(path, "rb", opener=_no_follow) as handle:
                    content = hashlib.sha256(handle.read())
                    info, read_at = os.fstat(handle.fileno()), time.time_ns()
            except OSError as exc:  # gone or replaced meanwhile: the build will say
                _feed(digest, "unreadable", str(exc))
                continue
            digest.update(content.digest())
            if seen_files.settled(info, read_at):
                hashed[path] = (seen_files.identity(info), content.hexdigest())
    _feed(digest, repr(font_identity(_every_family(cfg))))
    return Inputs(digest.hexdigest(), day, tuple(seen), hashed)


def _today() -> dt.date:
    return dt.date.today()


def _every_family(cfg: Config) -> list[str]:
    """The fonts of every language a build may print: each locale's and the notice's."""
    listed: tuple[str, ...] = ()
    with suppress(Calcii18nError):  # the build itself reports a broken profile
        listed = load_clinic(cfg, None).on_request
    out: list[str] = []
    for code in ("en", *locales_of(cfg, ()), *listed):
        out.extend(f for f in families(cfg, code) if f not in out)
    return out


def outputs(folder: Path) -> Outputs:
    """Every file and link in the build folder, by its identity on disk (walked as the
    inputs are; the folders themselves aside)."""
    found: list[Identity] = []
    _walk(found, folder, ())
    return tuple(entry for entry in found if entry[0] not in ("folder", "missing"))


def replay(cfg: Config, key: str, kind: type[T]) -> T | None:
    """The stored result of the last build, if it was made from exactly `key` and left
    exactly the build folder there is now."""
    found = _cache(cfg, kind).load(KIND, str(cfg.path), (key,))
    if found is None:
        return None
    value, left = cast(tuple[T, Outputs], found[0])
    return value if left == outputs(cfg.build) else None


def remember(cfg: Config, key: str, value: T) -> None:
    """Store `value` for the next build with the same inputs: only for a build that
    changed no input (the caller checks), after it has written everything."""
    _cache(cfg, type(value)).store(KIND, str(cfg.path), (key,), (value, outputs(cfg.build)))
