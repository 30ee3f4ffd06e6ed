"""Golden-file tests of leaflet extraction: tests/leaflet/golden/<case>/input.md must become
exactly tests/leaflet/golden/<case>/expected.pot.

Each case folder is named after the leaflet id in its input.md, so the folder name is the
expected id and `sources/<case>.md` the reference path. The expected files were reviewed by
hand: never regenerate them blindly.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from calcii18n.leaflet.extract import leaflet_template
from calcii18n.leaflet.source import parse_leaflet
from calcii18n.po.format import format_po

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if (p / "input.md").is_file())
CREATED = "2026-01-01 00:00+0000"


def extract(case: Path) -> str:
    text = (case / "input.md").read_text(encoding="utf-8")
    ref = f"sources/{case.name}.md"
    return format_po(leaflet_template(parse_leaflet(text, ref, case.name), ref, CREATED))


def expected(case: Path) -> str:
    return (case / "expected.pot").read_text(encoding="utf-8")


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 4
    for case in CASES:
        assert (case / "expected.pot").is_file(), case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_extract_matches_golden(case: Path) -> None:
    assert extract(case) == expected(case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_extract_is_deterministic(case: Path) -> None:
    first = extract(case)
    second = extract(case)
    assert first == second
    assert first.encode("utf-8") == second.encode("utf-8")


_MARKERS = re.compile(r"^\s*(?:#+\s*|>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_references_point_at_the_block(case: Path) -> None:
    """Check the expected files themselves, independently of the code under test: every
    `#:` reference names sources/<case>.md and a line of input.md where that msgid begins
    (title: the front matter `title:` line); msgctxt is the section id of the `##` heading
    above that line."""
    lines = (case / "input.md").read_text(encoding="utf-8").split("\n")
    pot = polib.pofile(str(case / "expected.pot"))
    assert len(pot) > 1
    for entry in pot:
        assert entry.occurrences, entry.msgid
        for path, number in entry.occurrences:
            assert path == f"sources/{case.name}.md"
            line = lines[int(number) - 1]
            if entry.msgctxt == "_title":
                assert line.startswith("title:")
                assert entry.comment == "Leaflet title"
                continue
            source = _MARKERS.sub("", line)
            first_words = " ".join(entry.msgid.split()[:3])
            assert source.startswith(first_words), (entry.msgid, number, line)
            above = [x for x in lines[:int(number)] if x.startswith("## ")]
            assert above[-1].endswith(f"{{#{entry.msgctxt}}}"), (entry.msgid, above[-1])
            assert entry.comment.startswith(f"Section: {above[-1][3:].split(' {#')[0]}\nBlock: ")
        assert entry.msgstr == ""


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_msgfmt_accepts_golden(case: Path) -> None:
    done = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null",
                           str(case / "expected.pot")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat not installed")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_is_laid_out_as_msgcat_would(case: Path) -> None:
    """msgcat is the reference for wrapping: the expected file must be its fixed point."""
    done = subprocess.run(["msgcat", str(case / "expected.pot")], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == expected(case)
