# Usage: make bench            (or: .venv/bin/python bench/run.py [--big])
"""Run every benchmark and write bench/RESULTS.md: machine, versions, date, tables, notes.

  bench_update.py   update vs msgmerge --previous, pybabel, pot2po; load+save floors
                    (msgcat, polib, ours); quality counts against the corpus's truth
  bench_project.py  extract, update, status and check on a generated project, vs pocount
                    and msgfmt --statistics, one locale and 30 locales
  bench_render.py   the shipped sample set rendered with one worker per core, cold and
                    warm, beside WeasyPrint alone on the same HTML

Default sizes: update at 1k and 10k, project at 10k. `--big` adds 50k to both (about half
an hour here, most of it msgmerge and pot2po). The hand-written part of RESULTS.md (where
the time goes, what the numbers mean) is bench/NOTES.md, appended as it is. The sections
that bench_memory.py and realworld.py write themselves are kept (bench/results_md.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import results_md

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "_work"


def _first_line(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "not found"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    packages = ", ".join(f"{name} {metadata.version(name)}" for name in (
        "babel", "polib", "translate-toolkit", "rapidfuzz", "icu4py", "weasyprint",
        "markdown-it-py"))
    rev = _first_line(["git", "-C", str(BENCH.parent), "rev-parse", "--short", "HEAD"])
    return (f"Machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; "
            f"{_first_line(['msgmerge', '--version'])}; {packages}; calcii18n at {rev}.")


def run(script: str, *args: str) -> None:
    print(f"== {script} {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(BENCH / script), *args], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="add the 50,000-message runs")
    parser.add_argument("--assemble", action="store_true",
                        help="only rewrite RESULTS.md from the last saved results")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    update_sizes = ["1000", "10000", *(["50000"] if args.big else [])]
    project_sizes = ["10000", *(["50000"] if args.big else [])]
    if not args.assemble:
        run("bench_update.py", "--sizes", *update_sizes)
        run("bench_project.py", "--sizes", *project_sizes)
        run("bench_render.py")
        (WORK / "run.json").write_text(json.dumps({
            "started": started.isoformat(), "finished": dt.datetime.now(dt.UTC).isoformat(),
            "loadavg": os.getloadavg(), "big": args.big}))
    meta = json.loads((WORK / "run.json").read_text())
    started = dt.datetime.fromisoformat(meta["started"])
    update = json.loads((WORK / f"results-{'-'.join(update_sizes)}.json").read_text())
    project = json.loads((WORK / f"project-{'-'.join(project_sizes)}.json").read_text())
    render = (BENCH / "render-results.md").read_text()
    finished = dt.datetime.fromisoformat(meta["finished"])
    text = "\n".join([
        "# Benchmarks: calcii18n beside GNU gettext, Babel, polib and translate-toolkit", "",
        "Re-run with one command: `make bench` (`make bench BIG=1` adds the 50k runs). "
        f"These figures are from `bench/run.py{' --big' if meta['big'] else ''}` on "
        f"{started:%Y-%m-%d}, {started:%H:%M}–{finished:%H:%M} UTC.", "",
        machine(), "",
        f"Load average at the end of the run: {meta['loadavg'][0]:.1f} (1 min; the benchmark "
        "itself keeps both cores busy). Nothing else heavy ran on the machine.", "",
        "## Update (`bench/bench_update.py`)", "", update["markdown"], "",
        "## Extract, update, status and check on a project (`bench/bench_project.py`)", "",
        project["markdown"], "",
        render.strip(), "",
        (BENCH / "NOTES.md").read_text().strip(), "",
        *results_md.kept_sections()])
    (BENCH / "RESULTS.md").write_text(text, encoding="utf-8")
    print(f"wrote {BENCH / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
