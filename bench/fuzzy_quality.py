# Usage: .venv/bin/python bench/fuzzy_quality.py [--sizes 10000 50000] [--no-real] [--fresh]
#        [--pydocs es=/path/to/python-docs-es [pt-br=/path/to/python-docs-pt-br]]
"""Fuzzy quality beside msgmerge, in one run: two generated corpora and a real release.

1. Generated (bench/corpus.py, "grammar", and bench/corpus_recombined.py, "recombined"),
   at each size: `merge` in process and `msgmerge --previous` on the same files
   (bench/_work/fuzzy/<kind>-<n>/). Scored against the ground truth: edited messages given
   their true source's translation (right), another's (wrong source) or nothing (missed);
   genuinely new messages given anything (false fuzzy; "of which useful": the suggestion is
   within 70 of the new English's pseudo-translation, see below); unchanged ones intact.
2. Real edits: Django 4.2.30's catalogues (every app, ~95 languages; the wheels pinned by
   sha256 in bench/realworld.py) merged into the template of 5.2.19 (its catalogues'
   entries without translations), each suggestion scored against what 5.2.19's translators
   wrote for that entry. Only entries whose key 4.2 lacks can get a suggestion.
   - useful: rapidfuzz's Indel ratio of the suggested msgstr (plural forms joined) to the
     translators' ≥ USEFUL (70): at most about a third of its characters to change, less
     work than typing it; "exact" is the strict count, identical text;
   - wrong: below that;
   - unscored: the translators left that entry untranslated in 5.2.19;
   - missed: nothing suggested although some translated entry of the 4.2 catalogue (any,
     however unlike its English) had a useful translation for it.
3. Real edits in prose (--pydocs LANG=GIT_DIR, repeatable): the Python documentation's
   translation into LANG (a clone of github.com/python/python-docs-LANG; es and pt-br are
   pinned in PYDOCS), 3.11's catalogues merged into 3.12's template and scored the same
   way. Paragraphs of reStructuredText, the nearest public thing to a leaflet. Both teams
   started 3.12 from msgmerge's output (es) or a translation memory (pt-br, Transifex), so
   the translators' text leans towards msgmerge's suggestions where those were kept.

msgmerge's outputs are cached under bench/_work/fuzzy/ by the sha256 of its inputs and its
version (--fresh runs it again); it takes about 10 minutes per corpus at 50k. Prints Markdown.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import corpus
import corpus_recombined
import realworld
from rapidfuzz import fuzz

from calcii18n.errors import PoSyntaxError
from calcii18n.merge import merge
from calcii18n.model import Catalog, Message
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po

WORK = Path(__file__).resolve().parent / "_work" / "fuzzy"
USEFUL = 70.0
KINDS = {"grammar": corpus.build, "recombined": corpus_recombined.build}
OLD_RELEASE, NEW_RELEASE = realworld.WHEELS[0], realworld.WHEELS[1]
# language -> (3.11 commit, 3.12 commit): 3.11 as 3.12's translation began from it, 3.12
# after a year of its translators' work.
PYDOCS = {
    "es": ("4a02cae44e7cbf03dd39e741c43ddfcd7c10d03d",  # 2023-10-09, where 3.12 branched
           "91f4ccc0baa8c7cbeb739e696c641388264caa30"),  # 2024-10-15
    # 3.11 on 2023-05-23: later, from 2024-08, newer branches' translations were merged into it
    "pt-br": ("93b01be79fa6d44a4500583459e7734fa16c7edc",
              "dd0f28c36945811838d9b276924874ecc5f5be24"),  # 2024-09-27
}


def load(path: Path) -> Catalog:
    return parse_po(decode_po_bytes(path.read_bytes(), str(path)), str(path))


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def msgmerge(old: Path, pot: Path, out: Path, fresh: bool) -> tuple[Path, float]:
    """msgmerge --previous old pot > out, unless out is from the same inputs already; and
    the seconds that run took (recorded beside the output)."""
    version = subprocess.run(["msgmerge", "--version"], capture_output=True).stdout
    stamp = out.with_suffix(".stamp")
    key = _digest(old.read_bytes(), pot.read_bytes(), version)
    recorded = stamp.read_text().split() if stamp.exists() else []
    if fresh or not out.exists() or recorded[:1] != [key]:
        t0 = time.perf_counter()
        subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(out), str(old),
                        str(pot)], check=True)
        recorded = [key, f"{time.perf_counter() - t0:.1f}"]
        stamp.write_text(" ".join(recorded))
    return out, float(recorded[1]) if len(recorded) > 1 else float("nan")


# --- generated corpora ------------------------------------------------------------------

@dataclass
class Scored:
    edited: int = 0
    right: int = 0
    wrong_source: int = 0
    missed: int = 0
    unflagged: int = 0
    added: int = 0
    false_fuzzy: int = 0
    false_useful: int = 0
    unchanged: int = 0
    intact: int = 0


def score_generated(c: Any, out: Catalog) -> Scored:
    got = {m.key: m for m in out.messages}
    by_text = {m.msgstr: m.key for m in c.old_po.messages}
    s = Scored(edited=len(c.edited), added=len(c.added), unchanged=len(c.unchanged))
    alternatives = getattr(c, "alternatives", {})
    for new, old in c.edited.items():
        m = got.get(new)
        if m is None or not m.has_translation:
            s.missed += 1
        elif not m.fuzzy:
            s.unflagged += 1
        elif by_text.get(m.msgstr) in alternatives.get(new, {old}):
            s.right += 1
        else:
            s.wrong_source += 1
    for key in c.added:
        m = got.get(key)
        if m is not None and (m.fuzzy or m.has_translation):
            s.false_fuzzy += 1
            s.false_useful += fuzz.ratio(m.msgstr[0], corpus.pseudo_translate(key.msgid)) >= USEFUL
    old = {m.key: m.msgstr for m in c.old_po.messages}
    for key in c.unchanged:
        m = got.get(key)
        s.intact += m is not None and not m.fuzzy and m.msgstr == old[key]
    return s


def generated(kind: str, n: int, fresh: bool) -> dict[str, Any]:
    c = KINDS[kind](n)
    folder = WORK / f"{kind}-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    old, pot = folder / "old.po", folder / "new.pot"
    for path, cat in ((old, c.old_po), (pot, c.new_pot)):
        text = format_po(cat).encode("utf-8")
        if not path.exists() or path.read_bytes() != text:
            path.write_bytes(text)
    ours = merge(load(old), load(pot)).catalog
    out, their_seconds = msgmerge(old, pot, folder / "out-msgmerge.po", fresh)
    return {"kind": kind, "n": n, "ours": score_generated(c, ours),
            "msgmerge": score_generated(c, load(out)), "msgmerge_s": their_seconds}


# --- real edits -------------------------------------------------------------------------

def template_of(cat: Catalog) -> Catalog:
    """A release's template from its catalogue: every entry, no translation, no fuzzy."""
    msgs = tuple(Message(m.msgid, msgstr=("",) * len(m.msgstr), msgctxt=m.msgctxt,
                         msgid_plural=m.msgid_plural,
                         flags=tuple(f for f in m.flags if f != "fuzzy"),
                         extracted_comments=m.extracted_comments, references=m.references)
                 for m in cat.messages)
    return Catalog(cat.header, (), ("fuzzy",), msgs, ())


def _joined(msgstr: tuple[str, ...]) -> str:
    return "\x00".join(msgstr)


def _useful(offered: tuple[str, ...], truth: tuple[str, ...]) -> bool:
    a, b = _joined(offered), _joined(truth)
    return a == b or fuzz.ratio(a, b) >= USEFUL


def score_real(old: Catalog, new: Catalog, out: Catalog) -> Counter[str]:
    truth = {m.key: m.msgstr for m in new.messages if m.has_translation and not m.fuzzy}
    known = {m.key for m in old.messages} | {m.key for m in old.obsolete}
    olds = [m.msgstr for m in (*old.messages, *old.obsolete) if m.has_translation]
    got = {m.key: m for m in out.messages}
    c: Counter[str] = Counter()
    for m in new.messages:
        if m.key in known:
            continue
        c["pending"] += 1
        t = truth.get(m.key)
        o = got.get(m.key)
        if o is not None and o.has_translation:
            c["offered"] += 1
            c["from in-use"] += any("in this catalogue" in n or "gone from the template" in n
                                    for n in o.translator_comments)
            if t is None:
                c["unscored"] += 1
            elif _useful(o.msgstr, t):
                c["useful"] += 1
                c["exact"] += o.msgstr == t
            else:
                c["wrong"] += 1
        elif t is not None and any(_useful(s, t) for s in olds if len(s) == len(t)):
            c["missed"] += 1
    return c


def _real_file(job: tuple[str, str, str, str, bool]) -> dict[str, Counter[str]]:
    label, old_dir, new_dir, rel, fresh = job
    old_path, new_path = Path(old_dir) / rel, Path(new_dir) / rel
    try:
        old, new = load(old_path), load(new_path)
    except PoSyntaxError:  # a broken file in the corpus (msgmerge refuses it too)
        skipped: Counter[str] = Counter(skipped=1)
        return {"ours": skipped, "msgmerge": skipped}
    template = template_of(new)
    folder = WORK / label / Path(rel).parent
    folder.mkdir(parents=True, exist_ok=True)
    pot = folder / (Path(rel).stem + ".pot")
    text = format_po(template).encode("utf-8")
    if not pot.exists() or pot.read_bytes() != text:
        pot.write_bytes(text)
    ours = merge(old, template).catalog
    theirs = load(msgmerge(old_path, pot, folder / (Path(rel).stem + "-msgmerge.po"), fresh)[0])
    return {"ours": score_real(old, new, ours), "msgmerge": score_real(old, new, theirs)}


def real(fresh: bool) -> dict[str, Counter[str]]:
    cache = realworld.cache_dir()
    realworld.unpack(OLD_RELEASE, cache)
    realworld.unpack(NEW_RELEASE, cache)
    old_dir = cache / "po" / f"{OLD_RELEASE.name}-{OLD_RELEASE.version}"
    new_dir = cache / "po" / f"{NEW_RELEASE.name}-{NEW_RELEASE.version}"
    return real_dirs("django", old_dir, new_dir, fresh)


def real_dirs(label: str, old_dir: Path, new_dir: Path, fresh: bool) -> dict[str, Counter[str]]:
    """Every .po under old_dir that new_dir has too, merged and scored (see the docstring)."""
    rels = sorted(str(p.relative_to(old_dir)) for p in old_dir.rglob("*.po")
                  if (new_dir / p.relative_to(old_dir)).exists())
    total: dict[str, Counter[str]] = {"ours": Counter(), "msgmerge": Counter()}
    with ProcessPoolExecutor(2) as pool:
        for found in pool.map(_real_file, [(label, str(old_dir), str(new_dir), r, fresh)
                                           for r in rels], chunksize=8):
            for tool, counts in found.items():
                total[tool].update(counts)
    total["ours"]["files"] = total["msgmerge"]["files"] = len(rels)
    return total


def pydocs_tree(lang: str, git_dir: Path, commit: str) -> Path:
    """The .po files of one commit of a python-docs clone, unpacked once under the cache
    (a marker says it is complete); `git archive` reads the commit, not a work tree."""
    folder = realworld.cache_dir() / "po" / f"python-docs-{lang}-{commit[:12]}"
    done = folder / ".complete"
    if not done.exists():
        tar = subprocess.run(["git", "-C", str(git_dir), "archive", "--format=tar", commit],
                             capture_output=True, check=True).stdout
        tmp = Path(f"{folder}.part")
        for stale in (tmp, folder):  # what an interrupted run left
            shutil.rmtree(stale, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            members = [m for m in archive.getmembers() if m.isfile() and m.name.endswith(".po")]
            archive.extractall(tmp, members=members, filter="data")  # no links, no ..
        tmp.rename(folder)
        done.write_text(commit)
    return folder


def pydocs(lang: str, git_dir: Path, fresh: bool) -> dict[str, Counter[str]]:
    old, new = PYDOCS[lang]
    return real_dirs(f"pydocs-{lang}", pydocs_tree(lang, git_dir, old),
                     pydocs_tree(lang, git_dir, new), fresh)


# --- report -----------------------------------------------------------------------------

def _seconds(value: float | None) -> str:
    return "" if value is None else "—" if value != value else f"{value:.0f}"


def generated_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| corpus | N | tool | edited: right | wrong source | missed | new msgs | "
             "false fuzzy (of which useful) | ours / msgmerge | unchanged intact | msgmerge s |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        ours, mm = row["ours"], row["msgmerge"]
        ratio = ours.false_fuzzy / mm.false_fuzzy if mm.false_fuzzy else float("nan")
        for tool, s, secs in (("ours", ours, None), ("msgmerge", mm, row["msgmerge_s"])):
            lines.append(
                f"| {row['kind']} | {row['n']} | {tool} | {s.right}/{s.edited} | "
                f"{s.wrong_source} | {s.missed + s.unflagged} | {s.added} | "
                f"{s.false_fuzzy} ({s.false_useful}) | "
                f"{f'**{ratio:.2f}**' if tool == 'ours' else ''} | "
                f"{s.intact}/{s.unchanged} | {_seconds(secs)} |")
    return "\n".join([*lines, "", "msgmerge s: the whole command, when it last ran on these "
                       "files (bench/bench_update.py times both tools properly)."])


def real_table(title: str, total: dict[str, Counter[str]]) -> str:
    skipped = total["ours"]["skipped"]
    lines = [f"{title}: {total['ours']['files']} catalogues"
             f"{f' ({skipped} unreadable, left out)' if skipped else ''}, "
             f"{total['ours']['pending']} entries whose key the old catalogue lacks.", "",
             "| tool | offered | useful (exact) | wrong | unscored | missed | "
             "from a similar old message |", "|---|---|---|---|---|---|---|"]
    for tool in ("ours", "msgmerge"):
        c = total[tool]
        lines.append(f"| {tool} | {c['offered']} | {c['useful']} ({c['exact']}) | "
                     f"{c['wrong']} | {c['unscored']} | {c['missed']} | "
                     f"{c['from in-use'] if tool == 'ours' else '—'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="run msgmerge even if cached")
    parser.add_argument("--pydocs", nargs="+", default=[], metavar="LANG=GIT_DIR",
                        help=f"python-docs clones to score ({', '.join(PYDOCS)})")
    args = parser.parse_args(argv)
    clones = dict(item.split("=", 1) for item in args.pydocs)
    if unknown := set(clones) - set(PYDOCS):
        parser.error(f"no pinned commits for {', '.join(sorted(unknown))}")
    WORK.mkdir(parents=True, exist_ok=True)
    jobs = [(k, n) for n in args.sizes for k in args.kinds]
    with ThreadPoolExecutor(2) as pool:  # two msgmerges at a time: one per core
        rows = list(pool.map(lambda job: generated(*job, args.fresh), jobs))
    print(generated_table(rows))
    if not args.no_real:
        print()
        print(real_table(f"{OLD_RELEASE.label} → {NEW_RELEASE.label}", real(args.fresh)))
    for lang, git_dir in clones.items():
        print()
        print(real_table(f"Python docs in {lang}, 3.11 → 3.12",
                         pydocs(lang, Path(git_dir), args.fresh)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
