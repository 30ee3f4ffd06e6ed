"""Sources are untrusted input (translators, clinics, pull requests): front matter that would
hang us, hide a value, or blame the wrong line is refused on the line at fault, and no error
message quotes more than a screen line of someone else's value. Control characters (a NUL)
anywhere in a source are refused too, with their line and column."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.errors import SourceError
from calcii18n.leaflet.source import parse_leaflet

PATH = "sources/x.md"
BODY = "\n## At home {#at-home}\n\nKeep the wound clean.\n"
MESSAGE_BOUND = 250  # path, line, our sentence and an 80-character quote fit in this


def front(*lines: str) -> str:
    """A valid front matter with `lines` inserted after `title` (so they start on line 4)."""
    head = ["---", "id: x", "title: Wound care", *lines, "revision: 1",
            "reviewed: 2026-11-01", "next_review: 2027-11-01", "audience: patients", "---"]
    return "\n".join(head) + "\n" + BODY


def refusal(text: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        parse_leaflet(text, PATH, "x")
    return caught.value


def test_the_valid_front_matter_used_here_parses() -> None:
    assert parse_leaflet(front("references:", "  - A paper."), PATH, "x").meta.references == (
        "A paper.",)


# --------------------------------------------------------------------------------------
# Anchors and aliases
# --------------------------------------------------------------------------------------

# Nine levels of nine aliases: 9**9 (387 million) strings once expanded. The anchors sit
# under `source:` and `reviewed:` is the alias, so that today's code reaches the
# "must be a date, not …" message that spells the whole expansion out.
BOMB = "\n".join([
    "---", "id: x", "title: Wound care", "revision: 1", "source:",
    '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    *(f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)),
    "reviewed: *a8", "next_review: 2027-11-01", "audience: patients", "---", BODY])

# Run in a child with its memory capped, so that code which expands the bomb fails fast
# instead of taking the machine down; it reports how long the parse itself took.
_CHILD = textwrap.dedent("""\
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from calcii18n.leaflet.source import parse_leaflet
    text = sys.stdin.read()
    start = time.perf_counter()
    try:
        parse_leaflet(text, "sources/x.md", "x")
        outcome = {"error": None}
    except BaseException as exc:
        outcome = {"error": type(exc).__name__, "line": getattr(exc, "line", None),
                   "message": str(exc)[:1000], "length": len(str(exc))}
    outcome["seconds"] = time.perf_counter() - start
    print(json.dumps(outcome))
    """)


def test_alias_bomb_is_refused_at_once_with_a_short_message() -> None:
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD], input=BOMB, text=True,
                              capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("parsing the alias bomb did not finish within 60 s")
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout)
    assert outcome["error"] == "SourceError", outcome
    assert outcome["seconds"] < 1.0, outcome
    assert outcome["length"] < MESSAGE_BOUND, outcome
    assert outcome["line"] == 6  # the first '&'
    assert "anchors and aliases" in outcome["message"]


def test_a_single_harmless_alias_is_refused_on_the_anchor_line() -> None:
    text = front("source: &where https://example.org/care").replace(
        "audience: patients", "audience: *where")
    error = refusal(text)
    assert error.line == 4
    assert "anchors and aliases ('&name', '*name') are not allowed" in error.message


def test_an_alias_before_any_anchor_is_refused_on_its_line() -> None:
    error = refusal(front("source: *nowhere"))
    assert error.line == 4 and "anchors and aliases" in error.message


def test_merge_keys_are_not_a_way_around_duplicates() -> None:
    # `<<` would merge its mapping's keys under the explicit ones; it is a plain key here.
    error = refusal(front("<<: {revision: 2}"))
    assert error.line == 4 and "unknown front-matter key '<<'" in error.message


# --------------------------------------------------------------------------------------
# Duplicate keys, at any depth, on the duplicate's line
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lines", "line", "key", "first"), [
    (("id: y",), 4, "'id'", 2),
    (("title: Other",), 4, "'title'", 3),
    (("source:", "  url: a", "  note: b", "  url: c"), 7, "'url'", 5),
    (("references:", "  - title: A", "    title: B"), 6, "'title'", 5),
    (("references:", "  - {doi: a, year: 1, doi: b}"), 5, "'doi'", 5),
    (("source:", "  a:", "    b:", "      c: 1", "      c: 2"), 8, "'c'", 7),
    (("yes: 1", "true: 2"), 5, "True", 4),  # both are the boolean true
    # PyYAML counts U+2028 as a line break; editors, and our line numbers, do not.
    (("source: \"a\u2028b\"", "id: y"), 5, "'id'", 2),
], ids=["top-id", "top-title", "nested-mapping", "mapping-in-list", "flow-mapping",
        "three-deep", "same-value-spelled-twice", "after-a-line-separator"])
def test_duplicate_keys_are_refused_on_the_duplicates_line(
        lines: tuple[str, ...], line: int, key: str, first: int) -> None:
    error = refusal(front(*lines))
    assert error.line == line
    assert error.message == (f"duplicate key {key} (first on line {first}): YAML would "
                             "silently keep only the last")


def test_toml_front_matter_refuses_duplicates_on_their_line_too() -> None:
    text = '+++\nid = "x"\ntitle = "T"\nid = "y"\n+++\n' + BODY
    error = refusal(text)
    assert error.line == 4 and "Cannot overwrite a value" in error.message


def test_a_keys_line_comes_from_the_yaml_not_a_text_search() -> None:
    # The block text on line 4 reads like an `id:` key; the id at fault is on line 6.
    text = front("source: |", "  id: inner", "  (notes)").replace("id: x\n", "", 1).replace(
        "  (notes)\n", "  (notes)\nid: y\n")
    assert text.split("\n")[5] == "id: y"
    error = refusal(text)
    assert error.line == 6 and "differs from the file name" in error.message


# --------------------------------------------------------------------------------------
# Messages never quote a value unbounded; nothing crashes
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line"), [
    (front("? " + "k" * 5000, ": 1"), 4),  # `? ` because a plain key stops at 1024
    (front().replace("reviewed: 2026-11-01", "reviewed: " + "n" * 5000), 5),
    (front().replace("reviewed: 2026-11-01", "reviewed: " + "9" * 5000), 5),
    (front().replace("reviewed: 2026-11-01", "reviewed: [" + ", ".join(["x" * 50] * 500)
                     + "]"), 5),
    (front().replace("id: x", "id: " + "X" * 5000), 2),
    (front().replace("id: x", "id: " + "y" * 5000), 2),
    (front("source: !" + "t" * 5000 + " x"), 4),
    (front("? " + "k" * 5000, ": 1", "? " + "k" * 5000, ": 2"), 6),
], ids=["unknown-key", "date-text", "date-huge-number", "date-list", "id-not-a-slug",
        "id-differs", "tag", "duplicate-key"])
def test_messages_quote_at_most_a_line_of_a_value(text: str, line: int) -> None:
    error = refusal(text)
    assert error.line == line
    assert len(str(error)) < MESSAGE_BOUND and "…" in error.message, str(error)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    error = refusal(front("source: " + "[" * 5000 + "]" * 5000))
    assert error.line == 4 and "nests deeper than" in error.message


def test_characters_yaml_refuses_are_reported_on_their_line_in_one_line() -> None:
    error = refusal(front().replace("audience: patients", "audience: pa\x85ti\x86ents"))
    assert error.line == 7
    assert error.message == ("broken YAML front matter: character U+0086 is not allowed "
                             "in YAML")


# --------------------------------------------------------------------------------------
# Control characters in a source
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "column", "code"), [
    (front() + "\nHel\x00lo.\n", 14, 4, "U+0000"),
    (front().replace("title: Wound care", "title: Wound\x00 care"), 3, 13, "U+0000"),
    (front() + "\n\x1b[31mRed.\n", 14, 1, "U+001B"),
    (front().replace("\n", "\r\n") + "\r\nA\x08B.\r\n", 14, 2, "U+0008"),
], ids=["nul-in-body", "nul-in-front-matter", "escape", "backspace-crlf-file"])
def test_control_characters_are_refused_with_line_and_column(
        text: str, line: int, column: int, code: str) -> None:
    error = refusal(text)
    assert error.line == line
    assert error.message.startswith(f"control character {code} at column {column}:")


def test_tab_cr_and_lf_are_still_text() -> None:
    text = front().replace("\n", "\r\n") + "\r\nKeep\tit dry.\r\n"
    assert parse_leaflet(text, PATH, "x").sections[0].blocks[-1].text == "Keep\tit dry."


# --------------------------------------------------------------------------------------
# Through the CLI: one error line, exit 2, no template written
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "words"), [
    (front("source: &where https://example.org").replace("patients", "*where"), 4,
     "anchors and aliases"),
    (front("id: y"), 4, "duplicate key 'id' (first on line 2)"),
    (front("source:", "  url: a", "  url: b"), 6, "duplicate key 'url' (first on line 5)"),
    (front() + "\nA\x00B.\n", 14, "control character U+0000 at column 2"),
], ids=["alias", "duplicate-top", "duplicate-nested", "nul"])
def test_extract_prints_one_error_line_and_writes_no_template(
        tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "leaflet.html.j2").write_text(
        "<p>{{ _('Page') }}</p>\n", encoding="utf-8")
    (tmp_path / "sources" / "x.md").write_text(text, encoding="utf-8")
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "calcii18n.toml"),
                                      "extract"], env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error: sources/x.md:{line}: ") and words in lines[0]
    assert not list(tmp_path.rglob("*.pot"))
