"""`#,` flags in GNU's order and form (issue 15, item 13: 65 Sphinx catalogues came out of
msgcat with `python-format` before `python-brace-format`, where we kept their order)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_interop_gettext import needs, run

from calcii18n.model import Message
from calcii18n.po.flags import LANGUAGES, gnu_order
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

# What GNU gettext 0.21 (Debian 12's) knows; the others it drops, newer ones keep.
KNOWN_TO_0_21 = [name for name in LANGUAGES
                 if name not in ("cplusplus-brace", "rust", "go", "modula2", "d")]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

flag = st.one_of(
    st.just("fuzzy"), st.sampled_from(["wrap", "no-wrap"]),
    st.builds(lambda a, b: f"range: {a}..{a + b}", st.integers(0, 9), st.integers(0, 9)),
    st.builds(lambda prefix, name: f"{prefix}{name}-format",
              st.sampled_from(["", "no-", "possible-", "impossible-"]),
              st.sampled_from(KNOWN_TO_0_21)))


@needs("msgcat")
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(flag, max_size=8))
def test_flags_are_written_as_msgcat_writes_them(tmp_path: Path, flags: list[str]) -> None:
    text = HEADER + (f"#, {', '.join(flags)}\n" if flags else "") + 'msgid "a"\nmsgstr "b"\n'
    path = tmp_path / "flags.po"
    path.write_text(text, encoding="utf-8")
    ours = format_po(parse_po(text, "flags.po"))
    assert ours == run("msgcat", path).decode("utf-8")


def test_sphinx_order_becomes_gnu_order() -> None:
    assert gnu_order(("python-brace-format", "python-format")) == (
        "python-format", "python-brace-format")


def test_a_flag_gnu_does_not_know_is_kept_after_gnus() -> None:
    assert gnu_order(("calcii18n-custom", "fuzzy", "c-format", "calcii18n-custom")) == (
        "fuzzy", "c-format", "calcii18n-custom")


def test_every_flags_line_counts_so_an_entry_gnu_sees_unfuzzy_stays_fuzzy() -> None:
    """GNU 0.21 keeps only the last `#,` line; we keep the safe reading (fuzzy)."""
    text = HEADER + '#, fuzzy\n#, c-format\nmsgid "a %d"\nmsgstr "b %d"\n'
    msg: Message = parse_po(text, "x.po").messages[0]
    assert msg.fuzzy and gnu_order(msg.flags) == ("fuzzy", "c-format")
