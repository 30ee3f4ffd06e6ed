"""Every PDF is PDF/UA-1 (issue 17, item 1): a structure tree with the headings in order,
lists as L > LI > (Lbl, LBody), the callout as a section, /Lang on every part in another
language than the page, the running footer and the draft banner as pagination artifacts,
and nothing on a page that is neither in the tree nor an artifact.

The tree is walked with pikepdf. `pdfua` is a smoke check only: it checks a few of the
rules, and the tree walk here is stricter (it also finds content whose structure element
hangs outside the tree, which is what WeasyPrint alone writes for page margins)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from test_render import fill

from calcii18n.errors import Calcii18nError
from calcii18n.leaflet.templates import defaults_folder
from calcii18n.publish import tagging

from helpers import run_cli, team

ROOT = Path(__file__).parents[2]
LEAFLET = """\
---
id: dose
title: Your medicine
revision: 2
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## How to take it {#how}

Take 1 tablet with your evening meal.

### If you forget

Take it the next evening.

- Keep it dry.
- Keep it cool.

## Help {#help}

> Call {clinic_phone} if you feel unwell.
"""
ES = {"Your medicine": "Su medicamento", "How to take it": "Cómo tomarlo",
      "Take 1 tablet with your evening meal.": "Tome 1 comprimido con la cena.",
      "If you forget": "Si se olvida", "Take it the next evening.": "Tómelo la noche siguiente.",
      "Keep it dry.": "Manténgalo seco.", "Keep it cool.": "Manténgalo fresco.",
      "Help": "Ayuda",
      "Call {clinic_phone} if you feel unwell.": "Llame al {clinic_phone} si se siente mal."}
# "Take it the next evening." stays untranslated: the draft prints it in English.
AR = {"Your medicine": "دواؤك", "How to take it": "كيف تتناوله",
      "Take 1 tablet with your evening meal.": "تناول 1 قرص مع وجبة العشاء.",
      "If you forget": "إذا نسيت",
      "Keep it dry.": "احفظه جافًا.", "Keep it cool.": "احفظه باردًا.", "Help": "المساعدة",
      "Call {clinic_phone} if you feel unwell.": "اتصل على {clinic_phone} إذا شعرت بتوعك."}
UI = {"es": {"Page %(page)s of %(pages)s": "Página %(page)s de %(pages)s",
             "Translated from English revision %(revision)s (%(date)s)":
                 "Traducido de la revisión en inglés %(revision)s (%(date)s)",
             "Translation reviewed %(date)s": "Traducción revisada el %(date)s",
             "Next review due %(date)s": "Próxima revisión: %(date)s",
             "Your clinic": "Su clínica", "Phone": "Teléfono", "Emergency": "Urgencias"},
      "ar": {"Page %(page)s of %(pages)s": "صفحة %(page)s من %(pages)s",
             "Translated from English revision %(revision)s (%(date)s)":
                 "مترجم من المراجعة الإنجليزية %(revision)s (%(date)s)",
             "Next review due %(date)s": "المراجعة القادمة %(date)s",
             "Your clinic": "عيادتك", "Phone": "الهاتف", "Emergency": "الطوارئ"}}
PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh",
         "BI"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with Spanish reviewed (leaflet and ui) and Arabic translated but for one
    block, rendered: es final, ar as a bilingual draft, and an Arabic review sheet."""
    project = tmp_path_factory.mktemp("tagged") / "project"
    for folder in ("sources", "templates"):
        (project / folder).mkdir(parents=True)
    (project / "sources" / "dose.md").write_text(LEAFLET, encoding="utf-8")
    for name in ("leaflet.html.j2", "print.css"):
        shutil.copy(defaults_folder() / name, project / "templates" / name)
    shutil.copy(ROOT / "clinic.example.toml", project / "clinic.example.toml")
    (project / "calcii18n.toml").write_text('locales = ["es", "ar"]\n')
    keys = team(project)
    run_cli(project, "extract")
    for code, table in (("es", ES), ("ar", AR)):
        run_cli(project, "init", code)
        folder = project / "locale" / code / "LC_MESSAGES"
        fill(folder / "dose.po", table)
        fill(folder / "ui.po", UI[code])
    for domain in ("dose", "ui"):
        run_cli(project, "review", "approve", "es", domain, "--all-translated", "--yes",
                "--key", str(keys["rita"]))
    assert "es/dose: final" in run_cli(project, "render", "es")
    run_cli(project, "render", "ar", "--draft", "--bilingual")
    run_cli(project, "review", "sheet", "ar", "dose", "-o", str(project / "sheet.pdf"))
    return project


@pytest.fixture(scope="module")
def arabic(built: Path) -> Iterator[Tagged]:
    with pikepdf.open(built / "build" / "ar" / "dose.pdf") as pdf:
        yield Tagged.read(pdf)


@pytest.fixture(scope="module")
def spanish(built: Path) -> Iterator[Tagged]:
    with pikepdf.open(built / "build" / "es" / "dose.pdf") as pdf:
        yield Tagged.read(pdf)


@dataclass
class Node:
    """One structure element: its type, its /Lang, the language it inherits, its parent."""

    obj: Any
    role: str
    lang: str | None
    effective: str
    parent: Node | None
    kids: list[Node] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)

    def ancestors(self) -> list[str]:
        return [] if self.parent is None else [self.parent.role, *self.parent.ancestors()]

    def all_mcids(self) -> list[tuple[int, int]]:
        return self.mcids + [m for kid in self.kids for m in kid.all_mcids()]


@dataclass
class Content:
    """What the pages' content streams mark: per MCID the text drawn in it, the artifacts'
    properties, and paint operators outside any marked content."""

    text: dict[tuple[int, int], str] = field(default_factory=dict)
    mcids: list[tuple[int, int]] = field(default_factory=list)
    artifacts: list[dict[str, str]] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)
    nested: list[str] = field(default_factory=list)


@dataclass
class Tagged:
    pdf: Any
    nodes: list[Node]  # in tree order
    content: Content

    @classmethod
    def read(cls, pdf: Any) -> Tagged:
        nodes: list[Node] = []
        pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
        catalog = str(pdf.Root.Lang)
        root = pdf.Root.StructTreeRoot
        for kid in _kids(root):
            _walk(kid, None, catalog, None, pages, nodes)
        return cls(pdf, nodes, _content(pdf))

    def roles(self, *wanted: str) -> list[Node]:
        return [n for n in self.nodes if n.role in wanted]

    def text(self, node: Node) -> str:
        """A node's text without spaces (lines break anywhere)."""
        return "".join(self.content.text.get(m, "") for m in node.all_mcids()).replace(" ", "")


def _kids(obj: Any) -> list[Any]:
    kids = obj.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(obj: Any, parent: Node | None, inherited: str, page: Any,
          pages: dict[Any, int], nodes: list[Node]) -> None:
    lang = obj.get("/Lang")
    node = Node(obj, str(obj.S), None if lang is None else str(lang),
                inherited if lang is None else str(lang), parent)
    nodes.append(node)
    if parent is not None:
        parent.kids.append(node)
    page = obj.get("/Pg", page)
    for kid in _kids(obj):
        if isinstance(kid, int):
            node.mcids.append((pages[page.objgen], int(kid)))
        elif kid.get("/Type") == "/MCR":
            node.mcids.append((pages[kid.get("/Pg", page).objgen], int(kid.MCID)))
        elif "/S" in kid:
            _walk(kid, node, node.effective, page, pages, nodes)


def _to_unicode(font: Any) -> dict[int, str]:
    """A Type0 font's glyph codes (2 bytes, Identity-H) to text, from its ToUnicode CMap."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    table = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<(\w+)>\s*<(\w+)>", block):
            table[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, text in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            for code in range(int(low, 16), int(high, 16) + 1):
                table[code] = chr(int(text, 16) + code - int(low, 16))
    return table


def _shown(operands: list[Any], table: dict[int, str]) -> str:
    strings = operands[0] if isinstance(operands[0], pikepdf.Array) else operands[-1:]
    data = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
    return "".join(table.get(int.from_bytes(data[i:i + 2], "big"), "\ufffd")
                   for i in range(0, len(data), 2))


def _content(pdf: Any) -> Content:
    found = Content()
    for index, page in enumerate(pdf.pages):
        fonts = {name: _to_unicode(font) for name, font in page.Resources.Font.items()}
        stack: list[tuple[str, int | None]] = []
        font: dict[int, str] = {}
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                props = operands[1] if op == "BDC" else None
                mcid = int(props.MCID) if props is not None and "/MCID" in props else None
                if stack:
                    found.nested.append(f"page {index + 1}: {operands[0]} in {stack[-1][0]}")
                if mcid is not None:
                    found.mcids.append((index, mcid))
                if str(operands[0]) == "/Artifact":
                    found.artifacts.append({str(k): str(v) for k, v in (props or {}).items()})
                stack.append((str(operands[0]), mcid))
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font = fonts[str(operands[0])]
            elif op in PAINT and not stack:
                found.unmarked.append(f"page {index + 1}: {op}")
            elif op in ("Tj", "TJ", "'", '"') and stack[-1][1] is not None:
                key = (index, stack[-1][1])
                found.text[key] = found.text.get(key, "") + _shown(operands, font)
        assert not stack, f"page {index + 1}: unbalanced marked content"
    return found


# --- the document: catalog, title, metadata -------------------------------------------

def test_catalog_says_tagged_in_the_page_language_with_its_title(arabic: Tagged,
                                                                 spanish: Tagged) -> None:
    for tagged, lang, title in ((arabic, "ar", AR["Your medicine"]),
                                (spanish, "es", ES["Your medicine"])):
        pdf = tagged.pdf
        assert str(pdf.Root.Lang) == lang
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == title
        meta = pdf.open_metadata()
        assert meta["dc:title"] == title
        assert meta["pdfuaid:part"] == "1"
        assert pdf.pdf_version == "1.7"
        assert tagged.nodes[0].role == "/Document"


def test_pdfinfo_says_tagged(built: Path) -> None:
    for pdf in ("build/ar/dose.pdf", "build/es/dose.pdf", "build/en/dose.pdf", "sheet.pdf"):
        out = subprocess.run(["pdfinfo", str(built / pdf)], capture_output=True, text=True,
                             check=True).stdout
        assert any(line.split() == ["Tagged:", "yes"] for line in out.splitlines()), out


# --- the tree: headings, lists, the callout -------------------------------------------

def test_headings_are_in_document_order_and_not_empty(arabic: Tagged,
                                                      spanish: Tagged) -> None:
    for tagged in (arabic, spanish):
        headings = tagged.roles("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")
        # The title, "How to take it", "If you forget", "Help", the clinic box.
        assert [h.role for h in headings] == ["/H1", "/H2", "/H3", "/H2", "/H2"]
        assert all(h.all_mcids() for h in headings)


def test_lists_are_items_of_a_label_and_a_body(arabic: Tagged, spanish: Tagged) -> None:
    for tagged in (arabic, spanish):
        lists = tagged.roles("/L")
        assert len(lists) == 1
        assert [k.role for k in lists[0].kids] == ["/LI", "/LI"]
        for item in lists[0].kids:
            assert [k.role for k in item.kids] == ["/Lbl", "/LBody"], item.kids
            assert all(k.all_mcids() for k in item.kids)
    # The bilingual edition's English of each item is inside the item's body.
    for item in arabic.roles("/L")[0].kids:
        body = item.kids[1]
        assert any(k.lang == "en" for k in body.kids)
        assert any(k.effective == "ar" and k.mcids for k in body.kids)


def test_the_callout_is_a_section_inside_its_section(arabic: Tagged,
                                                     spanish: Tagged) -> None:
    for tagged in (arabic, spanish):
        assert not [n for n in tagged.nodes if n.role == "/NonStruct"
                    and any(k.role in ("/P", "/H2", "/L") for k in n.kids)
                    and not any(k.role == "/H1" for k in n.kids)]  # <header> may stay
        callouts = [n for n in tagged.roles("/Sect") if "/Sect" in n.ancestors()]
        assert len(callouts) == 1 and [k.role for k in callouts[0].kids][:1] == ["/P"]


# --- language of parts ----------------------------------------------------------------

def test_english_parts_of_the_arabic_edition_say_lang_en(arabic: Tagged) -> None:
    other = [n for n in arabic.nodes if n.lang is not None]
    english = [n for n in other if n.lang == "en"]
    # Besides English: the "on request" notice's Spanish line (es's ui catalogue, seeded
    # by init), in Spanish; the clinic profile lists es and ar.
    assert english and {n.lang for n in other} == {"en", "es"}
    assert all("Puede" in arabic.text(n) for n in other if n.lang == "es")
    in_english = [arabic.text(n) for n in english]
    for block in ("DRAFT—notreviewed,donotgivetopatients", "Yourmedicine", "Howtotakeit",
                  "Take1tabletwithyoureveningmeal.", "Ifyouforget", "Takeitthenextevening.",
                  "Keepitdry.", "Keepitcool.", "Help", "Call0207946", "translated",
                  "untranslated"):
        assert any(block in text for text in in_english), block
    # Every piece of text: Arabic letters only where the language is Arabic, and none
    # where it is English.
    lang_of = {m: n.effective for n in arabic.nodes for m in n.mcids}
    assert set(arabic.content.text) <= set(lang_of)
    # The clinic profile's name and address are in its language (language = "en", the
    # default), in the clinic box and where {clinic_name} fills a sentence; its web
    # address, a URL, is the one Latin text left in the page's language.
    web = "https://kidney-unit.example.org"
    arabic_letters = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
    for mcid, text in arabic.content.text.items():
        if arabic_letters.search(text):
            assert lang_of[mcid] == "ar", text
        elif lang_of[mcid] == "ar" and web not in text:
            assert not re.search("[A-Za-z]", text), text  # digits and punctuation only
    for heading in arabic.roles("/H1", "/H2", "/H3"):
        assert heading.lang is None  # Arabic, as the page
        assert arabic_letters.search(arabic.text(heading))


def test_a_final_spanish_leaflet_has_no_other_language(spanish: Tagged) -> None:
    """But the clinic's name and address, written in English in its profile."""
    other = [n for n in spanish.nodes if n.lang is not None]
    assert {n.lang for n in other} == {"en"}
    assert sorted(spanish.text(n) for n in other) == [
        "1ExampleRoad,LondonSE10XX", "RiversideKidneyUnit(example)"]  # text without spaces


def test_a_review_sheet_is_tagged_with_the_translation_in_its_language(built: Path) -> None:
    with pikepdf.open(built / "sheet.pdf") as pdf:
        sheet = Tagged.read(pdf)
        assert str(pdf.Root.Lang) == "en"
        assert sheet.roles("/Table") and sheet.roles("/TH")
        assert {n.lang for n in sheet.roles("/TD") if n.lang} == {"ar"}
        assert not sheet.content.unmarked


# --- nothing outside the tree but artifacts -------------------------------------------

def test_all_content_is_in_the_tree_or_an_artifact(arabic: Tagged, spanish: Tagged) -> None:
    for tagged in (arabic, spanish):
        assert tagged.content.unmarked == []
        assert tagged.content.nested == []
        in_tree = [m for n in tagged.nodes for m in n.mcids]
        assert len(in_tree) == len(set(in_tree))
        assert len(tagged.content.mcids) == len(set(tagged.content.mcids))
        assert set(in_tree) == set(tagged.content.mcids)  # every MCID drawn is in the tree
        # The parent tree maps each MCID back to the element that holds it.
        parents = tagged.pdf.Root.StructTreeRoot.ParentTree.Nums
        by_page = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        for node in tagged.nodes:
            for page, mcid in node.mcids:
                assert by_page[page][mcid].objgen == node.obj.objgen


def test_running_footer_and_draft_banner_are_pagination_artifacts(arabic: Tagged,
                                                                  spanish: Tagged) -> None:
    for tagged, draft in ((arabic, True), (spanish, False)):
        kinds = [(a.get("/Type"), a.get("/Subtype")) for a in tagged.content.artifacts]
        pages = len(tagged.pdf.pages)
        # Each page: the footer and "page n of N" (two bottom margin boxes).
        assert kinds.count(("/Pagination", "/Footer")) == 2 * pages
        assert kinds.count(("/Pagination", "/Header")) == (pages if draft else 0)
    # The draft watermark in the page stays tagged, in English: a reader hears it.
    assert arabic.nodes[1].role == "/Div" and arabic.nodes[1].lang == "en"


# --- pdfua, a smoke check -------------------------------------------------------------

def test_pdfua_finds_nothing_wrong(built: Path) -> None:
    pdfua = pytest.importorskip("pdfua")
    for name in ("build/es/dose.pdf", "build/ar/dose.pdf"):
        report = pdfua.validate(str(built / name))
        assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]
        # pdfua 0.1.3's UA-14-001 (empty headings) crashes on any /K array (it asks a
        # pikepdf Array for .is_integer); test_headings_are_in_document_order... checks it.
        assert {o.rule_id for o in report.skipped} <= {"UA-14-001"}
        assert len(report.outcomes) - len(report.skipped) >= 11


# --- the hooks refuse rather than print untagged --------------------------------------

def test_an_unknown_weasyprint_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    monkeypatch.setattr(tagging, "_installed", [])
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(Calcii18nError, match=r"WeasyPrint 71\.0 is not one of 68, 69, 70"):
        tagging.install("x.pdf")


def test_changed_weasyprint_internals_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import tags

    monkeypatch.setattr(tagging, "_installed", [])
    monkeypatch.setattr(tags, "_build_box_tree", lambda box, parent, pdf: iter(()))
    with pytest.raises(Calcii18nError, match="no longer has the functions"):
        tagging.install("x.pdf")


def test_a_pdf_the_hook_missed_is_refused() -> None:
    with pytest.raises(Calcii18nError, match="without calcii18n's hook"), \
            tagging.tagged("x.pdf"):
        pass  # (a WeasyPrint that built its tree elsewhere)
