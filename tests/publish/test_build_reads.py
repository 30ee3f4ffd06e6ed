"""A build reads, parses and classifies each catalogue once (issue 18: it opened each one
five times). The replay key hashes every input; the build's later steps take that digest
(_util/seen.py) and find the parse `update` kept, the findings and the verdicts `check`
kept in the cache, instead of opening the file again. A file changed after it was hashed
is read again, never served from the hash, and one changed just before is never
remembered at all."""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from test_render import approve, run
from test_render import project as project  # the fixture

from calcii18n import status
from calcii18n._util import files, seen
from calcii18n.config import load_config
from calcii18n.model import Message
from calcii18n.po import parse
from calcii18n.project import checking, write
from calcii18n.publish import page, replay
from calcii18n.trust import Trust


class Counts:
    """Opens (for reading), parses and classifications of each catalogue, by its name."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: Counter[str] = Counter()
        self.parsed: Counter[str] = Counter()
        self.classified: Counter[str] = Counter()
        real_open, real_read, real_entries = files.os.open, Path.read_bytes, parse.po_entries

        def opened(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if str(path).endswith(".po") and not flags & (os.O_WRONLY | os.O_RDWR):
                self.opened[self.name(path)] += 1
            return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        def read(path: Path) -> bytes:
            if path.suffix == ".po":
                self.opened[self.name(path)] += 1
            return real_read(path)

        def entries(text: str, path: str) -> object:
            if path.endswith(".po"):
                self.parsed[self.name(path)] += 1
            return real_entries(text, path)

        monkeypatch.setattr(files.os, "open", opened)
        monkeypatch.setattr(Path, "read_bytes", read)
        monkeypatch.setattr(parse, "po_entries", entries)  # parse_po's own, and check's
        monkeypatch.setattr(checking, "po_entries", entries)
        for module in (status, checking, page):  # all but update's memory's
            self.count_classify(monkeypatch, module)

    def count_classify(self, monkeypatch: pytest.MonkeyPatch, module: object) -> None:
        real = module.classify  # type: ignore[attr-defined]

        def classify(msg: Message, trust: Trust) -> object:
            self.classified[f"{trust.locale}/{trust.domain}"] += 1
            return real(msg, trust)

        monkeypatch.setattr(module, "classify", classify)

    @staticmethod
    def name(path: object) -> str:
        text = str(path)
        return text[text.rindex("locale/"):]

    def clear(self) -> None:
        for counter in (self.opened, self.parsed, self.classified):
            counter.clear()


@pytest.fixture
def settled_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago count as settled (in real use: 3 s before the build)."""
    monkeypatch.setattr(seen, "RACY_NS", 0)
    monkeypatch.setenv("CALCII18N_JOBS", "1")  # every step in this process, counted


def catalogues(project: Path) -> list[str]:
    return sorted(Counts.name(p) for p in (project / "locale").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.usefixtures("settled_files")
def test_a_build_reads_parses_and_classifies_each_catalogue_once(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(project, "es")
    run(project, "build")  # the PDFs current: the build below renders nothing
    shutil.rmtree(project / ".calcii18n-cache")  # nothing parsed, checked or classified
    counts = Counts(monkeypatch)
    run(project, "build")
    names = catalogues(project)
    assert len(names) >= 4
    # Hashed for the replay key, then read by update, which parses it for everyone.
    assert {n: counts.opened[n] for n in names} == dict.fromkeys(names, 2)
    assert {n: counts.parsed[n] for n in names} == dict.fromkeys(names, 1)
    entries = {n: len(parse.parse_po((project / n).read_text("utf-8"), n).messages)
               for n in names}
    # check classifies each entry as it checks it; status and the plan take its verdicts
    assert {f"locale/{key.replace('/', '/LC_MESSAGES/')}.po": n
            for key, n in counts.classified.items()} == entries

    counts.clear()  # the same build again, its replay off: all of it from the cache
    monkeypatch.setattr(replay, "replay", lambda *args: None)
    run(project, "build")
    assert {n: counts.opened[n] for n in names} == dict.fromkeys(names, 1)
    assert sum(counts.parsed.values()) == sum(counts.classified.values()) == 0


@pytest.mark.usefixtures("settled_files")
def test_a_catalogue_edited_after_it_was_hashed_is_read_again(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(project, "es")
    assert "Leaflets: 3 final" in run(project, "build")
    assert (project / "build" / "es" / "dose.record.json").is_file()  # final
    po = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    text = po.read_text("utf-8")
    at = text.index('msgstr "', text.index("msgctxt")) + len('msgstr "')
    # The same size, the same inode: only the file's times tell the edit.
    edited = text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1:]
    hashed, update = replay.inputs, write.update

    def remembered(*args: object) -> replay.Inputs:
        found = hashed(*args)  # type: ignore[arg-type]
        assert str(po) in found.hashed
        return found

    def then_edited(*args: object, **kwargs: object) -> list[write.Outcome]:
        done = update(*args, **kwargs)  # type: ignore[arg-type]
        po.write_text(edited, "utf-8")  # a translator saves while the build runs
        return done

    monkeypatch.setattr(replay, "inputs", remembered)
    monkeypatch.setattr(write, "update", then_edited)
    out = run(project, "build")
    assert "Leaflets: 2 final" in out, out
    assert not (project / "build" / "es" / "dose.record.json").exists()  # a draft now


def test_a_file_changed_just_before_the_build_is_not_remembered(project: Path) -> None:
    cfg = load_config(None, project)
    po = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    old = time.time_ns() - 2 * seen.RACY_NS
    for path in (project / "locale").rglob("*.po"):
        os.utime(path, ns=(old, old))  # the change time stays recent: still not settled
    assert str(po) not in replay.inputs(cfg, ("html",)).hashed
    assert not seen.settled(os.stat(po), time.time_ns())
    info = os.stat(po)
    assert seen.settled(info, max(info.st_mtime_ns, info.st_ctime_ns) + seen.RACY_NS + 1)
