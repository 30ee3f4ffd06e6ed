r"""Octal and hex escapes are bytes of the file's charset, as GNU gettext reads them.

GNU's lexer (po-lex.c, `control_sequence`) reads `\303\261` or `\xc3\xb1` as two bytes and
the strings of a keyword as one byte string in the file's charset, so `msgcat --escape`
writes `señales` as `se\303\261ales` and msgfmt compiles it to the same .mo. We used to read
each escape as a code point (`seÃ±ales`), which made reviewed entries stale and let the next
`update` write the mojibake for good. GNU tests are marked `gettext` and skipped without it.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_interop_gettext import (
    ANY_WORD,
    CATALOGS,
    STAMPED,
    assert_same_messages,
    needs,
    read_catalog,
    run,
)

from calcii18n.errors import PoSyntaxError
from calcii18n.model import Catalog
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"
SAMPLES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
SCRIPTS = ["ar", "fa", "hi", "ja", "ru", "vi", "vi-nfd", "zh"]  # Arabic, CJK, Hindi, ...
HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def values(catalog: Catalog) -> Catalog:
    """The catalogue without line numbers: escaping makes lines longer, so GNU wraps them
    differently, and only the values have to be the same."""
    return replace(catalog, messages=tuple(replace(m, line=0) for m in catalog.messages),
                   obsolete=tuple(replace(m, line=0) for m in catalog.obsolete))


def msgstr_of(body: str) -> tuple[str, ...]:
    return parse_po(HEAD + body, "t.po").messages[0].msgstr


def assert_escape_round_trip(original: bytes, tmp_path: Path) -> None:
    """`msgcat --escape` of a file reads as the same catalogue, and we write the file back
    byte for byte (in UTF-8, not escapes)."""
    path = tmp_path / "plain.po"
    path.write_bytes(original)
    escaped = run("msgcat", "--escape", path)
    strings = [line for line in escaped.splitlines() if not line.startswith((b"# ", b"#."))]
    assert all(line.isascii() for line in strings)  # every string is in escapes now
    ours = read_catalog(escaped, "escaped.po")
    assert values(ours) == values(read_catalog(original, "plain.po"))
    assert format_po(ours).encode("utf-8") == original


# --------------------------------------------------------------------------------------
# Against GNU gettext.
# --------------------------------------------------------------------------------------


@needs("msgcat")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_msgcat_escape_of_the_sample_catalogues_changes_nothing(
        path: Path, tmp_path: Path) -> None:
    assert_escape_round_trip(path.read_bytes(), tmp_path)


@needs("msgcat")
@pytest.mark.parametrize("name", SCRIPTS)
def test_msgcat_escape_of_multiscript_catalogues_changes_nothing(
        name: str, tmp_path: Path) -> None:
    assert_escape_round_trip(format_po(CATALOGS[name]).encode("utf-8"), tmp_path)


@needs("msgcat")
def test_msgcat_escape_keeps_review_stamps(tmp_path: Path) -> None:
    """The symptom in the field: reviewed entries turned stale after `msgcat --escape`."""
    path = tmp_path / "es.po"
    path.write_text(format_po(STAMPED), encoding="utf-8")
    escaped = run("msgcat", "--escape", path)
    assert_same_messages(read_catalog(escaped, "escaped.po"), "msgcat --escape")


@needs("msgcat", "msgfmt")
@pytest.mark.parametrize("name", ["ar", "hi", "zh"])
def test_msgfmt_compiles_the_escaped_file_and_ours_alike(name: str, tmp_path: Path) -> None:
    """GNU's own reading of the escapes is the oracle: the .mo files are identical."""
    plain = tmp_path / "plain.po"
    plain.write_text(format_po(CATALOGS[name]), encoding="utf-8")
    escaped = tmp_path / "escaped.po"
    escaped.write_bytes(run("msgcat", "--escape", plain))
    ours = tmp_path / "ours.po"
    ours.write_text(format_po(read_catalog(escaped.read_bytes(), "escaped.po")),
                    encoding="utf-8")
    mo = [tmp_path / "escaped.mo", tmp_path / "ours.mo"]
    run("msgfmt", "-o", mo[0], escaped)
    run("msgfmt", "-o", mo[1], ours)
    assert mo[0].read_bytes() == mo[1].read_bytes()


# --------------------------------------------------------------------------------------
# By hand: hex, octal, literal UTF-8, and bytes running across strings.
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("literal", "text"), [
    (r"ni\xc3\xb1o", "niño"),
    (r"NI\xC3\x91O", "NIÑO"),
    (r"\xe2\x80\x94 \x41\x042", "— AB"),  # ASCII bytes are plain characters
    (r"\x0e2\x80\x94", "—"),  # GNU reads every hex digit: \x0e2 is the byte 0xe2
    (r"\303\xb1 \xc3\261", "ñ ñ"),  # octal and hex bytes of one character
])
def test_hex_escapes_are_bytes(literal: str, text: str) -> None:
    assert msgstr_of(f'msgid "a"\nmsgstr "{literal}"\n') == (text,)


def test_octal_escapes_mix_with_literal_utf8() -> None:
    body = ('msgid "a"\n'
            'msgstr "año \\303\\261 señales \\342\\200\\224 — 日本\\350\\252\\236 ok\\n"\n')
    assert msgstr_of(body) == ("año ñ señales — — 日本語 ok\n",)


@pytest.mark.parametrize("body", [
    'msgid "a"\nmsgstr ""\n"se\\303"\n"\\261ales"\n',
    'msgid "a"\nmsgstr "se\\303"\n"\\261ales"\n',
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "se\\303"\n"\\261ales"\n',
    '#~ msgid "a"\n#~ msgstr "se\\303"\n#~ "\\261ales"\n',
])
def test_bytes_of_one_character_may_run_across_strings(body: str) -> None:
    """GNU joins a keyword's strings as bytes before it reads them (checked with msgcat)."""
    catalog = parse_po(HEAD + body, "t.po")
    (msg,) = catalog.messages or catalog.obsolete
    assert msg.msgstr[-1] == "señales"


def test_previous_msgid_is_unescaped_too() -> None:
    body = '#, fuzzy\n#| msgid "ni\\303"\n#| "\\261a"\nmsgid "a"\nmsgstr "ni\\xc3\\xb1o"\n'
    (msg,) = parse_po(HEAD + body, "t.po").messages
    assert (msg.previous_msgid, msg.msgstr) == ("niña", ("niño",))


@pytest.mark.parametrize(("body", "line", "message"), [
    ('msgid "a"\nmsgstr "bad \\303 x"\n', 6, r"escaped bytes \303 are not valid UTF-8 "
     "(invalid continuation byte)"),
    ('msgid "a"\nmsgstr ""\n"ok"\n"\\261 lone"\n', 8, r"escaped bytes \261 are not valid"),
    ('msgid "a"\nmsgstr ""\n"se\\303"\n"x"\n', 7, r"\303 are not valid UTF-8"),
    ('msgid "a"\nmsgstr ""\n"ok"\n"se\\342\\200"\n\nmsgid "b"\nmsgstr "c"\n', 8,
     r"escaped bytes \342\200 are not valid UTF-8 (unexpected end of data)"),
    ('msgid "ok"\nmsgstr "\\355\\240\\200"\n', 6, r"\355 are not valid UTF-8"),  # a surrogate
    ('msgid "\\300\\201"\nmsgstr "b"\n', 5, r"\300 are not valid UTF-8"),  # overlong
    ('msgid "a"\nmsgstr "\\xff"\n', 6, r"\377 are not valid UTF-8 (invalid start byte)"),
    ('msgid "a"\nmsgstr ""\n"\\777"\n', 7, r"escape \777 is more than one byte (0x1ff)"),
    ('msgid "a"\nmsgstr "ni\\xc3\\xb1o"\n"\\x41BC"\n', 7, r"escape \x41BC is more than one byte"),
    # GNU reads every hex digit after \x: "\xb1a" is one escape, not "\xb1" and "a".
    ('msgid "a"\nmsgstr "ni\\xc3\\xb1a"\n', 6, r"escape \xb1a is more than one byte"),
    ('msgid "a"\nmsgstr "x\\000"\n', 6, r"NUL character (\000) in a message"),
])
def test_bytes_that_are_not_utf8_are_an_error_on_their_line(
        body: str, line: int, message: str) -> None:
    with pytest.raises(PoSyntaxError) as info:
        parse_po(HEAD + body, "locale/es/x.po")
    assert str(info.value).startswith(f"locale/es/x.po:{line}: "), str(info.value)
    assert message in info.value.message


# --------------------------------------------------------------------------------------
# Property: any text, its non-ASCII characters written as GNU's byte escapes, reads back.
# --------------------------------------------------------------------------------------

C_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f",
             "\v": "\\v", "\\": "\\\\", '"': '\\"'}
REFUSED = "".join(map(chr, range(0x07))) + "".join(map(chr, range(0x0e, 0x20)))
TEXT = st.lists(st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters=REFUSED),
            max_size=12),
    st.sampled_from(ANY_WORD)), max_size=8).map(" ".join)


def escape_tokens(text: str, hexes: list[bool]) -> list[str]:
    r"""`text` as GNU writes it with --escape: each non-ASCII character as its UTF-8 bytes
    in `\ooo` (or, where `hexes` says so, `\xHH` unless the next token could read on)."""
    tokens: list[str] = []
    for char in text:
        if char in C_ESCAPES or char.isascii():
            tokens.append(C_ESCAPES.get(char, char))
            continue
        data = char.encode("utf-8")
        for i, byte in enumerate(data):
            use_hex = hexes[len(tokens) % len(hexes)] and i + 1 < len(data)
            tokens.append(f"\\x{byte:02x}" if use_hex else f"\\{byte:03o}")
    return tokens


@settings(max_examples=300, deadline=None)
@given(text=TEXT, hexes=st.lists(st.booleans(), min_size=1, max_size=7),
       cuts=st.lists(st.integers(0, 400), max_size=4))
def test_gnu_byte_escaped_text_reads_back(text: str, hexes: list[bool],
                                          cuts: list[int]) -> None:
    """Also when the strings are cut anywhere between escapes, inside a character too."""
    tokens = escape_tokens(text, hexes)
    bounds = sorted({0, len(tokens), *(c % (len(tokens) + 1) for c in cuts)})
    strings = ['"' + "".join(tokens[a:b]) + '"' for a, b in pairwise(bounds)]
    body = 'msgid "x"\nmsgstr ' + "\n".join(strings or ['""']) + "\n"
    assert msgstr_of(body) == (text,)
