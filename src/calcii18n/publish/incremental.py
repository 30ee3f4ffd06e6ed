"""Incremental rendering (issue 18, item 1): a PDF whose inputs have not changed is kept.

A PDF is a function of its HTML (which holds the English, the translation, the ui words,
the templates and CSS, the clinic profile, the gate's verdict and the date printed on it),
of the fonts it embeds and of the code that renders it (calcii18n, WeasyPrint and the
other libraries, by _util.cache.code_digest). Its key hashes all of them; the manifest
`BUILD/.render-keys.json` records, for each PDF, the key it was made from and the SHA-256
of the bytes written. A PDF is reused only when both still match: a changed input gives a
new key, a deleted or hand-edited PDF no longer has its recorded hash, and a manifest that
cannot be read is ignored (everything renders). The manifest is JSON, never code. It
holds the release records the same way (their key: record.record_key), so an unchanged
record is not built and written again either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from calcii18n import fonts
from calcii18n._util.cache import code_digest, digest
from calcii18n._util.files import write_atomic

MANIFEST = ".render-keys.json"
FORMAT = 1


def font_identity(families: Iterable[str]) -> list[list[str | int]]:
    """Each family's installed file, size and modification time: a font upgrade (same
    name, new glyphs or metrics) changes what a PDF embeds."""
    out: list[list[str | int]] = []
    for family in families:
        path = fonts.font_file(family)
        if path is None:
            out.append([family, "", 0, 0])
            continue
        try:
            info = path.stat()
        except OSError:
            out.append([family, str(path), 0, 0])
            continue
        out.append([family, str(path), info.st_size, info.st_mtime_ns])
    return out


def render_key(html: str, families: tuple[str, ...]) -> str:
    """What a PDF is made of, as one hash."""
    digest = hashlib.sha256()
    for part in (f"calcii18n-render {FORMAT}", code_digest(),
                 json.dumps(font_identity(families)), html):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


class Manifest:
    """Output path (relative to the build folder: a PDF, a release record) -> [the key it
    was made from, SHA-256 of the file written]."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / MANIFEST
        self.entries: dict[str, list[str]] = {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(
                data.get("pdfs"), dict):
            self.entries = {k: v for k, v in data["pdfs"].items()
                            if isinstance(k, str) and isinstance(v, list) and len(v) == 2
                            and all(isinstance(x, str) for x in v)}

    def _name(self, pdf: Path) -> str:
        return pdf.relative_to(self.out).as_posix()

    def current(self, pdf: Path, key: str) -> bool:
        """The PDF on disk was made from exactly these inputs and is untouched since."""
        recorded = self.entries.get(self._name(pdf))
        return (recorded is not None and recorded[0] == key
                and file_sha256(pdf) == recorded[1])

    def made(self, pdf: Path, key: str) -> None:
        sha = file_sha256(pdf)
        if sha is not None:
            self.entries[self._name(pdf)] = [key, sha]

    def forget(self, pdf: Path) -> None:
        self.entries.pop(self._name(pdf), None)

    def save(self) -> None:
        kept = {name: v for name, v in sorted(self.entries.items())
                if (self.out / name).is_file()}
        text = json.dumps({"format": FORMAT, "pdfs": kept}, indent=1) + "\n"
        write_atomic(self.path, text, root=self.out)
