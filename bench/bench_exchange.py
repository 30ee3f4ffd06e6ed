# Usage: .venv/bin/python bench/bench_exchange.py [--sizes 20000]
"""Benchmark `calcii18n xliff export` and `xliff import` beside translate-toolkit.

For each size N, bench/corpus.py's seeded corpus becomes a project in bench/_work/xliffN/
(bench/project_corpus.py, as bench/bench_project.py makes it, with one locale, es): one
English leaflet of N blocks, its catalogue filled (1 in 10 untranslated, 1 in 4 reviewed
with real stamps), then the English edited (10 % of blocks changed by a word, 3 % removed,
3 % added), extracted again and `calcii18n update es` run, so the catalogue holds the
states an export maps most (untranslated, stale, translated, reviewed; no machine drafts).
On that catalogue, in the same run:

  export 1.2 / 2.0   calcii18n xliff export es [--version 2.0] -o FILE
  import unchanged   calcii18n xliff import of each unchanged export (nothing changes)
  import edited      import after 10 % of the targets were edited in the 1.2 file (with
                     lxml, untimed); the catalogue is restored before each run. Also with
                     --dry-run (plan only, nothing written)
  po2xliff, xliff2po translate-toolkit's converters on the same .po (the conversion floor
                     of the common tool; po2xliff writes XLIFF 1.1 and maps fewer states)
  msgcat             msgcat load+save of the .po

Commands run as whole processes (start-up included); each is repeated 3 times (once if a
run takes over 60 s) and medians are reported, with CPU time and peak RSS from GNU time
(bench_update.run_timed). Each of ours runs from the same saved catalogues, cold (empty
.calcii18n-cache, so every file is parsed) and warm (the parses the cold runs cached).
Each import is also run once, untimed, to read its summary line ("es: 0 entries
changed, ..."): the unchanged exports must change nothing, the edited file one entry per
edited target. Prints Markdown and saves it with the raw numbers to
bench/_work/exchange-<sizes>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import corpus
import project_corpus as pc
from bench_project import CLI, CORES, summary, timed
from bench_update import WORK
from lxml import etree

from calcii18n._util.cache import code_digest

BIN = Path(CLI).parent
PO2XLIFF = str(BIN / "po2xliff")
XLIFF2PO = str(BIN / "xliff2po")
LOCALE = "es"
EDITED_SHARE = 10  # one target in this many is edited for the "import edited" runs
SEED = 20261121
_SUMMARY = re.compile(r"^\S+: (\d+) entr(?:y|ies) (?:would change|changed), (\d+) unchanged, "
                      r"(\d+) refused", re.M)


def make_project(n: int) -> Path:
    """bench_project.make_project for one locale, in its own folder, then updated."""
    root = WORK / f"xliff{n}"
    c = corpus.build(n, SEED)
    t0 = time.perf_counter()
    pc.write_project(root, c.old_po, [LOCALE])
    for cmd in (["extract"], ["init", LOCALE]):
        subprocess.run([CLI, *cmd], cwd=root, check=True, capture_output=True)
    pc.fill_catalogues(root, [LOCALE])
    pc.set_english(root, c.new_pot)
    for cmd in (["extract"], ["update", LOCALE]):
        subprocess.run([CLI, *cmd], cwd=root, check=True, capture_output=True)
    print(f"N={n}: project made in {time.perf_counter() - t0:.0f} s", flush=True)
    return root


def edit_targets(source: Path, out: Path) -> tuple[int, int, int]:
    """Copy an XLIFF 1.2 export with every EDITED_SHARE-th non-empty target changed (a
    word added at its end, after any inline code). Returns (edited, non-empty targets,
    units)."""
    tree = etree.parse(str(source))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    units = tree.getroot().findall(".//x:trans-unit", ns)
    with_target = [t for t in (u.find("x:target", ns) for u in units)
                   if t is not None and "".join(t.itertext()).strip()]
    edited = 0
    for i, target in enumerate(with_target):
        if i % EDITED_SHARE != EDITED_SHARE - 1:
            continue
        last = target[-1] if len(target) else None
        if last is None:
            target.text = (target.text or "") + " (revisado)"
        else:
            last.tail = (last.tail or "") + " (revisado)"
        edited += 1
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return edited, len(with_target), len(units)


def import_summary(root: Path, cmd: list[str], before: list[str] | None) -> dict[str, object]:
    """Run one import untimed and read its last line: changed, unchanged, refused."""
    if before:
        subprocess.run(before, check=True)
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    found = _SUMMARY.findall(done.stdout)
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    if not found:
        return {"rc": done.returncode, "line": line, "changed": None}
    changed, unchanged, refused = map(int, found[-1])
    return {"rc": done.returncode, "line": line, "changed": changed, "unchanged": unchanged,
            "refused": refused}


def ours(r: dict[str, object], key: str, label: str, cmd: list[str], root: Path,
         restore: str) -> None:
    """Time one of our commands cold (empty .calcii18n-cache before each run) and warm
    (the cache the cold runs left), each from the saved catalogues."""
    clear = f"rm -rf '{root}/.calcii18n-cache'"
    r[f"{key}_cold"] = summary(timed(f"{label} cold", cmd, root,
                                     ["sh", "-c", f"{restore} && {clear}"]))
    r[f"{key}_warm"] = summary(timed(f"{label} warm", cmd, root, ["sh", "-c", restore]))


def bench_size(n: int) -> dict[str, object]:
    root = make_project(n)
    code_before = code_digest()
    folder = root / "locale" / LOCALE / "LC_MESSAGES"
    po = folder / f"{pc.LEAFLET}.po"
    rel_po = str(po.relative_to(root))
    # The export holds every leaflet and the ui strings: keep (and restore) them all, so
    # every run starts from the same catalogues.
    saved = root.parent / f"xliff{n}-{LOCALE}"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(folder, saved)
    restore = f"rm -rf '{folder}' && cp -r '{saved}' '{folder}'"
    r: dict[str, object] = {"n": n, "locale": LOCALE, "po_bytes": po.stat().st_size}

    xlf12, xlf20, edited = "es.xlf", "es20.xlf", "es-edited.xlf"
    r["startup"] = summary(timed("calcii18n xliff --help", [CLI, "xliff", "--help"], root))
    ours(r, "export12", "xliff export 1.2", [CLI, "xliff", "export", LOCALE, "-o", xlf12],
         root, restore)
    ours(r, "export20", "xliff export 2.0", [CLI, "xliff", "export", LOCALE, "--version",
                                             "2.0", "-o", xlf20], root, restore)
    r["xlf12_bytes"] = (root / xlf12).stat().st_size
    r["xlf20_bytes"] = (root / xlf20).stat().st_size
    r["edited_targets"], r["targets"], r["units"] = edit_targets(root / xlf12, root / edited)

    imports = (("import12", "xliff import 1.2 unchanged", [xlf12]),
               ("import20", "xliff import 2.0 unchanged", [xlf20]),
               ("import_edited", "xliff import 1.2, 10 % edited", [edited]),
               ("import_edited_dry", "xliff import 10 % edited --dry-run",
                [edited, "--dry-run"]))
    for key, label, args in imports:
        cmd = [CLI, "xliff", "import", *args]
        r[f"{key}_says"] = said = import_summary(root, cmd, ["sh", "-c", restore])
        print(f"    {label}: {said['line']}", flush=True)
        ours(r, key, label, cmd, root, restore)
    subprocess.run(["sh", "-c", restore], check=True)

    r["po2xliff"] = summary(timed("po2xliff", [PO2XLIFF, rel_po, "tt.xlf"], root))
    r["xliff2po"] = summary(timed("xliff2po", [XLIFF2PO, "tt.xlf", "tt-back.po"], root))
    r["tt_xlf_bytes"] = (root / "tt.xlf").stat().st_size
    r["msgcat_po"] = summary(timed("msgcat load+save .po", ["msgcat", rel_po, "-o",
                                                            os.devnull], root))
    # The cache is keyed on calcii18n's own source: an edit to it during the run would
    # have made "warm" runs cold.
    r["code_changed_during_run"] = code_digest() != code_before
    return r


def _cell(row: dict[str, object], key: str) -> dict[str, object]:
    cell = row[key]
    assert isinstance(cell, dict)
    return cell


def _s(cell: dict[str, object], field: str = "median") -> str:
    value = cell.get(field)
    return "—" if not isinstance(value, (int, float)) else f"{value:.2f}"


def _mib(cell: dict[str, object]) -> str:
    value = cell.get("rss_kb")
    return "—" if not isinstance(value, int) or not value else f"{value / 1024:.0f}"


def _ratio(a: dict[str, object], b: dict[str, object]) -> str:
    x, y = a.get("median"), b.get("median")
    ok = isinstance(x, float) and isinstance(y, float) and y > 0
    return f"{x / y:.2f}" if ok else "—"  # type: ignore[operator]


def _size(row: dict[str, object], key: str | None) -> str:
    value = row.get(key) if key else None
    return f"{value / 2**20:.1f}" if isinstance(value, int) else ""


def _says(row: dict[str, object], key: str) -> str:
    said = row.get(f"{key}_says")
    if not isinstance(said, dict) or said.get("changed") is None:
        return ""
    units, targets, edited = row["units"], row["targets"], row["edited_targets"]
    assert isinstance(units, int) and isinstance(targets, int)
    share = (f"{100 * said['changed'] / targets:.1f} % of {targets} non-empty targets, "
             f"{units} units")
    of = f"; {edited} targets edited" if key.startswith("import_edited") else ""
    return (f"{said['changed']} changed ({share}{of}), {said['unchanged']} unchanged, "
            f"{said['refused']} refused")


def markdown(rows: list[dict[str, object]]) -> str:
    out = ["| N | step | cold s | warm s | CPU s (cold) | peak RSS MiB (cold) | XLIFF MiB | "
           "ours / po2xliff (cold, warm) | ours / xliff2po (cold, warm) | import says |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p2x, x2p = _cell(r, "po2xliff"), _cell(r, "xliff2po")
        for label, key, size, floor in (
                ("`xliff export` 1.2", "export12", "xlf12_bytes", p2x),
                ("`xliff export` 2.0", "export20", "xlf20_bytes", p2x),
                ("`xliff import` 1.2, unchanged", "import12", None, x2p),
                ("`xliff import` 2.0, unchanged", "import20", None, x2p),
                ("`xliff import` 1.2, 10 % of targets edited", "import_edited", None, x2p),
                ("same, `--dry-run`", "import_edited_dry", None, x2p)):
            cold, warm = _cell(r, f"{key}_cold"), _cell(r, f"{key}_warm")
            ratio = f"{_ratio(cold, floor)}, {_ratio(warm, floor)}"
            out.append(f"| {r['n']} | {label} | {_s(cold)} | {_s(warm)} | {_s(cold, 'cpu')} | "
                       f"{_mib(cold)} | {_size(r, size)} | {ratio if floor is p2x else ''} | "
                       f"{ratio if floor is x2p else ''} | {_says(r, key)} |")
        for label, key, size in (("`po2xliff` (translate-toolkit)", "po2xliff", "tt_xlf_bytes"),
                                 ("`xliff2po` (translate-toolkit)", "xliff2po", None),
                                 ("`msgcat` load+save of the .po", "msgcat_po", None),
                                 ("start-up: `calcii18n xliff --help`", "startup", None)):
            cell = _cell(r, key)
            out.append(f"| {r['n']} | {label} | {_s(cell)} | | {_s(cell, 'cpu')} | "
                       f"{_mib(cell)} | {_size(r, size)} | | | |")
    notes = [f"N={r['n']}: calcii18n's source changed during the run, so some warm runs "
             "were cold." for r in rows if r.get("code_changed_during_run")]
    return "\n".join(out + (["", *notes] if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000])
    args = parser.parse_args(argv)
    for exe in ("msgcat", PO2XLIFF, XLIFF2PO):
        if shutil.which(exe) is None:
            parser.error(f"{exe} not found (make bench installs translate-toolkit)")
    start = time.perf_counter()
    load_before = os.getloadavg()
    rows = [bench_size(n) for n in args.sizes]
    report = markdown(rows)
    print("\n" + report)
    out = WORK / f"exchange-{'-'.join(map(str, args.sizes))}.json"
    out.write_text(json.dumps({"rows": rows, "markdown": report, "cores": CORES,
                               "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
                               "total_seconds": time.perf_counter() - start}, indent=1))
    print(f"\nsaved {out}; total {time.perf_counter() - start:.0f} s; load average "
          f"{load_before[0]:.2f} -> {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
