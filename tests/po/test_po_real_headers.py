r"""Catalogues other projects publish: other charsets, and headers GNU reads as one string.

Real catalogues (a web framework's, a Linux distribution's) were refused or rewritten: a
declared charset other than UTF-8 was refused outright, a header value continued on a
second line or msgcat's `#-#-#-#-#` blocks were "not 'Name: value'", and a header we did
not change was written back with its blank line dropped. GNU reads all of them: a file is
read in its declared charset (escaped bytes too) and written in UTF-8 exactly as
`msgconv -t UTF-8` writes it; a header is written back as it was read. GNU tests are marked
`gettext` and skipped without the tools.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from test_interop_gettext import assert_msgcat_fixed_point, diff, needs, read_catalog, run

from calcii18n.errors import PoSyntaxError
from calcii18n.merge import merge
from calcii18n.model import Catalog, Header, Message
from calcii18n.po.charset import declared_charset
from calcii18n.po.format import format_po
from calcii18n.po.parse import decode_po_bytes, parse_po


def po_text(charset: str, header: str, body: str, comment: str = "Translation.") -> str:
    """A catalogue declaring `charset`; `header` holds the lines before Content-Type."""
    return (f"# {comment}\nmsgid \"\"\nmsgstr \"\"\n{header}"
            f"\"Content-Type: text/plain; charset={charset}\\n\"\n"
            "\"Content-Transfer-Encoding: 8bit\\n\"\n\n" + body)


# --------------------------------------------------------------------------------------
# Other charsets: read in the declared one, written as msgconv -t UTF-8 writes them.
# --------------------------------------------------------------------------------------

LATIN1 = po_text(
    "ISO-8859-1", '"Last-Translator: René Lefèvre <r@x>\\n"\n"Language: fr\\n"\n',
    '#. café\nmsgid "Coffee"\nmsgstr "Café \\351t\\xe9"\n\n'
    'msgid "Tea"\nmsgstr "Thé"\n', "Traduction française.")
KOI8_R = po_text(
    "KOI8-R", '"Language-Team: Русский <ru@li.org>\\n"\n"Language: ru\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "\n'
    '"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n',
    'msgid "{n} file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} файл"\n'
    'msgstr[1] "{n} файла"\nmsgstr[2] "{n} \\306\\301\\312\\314\\317\\327"\n',
    "Перевод на русский.")
# Shift_JIS and Big5 have characters whose second byte is 0x5C, a backslash in ASCII:
# 表 is 0x95 0x5C, 功 is 0xA5 0x5C. Read as bytes, that would be an escape.
SHIFT_JIS = po_text("SHIFT_JIS", '"Language: ja\\n"\n',
                    'msgid "Show"\nmsgstr "表示"\n\nmsgid "Software"\nmsgstr "ソフト"\n',
                    "日本語の翻訳。")
BIG5 = po_text("BIG5", '"Language: zh_TW\\n"\n', 'msgid "Success"\nmsgstr "成功"\n', "繁體中文")
OTHERS = {
    "CP1252": po_text("CP1252", '"Language: es\\n"\n',
                      'msgid "Quote"\nmsgstr "“Señales” — 5 €"\n'),
    "EUC-JP": po_text("EUC-JP", '"Language: ja\\n"\n', 'msgid "Japanese"\nmsgstr "日本語"\n'),
    "GBK": po_text("GBK", '"Language: zh_CN\\n"\n', 'msgid "Chinese"\nmsgstr "简体中文"\n'),
    "ISO-8859-7": po_text("ISO-8859-7", '"Language: el\\n"\n',
                          'msgid "Kidney"\nmsgstr "Νεφρός"\n'),
    # ASCII is named UTF-8 too, as msgconv does (en_GB's libc.po in Debian declares it).
    "US-ASCII": po_text("US-ASCII", '"Language: en_GB\\n"\n', 'msgid "Color"\nmsgstr "Colour"\n'),
}
FILES = {"ISO-8859-1": LATIN1, "KOI8-R": KOI8_R, "SHIFT_JIS": SHIFT_JIS, "BIG5": BIG5,
         **OTHERS}


def encoded(charset: str) -> bytes:
    return FILES[charset].encode(charset)


def in_utf8(charset: str) -> str:
    """What msgconv -t UTF-8 makes of the file, by hand: only the header's charset name
    changes, and escaped bytes become the characters they are in that charset."""
    text = FILES[charset].replace(f"charset={charset}", "charset=UTF-8")
    return text.replace("\\351t\\xe9", "été").replace(
        "\\306\\301\\312\\314\\317\\327", "файлов")


def test_a_latin1_catalogue_reads_with_its_escaped_bytes() -> None:
    catalog = read_catalog(encoded("ISO-8859-1"), "fr.po")
    coffee, tea = catalog.messages
    assert coffee.msgstr == ("Café été",)  # \351 and \xe9 are é in Latin-1
    assert coffee.extracted_comments == ("café",)
    assert tea.msgstr == ("Thé",)
    assert catalog.header_value("Last-Translator") == "René Lefèvre <r@x>"
    assert catalog.header_comments == ("Traduction française.",)


def test_a_koi8r_catalogue_reads_with_its_plural_forms() -> None:
    catalog = read_catalog(encoded("KOI8-R"), "ru.po")
    (files,) = catalog.messages
    assert files.msgstr == ("{n} файл", "{n} файла", "{n} файлов")
    assert catalog.header_value("Language-Team") == "Русский <ru@li.org>"
    assert catalog.header_comments == ("Перевод на русский.",)


@pytest.mark.parametrize("charset", sorted(FILES))
def test_another_charset_is_written_in_utf8_as_msgconv_writes_it(charset: str) -> None:
    text = format_po(read_catalog(encoded(charset), "x.po"))
    assert text == in_utf8(charset), diff(text, in_utf8(charset), "expected")


def test_a_backslash_byte_inside_a_character_is_no_escape() -> None:
    assert b"\x95\\" in encoded("SHIFT_JIS") and b"\xa5\\" in encoded("BIG5")
    assert read_catalog(encoded("SHIFT_JIS"), "ja.po").messages[0].msgstr == ("表示",)
    assert read_catalog(encoded("BIG5"), "zh.po").messages[0].msgstr == ("成功",)


@needs("msgconv", "msgcat")
@pytest.mark.parametrize("charset", sorted(FILES))
def test_our_utf8_equals_msgconv(charset: str, tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(encoded(charset))
    theirs = run("msgconv", "-t", "UTF-8", path).decode("utf-8")
    ours = format_po(read_catalog(encoded(charset), "x.po"))
    assert ours == theirs, diff(ours, theirs, "msgconv -t UTF-8")
    assert_msgcat_fixed_point(ours, tmp_path / "ours.po")


def test_the_declared_charset_is_the_headers_first() -> None:
    """GNU reads the first `charset=` of the header's msgstr, nothing before or after."""
    first = po_text("ISO-8859-1", '"X-Note: charset=KOI8-R comes second\\n"\n', "")
    assert declared_charset(first.replace("Content-Type", "A")) == "KOI8-R"
    assert declared_charset("# charset=KOI8-R in a comment\n" + LATIN1) == "ISO-8859-1"
    no_header = 'msgid "a"\nmsgstr "charset=KOI8-R"\n'
    assert declared_charset(no_header) is None
    assert parse_po(no_header, "x.po").messages[0].msgstr == ("charset=KOI8-R",)


def test_the_placeholder_charset_is_kept() -> None:
    """xgettext's CHARSET in a template nobody has translated is no charset to convert."""
    header = Catalog((("Content-Type", "text/plain; charset=CHARSET"),))
    assert '"Content-Type: text/plain; charset=CHARSET\\n"' in format_po(header)


@pytest.mark.parametrize(("data", "line", "message"), [
    pytest.param(po_text("CP1252", '"Language: es\\n"\n', 'msgid "a"\nmsgstr "x\x81"\n')
                 .encode("latin-1"), 9, "invalid CP1252 byte 0x81 at column 10", id="cp1252"),
    pytest.param(po_text("EUC-JP", "", 'msgid "a"\nmsgstr ""\n"\xa4"\n').encode("latin-1"),
                 9, "invalid EUC-JP byte 0xa4 at column 2", id="euc-jp-truncated"),
    pytest.param(po_text("EUC-JP", "", 'msgid "a"\nmsgstr ""\n"ok"\n"\\244"\n')
                 .encode("latin-1"), 10, "escaped bytes \\244 are not valid EUC-JP",
                 id="euc-jp-escaped"),
    pytest.param(po_text("X-KLINGON", '"Language: tlh\\n"\n', "").encode(), 5,
                 "unknown charset 'X-KLINGON' in the header", id="unknown"),
    pytest.param(po_text("UTF-16", "", "").encode(), 4,
                 "charset 'UTF-16' cannot hold a PO file", id="not-ascii-compatible"),
    pytest.param(po_text("unicode_escape", "", "").encode(), 4,
                 "charset 'unicode_escape' cannot hold a PO file", id="escapes-codec"),
    pytest.param(po_text("base64", "", "").encode(), 4,
                 "charset 'base64' cannot hold a PO file", id="not-a-text-codec"),
])
def test_a_bad_charset_or_byte_is_an_error_on_its_line(data: bytes, line: int,
                                                       message: str) -> None:
    with pytest.raises(PoSyntaxError) as info:
        read_catalog(data, "x.po")
    assert (info.value.line, info.value.path) == (line, "x.po")
    assert message in info.value.message, info.value.message


def test_an_unknown_charset_in_text_is_an_error_too() -> None:
    with pytest.raises(PoSyntaxError, match="unknown charset 'X-KLINGON'") as info:
        parse_po(po_text("X-KLINGON", "", ""), "x.po")
    assert info.value.line == 4


# --------------------------------------------------------------------------------------
# Headers as GNU reads them: one string, fields found by "Name:" at a line's start.
# --------------------------------------------------------------------------------------

# A value continued on an indented line, and a stray line (as in gtk30's az.po) that is
# no field: GNU finds fields by "Name:" and `plural=` anywhere in the header.
CONTINUED = po_text("UTF-8", (
    '"Project-Id-Version: overview 1\\n"\n'
    '"Language-Team: Spanish\\n"\n'
    '" <es@li.org>\\n"\n'
    '"Language: es\\n"\n'
    '"net>\\n"\n'
    '"Plural-Forms: nplurals=2;\\n"\n'
    '"\\tplural=(n != 1);\\n"\n'),
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "bs"\n')
KEPT = po_text("UTF-8", (
    '"Project-Id-Version: overview 1\\n"\n'
    '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
    '"Last-Translator: Ana  Ruiz <a@x>\\n"\n'
    '"\\n"\n'
    '"Language:es\\n"\n'
    '"X-Odd-Spacing:   kept as it is   \\n"\n'
    '"MIME-Version: 1.0\\n"\n'), 'msgid "a"\nmsgstr "b"\n')
# msgcat a.po b.po with different headers, as GNU 0.21 writes it (made again by a test).
MERGED = '''# #-#-#-#-#  a.po (a 1)  #-#-#-#-#
# Spanish.
# #-#-#-#-#  b.po (b 2)  #-#-#-#-#
# Spanish too.
#, fuzzy
msgid ""
msgstr ""
"#-#-#-#-#  a.po (a 1)  #-#-#-#-#\\n"
"Project-Id-Version: a 1\\n"
"Last-Translator: Ana  Ruiz <a@x>\\n"
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"#-#-#-#-#  b.po (b 2)  #-#-#-#-#\\n"
"Project-Id-Version: b 2\\n"
"Last-Translator: Bea Gil <b@x>\\n"
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "One"
msgstr "Uno"

msgid "Two"
msgstr "Dos"
'''
HEADERS = {"continued": CONTINUED, "kept": KEPT, "merged": MERGED}


def test_a_continued_value_reads_as_its_lines_joined() -> None:
    catalog = parse_po(CONTINUED, "es.po")
    assert catalog.header_value("Language-Team") == "Spanish <es@li.org>"
    assert catalog.header_value("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert catalog.header_value("Language") == "es"  # the stray line is no part of it
    assert len(catalog.header) == 6


@needs("msgfmt")
def test_gnu_reads_the_continued_plural_forms_too(tmp_path: Path) -> None:
    path = tmp_path / "es.po"
    path.write_text(CONTINUED, encoding="utf-8")
    run("msgfmt", "-c", "-o", tmp_path / "es.mo", path)


def test_a_merged_header_reads_its_first_block_first() -> None:
    """Names come twice: the first counts, as for GNU's lookup (and for the charset)."""
    catalog = parse_po(MERGED, "es.po")
    assert catalog.header_value("Project-Id-Version") == "a 1"
    assert catalog.header_value("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert [name for name, _ in catalog.header].count("Language") == 2
    assert catalog.header_flags == ("fuzzy",)
    assert [m.msgid for m in catalog.messages] == ["One", "Two"]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_a_header_we_do_not_change_is_written_as_read(name: str) -> None:
    text = HEADERS[name]
    assert format_po(parse_po(text, "x.po")) == text
    assert format_po(read_catalog(text.encode("utf-8"), "x.po")) == text


def test_odd_spacing_reads_as_the_value() -> None:
    catalog = parse_po(KEPT, "x.po")
    assert catalog.header_value("Last-Translator") == "Ana  Ruiz <a@x>"
    assert catalog.header_value("language") == "es"
    assert catalog.header_value("X-Odd-Spacing") == "kept as it is"


def text_of(catalog: Catalog) -> str:
    header = catalog.header
    assert isinstance(header, Header)
    return header.text


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_update_changes_only_the_lines_it_sets(name: str) -> None:
    """merge sets Project-Id-Version and POT-Creation-Date from the template (as msgmerge
    does); every other line of the header stays as the translator's tools wrote it, and a
    second update changes nothing."""
    po = parse_po(HEADERS[name], "x.po")
    template = Catalog((("Project-Id-Version", "overview 2"),
                        ("POT-Creation-Date", "2030-01-01 00:00+0000")),
                       messages=tuple(Message(m.msgid) for m in po.messages))
    expected = text_of(po)
    for field, value in template.header:
        old = next((line for line in expected.split("\n") if line.startswith(f"{field}:")), None)
        expected = (expected.replace(old, f"{field}: {value}", 1) if old is not None
                    else f"{expected}{field}: {value}\n")
    updated = merge(po, template).catalog
    assert text_of(updated) == expected
    result = format_po(updated)
    assert format_po(merge(parse_po(result, "x.po"), template).catalog) == result


def test_with_header_keeps_the_text_unless_the_value_changes() -> None:
    catalog = parse_po(KEPT, "x.po")
    assert catalog.with_header("last-translator", "Ana  Ruiz <a@x>") is catalog
    changed = catalog.with_header("Last-Translator", "Bea Gil <b@x>")
    assert text_of(changed) == text_of(catalog).replace("Ana  Ruiz <a@x>", "Bea Gil <b@x>")
    added = catalog.with_header("X-Generator", "calcii18n")
    assert text_of(added).endswith("8bit\nX-Generator: calcii18n\n")


def test_a_header_survives_pickling_for_worker_processes() -> None:
    catalog = parse_po(MERGED, "es.po")
    back = pickle.loads(pickle.dumps(catalog))
    assert back == catalog and text_of(back) == text_of(catalog)


@needs("msgcat")
@pytest.mark.parametrize("name", sorted(HEADERS))
def test_headers_gnu_leaves_alone_we_leave_alone(name: str, tmp_path: Path) -> None:
    assert_msgcat_fixed_point(HEADERS[name], tmp_path / "x.po")
    assert format_po(parse_po(HEADERS[name], "x.po")) == HEADERS[name]


@needs("msgcat")
def test_msgcat_merged_headers_read_and_round_trip(tmp_path: Path) -> None:
    first, second = tmp_path / "a.po", tmp_path / "b.po"
    first.write_text(po_text("UTF-8", '"Project-Id-Version: a 1\\n"\n'
                                      '"Last-Translator: Ana  Ruiz <a@x>\\n"\n"\\n"\n',
                             'msgid "One"\nmsgstr "Uno"\n', "Spanish."), encoding="utf-8")
    second.write_text(po_text("UTF-8", '"Project-Id-Version: b 2\\n"\n'
                                       '"Last-Translator: Bea Gil <b@x>\\n"\n',
                              'msgid "Two"\nmsgstr "Dos"\n', "Spanish too."), encoding="utf-8")
    merged = run("msgcat", first, second)
    assert b"#-#-#-#-#  a.po (a 1)  #-#-#-#-#" in merged
    catalog = read_catalog(merged, "merged.po")
    assert catalog.header_value("Project-Id-Version") == "a 1"
    assert format_po(catalog).encode("utf-8") == merged


@needs("msgconv")
def test_a_merged_header_declaring_two_charsets_converts_the_first(tmp_path: Path) -> None:
    """msgconv changes the first `charset=` only, the one it read the file in."""
    text = MERGED.replace("charset=UTF-8", "charset=ISO-8859-1", 1).replace(
        '"Uno"', '"Uno é"')
    path = tmp_path / "x.po"
    path.write_bytes(text.encode("latin-1"))
    theirs = run("msgconv", "-t", "UTF-8", path).decode("utf-8")
    ours = format_po(read_catalog(text.encode("latin-1"), "x.po"))
    assert ours == theirs == MERGED.replace('"Uno"', '"Uno é"')


def test_decode_po_bytes_converts_to_text_once() -> None:
    assert decode_po_bytes(encoded("KOI8-R"), "ru.po") == KOI8_R
