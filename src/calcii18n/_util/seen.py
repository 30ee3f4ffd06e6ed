"""Files a build has read and hashed already, so that its later steps know their digest
without reading them again (issue 18: a build read each catalogue five times — its replay
key, update, check, status and the render plan — where the parse, findings and verdicts
it needed were in the cache under that digest all along).

A digest is served only while the file's identity on disk — device, inode, size,
modification and change times — is exactly what it was right after it was read. An edit
changes the change time, which no user can set back (only the clock can). Two writes
within one tick of the file system's clock could keep it, though; so a file changed less
than `RACY_NS` before it was read is never remembered, and is read again each time (git's
"racily clean" files). A path that differs in any way is read as before.

The files are remembered for one build (`reading`): a context value, inherited by the
workers the build forks and gone when it ends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

Identity = tuple[int, int, int, int, int, int]  # device, inode, size, mtime, ctime, mode
Seen = Mapping[str, tuple[Identity, str]]  # path -> (identity, SHA-256 hex)

RACY_NS = 3_000_000_000  # wider than any common file system's timestamp tick (FAT: 2 s)

_SEEN: ContextVar[Seen | None] = ContextVar("calcii18n_seen", default=None)


def identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
            info.st_mode)


def settled(info: os.stat_result, read_at_ns: int) -> bool:
    """Whether a file was last changed long enough before it was read (`read_at_ns`, the
    wall clock) that no write in the same timestamp tick can have kept its identity."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < read_at_ns - RACY_NS


@contextmanager
def reading(seen: Seen) -> Iterator[None]:
    """Within this block (and the workers it forks), `known` answers from `seen`."""
    token = _SEEN.set(seen)
    try:
        yield
    finally:
        _SEEN.reset(token)


def known(path: os.PathLike[str] | str) -> str | None:
    """The SHA-256 of the file at `path` as this build read it, if it is still that very
    file, unchanged; else None (read it)."""
    files = _SEEN.get()
    found = None if files is None else files.get(str(path))
    if found is None:
        return None
    try:
        now = os.lstat(path)
    except OSError:
        return None
    return found[1] if identity(now) == found[0] else None
