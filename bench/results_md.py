"""bench/RESULTS.md is made of `## ` sections. bench/run.py writes the ones it measures;
scripts run on their own (realworld.py, bench_memory.py) own one section each, which
run.py keeps as they are (OWN_SECTIONS)."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
OWN_SECTIONS = ("## Memory of check", "## Real-world catalogues", "## XLIFF export and import",
                "## update across locales", "## Library (`bench/bench_library.py`)",
                "## Fuzzy quality on text it was not tuned on (issue 18, item 5)")
_NEXT = re.compile(r"^## ", re.M)


def section(text: str, heading: str) -> str | None:
    """The section under `heading` (heading line included), or None."""
    start = text.find(heading + "\n")
    if start < 0:
        return None
    nxt = _NEXT.search(text, start + len(heading))
    return text[start:nxt.start() if nxt else len(text)].rstrip("\n") + "\n"


def write_section(heading: str, body: str, results: Path = RESULTS) -> None:
    """Put `body` (which starts with `heading`) in place of that section, or at the end."""
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    old = section(text, heading)
    body = body.rstrip("\n") + "\n"
    if old is None:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        start = text.index(old)
        text = text[:start] + body + text[start + len(old):]
    results.write_text(text, encoding="utf-8")
    print(f"wrote the section {heading[3:]!r} of {results}")


def kept_sections(results: Path = RESULTS) -> list[str]:
    """The sections scripts own, from the current file, for run.py to carry over."""
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    return [s for h in OWN_SECTIONS if (s := section(text, h)) is not None]
