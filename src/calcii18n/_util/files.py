"""The only place that touches the disk: read with path-bearing errors, write atomically.

Everything in a project folder is untrusted (it comes from pull requests, zips and shared
drives), and a symbolic link is a file like any other: a .po linked to /etc/passwd would be
read, and its first line quoted in the parse error. So reads and writes take `root`, the
folder they must stay in (the project folder): after every link is followed the real path
must be inside it, or nothing is read or written and the error says why without a byte of
the file. Without `root` a path is taken as given: a file the user named on the command
line (`import PAGE`, `render -o DIR`, `--clinic FILE`) may be anywhere.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from calcii18n.errors import Calcii18nError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX; Windows has neither flag
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def inside(path: Path, root: Path, shown: str, done: str = "read") -> Path:
    """The real path of `path`, every link followed; an error if that is not in `root`.
    `done` ("read", "written") says in the error what did not happen."""
    try:
        real, base = path.resolve(), root.resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise Calcii18nError(shown, None, f"its symbolic links go round in a loop: nothing "
                             f"was {done}") from None
    if real.is_relative_to(base):
        return real
    written = Path(os.path.normpath(path.absolute()))
    how = " through a symbolic link" if (written.is_relative_to(base) or written.is_relative_to(
        root.absolute())) else ""
    raise Calcii18nError(shown, None, f"leads outside the project folder{how}: refused, "
                         f"nothing was {done} (keep the file itself in the project)")


def read_bytes(path: Path, shown: str, *, root: Path | None = None) -> bytes:
    """The file's bytes; with `root`, only if its real path is inside `root`."""
    try:
        if root is None:
            return path.read_bytes()
        real = inside(path, root, shown)
        # A link swapped in after the check is refused, not followed; a FIFO does not block.
        fd = os.open(real, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise Calcii18nError(shown, None, "not a regular file: nothing was read")
            return handle.read()
    except FileNotFoundError:
        raise Calcii18nError(shown, None, "no such file") from None
    except OSError as exc:
        raise Calcii18nError(shown, None, f"cannot read: {exc.strerror}") from None


def read_limited(path: Path, shown: str, limit: int) -> bytes:
    """A file the user named (an agency's XLIFF, a TMX, a TBX): a regular file of at most
    `limit` bytes, or one line saying why not, before more than that is read (a FIFO or
    /dev/zero would otherwise be read until memory runs out)."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except FileNotFoundError:
        raise Calcii18nError(shown, None, "no such file") from None
    except OSError as exc:
        raise Calcii18nError(shown, None, f"cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb", closefd=True) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise Calcii18nError(shown, None, "not a regular file: nothing was read")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Calcii18nError(shown, None, f"larger than {limit >> 20} MiB: refused")
    return data


def read_text(path: Path, shown: str, *, root: Path | None = None) -> str:
    """Read UTF-8 text; a bad byte is reported with its line. `root`: see read_bytes."""
    return decode_text(read_bytes(path, shown, root=root), shown)


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8 (a byte-order mark allowed); a bad byte is an error naming its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Calcii18nError(shown, line, f"not UTF-8: byte 0x{data[exc.start]:02x} "
                             "cannot be decoded") from None


def _leads_into(path: Path, root: Path | None) -> bool:
    try:
        return root is not None and path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def write_atomic(path: Path, text: str, *, root: Path | None = None,
                 expect: bytes | None = None) -> bool:
    """Write `text` via a temporary file and rename; skip (return False) if unchanged."""
    return write_bytes_atomic(path, text.encode("utf-8"), root=root, expect=expect)


class ChangedOnDisk(Calcii18nError):
    """The file is no longer what the caller read: someone saved it meanwhile."""


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _still(path: Path, expect: bytes | None, data: bytes) -> None:
    """Compare-and-swap: refuse to replace a file that changed since it was read (a
    translator's editor saved it, or another calcii18n wrote it), unless it already holds
    exactly what we would write."""
    if expect is None:
        return
    current = _current(path)
    if current != expect and current != data:
        raise ChangedOnDisk(str(path), None, "changed on disk while this command ran "
                            "(an editor saved it?): not overwritten; run the command again")


def write_bytes_atomic(path: Path, data: bytes, *, root: Path | None = None,
                       expect: bytes | None = None) -> bool:
    """Write bytes via a temporary file in the same folder and rename over the target.

    The rename replaces a symbolic link at `path` itself, so a link is never written
    through; what it points at is read (to skip an unchanged write) only when `root` says
    it is inside the project, so a link to /dev/zero or a secret is never read, and its
    mode is never copied. With `root`, the folder written in must really be inside `root`:
    a linked folder (locale/es -> /elsewhere) would otherwise take the temporary file and
    the rename out of the project. With `expect` (the bytes the caller read), the file is
    replaced only if it still holds them — checked before writing and again just before
    the rename — so an edit saved meanwhile is never lost."""
    if root is not None:
        inside(path.parent, root, str(path), "written")
    link = path.is_symlink()
    try:
        if (not link or _leads_into(path, root)) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise Calcii18nError(str(path), None, f"cannot write: {exc.strerror}") from None
    _still(path, expect, data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise Calcii18nError(str(path), None, f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() and not link else 0o644)
        _still(path, expect, data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise Calcii18nError(str(path), None, f"cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_all_atomic(files: Sequence[tuple[Path, str, bytes | None]], *,
                     root: Path | None = None) -> list[Path]:
    """Several files that belong together (one import into many catalogues): each is
    checked to still hold what the caller read before any is written, so an editor's save
    stops the whole command, not its second half. Returns the files written."""
    for path, text, expect in files:
        _still(path, expect, text.encode("utf-8"))
    return [path for path, text, expect in files
            if write_atomic(path, text, root=root, expect=expect)]
