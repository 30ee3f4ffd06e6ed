# Usage: .venv/bin/python bench/profile_update.py [N]
"""Profile one in-process update (read .po + .pot, merge, write) on the benchmark corpus.

N defaults to 50000; the corpus files are shared with bench_update.py (bench/_work/nN/).
The phases are timed with perf_counter without a profiler, then the same update runs under
pyinstrument (a sampling profiler: little overhead, C calls charged to their Python caller).
Writes bench/_work/profile-N.txt and prints the same.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_update import WORK, corpus_files
from pyinstrument import Profiler

from calcii18n.merge import merge
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po


def update_with_phases(old: Path, new: Path, out: Path) -> dict[str, float]:
    """The same steps as ours_update.update, timed one by one."""
    phases: dict[str, float] = {}
    t = time.perf_counter()
    po = parse_po(decode_po_bytes(old.read_bytes(), str(old)), str(old))
    phases["parse .po"] = time.perf_counter() - t
    t = time.perf_counter()
    pot = parse_po(decode_po_bytes(new.read_bytes(), str(new)), str(new))
    phases["parse .pot"] = time.perf_counter() - t
    t = time.perf_counter()
    result = merge(po, pot)
    phases["merge"] = time.perf_counter() - t
    t = time.perf_counter()
    text = format_po(result.catalog)
    phases["format_po"] = time.perf_counter() - t
    t = time.perf_counter()
    out.write_text(text, encoding="utf-8")
    phases["write file"] = time.perf_counter() - t
    return phases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=50000)
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args(argv)
    _, old, new = corpus_files(args.n, args.seed)
    out = old.parent / "out-profiled.po"

    phases = update_with_phases(old, new, out)
    total = sum(phases.values())
    lines = [f"N={args.n}: one in-process update {total:.2f} s (no profiler)"]
    lines += [f"  {phase:<11} {secs:6.2f} s {100 * secs / total:5.1f} %"
              for phase, secs in phases.items()]
    profiler = Profiler(interval=0.001)
    profiler.start()
    update_with_phases(old, new, out)
    profiler.stop()
    lines += ["", profiler.output_text(unicode=True, color=False)]
    report = WORK / f"profile-{args.n}.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"saved {report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
