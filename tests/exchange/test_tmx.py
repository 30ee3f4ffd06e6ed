"""TMX 1.4 as values (issue 16, item 3): another tool's memory read safely, its languages
mapped to our locale codes, its inline codes read as the text they carry; our own approved
entries written as TMX and read back."""

from __future__ import annotations

import pytest
from lxml import etree

from calcii18n.exchange.tmx import (
    TmxEntry,
    TmxMemory,
    TmxUnit,
    lookup,
    read_tmx,
    translations,
    write_tmx,
)
from calcii18n.exchange.xmlsafe import ExchangeError

PATH = "agency/memory.tmx"


def tmx(body: str, srclang: str = "en") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            f'<header creationtool="x" srclang="{srclang}" datatype="plaintext" '
            f'segtype="sentence" adminlang="en" o-tmf="x"/>\n<body>\n{body}</body>\n</tmx>\n'
            ).encode()


def tu(english: str | None, **targets: str) -> str:
    tuvs = f'<tuv xml:lang="en-US"><seg>{english}</seg></tuv>' if english is not None else ""
    tuvs += "".join(f'<tuv xml:lang="{lang.replace("_", "-")}"><seg>{text}</seg></tuv>'
                    for lang, text in targets.items())
    return f"<tu>{tuvs}</tu>\n"


def refused(data: bytes) -> str:
    with pytest.raises(ExchangeError) as caught:
        read_tmx(data, PATH)
    return str(caught.value)


# --- languages ---------------------------------------------------------------------------


def test_languages_become_our_locale_codes() -> None:
    memory = read_tmx(tmx(tu("Help", es_ES="Ayuda (ES)", zh_hans="帮助", fr="Aide")
                          + tu("Rest", es="Descanse", **{"pt-br": "Descanse (BR)"})), PATH)
    assert [dict(u.targets) for u in memory.units] == [
        {"es_ES": "Ayuda (ES)", "zh_Hans": "帮助", "fr": "Aide"},
        {"es": "Descanse", "pt_BR": "Descanse (BR)"}]
    assert memory.languages == ("es", "es_ES", "fr", "pt_BR", "zh_Hans")
    assert [u.english for u in memory.units] == ["Help", "Rest"]
    assert [u.line for u in memory.units] == [5, 6]


@pytest.mark.parametrize("srclang", ["en", "en-US", "en_GB", "EN-us", "*all*"])
def test_every_spelling_of_english_and_all_is_a_source(srclang: str) -> None:
    memory = read_tmx(tmx(tu("Help", es="Ayuda"), srclang), PATH)
    assert [(u.english, dict(u.targets)) for u in memory.units] == [("Help", {"es": "Ayuda"})]


def test_a_regional_locale_takes_its_own_then_the_bare_language() -> None:
    unit = TmxUnit("Help", {"es_MX": "Ayuda (MX)", "es": "Ayuda", "es_ES": "Ayuda (ES)"}, 1)
    assert lookup(unit, "es_MX") == "es_MX"
    assert lookup(TmxUnit("Help", {"es": "Ayuda", "es_ES": "x"}, 1), "es_MX") == "es"
    assert lookup(TmxUnit("Help", {"es_ES": "x"}, 1), "es_MX") is None  # never a sibling
    assert lookup(TmxUnit("Help", {"zh": "帮助"}, 1), "zh_Hant_TW") == "zh"
    assert lookup(TmxUnit("Help", {"zh_Hant": "幫助"}, 1), "zh_Hans") is None


def test_a_bare_locale_takes_the_one_regional_form_a_unit_has_but_never_guesses() -> None:
    assert lookup(TmxUnit("Help", {"es_ES": "Ayuda"}, 1), "es") == "es_ES"
    assert lookup(TmxUnit("Help", {"es_ES": "a", "es_MX": "b"}, 1), "es") is None
    assert lookup(TmxUnit("Help", {"es_ES": "a", "es": "b"}, 1), "es") == "es"
    assert lookup(TmxUnit("Help", {"est": "a"}, 1), "es") is None  # a prefix is no region


def test_translations_for_one_locale_count_the_units_without_it() -> None:
    memory = read_tmx(tmx(tu("Help", es_MX="Ayuda") + tu("Rest", es="Descanse")
                          + tu("Call", fr="Appelez")), PATH)
    found, missing = translations(memory, "es_MX")
    assert [(f.english, f.text, f.code) for f in found] == [
        ("Help", "Ayuda", "es_MX"), ("Rest", "Descanse", "es")]
    assert missing == 1
    assert translations(memory, "ar") == ([], 3)


# --- segments and units --------------------------------------------------------------------


def test_inline_codes_are_the_native_code_they_carry_and_hi_its_text() -> None:
    seg = ('Call <ph x="1">{clinic_phone}</ph> <bpt i="1">**</bpt>today<ept i="1">**</ept>'
           ' if <hi type="x">the <it pos="begin">_</it>pain</hi> gets worse'
           '<ut>&lt;br/&gt;</ut><ph>![<sub>a photo</sub>](x.png)</ph>.')
    memory = read_tmx(tmx(f'<tu><tuv xml:lang="en"><seg>{seg}</seg></tuv>'
                          f'<tuv xml:lang="es"><seg>Llame al <ph>{{clinic_phone}}</ph>'
                          '</seg></tuv></tu>\n'), PATH)
    unit = memory.units[0]
    assert unit.english == ("Call {clinic_phone} **today** if the _pain gets worse<br/>"
                            "![a photo](x.png).")
    assert unit.targets == {"es": "Llame al {clinic_phone}"}


def test_units_without_english_are_skipped_and_counted() -> None:
    body = (tu(None, es="Ayuda")  # no English at all
            + tu("", es="Vacío")  # an empty English segment
            + '<tu srclang="de"><tuv xml:lang="en"><seg>Help</seg></tuv>'
              '<tuv xml:lang="de"><seg>Hilfe</seg></tuv></tu>\n'  # English is a translation
            + '<tu><tuv xml:lang="en"/><tuv xml:lang="es"><seg>x</seg></tuv></tu>\n'  # no seg
            + tu("Rest", es="Descanse"))
    memory = read_tmx(tmx(body), PATH)
    assert memory.no_english == 4
    assert [u.english for u in memory.units] == ["Rest"]


def test_a_target_without_text_or_a_known_language_is_not_a_translation() -> None:
    body = ('<tu><tuv xml:lang="en"><seg>Help</seg></tuv><tuv xml:lang="es"><seg/></tuv>'
            '<tuv xml:lang="x-klingon"><seg>QaH</seg></tuv><tuv><seg>?</seg></tuv>'
            '<tuv lang="ar"><seg>مساعدة</seg></tuv></tu>\n')
    unit = read_tmx(tmx(body), PATH).units[0]
    assert unit.targets == {"ar": "مساعدة"}  # `lang`: TMX 1.1's attribute


def test_the_unit_in_the_header_srclang_wins_over_another_english() -> None:
    body = ('<tu><tuv xml:lang="en-GB"><seg>Colour</seg></tuv>'
            '<tuv xml:lang="en-US"><seg>Color</seg></tuv><tuv xml:lang="es"><seg>Color'
            '</seg></tuv></tu>\n')
    assert read_tmx(tmx(body, "en-US"), PATH).units[0].english == "Color"
    assert read_tmx(tmx(body, "*all*"), PATH).units[0].english == "Colour"


def test_the_files_own_status_is_kept_only_as_a_few_plain_words() -> None:
    body = ('<tu tuid="7"><prop type="x-calcii18n-status">reviewed</prop>'
            '<prop type="x-calcii18n-roles">clinical</prop>'
            '<tuv xml:lang="en"><seg>Help</seg></tuv><tuv xml:lang="es"><seg>Ayuda</seg>'
            '</tuv></tu>\n<tu><prop type="X-Status">Approved\n# fuzzy &lt;b&gt;</prop>'
            '<tuv xml:lang="en"><seg>Rest</seg></tuv></tu>\n' + tu("Call", es="Llame"))
    units = read_tmx(tmx(body), PATH).units
    assert [(u.tuid, u.status) for u in units] == [
        ("7", "reviewed"), ("", "Approved fuzzy b"), ("", "")]


# --- refused -----------------------------------------------------------------------------


def test_malformed_xml_names_the_line() -> None:
    data = tmx(tu("Help", es="Ayuda") + "<tu><tuv xml:lang='en'><seg>Rest</tuv></tu>\n")
    assert refused(data).startswith(f"{PATH}:6: not well-formed XML: ")


def test_billion_laughs_is_refused_before_anything_expands() -> None:
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY lol "lol">\n'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
            b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
            b'<seg>&lol3;</seg></tuv></tu></body></tmx>\n')
    assert refused(data).startswith(f"{PATH}:1: the file declares XML entities or a DTD")


def test_an_external_entity_is_never_read() -> None:
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]>\n<tmx version="1.4"><header srclang="en"/><body><tu>'
            b'<tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="es"><seg>x</seg></tuv>'
            b'</tu></body></tmx>\n')
    message = refused(data)
    assert message.startswith(f"{PATH}:1: the file declares XML entities or a DTD")
    assert "root:" not in message


def test_an_undeclared_entity_is_refused_with_its_line() -> None:
    data = tmx(tu("Help", es="Ayuda") + tu("Rest &nbsp; now", es="x"))
    assert refused(data) == f"{PATH}:6: not well-formed XML: Entity 'nbsp' not defined"


def test_another_root_is_not_a_tmx() -> None:
    data = b'<?xml version="1.0"?>\n\n<xliff version="1.2"><file/></xliff>\n'
    assert refused(data) == f"{PATH}:3: not a TMX file: the root element is <xliff>, not <tmx>"


@pytest.mark.parametrize("srclang", ["de-DE", "es", "", "english"])
def test_a_source_language_other_than_english_is_refused(srclang: str) -> None:
    assert refused(tmx(tu("Help", es="Ayuda"), srclang)) == (
        f"{PATH}:3: the source language is {srclang!r}, not English: calcii18n matches "
        "translations on their English")


def test_no_header_or_no_body_is_refused() -> None:
    assert refused(b'\n<tmx version="1.4">\n<body/></tmx>') == (
        f"{PATH}:2: no <header>: a TMX file names its source language there (srclang)")
    assert refused(b'<tmx version="1.4">\n<header srclang="en"/>\n</tmx>') == (
        f"{PATH}:1: no <body>: the file has no translation units")


# --- out ---------------------------------------------------------------------------------

ENTRY = TmxEntry("zh_Hans", "dose", "", "Take 1 tablet & rest.", "服用1片。", "2026-11-02",
                 "clinical", "zh_Hans:dose:1a2b3c4")


def test_write_tmx_writes_what_read_tmx_reads_back() -> None:
    data = write_tmx([ENTRY, TmxEntry("es", "dose", "how", "Help\r\n", "Ayuda", "", "",
                                      "es:dose:9")], "0.1.0")
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<tmx version=\"1.4\">")
    assert data.endswith(b"</tmx>\n")
    memory = read_tmx(data, "out.tmx")
    assert [(u.english, dict(u.targets), u.tuid, u.status) for u in memory.units] == [
        ("Take 1 tablet & rest.", {"zh_Hans": "服用1片。"}, "zh_Hans:dose:1a2b3c4", "reviewed"),
        ("Help\r\n", {"es": "Ayuda"}, "es:dose:9", "reviewed")]
    root = etree.fromstring(data)
    header = root.find("header")
    assert header is not None and header.get("srclang") == "en"
    assert header.get("creationtoolversion") == "0.1.0"
    props = {p.get("type"): p.text or "" for p in root.find("body/tu").findall("prop")}
    assert props == {"x-calcii18n-leaflet": "dose", "x-calcii18n-context": "",
                     "x-calcii18n-status": "reviewed", "x-calcii18n-reviewed": "2026-11-02",
                     "x-calcii18n-roles": "clinical"}
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in root.iter("tuv")]
    assert langs == ["en", "zh-Hans", "en", "es"]


def test_write_tmx_of_nothing_is_an_empty_body() -> None:
    memory = read_tmx(write_tmx([], "0.1.0"), "out.tmx")
    assert memory == TmxMemory("out.tmx")


def test_text_xml_cannot_carry_is_an_error_naming_the_entry() -> None:
    with pytest.raises(ExchangeError, match="entry es:dose:9: its text holds a control"):
        write_tmx([TmxEntry("es", "dose", "", "Help", "Ayu\x0bda", "", "", "es:dose:9")], "1")
