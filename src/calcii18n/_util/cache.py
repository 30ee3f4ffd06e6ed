"""Parsed files and check findings, cached on disk under the hash of everything they depend on.

A 50,000-message catalogue takes about a second to parse and several to check, and a
status or build asks for the same files again and again. Each cached value sits in
`.calcii18n-cache/<kind>-<file>.jsonl` beside the project, stored with its key: the
SHA-256 of the input bytes, of every other input named by the caller, of calcii18n's own
code and of the versions of Python and of the libraries it uses. A value is served only when
the key matches exactly, so an edited file, another glossary, a new calcii18n or a new
markdown-it-py can never get an old answer; there is one file per input file and kind,
replaced when the key changes, so the folder does not grow. `CALCII18N_CACHE=off` turns
caching off.

The folder travels with the project (zips, shared drives, pull requests), so its files are
untrusted, and the key alone proves nothing: it hashes public inputs, so anyone can write a
file with the right key and a forged value. Hence:

- No loader that can run code or build arbitrary objects: a file is two JSON lines, a header
  `["calcii18n-cache", FORMAT, kind, key, mac]` and the value, which only the caller's
  `Codec` for that kind turns back into values (rows of exactly its own types); the header
  is compared byte for byte with the one expected, never parsed.
- Every entry is signed: `mac` is an HMAC-SHA256, under a secret that never leaves this
  machine (see localsecret.py), of the format, kind, key and value bytes. The header's
  format, kind and key are compared first, then the MAC over the value bytes, and only then
  is the value decoded. A file from another machine or user, planted, forged, truncated,
  from another format or calcii18n, a link, a FIFO or unreadable is a miss: computed again
  and overwritten, never an error and never trusted.
- Caching is off when the secret cannot be made or trusted, or when the cache folder is a
  symbolic link or not a folder; a folder that cannot be written is only a slower next run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from calcii18n._util.gcpause import gc_paused
from calcii18n._util.localsecret import machine_secret

T = TypeVar("T")
FOLDER = ".calcii18n-cache"
FORMAT = 1  # the file layout below; the codecs' layout is covered by code_digest
SUFFIX = ".jsonl"
_MAGIC = "calcii18n-cache"
_HEADER_MAX = 1024  # bytes: ours is about 200; a longer first line is not ours
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
# What decoding a signed value may raise if our own codec and its file disagree: a miss.
_BAD_VALUE = (ValueError, TypeError, KeyError, IndexError)


@dataclass(frozen=True, slots=True)
class Codec(Generic[T]):
    """How one kind of value becomes JSON and back; `decode` is the only code that builds
    values from a cache file, so it builds nothing but the kind's own types."""

    encode: Callable[[T], object]
    decode: Callable[[Any], T]


def _plain(value: object) -> object:
    """`value` itself if JSON keeps it exactly (str, int, float, bool, None, and lists and
    str-keyed dicts of them); a tuple or any other object is a TypeError (a bug: register
    a Codec for that kind)."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is list:
        for item in value:
            _plain(item)
        return value
    if type(value) is dict:
        for name, item in value.items():
            if type(name) is not str:
                raise TypeError(f"cache: dict key {name!r} is not a string")
            _plain(item)
        return value
    raise TypeError(f"cache: no codec for a {type(value).__name__}")


PLAIN: Codec[Any] = Codec(_plain, lambda value: value)


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
    for path in code_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_files(package: Path) -> list[Path]:
    """Every file of the package but compiled bytecode: its code, templates and data
    (the plural-forms table, the shipped ui translations) all decide what it computes."""
    return [path for path in sorted(package.rglob("*"))
            if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts]


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _signature(secret: bytes, kind: str, key: str, value: bytes | memoryview) -> str:
    mac = hmac.new(secret, f"{_MAGIC}\0{FORMAT}\0{kind}\0{key}\0".encode(), hashlib.sha256)
    mac.update(value)
    return mac.hexdigest()


def _header(kind: str, key: str, mac: str) -> bytes:
    return json.dumps([_MAGIC, FORMAT, kind, key, mac]).encode() + b"\n"


def entry(secret: bytes, kind: str, key: str, value: bytes) -> bytes:
    """A cache file's bytes: the signed header line, then the value's JSON line."""
    return _header(kind, key, _signature(secret, kind, key, value)) + value + b"\n"


def read_entry(path: Path, secret: bytes, kind: str, key: str) -> bytes | None:
    """The value bytes of `path` if it is entry(secret, kind, key, value), else None.

    The header must be byte for byte the one we would write (no parser sees it: a JSON
    parser can be made to recurse too deep), then the MAC must match the value bytes;
    only then may anything decode them."""
    fd = os.open(path, _OPEN)  # not through a link; a FIFO does not block
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        line = handle.readline(_HEADER_MAX)
        mac = line[-67:-3].decode("ascii", "replace")  # the 64 hex digits before '"]\n'
        if line != _header(kind, key, mac):
            return None
        value = handle.read()
    if not value.endswith(b"\n"):  # truncated
        return None
    expected = _signature(secret, kind, key, memoryview(value)[:-1])
    return value if hmac.compare_digest(mac.encode(), expected.encode()) else None


def _encode(codec: Codec[T], value: T) -> bytes:
    """Compact JSON, all ASCII when few characters need escapes (faster to write and to
    read back than UTF-8: a Spanish catalogue loads 0.02 s sooner at 50,000 messages), UTF-8
    otherwise (Chinese loads three times faster than its escapes)."""
    data = codec.encode(value)
    text = json.dumps(data, separators=(",", ":"), check_circular=False, allow_nan=False)
    if text.count("\\u") * 300 <= len(text):  # escapes are at most 2 % of the bytes
        return text.encode("ascii")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False,
                      allow_nan=False)
    return text.encode("utf-8", "surrogatepass")  # json.loads reads those back


def _decode(codec: Codec[T], value: bytes) -> T:
    return codec.decode(json.loads(value))


def _write(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so readers see the old file or the new one.
    No fsync: a file cut short by a crash fails its MAC and is a miss."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Cache:
    """A folder of cached values; `Cache(None)` computes everything and stores nothing.
    `codecs` names how each kind is stored; a kind without one is stored as PLAIN JSON."""

    def __init__(self, folder: Path | None, codecs: Mapping[str, Codec[Any]] | None = None
                 ) -> None:
        if os.environ.get("CALCII18N_CACHE", "").lower() in ("off", "0", "no", "false"):
            folder = None
        self.folder = folder
        self.codecs: Mapping[str, Codec[Any]] = codecs or {}

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

    @gc_paused  # cached values are big trees of small objects without cycles (gcpause.py)
    def load(self, kind: str, name: str, inputs: tuple[str, ...]) -> tuple[object] | None:
        """(the stored value,) for exactly these inputs, signed here, or None (see get)."""
        secret = self._secret()
        if secret is None:
            return None
        try:
            value = read_entry(self._path(kind, name), secret, kind,
                               self._key(kind, name, inputs))
        except OSError:  # missing, unreadable, a link, the folder not a folder
            return None
        if value is None:
            return None
        try:
            return (_decode(self.codecs.get(kind, PLAIN), value),)
        except _BAD_VALUE:
            return None

    @gc_paused
    def store(self, kind: str, name: str, inputs: tuple[str, ...], value: object) -> None:
        """Keep `value` for load(kind, name, inputs); a cache that cannot be written is only
        a slower next run. A value its codec cannot encode is a bug, and surfaces."""
        secret = self._secret()
        if secret is None:
            return
        assert self.folder is not None
        data = entry(secret, kind, self._key(kind, name, inputs),
                     _encode(self.codecs.get(kind, PLAIN), value))
        path = self._path(kind, name)
        try:
            self.folder.mkdir(exist_ok=True)
            if not os.path.lexists(self.folder / ".gitignore"):
                _write(self.folder / ".gitignore", b"*\n")
            _write(path, data)
            path.with_suffix(".pickle").unlink(missing_ok=True)  # the old, pickled format
        except OSError:
            pass

    def _secret(self) -> bytes | None:
        """The signing secret, or None when caching is off: turned off, no trustworthy
        secret, or a cache folder that is a link (maybe out of the project) or a file."""
        if self.folder is None:
            return None
        try:
            mode = os.lstat(self.folder).st_mode
        except FileNotFoundError:
            mode = stat.S_IFDIR  # made by the first store
        except OSError:
            return None
        return machine_secret() if stat.S_ISDIR(mode) else None

    def _key(self, kind: str, name: str, inputs: tuple[str, ...]) -> str:
        return digest("\0".join((code_digest(), kind, name, *inputs)))

    def _path(self, kind: str, name: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{kind}-{digest(name)[:20]}{SUFFIX}"
