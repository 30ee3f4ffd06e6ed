"""The only place that touches the disk: read with path-bearing errors, write atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from calcii18n.errors import Calcii18nError


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise Calcii18nError(shown, None, "no such file") from None
    except OSError as exc:
        raise Calcii18nError(shown, None, f"cannot read: {exc.strerror}") from None


def read_text(path: Path, shown: str) -> str:
    """Read UTF-8 text; a bad byte is reported with its line."""
    data = read_bytes(path, shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Calcii18nError(shown, line, f"not UTF-8: byte 0x{data[exc.start]:02x} "
                             "cannot be decoded") from None


def write_atomic(path: Path, text: str) -> bool:
    """Write `text` via a temporary file and rename; skip (return False) if unchanged."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write bytes via a temporary file in the same folder and rename over the target."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise Calcii18nError(str(path), None, f"cannot write: {exc.strerror}") from None
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
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise Calcii18nError(str(path), None, f"cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
