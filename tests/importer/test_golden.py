"""Golden drafts: `import_page` on every golden/<case>/input.txt gives golden/<case>/expected.md
and expected-report.json, byte for byte.

The input is read as bytes and decoded with `decode_page`, as `calcii18n import` does, under
the page's own name <case>.txt (the name is the default id and the front matter's source).
A new case is a new folder with its input.txt. After a deliberate change to the importer,

    CALCII18N_REGOLD=1 pytest tests/importer/test_golden.py

rewrites the expected files instead of comparing them; read the diff before committing it
(full-page/expected.md was read and approved by hand).
"""

from __future__ import annotations

import difflib
import os

import pytest
from import_helpers import FIXTURES, GOLDEN, imported

REGOLD = os.environ.get("CALCII18N_REGOLD") == "1"


def test_there_are_golden_cases() -> None:
    assert len(FIXTURES) >= 19


@pytest.mark.parametrize("name", FIXTURES)
def test_the_draft_and_report_match_the_golden_files(name: str) -> None:
    markdown, report = imported(name)
    folder = GOLDEN / name.removesuffix(".txt")
    for file, got in (("expected.md", markdown), ("expected-report.json", report.to_json())):
        path = folder / file
        if REGOLD:
            path.write_bytes(got.encode("utf-8"))
            continue
        expected = path.read_bytes()
        assert got.encode("utf-8") == expected, "".join(difflib.unified_diff(
            expected.decode("utf-8").splitlines(True), got.splitlines(True),
            str(path), "got"))
