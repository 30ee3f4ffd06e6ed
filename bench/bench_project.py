# Usage: .venv/bin/python bench/bench_project.py [--sizes 10000 50000] [--locales 30]
"""Benchmark the real commands on a generated project: extract, update, status and check.

For each size N, bench/corpus.py's seeded corpus becomes a project in bench/_work/projN/
(bench/project_corpus.py): one English leaflet of N blocks, catalogues for L locales
(1 in 10 untranslated, 1 in 4 reviewed with real stamps), then the English is edited
(10 % of blocks changed by a word, 3 % removed, 3 % added) and extracted again. On the
same files, in the same run:

  extract            calcii18n extract (Markdown parse + .pot), beside msgcat load+save of
                     the .pot it writes (the floor for writing that file)
  update             calcii18n update: one locale, then all L (one process)
  status, check      one locale (--locale es / `check es`) and all L locales, cold (empty
                     .calcii18n-cache) and warm (second run), beside
  pocount            translate-toolkit's pocount: one file, all L files in one process, and
                     one process per core (xargs -P)
  msgfmt             msgfmt --statistics on the same files (one per file, and xargs -P)

Commands run as whole processes (start-up included); each is repeated 3 times (once if a
run takes over 60 s) and medians are reported. Prints Markdown and saves it with the raw
numbers to bench/_work/project-<sizes>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import corpus
import project_corpus as pc
from bench_update import REPEATS, SLOW, WORK, Run, run_timed

from calcii18n._util import cpus

BIN = Path(sys.executable).parent
CLI = str(BIN / "calcii18n")
POCOUNT = str(BIN / "pocount")
LOCALES = ["es", "fr", "de", "it", "pt", "nl", "pl", "ru", "uk", "el", "tr", "ro", "hu", "cs",
           "sv", "ar", "fa", "ur", "he", "hi", "bn", "ta", "zh_Hans", "zh_Hant", "ja", "ko",
           "vi", "th", "tl", "so"]
CORES = cpus.usable()  # what calcii18n sizes its worker pools by


def timed(label: str, cmd: list[str], cwd: Path, before: list[str] | None = None) -> list[Run]:
    """Run cmd up to REPEATS times (from `cwd`), running `before` (untimed) before each."""
    runs: list[Run] = []
    here = Path.cwd()
    os.chdir(cwd)
    try:
        for rep in range(REPEATS):
            if before:
                subprocess.run(before, check=True)
            run = run_timed(cmd)
            runs.append(run)
            print(f"    {label:<34} run {rep + 1}: {run.wall:7.2f} s  rc={run.rc}", flush=True)
            if run.wall > SLOW or run.rc not in (0, 1):
                break
    finally:
        os.chdir(here)
    return runs


def summary(runs: list[Run]) -> dict[str, object]:
    ok = [r for r in runs if r.rc in (0, 1)]
    return {"median": statistics.median(r.wall for r in ok) if ok else None,
            "cpu": statistics.median(r.cpu for r in ok if r.cpu is not None) if ok else None,
            "rss_kb": max((r.rss_kb or 0) for r in ok) if ok else None, "runs": len(runs),
            "rc": sorted({r.rc for r in runs})}


def make_project(n: int, locales: list[str]) -> Path:
    root = WORK / f"proj{n}"
    c = corpus.build(n, 20261121)
    t0 = time.perf_counter()
    pc.write_project(root, c.old_po, locales)
    subprocess.run([CLI, "extract"], cwd=root, check=True, capture_output=True)
    for code in locales:
        subprocess.run([CLI, "init", code], cwd=root, check=True, capture_output=True)
    pc.fill_catalogues(root, locales)
    pc.set_english(root, c.new_pot)
    print(f"N={n}: project with {len(locales)} locales made in {time.perf_counter() - t0:.0f} s",
          flush=True)
    return root


def bench_size(n: int, locales: list[str]) -> dict[str, object]:
    root = make_project(n, locales)
    catalogues = [str(root / "locale" / c / "LC_MESSAGES" / f"{pc.LEAFLET}.po") for c in locales]
    pot = str(root / "locale" / f"{pc.LEAFLET}.pot")
    clear = ["rm", "-rf", str(root / ".calcii18n-cache")]
    xargs = ["xargs", "-P", str(CORES), "-n", str(max(1, len(locales) // CORES + 1))]
    r: dict[str, object] = {"n": n, "locales": len(locales)}

    r["extract"] = summary(timed("extract (cold)", [CLI, "extract"], root, clear))
    r["msgcat_pot"] = summary(timed("msgcat load+save .pot", ["msgcat", pot, "-o", os.devnull],
                                    root))
    # Keep the pre-update catalogues so every update run starts from the same files.
    saved = root.parent / f"proj{n}-before-update"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(root / "locale", saved)
    restore = ["sh", "-c", f"rm -rf '{root}/locale' && cp -r '{saved}' '{root}/locale'"]
    r["update_one"] = summary(timed("update es", [CLI, "update", "es"], root, restore))
    r["update_all"] = summary(timed(f"update all {len(locales)}", [CLI, "update"], root,
                                    restore))
    for what, one, every in (("status", [CLI, "status", "--format", "json", "--locale", "es"],
                              [CLI, "status", "--format", "json"]),
                             ("check", [CLI, "check", "--format", "json", "es"],
                              [CLI, "check", "--format", "json"])):
        r[f"{what}_one_cold"] = summary(timed(f"{what} es cold", one, root, clear))
        r[f"{what}_one_warm"] = summary(timed(f"{what} es warm", one, root))
        r[f"{what}_all_cold"] = summary(timed(f"{what} all cold", every, root, clear))
        r[f"{what}_all_warm"] = summary(timed(f"{what} all warm", every, root))
    r["pocount_one"] = summary(timed("pocount es", [POCOUNT, catalogues[0]], root))
    r["pocount_all"] = summary(timed("pocount all (1 process)", [POCOUNT, *catalogues], root))
    r["pocount_all_p"] = summary(timed(
        f"pocount all (xargs -P {CORES})",
        ["sh", "-c", f"printf '%s\\n' {' '.join(catalogues)} | {' '.join(xargs)} {POCOUNT}"],
        root))
    stats = "msgfmt --statistics -o /dev/null"
    r["msgfmt_one"] = summary(timed("msgfmt --statistics es", [*stats.split(), catalogues[0]],
                                    root))
    r["msgfmt_all_p"] = summary(timed(
        f"msgfmt all (xargs -P {CORES})",
        ["sh", "-c", f"printf '%s\\n' {' '.join(catalogues)} | xargs -P {CORES} -n 1 {stats}"],
        root))
    r["po_bytes"] = Path(catalogues[0]).stat().st_size
    return r


def _s(cell: object) -> str:
    value = cell["median"] if isinstance(cell, dict) else None
    return "—" if value is None else f"{value:.2f}"


def _ratio(a: object, b: object) -> str:
    x = a["median"] if isinstance(a, dict) else None
    y = b["median"] if isinstance(b, dict) else None
    return "—" if not x or not y else f"{x / y:.2f}"


def markdown(rows: list[dict[str, object]]) -> str:
    out = ["| N | locales | extract s | msgcat .pot s | update 1 s | update all s |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['n']} | {r['locales']} | {_s(r['extract'])} | {_s(r['msgcat_pot'])} "
                   f"| {_s(r['update_one'])} | {_s(r['update_all'])} |")
    out += ["", "| N | scope | status cold s | status warm s | check cold s | check warm s | "
            "pocount s | msgfmt --statistics s | status / pocount (cold, warm) | "
            "check / pocount (cold, warm) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for scope, key, pocount, msgfmt in (("1 locale", "one", "pocount_one", "msgfmt_one"),
                                            (f"{r['locales']} locales", "all", "pocount_all_p",
                                             "msgfmt_all_p")):
            out.append(
                f"| {r['n']} | {scope} | {_s(r[f'status_{key}_cold'])} | "
                f"{_s(r[f'status_{key}_warm'])} | {_s(r[f'check_{key}_cold'])} | "
                f"{_s(r[f'check_{key}_warm'])} | {_s(r[pocount])} | {_s(r[msgfmt])} | "
                f"{_ratio(r[f'status_{key}_cold'], r[pocount])}, "
                f"{_ratio(r[f'status_{key}_warm'], r[pocount])} | "
                f"{_ratio(r[f'check_{key}_cold'], r[pocount])}, "
                f"{_ratio(r[f'check_{key}_warm'], r[pocount])} |")
        out.append(f"| {r['n']} | {r['locales']} locales | | | | | "
                   f"{_s(r['pocount_all'])} (1 process) | | | |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--locales", type=int, default=30)
    args = parser.parse_args(argv)
    for exe in ("msgcat", "msgfmt", POCOUNT):
        if shutil.which(exe) is None:
            parser.error(f"{exe} not found (make bench installs translate-toolkit)")
    start = time.perf_counter()
    rows = [bench_size(n, LOCALES[:args.locales]) for n in args.sizes]
    report = markdown(rows)
    print("\n" + report)
    out = WORK / f"project-{'-'.join(map(str, args.sizes))}.json"
    out.write_text(json.dumps({"rows": rows, "markdown": report, "cores": CORES,
                               "total_seconds": time.perf_counter() - start}, indent=1))
    print(f"\nsaved {out}; total {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
