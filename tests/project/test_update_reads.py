"""`update` reads each catalogue once: one it leaves unchanged is not read again before
writing, as no save can be overwritten there (issue 18: a build read every catalogue of
a 2,020-catalogue library twice in its update alone)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from calcii18n._util import files

from helpers import copy_sample, run_cli


def test_an_unchanged_catalogue_is_read_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_CACHE", "off")  # no settled locale: every one merged
    monkeypatch.setenv("CALCII18N_JOBS", "1")
    project = copy_sample(tmp_path)
    run_cli(project, "update")  # whatever the sample needs, first
    reads: Counter[str] = Counter()
    real_open, real_read = files.os.open, Path.read_bytes

    def opened(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith(".po") and not flags & (files.os.O_WRONLY | files.os.O_RDWR):
            reads[str(path)] += 1
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def read(path: Path) -> bytes:
        if path.suffix == ".po":
            reads[str(path)] += 1
        return real_read(path)

    monkeypatch.setattr(files.os, "open", opened)
    monkeypatch.setattr(Path, "read_bytes", read)
    out = run_cli(project, "update")
    assert "updated" not in out and out.count("unchanged") >= 30
    assert len(reads) >= 30 and set(reads.values()) == {1}, reads
