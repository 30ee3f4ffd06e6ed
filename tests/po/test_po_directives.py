"""No line break inside a format directive, and none at all under `no-wrap`, as msgcat
(issue 15, item 13: three system catalogues had `%` and `s` of `%s` on two lines)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_interop_gettext import needs, run

from calcii18n.po.directives import c_directives, glued
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
TOKENS = ["%s", "%5.2f", "%<PRIx64>", "%%", "% o", "%1$s", "%2$d", "%ld", "%lf", "%",
          "%y", "%-08x", "%*d", "0x", "добавления", "word", "longerword", "(", ")", "«",
          "100%", "»", "I", "%I5d", "%zu"]
pieces = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", "  "])),
                  min_size=8, max_size=40)


def _po(flags: str, msgid: str, msgstr: str) -> str:
    def q(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return HEADER + f"#, {flags}\n" + f'msgid "{q(msgid)}"\nmsgstr "{q(msgstr)}"\n'


@needs("msgcat")
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces, pieces, st.sampled_from(["c-format", "no-c-format", "python-format, c-format",
                                        "c-format, no-wrap", "no-wrap", "objc-format"]))
def test_strings_with_directives_wrap_as_msgcat_wraps_them(
        tmp_path: Path, english: list[tuple[str, str]], translated: list[tuple[str, str]],
        flags: str) -> None:
    msgid = "".join(a + b for a, b in english)
    msgstr = "".join(a + b for a, b in translated) + "\n" + msgid
    text = _po(flags, msgid, msgstr)
    path = tmp_path / "directives.po"
    path.write_text(text, encoding="utf-8")
    assert format_po(parse_po(text, "directives.po")) == run("msgcat", path).decode("utf-8")


def test_the_system_catalogue_case_keeps_percent_s_on_one_line() -> None:
    msgstr = ("0x%<PRIx64> без добавлений, но может стать 0x%<PRIx64> после подключения "
              "добавления %s")
    lines = format_po(parse_po(_po("c-format", "x %s", msgstr), "x.po")).splitlines()
    assert not any(line.endswith('%"') for line in lines), lines


def test_an_invalid_directive_ends_the_search() -> None:
    assert c_directives("%s %y %d", False) == [(0, 1)]
    assert c_directives("%1$s %d", False) == [(0, 3)]  # numbered, then unnumbered: invalid
    assert sorted(glued(("no-c-format", "python-format"), "%5d", False)) == []
