"""The machine-local secret that signs cache entries: made once per user, outside every project.

A project folder travels (zips, shared drives, pull requests), so nothing inside it can
prove that a cache entry was written on this machine by this user; a key only the user can
read can. It lives in `$XDG_CACHE_HOME/calcii18n/cache-secret` (else
`~/.cache/calcii18n/cache-secret`): 32 random bytes, mode 0600, made atomically (written
under a temporary name, then hard-linked into place, so two processes starting at once
agree on one secret and none reads half of one). A secret that cannot be made, or a file
that is not a regular file owned by us, readable by us alone and 32 bytes long, gives None:
the caller then caches nothing, which is slower and never wrong.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

NAME = "cache-secret"
SIZE = 32
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def secret_path() -> Path | None:
    """Where the secret lives; None when there is no home to keep it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "calcii18n" / NAME


def machine_secret() -> bytes | None:
    """The secret (made on first use), or None when it cannot be made or trusted."""
    path = secret_path()
    return None if path is None else _secret_at(path)


@lru_cache(maxsize=4)
def _secret_at(path: Path) -> bytes | None:
    """Read once per process: every cache file of a run is checked with it."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        _create(path)
        return _read(path)
    except OSError:
        return None


def _read(path: Path) -> bytes | None:
    """The secret, if the file is ours alone: not a link, not readable by others."""
    fd = os.open(path, _OPEN)
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid()
                or info.st_mode & 0o077 or info.st_size != SIZE):
            return None
        data = os.read(fd, SIZE + 1)
    finally:
        os.close(fd)
    return data if len(data) == SIZE else None


def _create(path: Path) -> None:
    """Write a new secret under a temporary name (0600 from mkstemp) and link it into place;
    if another process got there first, theirs stays and ours is dropped."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(SIZE))
            handle.flush()
            os.fsync(handle.fileno())  # never a 0-byte secret after a crash
        with contextlib.suppress(FileExistsError):  # another process was first: use theirs
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
