# Usage: .venv/bin/python bench/thresholds.py [N]
"""Why the fuzzy cut-offs are 60 (same section) and 75 (across sections): the data.

On the seeded corpus (bench/corpus.py, N messages, default 10000) this prints, as Markdown:
- for every edited message, the similarity (rapidfuzz Indel ratio on case-folded text, what
  calcii18n.matching scores) to the old message it really came from;
- for every genuinely new message, the best similarity to any old message that vanished
  (the only candidates calcii18n considers), in its own section and in any section;
- how many of each a given cut-off would accept: an edited message accepted is a recall,
  a new message accepted is a false fuzzy.
"""

from __future__ import annotations

import statistics
import sys

import corpus
from rapidfuzz import fuzz, process

CUTOFFS = (50, 55, 60, 65, 70, 75, 80, 85, 90)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10000
    c = corpus.build(n, 20261121)
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
    print(f"N={n}: {len(edited)} edited, {len(c.added)} new, {len(vanished)} vanished\n")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
