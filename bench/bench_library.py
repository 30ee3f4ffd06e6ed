# Usage: .venv/bin/python bench/bench_library.py [--leaflets 300 --blocks 60 --locales 20]
#        [--quick] [--keep] [--no-results] [--why TEXT] [--assemble | --recount]
"""Library benchmark (issue 18): the real commands on a generated library of leaflets.

One command generates the library in /tmp/calcii18n-library/ ($CALCII18N_LIBRARY_DIR), by
bench/library_corpus.py: L leaflets × B blocks in N locales, every entry translated and
signed by a registered reviewer through the code `review approve` runs. Then it measures,
each as a user runs it (the installed `calcii18n` in a fresh process, from the project
folder):

  extract            after the English of 1 leaflet in 10 was revised (one word), cold cache
  update             all locales, beside `msgmerge --previous` on every catalogue (xargs -P)
  status, check      all locales, cold (no .calcii18n-cache) and warm, beside `pocount` on
                     the same files (one process, and one per core with xargs -P)
  build              full (no build folder, cold cache: every PDF rendered), no-op (nothing
                     changed: the last build replayed), and after one catalogue changed
                     (one entry edited by the translator and signed again with
                     `calcii18n review approve`): which PDFs were rendered again, by their
                     modification times
  engine             WeasyPrint alone on a sample of the same HTML files, one process
  parses             an in-process build with CALCII18N_JOBS=1 and counters wrapped around
                     file reads, parse_po, po_entries, run_checks, the cache and signature
                     verification: how often each catalogue is read, parsed and checked;
                     cold (cache emptied, PDFs current) and warm (nothing changed, the
                     replay of publish/replay.py turned off: the work itself), the warm one
                     under cProfile for where the time goes

Each step runs once. Wall time around the process, CPU (user + system, the whole tree: the
process and every worker it reaped) from getrusage, and peak memory summed over the process
tree sampled from /proc as bench_memory.py does: RSS every 100 ms, and PSS (which splits
pages shared by forked workers) every 300 ms, as reading it walks every mapping (every
50 ms it cost a fifth of a core during a 1.5 GB build); no PSS for a command shorter than
two PSS samples. The sampler's own CPU is reported. The code measured is a snapshot of
src/ taken at the start (on PYTHONPATH for every process), so edits made to the working
tree during the run do not change what is measured. Writes the section "Library" of
bench/RESULTS.md (not with --quick or --no-results) and bench/_work/library.json;
--assemble writes the section again from that file.

--quick: 20 leaflets × 20 blocks × 4 locales, about a minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
WORKDIR = Path(os.environ.get("CALCII18N_LIBRARY_DIR", "/tmp/calcii18n-library"))
BIN = Path(sys.executable).parent
CLI = str(BIN / "calcii18n")
POCOUNT = str(BIN / "pocount")
HEADING = "## Library (`bench/bench_library.py`)"
LOCALES = ["es", "fr", "de", "it", "pt", "pl", "ru", "uk", "ar", "fa", "ur", "he", "hi", "bn",
           "zh_Hans", "zh_Hant", "ja", "ko", "vi", "tl"]
SNAPSHOT_ENV = "CALCII18N_BENCH_SNAPSHOT"
ENGINE_SAMPLE = 40  # HTML files WeasyPrint renders alone
EDIT_EVERY = 10  # the English of one leaflet in this many is revised before extract/update
SAMPLE_EVERY = 0.1  # s between memory samples (RSS)
PSS_EVERY = 3  # PSS at every 3rd sample (0.3 s)


# --- the code under test: a snapshot of src/ -------------------------------------------

def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True,
                          text=True).stdout.strip()


def snapshot_and_reexec(argv: list[str], reuse: str | None = None) -> None:
    """Copy src/calcii18n to WORKDIR/code and run this script again with it first on
    PYTHONPATH (before the editable install's /work/main/src), once. `reuse`: the code
    description of the snapshot already there, to measure the same code again."""
    if os.environ.get(SNAPSHOT_ENV):
        return
    dest = WORKDIR / "code"
    if reuse is not None:
        if not (dest / "calcii18n").is_dir():
            raise SystemExit(f"{dest}: no snapshot of the code to measure again")
        old = os.environ.get("PYTHONPATH")
        env = {**os.environ, SNAPSHOT_ENV: reuse,
               "PYTHONPATH": str(dest) + (os.pathsep + old if old else "")}
        os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *argv], env)
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(REPO / "src" / "calcii18n", dest / "calcii18n",
                    ignore=shutil.ignore_patterns("__pycache__"))
    dirty = [line[3:] for line in _git("status", "--porcelain", "src").splitlines()
             if line[:2] != "??"]
    new = [line[3:] for line in _git("status", "--porcelain", "src").splitlines()
           if line[:2] == "??"]
    code = f"HEAD {_git('rev-parse', '--short', 'HEAD')}"
    if dirty or new:
        code += (f" + the working tree's uncommitted changes to {len(dirty)} file(s) and "
                 f"{len(new)} new file(s) under src/")
    code += f", copied {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    old = os.environ.get("PYTHONPATH")
    env = {**os.environ, SNAPSHOT_ENV: code,
           "PYTHONPATH": str(dest) + (os.pathsep + old if old else "")}
    os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *argv], env)


# --- measuring one command --------------------------------------------------------------

@dataclass
class Step:
    wall: float
    cpu: float  # user + system of the process tree (reaped children included)
    rss_mib: float  # largest sum of RSS over the tree at one moment
    pss_mib: float  # largest sum of PSS over the tree at one moment
    processes: int  # most processes alive at one moment
    rc: int
    sampler_cpu: float = 0.0  # CPU s this script spent sampling meanwhile
    load: float = 0.0  # 1-minute load average when it ended


def measure(label: str, cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
            out: Path | None = None) -> Step:
    """Run cmd in its own session; sample the tree's memory until it ends."""
    from bench_memory import _memory

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    sink = out.open("wb") if out is not None else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL,
                                start_new_session=True, env={**os.environ, **(env or {})})
        peak = {"rss": 0, "pss": 0, "processes": 0, "pss_samples": 0}
        done = threading.Event()
        tree = _Tree(proc.pid)

        def sample() -> None:
            n = 0
            while not done.is_set():
                pids = tree.pids()
                if n % PSS_EVERY == 0:  # smaps_rollup walks every mapping: the costly read
                    sizes = [_memory(pid) for pid in pids]
                    peak["pss"] = max(peak["pss"], sum(p for _, p in sizes))
                    peak["pss_samples"] += bool(sizes)
                else:
                    sizes = [(_rss(pid), 0) for pid in pids]
                peak["rss"] = max(peak["rss"], sum(r for r, _ in sizes))
                peak["processes"] = max(peak["processes"], len(sizes))
                n += 1
                done.wait(SAMPLE_EVERY)

        sampler = threading.Thread(target=sample)
        sampler.start()
        rc = proc.wait()
        done.set()
        sampler.join()
    finally:
        if out is not None:
            sink.close()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampler_cpu = (mine.ru_utime - own.ru_utime) + (mine.ru_stime - own.ru_stime)
    # A command shorter than two PSS samples has no meaningful peak PSS.
    pss = peak["pss"] / 1024 if peak["pss_samples"] >= 2 else float("nan")
    step = Step(wall, cpu, peak["rss"] / 1024, pss, peak["processes"], rc, sampler_cpu,
                os.getloadavg()[0])
    print(f"  {label:<44} {wall:8.2f} s  CPU {cpu:8.2f} s  RSS {step.rss_mib:6.0f} MiB  "
          f"PSS {step.pss_mib:6.0f} MiB  {step.processes} proc  rc={rc}  "
          f"(sampler {sampler_cpu:.2f} CPU s)", flush=True)
    return step


PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss(pid: int) -> int:
    """RSS of one process in KiB (0 if it has gone): /proc/PID/statm, a cheap read."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


class _Tree:
    """The processes of one session (the command and all it started), as bench_memory's
    _tree finds them, but reading each /proc/PID/stat only once."""

    def __init__(self, session: int) -> None:
        self.session = session
        self.known: dict[int, bool] = {}  # pid -> in the session

    def pids(self) -> list[int]:
        alive = [int(name) for name in os.listdir("/proc") if name.isdigit()]
        for pid in alive:
            if pid not in self.known:
                try:
                    with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as h:
                        fields = h.read().rsplit(")", 1)[1].split()
                    self.known[pid] = int(fields[3]) == self.session
                except (OSError, IndexError, ValueError):
                    continue
        return [pid for pid in alive if self.known.get(pid)]


def clear_cache(root: Path) -> None:
    shutil.rmtree(root / ".calcii18n-cache", ignore_errors=True)


def pdf_times(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root / "build")): p.stat().st_mtime_ns
            for p in (root / "build").glob("*/*.pdf")}


def rendered_line(path: Path, written: int | None = None) -> str:
    """The build summary's "PDFs: N rendered, M kept" line (printed only when some were
    kept; else the PDFs found in the build folder)."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("PDFs:"):
            return line
    return f"{written:,} PDFs written" if written is not None else ""


# --- the steps -------------------------------------------------------------------------

def restore(lib, pristine: Path) -> None:
    for part in ("sources", "locale"):
        shutil.rmtree(lib.root / part)
        shutil.copytree(pristine / part, lib.root / part)
    clear_cache(lib.root)


def cli_signing(lib) -> dict[str, object]:
    """How long `calcii18n review approve --all-translated` takes on one catalogue, and
    whether it writes the same bytes as the in-process signing did."""
    import library_corpus as lc

    path = lib.po(lib.locales[0], lc.leaflet_id(1))
    signed = path.read_bytes()
    text = signed.decode("utf-8")
    path.write_text("\n".join(line for line in text.split("\n")
                              if not line.startswith("# signed:")), encoding="utf-8")
    step = measure("review approve (CLI, one catalogue)",
                   [CLI, "review", "approve", lib.locales[0], lc.leaflet_id(1),
                    "--all-translated", "--yes", "--key", str(lib.reviewer_key)], lib.root)
    same = path.read_bytes() == signed
    if not same:
        path.write_bytes(signed)
    return {"step": asdict(step), "same_bytes": same}


def update_steps(lib, pristine: Path, r: dict[str, object]) -> None:
    """Revise the English of 1 leaflet in EDIT_EVERY, extract, update; msgmerge beside."""
    import library_corpus as lc

    edited = lc.edit_english(lib, EDIT_EVERY)
    r["english_edited"] = len(edited)
    clear_cache(lib.root)
    r["extract"] = asdict(measure("extract (cold cache)", [CLI, "extract"], lib.root))
    before = WORKDIR / "before-update"
    shutil.rmtree(before, ignore_errors=True)
    shutil.copytree(lib.root / "locale", before)
    r["update"] = asdict(measure(f"update (all {len(lib.locales)} locales)", [CLI, "update"],
                                 lib.root))
    merged = WORKDIR / "msgmerge-out"
    shutil.rmtree(merged, ignore_errors=True)
    lines = []
    for code in lib.locales:
        (merged / code).mkdir(parents=True)
        for po in sorted((before / code / "LC_MESSAGES").glob("*.po")):
            lines.append(f"--previous -q -o {merged / code / po.name} {po} "
                         f"{before / (po.stem + '.pot')}")
    args = WORKDIR / "msgmerge-args.txt"
    args.write_text("\n".join(lines) + "\n")
    cores = len(os.sched_getaffinity(0))
    r["msgmerge"] = asdict(measure(
        f"msgmerge --previous, {len(lines)} files (xargs -P {cores})",
        ["sh", "-c", f"xargs -P {cores} -n 6 msgmerge < {args}"], lib.root))
    r["msgmerge_files"] = len(lines)
    shutil.rmtree(merged)
    restore(lib, pristine)


def query_steps(lib, r: dict[str, object]) -> None:
    root = lib.root
    for what, cmd in (("status", [CLI, "status", "--format", "json"]),
                      ("check", [CLI, "check", "--format", "json"])):
        clear_cache(root)
        r[f"{what}_cold"] = asdict(measure(f"{what} (cold cache)", cmd, root,
                                           out=WORKDIR / f"{what}.json"))
        r[f"{what}_warm"] = asdict(measure(f"{what} (warm cache)", cmd, root,
                                           out=WORKDIR / f"{what}.json"))
    rows = [row for row in json.loads((WORKDIR / "status.json").read_text())
            if row.get("leaflet") != "ui"]
    r["status_rows"] = len(rows)
    r["printable"] = sum(row.get("printable") is True for row in rows)
    files = [str(p) for p in lib.catalogues()]
    listing = WORKDIR / "catalogues.txt"
    listing.write_text("\n".join(files) + "\n")
    cores = len(os.sched_getaffinity(0))
    per = len(files) // cores + 1
    r["pocount_1"] = asdict(measure(f"pocount, {len(files)} files (1 process)",
                                    ["sh", "-c", f"xargs -n {len(files)} {POCOUNT} < {listing}"],
                                    root))
    r["pocount_p"] = asdict(measure(f"pocount (xargs -P {cores})",
                                    ["sh", "-c", f"xargs -P {cores} -n {per} {POCOUNT} "
                                                 f"< {listing}"], root))
    r["catalogue_files"] = len(files)
    r["catalogue_mib"] = sum(Path(f).stat().st_size for f in files) / 2**20


def build_steps(lib, r: dict[str, object]) -> None:
    import library_corpus as lc

    from calcii18n.model import Catalog  # noqa: F401 - the snapshot's
    from calcii18n.po.format import format_po
    from calcii18n.po.parse import decode_po_bytes, parse_po
    from calcii18n.state import entry_id

    root = lib.root
    shutil.rmtree(root / "build", ignore_errors=True)
    clear_cache(root)
    r["build_full"] = asdict(measure("build (full: no build folder, cold cache)",
                                     [CLI, "build"], root, out=WORKDIR / "build-full.txt"))
    first = pdf_times(root)
    r["pdfs"] = len(first)
    r["build_full_line"] = rendered_line(WORKDIR / "build-full.txt", len(first))
    r["build_noop"] = asdict(measure("build (no-op)", [CLI, "build"], root,
                                     out=WORKDIR / "build-noop.txt"))
    r["build_noop_line"] = rendered_line(WORKDIR / "build-noop.txt")
    second = pdf_times(root)
    r["noop_rerendered"] = sorted(k for k in second if second[k] != first.get(k))

    # One catalogue changed: the translator edits one entry; the reviewer signs it again.
    code, domain = lib.locales[0], lc.leaflet_id((lib.leaflets + 1) // 2)
    path = lib.po(code, domain)
    catalog = parse_po(decode_po_bytes(path.read_bytes(), str(path)), str(path))
    target = next(m for m in catalog.messages if m.msgctxt and m.msgctxt.startswith("part")
                  and m.msgstr[0].endswith("]") and "signed:" in " ".join(
                      m.translator_comments))
    from dataclasses import replace

    edited = replace(target, msgstr=(target.msgstr[0][:-1] + " ŵöŕð]",))
    path.write_text(format_po(replace(catalog, messages=tuple(
        edited if m.key == target.key else m for m in catalog.messages))), encoding="utf-8")
    r["changed"] = f"{code}/{domain}"
    r["resign"] = asdict(measure(
        f"review approve {code} {domain} --entry (CLI)",
        [CLI, "review", "approve", code, domain, "--entry", entry_id(target), "--yes",
         "--key", str(lib.reviewer_key)], root))
    r["build_changed"] = asdict(measure(f"build (after {code}/{domain}.po changed)",
                                        [CLI, "build"], root,
                                        out=WORKDIR / "build-changed.txt"))
    r["build_changed_line"] = rendered_line(WORKDIR / "build-changed.txt")
    third = pdf_times(root)
    r["changed_rerendered"] = sorted(k for k in third if third[k] != second.get(k))
    shutil.copy(WORKDIR / "build-changed.txt", WORKDIR / "build-changed-summary.txt")


def engine_step(lib, r: dict[str, object]) -> None:
    """WeasyPrint alone on a seeded sample of the build's HTML (translations and English)."""
    htmls = sorted((lib.root / "build").glob("*/*.html"))
    htmls = [h for h in htmls if not h.name.endswith(".record.html")]
    sample = sorted(random.Random(5).sample(htmls, min(ENGINE_SAMPLE, len(htmls))))
    listing = WORKDIR / "engine-sample.txt"
    listing.write_text("\n".join(map(str, sample)) + "\n")
    out = WORKDIR / "engine.json"
    r["engine"] = asdict(measure(f"WeasyPrint alone, {len(sample)} HTML files × 2 passes",
                                 [sys.executable, str(Path(__file__).resolve()), "--_engine",
                                  str(listing), str(out)], lib.root))
    r["engine_detail"] = json.loads(out.read_text())


def _engine(listing: Path, out: Path) -> None:
    """(internal) Render each HTML file with plain WeasyPrint, twice; pages, CPU per pass."""
    import io

    import weasyprint
    from pypdf import PdfReader

    files = [Path(line) for line in listing.read_text().split()]
    texts = [(p.read_text(encoding="utf-8"), str(p.parent)) for p in files]
    passes = []
    pages: list[int] = []
    for _ in range(2):
        cpu0, t0 = time.process_time(), time.perf_counter()
        pdfs = [weasyprint.HTML(string=html, base_url=url).write_pdf() for html, url in texts]
        passes.append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - cpu0})
        pages = [len(PdfReader(io.BytesIO(d)).pages) for d in pdfs]
    out.write_text(json.dumps({"files": len(files), "passes": passes, "pages": pages}))


# --- counting reads, parses and checks inside one build --------------------------------

class Counters:
    """Counters wrapped around the functions a build reads, parses and checks with."""

    def __init__(self) -> None:
        self.c: dict[str, Counter[str]] = {k: Counter() for k in (
            "open", "parse_po", "po_entries", "cache_hit", "checked_msgs", "parse_leaflet",
            "verify", "build_templates")}
        self.depth = 0
        self.phase = ""  # the outermost phase of the build running (PHASE_OF)
        self.by_phase: dict[str, Counter[str]] = {}

    def add(self, kind: str, key: str) -> None:
        """One more `kind` for `key` (a file, or "calls"); catalogue (.po) events and
        signature checks are also counted by the phase they happen in."""
        self.c[kind][key] += 1
        if kind == "cache_hit":
            what, _, name = key.partition(":")
            kind, key = f"cache_{what}", name
        if key.endswith(".po") or kind == "verify":
            self.by_phase.setdefault(self.phase or "other", Counter())[kind] += 1

    def reset(self) -> None:
        for counter in self.c.values():
            counter.clear()
        self.by_phase.clear()


def install_counters() -> Counters:
    import builtins
    import io

    import calcii18n
    from calcii18n._util import cache as cache_mod
    from calcii18n._util import sshsig
    from calcii18n.checks import run_checks
    from calcii18n.leaflet import source
    from calcii18n.po import parse
    from calcii18n.project import write

    counters = Counters()
    import contextlib
    import pkgutil  # import every module first, so that every name bound to them is patched
    for info in pkgutil.walk_packages(calcii18n.__path__, "calcii18n."):
        with contextlib.suppress(Exception):  # an optional module that cannot load
            __import__(info.name)

    def swap(original: object, wrapper: object) -> None:
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("calcii18n"):
                for attr, value in list(vars(mod).items()):
                    if value is original:
                        setattr(mod, attr, wrapper)

    real_os_open, real_io_open = os.open, io.open

    def os_open(path, flags, *a, **k):
        if str(path).endswith((".po", ".pot")) and flags & os.O_ACCMODE == os.O_RDONLY:
            counters.add("open", _short(path))
        return real_os_open(path, flags, *a, **k)

    def io_open(file, mode="r", *a, **k):
        if isinstance(file, (str, Path)) and str(file).endswith((".po", ".pot")) and (
                "r" in mode and "+" not in mode):
            counters.add("open", _short(file))
        return real_io_open(file, mode, *a, **k)

    os.open = os_open
    io.open = builtins.open = io_open

    real_parse_po, real_entries = parse.parse_po, parse.po_entries

    def parse_po(text, path):
        counters.add("parse_po", _short(path))
        counters.depth += 1
        try:
            return real_parse_po(text, path)
        finally:
            counters.depth -= 1

    def po_entries(text, path):
        if not counters.depth:
            counters.add("po_entries", _short(path))
        return real_entries(text, path)

    swap(real_parse_po, parse_po)
    swap(real_entries, po_entries)

    def checks(msg, ctx, path=""):
        counters.add("checked_msgs", _short(path))
        return run_checks(msg, ctx, path)

    swap(run_checks, checks)

    real_parse_leaflet = source.parse_leaflet

    def parse_leaflet(text, path, expected_id):
        counters.add("parse_leaflet", str(path))
        return real_parse_leaflet(text, path, expected_id)

    swap(real_parse_leaflet, parse_leaflet)

    real_build_templates = write.build_templates

    def build_templates(*a, **k):
        counters.add("build_templates", "calls")
        return real_build_templates(*a, **k)

    swap(real_build_templates, build_templates)

    real_verify = sshsig.verify

    def verify(*a, **k):
        counters.add("verify", "calls")
        return real_verify(*a, **k)

    sshsig.verify = verify

    real_load = cache_mod.Cache.load

    def load(self, kind, name, inputs):
        found = real_load(self, kind, name, inputs)
        if found is not None:
            counters.add("cache_hit", f"{kind}:{_short(name)}")
        return found

    cache_mod.Cache.load = load

    import importlib
    for label, module, name in PHASE_OF:
        real = getattr(importlib.import_module(module), name)

        def phased(*args, _real=real, _label=label, **kwargs):
            outer = counters.phase
            counters.phase = outer or _label  # the outermost phase counts
            try:
                return _real(*args, **kwargs)
            finally:
                counters.phase = outer

        swap(real, phased)
    return counters


# The phases of publish.build.build the counters attribute their events to (outermost wins:
# the status that write_dashboard runs counts under the dashboard).
PHASE_OF = [
    ("extract", "calcii18n.project.write", "extract"),
    ("readability", "calcii18n.project.readability", "readability"),
    ("update", "calcii18n.project.write", "update"),
    ("check", "calcii18n.project.checking", "check"),
    ("status", "calcii18n.project.queries", "status"),
    ("render: plan (gates, HTML)", "calcii18n.publish.pipeline", "plan"),
    ("render: render keys", "calcii18n.publish.pipeline", "render_pdfs"),
    ("render: release records", "calcii18n.publish.pipeline", "_record"),
    ("render: dashboard (status again)", "calcii18n.publish.pipeline", "write_dashboard"),
]


def _short(path: object) -> str:
    """locale/es/LC_MESSAGES/x.po whatever the prefix."""
    text = str(path)
    at = text.rfind("locale/")
    return text[at:] if at >= 0 else text


def translated_entries(lib) -> dict[str, int]:
    """Translated entries per catalogue (read before the counters are installed)."""
    from calcii18n.po.parse import decode_po_bytes, parse_po

    sizes = {}
    for path in lib.catalogues():
        catalog = parse_po(decode_po_bytes(path.read_bytes(), str(path)), str(path))
        sizes[_short(path)] = sum(1 for m in catalog.messages if any(m.msgstr))
    return sizes


def summarise(counters: Counters, sizes: dict[str, int]) -> dict[str, object]:
    """Per catalogue file: how many times it was opened, parsed (whole or streamed),
    decoded from the cache and checked in full (run_checks calls ÷ its entries)."""
    c = counters.c
    names = list(sizes)
    signatures = sum(sizes.values())  # every translated entry is signed once

    def dist(values: list[float]) -> dict[str, float]:
        return {"min": min(values), "median": statistics.median(values), "max": max(values),
                "total": sum(values)}

    out = {
        "catalogues": len(names),
        "opened": dist([c["open"][n] for n in names]),
        "parse_po": dist([c["parse_po"][n] for n in names]),
        "po_entries": dist([c["po_entries"][n] for n in names]),
        "cache_po": dist([c["cache_hit"][f"po:{n}"] for n in names]),
        "cache_findings": dist([c["cache_hit"][f"findings:{n}"] for n in names]),
        "checked": dist([c["checked_msgs"][n] / max(1, sizes[n]) for n in names]),
        "pot_opened": sum(v for k, v in c["open"].items() if k.endswith(".pot")),
        "pot_parsed": sum(v for k, v in c["parse_po"].items() if k.endswith(".pot")),
        "leaflet_parses": sum(c["parse_leaflet"].values()),
        "leaflet_cache_hits": sum(v for k, v in c["cache_hit"].items()
                                  if k.startswith("leaflet:")),
        "build_templates": c["build_templates"]["calls"],
        "verify": c["verify"]["calls"],
        "signatures": signatures,
        "by_phase": {phase: {
            **{kind: n / len(names) for kind, n in counts.items()
               if kind not in ("checked_msgs", "verify")},
            "checked": counts["checked_msgs"] / max(1, signatures),
            "verify": counts["verify"] / max(1, signatures)}
            for phase, counts in counters.by_phase.items()},
    }
    return out


def _profile(root: Path, out: Path, leaflets: int, blocks: int, codes: list[str]) -> None:
    """(internal, CALCII18N_JOBS=1) A build with counters: cold cache (PDFs current), then
    the same build again under cProfile, with nothing changed and the replay turned off
    (the work a build does when something changed, around the PDFs)."""
    import cProfile
    import pstats

    import library_corpus as lc

    lib = lc.Library(root, root.parent, leaflets, blocks, tuple(codes))
    sizes = translated_entries(lib)
    counters = install_counters()
    from calcii18n.config import load_config
    from calcii18n.publish import build as job

    cfg = load_config(None, root)
    result: dict[str, object] = {}
    clear_cache(root)
    t0, cpu0 = time.perf_counter(), time.process_time()
    built = job.build(cfg, ("html", "pdf"))
    result["cold"] = {"wall": time.perf_counter() - t0, "cpu": time.process_time() - cpu0,
                      "rendered": sum(not r.reused for r in built.results if r.files),
                      **summarise(counters, sizes)}
    counters.reset()
    from calcii18n.publish import replay  # the work itself, not the last build's result

    replay.replay = lambda *args, **kwargs: None  # type: ignore[assignment]
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    built = job.build(cfg, ("html", "pdf"))
    profiler.disable()
    wall = time.perf_counter() - t0
    result["warm"] = {"wall": wall, "rendered": sum(not r.reused for r in built.results
                                                    if r.files), **summarise(counters, sizes)}
    stats = pstats.Stats(profiler)
    total = max(wall, 1e-9)
    rows = []
    for (path, line, func), (_, nc, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"where": f"{_mod(path)}:{line}({func})", "ncalls": nc, "tottime": tt,
                     "cumtime": ct, "ours": "calcii18n" in path})
    result["profile_wall"] = total
    result["phases"] = []
    for label, where, func in PHASES:
        found = [(nc, ct) for (path, _, name), (_, nc, _, ct, _) in stats.stats.items()  # type: ignore[attr-defined]
                 if path.endswith(where) and name == func]
        result["phases"].append({"label": label, "calls": sum(n for n, _ in found),
                                 "cumtime": sum(t for _, t in found)})
    result["by_cumtime"] = sorted((r for r in rows if r["ours"]), key=lambda r: -r["cumtime"])[:25]
    result["by_tottime"] = sorted(rows, key=lambda r: -r["tottime"])[:15]
    out.write_text(json.dumps(result, indent=1))


PHASES = [  # (label, file, function): inclusive time in the profiled build (replay off)
    ("extract (`write.extract`)", "calcii18n/project/write.py", "extract"),
    ("readability of the English (`readability.readability`)",
     "calcii18n/project/readability.py", "readability"),
    ("update (`write.update`)", "calcii18n/project/write.py", "update"),
    ("check (`checking.check`)", "calcii18n/project/checking.py", "check"),
    ("status (`queries.status`, build's and the dashboard's)",
     "calcii18n/project/queries.py", "status"),
    ("render: plan (`pipeline.plan`: fresh templates, gates, HTML)",
     "calcii18n/publish/pipeline.py", "plan"),
    ("… of which leaflet HTML (`pipeline._html`)", "calcii18n/publish/pipeline.py", "_html"),
    ("render: render keys, manifest (`pipeline.render_pdfs`)",
     "calcii18n/publish/pipeline.py", "render_pdfs"),
    ("render: release records rewritten (`pipeline._record`)",
     "calcii18n/publish/pipeline.py", "_record"),
    ("render: dashboard (`pipeline.write_dashboard`)", "calcii18n/publish/pipeline.py",
     "write_dashboard"),
    ("signature verification, everywhere (`sshsig.verify`)", "calcii18n/_util/sshsig.py",
     "verify"),
]


def _mod(path: str) -> str:
    for marker in ("calcii18n/", "site-packages/", "python3.11/"):
        at = path.rfind(marker)
        if at >= 0:
            return path[at + (0 if marker == "calcii18n/" else len(marker)):]
    return path


def profile_step(lib, r: dict[str, object]) -> None:
    out = WORKDIR / "profile.json"
    r["profiled"] = asdict(measure(
        "in-process builds with counters (1 job)",
        [sys.executable, str(Path(__file__).resolve()), "--_profile", str(lib.root), str(out),
         str(lib.leaflets), str(lib.blocks), ",".join(lib.locales)], lib.root,
        env={"CALCII18N_JOBS": "1"}))
    r["profile"] = json.loads(out.read_text())


# --- the report ------------------------------------------------------------------------

def machine() -> dict[str, str]:
    from importlib import metadata

    import weasyprint

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    gettext = subprocess.run(["msgmerge", "--version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    return {"nproc": str(len(os.sched_getaffinity(0))), "cpu": cpu,
            "kernel": platform.release(), "python": platform.python_version(),
            "calcii18n": metadata.version("calcii18n"), "weasyprint": weasyprint.__version__,
            "gettext": gettext, "translate-toolkit": metadata.version("translate-toolkit"),
            "memory_gib": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f}",
            "code": os.environ.get(SNAPSHOT_ENV, "")}


def _row(label: str, s: dict[str, float], note: str = "") -> str:
    pss = "—" if s["pss_mib"] != s["pss_mib"] else f"{s['pss_mib']:.0f}"  # NaN: too short
    return (f"| {label} | {s['wall']:.2f} | {s['cpu']:.2f} | {s['rss_mib']:.0f} | "
            f"{pss} | {s['processes']} | {note} |")


def _ratio(a: dict[str, float], b: dict[str, float]) -> float:
    return a["wall"] / b["wall"] if b["wall"] else float("nan")


def markdown(r: dict[str, object], argv: list[str]) -> str:
    m = r["machine"]
    L, B, N = r["leaflets"], r["blocks"], r["locales"]
    best_pocount = min((r["pocount_1"], r["pocount_p"]), key=lambda s: s["wall"])
    eng = r["engine_detail"]
    eng_pass = eng["passes"][1]
    eng_cpu = eng_pass["cpu"] / eng["files"]
    full, noop, changed = r["build_full"], r["build_noop"], r["build_changed"]
    rendered = r["pdfs"]
    # A full build's CPU above that of the build that rendered one PDF (the no-op build is
    # a replay now: it does none of the work around the PDFs either).
    marginal = (full["cpu"] - changed["cpu"]) / max(1, rendered - len(r["changed_rerendered"]))
    prof = r["profile"]
    cold, warm = prof["cold"], prof["warm"]
    steps = [v for v in r.values() if isinstance(v, dict) and "sampler_cpu" in v]
    steps += [r["cli_signing"]["step"]]
    sampler = sum(v["sampler_cpu"] for v in steps)
    steps_cpu = sum(v["cpu"] for v in steps)
    loads = [v.get("load", 0.0) for v in steps]
    want = {f"{r['changed'].split('/')[0]}/{r['changed'].split('/')[1]}.pdf"}
    changed_ok = set(r["changed_rerendered"]) == want
    noop_ok = noop["wall"] <= 10 and not r["noop_rerendered"]
    status_ratio = _ratio(r["status_cold"], best_pocount)
    check_ratio = _ratio(r["check_cold"], best_pocount)
    read_once = (cold["opened"]["max"] <= 1 and cold["parse_po"]["max"]
                 + cold["po_entries"]["max"] + cold["cache_po"]["max"] <= 1)
    check_once = cold["checked"]["max"] <= 1
    full_size = (L, B, N) == (300, 60, 20)
    size_note = ("the size the issue asks for" if full_size else
                 f"**not** the issue's 300 × 60 × 20: {r['size_reason']}")
    shown = []  # the command line, without the --why text (it is quoted below)
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--why":
            skip = True
        elif not arg.startswith("--why="):
            shown.append(arg)
    recount = (f" The counts and the profile below were measured again at {r['recounted']} "
               "UTC on the same library (`--recount`)." if r.get("recounted") else "")
    lines = [
        HEADING, "",
        f"`.venv/bin/python bench/bench_library.py {' '.join(shown)}`"
        + f", {r['started']} – {r['finished']} UTC ({r['total_s'] / 60:.0f} min).{recount} "
        f"Machine: `nproc` = {m['nproc']} ({m['cpu']}), {m['memory_gib']} GiB, Linux "
        f"{m['kernel']}; Python {m['python']}, calcii18n {m['calcii18n']} ({m['code']}), "
        f"WeasyPrint {m['weasyprint']}, {m['gettext']}, translate-toolkit "
        f"{m['translate-toolkit']}. Load average {r['load'][0]:.2f} at the start, "
        f"{r['load'][1]:.2f} at the end. Each step ran once.", "",
        f"Library: **{L} leaflets × {B} blocks × {N} locales** ({size_note}): "
        f"{r['catalogue_files']:,} catalogues ({L} leaflets + ui per locale, "
        f"{r['catalogue_mib']:.0f} MiB), every entry translated (the pseudo-locale transform, "
        f"`Language` right for each locale) and signed by a registered clinical reviewer "
        f"({r['generation']['signed']:,} signatures, {r['generation']['refused']} refused), "
        f"so every one of the {rendered:,} editions ({L} English + {L * N:,} translations) "
        f"prints as final. Made in {r['generation']['project_s']:.0f} s (`new`, `extract`, "
        f"`init` × {N}) + {r['generation']['translate_sign_s']:.0f} s (translating and "
        f"signing in-process, one worker per core, through the code `review approve "
        f"--all-translated` runs). The CLI `calcii18n review approve --all-translated` takes "
        f"{r['cli_signing']['step']['wall']:.2f} s for one catalogue of {B} entries (start-up "
        f"included) and wrote the same bytes as the in-process signing "
        f"({'yes' if r['cli_signing']['same_bytes'] else 'NO'}); "
        f"through the CLI the whole library would take "
        f"{r['cli_signing']['step']['wall'] * r['catalogue_files'] / 60:.0f} min on one core. "
        f"Languages: {', '.join(r['codes'])}.", "",
        "| step | wall s | CPU s | peak RSS, tree MiB | peak PSS, tree MiB | processes | |",
        "|---|---|---|---|---|---|---|",
        _row(f"`extract` (English of {r['english_edited']} leaflets revised, cold cache)",
             r["extract"]),
        _row(f"`update`, all {N} locales", r["update"]),
        _row(f"anchor: `msgmerge --previous`, {r['msgmerge_files']:,} files "
             f"(xargs -P {m['nproc']})", r["msgmerge"],
             f"update / msgmerge {_ratio(r['update'], r['msgmerge']):.2f}"),
        _row("`status --format json`, cold cache", r["status_cold"],
             f"/ pocount {status_ratio:.2f}"),
        _row("`status --format json`, warm", r["status_warm"],
             f"/ pocount {_ratio(r['status_warm'], best_pocount):.2f}"),
        _row("`check --format json`, cold cache", r["check_cold"],
             f"/ pocount {check_ratio:.2f}"),
        _row("`check --format json`, warm", r["check_warm"],
             f"/ pocount {_ratio(r['check_warm'], best_pocount):.2f}"),
        _row(f"anchor: `pocount`, {r['catalogue_files']:,} files, 1 process", r["pocount_1"]),
        _row(f"anchor: `pocount`, xargs -P {m['nproc']}", r["pocount_p"]),
        _row("`build`, full (no build folder, cold cache)", full,
             r["build_full_line"] if r["build_full_line"].startswith("PDFs:")
             else f"{rendered:,} PDFs written"),
        _row("`build`, no-op (nothing changed)", noop, r["build_noop_line"]),
        _row(f"`review approve {r['changed'].replace('/', ' ')} --entry` (one entry, CLI)",
             r["resign"]),
        _row(f"`build` after `{r['changed']}.po` changed", changed, r["build_changed_line"]),
        _row(f"anchor: WeasyPrint alone, {eng['files']} of the build's HTML files × 2 passes, "
             "1 process", r["engine"],
             f"2nd pass {eng_pass['wall']:.2f} s, {eng_cpu:.3f} CPU s/PDF, "
             f"{statistics.mean(eng['pages']):.1f} pages/PDF"),
        "",
        f"Memory sampling cost this script {sampler:.1f} CPU s over all steps "
        f"({100 * sampler / max(1e-9, steps_cpu):.1f} % of their CPU). The 1-minute load "
        f"average when a step ended was {min(loads):.1f}–{max(loads):.1f} (2 means both "
        "cores busy; above it, something else ran too).", "",
        f"Full build: {rendered:,} PDFs, {full['cpu'] / rendered:.3f} CPU s per PDF all in, "
        f"{marginal:.3f} CPU s per PDF above the CPU of the build that rendered one, "
        f"against WeasyPrint's "
        f"{eng_cpu:.3f} alone ({marginal / eng_cpu:.2f}×); "
        f"{rendered / full['wall'] / int(m['nproc']):.2f} PDFs/s/core. ", "",
        "| target (issue 18) | measured | met? |", "|---|---|---|",
        f"| no-op `build` of the library ≤ 10 s, no PDF rendered | {noop['wall']:.1f} s "
        f"({noop['cpu']:.1f} CPU s), {len(r['noop_rerendered'])} PDFs rendered again | "
        f"{'yes' if noop_ok else 'no'}"
        f"{'' if full_size else f' (at {L} × {B} × {N}; 300 × 60 × 20 not run)'} |",
        f"| one changed catalogue re-renders only its leaflet's edition in that locale | "
        f"{len(r['changed_rerendered'])} PDF(s) rendered again: "
        f"{', '.join(r['changed_rerendered'][:5]) or 'none'}; build took {changed['wall']:.1f} s "
        f"| {'yes' if changed_ok else 'no'} |",
        f"| cold `status` no slower than `pocount` on the same files | "
        f"{r['status_cold']['wall']:.1f} s against {best_pocount['wall']:.1f} s: "
        f"{status_ratio:.2f}× | {'yes' if status_ratio <= 1 else 'no'} |",
        f"| cold `check` no slower than `pocount` | {r['check_cold']['wall']:.1f} s against "
        f"{best_pocount['wall']:.1f} s: {check_ratio:.2f}× | "
        f"{'yes' if check_ratio <= 1 else 'no'} |",
        f"| `build` reads each catalogue once | cold cache: opened "
        f"{cold['opened']['median']:.0f}×, parsed {cold['parse_po']['median']:.0f}× whole "
        f"and {cold['po_entries']['median']:.0f}× streamed, its parse decoded from the cache "
        f"{cold['cache_po']['median']:.0f}× more; warm, replay off: opened "
        f"{warm['opened']['median']:.0f}×, parsed {warm['parse_po']['median']:.0f}×, decoded "
        f"{warm['cache_po']['median']:.0f}× (every catalogue alike; tables below) | "
        f"{'yes' if read_once else 'no'} |",
        f"| `build` checks each catalogue once | cold cache: "
        f"{cold['checked']['median']:.0f} full check, its findings decoded from the cache "
        f"{cold['cache_findings']['median']:.0f}× more; warm, replay off: "
        f"{warm['checked']['median']:.0f} checks, findings decoded "
        f"{warm['cache_findings']['median']:.0f}×; signatures verified "
        f"{cold['verify'] / max(1, cold['signatures']):.1f}× (cold) and "
        f"{warm['verify'] / max(1, warm['signatures']):.1f}× (warm) calls each, repeats "
        "answered from sshsig.verify's memo | "
        f"{'yes' if check_once else 'no'} (the checks; not the signatures) |",
        "",
        f"How often one build touches each catalogue: `build` in-process with "
        f"`CALCII18N_JOBS=1` (so every call is counted in one process), counters wrapped "
        f"around opening a .po/.pot for reading, `parse_po` (whole catalogue), `po_entries` "
        f"(streamed parse, outside parse_po), the cache's hits, `run_checks` (calls ÷ the "
        f"catalogue's translated entries = full check passes), `parse_leaflet` and "
        f"`sshsig.verify`. Cold: `.calcii18n-cache` emptied first, PDFs current "
        f"({cold['rendered']} rendered), {cold['wall']:.0f} s; warm: the same build again, "
        "replay off "
        f"({warm['rendered']} rendered), {warm['wall']:.0f} s under cProfile. Per catalogue "
        f"(min / median / max over {cold['catalogues']:,}):", "",
        "| per catalogue | cold cache | warm (nothing changed, replay off) |", "|---|---|---|",
    ]
    for key, label in (("opened", "opened for reading"), ("parse_po", "parsed whole "
                                                                        "(`parse_po`)"),
                       ("po_entries", "parsed streamed (`po_entries`)"),
                       ("cache_po", "parse decoded from the cache"),
                       ("checked", "checked in full (`run_checks` passes)"),
                       ("cache_findings", "findings decoded from the cache")):
        a, b = cold[key], warm[key]
        lines.append(f"| {label} | {a['min']:.0f} / {a['median']:.0f} / {a['max']:.0f} | "
                     f"{b['min']:.0f} / {b['median']:.0f} / {b['max']:.0f} |")
    lines += [
        f"| whole build: .pot files opened / parsed | {cold['pot_opened']} / "
        f"{cold['pot_parsed']} | {warm['pot_opened']} / {warm['pot_parsed']} |",
        f"| whole build: English leaflets parsed (`parse_leaflet`) / from cache; fresh "
        f"templates built | {cold['leaflet_parses']} / {cold['leaflet_cache_hits']}; "
        f"{cold['build_templates']} | {warm['leaflet_parses']} / "
        f"{warm['leaflet_cache_hits']}; {warm['build_templates']} |",
        f"| whole build: signatures verified (`sshsig.verify`) for {cold['signatures']:,} "
        f"signatures | {cold['verify']:,} ({cold['verify'] / max(1, cold['signatures']):.1f} "
        f"per signature) | {warm['verify']:,} "
        f"({warm['verify'] / max(1, warm['signatures']):.1f} per signature) |",
    ]
    if "by_phase" in cold:
        lines += [
            "", "Where in the build (per catalogue, averaged over all; outermost phase, so "
            "the status the dashboard runs counts under the dashboard), "
            "cold / warm (replay off):", "",
            "| phase | opened | parsed whole | parsed streamed | parse from cache | "
            "checked | findings from cache | signature checks per signature |",
            "|---|---|---|---|---|---|---|---|"]
        order = [label for label, _, _ in PHASE_OF] + ["other"]
        for phase in order:
            a, b = cold["by_phase"].get(phase, {}), warm["by_phase"].get(phase, {})
            if not any(a.values()) and not any(b.values()):
                continue
            lines.append(f"| {phase} | " + " | ".join(
                f"{a.get(k, 0):.2g} / {b.get(k, 0):.2g}" for k in (
                    "open", "parse_po", "po_entries", "cache_po", "checked", "cache_findings",
                    "verify")) + " |")
    phases = [p for p in prof["phases"] if not p["label"].startswith(("…", "signature"))]
    top = sorted(phases, key=lambda p: -p["cumtime"])[:3]
    verify = next((p for p in prof["phases"] if p["label"].startswith("signature")), None)
    lines += [
        "",
        "### Where a build's time goes when nothing changed, replay off (cProfile, one "
        f"process, {warm['wall']:.0f} s "
        "under the profiler)", "",
        "Largest phases: " + ", ".join(
            f"{p['label']} {100 * p['cumtime'] / prof['profile_wall']:.0f} %" for p in top)
        + (f"; verifying signatures takes {100 * verify['cumtime'] / prof['profile_wall']:.0f}"
           " % of the whole, across the phases." if verify else "."), "",
        "By phase of `publish.build.build` (inclusive time; phases overlap where noted):",
        "", "| phase | calls | s | % |", "|---|---|---|---|",
        *(f"| {p['label']} | {p['calls']:,} | {p['cumtime']:.2f} | "
          f"{100 * p['cumtime'] / prof['profile_wall']:.0f} |" for p in prof["phases"]),
        "", "calcii18n's functions by cumulative time (inclusive):", "",
        "| function | calls | own s | cumulative s | % |", "|---|---|---|---|---|",
    ]
    for row in prof["by_cumtime"][:20]:
        lines.append(f"| `{row['where']}` | {row['ncalls']:,} | {row['tottime']:.2f} | "
                     f"{row['cumtime']:.2f} | {100 * row['cumtime'] / prof['profile_wall']:.0f} |")
    lines += ["", "Largest own time (any code):", "",
              "| function | calls | own s | % |", "|---|---|---|---|"]
    for row in prof["by_tottime"][:12]:
        lines.append(f"| `{row['where']}` | {row['ncalls']:,} | {row['tottime']:.2f} | "
                     f"{100 * row['tottime'] / prof['profile_wall']:.0f} |")
    if r.get("notes"):
        lines += ["", *r["notes"]]
    return "\n".join(lines) + "\n"


# --- main ------------------------------------------------------------------------------


def _publish(saved: dict[str, object], args: argparse.Namespace) -> int:
    """Print the section from saved figures and, unless --quick or --no-results, write it
    to bench/RESULTS.md."""
    text = markdown(saved, saved["argv"])
    print(text)
    if not (args.quick or args.no_results):
        import results_md

        results_md.write_section(HEADING, text)
    return 0

def main(argv: list[str]) -> int:
    if argv[:1] == ["--_engine"]:
        _engine(Path(argv[1]), Path(argv[2]))
        return 0
    if argv[:1] == ["--_profile"]:
        _profile(Path(argv[1]), Path(argv[2]), int(argv[3]), int(argv[4]), argv[5].split(","))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaflets", type=int, default=300)
    parser.add_argument("--blocks", type=int, default=60)
    parser.add_argument("--locales", type=int, default=20, help=f"at most {len(LOCALES)}")
    parser.add_argument("--quick", action="store_true",
                        help="20 leaflets × 20 blocks × 4 locales; no RESULTS.md")
    parser.add_argument("--keep", action="store_true",
                        help="reuse the library an earlier run generated at the same size")
    parser.add_argument("--no-results", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--why", default="",
                        help="why this size and not 300 × 60 × 20 (printed in RESULTS.md)")
    parser.add_argument("--assemble", action="store_true",
                        help="only write the section again from bench/_work/library.json")
    parser.add_argument("--recount", action="store_true",
                        help="measure the counts and the profile again on the library and "
                             "code snapshot the last run left, then write the section")
    args = parser.parse_args(argv)
    saved_json = BENCH / "_work" / ("library-quick.json" if args.quick else "library.json")
    if args.recount:
        saved = json.loads(saved_json.read_text())
        snapshot_and_reexec(argv, reuse=saved["machine"]["code"])
        import library_corpus as lc

        root = WORKDIR / "lib"
        lib = lc.Library(root, root.parent / "lib-keys", saved["leaflets"], saved["blocks"],
                         tuple(saved["codes"]))
        profile_step(lib, saved)
        saved["recounted"] = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
        saved_json.write_text(json.dumps(saved, indent=1, default=str))
        return _publish(saved, args)
    if args.assemble:
        return _publish(json.loads(saved_json.read_text()), args)
    if args.quick:
        args.leaflets, args.blocks, args.locales = 20, 20, 4
    if not 1 <= args.locales <= len(LOCALES):
        parser.error(f"--locales: 1 to {len(LOCALES)}")
    for exe in ("msgmerge", POCOUNT, CLI):
        if shutil.which(exe) is None:
            parser.error(f"{exe} not found")
    snapshot_and_reexec(argv)

    import library_corpus as lc

    started, t_start = dt.datetime.now(dt.UTC), time.perf_counter()
    load0 = os.getloadavg()[0]
    codes = LOCALES[:args.locales]
    root = WORKDIR / "lib"
    pristine = WORKDIR / "pristine"
    marker = WORKDIR / "made.json"
    size = {"leaflets": args.leaflets, "blocks": args.blocks, "codes": codes}
    r: dict[str, object] = {"leaflets": args.leaflets, "blocks": args.blocks,
                            "locales": len(codes), "codes": codes,
                            "size_reason": args.why or "see the notes"}
    print(f"library {args.leaflets} × {args.blocks} × {len(codes)} in {root} "
          f"(code: {os.environ.get(SNAPSHOT_ENV)})", flush=True)
    if args.keep and marker.is_file() and json.loads(marker.read_text())["size"] == size:
        made = json.loads(marker.read_text())
        lib = lc.Library(root, root.parent / "lib-keys", args.leaflets, args.blocks,
                         tuple(codes))
        restore(lib, pristine)
        shutil.rmtree(root / "build", ignore_errors=True)
        r["generation"] = made["generation"]
        print("  reusing the generated library", flush=True)
    else:
        marker.unlink(missing_ok=True)
        lib, info = lc.make(root, args.leaflets, args.blocks, codes)
        print(f"  generated: {info}", flush=True)
        r["generation"] = info
        shutil.rmtree(pristine, ignore_errors=True)
        pristine.mkdir(parents=True)
        for part in ("sources", "locale"):
            shutil.copytree(root / part, pristine / part)
        marker.write_text(json.dumps({"size": size, "generation": info}))
    r["cli_signing"] = cli_signing(lib)
    update_steps(lib, pristine, r)
    query_steps(lib, r)
    build_steps(lib, r)
    engine_step(lib, r)
    profile_step(lib, r)
    restore(lib, pristine)  # the library as generated, for --keep
    r["machine"] = machine()
    r["load"] = (load0, os.getloadavg()[0])
    r["started"] = f"{started:%Y-%m-%d %H:%M}"
    r["finished"] = f"{dt.datetime.now(dt.UTC):%H:%M}"
    r["total_s"] = time.perf_counter() - t_start
    r["argv"] = argv
    text = markdown(r, argv)
    print("\n" + text)
    work = BENCH / "_work"
    work.mkdir(exist_ok=True)
    saved_json.write_text(json.dumps(r, indent=1, default=str))
    if not (args.quick or args.no_results):
        import results_md

        results_md.write_section(HEADING, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
