"""Golden-file tests of merge (polib's triple): for each folder tests/merge/golden/<case>/,
merging before.po with template.pot must write exactly expected.po, byte for byte.

Each case folder has a README.md that says, in a translator's words, what the merge must
do. The expected files were read by hand against that README. When a deliberate change to
merge or to the PO writer alters them, regenerate with

    CALCII18N_REGOLD=1 .venv/bin/pytest tests/merge/test_merge_golden.py

and read the diff (`git diff tests/merge/golden`) before committing: never regold blindly.
A case listed in KNOWN_BUGS has a hand-corrected expected.po (what GNU msgmerge --previous
writes there too); it is a strict xfail and CALCII18N_REGOLD leaves it alone. Remove it
from KNOWN_BUGS once merge is fixed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from calcii18n.merge import merge
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if (p / "template.pot").is_file())
IDS = [c.name for c in CASES]
REGOLD = os.environ.get("CALCII18N_REGOLD") == "1"

# Cases whose expected.po is right and whose merge is not, yet: name -> what is wrong.
KNOWN_BUGS: dict[str, str] = {}


def _golden_params() -> list[object]:
    return [pytest.param(c, id=c.name, marks=pytest.mark.xfail(strict=True,
                                                              reason=KNOWN_BUGS[c.name]))
            if c.name in KNOWN_BUGS else pytest.param(c, id=c.name) for c in CASES]


def read_po(path: Path) -> str:
    return decode_po_bytes(path.read_bytes(), str(path))


def merged(case: Path) -> bytes:
    before = parse_po(read_po(case / "before.po"), "before.po")
    template = parse_po(read_po(case / "template.pot"), "template.pot")
    return format_po(merge(before, template).catalog).encode("utf-8")


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 8
    for case in CASES:
        for name in ("before.po", "expected.po", "README.md"):
            assert (case / name).is_file(), case / name


@pytest.mark.parametrize("case", _golden_params())
def test_merge_matches_golden(case: Path) -> None:
    out = merged(case)
    expected = case / "expected.po"
    if REGOLD and case.name not in KNOWN_BUGS:
        expected.write_bytes(out)
    assert out == expected.read_bytes()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_merging_again_changes_nothing(case: Path) -> None:
    """expected.po is a fixed point: merging it with the same template again is a no-op."""
    once = parse_po(read_po(case / "expected.po"), "expected.po")
    template = parse_po(read_po(case / "template.pot"), "template.pot")
    assert format_po(merge(once, template).catalog).encode("utf-8") == (
        case / "expected.po").read_bytes()


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("name", ["template.pot", "before.po"])
def test_inputs_are_laid_out_as_we_write_them(case: Path, name: str) -> None:
    """The inputs are canonical too, so a diff of before.po against expected.po shows only
    what the merge did, not re-wrapping."""
    text = read_po(case / name)
    assert format_po(parse_po(text, name)) == text


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_msgfmt_accepts_expected(case: Path) -> None:
    done = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null",
                           str(case / "expected.po")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat not installed")
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_expected_is_laid_out_as_msgcat_would(case: Path) -> None:
    """msgcat is the reference for layout: expected.po must be its fixed point."""
    done = subprocess.run(["msgcat", str(case / "expected.po")], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == (case / "expected.po").read_bytes()
