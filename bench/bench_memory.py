# Usage: .venv/bin/python bench/bench_memory.py [--size 20000] [--locales 30] [--jobs 2 16]
#        [--before REV] [--keep] [--results]
"""Peak memory of `calcii18n check` (and status) beside translate-toolkit's pocount.

Memory is summed over the whole process tree, workers included, sampled every 10 ms from
/proc: RSS (what `ps` shows; pages a forked worker shares with its parent count in both)
and PSS (each shared page split between the processes that map it: the sum is what the
tree really holds). The project is bench_project.py's generated one (one leaflet of N
blocks, L locales, 1 in 10 untranslated, 1 in 4 reviewed), made once in
bench/_work/projN/ and reused with --keep.

Rows: check, cold (no .calcii18n-cache) and warm, with each CALCII18N_JOBS of --jobs
(default: this machine's cores, and 16 as on a big build host), by the working tree's
code and, with --before, by an older commit's (a git worktree on PYTHONPATH); status
cold and warm; pocount on all catalogues in one process and one process per core
(xargs -P), as bench_project.py runs it. Prints Markdown, saves it to
bench/_work/memory.json, and with --results writes the section "Memory of check" of
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import bench_project as bp
import project_corpus as pc
import results_md
from bench_update import WORK

HEADING = results_md.OWN_SECTIONS[0]

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Peak:
    wall: float
    rc: int
    rss_mib: float  # the largest sum of RSS over the tree at one moment
    pss_mib: float  # the largest sum of PSS over the tree at one moment
    largest_mib: float  # the largest RSS of one process
    processes: int  # the most processes alive at one moment


def _tree(session: int) -> list[int]:
    """Every process in the session `session` (the command and everything it started)."""
    out = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:  # field 6 of stat: the session id
                out.append(int(entry.name))
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, or zeros if it has gone."""
    try:
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
        pss = next(int(line.split()[1]) for line in
                   Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                   if line.startswith("Pss:"))
    except (OSError, StopIteration, ValueError):
        return 0, 0
    return rss, pss


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Peak:
    """Run cmd in its own session and sample the tree's memory until it ends."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, **(env or {})})
    peak = {"rss": 0, "pss": 0, "largest": 0, "processes": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = [_memory(pid) for pid in _tree(proc.pid)]
            peak["rss"] = max(peak["rss"], sum(r for r, _ in sizes))
            peak["pss"] = max(peak["pss"], sum(p for _, p in sizes))
            peak["largest"] = max(peak["largest"], max((r for r, _ in sizes), default=0))
            peak["processes"] = max(peak["processes"], len(sizes))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    rc = proc.wait()
    done.set()
    sampler.join()
    return Peak(time.perf_counter() - start, rc, peak["rss"] / 1024, peak["pss"] / 1024,
                peak["largest"] / 1024, peak["processes"])


def project(size: int, locales: list[str], keep: bool) -> Path:
    root = WORK / f"proj{size}"
    done = root / ".bench-made"
    if keep and done.exists() and done.read_text() == ",".join(locales):
        return root
    root = bp.make_project(size, locales)
    done.write_text(",".join(locales))
    return root


def worktree(rev: str) -> tuple[str, Path]:
    """A checkout of `rev` in bench/_work/ (made once), for PYTHONPATH: its short hash."""
    short = subprocess.run(["git", "rev-parse", "--short", rev], capture_output=True,
                           text=True, check=True, cwd=pc.REPO).stdout.strip()
    path = WORK / f"before-{short}"
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), short], check=True,
                       cwd=pc.REPO, capture_output=True)
    return short, path / "src"


def run(size: int, codes: list[str], jobs: list[int], before: str | None,
        keep: bool) -> dict[str, object]:
    root = project(size, codes, keep)
    catalogues = [str(root / "locale" / c / "LC_MESSAGES" / f"{pc.LEAFLET}.po") for c in codes]
    po_bytes = sum(Path(p).stat().st_size for p in catalogues)
    clear = ["rm", "-rf", str(root / ".calcii18n-cache")]
    now = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True, cwd=pc.REPO).stdout.strip()
    codes_under_test = [(f"{now} + working tree", {})]
    if before:
        short, src = worktree(before)
        codes_under_test.insert(0, (short, {"PYTHONPATH": str(src)}))
    rows: dict[str, Peak] = {}
    check = [bp.CLI, "check", "--format", "json"]
    for n in jobs:
        for label, env in codes_under_test:
            env = {**env, "CALCII18N_JOBS": str(n)}
            subprocess.run(clear, check=True)
            rows[f"check cold, {n} jobs, {label}"] = measure(check, root, env)
            rows[f"check warm, {n} jobs, {label}"] = measure(check, root, env)
    subprocess.run(clear, check=True)
    status = [bp.CLI, "status", "--format", "json"]
    rows[f"status cold, {bp.CORES} jobs"] = measure(status, root)
    rows[f"status warm, {bp.CORES} jobs"] = measure(status, root)
    rows["pocount (1 process)"] = measure([bp.POCOUNT, *catalogues], root)
    per = max(1, len(codes) // bp.CORES + 1)
    rows[f"pocount (xargs -P {bp.CORES})"] = measure(
        ["sh", "-c", f"printf '%s\\n' {' '.join(catalogues)} | "
                     f"xargs -P {bp.CORES} -n {per} {bp.POCOUNT}"], root)
    for label, peak in rows.items():
        print(f"  {label:<44} {peak.wall:6.1f} s  rc={peak.rc}  RSS {peak.rss_mib:7.0f} MiB  "
              f"PSS {peak.pss_mib:7.0f} MiB  largest {peak.largest_mib:6.0f} MiB  "
              f"{peak.processes} processes", flush=True)
    return {"size": size, "locales": len(codes), "po_mib": po_bytes / 2**20, "cores": bp.CORES,
            "rows": {k: asdict(v) for k, v in rows.items()}}


def markdown(result: dict[str, object]) -> str:
    rows = result["rows"]
    assert isinstance(rows, dict)
    out = [f"{result['locales']} locales × {result['size']:,} messages: "
           f"{result['po_mib']:.0f} MiB of catalogues; {result['cores']} cores here (16 jobs "
           "share them: the wall times of those rows are not a big host's).", "",
           "| command | wall s | peak RSS, tree MiB | peak PSS, tree MiB | largest process MiB "
           "| processes | PSS / catalogues |", "|---|---|---|---|---|---|---|"]
    for label, r in rows.items():
        out.append(f"| {label} | {r['wall']:.1f} | {r['rss_mib']:.0f} | {r['pss_mib']:.0f} | "
                   f"{r['largest_mib']:.0f} | {r['processes']} | "
                   f"{r['pss_mib'] / result['po_mib']:.1f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--locales", type=int, default=30)
    parser.add_argument("--jobs", type=int, nargs="+", default=sorted({bp.CORES, 16}))
    parser.add_argument("--before", metavar="REV", help="also measure check at this commit")
    parser.add_argument("--keep", action="store_true",
                        help="reuse bench/_work/projN/ if an earlier run made it")
    parser.add_argument("--results", action="store_true",
                        help="write the section 'Memory of check' of bench/RESULTS.md")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    result = run(args.size, bp.LOCALES[:args.locales], args.jobs, args.before, args.keep)
    result["markdown"] = markdown(result)
    print("\n" + str(result["markdown"]))
    (WORK / "memory.json").write_text(json.dumps(result, indent=1))
    if args.results:
        results_md.write_section(HEADING, "\n".join([
            HEADING, "", f"`bench/bench_memory.py{' '.join([''] + (argv or sys.argv[1:]))}`, "
            f"{started:%Y-%m-%d %H:%M} UTC. Peak memory summed over the process tree, sampled "
            "every 10 ms from /proc (RSS counts a page shared by forked workers once per "
            "process, PSS splits it between them).", "", str(result["markdown"])]))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
