"""Render benchmark: the sample project's 36 leaflets to HTML + PDF, ours vs plain WeasyPrint.

Run from the repository root:  .venv/bin/python bench/bench_render.py   (about 2 minutes)
Prints a Markdown section and writes it to bench/render-results.md and to the Render section of
bench/RESULTS.md. Runs work on copies of the sample project in a temporary folder (a fresh copy
per cold run): the repository is untouched. cold = a fresh `calcii18n render --draft` process;
first = the first `pipeline.render` in this process (it makes the kept PDF workers); warm =
`pipeline.render` again in this process (the same workers); engine =
`weasyprint.HTML(string=...).write_pdf()` on our HTML, second pass (and once more with one
FontConfiguration for all PDFs, as our workers keep theirs); profile = pyinstrument over a warm
render of 5 PDFs with the process pool run in-process.

CPU counts this process, its reaped children (RUSAGE_CHILDREN: the CLI and its workers) and
its live children, read from /proc: the kept PDF workers are never reaped while it runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from pyinstrument import Profiler
from pypdf import PdfReader
from results_md import write_section  # bench/ is on the path: this is run as a script

from calcii18n._util import cpus
from calcii18n.config import Config, load_config
from calcii18n.project import queries
from calcii18n.publish import pipeline
from calcii18n.publish.page import Options

ROOT = Path(__file__).resolve().parent.parent
OUT_FILE = ROOT / "bench" / "render-results.md"
CLI = Path(sys.executable).parent / "calcii18n"
CORES = cpus.usable()  # what pipeline.render sizes its pool by
REPEATS = 3
DRAFT = Options(draft=True)  # without --draft only the 4 English leaflets pass the gate
FORMATS = ("html", "pdf")
PROFILE_LOCALES = ("es", "ar", "zh_Hans", "hi")  # + English, one leaflet: 5 PDFs
PROFILE_LEAFLET = "warning-signs"


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float  # user + system s, this process and its reaped children (pool workers, CLI)
    pdfs: int
    children: float = 0.0

    @staticmethod
    def median(runs: list[Run]) -> Run:
        return Run(*(statistics.median(getattr(r, f) for r in runs) for f in Run.__slots__))


def rusage() -> tuple[float, float]:
    """CPU s (user + system) of this process and of its reaped children, grandchildren too."""
    own, kids = map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def live_children() -> dict[int, float]:
    """CPU s of each live child of this process, with its own reaped children (utime,
    stime, cutime, cstime in /proc/PID/stat): the kept PDF workers, which RUSAGE_CHILDREN
    counts only once they exit."""
    tick, pids = os.sysconf("SC_CLK_TCK"), set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        with contextlib.suppress(OSError):
            pids.update(int(pid) for pid in (task / "children").read_text().split())
    cpu = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[pid] = sum(int(f) for f in fields[11:15]) / tick
    return cpu


def measure(action: Callable[[], object], out: Path) -> Run:
    (own, kids), live, t0 = rusage(), live_children(), time.perf_counter()
    action()
    wall, (own2, kids2), live2 = time.perf_counter() - t0, rusage(), live_children()
    # A child reaped during the run is in RUSAGE_CHILDREN whole: take off what it had used.
    children = (kids2 - kids + sum(cpu - live.get(pid, 0.0) for pid, cpu in live2.items())
                - sum(cpu for pid, cpu in live.items() if pid not in live2))
    return Run(wall, own2 - own + children, len(list(out.glob("*/*.pdf"))), children)


def copy_project(cfg: Config, dest: Path) -> Config:
    """The project's inputs (config, sources, catalogues, templates, clinic) under `dest`."""
    for path in (cfg.path, cfg.clinic, cfg.glossary, cfg.sources, cfg.locale, cfg.templates):
        target = dest / path.relative_to(cfg.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            shutil.copytree(path, target, dirs_exist_ok=True)
        elif path.is_file():
            shutil.copy2(path, target)
    return load_config(None, dest)


def cold_run(source: Config, dest: Path) -> Run:
    """A fresh process on a fresh copy (its CPU and its workers' come via RUSAGE_CHILDREN)."""
    project, out = copy_project(source, dest).root, dest / "out"
    return measure(lambda: subprocess.run(
        [str(CLI), "render", "--draft", "-o", str(out)], cwd=project, check=False,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), out)


def warm_run(cfg: Config, out: Path) -> Run:
    return measure(lambda: pipeline.render(cfg, (), None, None, FORMATS, DRAFT, out), out)


def engine(html_files: list[Path]) -> tuple[Run, Run, Run, list[int]]:
    """Plain WeasyPrint on our HTML, sequential: (first pass, second pass, a pass with one
    FontConfiguration for all PDFs, pages per PDF)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    texts = [(path.read_text(encoding="utf-8"), str(path.parent)) for path in html_files]
    runs, pdfs = [], []
    for shared in (None, None, FontConfiguration()):
        cpu0, t0 = time.process_time(), time.perf_counter()
        pdfs = [weasyprint.HTML(string=html, base_url=url).write_pdf(font_config=shared)
                for html, url in texts]
        runs.append(Run(time.perf_counter() - t0, time.process_time() - cpu0, len(texts)))
    return runs[0], runs[1], runs[2], [len(PdfReader(io.BytesIO(data)).pages) for data in pdfs]


class InlineExecutor(contextlib.nullcontext["InlineExecutor"]):
    """Stands in for ProcessPoolExecutor: runs each job at once, in this thread."""

    def __init__(self, max_workers: int | None = None,
                 initializer: Callable[[], object] | None = None) -> None:
        super().__init__(self)
        if initializer is not None:
            initializer()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


def calls(frame: Any, function: str, where: str) -> list[Any]:
    """The outermost calls of `function` or `Class.function` (in a file ending with `where`)
    under `frame`."""
    if function in (frame.function, f"{frame.class_name}.{frame.function}") and (
            frame.file_path or "").endswith(where):
        return [frame]
    return [f for child in frame.children for f in calls(child, function, where)]


PUBLISH = "calcii18n/publish/pipeline.py"
UNITS, CHECKING = "calcii18n/project/units.py", "calcii18n/project/checking.py"
DOC = "weasyprint/document.py"
PHASES = [  # (label, only inside this pipeline.py function, function, file): inclusive time
    ("plan: catalogues + fresh templates (`units.units`)", "plan", "units", UNITS),
    ("plan: checks (`checking.findings_of`)", "plan", "findings_of", CHECKING),
    ("plan: gate (`gate.leaflet_gate`)", "plan", "leaflet_gate", "calcii18n/gate.py"),
    ("plan: leaflet HTML (`pipeline._html`)", "plan", "_html", PUBLISH),
    ("… of which compiling the template (`Environment.get_template`)", "plan", "get_template",
     "jinja2/environment.py"),
    ("dashboard: `queries.status` again (`write_dashboard`)", "", "write_dashboard", PUBLISH),
    ("PDF: WeasyPrint parse (`HTML.__init__`)", "", "HTML.__init__", "weasyprint/__init__.py"),
    ("PDF: WeasyPrint style + layout (`Document._render`)", "", "_render", DOC),
    ("PDF: WeasyPrint drawing + PDF (`Document.write_pdf`)", "", "write_pdf", DOC),
    ("… of which fonts + subsetting (`build_fonts_dictionary`)", "", "build_fonts_dictionary",
     "pdf/fonts.py"),
    ("PDF: our font check (`pdf.embedded_fonts`, pikepdf)", "", "embedded_fonts",
     "calcii18n/publish/pdf.py"),
]
OURS = ("plan", "dashboard", "PDF: our")


def profile(cfg: Config, out: Path) -> tuple[float, int, list[tuple[str, float]]]:
    """Warm single-process render under pyinstrument: total s, PDFs, time per phase."""
    def once() -> None:
        pipeline.render(cfg, PROFILE_LOCALES, PROFILE_LEAFLET, None, FORMATS, DRAFT, out,
                        force=True)  # else the second call keeps every PDF (incremental)

    with mock.patch.object(pipeline, "ProcessPoolExecutor", InlineExecutor):
        once()
        profiler = Profiler(interval=0.001)
        profiler.start()
        once()
        root = profiler.stop().root_frame()
    assert root is not None
    phases = []
    for label, within, function, where in PHASES:
        scopes = calls(root, within, PUBLISH) if within else [root]
        phases.append((label, sum(f.time for s in scopes for f in calls(s, function, where))))
    return root.time, len(list(out.glob("*/*.pdf"))), phases


def machine() -> str:
    import weasyprint

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return (f"`nproc` = {len(os.sched_getaffinity(0))} ({cpu}), Linux {platform.release()}, Python "
            f"{platform.python_version()}, WeasyPrint {weasyprint.__version__}")


def git(*args: str) -> list[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True,
                          text=True).stdout.splitlines()


def row(name: str, r: Run, cores: int, engine_cpu: float) -> str:
    per = r.cpu / r.pdfs
    return (f"| {name} | {r.wall:.2f} | {r.cpu:.2f} | {r.pdfs} | {r.pdfs / r.wall / cores:.2f} "
            f"| {per:.3f} | {per / engine_cpu:.2f} |")


def main() -> None:
    started, t_start, load0 = dt.datetime.now(dt.UTC), time.perf_counter(), os.getloadavg()[0]
    source = load_config(None, ROOT)
    dirty = [line for line in git("status", "--porcelain", "src") if line[:2] != "??"]
    code = f"HEAD {git('rev-parse', '--short', 'HEAD')[0]}" + (
        f" + uncommitted changes to {len(dirty)} file(s) under src/" if dirty else "")
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        base = Path(tmp)
        cold = [cold_run(source, base / f"cold{i}") for i in range(REPEATS)]
        cfg = copy_project(source, base / "project")
        assert "weasyprint" not in sys.modules, "the first render must start from nothing"
        first = warm_run(cfg, base / "warm0")  # makes the kept workers
        warm = [warm_run(cfg, base / f"warm{i + 1}") for i in range(REPEATS)]
        ours_pages = sum(len(PdfReader(p).pages) for p in (base / "warm1").glob("*/*.pdf"))
        eng_first, eng_warm, eng_shared, eng_pages = engine(sorted(  # not the records
            p for p in (base / "warm1").glob("*/*.html") if not p.name.endswith(".record.html")))
        clinic = pipeline.load_clinic(cfg, None)
        plan_s = statistics.median(timeit.repeat(lambda: pipeline.plan(
            cfg, (), None, clinic, DRAFT, base / "plan", FORMATS), number=1, repeat=REPEATS))
        status_s = statistics.median(timeit.repeat(
            lambda: queries.status(cfg, (), None), number=1, repeat=REPEATS))
        total, prof_pdfs, phases = profile(cfg, base / "profile")
        inputs = {p.relative_to(cfg.root).parts[0] for p in (
            cfg.path, cfg.clinic, cfg.sources, cfg.locale, cfg.templates)}
        left = ", ".join(f"`{p.name}/` ({sum(1 for _ in p.rglob('*'))} files)"
                         for p in sorted(cfg.root.iterdir()) if p.name not in inputs)
    c, w = Run.median(cold), Run.median(warm)
    e_cpu, s_cpu = eng_warm.cpu / eng_warm.pdfs, eng_shared.cpu / eng_shared.pdfs
    ours = sum(s for label, s in phases if label.startswith(OURS))
    weasy = sum(s for label, s in phases if label.startswith("PDF: WeasyPrint"))
    big = max(phases, key=lambda item: item[1])
    tpl, html = (next(s for label, s in phases if key in label) for key in ("get_", "_html"))
    lines = [
        "## Render", "",
        f"Run {started:%Y-%m-%d %H:%M} UTC, {time.perf_counter() - t_start:.0f} s, with "
        f"`.venv/bin/python bench/bench_render.py`, code {code}. Machine: {machine()}. Load "
        f"average {load0:.2f} → {os.getloadavg()[0]:.2f} (shared machine: wall times are noisy)."
        , "",
        f"Sample project: {c.pdfs} PDFs (4 leaflets × 8 locales + English) with `--draft` "
        f"(without it only the 4 English leaflets pass the gate), HTML + PDF, {CORES} pool "
        f"workers. {statistics.mean(eng_pages):.2f} pages per PDF ({min(eng_pages)}–"
        f"{max(eng_pages)}; {sum(eng_pages)} from the engine, {ours_pages} from ours). Medians "
        f"of {REPEATS} runs; PDFs/s/core divides by the cores the run could use.", "",
        "| run | wall s | CPU s | PDFs | PDFs/s/core | CPU s/PDF | CPU vs engine |",
        "|---|---|---|---|---|---|---|",
        row("cold: fresh `calcii18n render` process", c, CORES, e_cpu),
        row("first `pipeline.render` in a process (one run: makes the workers)", first, CORES,
            e_cpu),
        row("warm: `pipeline.render` again in one process", w, CORES, e_cpu),
        row("engine, first pass (1 core, sequential)", eng_first, 1, e_cpu),
        row("**engine, warm pass** (1 core, sequential)", eng_warm, 1, e_cpu),
        row("engine, one FontConfiguration for all PDFs (1 core, sequential)", eng_shared, 1,
            e_cpu), "",
        "- Overhead ratio (warm CPU s/PDF ÷ engine warm CPU s/PDF): "
        f"**{w.cpu / w.pdfs / e_cpu:.2f}** (cold {c.cpu / c.pdfs / e_cpu:.2f}, first call "
        f"{first.cpu / first.pdfs / e_cpu:.2f}); against the engine with one FontConfiguration"
        f", as our workers keep theirs: warm {w.cpu / w.pdfs / s_cpu:.2f}. Engine warm: "
        f"{eng_warm.wall / eng_warm.pdfs:.3f} s wall per PDF, "
        f"{eng_warm.wall / sum(eng_pages):.3f} s per page.",
        f"- Warm CPU split: parent {w.cpu - w.children:.2f} s (plan, HTML, dashboard), workers "
        f"{w.children:.2f} s = {w.children / w.pdfs:.3f} s per PDF (WeasyPrint, our font check,"
        " worker start-up).",
        "- Runs (wall/CPU s): cold " + ", ".join(f"{r.wall:.2f}/{r.cpu:.2f}" for r in cold)
        + "; warm " + ", ".join(f"{r.wall:.2f}/{r.cpu:.2f}" for r in warm) + ".",
        "- Cold: new interpreter, imports, workers, in-process font caches and project copy; "
        "the on-disk fontconfig cache (/var/cache/fontconfig) and the OS page cache stay warm. "
        "The PDF workers are kept for the life of the process (`parallel.kept_pool`), forked "
        "from a parent that has imported WeasyPrint, and each keeps one FontConfiguration "
        "(`pdf._font_config`), so a worker loads each font once, not once per PDF: the first "
        "call pays for forking the workers and loading the fonts, a warm call reuses both. "
        "Rendering also left in the project folder: "
        f"{left or 'nothing'} (warm for the warm rows). The engine gets `base_url` = the "
        "HTML's folder, ours `None` (the CSS is inlined: same output).", "",
        f"### Where the time goes (pyinstrument, warm, one process, {prof_pdfs} PDFs)", "",
        f"`pipeline.render` for {', '.join(('en', *PROFILE_LOCALES))} × `{PROFILE_LEAFLET}`, "
        f"the pool replaced by an in-process executor: {total:.2f} s. Inclusive times:", "",
        "| phase | s | % |", "|---|---|---|",
        *(f"| {label} | {s:.3f} | {100 * s / total:.0f} |" for label, s in phases), "",
        f"Our own code (plan, dashboard, font check) takes {ours:.2f} s "
        f"({100 * ours / total:.0f} %), WeasyPrint (parse, layout, PDF) {weasy:.2f} s "
        f"({100 * weasy / total:.0f} %), the rest {total - ours - weasy:.2f} s; the largest "
        f"phase is {big[0]} ({100 * big[1] / total:.0f} %).", "",
        f"Duplicate work (all {len(cfg.locales)} locales, warm, medians of {REPEATS}): "
        f"`pipeline.plan` (catalogues, fresh templates, checks, gates, HTML) takes {plan_s:.3f} s"
        f", then `write_dashboard` calls `queries.status`, which loads the catalogues and "
        f"templates and runs the checks and gates again: {status_s:.3f} s. Both run serially "
        f"in the parent: {plan_s + status_s:.2f} s of the warm run's {w.wall:.2f} s wall with "
        f"the other cores idle. Loading leaflet.html.j2 is {100 * tpl / html:.0f} % of the "
        "HTML step in the profile (each leaflet's environment reuses the compiled template "
        "from an in-memory bytecode cache).",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    OUT_FILE.write_text(text, encoding="utf-8")
    write_section("## Render", text)


if __name__ == "__main__":
    main()
