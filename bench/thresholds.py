# Usage: .venv/bin/python bench/thresholds.py [N] [grammar|recombined]
"""Why the fuzzy cut-offs are 60 (same section) and 75 (across sections), and 80 by
characters and 60 by words for a message still in use: the data.

On a seeded corpus (bench/corpus.py, "grammar", the default, or bench/corpus_recombined.py,
"recombined"; N messages, default 10000) this prints, as Markdown:
- for every edited message, the similarity (rapidfuzz Indel ratio on case-folded text, what
  calcii18n.matching scores) to the old message it really came from;
- for every genuinely new message, the best similarity to any old message that vanished
  (the only candidates calcii18n considers), in its own section and in any section;
- how many of each a given cut-off would accept: an edited message accepted is a recall,
  a new message accepted is a false fuzzy;
- for every new message, whether some old message still in use that shares its first or
  last two words (matching.similar's shortlist) scores at least C by characters and W by
  words: each such new message would be a false fuzzy at (C, W).
"""

from __future__ import annotations

import statistics
import sys

import corpus
import corpus_recombined
from rapidfuzz import fuzz, process

from calcii18n import matching

CUTOFFS = (50, 55, 60, 65, 70, 75, 80, 85, 90)
IN_USE_CHARS = (70, 75, 80, 85, 90)
IN_USE_WORDS = (0, 40, 50, 60, 70)
KINDS = {"grammar": corpus.build, "recombined": corpus_recombined.build}


def in_use_grid(c: corpus.Corpus) -> dict[tuple[int, int], int]:
    """(C, W) -> how many new messages some message still in use would be offered to."""
    kept = [m.msgid for m in c.old_po.messages if m.key in c.unchanged]
    news = [k.msgid for k in c.added]
    buckets: dict[str, list[int]] = {}
    for cut in (matching._HEAD, matching._TAIL):
        for pos, key in enumerate(matching._ends(kept, cut)):
            buckets.setdefault(key, []).append(pos)
    grid = dict.fromkeys(((ch, w) for ch in IN_USE_CHARS for w in IN_USE_WORDS), 0)
    for text, *ends in zip(news, matching._ends(news, matching._HEAD),
                           matching._ends(news, matching._TAIL), strict=True):
        shortlist = {p for end in ends if len(buckets.get(end, [])) <= matching._BUCKET_MAX
                     for p in buckets.get(end, [])}
        folded = text.casefold()
        scores = [(fuzz.ratio(folded, kept[p].casefold()),
                   fuzz.ratio(matching._TOKEN.findall(folded),
                              matching._TOKEN.findall(kept[p].casefold())))
                  for p in shortlist]
        for ch, w in grid:
            grid[ch, w] += any(a >= ch and b >= w for a, b in scores)
    return grid


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10000
    kind = argv[1] if len(argv) > 1 else "grammar"
    c = KINDS[kind](n)
    new_keys = {(m.msgctxt, m.msgid) for m in c.new_pot.messages}
    vanished = [m for m in c.old_po.messages if (m.msgctxt, m.msgid) not in new_keys]
    by_section: dict[str | None, list[str]] = {}
    for m in vanished:
        by_section.setdefault(m.msgctxt, []).append(m.msgid.casefold())
    every = [m.msgid.casefold() for m in vanished]
    edited = [fuzz.ratio(new.msgid.casefold(), old.msgid.casefold())
              for new, old in c.edited.items()]

    def best(text: str, pool: list[str]) -> float:
        found = process.extractOne(text.casefold(), pool, scorer=fuzz.ratio) if pool else None
        return found[1] if found else 0.0

    same = [best(k.msgid, by_section.get(k.msgctxt, [])) for k in c.added]
    cross = [best(k.msgid, every) for k in c.added]
    print(f"{kind}, N={n}: {len(edited)} edited, {len(c.added)} new, {len(vanished)} vanished\n")
    print("| score | min | 1st pct | median | max |\n|---|---|---|---|---|")
    for name, values in (("edited → its true source", edited),
                         ("new → best vanished, same section", same),
                         ("new → best vanished, any section", cross)):
        ordered = sorted(values)
        print(f"| {name} | {ordered[0]:.0f} | {ordered[len(ordered) // 100]:.0f} | "
              f"{statistics.median(ordered):.0f} | {ordered[-1]:.0f} |")
    print("\n| cut-off | edited accepted (recall) | new accepted, same section | "
          "new accepted, any section |\n|---|---|---|---|")
    for cut in CUTOFFS:
        print(f"| {cut} | {sum(v >= cut for v in edited)}/{len(edited)} | "
              f"{sum(v >= cut for v in same)} | {sum(v >= cut for v in cross)} |")
    grid = in_use_grid(c)
    print("\n| chars \\ words (message in use, shares an end) | "
          + " | ".join(f"≥ {w}" for w in IN_USE_WORDS) + " |\n|---|"
          + "---|" * len(IN_USE_WORDS))
    for ch in IN_USE_CHARS:
        print(f"| ≥ {ch} | " + " | ".join(str(grid[ch, w]) for w in IN_USE_WORDS) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
