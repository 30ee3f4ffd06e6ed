"""Persistent render workers (issue 18, item 3): the PDF pool lives as long as the process
and each worker keeps one font configuration, so fonts load once a worker, not once a PDF
or a call. The bytes of every PDF stay what a fresh configuration gives; an interrupted
render leaves no worker writing; a forked child never touches its parent's pool."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from test_render import project as project  # the fixture
from test_render import run

from calcii18n import fonts
from calcii18n._util import parallel
from calcii18n.config import load_config
from calcii18n.publish import pdf, pipeline
from calcii18n.publish.editions import load_clinic
from calcii18n.publish.jobs import Job
from calcii18n.publish.page import Options

PDFS = ("en/dose", "en/other", "es/dose", "es/other", "ar/dose", "ar/other")


@pytest.fixture(autouse=True)
def no_kept_pools() -> Iterator[None]:
    """Each test starts and ends without kept pools (a test's pool class must not stay)."""
    parallel.drop_pool("pdf")
    yield
    parallel.drop_pool("pdf")
    parallel.drop_pool("test")


def pools(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every PDF pool made from now on, with its size (`workers`)."""
    made: list[Any] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.workers = kwargs["max_workers"]
            made.append(self)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Pool)
    return made


def pdfs(project: Path) -> dict[str, bytes]:
    return {name: (project / "build" / f"{name}.pdf").read_bytes() for name in PDFS}


def test_later_renders_reuse_the_workers_and_print_the_same_bytes(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = pools(monkeypatch)
    monkeypatch.setenv("CALCII18N_JOBS", "1")
    run(project, "render", "--draft", "--format", "pdf")
    first = pdfs(project)
    assert [p.workers for p in made] == [1]
    monkeypatch.setenv("CALCII18N_JOBS", "2")  # too small now: a pool of two
    run(project, "render", "--draft", "--format", "pdf", "--force")
    assert pdfs(project) == first
    run(project, "render", "--draft", "--format", "pdf", "--force")
    assert pdfs(project) == first
    assert [p.workers for p in made] == [1, 2]  # the third call kept the second's workers
    run(project, "render", "--draft", "--format", "pdf", "--force", "es", "--leaflet",
        "dose")  # one PDF: the pool of two serves it
    assert pdfs(project) == first and len(made) == 2


def jobs(project: Path) -> list[Job]:
    cfg = load_config(None, project)
    planned, _ = pipeline.plan(cfg, (), None, load_clinic(cfg, None),
                               Options(draft=True), project / "build", ("pdf",))
    order = {"ar": 0, "en": 1, "es": 2}  # scripts in turn, so a later one finds others loaded
    return sorted(planned, key=lambda j: (order[j.locale], j.leaflet))


def configurations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every WeasyPrint FontConfiguration made from now on (each loads its fonts anew)."""
    from weasyprint.text.fonts import FontConfiguration

    made: list[object] = []
    real = FontConfiguration.__init__

    def counted(self: object) -> None:
        made.append(self)
        real(self)

    monkeypatch.setattr(FontConfiguration, "__init__", counted)
    monkeypatch.setattr(pdf, "_fonts", {})
    return made


def test_one_font_configuration_serves_every_pdf_with_the_same_bytes(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    todo = jobs(project)
    made = configurations(monkeypatch)
    shared = [pdf.checked_pdf(j.html, j.leaflet, families=j.families) for j in todo]
    assert len(made) == 1
    with monkeypatch.context() as m:
        m.setattr(pdf, "_font_config", lambda families: None)  # WeasyPrint's default
        fresh = [pdf.checked_pdf(j.html, j.leaflet, families=j.families) for j in todo]
    assert len(made) == 1 + len(todo)
    assert shared == fresh


def test_a_font_face_or_a_changed_font_file_gets_a_new_configuration(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    job = jobs(project)[0]
    font = fonts.font_file("Noto Sans")  # an installed font: the fetcher lets it be read
    assert font is not None
    face = job.html.replace("</head>", "<style>@font-face { font-family: Own; "
                            f'src: url("{font.as_uri()}") }}</style></head>', 1)
    assert face != job.html
    made = configurations(monkeypatch)
    pdf.checked_pdf(job.html, "x", families=job.families)
    with_face = pdf.checked_pdf(face, "x", families=job.families)
    assert len(made) == 2  # the shared one took the face: rendered again on a fresh one
    pdf.checked_pdf(job.html, "x", families=job.families)
    assert len(made) == 3  # and the face stays out of every later PDF
    pdf.checked_pdf(job.html, "x", families=job.families)
    assert len(made) == 3
    real = pdf.font_identity
    monkeypatch.setattr(pdf, "font_identity", lambda families: [
        [*row[:3], row[3] + 1] for row in real(families)])  # a font upgrade, same name
    upgraded = pdf.checked_pdf(job.html, "x", families=job.families)
    assert len(made) == 4
    with monkeypatch.context() as m:
        m.setattr(pdf, "_font_config", lambda families: None)
        assert pdf.checked_pdf(face, "x", families=job.families) == with_face
        assert pdf.checked_pdf(job.html, "x", families=job.families) == upgraded


def test_an_interrupted_render_leaves_no_worker_writing(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = pools(monkeypatch)
    monkeypatch.setenv("CALCII18N_JOBS", "1")  # one worker: the other PDFs wait in line
    workers: list[Any] = []

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        workers.extend(made[-1]._processes.values())
        raise Stop

    cfg = load_config(None, project)
    with pytest.raises(Stop):
        pipeline.render(cfg, (), None, None, ("pdf",), Options(draft=True), None, progress)
    assert workers and not any(w.is_alive() for w in workers)  # none can write any more
    assert not list((project / "build").glob("*/*.pdf"))
    run(project, "render", "--draft", "--format", "pdf")  # a new pool for the next call
    assert len(made) == 2 and len(pdfs(project)) == len(PDFS)


def test_kept_pool_is_reused_remade_when_broken_and_never_shared_with_a_child() -> None:
    pool = parallel.kept_pool("test", ProcessPoolExecutor, 1)
    worker = pool.submit(os.getpid).result()
    assert parallel.kept_pool("test", ProcessPoolExecutor, 1) is pool
    assert pool.submit(os.getpid).result() == worker  # the same process, still alive

    def child(answer: Any) -> None:
        own = parallel.kept_pool("test", ProcessPoolExecutor, 1)
        answer.put((own is not pool, own.submit(os.getpid).result()))
        parallel.drop_pool("test")  # its own; the parent's is not its to shut down

    fork = multiprocessing.get_context("fork")
    answer = fork.Queue()
    process = fork.Process(target=child, args=(answer,))
    process.start()
    other, its_worker = answer.get(timeout=30)
    process.join(30)
    assert process.exitcode == 0 and other and its_worker != worker
    assert pool.submit(os.getpid).result() == worker  # the parent's pool is untouched

    os.kill(worker, signal.SIGKILL)  # a worker dies (out of memory, killed)
    with pytest.raises(BrokenProcessPool):
        pool.submit(os.getpid).result(timeout=30)
    again = parallel.kept_pool("test", ProcessPoolExecutor, 1)
    assert again is not pool and again.submit(os.getpid).result() != worker
    assert parallel.kept_pool("test", ProcessPoolExecutor, 2) is not again  # too small
