# Usage: .venv/bin/python bench/bench_update_parallel.py [--sizes 10000 50000] [--locales 30]
#        [--repeats 3] [--before REV] [--keep] [--results]
"""`calcii18n update` of every locale of a project: sequential against worker processes.

The project is bench_project.py's generated one (one leaflet of N blocks plus the ui
domain, L locales; 1 in 10 untranslated, 1 in 4 reviewed), made once in bench/_work/projN/
and reused with --keep; its English is then edited and extracted, and the catalogues as
they are before `update` are kept beside it, so every run starts from the same files.

Rows, on the same files in the same run (CALCII18N_CACHE=off: each run parses the .pot
files, as a first run does):

  REV (today)           the code of commit --before (default HEAD), from `git archive` on
                        PYTHONPATH: one locale after another
  working tree, 1 job   CALCII18N_JOBS=1: the sequential path of the new code
  working tree, N jobs  this machine's cores (calcii18n's own sizing)

Each is timed with GNU time (wall, CPU of the process and its workers, peak RSS of its
largest process), --repeats rounds of one run of each row in turn (one round if a run
takes over 60 s), medians reported; then each row runs once more, sampling the peak memory
summed over the process tree (bench_memory.measure: RSS, and PSS, which splits pages
shared by forked workers), and the catalogues it wrote are compared with the first row's,
file by file. Prints Markdown, saves it
to bench/_work/update-parallel.json, and with --results writes the section
"update across locales" of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import bench_memory as bm
import bench_project as bp
import project_corpus as pc
import results_md
from bench_update import SLOW, WORK, Run, run_timed

HEADING = "## update across locales"


def prepared(size: int, codes: list[str], keep: bool) -> tuple[Path, Path]:
    """The project, its English extracted after the edit, and a copy of its locale folder
    as `update` finds it."""
    root = bm.project(size, codes, keep)
    saved = WORK / f"proj{size}-update-input"
    if not (keep and saved.is_dir()):
        subprocess.run([bp.CLI, "extract"], cwd=root, check=True, capture_output=True)
        shutil.rmtree(saved, ignore_errors=True)
        shutil.copytree(root / "locale", saved)
    return root, saved


def restore(root: Path, saved: Path) -> None:
    shutil.rmtree(root / "locale")
    shutil.copytree(saved, root / "locale")


def catalogues(folder: Path) -> dict[str, str]:
    """SHA-256 of every catalogue under `folder`, by its path there."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.po"))}


def source_of(rev: str) -> tuple[str, Path]:
    """`rev`'s src/ folder, unpacked once into bench/_work/ by git archive (no worktree:
    git's state is left alone)."""
    short = subprocess.run(["git", "rev-parse", "--short", rev], capture_output=True,
                           text=True, check=True, cwd=pc.REPO).stdout.strip()
    folder = WORK / f"src-{short}"
    if not (folder / "src").is_dir():
        archive = WORK / f"src-{short}.tar"
        subprocess.run(["git", "archive", "-o", str(archive), short, "src"], check=True,
                       cwd=pc.REPO)
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
        archive.unlink()
    return short, folder / "src"


def timed(cmd: list[str], root: Path, saved: Path, env: dict[str, str]) -> Run:
    here, before = Path.cwd(), dict(os.environ)
    restore(root, saved)
    os.chdir(root)
    os.environ.update(env)
    try:
        run = run_timed(cmd)
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(before)
    print(f"    {run.wall:7.2f} s  CPU {run.cpu or 0:6.1f} s  rc={run.rc}  load "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    return run


def bench_size(size: int, codes: list[str], rows: list[tuple[str, dict[str, str]]],
               repeats: int, keep: bool) -> dict[str, object]:
    """Each row timed in turn, round after round (so that a busy spell of a shared
    machine falls on all of them), then its output compared and its tree's memory
    sampled."""
    root, saved = prepared(size, codes, keep)
    before = catalogues(saved)
    cmd = [bp.CLI, "update"]
    envs = {label: {"CALCII18N_CACHE": "off", **env} for label, env in rows}
    runs: dict[str, list[Run]] = {label: [] for label in envs}
    for rep in range(repeats):
        for label, env in envs.items():
            print(f"N={size}, {label}, run {rep + 1}", flush=True)
            runs[label].append(timed(cmd, root, saved, env))
        if max(r[-1].wall for r in runs.values()) > SLOW:
            break
    out: dict[str, object] = {
        "size": size, "locales": len(codes),
        "po_mib": sum(p.stat().st_size for p in saved.rglob("*.po")) / 2**20, "rows": {}}
    reference: dict[str, str] | None = None
    for label, env in envs.items():
        restore(root, saved)
        peak = bm.measure(cmd, root, env)
        written = catalogues(root / "locale")
        reference = reference if reference is not None else written
        print(f"N={size}, {label}: tree {peak.wall:.1f} s, RSS {peak.rss_mib:.0f} MiB, PSS "
              f"{peak.pss_mib:.0f} MiB, {peak.processes} processes", flush=True)
        ok = [r for r in runs[label] if r.rc == 0]
        out["rows"][label] = {  # type: ignore[index]
            "wall": statistics.median(r.wall for r in ok) if ok else None,
            "cpu": statistics.median(r.cpu for r in ok if r.cpu is not None) if ok else None,
            "rss_mib": max((r.rss_kb or 0) for r in ok) / 1024 if ok else None,
            "walls": [r.wall for r in runs[label]], "rc": sorted({r.rc for r in runs[label]}),
            "tree_rss_mib": peak.rss_mib, "tree_pss_mib": peak.pss_mib,
            "processes": peak.processes, "tree_wall": peak.wall,
            "rewritten": sum(1 for k, v in written.items() if before.get(k) != v),
            "identical": written == reference}
    return out


def markdown(results: list[dict[str, object]]) -> str:
    out = ["| N | locales | catalogues MiB | code | jobs | wall s | CPU s | × today | peak RSS "
           "MiB (largest process) | peak RSS MiB (tree) | peak PSS MiB (tree) | processes | "
           "files rewritten | output as today's |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        rows = result["rows"]
        assert isinstance(rows, dict)
        first = next(iter(rows.values()))["wall"]
        for label, r in rows.items():
            code, _, jobs = label.partition(", ")
            ratio = f"{r['wall'] / first:.2f}" if r["wall"] and first else "—"
            wall = f"{r['wall']:.2f}" if r["wall"] else "failed"
            cpu = f"{r['cpu']:.1f}" if r["cpu"] else "—"
            rss = f"{r['rss_mib']:.0f}" if r["rss_mib"] else "—"
            out.append(f"| {result['size']:,} | {result['locales']} | {result['po_mib']:.0f} | "
                       f"{code} | {jobs} | {wall} | {cpu} | {ratio} | {rss} | "
                       f"{r['tree_rss_mib']:.0f} | {r['tree_pss_mib']:.0f} | "
                       f"{r['processes']} | {r['rewritten']} | "
                       f"{'byte for byte' if r['identical'] else '**differs**'} |")
    return "\n".join(out)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return (f"{len(os.sched_getaffinity(0))} CPUs ({cpu}), Linux {platform.release()}, "
            f"Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--locales", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", metavar="REV", default="HEAD",
                        help="the code to compare with (default: HEAD)")
    parser.add_argument("--keep", action="store_true",
                        help="reuse bench/_work/projN/ if an earlier run made it")
    parser.add_argument("--results", action="store_true",
                        help="write the section 'update across locales' of bench/RESULTS.md")
    args = parser.parse_args(argv)
    started, load0 = dt.datetime.now(dt.UTC), os.getloadavg()[0]
    command = " ".join(["bench/bench_update_parallel.py", *(argv or sys.argv[1:])])
    short, src = source_of(args.before)
    rows = [(f"{short} (today), 1", {"PYTHONPATH": str(src)}),
            ("working tree, 1", {"CALCII18N_JOBS": "1"}),
            (f"working tree, {bp.CORES}", {})]
    results = [bench_size(n, bp.LOCALES[:args.locales], rows, args.repeats, args.keep)
               for n in args.sizes]
    table = markdown(results)
    print("\n" + table)
    (WORK / "update-parallel.json").write_text(json.dumps(results, indent=1))
    if args.results:
        results_md.write_section(HEADING, "\n".join([
            HEADING, "", f"`{command}`, {started:%Y-%m-%d %H:%M} UTC, "
            f"{time.time() - started.timestamp():.0f} s wall. "
            f"Machine: {machine()}; load average {load0:.2f} → {os.getloadavg()[0]:.2f}. "
            "Whole processes, CALCII18N_CACHE=off; wall and CPU are medians, peak RSS of the "
            "largest process from GNU time; tree peaks from one more run sampled every 10 ms "
            "(RSS counts a page shared by forked workers in each, PSS splits it).", "",
            table]))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
