# Usage: .venv/bin/python bench/bench_update.py [--big]
"""Benchmark `calcii18n` update against msgmerge --previous, pybabel update and msgcat.

For each size N (1000 and 10000; 50000 too with --big) a seeded corpus is generated
(bench/corpus.py) and written to bench/_work/nN/. On the same files, in the same run:

  ours      bench/ours_update.py old.po new.pot out (a whole Python process)
  msgmerge  msgmerge --previous -o out old.po new.pot
  pybabel   pybabel update --previous -i new.pot -o out -l es (N=1000 only, 300 s timeout)
  pot2po    translate-toolkit's pot2po -t old.po -i new.pot -o out (300 s timeout)
  msgcat    msgcat old.po -o out (load + save floor)
  polib-load-save, ours-load-save   bench/roundtrip.py: read old.po and write it again

Each is run 3 times, interleaved (once if a run takes over 60 s); medians are reported.
Wall time is measured around the subprocess; CPU time and peak RSS come from
/usr/bin/time -v (else from resource.getrusage(RUSAGE_CHILDREN)). Quality is read back
from the output files against the corpus's ground truth. A Markdown summary is printed
and the raw numbers are saved to bench/_work/results-<sizes>.json.
`--sizes 50000` runs only the given sizes (used to add the big run without repeating).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po
from rapidfuzz import fuzz

from calcii18n.model import MessageKey
from calcii18n.po.parse import decode_po_bytes, parse_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "_work"
REPEATS = 3
SLOW = 60.0
BABEL_TIMEOUT = 300.0
BABEL_MAX_N = 1000
GNU_TIME = Path("/usr/bin/time")
PYBABEL = Path(sys.executable).parent / "pybabel"
POT2PO = Path(sys.executable).parent / "pot2po"
POT2PO_TIMEOUT = 300.0
LOAD_SAVE = ("msgcat", "polib-load-save", "ours-load-save")


@dataclass
class Run:
    wall: float
    cpu: float | None
    rss_kb: int | None
    rc: int
    timeout: bool = False


@dataclass
class ToolResult:
    tool: str
    runs: list[Run] = field(default_factory=list)

    @property
    def timed_out(self) -> bool:
        return any(r.timeout for r in self.runs)

    @property
    def failed(self) -> bool:
        return any(r.rc != 0 and not r.timeout for r in self.runs)

    def median(self) -> float | None:
        ok = [r.wall for r in self.runs if r.rc == 0 and not r.timeout]
        return statistics.median(ok) if ok else None

    def cpu_median(self) -> float | None:
        ok = [r.cpu for r in self.runs if r.cpu is not None and r.rc == 0]
        return statistics.median(ok) if ok else None

    def peak_rss_kb(self) -> int | None:
        ok = [r.rss_kb for r in self.runs if r.rss_kb is not None and r.rc == 0]
        return max(ok) if ok else None


def _parse_gnu_time(text: str) -> tuple[float | None, int | None]:
    user = system = None
    rss = None
    for line in text.splitlines():
        name, _, value = line.strip().rpartition(": ")
        if name == "User time (seconds)":
            user = float(value)
        elif name == "System time (seconds)":
            system = float(value)
        elif name == "Maximum resident set size (kbytes)":
            rss = int(value)
    cpu = user + system if user is not None and system is not None else None
    return cpu, rss


def run_timed(cmd: list[str], timeout: float | None = None) -> Run:
    """Run cmd once; wall clock around it, CPU and peak RSS from GNU time if present."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as handle:
        time_file = Path(handle.name)
    full = [str(GNU_TIME), "-v", "-o", str(time_file), *cmd] if GNU_TIME.exists() else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # our own child's process group only
        proc.wait()
        time_file.unlink(missing_ok=True)
        return Run(time.perf_counter() - start, None, None, -9, timeout=True)
    wall = time.perf_counter() - start
    if GNU_TIME.exists():
        cpu, rss = _parse_gnu_time(time_file.read_text())
    else:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        # ru_maxrss is the largest child so far: only meaningful if it grew.
        rss = after.ru_maxrss if after.ru_maxrss > before.ru_maxrss else None
    time_file.unlink(missing_ok=True)
    return Run(wall, cpu, rss, rc)


@dataclass
class Tool:
    name: str
    cmd: list[str]
    out: Path
    timeout: float | None = None
    prepare: tuple[Path, Path] | None = None  # copy src -> dst before each run (untimed)


def tools_for(n: int, old: Path, new: Path, directory: Path) -> list[Tool]:
    out = {name: directory / f"out-{name}.po" for name in (
        "ours", "msgmerge", "pybabel", "pot2po", "msgcat", "polib-load-save", "ours-load-save")}
    tools = [
        Tool("ours", [sys.executable, str(BENCH / "ours_update.py"), str(old), str(new),
                      str(out["ours"])], out["ours"]),
        Tool("msgmerge", ["msgmerge", "--previous", "-o", str(out["msgmerge"]), str(old),
                          str(new)], out["msgmerge"]),
    ]
    if n <= BABEL_MAX_N:
        tools.append(Tool("pybabel", [str(PYBABEL), "update", "--previous", "-i", str(new),
                                      "-o", str(out["pybabel"]), "-l", "es"],
                          out["pybabel"], BABEL_TIMEOUT, (old, out["pybabel"])))
    tools.append(Tool("pot2po", [str(POT2PO), "-t", str(old), "-i", str(new), "-o",
                                 str(out["pot2po"])], out["pot2po"], POT2PO_TIMEOUT))
    tools.append(Tool("msgcat", ["msgcat", str(old), "-o", str(out["msgcat"])],
                      out["msgcat"]))
    for name in ("polib", "ours"):
        tools.append(Tool(f"{name}-load-save", [sys.executable, str(BENCH / "roundtrip.py"),
                                                name, str(old), str(out[f"{name}-load-save"])],
                          out[f"{name}-load-save"]))
    return tools


def time_tools(tools: list[Tool]) -> dict[str, ToolResult]:
    results = {t.name: ToolResult(t.name) for t in tools}
    for rep in range(REPEATS):
        for tool in tools:
            res = results[tool.name]
            if res.timed_out or res.failed or (res.runs and res.runs[0].wall > SLOW):
                continue
            if tool.prepare:
                shutil.copyfile(*tool.prepare)
            run = run_timed(tool.cmd, tool.timeout)
            res.runs.append(run)
            state = "timeout" if run.timeout else f"rc={run.rc}"
            print(f"    {tool.name:<9} run {rep + 1}: {run.wall:8.2f} s  {state}", flush=True)
    return results


@dataclass
class Quality:
    edited: int = 0
    right: int = 0            # fuzzy, right #| msgctxt+msgid, old translation carried
    wrong_source: int = 0     # fuzzy, but #| names another old message
    wrong_but_closer: int = 0  # ... of which the pick is at least as similar as the truth
    right_source_bad_text: int = 0  # right #| but msgstr is not that message's translation
    missed: int = 0           # left untranslated
    unflagged: int = 0        # translated but not fuzzy (would print unreviewed)
    added: int = 0
    false_fuzzy: int = 0      # genuinely new message given a (fuzzy) translation
    unchanged: int = 0
    unchanged_intact: int = 0  # same translation, not fuzzy
    fuzzy_inconsistent: int = 0  # any fuzzy msgstr != translation of its #| message
    obsolete: int = 0
    expected_obsolete: int = 0
    msgfmt_check: bool = False  # `msgfmt --check -o /dev/null out` accepts the file
    parse_error: str | None = None  # strict reader failed; counts come from Babel's reader


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b)


@dataclass(frozen=True)
class _Out:
    """What quality() needs of one output message, whichever reader produced it."""

    key: MessageKey
    fuzzy: bool
    msgstr: tuple[str, ...]
    previous: MessageKey | None  # None: no #| (or the reader could not give it)


def _read_output(out: Path) -> tuple[list[_Out], int, str | None]:
    """Read with calcii18n's strict reader; if that fails, with Babel's lenient one."""
    try:
        cat = parse_po(decode_po_bytes(out.read_bytes(), out.name), out.name)
    except Exception as exc:
        error = str(exc)
    else:
        return ([_Out(m.key, m.fuzzy, m.msgstr,
                      MessageKey(m.previous_msgctxt, m.previous_msgid or "")
                      if m.has_previous else None) for m in cat.messages],
                len(cat.obsolete), None)
    with out.open("rb") as handle:
        babel_cat = read_po(handle)
    msgs = []
    for m in babel_cat:
        if not m.id or not isinstance(m.id, str):
            continue
        text = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        msgs.append(_Out(MessageKey(m.context, m.id), m.fuzzy, text, None))
    return msgs, len(babel_cat.obsolete), error


def quality(c: corpus.Corpus, out: Path) -> Quality:
    """Score one output file against the ground truth.

    Pseudo-translations are unique per msgid, so a fuzzy entry's msgstr also tells which
    old message it was seeded from; that is used when the file has no readable #| lines.
    """
    q = Quality(edited=len(c.edited), added=len(c.added), unchanged=len(c.unchanged),
                expected_obsolete=len(c.removed))
    msgs, q.obsolete, q.parse_error = _read_output(out)
    q.msgfmt_check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(out)],
                                    capture_output=True).returncode == 0
    got = {m.key: m for m in msgs}
    old = {m.key: m for m in c.old_po.messages}
    old_by_id: dict[str, list[MessageKey]] = {}
    for key in old:
        old_by_id.setdefault(key.msgid, []).append(key)

    def named(previous: MessageKey | None) -> MessageKey | None:
        """The old message a `#|` names. pot2po writes `#| msgid` without `#| msgctxt`;
        then the msgid alone names it, if exactly one old message has that text."""
        if previous is None or previous in old or previous.msgctxt is not None:
            return previous
        same = old_by_id.get(previous.msgid, [])
        return same[0] if len(same) == 1 else previous

    by_text = {m.msgstr: m.key for m in c.old_po.messages}
    for new_key, old_key in c.edited.items():
        m = got.get(new_key)
        if m is None or not any(m.msgstr):
            q.missed += 1
            continue
        if not m.fuzzy:
            q.unflagged += 1
            continue
        source = named(m.previous) if m.previous is not None else by_text.get(m.msgstr)
        if source == old_key:
            if m.msgstr == old[old_key].msgstr:
                q.right += 1
            else:
                q.right_source_bad_text += 1
        else:
            q.wrong_source += 1
            picked = source.msgid if source is not None else ""
            if _similarity(new_key.msgid, picked) >= _similarity(new_key.msgid, old_key.msgid):
                q.wrong_but_closer += 1
    for key in c.added:
        m = got.get(key)
        if m is not None and (m.fuzzy or any(m.msgstr)):
            q.false_fuzzy += 1
    for key in c.unchanged:
        m = got.get(key)
        if m is not None and not m.fuzzy and m.msgstr == old[key].msgstr:
            q.unchanged_intact += 1
    for m in msgs:
        if m.fuzzy and m.previous is not None:
            source_msg = old.get(named(m.previous))  # type: ignore[arg-type]
            if source_msg is None or source_msg.msgstr != m.msgstr:
                q.fuzzy_inconsistent += 1
    return q


def corpus_files(n: int, seed: int) -> tuple[corpus.Corpus, Path, Path]:
    """Build the corpus; write its files unless this generator already wrote them.

    Writing goes through format_po, which is slow (see RESULTS.md), so the files are kept in
    bench/_work/nN/ with a stamp of (n, seed, sha256 of corpus.py) and reused when it matches.
    """
    directory = WORK / f"n{n}"
    stamp_path = directory / "stamp.json"
    stamp = {"n": n, "seed": seed,
             "generator": hashlib.sha256((BENCH / "corpus.py").read_bytes()).hexdigest()}
    t0 = time.perf_counter()
    c = corpus.build(n, seed)
    old, new = directory / "old.po", directory / "new.pot"
    fresh = not (old.exists() and new.exists() and stamp_path.exists()
                 and json.loads(stamp_path.read_text()) == stamp)
    if fresh:
        stamp_path.unlink(missing_ok=True)
        old, new = corpus.write(c, directory)
        stamp_path.write_text(json.dumps(stamp))
    print(f"N={n}: corpus built and {'written' if fresh else 'reused'} in "
          f"{time.perf_counter() - t0:.1f} s ({old.stat().st_size // 1024} KiB .po)", flush=True)
    return c, old, new


def bench_size(n: int, seed: int) -> dict[str, object]:
    c, old, new = corpus_files(n, seed)
    directory = old.parent
    tools = tools_for(n, old, new, directory)
    results = time_tools(tools)
    qualities: dict[str, dict[str, object]] = {}
    for tool in tools:
        res = results[tool.name]
        if tool.name not in LOAD_SAVE and res.median() is not None:
            qualities[tool.name] = asdict(quality(c, tool.out))
    return {
        "n": n,
        "template_messages": len(c.new_pot.messages),
        "po_bytes": old.stat().st_size,
        "tools": {name: {"runs": [asdict(r) for r in res.runs], "median": res.median(),
                         "cpu_median": res.cpu_median(), "peak_rss_kb": res.peak_rss_kb(),
                         "timeout": res.timed_out, "failed": res.failed}
                  for name, res in results.items()},
        "quality": qualities,
    }


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _tool_cell(t: dict[str, object]) -> str:
    if t["timeout"]:
        return f"> {BABEL_TIMEOUT:.0f} (timeout)"
    if t["failed"]:
        return "failed"
    median = t["median"]
    runs = len(t["runs"])  # type: ignore[arg-type]
    return f"{_fmt(median)} ({runs}×)"  # type: ignore[arg-type]


def markdown(rows: list[dict[str, object]]) -> str:
    lines = ["| N | **ours update** s | `msgmerge --previous` s | `pybabel update` s | "
             "`pot2po` s | polib load+save s | `msgcat` load+save s | ours load+save s | "
             "msgmerge / ours | ours / msgcat | ours CPU s | msgmerge CPU s | ours RSS MiB | "
             "msgmerge RSS MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        t = row["tools"]
        assert isinstance(t, dict)
        ours, mm, cat = t["ours"], t["msgmerge"], t["msgcat"]

        def cell(name: str, t: dict[str, dict[str, object]] = t) -> str:
            return _tool_cell(t[name]) if name in t else "not run"

        ratio_mm = (mm["median"] / ours["median"]
                    if mm["median"] and ours["median"] else None)
        ratio_cat = (ours["median"] / cat["median"]
                     if cat["median"] and ours["median"] else None)

        def mib(kb: int | None) -> str:
            return "—" if kb is None else f"{kb / 1024:.0f}"

        lines.append(
            f"| {row['n']} | {cell('ours')} | {cell('msgmerge')} | {cell('pybabel')} | "
            f"{cell('pot2po')} | {cell('polib-load-save')} | {cell('msgcat')} | "
            f"{cell('ours-load-save')} | **{_fmt(ratio_mm, 1)}** | **{_fmt(ratio_cat, 2)}** | "
            f"{_fmt(ours['cpu_median'])} | {_fmt(mm['cpu_median'])} | "
            f"{mib(ours['peak_rss_kb'])} | {mib(mm['peak_rss_kb'])} |")
    lines += ["", "| N | tool | edited | right | wrong source (pick ≥ as similar) | "
              "right #\\| wrong text | missed | translated unflagged | new msgs | false fuzzy | "
              "unchanged intact | fuzzy ≠ its #\\| | obsolete (expected) | msgfmt -c |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        quality_rows = row["quality"]
        assert isinstance(quality_rows, dict)
        for tool, q in quality_rows.items():
            name = f"{tool} †" if q["parse_error"] else tool
            lines.append(
                f"| {row['n']} | {name} | {q['edited']} | {q['right']} | "
                f"{q['wrong_source']} ({q['wrong_but_closer']}) | "
                f"{q['right_source_bad_text']} | {q['missed']} | {q['unflagged']} | "
                f"{q['added']} | {q['false_fuzzy']} | "
                f"{q['unchanged_intact']}/{q['unchanged']} | {q['fuzzy_inconsistent']} | "
                f"{q['obsolete']} ({q['expected_obsolete']}) | "
                f"{'ok' if q['msgfmt_check'] else 'FAILS'} |")
    errors = [f"† {row['n']} {tool}: not valid PO for calcii18n's reader ({q['parse_error']});"
              " counts via Babel's reader, sources inferred from msgstr, #| not checked."
              for row in rows for tool, q in row["quality"].items()  # type: ignore[attr-defined]
              if q["parse_error"]]
    if any("pot2po" in row["quality"] for row in rows):  # type: ignore[operator]
        errors.append("pot2po writes `#| msgid` but no `#| msgctxt`; its `#|` is matched to "
                      "the old message with that msgid.")
    return "\n".join(lines + (["", *errors] if errors else []))


def rescore(sizes: list[int], seed: int) -> int:
    """Recompute the quality counts from the output files a run left, keep its timings."""
    saved = WORK / f"results-{'-'.join(map(str, sizes))}.json"
    data = json.loads(saved.read_text())
    for row in data["rows"]:
        c, old, _ = corpus_files(row["n"], seed)
        for tool in row["quality"]:
            row["quality"][tool] = asdict(quality(c, old.parent / f"out-{tool}.po"))
    data["markdown"] = markdown(data["rows"])
    saved.write_text(json.dumps(data, indent=1))
    print(data["markdown"])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also run N=50000")
    parser.add_argument("--sizes", type=int, nargs="+", help="run only these sizes")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--score-only", action="store_true",
                        help="re-score the saved outputs of the last run of these sizes")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([1000, 10000, 50000] if args.big else [1000, 10000])
    for exe in ("msgmerge", "msgcat"):
        if shutil.which(exe) is None:
            parser.error(f"{exe} not found on PATH")
    WORK.mkdir(parents=True, exist_ok=True)
    if args.score_only:
        return rescore(sizes, args.seed)
    start = time.perf_counter()
    load_before = os.getloadavg()
    rows = [bench_size(n, args.seed) for n in sizes]
    load_after = os.getloadavg()
    report = markdown(rows)
    print()
    print(report)
    out = WORK / f"results-{'-'.join(map(str, sizes))}.json"
    out.write_text(json.dumps({"sizes": sizes, "seed": args.seed, "rows": rows,
                               "markdown": report, "loadavg_before": load_before,
                               "loadavg_after": load_after,
                               "total_seconds": time.perf_counter() - start}, indent=1))
    print(f"\nload average before {load_before}, after {load_after}")
    print(f"saved {out.relative_to(BENCH.parent)}; total {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
