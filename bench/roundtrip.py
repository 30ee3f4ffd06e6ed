"""Load a PO file and save it again: the read+write floor, for calcii18n or polib.

Usage: .venv/bin/python bench/roundtrip.py ours|polib IN.po OUT.po
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("ours", "polib"):
        print(__doc__, file=sys.stderr)
        return 2
    tool, source, target = argv[0], Path(argv[1]), Path(argv[2])
    if tool == "polib":
        polib.pofile(str(source)).save(str(target))
    else:
        catalog = parse_po(decode_po_bytes(source.read_bytes(), str(source)), str(source))
        target.write_text(format_po(catalog), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
