"""Profile one in-process update (read .po + .pot, merge, write) on the benchmark corpus.

Usage: .venv/bin/python bench/profile_update.py [N]
N defaults to 10000; the corpus files are shared with bench_update.py (bench/_work/nN/).

Two views, because cProfile's per-call overhead multiplies the run time of the writer (which
makes millions of small calls inside uniseg) about six-fold, too slow for a whole 10k update:
  1. the whole update, phases timed with perf_counter and functions sampled by a stdlib
     thread reading sys._current_frames() every few ms (low overhead; time spent in a C
     function is charged to the Python function that called it);
  2. cProfile over the reading and merging phases only (everything except format_po).
Writes bench/_work/profile-N.txt and prints the same.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType

from bench_update import WORK, corpus_files

from calcii18n.merge import merge
from calcii18n.po_format import format_po
from calcii18n.po_parse import decode_po_bytes, parse_po


class Sampler:
    """Record the main thread's Python stack every `interval` seconds."""

    def __init__(self, interval: float = 0.002) -> None:
        self.interval = interval
        self.target = threading.get_ident()
        self.samples: list[tuple[str, ...]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            frame: FrameType | None = sys._current_frames().get(self.target)
            stack = []
            while frame is not None:
                code = frame.f_code
                path = "/".join(Path(code.co_filename).parts[-2:])
                stack.append(f"{code.co_name} ({path}:{code.co_firstlineno})")
                frame = frame.f_back
            self.samples.append(tuple(stack))

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def report(self, top: int) -> list[str]:
        total = len(self.samples)
        leaf: Counter[str] = Counter(s[0] for s in self.samples if s)
        inclusive: Counter[str] = Counter()
        for stack in self.samples:
            inclusive.update(set(stack))
        lines = [f"{total} samples", "", "top self time (leaf Python function):"]
        for name, count in leaf.most_common(top):
            lines.append(f"  {100 * count / total:5.1f} %  {name}")
        lines += ["", "top inclusive time (calcii18n, uniseg, rapidfuzz):"]
        shown = 0
        for name, count in inclusive.most_common():
            if any(part in name for part in ("calcii18n/", "uniseg/", "rapidfuzz/")):
                lines.append(f"  {100 * count / total:5.1f} %  {name}")
                shown += 1
                if shown == top:
                    break
        return lines


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


def read_and_merge(old: Path, new: Path) -> None:
    po = parse_po(decode_po_bytes(old.read_bytes(), str(old)), str(old))
    pot = parse_po(decode_po_bytes(new.read_bytes(), str(new)), str(new))
    merge(po, pot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    _, old, new = corpus_files(args.n, args.seed)
    out = old.parent / "out-profiled.po"

    with Sampler() as sampler:
        phases = update_with_phases(old, new, out)
    total = sum(phases.values())
    lines = [f"N={args.n}: whole update {total:.2f} s (sampler running)"]
    for phase, secs in phases.items():
        lines.append(f"  {phase:<11} {secs:8.2f} s {100 * secs / total:5.1f} %")
    lines += ["", *sampler.report(args.top)]

    profile = cProfile.Profile()
    profile.runcall(read_and_merge, old, new)
    buffer = io.StringIO()
    stats = pstats.Stats(profile, stream=buffer)
    stats.sort_stats("tottime").print_stats(args.top)
    lines += ["", "cProfile, reading and merging only (no format_po):", buffer.getvalue()]

    report = WORK / f"profile-{args.n}.txt"
    report.write_text("\n".join(lines))
    print("\n".join(lines))
    print(f"saved {report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
