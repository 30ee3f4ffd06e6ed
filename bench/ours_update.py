"""One whole-process update with calcii18n's library: read .po and .pot, merge, write.

Usage: .venv/bin/python bench/ours_update.py OLD.po NEW.pot OUT.po
This is what bench_update.py times as "ours" (interpreter start-up and imports included).
"""

from __future__ import annotations

import sys
from pathlib import Path

from calcii18n.merge import MergeResult, merge
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po


def update(old: Path, new: Path, out: Path) -> MergeResult:
    po = parse_po(decode_po_bytes(old.read_bytes(), str(old)), str(old))
    pot = parse_po(decode_po_bytes(new.read_bytes(), str(new)), str(new))
    result = merge(po, pot)
    out.write_text(format_po(result.catalog), encoding="utf-8")
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    update(Path(argv[0]), Path(argv[1]), Path(argv[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
