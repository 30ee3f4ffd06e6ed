"""Unit tests for the strict PO reader (po.parse) and the GNU-layout writer (po.format).

The round-trip samples below are written in GNU layout by hand and were checked to be
`msgcat` fixed points; tests/po/test_interop_gettext.py re-checks that against GNU gettext.
"""

from __future__ import annotations

import pytest

from calcii18n.errors import PoSyntaxError
from calcii18n.model import Catalog, Message, MessageKey
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po

# --------------------------------------------------------------------------------------
# Hand-written samples in GNU layout (exactly what `msgcat` prints).
# --------------------------------------------------------------------------------------

SAMPLE_FULL = r"""# Spanish translation of the overview leaflet.
# Copyright (C) 2026 The clinic
#
#  An indented note kept with its extra space.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: overview 1\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2026-11-21 20:44+0000\n"
"Language: es\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

# A translator comment.
#
# reviewed: 2026-11-20 Ana Ruiz <ana@clinic.example> sha256:3f1c9a0b7d2e
#. Section: What is calciphylaxis?
#.
#. Block: paragraph
#: sources/calciphylaxis-overview.md:16 sources/calciphylaxis-overview.md:160
#: sources/calciphylaxis-overview.md:1600 sources/warning-signs.md:12
#, python-brace-format
msgctxt "what-it-is"
msgid ""
"Calciphylaxis is a rare illness. Calcium builds up inside very small blood "
"vessels in the skin and in the fat under it. Call {clinic_phone}."
msgstr ""
"La calcifilaxis es una enfermedad rara. El calcio se acumula dentro de vasos "
"sanguíneos muy pequeños de la piel. Llame al {clinic_phone}."

#: templates/leaflet.html.j2:20
#, python-format
msgid "%(n)d wound"
msgid_plural "%(n)d wounds"
msgstr[0] "%(n)d herida"
msgstr[1] "%(n)d heridas"

#, fuzzy
#| msgctxt "old-section"
#| msgid "Painful patches of skin."
msgctxt "early-signs"
msgid "Painful patches of skin that look like a net."
msgstr "Manchas dolorosas en la piel."

msgctxt ""
msgid "Empty context"
msgstr "Contexto vacío"

msgid "Empty context"
msgstr "Sin contexto"

#~ msgid "An old sentence"
#~ msgstr "Una frase antigua"

#, fuzzy
#~| msgid "The previous wording of an obsolete sentence"
#~ msgctxt "gone"
#~ msgid ""
#~ "A long obsolete sentence that no longer appears in any leaflet source, so "
#~ "it is kept at the end of the file."
#~ msgstr ""
#~ "Una frase obsoleta larga que ya no aparece en ninguna fuente de folleto, "
#~ "así que se guarda al final del archivo."
"""

SAMPLE_TEMPLATE = r"""# SOME DESCRIPTIVE TITLE.
# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER
# This file is distributed under the same license as the PACKAGE package.
# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: warning-signs 3\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2026-11-21 20:44+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language-Team: LANGUAGE <LL@li.org>\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

#. Leaflet title
#: sources/warning-signs.md:3
msgctxt "_title"
msgid "Calciphylaxis: warning signs"
msgstr ""

#. Section: Early signs
#. Block: list item
#: sources/warning-signs.md:40 sources/warning-signs.md:41
#: sources/warning-signs.md:42 sources/warning-signs.md:43
#: sources/warning-signs.md:44 sources/warning-signs.md:45
#, python-brace-format
msgctxt "early-signs"
msgid "{count} wound that does not heal"
msgid_plural "{count} wounds that do not heal"
msgstr[0] ""
msgstr[1] ""
"""

SAMPLE_MULTILINGUAL = r"""msgid ""
msgstr ""
"Language: ru\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. Block: paragraph
#: sources/calciphylaxis-overview.md:16
msgctxt "what-it-is"
msgid ""
"Calciphylaxis is a rare illness. Calcium builds up inside very small blood "
"vessels."
msgstr ""
"Кальцифилаксия — редкое заболевание: кальций накапливается внутри очень "
"мелких кровеносных сосудов кожи."

msgctxt "what-it-is"
msgid ""
"The blocked vessels cannot bring enough blood to the skin, so the skin can "
"die."
msgstr ""
"لا تستطيع الأوعية المسدودة إيصال ما يكفي من الدم إلى الجلد، لذلك قد يموت "
"الجلد ويتحول إلى جروح عميقة."

#, python-brace-format
msgctxt "who-gets-it"
msgid ""
"Most people who get calciphylaxis are on dialysis because their kidneys have "
"failed."
msgstr ""
"大多数患钙化防御的人都在接受透析，因为他们的肾脏已经衰竭。如有疑问，请致电“诊"
"所热线”（{clinic_phone}）。"

#, python-brace-format
msgctxt "who-gets-it"
msgid "Call {clinic_phone} today."
msgstr ""
"今日中に{clinic_phone}へ電話してください。「すぐに」連絡することが大切です。"
"皮膚の傷は深くなることがあります。"
"""

SAMPLE_ESCAPES = r"""msgid ""
msgstr ""
"Language: es\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Tab\there, quote \" and backslash \\ and a newline\n"
msgstr "Tabulador\taquí, comilla \" y barra \\ y salto\n"

msgid "A literal backslash-n: \\n is not a newline"
msgstr "Una barra y una ene: \\n no es un salto de línea"

msgid "\n"
msgstr "\n"

msgid ""
"Clinic of Nephrology\n"
"Floor 3, Room 12\n"
"Open Monday to Friday, 08:00–17:00, closed on public holidays and during the "
"staff training week in August.\n"
msgstr ""
"Clínica de Nefrología\n"
"Planta 3, sala 12\n"
"Abierta de lunes a viernes, de 08:00 a 17:00; cerrada los festivos y durante "
"la semana de formación del personal en agosto.\n"

msgid ""
"Say \"stop\" when it hurts.\n"
"\tThen rest."
msgstr ""
"Diga \"basta\" cuando le duela.\n"
"\tLuego descanse."

#, fuzzy
#| msgid "{count} wound"
#| msgid_plural "{count} wounds"
msgid "{count} open wound"
msgid_plural "{count} open wounds"
msgstr[0] "{count} herida"
msgstr[1] "{count} heridas"

#~| msgctxt "old-section"
#~| msgid "One dressing a day"
#~ msgctxt "dressings"
#~ msgid "One dressing change a day"
#~ msgid_plural "{count} dressing changes a day"
#~ msgstr[0] "Un cambio de apósito al día"
#~ msgstr[1] "{count} cambios de apósito al día"
"""

SAMPLE_HEADER_ONLY = r"""msgid ""
msgstr "Language: es\n"
"""

ROUND_TRIP_SAMPLES = {
    "full": SAMPLE_FULL,
    "template": SAMPLE_TEMPLATE,
    "multilingual": SAMPLE_MULTILINGUAL,
    "escapes": SAMPLE_ESCAPES,
    "header-only": SAMPLE_HEADER_ONLY,
}


@pytest.mark.parametrize("name", sorted(ROUND_TRIP_SAMPLES))
def test_round_trip_is_byte_identical(name: str) -> None:
    text = ROUND_TRIP_SAMPLES[name]
    assert format_po(parse_po(text, f"{name}.po")) == text


@pytest.mark.parametrize("name", sorted(ROUND_TRIP_SAMPLES))
def test_round_trip_through_bytes(name: str) -> None:
    text = ROUND_TRIP_SAMPLES[name]
    decoded = decode_po_bytes(text.encode("utf-8"), f"{name}.po")
    assert format_po(parse_po(decoded, f"{name}.po")) == text


def test_full_sample_parses_to_the_expected_values() -> None:
    catalog = parse_po(SAMPLE_FULL, "full.po")
    assert catalog.header_comments == (
        "Spanish translation of the overview leaflet.",
        "Copyright (C) 2026 The clinic",
        "",
        " An indented note kept with its extra space.",
    )
    assert catalog.header_flags == ("fuzzy",)
    assert catalog.header[0] == ("Project-Id-Version", "overview 1")
    assert catalog.header_value("report-msgid-bugs-to") == ""
    assert catalog.header_value("POT-Creation-Date") == "2026-11-21 20:44+0000"
    assert catalog.header_value("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert len(catalog.header) == 8

    first, plural, fuzzy, empty_ctx, no_ctx = catalog.messages
    assert first.msgctxt == "what-it-is"
    assert first.msgid == (
        "Calciphylaxis is a rare illness. Calcium builds up inside very small blood "
        "vessels in the skin and in the fat under it. Call {clinic_phone}.")
    assert first.msgstr[0].endswith("pequeños de la piel. Llame al {clinic_phone}.")
    assert first.translator_comments == (
        "A translator comment.", "",
        "reviewed: 2026-11-20 Ana Ruiz <ana@clinic.example> sha256:3f1c9a0b7d2e")
    assert first.extracted_comments == ("Section: What is calciphylaxis?", "", "Block: paragraph")
    assert first.references == (
        "sources/calciphylaxis-overview.md:16", "sources/calciphylaxis-overview.md:160",
        "sources/calciphylaxis-overview.md:1600", "sources/warning-signs.md:12")
    assert first.flags == ("python-brace-format",)
    assert not first.fuzzy and not first.has_previous
    assert first.line == 27  # the msgid line, 1-based

    assert plural.msgid_plural == "%(n)d wounds"
    assert plural.msgstr == ("%(n)d herida", "%(n)d heridas")
    assert plural.flags == ("python-format",)

    assert fuzzy.fuzzy and fuzzy.has_previous
    assert fuzzy.previous_msgctxt == "old-section"
    assert fuzzy.previous_msgid == "Painful patches of skin."
    assert fuzzy.previous_msgid_plural is None

    assert empty_ctx.key == MessageKey("", "Empty context")
    assert no_ctx.key == MessageKey(None, "Empty context")

    old, gone = catalog.obsolete
    assert old.obsolete and old.msgid == "An old sentence" and old.msgstr == ("Una frase antigua",)
    assert gone.obsolete and gone.fuzzy and gone.msgctxt == "gone"
    assert gone.previous_msgid == "The previous wording of an obsolete sentence"
    assert gone.msgid.startswith("A long obsolete sentence that no longer appears in any ")
    assert gone.msgstr[0].endswith("así que se guarda al final del archivo.")


def test_escapes_are_decoded() -> None:
    catalog = parse_po(SAMPLE_ESCAPES, "escapes.po")
    by_id = {m.msgid: m for m in catalog.messages}
    tab = by_id['Tab\there, quote " and backslash \\ and a newline\n']
    assert tab.msgstr == ('Tabulador\taquí, comilla " y barra \\ y salto\n',)
    literal = by_id["A literal backslash-n: \\n is not a newline"]
    assert "\n" not in literal.msgid and "\\n" in literal.msgid
    assert by_id["\n"].msgstr == ("\n",)
    assert "Say \"stop\" when it hurts.\n\tThen rest." in by_id
    (dressings,) = catalog.obsolete
    assert dressings.previous_msgctxt == "old-section"
    assert dressings.previous_msgid == "One dressing a day"
    assert dressings.msgid_plural == "{count} dressing changes a day"
    assert dressings.msgstr == ("Un cambio de apósito al día",
                                "{count} cambios de apósito al día")
    plural = by_id["{count} open wound"]
    assert plural.previous_msgid_plural == "{count} wounds"


def test_octal_and_hex_escapes_are_read() -> None:
    text = 'msgid ""\nmsgstr ""\n\nmsgid "bell\\a \\101\\x42"\nmsgstr "ok"\n'
    (msg,) = parse_po(text, "x.po").messages
    assert msg.msgid == "bell\a AB"


def test_format_writes_model_values_in_gnu_layout() -> None:
    """Built from the model (not parsed), so the writer is checked on its own."""
    catalog = Catalog(
        header=(("Language", "es"), ("Content-Type", "text/plain; charset=UTF-8")),
        messages=(
            Message(msgid="Say \"stop\"\tnow\\", msgstr=("Diga \"basta\"",), msgctxt="s",
                    flags=("python-brace-format", "fuzzy"), translator_comments=("", "note"),
                    extracted_comments=("",), references=("a.md:1",),
                    previous_msgid="Say stop"),
        ),
        obsolete=(Message(msgid="old", msgstr=("viejo",), obsolete=True,
                          previous_msgctxt="x"),),
    )
    assert format_po(catalog) == (
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: es\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        "\n"
        "#\n"
        "# note\n"
        "#.\n"
        "#: a.md:1\n"
        "#, fuzzy, python-brace-format\n"
        '#| msgid "Say stop"\n'
        'msgctxt "s"\n'
        'msgid "Say \\"stop\\"\\tnow\\\\"\n'
        'msgstr "Diga \\"basta\\""\n'
        "\n"
        '#~| msgctxt "x"\n'
        '#~ msgid "old"\n'
        '#~ msgstr "viejo"\n'
    )


def test_long_reference_lists_wrap_at_79_columns() -> None:
    refs = tuple(f"sources/calciphylaxis-overview.md:{n}" for n in range(1, 12))
    text = format_po(Catalog(messages=(Message(msgid="x", references=refs),)))
    ref_lines = [line for line in text.splitlines() if line.startswith("#:")]
    assert len(ref_lines) > 1
    assert all(len(line) <= 79 for line in ref_lines)
    assert " ".join(line[3:] for line in ref_lines).split() == list(refs)
    assert parse_po(text, "x.po").messages[0].references == refs


# --------------------------------------------------------------------------------------
# Malformed input: every case names its exact 1-based line.
# --------------------------------------------------------------------------------------

# Four lines: lines 1-3 are the header entry, line 4 is blank; the first entry is line 5.
HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

MALFORMED: list[tuple[str, str, int, str]] = [
    # (id, text, line, part of the message)
    ("unknown-keyword",
     HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgfoo "x"\n', 8, "unknown keyword 'msgfoo'"),
    ("misspelt-msgstr",
     HEAD + 'msgid "a"\nmsgsrt "b"\n', 6, "unknown keyword 'msgsrt'"),
    ("unknown-keyword-in-obsolete",
     HEAD + '#~ msgid "a"\n#~ msgstring "b"\n', 6, "unknown keyword 'msgstring'"),
    ("unterminated-string",
     HEAD + 'msgid "a\nmsgstr "b"\n', 5, "unterminated string"),
    ("unterminated-continuation",
     HEAD + 'msgid ""\n"first part\nmsgstr "b"\n', 6, "unterminated string"),
    ("unterminated-after-escaped-quote",
     HEAD + 'msgid "a"\nmsgstr "say \\"\n', 6, "unterminated string"),
    ("invalid-escape",
     HEAD + 'msgid "a"\nmsgstr "b\\qc"\n', 6, "invalid escape sequence \\q"),
    ("invalid-escape-in-previous",
     HEAD + '#, fuzzy\n#| msgid "o\\ld"\nmsgid "a"\nmsgstr "b"\n', 6,
     "invalid escape sequence \\l"),
    ("text-after-closing-quote",
     HEAD + 'msgid "a" x\nmsgstr "b"\n', 5, "unexpected text after the closing quote"),
    ("second-string-on-one-line",
     HEAD + 'msgid "a"\nmsgstr "b" "c"\n', 6, "unexpected text after the closing quote"),
    ("continuation-without-keyword",
     HEAD + '"stray text"\nmsgid "a"\nmsgstr "b"\n', 5,
     "string continuation without a keyword"),
    ("continuation-after-comment",
     HEAD + 'msgid "a"\nmsgstr "b"\n# note\n"stray"\nmsgid "c"\nmsgstr "d"\n', 8,
     "string continuation without a keyword"),
    ("msgid-without-msgstr",
     HEAD + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 5, "msgid without msgstr"),
    ("msgid-without-msgstr-at-eof",
     HEAD + 'msgid "b"\nmsgstr "c"\n\n#: a.md:3\nmsgid "a"\n', 9, "msgid without msgstr"),
    ("comments-without-message",
     HEAD + 'msgid "b"\nmsgstr "c"\n\n# lonely comment\n', 8, "comments without a message"),
    ("msgstr0-without-msgid-plural",
     HEAD + 'msgid "a"\nmsgstr[0] "b"\n', 6, "msgstr[N] without msgid_plural"),
    ("msgid-plural-with-plain-msgstr",
     HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 7,
     "msgid_plural needs msgstr[0], msgstr[1]..., not msgstr"),
    # GNU msgfmt: "plural form has wrong index" at the line of the wrong index.
    ("plural-index-gap",
     HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 8, "in order"),
    # GNU msgfmt: "first plural form has nonzero index" at the msgstr[1] line.
    ("plural-indices-reversed",
     HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n', 7, "in order"),
    ("plural-index-repeated",
     HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[0] "c"\n', 8,
     "duplicate msgstr[0] in one entry"),
    ("duplicate-message",
     HEAD + 'msgctxt "s"\nmsgid "a"\nmsgstr "b"\n\n#: x.md:1\nmsgctxt "s"\nmsgid "a"\n'
     'msgstr "c"\n', 11, "duplicate message (first defined at line 6)"),
    ("duplicate-message-without-context",
     HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8,
     "duplicate message (first defined at line 5)"),
    # GNU msgcat/msgfmt: "duplicate message definition" also among obsolete entries...
    ("duplicate-obsolete-message",
     HEAD + '#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 8,
     "duplicate message"),
    # ...and between an obsolete entry and an active one with the same msgctxt+msgid.
    ("obsolete-duplicates-active-message",
     HEAD + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 8,
     "duplicate message"),
    ("duplicate-msgid-in-entry",
     HEAD + 'msgid "a"\nmsgid "b"\nmsgstr "c"\n', 6, "duplicate msgid in one entry"),
    ("duplicate-msgstr-in-entry",
     HEAD + 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 7, "duplicate msgstr in one entry"),
    ("duplicate-previous-msgid",
     HEAD + '#, fuzzy\n#| msgid "x"\n#| msgid "y"\nmsgid "a"\nmsgstr "b"\n', 7,
     "duplicate msgid in one entry"),
    ("msgctxt-after-msgid",
     HEAD + 'msgid "a"\nmsgctxt "s"\nmsgstr "b"\n', 6, "msgctxt after msgid: wrong keyword order"),
    ("msgid-plural-after-msgstr",
     HEAD + 'msgid "a"\nmsgstr "b"\nmsgid_plural "as"\n', 7,
     "msgid_plural after msgstr: wrong keyword order"),
    ("msgstr-without-msgid",
     HEAD + 'msgctxt "s"\nmsgstr "b"\n', 6, "msgstr without msgid"),
    ("obsolete-keyword-then-active-msgstr",
     HEAD + '#~ msgid "a"\nmsgstr "b"\n', 6, "entry mixes obsolete (#~) and active lines"),
    ("active-msgid-then-obsolete-msgstr",
     HEAD + 'msgid "a"\n#~ msgstr "b"\n', 6, "entry mixes obsolete (#~) and active lines"),
    ("obsolete-previous-in-active-entry",
     HEAD + '#, fuzzy\n#~| msgid "x"\nmsgid "a"\nmsgstr "b"\n', 7,
     "entry mixes obsolete (#~) and active lines"),
    ("second-header",
     HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "Language: es\\n"\n', 8,
     'a second header (msgid "")'),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(("text", "line", "message"),
                         [pytest.param(t, n, m, id=i) for i, t, n, m in MALFORMED])
def test_malformed_input_is_rejected_with_its_line(
        text: str, line: int, message: str, newline: str) -> None:
    with pytest.raises(PoSyntaxError) as info:
        parse_po(text.replace("\n", newline), "locale/es/x.po")
    exc = info.value
    assert exc.line == line, exc.message
    assert message in exc.message
    assert exc.path == "locale/es/x.po"
    assert str(exc).startswith(f"locale/es/x.po:{line}: ")


# Other charsets, and headers GNU reads though they are not one field a line: see
# test_po_real_headers.py.
MALFORMED_BYTES: list[tuple[str, bytes, int, str]] = [
    ("invalid-utf8-byte",
     b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
     b'msgid "coffee"\nmsgstr "caf\xff"\n', 6, "0xff"),
    ("invalid-utf8-byte-column",
     b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "caf\xc3\xa9 \xfe"\n', 5,
     "invalid UTF-8 byte 0xfe at column 15"),
    ("truncated-utf8-sequence",
     b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "\xe2\x80"\n', 5, "invalid UTF-8 byte 0xe2"),
    ("nul-byte",
     b'msgid ""\nmsgstr ""\n\nmsgid "a\x00"\nmsgstr "b"\n', 4, "NUL byte"),
    ("binary-mo-file",
     b"\xde\x12\x04\x95\x00\x00\x00\x00\x02\x00\x00\x00\x1c\x00\x00\x00", 1, "binary file"),
]


@pytest.mark.parametrize(("data", "line", "message"),
                         [pytest.param(d, n, m, id=i) for i, d, n, m in MALFORMED_BYTES])
def test_undecodable_bytes_are_rejected_with_their_line(
        data: bytes, line: int, message: str) -> None:
    with pytest.raises(PoSyntaxError) as info:
        decode_po_bytes(data, "x.po")
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"x.po:{line}: ")


def test_template_charset_placeholder_is_accepted() -> None:
    data = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n'
    assert parse_po(decode_po_bytes(data, "x.pot"), "x.pot").header_value(
        "Content-Type") == "text/plain; charset=CHARSET"


# --------------------------------------------------------------------------------------
# Accepted variations: CRLF, BOM, entries without blank lines between them.
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ROUND_TRIP_SAMPLES))
def test_crlf_line_endings_are_accepted(name: str) -> None:
    text = ROUND_TRIP_SAMPLES[name]
    crlf = text.replace("\n", "\r\n")
    assert "\r" not in text
    expected = parse_po(text, "x.po")
    assert parse_po(crlf, "x.po") == expected
    assert parse_po(decode_po_bytes(crlf.encode(), "x.po"), "x.po") == expected
    assert format_po(parse_po(crlf, "x.po")) == text


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_utf8_bom_is_accepted(newline: str) -> None:
    text = SAMPLE_MULTILINGUAL.replace("\n", newline)
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    decoded = decode_po_bytes(data, "x.po")
    assert not decoded.startswith("\ufeff")
    catalog = parse_po(decoded, "x.po")
    assert catalog == parse_po(SAMPLE_MULTILINGUAL, "x.po")
    assert format_po(catalog) == SAMPLE_MULTILINGUAL
    assert catalog.messages[0].line == 9


def test_error_lines_count_from_the_first_line_after_a_bom() -> None:
    data = b"\xef\xbb\xbf" + (HEAD + 'msgid "a"\nmsgstr "b\\q"\n').encode()
    with pytest.raises(PoSyntaxError) as info:
        parse_po(decode_po_bytes(data, "x.po"), "x.po")
    assert info.value.line == 6


def test_context_none_and_empty_are_different_messages() -> None:
    text = HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgctxt ""\nmsgid "a"\nmsgstr "c"\n'
    catalog = parse_po(text, "x.po")
    assert [m.key for m in catalog.messages] == [MessageKey(None, "a"), MessageKey("", "a")]


def test_same_msgid_in_different_contexts_is_not_a_duplicate() -> None:
    text = HEAD + 'msgctxt "s1"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "s2"\nmsgid "a"\nmsgstr "c"\n'
    assert len(parse_po(text, "x.po").messages) == 2


@pytest.mark.parametrize("body", [
    # GNU gettext does not need blank lines between entries.
    pytest.param('msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\n', id="active-active"),
    pytest.param('msgid "a"\nmsgstr "b"\n#, fuzzy\nmsgid "c"\nmsgstr "d"\n',
                 id="active-comment-active"),
    pytest.param('#~ msgid "a"\n#~ msgstr "b"\n#~ msgid "c"\n#~ msgstr "d"\n',
                 id="obsolete-obsolete"),
    pytest.param('msgid "a"\nmsgstr "b"\n#~ msgid "c"\n#~ msgstr "d"\n', id="active-obsolete"),
])
def test_entries_need_no_blank_line_between_them(body: str) -> None:
    catalog = parse_po(HEAD + body, "x.po")
    assert [(m.msgid, m.msgstr[0]) for m in catalog.messages + catalog.obsolete] == [
        ("a", "b"), ("c", "d")]


@pytest.mark.parametrize(("body", "line"), [
    # GNU msgfmt: "missing 'msgstr' section" / "syntax error": a comment line (including
    # `#|` previous) cannot sit between msgid and msgstr.
    pytest.param('msgid "a"\n# note\nmsgstr "b"\n', 6, id="comment-between-msgid-and-msgstr"),
    pytest.param('#, fuzzy\nmsgid "a"\n#| msgid "old"\nmsgstr "b"\n', 7,
                 id="previous-after-msgid"),
])
def test_comment_lines_inside_an_entry_are_rejected(body: str, line: int) -> None:
    with pytest.raises(PoSyntaxError) as info:
        parse_po(HEAD + body, "x.po")
    assert info.value.line == line


def test_empty_text_is_an_empty_catalog() -> None:
    assert parse_po("", "x.po") == Catalog()
