"""The reader's one-regex path for common entries agrees with the line-by-line parser.

parse_po reads an entry in the usual shape with one regular expression and hands every
other block to the strict line parser. Both must give the same catalogue, or the same error
at the same line, for any text: random catalogues as we write them, then damaged.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_interop_gettext import property_catalogs

from calcii18n.errors import PoSyntaxError
from calcii18n.model import Catalog
from calcii18n.po import parse
from calcii18n.po.format import format_po

DAMAGE = ["", "#~ ", '"', '\\', "\\q", "\\0", "\r", "  ", "\t", 'msgid "x"', 'msgstr "y"',
          "#| msgid \"z\"", "#, fuzzy", "# note", 'msgctxt ""', '"\\x41\\101"', "#.", "\x01",
          # byte escapes: whole characters, halves of one, too large, not UTF-8
          "\\303\\261", "\\xc3\\xb1", "\\303", '\\261"\n"', "\\777", "\\x41BC", "\\377"]


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    def outcome() -> object:
        try:
            return parse.parse_po(text, "t.po")
        except PoSyntaxError as exc:
            return str(exc)

    fast = outcome()
    with monkeypatch.context() as patch:
        patch.setattr(parse, "_fast_entry", lambda block, line, charset: None)
        slow = outcome()
    return fast, slow


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(catalog=property_catalogs())
def test_fast_and_line_parsers_agree_on_what_we_write(catalog: Catalog,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = both(format_po(catalog), monkeypatch)
    assert isinstance(fast, Catalog)
    assert fast == slow


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(catalog=property_catalogs(), edits=st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 200), st.sampled_from(DAMAGE),
              st.sampled_from(["insert-line", "replace-line", "insert-text", "delete-line"])),
    min_size=1, max_size=3))
def test_fast_and_line_parsers_agree_on_damaged_files(
        catalog: Catalog, edits: list[tuple[int, int, str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = format_po(catalog).split("\n")
    for where, column, damage, how in edits:
        at = where % len(lines)
        if how == "insert-line":
            lines.insert(at, damage)
        elif how == "replace-line":
            lines[at] = damage
        elif how == "delete-line":
            del lines[at]
        else:
            column %= len(lines[at]) + 1
            lines[at] = lines[at][:column] + damage + lines[at][column:]
        if not lines:
            lines = [""]
    fast, slow = both("\n".join(lines), monkeypatch)
    assert fast == slow


def test_the_fast_path_is_taken_for_common_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ('# note\n#. Section: s1\n#: a.md:3\n#, fuzzy\n#| msgid "Old"\nmsgctxt "s1"\n'
            'msgid ""\n"New "\n"text"\nmsgstr "Nuevo \\"texto\\""\n')
    seen: list[str] = []
    real = parse._fast_entry

    def spy(block: str, line: int, charset: str) -> object:
        entry = real(block, line, charset)
        seen.append("fast" if entry is not None else "slow")
        return entry

    monkeypatch.setattr(parse, "_fast_entry", spy)
    message = parse.parse_po(text, "t.po").messages[0]
    assert seen == ["fast"]
    assert (message.msgid, message.msgstr, message.line) == ("New text", ('Nuevo "texto"',), 7)
    assert (message.previous_msgid, message.flags) == ("Old", ("fuzzy",))
