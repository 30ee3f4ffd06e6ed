"""The check report is printed piece by piece (issue 15, item 14) and must read exactly
as the whole-list JSON and text did."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from calcii18n.checks import Finding
from calcii18n.checks.base import Severity
from calcii18n.cli import report

texts = st.text(st.characters(codec="utf-8"), max_size=30)
findings = st.lists(st.builds(
    Finding, texts, st.sampled_from(list(Severity)), texts, texts, st.integers(0, 10**6),
    texts, st.none() | texts), max_size=6)


@given(findings)
def test_json_in_pieces_is_json_dumps_of_the_list(found: list[Finding]) -> None:
    whole = json.dumps([{
        "path": f.path, "line": f.line, "entry": f.entry, "check": f.check,
        "severity": f.severity.value, "message": f.message, "silenced": f.silenced,
    } for f in found], ensure_ascii=False, indent=2) + "\n"
    assert "".join(report.findings_json_chunks(found)) == whole


@given(findings)
def test_text_in_pieces_is_one_line_per_finding_and_a_count(found: list[Finding]) -> None:
    lines = list(report.findings_lines(found))
    assert len(lines) == len(found) + 1 and all(line.endswith("\n") for line in lines)
    assert lines[-1].startswith(f"{sum(f.blocking for f in found)} error")


@given(findings)
def test_no_control_character_reaches_the_terminal(found: list[Finding]) -> None:
    """Finding messages quote catalogue and glossary text, which may hold escape sequences."""
    text = "".join(report.findings_lines(found))
    assert not any(ch in text for ch in map(chr, [*range(9), *range(11, 32), *range(127, 160)]))
