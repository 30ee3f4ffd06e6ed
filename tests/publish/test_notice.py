"""The "other formats and languages on request" notice and the clinic profile's default
editions (issue 17 item 6): each line in its own language and script, from its own ui
catalogue, only reviewed lines on a final print; an untranslated line never holds a
leaflet back; paper, large print and bilingual set by the profile, overridden by options.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from test_render import approve, fill, run
from test_render import project as project

from calcii18n.clinic import parse_clinic
from calcii18n.errors import Calcii18nError

LINE = ("You can have this leaflet free of charge in another language, in large print, or in "
        "another format such as audio or easy read. Ask your care team or call %(phone)s.")
ES = "Puede pedir este folleto gratis en otro idioma o en letra grande: llame al %(phone)s."
AR = "يمكنك طلب هذه النشرة مجانًا بلغة أخرى أو بخط كبير: اتصل على %(phone)s."
PROFILE = """name = "Clinic"
phone = "020 7946 0123"
on_request = ["ar", "es", "zh_Hans"]
"""


def notice(html: str) -> str:
    start = html.find('<aside class="on-request">')
    return html[start:html.index("</aside>", start)] if start >= 0 else ""


def ui_po(project: Path, code: str) -> Path:
    return project / "locale" / code / "LC_MESSAGES" / "ui.po"


@pytest.fixture
def listed(project: Path) -> Path:
    (project / "clinic.example.toml").write_text(PROFILE, encoding="utf-8")
    return project


def test_a_draft_lists_translated_lines_its_own_language_first(listed: Path) -> None:
    fill(ui_po(listed, "es"), {LINE: ES})
    fill(ui_po(listed, "ar"), {LINE: AR})
    run(listed, "render", "es", "--draft", "--leaflet", "dose")
    block = notice((listed / "build" / "es" / "dose.html").read_text(encoding="utf-8"))
    assert block.index('lang="es"') < block.index('lang="ar" dir="rtl"')
    assert "llame al <bdi" in block and "اتصل على <bdi" in block
    assert 'lang="zh-Hans"' not in block  # listed, but no catalogue: no line


def test_a_final_print_lists_only_reviewed_lines_and_an_empty_one_holds_nothing_back(
        listed: Path) -> None:
    fill(ui_po(listed, "es"), {LINE: ""})  # init seeded the notice's line: empty it
    approve(listed, "es")
    out = run(listed, "render", "es", "--leaflet", "dose")
    assert "es/dose: final" in out
    assert notice((listed / "build" / "es" / "dose.html").read_text(encoding="utf-8")) == ""
    fill(ui_po(listed, "es"), {LINE: ES})
    fill(ui_po(listed, "ar"), {LINE: AR})  # translated, not reviewed
    approve(listed, "es", "ui")
    run(listed, "render", "es", "en", "--leaflet", "dose")
    es = notice((listed / "build" / "es" / "dose.html").read_text(encoding="utf-8"))
    assert 'lang="es"' in es and 'lang="ar"' not in es
    approve(listed, "ar", "ui")
    run(listed, "render", "es", "en", "--leaflet", "dose")
    es = notice((listed / "build" / "es" / "dose.html").read_text(encoding="utf-8"))
    assert 'lang="ar" dir="rtl"' in es
    en = notice((listed / "build" / "en" / "dose.html").read_text(encoding="utf-8"))
    assert en.index('lang="en"') < en.index('lang="ar"') < en.index('lang="es"')
    pdf = listed / "build" / "es" / "dose.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Naskh-Arabic" in fonts  # the Arabic line, in its own script
    assert "ar" in struct_langs(pdf)  # and read aloud in an Arabic voice


def struct_langs(pdf: Path) -> set[str]:
    """Every /Lang of the tag tree's elements."""
    found: set[str] = set()
    with pikepdf.open(pdf) as doc:
        todo = [doc.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    found.add(str(node.Lang))
                kids = node.get("/K")
                if kids is not None:
                    todo.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return found


def test_the_profile_sets_default_editions_and_options_override_them(listed: Path) -> None:
    profile = listed / "clinic.example.toml"
    profile.write_text(PROFILE + 'paper = "letter"\nlarge_print = true\n', encoding="utf-8")
    run(listed, "render", "en", "--leaflet", "dose")
    html = (listed / "build" / "en" / "dose.html").read_text(encoding="utf-8")
    assert "size: letter" in html and 'class="large-print' in html
    info = subprocess.run(["pdfinfo", str(listed / "build" / "en" / "dose.pdf")],
                          capture_output=True, text=True).stdout
    assert "612 x 792 pts" in info
    run(listed, "render", "en", "--leaflet", "dose", "--standard-print", "--paper", "a4")
    html = (listed / "build" / "en" / "dose.html").read_text(encoding="utf-8")
    assert "size: A4" in html and 'class="large-print' not in html


@pytest.mark.parametrize(("text", "line", "message"), [
    ('phone = "1"\non_request = "es"\n', 2, "on_request must be a list"),
    ('phone = "1"\non_request = ["es", "klingon"]\n', 2, "on_request: 'klingon'"),
    ('name = "X"\non_request = ["es"]\n', 2, "on_request needs phone"),
    ('phone = "1"\npaper = "a3"\n', 2, 'paper must be "a4" or "letter"'),
    ('phone = "1"\nlarge_print = "yes"\n', 2, "large_print must be true or false"),
])
def test_profile_mistakes_are_errors_on_their_line(text: str, line: int,
                                                   message: str) -> None:
    with pytest.raises(Calcii18nError) as caught:
        parse_clinic(text, "clinic.toml")
    assert caught.value.line == line and message in str(caught.value), str(caught.value)


def test_the_profile_reads_its_settings() -> None:
    text = PROFILE.replace('"zh_Hans"]', '"zh-hans", "es"]') + 'bilingual = true\npaper = "a4"\n'
    clinic = parse_clinic(text, "clinic.toml")
    assert clinic.on_request == ("ar", "es", "zh_Hans") and clinic.bilingual is True
    assert clinic.paper == "a4" and clinic.large_print is None
    assert dict(clinic.values)["clinic_phone"] == "020 7946 0123"


def test_the_clinic_names_the_language_its_words_are_in(listed: Path) -> None:
    """The name and address are read in the profile's language (English unless it says
    `language`), on a page in another language; a phone number has no language."""
    clinic = listed / "clinic.example.toml"
    clinic.write_text(PROFILE + 'address = "1 Example Road"\n', encoding="utf-8")
    run(listed, "render", "es", "--draft", "--leaflet", "dose")
    html = (listed / "build" / "es" / "dose.html").read_text(encoding="utf-8")
    assert '<bdi dir="ltr" lang="en">Clinic</bdi>' in html
    assert '<bdi dir="ltr" lang="en">1 Example Road</bdi>' in html
    assert '<bdi dir="ltr">020 7946 0123</bdi>' in html
    clinic.write_text(PROFILE + 'language = "es"\n', encoding="utf-8")
    run(listed, "render", "es", "--draft", "--leaflet", "dose")
    html = (listed / "build" / "es" / "dose.html").read_text(encoding="utf-8")
    assert 'lang="en">Clinic' not in html and '<bdi dir="ltr">Clinic</bdi>' in html
    with pytest.raises(Calcii18nError, match="language"):
        parse_clinic('language = ["es"]\n', "clinic.toml")
