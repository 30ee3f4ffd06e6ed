"""Control characters in messages (issue 15, item 13: 16 system catalogues GNU reads were
refused). A PO file may hold them raw or escaped; GNU reads them and writes them raw (or
as \\a \\b \\t \\n \\v \\f \\r), so we read and write them the same; the `characters` check
keeps them out of printed translations. Only NUL stays an error: GNU would cut there."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_interop_gettext import needs, run

from calcii18n.checks.characters import problems
from calcii18n.errors import PoSyntaxError
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
CONTROLS = [chr(c) for c in [1, 2, 3, *range(5, 9), *range(11, 32), 127, *range(0x80, 0xa0)]]
words = st.lists(st.one_of(st.sampled_from(["word", "longer words", "x", "Taupō", " ", "-"]),
                           st.sampled_from(CONTROLS)), min_size=1, max_size=40).map("".join)


def _q(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@needs("msgcat")
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words, words)
def test_controls_read_and_write_as_msgcat_does(tmp_path: Path, msgid: str, msgstr: str) -> None:
    text = HEADER + f'msgid "{_q(msgid)}"\nmsgstr "{_q(msgstr)}"\n'
    path = tmp_path / "controls.po"
    path.write_text(text, encoding="utf-8")
    catalog = parse_po(text, "controls.po")
    assert catalog.messages[0].msgstr == (msgstr,)
    assert format_po(catalog) == run("msgcat", path).decode("utf-8")


def test_escaped_controls_read_as_the_characters() -> None:
    catalog = parse_po(HEADER + 'msgid "a\\001b"\nmsgstr "c\\033d"\n', "x.po")
    assert (catalog.messages[0].msgid, catalog.messages[0].msgstr) == ("a\x01b", ("c\x1bd",))


@pytest.mark.parametrize(("body", "what"), [
    ('msgid "a"\nmsgstr "x\\000"\n', "NUL"), ('msgid "a"\nmsgstr "x\\0"\n', "NUL"),
    ('msgid "a"\nmsgstr "x\x04"\n', "EOT"), ('msgid "a\\004"\nmsgstr "x"\n', "EOT")])
def test_nul_and_eot_are_still_errors(body: str, what: str) -> None:
    with pytest.raises(PoSyntaxError, match=f"{what} character"):
        parse_po(HEADER + body, "x.po")


def test_the_characters_check_refuses_a_control_the_english_lacks() -> None:
    [problem] = problems("Llame al\x1b[8m 999.", "Call 999.", "es")
    assert problem.startswith("U+001B CONTROL CHARACTER at character 9: a control character")
    assert problems("a\x01b", "a\x01b", "es") == []  # the English has it
