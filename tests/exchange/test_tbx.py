"""Issue 16, item 4: the glossary as a TBX termbase and back (calcii18n.exchange.tbx).

Export writes TBX 2019 TBX-Basic (or the 2008 <martif> form); import reads both, and
what other tools write (translate-toolkit, Weblate, TermWeb, TBX-Default). The round trip
glossary -> TBX -> glossary loses nothing of term, status and note; bad input is one
`path:line` error and no glossary.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import tbx as tt_tbx

from calcii18n.errors import Calcii18nError
from calcii18n.exchange.tbx import TBX_NS, glossary_to_tbx, tbx_to_glossary
from calcii18n.glossary import Concept, Glossary, LocaleTerms, parse_glossary
from calcii18n.project.termbase import canonical, to_toml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STS = LocaleTerms("es", "tiosulfato de sodio", admitted=("STS",), deprecated=("tiosulfato",),
                  forbidden=("hiposulfito",), note="Siempre el nombre completo.")
GLOSSARY = Glossary(("CUA", "Sensipar"), concepts=(
    Concept("sodium thiosulfate", (STS, LocaleTerms("zh_Hans", "硫代硫酸钠")),
            note="Given into a vein during dialysis."),
    Concept("calciphylaxis", (LocaleTerms("fr", forbidden=("calcinose",)),)),
))


def statuses(root: etree._Element, ns: str, lang_name: str, term_name: str,
             code: str) -> list[tuple[str, str]]:
    [section] = [s for s in root.iter(f"{ns}{lang_name}") if s.get(XML_LANG) == code]
    return [(t.findtext(f"{ns}term") or "", t.findtext(f"{ns}termNote") or "")
            for t in section.findall(f"{ns}{term_name}")]


# --- out -------------------------------------------------------------------------------


def test_export_is_tbx_2019_tbx_basic_with_the_mapping_table() -> None:
    root = etree.fromstring(glossary_to_tbx(GLOSSARY))
    ns = f"{{{TBX_NS}}}"
    assert root.tag == f"{ns}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca",
                                                                          "en")
    assert statuses(root, ns, "langSec", "termSec", "es") == [
        ("tiosulfato de sodio", "preferredTerm-admn-sts"), ("STS", "admittedTerm-admn-sts"),
        ("tiosulfato", "supersededTerm-admn-sts"), ("hiposulfito", "deprecatedTerm-admn-sts")]
    assert statuses(root, ns, "langSec", "termSec", "zh-Hans") == [
        ("硫代硫酸钠", "preferredTerm-admn-sts")]
    entries = root.findall(f".//{ns}conceptEntry")
    assert [e.get("id") for e in entries] == ["dnt1", "dnt2", "c1", "c2"]
    dnt = entries[0]
    assert [(d.get("type"), d.text) for d in dnt.findall(f"{ns}descrip")] == [
        ("Translation needed", "No")]
    assert [s.get(XML_LANG) for s in dnt.findall(f"{ns}langSec")] == ["en"]
    assert entries[2].findtext(f"{ns}note") == "Given into a vein during dialysis."
    spanish = entries[2].findall(f"{ns}langSec")[1]
    assert spanish.findtext(f"{ns}note") == "Siempre el nombre completo."


def read_by_translate_toolkit(data: bytes) -> tt_tbx.tbxfile:
    """The file as translate-toolkit reads it, through what every version from 3.17 (our
    lower bound) has: 3.20 added parsestring's languages and term-level reading."""
    store = tt_tbx.tbxfile(io.BytesIO(data))
    store.setsourcelanguage("en")
    store.settargetlanguage("es")
    return store


def test_export_2008_is_martif_that_translate_toolkit_reads() -> None:
    data = glossary_to_tbx(GLOSSARY, legacy=True)
    root = etree.fromstring(data)
    assert (root.tag, root.get("type")) == ("martif", "TBX-Basic")
    units = {unit.source: unit for unit in read_by_translate_toolkit(data).units}
    assert list(units) == ["CUA", "Sensipar", "sodium thiosulfate", "calciphylaxis"]
    assert not units["CUA"].istranslatable()  # "Translation needed: No"
    sts = units["sodium thiosulfate"]
    assert sts.istranslatable()
    assert (sts.gettarget("es"), sts.gettarget("zh-Hans")) == ("tiosulfato de sodio",
                                                               "硫代硫酸钠")
    assert sts.getnotes() == "Given into a vein during dialysis.\nSiempre el nombre completo."
    assert units["calciphylaxis"].gettarget("es") is None


@pytest.mark.skipif(not hasattr(tt_tbx.tbxunit, "get_target_terms"),
                    reason="translate-toolkit before 3.20 reads a langSet's first term only")
def test_translate_toolkit_reads_every_term_with_its_status() -> None:
    store = read_by_translate_toolkit(glossary_to_tbx(GLOSSARY, legacy=True))
    units = {unit.source: unit for unit in store.units}
    terms = units["sodium thiosulfate"].get_target_terms("es")
    assert [(t.text, t.administrative_status, t.deprecated) for t in terms] == [
        ("tiosulfato de sodio", "preferredTerm-admn-sts", False),
        ("STS", "admittedTerm-admn-sts", False),
        ("tiosulfato", "supersededTerm-admn-sts", False),
        ("hiposulfito", "deprecatedTerm-admn-sts", True)]
    notes = units["sodium thiosulfate"].get_common_notes(source=True)
    assert [n.text for n in notes] == ["Given into a vein during dialysis."]


def test_export_refuses_text_xml_cannot_carry() -> None:
    with pytest.raises(Calcii18nError, match="control character XML cannot carry"):
        glossary_to_tbx(Glossary(("bad\x00term",)))


# --- round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("legacy", [False, True])
def test_round_trip_keeps_every_term_status_and_note(legacy: bool) -> None:
    read = tbx_to_glossary(glossary_to_tbx(GLOSSARY, legacy=legacy), "g.tbx")
    assert read.glossary == GLOSSARY
    assert (read.entries, read.left_out) == (4, ())


_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                       exclude_characters="\ufffe\uffff")
TERM = st.text(_CHARS, min_size=1, max_size=10).map(str.strip).filter(bool)
NOTE = st.text(st.one_of(_CHARS, st.sampled_from("\n\t")), max_size=20).map(str.strip)
CODES = ("es", "es_MX", "fr", "de", "zh_Hans", "ar", "pt_BR", "fi", "tl")


@st.composite
def locale_terms(draw: st.DrawFn, code: str) -> LocaleTerms:
    terms = draw(st.lists(TERM, min_size=1, max_size=5, unique_by=str.casefold))
    first = terms.pop(0) if draw(st.booleans()) else ""
    kinds = draw(st.lists(st.sampled_from(("admitted", "deprecated", "forbidden")),
                          min_size=len(terms), max_size=len(terms)))
    by = {kind: tuple(t for t, k in zip(terms, kinds, strict=True) if k == kind)
          for kind in ("admitted", "deprecated", "forbidden")}
    if not first and not terms:
        first = "x"
    return LocaleTerms(code, first, by["admitted"], by["deprecated"], by["forbidden"],
                       draw(NOTE))


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    english = draw(st.lists(TERM, max_size=4, unique_by=str.casefold))
    concepts = []
    for term in english:
        codes = draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))
        concepts.append(Concept(term, tuple(draw(locale_terms(code)) for code in codes),
                                draw(NOTE)))
    translated = {c.english.casefold() for c in concepts if any(e.accepted() for e in c.locales)}
    keep = draw(st.lists(TERM.filter(lambda t: t.casefold() not in translated), max_size=3,
                         unique=True))  # a kept term may have a concept, but no translation
    return Glossary(tuple(keep), concepts=tuple(concepts))


@settings(max_examples=80, deadline=None)
@given(glossaries(), st.booleans())
def test_round_trip_is_lossless_for_any_glossary(glossary: Glossary, legacy: bool) -> None:
    assert tbx_to_glossary(glossary_to_tbx(glossary, legacy=legacy), "g.tbx").glossary == (
        glossary)


@settings(max_examples=80, deadline=None)
@given(glossaries())
def test_the_toml_written_reads_back_as_the_same_glossary(glossary: Glossary) -> None:
    assert parse_glossary(to_toml(glossary), "locale/glossary.toml") == canonical(glossary)


def test_a_do_not_translate_term_with_a_note_or_forbidden_terms_goes_both_ways() -> None:
    """Nothing to contradict: keep "CUA", and never write "AUC" for it."""
    glossary = Glossary(("CUA",), concepts=(
        Concept("CUA", (LocaleTerms("es", forbidden=("AUC",)),), note="Calciphylaxis."),))
    for legacy in (False, True):
        assert tbx_to_glossary(glossary_to_tbx(glossary, legacy=legacy), "g.tbx").glossary == (
            glossary)
    assert parse_glossary(to_toml(glossary), "g.toml") == glossary


def test_inflected_is_the_projects_and_stays_out_of_the_termbase() -> None:
    data = glossary_to_tbx(Glossary(terms=(("dialysis", (("fi", "dialyysi"),)),),
                                    inflected=("fi",)))
    assert b"inflected" not in data
    assert tbx_to_glossary(data, "g.tbx").glossary.inflected == ()


# --- in: what other tools write ---------------------------------------------------------


def martif(*entries: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<martif type="TBX" '
            f'xml:lang="en"><text><body>\n' + "\n".join(entries)
            + "\n</body></text></martif>\n").encode()


def entry(*lang_sets: str, extra: str = "") -> str:
    return f"<termEntry>{extra}{''.join(lang_sets)}</termEntry>"


def lang(code: str, *tigs: str, extra: str = "") -> str:
    return f'<langSet xml:lang="{code}">{extra}{"".join(tigs)}</langSet>'


def tig(term: str, status: str | None = None, kind: str = "administrativeStatus") -> str:
    note = f'<termNote type="{kind}">{status}</termNote>' if status else ""
    return f"<tig><term>{term}</term>{note}</tig>"


@pytest.mark.parametrize(("value", "status"), [
    ("preferredTerm-admn-sts", "preferred"), ("admittedTerm-admn-sts", "admitted"),
    ("supersededTerm-admn-sts", "deprecated"), ("deprecatedTerm-admn-sts", "forbidden"),
    ("forbidden", "forbidden"), ("obsolete", "deprecated"), ("notRecommended", "deprecated"),
    ("standardizedTerm-admn-sts", "preferred"), ("legalTerm-admn-sts", "admitted"),
    ("Deprecated Term", "forbidden"), ("ADMITTED", "admitted"),
])
def test_administrative_statuses_other_tools_write(value: str, status: str) -> None:
    data = martif(entry(lang("en", tig("dialysis")),
                        lang("es", tig("hemodiálisis", value))))
    [concept] = tbx_to_glossary(data, "t.tbx").glossary.concepts
    assert dict((t, s) for t, s in concept.locales[0].by_status())["hemodiálisis"] == status


def test_normative_authorization_and_dct_style_and_ntig() -> None:
    data = (b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns'
            b'/basic" type="TBX-Basic" style="dct"><text><body><conceptEntry id="c1">'
            b'<langSec xml:lang="en"><termSec><term>dialysis</term></termSec></langSec>'
            b'<langSec xml:lang="es"><termSec><term>di\xc3\xa1lisis</term>'
            b"<basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus>"
            b"</termSec></langSec></conceptEntry></body></text></tbx>")
    assert tbx_to_glossary(data, "t.tbx").glossary.required("es") == [("dialysis",
                                                                         "diálisis")]
    data = martif(entry(lang("en", "<ntig><termGrp><term>dialysis</term></termGrp></ntig>"),
                        lang("de", tig("Dialyse", "deprecatedTerm", "normativeAuthorization"),
                             tig("Blutwäsche"))))
    [concept] = tbx_to_glossary(data, "t.tbx").glossary.concepts
    assert concept.locales == (LocaleTerms("de", "Blutwäsche", forbidden=("Dialyse",)),)


def test_unmarked_terms_and_a_second_preferred_term() -> None:
    data = martif(entry(lang("en-US", tig("dialysis")),
                        lang("es-ES", tig("diálisis"), tig("hemodiálisis"),
                             tig("DP", "preferredTerm-admn-sts"), "<tig><term/></tig>"),
                        lang("fr", tig("dialyse", "preferredTerm-admn-sts"),
                             tig("\n   épuration\n   extrarénale\n  "),
                             tig("épuration", "preferredTerm-admn-sts"))))
    [concept] = tbx_to_glossary(data, "t.tbx").glossary.concepts
    assert concept.locales == (
        LocaleTerms("es_ES", "DP", admitted=("diálisis", "hemodiálisis")),
        LocaleTerms("fr", "dialyse", admitted=("épuration extrarénale", "épuration")))


def test_notes_definitions_and_do_not_translate_as_weblate_writes_them() -> None:
    data = martif(
        entry(lang("en", tig("dialysis")),
              lang("es", '<tig><term>diálisis</term><note from="translator">Hospital'
                   "</note></tig>", extra='<note from="translator">Renal</note>'),
              extra='<descrip type="definition">Cleaning the blood</descrip>'
                    '<descrip type="context">ignored</descrip>'),
        entry(lang("en", tig("Sensipar")), extra='<descrip type="Translation needed">No'
              "</descrip>"))
    read = tbx_to_glossary(data, "t.tbx")
    assert read.glossary.do_not_translate == ("Sensipar",)
    [concept] = read.glossary.concepts
    assert concept.note == "Cleaning the blood"
    assert concept.locales[0].note == "Renal\ndiálisis: Hospital"


def test_a_file_translate_toolkit_writes_imports() -> None:
    store = tt_tbx.tbxfile(sourcelanguage="en", targetlanguage="es")
    unit = store.addsourceunit("dialysis")
    unit.settarget("diálisis", lang="es")  # 3.17 writes "xx" for a target without one
    unit.addnote("Cleaning the blood", origin="definition")
    data = bytes(store)
    assert b"<!DOCTYPE martif" in data  # tt writes a DOCTYPE naming its DTD: not loaded
    [concept] = tbx_to_glossary(data, "tt.tbx").glossary.concepts
    assert concept == Concept("dialysis", (LocaleTerms("es", "diálisis"),),
                              "Cleaning the blood")


def test_what_the_glossary_cannot_hold_is_left_out_and_said() -> None:
    data = martif(entry(lang("es", tig("diálisis"))),
                  entry(lang("en", tig("dialysis"), tig("haemodialysis")),
                        lang("es", tig("diálisis"))),
                  entry(lang("en", tig("CUA")), lang("es", tig("CUA")),
                        extra='<descrip type="Translation needed">no</descrip>'))
    read = tbx_to_glossary(data, "t.tbx")
    assert read.left_out == (
        "t.tbx:3: a concept without an English term (not imported)",
        "t.tbx:4: English synonyms of 'dialysis' ('haemodialysis'): the glossary keys a "
        "concept by one English term (not imported)",
        "t.tbx:5: translations of a do-not-translate term (not imported)")
    assert read.glossary.do_not_translate == ("CUA",)
    assert [c.english for c in read.glossary.concepts] == ["dialysis"]


# --- in: refused -------------------------------------------------------------------------

BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY a "aaaaaaaaaa">\n'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">\n'
        b']>\n<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&c;'
        b"</term></termSec></langSec></conceptEntry></body></text></tbx>\n")
EXTERNAL = (b'<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">\n]>\n<martif><text><body><termEntry><langSet xml:lang="en">'
            b"<tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>\n")
REFUSED = "the file declares XML entities or a DTD of its own (refused: an agency's XLIFF, " \
          "TMX or TBX never needs one)"


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?>\n<tbx>\n<text><body>\n<conceptEntry id="c1">\n</body></text>'
     b"</tbx>\n", "t.tbx:5: not well-formed XML: Opening and ending tag mismatch: "
     "conceptEntry line 4 and body"),
    (BOMB, f"t.tbx:1: {REFUSED}"),
    (EXTERNAL, f"t.tbx:1: {REFUSED}"),
    (martif(entry(lang("en", tig("dialysis")), lang("xx", tig("x")))),
     "t.tbx:3: unknown locale 'xx': CLDR has no such language (examples: es, zh_Hans, "
     "pt_BR, ar)"),
    (martif(entry(lang("en", tig("dialysis")), lang("spanish", tig("x")))),
     "t.tbx:3: 'spanish' is not a locale code (examples: es, zh_Hans, pt_BR, ar)"),
    (martif(entry(lang("en", tig("dialysis")), "<langSet><tig><term>x</term></tig>"
                  "</langSet>")),
     "t.tbx:3: <langSet> without xml:lang: which language its terms are in is unknown"),
    (martif(entry(lang("en", tig("dialysis")), lang("es", tig("x", "approvedish")))),
     "t.tbx:3: unknown administrativeStatus 'approvedish' (known: preferredTerm-admn-sts, "
     "admittedTerm-admn-sts, supersededTerm-admn-sts, deprecatedTerm-admn-sts, and "
     "forbidden)"),
    (martif(entry(lang("en", tig("dialysis")),
                  lang("es", tig("diálisis"), tig("diálisis", "forbidden")))),
     "t.tbx:3: es: 'diálisis' is both preferred and forbidden"),
    (martif(entry(lang("en", tig("dialysis"))), entry(lang("en", tig("Dialysis")))),
     "t.tbx:4: the English term 'Dialysis' is also in the concept on line 3: the glossary "
     "keeps one entry per English term, so merge them"),
    (b"<tmx version='1.4'/>", "t.tbx:1: not a TBX file: the root element is <tmx>, not "
                              "<tbx> or <martif>"),
    (martif(entry(lang("en", tig("Dialysis")), extra='<descrip type="Translation needed">No'
                  "</descrip>"),
            entry(lang("en", tig("dialysis")), lang("de", tig("Blutwäsche", "forbidden"),
                                                    tig("Dialyse", "admitted")))),
     "t.tbx:4: 'dialysis' is translated here (de) but do-not-translate in the concept on "
     "line 3: keep it unchanged or translate it, not both"),
])
def test_bad_input_is_one_error_naming_path_and_line(data: bytes, message: str) -> None:
    with pytest.raises(Calcii18nError) as err:
        tbx_to_glossary(data, "t.tbx")
    assert str(err.value) == message
