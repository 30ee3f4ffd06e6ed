"""A no-op build (issue 18): the last build's result is returned at once when nothing it
reads or wrote has changed, and never when anything has — each input kind, each output,
a new day, new fonts, new code, `--force`."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_render import approve, fill, run
from test_render import project as project  # the fixture

from calcii18n.config import load_config
from calcii18n.publish import build as job
from calcii18n.publish import replay


class Ran:
    """Counts the builds that did the work (not replayed)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = job._run

        def counted(*args: object, **kwargs: object) -> job.Built:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(job, "_run", counted)

    def build(self, project: Path, *extra: str) -> tuple[bool, str]:
        """(whether the build was replayed, what it printed)."""
        before = self.count
        out = run(project, "build", *extra)
        return self.count == before, out


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> Ran:
    return Ran(monkeypatch)


def settled(ran: Ran, project: Path) -> str:
    """Build until a build is replayed (at most three): the replayed build's output."""
    for _ in range(3):
        replayed, out = ran.build(project)
        if replayed:
            return out
    raise AssertionError("three builds and none replayed")


def identities(folder: Path) -> replay.Outputs:
    return replay.outputs(folder)


def test_a_build_with_nothing_changed_is_the_last_one_replayed(
        ran: Ran, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replayed, first = ran.build(project)
    assert not replayed and "2 file(s) changed" in first  # fill() left them to tidy
    replayed, second = ran.build(project)  # so the first was not kept: this one works
    assert not replayed
    replayed, second = ran.build(project)  # the second changed nothing: it was kept
    assert replayed
    outputs = identities(project / "build")
    replayed, third = ran.build(project)
    assert replayed and identities(project / "build") == outputs  # nothing written
    # The replayed result is what the work would have found: the same report.
    monkeypatch.setattr(replay, "replay", lambda *args: None)
    replayed, real = ran.build(project)
    assert not replayed and real == third == second
    assert re.search(r"PDFs: 0 rendered, \d+ kept", real)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _people(p: Path) -> None:
    path = p / "reviewers.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "English source": lambda p: _edit(p / "sources" / "other.md", "Keep it cool.",
                                      "Keep it cold."),
    "catalogue": lambda p: _edit(p / "locale" / "es" / "LC_MESSAGES" / "dose.po",
                                 '"Manténgalo seco."', '"Manténgalo bien seco."'),
    "ui catalogue": lambda p: fill(p / "locale" / "es" / "LC_MESSAGES" / "ui.po",
                                   {"Phone": "Tel."}),
    "template (.pot)": lambda p: (p / "locale" / "dose.pot").unlink(),
    "page template": lambda p: _edit(p / "templates" / "print.css", "}", "}\n/* edited */"),
    "clinic profile": lambda p: (p / "clinic.example.toml").write_text(
        re.sub(r'phone = "[^"]*"', 'phone = "+44 20 7946 0999"',
               (p / "clinic.example.toml").read_text(encoding="utf-8"), count=1),
        encoding="utf-8"),
    "people registry": _people,
    "config": lambda p: _edit(p / "calcii18n.toml", 'locales = ["es", "ar"]',
                              'locales = ["es", "ar"]\n# edited'),
    "glossary": lambda p: (p / "locale" / "glossary.toml").write_text("", encoding="utf-8"),
    "a new leaflet": lambda p: (p / "sources" / "third.md").write_text(
        (p / "sources" / "other.md").read_text(encoding="utf-8").replace("id: other",
                                                                         "id: third"),
        encoding="utf-8"),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_any_changed_input_does_the_work(what: str, ran: Ran, project: Path) -> None:
    settled(ran, project)
    EDITS[what](project)
    replayed, _ = ran.build(project)
    assert not replayed


def test_a_review_is_an_input(ran: Ran, project: Path) -> None:
    settled(ran, project)
    approve(project, "es")
    assert not ran.build(project)[0]


def test_a_new_day_new_fonts_new_code_or_force_do_the_work(
        ran: Ran, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settled(ran, project)
    with monkeypatch.context() as m:  # a review may fall due overnight
        m.setattr(replay, "_today", lambda: dt.date.today() + dt.timedelta(days=1))
        assert not ran.build(project)[0]
    settled(ran, project)
    with monkeypatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", "1700000000")
        assert not ran.build(project)[0]
    settled(ran, project)
    with monkeypatch.context() as m:
        real = replay.font_identity
        m.setattr(replay, "font_identity", lambda f: [*real(f), ["a font upgrade", 1]])
        assert not ran.build(project)[0]
    settled(ran, project)
    with monkeypatch.context() as m:
        m.setattr(replay, "code_digest", lambda: "another calcii18n or WeasyPrint")
        assert not ran.build(project)[0]
    settled(ran, project)
    assert not ran.build(project, "--force")[0]
    assert not ran.build(project, "--format", "html")[0]


def test_a_deleted_added_or_hand_edited_output_does_the_work(ran: Ran, project: Path) -> None:
    settled(ran, project)
    (project / "build" / "es" / "dose.pdf").unlink()
    replayed, out = ran.build(project)
    assert not replayed and "PDFs: 1 rendered" in out
    settled(ran, project)
    (project / "build" / "es" / "notes.txt").write_text("mine", encoding="utf-8")
    assert not ran.build(project)[0]
    settled(ran, project)
    # Edited by hand with its modification time set back: its change time still moved.
    pdf = project / "build" / "en" / "other.pdf"
    info = pdf.stat()
    pdf.write_bytes(pdf.read_bytes() + b"\n% edited by hand")
    os.utime(pdf, ns=(info.st_atime_ns, info.st_mtime_ns))
    replayed, out = ran.build(project)
    assert not replayed and "PDFs: 1 rendered" in out
    assert not pdf.read_bytes().endswith(b"% edited by hand")


def test_a_build_that_changed_an_input_is_not_replayed_next_time(ran: Ran,
                                                                 project: Path) -> None:
    settled(ran, project)
    _edit(project / "sources" / "other.md", "Keep it cool.", "Keep it cold.")
    replayed, out = ran.build(project)  # other.pot, and es/ and ar/other.po, rewritten
    assert not replayed and "Templates and catalogues: 3 file(s) changed" in out, out
    assert not ran.build(project)[0]  # so its result is not kept: this one does the work
    assert ran.build(project)[0]


def test_a_forged_or_foreign_stamp_is_a_full_build(ran: Ran, project: Path) -> None:
    settled(ran, project)
    for path in (project / ".calcii18n-cache").glob("build-*"):
        data = path.read_bytes()
        path.write_bytes(data.replace(b"final", b"FINAL"))
    assert not ran.build(project)[0]


def test_links_are_hashed_as_links_never_followed(project: Path, tmp_path_factory:
                                                  pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "a.po").write_text("one", encoding="utf-8")
    (outside / "b.po").write_text("two", encoding="utf-8")
    link = project / "locale" / "es" / "LC_MESSAGES" / "linked.po"
    link.symlink_to(outside / "a.po")
    cfg = load_config(project / "calcii18n.toml", project)
    key = replay.inputs(cfg, ("html",)).key
    (outside / "a.po").write_text("changed outside", encoding="utf-8")
    assert replay.inputs(cfg, ("html",)).key == key  # not read through the link
    link.unlink()
    link.symlink_to(outside / "b.po")
    assert replay.inputs(cfg, ("html",)).key != key  # but where it leads is an input
    assert ("link", str(link)) in {entry[:2] for entry in replay.input_names(cfg)}


_OPENED: list[str] | None = None


_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT


def _audit(event: str, args: tuple[object, ...]) -> None:
    """Files opened for reading (a temporary file written and renamed is an output)."""
    if _OPENED is None or event != "open" or not isinstance(args[0], (str, bytes)):
        return
    mode, flags = args[1], args[2]
    writes = (any(c in mode for c in "wax+") if isinstance(mode, str)
              else isinstance(flags, int) and bool(flags & _WRITES))
    if not writes:
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # for the life of the test process: it records only when asked


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _OPENED
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def test_every_project_file_a_build_opens_is_one_it_hashes(
        project: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is only as good as its list of inputs: a file the build reads that the key
    does not hash could change without a rebuild. (Rendering in worker processes is not
    seen here, but workers are only handed HTML, and write outputs.)"""
    monkeypatch.setenv("CALCII18N_JOBS", "1")
    approve(project, "es")
    (project / "locale" / "glossary.toml").write_text("", encoding="utf-8")
    run(project, "build", "--force")
    cfg = load_config(project / "calcii18n.toml", project)
    hashed = {Path(path).resolve() for _, path, *_ in replay.input_names(cfg)}
    read = {Path(p).resolve() for p in opened if Path(p).resolve().is_relative_to(
        project.resolve())}
    outputs = (project / "build").resolve(), (project / ".calcii18n-cache").resolve()
    unhashed = sorted(str(p) for p in read - hashed
                      if not any(p.is_relative_to(o) for o in outputs))
    assert unhashed == []
    assert any(p.suffix == ".po" for p in read)  # the hook did see the build's reads


def test_an_input_edited_while_a_build_runs_is_not_taken_as_built(
        ran: Ran, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is taken before the work: a file edited after it was hashed and before the
    build read it gives a result that belongs to other words. It must not be kept under the
    key, or putting the old words back would replay a result made from the new ones."""
    settled(ran, project)
    real = job._run
    ui = project / "locale" / "es" / "LC_MESSAGES" / "ui.po"
    before = ui.read_bytes()

    def edited_meanwhile(*args: object, **kwargs: object) -> job.Built:
        fill(ui, {"Phone": "Tel."})  # after the key, before the work reads it
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(replay, "replay", lambda *args: None)
        m.setattr(job, "_run", edited_meanwhile)
        run(project, "build")
    ui.write_bytes(before)
    assert not ran.build(project)[0]


def test_a_build_computes_status_once_and_its_dashboard_shows_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard used to run status again on the same files (issue 18: read once)."""
    from calcii18n.project import queries
    from calcii18n.publish import pipeline

    calls: list[tuple[str, ...]] = []
    real = queries.status

    def counted(cfg: object, requested: tuple[str, ...], leaflet: str | None) -> object:
        calls.append(requested)
        return real(cfg, requested, leaflet)  # type: ignore[arg-type]

    monkeypatch.setattr(queries, "status", counted)
    monkeypatch.setattr(pipeline, "status", counted)
    run(project, "build", "--force")
    assert calls == [()]
    page = (project / "build" / "index.html").read_text(encoding="utf-8")
    assert "es" in page and "dose" in page
    run(project, "render", "es", "--draft")  # render alone still computes its own
    assert len(calls) == 2
