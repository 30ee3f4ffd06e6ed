"""Every script prints by configuration (issue 17 item 5): one render per script family
from the locale table alone (resources/locales.toml, or a project's [languages] rows),
checked as a reader's tools see the PDF: which fonts are embedded (`pdffonts`), that no
glyph is .notdef (a box where a letter should be), and in right-to-left text that a phone
number's digit groups still read left to right (`pdftotext -bbox`).

Each leaflet is one heading and one sentence with a phone number, rendered as a draft
through the same page and PDF code as `render`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import weasyprint

from calcii18n import fonts
from calcii18n.clinic import parse_clinic
from calcii18n.config import parse_config
from calcii18n.errors import Calcii18nError, ConfigError
from calcii18n.leaflet.extract import TITLE_CONTEXT
from calcii18n.leaflet.source import parse_leaflet
from calcii18n.leaflet.templates import defaults_folder
from calcii18n.locales import Profile, profile
from calcii18n.model import Catalog
from calcii18n.publish.page import Options, UiTranslations, build_page, render_html
from calcii18n.publish.pdf import html_to_pdf
from calcii18n.trust import Authority

from helpers import copy_sample, po, run_cli, tr

PHONE = "020 7946 0123"
SOURCE = """---
id: call
title: "When to call"
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: People on dialysis
---

# When to call

## Call us {#call}

Call your clinic on 020 7946 0123 if the pain gets worse.
"""
# (locale, the script's font as pdffonts names it, the title, the sentence)
FAMILIES = [
    ("es", "Noto-Sans", "Cuándo llamar",
     "Llame a su clínica al 020 7946 0123 si el dolor empeora."),
    ("ru", "Noto-Sans", "Когда звонить",
     "Позвоните в клинику по номеру 020 7946 0123, если боль усилится."),
    ("vi", "Noto-Sans", "Khi nào cần gọi",
     "Hãy gọi cho phòng khám theo số 020 7946 0123 nếu cơn đau nặng hơn."),
    ("ar", "Noto-Naskh-Arabic", "متى تتصل",
     "اتصل بعيادتك على الرقم 020 7946 0123 إذا ازداد الألم."),
    ("fa", "Noto-Naskh-Arabic", "چه زمانی تماس بگیرید",
     "اگر درد بیشتر شد، با شماره 020 7946 0123 به درمانگاه زنگ بزنید."),
    ("ur", "Noto-Nastaliq-Urdu", "کب فون کریں",
     "اگر درد بڑھ جائے تو اپنے کلینک کو 020 7946 0123 پر فون کریں۔"),
    ("he", "Noto-Sans-Hebrew", "מתי להתקשר",
     "התקשרו למרפאה במספר 020 7946 0123 אם הכאב מחמיר."),
    ("hi", "Noto-Sans-Devanagari", "कब फ़ोन करें",
     "दर्द बढ़ने पर अपने क्लिनिक को 020 7946 0123 पर फ़ोन करें।"),
    ("bn", "Noto-Sans-Bengali", "কখন ফোন করবেন",
     "ব্যথা বাড়লে আপনার ক্লিনিকে 020 7946 0123 নম্বরে ফোন করুন।"),
    ("pa", "Noto-Sans-Gurmukhi", "ਕਦੋਂ ਫ਼ੋਨ ਕਰਨਾ ਹੈ",
     "ਦਰਦ ਵਧਣ 'ਤੇ ਆਪਣੇ ਕਲੀਨਿਕ ਨੂੰ 020 7946 0123 'ਤੇ ਫ਼ੋਨ ਕਰੋ।"),
    ("ko", "Noto-Sans-CJK-KR", "전화해야 할 때",
     "통증이 심해지면 020 7946 0123으로 병원에 전화하세요."),
    ("ja", "Noto-Sans-CJK-JP", "電話するとき",
     "痛みが強くなったら、020 7946 0123 にクリニックへ電話してください。"),
    ("zh_Hans", "Noto-Sans-CJK-SC", "何时打电话",
     "如果疼痛加重，请拨打 020 7946 0123 联系您的诊所。"),
    ("zh_Hant", "Noto-Sans-CJK-TC", "何時打電話",
     "如果疼痛加重，請撥打 020 7946 0123 聯絡您的診所。"),
    ("am", "Noto-Sans-Ethiopic", "መቼ እንደሚደውሉ",
     "ሕመሙ ከባሰ ወደ ክሊኒክዎ በ 020 7946 0123 ይደውሉ።"),
    ("my", "Noto-Sans-Myanmar", "ဖုန်းဆက်ရမည့်အချိန်",
     "နာကျင်မှု ပိုဆိုးလာပါက သင့်ဆေးခန်းကို 020 7946 0123 သို့ ဖုန်းဆက်ပါ။"),
    ("th", "Noto-Sans-Thai", "เมื่อใดควรโทร",
     "หากปวดมากขึ้น โทรหาคลินิกของคุณที่ 020 7946 0123"),
]
RTL = {"ar", "fa", "ur", "he"}
TOOLS = pytest.mark.skipif(not (shutil.which("pdffonts") and shutil.which("pdftotext")),
                           reason="poppler-utils (pdffonts, pdftotext) not installed")


def catalogue(title: str, sentence: str) -> Catalog:
    return po(tr(TITLE_CONTEXT, "When to call", title), tr("call", "Call us", title),
              tr("call", "Call your clinic on 020 7946 0123 if the pain gets worse.",
                 sentence))


def render(folder: Path, locale: str, title: str, sentence: str,
           how: Profile | None = None) -> Path:
    """The leaflet in `locale` as a draft PDF, with the fonts the locale's profile names
    as the only ones it may embed."""
    how = how or profile(locale)
    leaflet = parse_leaflet(SOURCE, "sources/call.md", "call")
    clinic = parse_clinic('phone = "020 7946 0000"\n', "clinic.toml")
    authority = Authority(today=dt.date(2026, 12, 5))
    page = build_page(leaflet, catalogue(title, sentence), locale, clinic,
                      Options(draft=True), authority.of(locale, "call"), how)
    html = render_html(page, defaults_folder(), UiTranslations(None, authority.of(
        locale, "ui")), authority.today)
    out = folder / f"{locale}.pdf"
    html_to_pdf(html, out, out.name, families=fonts.stack(how.fonts), root=folder)
    return out


def embedded(pdf: Path) -> set[str]:
    """The embedded fonts' names without the subset tag (ABCDEF+) or the style."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).removesuffix("-Bold")
            for line in out if line.strip()}


def cids(font: pikepdf.Object) -> dict[bytes, int] | None:
    """A Type0 font's two-byte codes → CIDs (= glyph ids: WeasyPrint writes CIDToGIDMap
    Identity), from its CMap; None for Identity-H, where each code is its CID."""
    encoding = font.get("/Encoding")
    if not isinstance(encoding, pikepdf.Stream):
        return None
    table: dict[bytes, int] = {}
    text = encoding.read_bytes().decode("latin-1")
    for code, cid in re.findall(r"<([0-9a-fA-F]{4})>\s+(\d+)", text):
        table[bytes.fromhex(code)] = int(cid)
    for low, high, cid in re.findall(
            r"<([0-9a-fA-F]{4})>\s+<([0-9a-fA-F]{4})>\s+(\d+)", text):
        for n in range(int(low, 16), int(high, 16) + 1):
            table[n.to_bytes(2, "big")] = int(cid) + n - int(low, 16)
    return table


def notdef_glyphs(pdf: Path) -> int:
    """How many glyphs the pages show are glyph 0, .notdef (a box where a letter should
    be). WeasyPrint writes every font as Type0 with two-byte codes."""
    count = 0
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            maps = {str(name): cids(font) for name, font in page.Resources.Font.items()}
            current: dict[bytes, int] | None = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    current = maps[str(operands[0])]
                if str(operator) not in ("Tj", "TJ", "'", '"'):
                    continue
                for operand in operands:
                    items = operand if isinstance(operand, pikepdf.Array) else [operand]
                    for item in items:
                        if isinstance(item, pikepdf.String):
                            data = bytes(item)
                            codes = [data[i:i + 2] for i in range(0, len(data) - 1, 2)]
                            count += sum((int.from_bytes(c, "big") if current is None
                                          else current.get(c, 0)) == 0 for c in codes)
    return count


def digit_groups_left_to_right(pdf: Path) -> list[float]:
    """The x of each group of the phone number in the body text, as a reader sees it."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    xs = []
    for group in PHONE.split():
        line = next(ln for ln in bbox.splitlines() if f">{group}<" in ln)
        xs.append(float(line.split('xMin="')[1].split('"')[0]))
    return xs


@TOOLS
@pytest.mark.parametrize(("locale", "font", "title", "sentence"), FAMILIES,
                         ids=[f[0] for f in FAMILIES])
def test_each_script_family_embeds_its_font_and_no_notdef(
        tmp_path: Path, locale: str, font: str, title: str, sentence: str) -> None:
    pdf = render(tmp_path, locale, title, sentence)
    names = embedded(pdf)
    assert font in names, names
    allowed = {f.replace(" ", "-") for f in fonts.stack(profile(locale).fonts)}
    assert names <= allowed, f"fell back to {names - allowed}"
    assert notdef_glyphs(pdf) == 0
    if locale in RTL:
        xs = digit_groups_left_to_right(pdf)
        assert xs == sorted(xs), f"{PHONE} reads {xs} in {locale}"


@TOOLS
def test_the_notdef_and_digit_checks_can_fail(tmp_path: Path) -> None:
    """A character no font has: `render` refuses it, and the same text written by
    WeasyPrint alone shows a .notdef glyph that the check counts. Digit groups drawn in
    the wrong order are caught."""
    with pytest.raises(Calcii18nError, match="missing glyphs"):
        render(tmp_path, "es", "Cuándo llamar", "Un carácter sin letra: \U000f0000.")
    raw = tmp_path / "raw.pdf"
    weasyprint.HTML(string='<p style="font-family: \'Noto Sans\'">sin letra: '
                    '\U000f0000</p>').write_pdf(raw)
    assert notdef_glyphs(raw) > 0
    mirrored = tmp_path / "mirrored.pdf"  # the groups as a bidi mistake would draw them
    weasyprint.HTML(string="<p>0123 7946 020</p>").write_pdf(mirrored)
    xs = digit_groups_left_to_right(mirrored)
    assert xs != sorted(xs)


def test_a_script_not_in_the_table_prints_by_configuration_alone(tmp_path: Path) -> None:
    """Khmer is not in the shipped table: a [languages.km] row in calcii18n.toml is all
    it takes, and a bad row is an error on its line."""
    assert profile("km").fonts == ()
    cfg = parse_config('[languages.km]\nfonts = ["Noto Sans Khmer"]\nhyphenate = false\n',
                       tmp_path / "calcii18n.toml", "calcii18n.toml")
    km = cfg.profile("km")
    assert km.fonts == ("Noto Sans Khmer",) and km.script == "Khmr" and km.endonym == "ខ្មែរ"
    if shutil.which("pdffonts"):
        pdf = render(tmp_path, "km", "ពេលណាត្រូវទូរស័ព្ទ",
                     "ទូរស័ព្ទទៅគ្លីនិករបស់អ្នកតាមលេខ 020 7946 0123 ប្រសិនបើឈឺខ្លាំងជាងមុន។", km)
        assert "Noto-Sans-Khmer" in embedded(pdf) and notdef_glyphs(pdf) == 0
    for text, line, message in (
            ('locales = ["es"]\n[languages.my]\nfonts = "Noto Sans Myanmar"\n', 3,
             "languages.my: fonts must be a list"),
            ('[languages.he]\ndirection = "right"\n', 2, 'direction must be "ltr" or "rtl"'),
            ('[languages.xx]\nfonts = ["A"]\n', 1, "unknown locale 'xx'"),
            ('[languages.my]\nfont = ["A"]\n', 2, "unknown setting 'font'"),
            ('[languages.my]\nfonts = ["A</style><script>"]\n', 2, "letters, digits")):
        with pytest.raises(ConfigError) as caught:
            parse_config(text, tmp_path / "calcii18n.toml", "calcii18n.toml")
        assert caught.value.line == line and message in str(caught.value), str(caught.value)


def test_project_rows_override_only_what_they_name(tmp_path: Path) -> None:
    cfg = parse_config('[languages.fa]\ndigits = "latn"\n[languages.es]\nhyphenate = true\n',
                       tmp_path / "calcii18n.toml", "calcii18n.toml")
    fa = cfg.profile("fa")
    assert fa.digits == "latn" and fa.fonts == ("Noto Naskh Arabic",) and fa.direction == "rtl"
    assert profile("fa").digits == "arabext"  # the shipped row, untouched
    assert cfg.profile("es").hyphenate and cfg.profile("es_MX").hyphenate
    assert not profile("es").hyphenate
    leaflet = parse_leaflet(SOURCE, "sources/call.md", "call")
    clinic = parse_clinic('phone = "020 7946 0000"\n', "clinic.toml")
    authority = Authority(today=dt.date(2026, 12, 5))

    def html(how: Profile) -> str:
        page = build_page(leaflet, None, "es", clinic, Options(draft=True),
                          authority.of("es", "call"), how)
        return render_html(page, defaults_folder(), UiTranslations(None, authority.of(
            "es", "ui")), authority.today)

    assert "hyphens: auto" in html(cfg.profile("es"))
    assert "hyphens: auto" not in html(profile("es"))


def test_the_table_ships_the_languages_clinics_need() -> None:
    for code in ("es", "zh_Hans", "vi", "tl", "ar", "ur", "ru", "hi", "fa", "he", "bn", "pa",
                 "ko", "ja", "zh_Hant", "am", "my", "so", "ht", "pl", "pt_BR"):
        how = profile(code)
        assert how.endonym and how.direction in ("ltr", "rtl"), code
        for family in how.fonts:
            assert fonts.font_file(family) is not None, f"{family} for {code} not installed"
    assert profile("ur").script == "Aran" and profile("my").counter_style == "myanmar"
    assert [profile(c).direction for c in ("ar", "he", "ur", "fa", "am")] == [
        "rtl", "rtl", "rtl", "rtl", "ltr"]


def test_readability_in_the_table_turns_a_locales_advice_on_or_off(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    assert "Fernández-Huerta" in run_cli(project, "readability", "--locale", "es")
    config = project / "calcii18n.toml"
    config.write_text(config.read_text() + '\n[languages.es]\nreadability = "none"\n')
    out = run_cli(project, "readability", "--locale", "es")
    assert 'readability = "none"' in out and "Fernández-Huerta" not in out
