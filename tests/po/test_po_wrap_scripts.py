"""Line breaking and column widths where ICU and libunistring (GNU msgcat) differ by script.

Translators' catalogues that other projects made, written back by us, came out different from
`msgcat` in a few scripts and punctuation patterns: Kannada vowel signs counted as zero columns,
Thai, Lao, Khmer and Myanmar broken inside words (ICU uses a dictionary; libunistring 1.0 has
none and treats those letters as it treats Latin ones), no break after `« ` or before ` »`,
and after a hyphen starting a word. Each case below fails on the writer before the fix. The
GNU tests run `msgcat` on the layouts, or ask the installed libunistring itself (the library
msgcat links) for widths and break opportunities.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_interop_gettext import assert_msgcat_fixed_point, header, needs

from calcii18n.model import Catalog, Message
from calcii18n.po import columns as columns_of
from calcii18n.po import wrap
from calcii18n.po.format import format_po

SENTENCES = {
    "th": "แคลซิฟิแล็กซิสเป็นโรคที่พบได้ยาก แคลเซียมสะสมในหลอดเลือดขนาดเล็กของผิวหนัง "
          "และผิวหนังอาจตายและกลายเป็นแผลลึกที่เจ็บปวด",
    "km": "ជំងឺនេះកម្រណាស់ កាល់ស្យូមកកកុញនៅក្នុងសរសៃឈាមតូចៗនៃស្បែក "
          "សូមទូរស័ព្ទទៅគ្លីនិកភ្លាមៗ ប្រសិនបើរបួសធំឡើង",
    "lo": "ພະຍາດນີ້ພົບໄດ້ຍາກ ແຄວຊຽມສະສົມຢູ່ໃນເສັ້ນເລືອດນ້ອຍໆຂອງຜິວໜັງ "
          "ກະລຸນາໂທຫາຄລີນິກທັນທີ ຖ້າບາດແຜໃຫຍ່ຂຶ້ນ",
    "my": "ဤရောဂါသည် ရှားပါးသည်။ ကယ်လ်စီယမ်သည် အရေပြားရှိ သွေးကြောငယ်များအတွင်း "
          "စုပုံသည်။ ဒဏ်ရာကြီးလာပါက ဆေးခန်းကို ချက်ချင်းဖုန်းဆက်ပါ။",
    "kn": "ಕ್ಯಾಲ್ಸಿಫಿಲ್ಯಾಕ್ಸಿಸ್ ಅಪರೂಪದ ಕಾಯಿಲೆ. ಚರ್ಮದ ಸಣ್ಣ ರಕ್ತನಾಳಗಳಲ್ಲಿ ಕ್ಯಾಲ್ಸಿಯಂ "
          "ಸಂಗ್ರಹವಾಗುತ್ತದೆ ಮತ್ತು ಚರ್ಮವು ಸತ್ತು ಆಳವಾದ ನೋವಿನ ಗಾಯಗಳಾಗಬಹುದು. ಗಾಯ "
          "ದೊಡ್ಡದಾದರೆ ತಕ್ಷಣ ಕ್ಲಿನಿಕ್‌ಗೆ ಕರೆ ಮಾಡಿ.",
    "te": "కాల్సిఫైలాక్సిస్ అరుదైన వ్యాధి. చర్మంలోని చిన్న రక్తనాళాలలో కాల్షియం "
          "పేరుకుపోతుంది, చర్మం చనిపోయి లోతైన బాధాకరమైన గాయాలుగా మారవచ్చు.",
    "ml": "കാൽസിഫിലാക്സിസ് ഒരു അപൂർവ രോഗമാണ്. ചർമ്മത്തിലെ ചെറിയ രക്തക്കുഴലുകളിൽ "
          "കാൽസ്യം അടിഞ്ഞുകൂടുന്നു, ചർമ്മം നശിച്ച് ആഴത്തിലുള്ള വേദനയുള്ള മുറിവുകളായി മാറാം.",
    "fr": "Dites « calciphylaxie » au médecin des urgences et montrez-lui la fiche "
          "« Signes d’alerte » que l’infirmière vous a remise.",
}


# --------------------------------------------------------------------------------------
# Column widths: libunistring's uc_width.
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("char", "columns"), [
    ("\u0cbf", 1), ("\u0cc6", 1),  # Kannada vowel signs I and E: Mn, but one column to GNU
    ("\u1715", 1),  # Tagalog pamudpod: a spacing mark (Mc) with a combining class
    ("\u302e", 2),  # Hangul single dot tone mark: Mc and wide
    ("\u1161", 0), ("\u11a8", 0),  # Hangul medial vowel, final consonant (decomposed text)
    ("\x85", 0), ("\x7f", 0),  # controls: no column (libunistring says -1 and skips them)
    ("\u0378", 1),  # unassigned: not full width, as Python's tables would have it
    ("\u0cc1", 1), ("\u0cbe", 1), ("\u0ccd", 0), ("\u0301", 0), ("\u4e00", 2),  # as before
])
def test_char_width_is_libunistrings(char: str, columns: int) -> None:
    assert columns_of.char_width(char) == columns


def test_kannada_text_is_as_wide_as_gnu_counts_it() -> None:
    # 154 columns to msgcat; 139 when the vowel signs I and E counted zero.
    assert columns_of.width(SENTENCES["kn"]) == 154


# --------------------------------------------------------------------------------------
# Break opportunities.
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["th", "km", "lo", "my"])
def test_southeast_asian_scripts_break_only_at_spaces(lang: str) -> None:
    text = SENTENCES[lang]
    assert wrap._units(text) == re.findall(r"\S+ *", text)


# (text, units): how libunistring 1.0 splits each text. The old writer differed on all but
# the two marked "guard", which hold the new rules back where libunistring agrees with ICU.
LIBUNISTRING_CASES = [
    # LB15a and LB15b, which libunistring lacks: spaces inside guillemets break as elsewhere
    ("ab « cd » ef", ["ab ", "« ", "cd ", "» ", "ef"]),
    ("ab “ cd ” ef", ["ab ", "“ ", "cd ", "” ", "ef"]),
    ("(« cd", ["(« ", "cd"]),  # ... even after an opening bracket, not followed by spaces
    ("ab ( « cd", ["ab ", "( « ", "cd"]),  # ... but never after one and spaces (LB14)
    ("ab « (cd", ["ab ", "« (cd"]),  # guard: nor after a quotation mark, spaces, before OP
    # No LB20a: a break after a word-initial hyphen, here after `« ` and before Thai
    ("« -cd", ["« ", "-", "cd"]),
    ("ab -ยา", ["ab ", "-", "ยา"]),
    ("ab -\u0301cd", ["ab ", "-\u0301", "cd"]),  # ... and after its combining mark (LB9)
    # Thai/Myanmar vowel signs are letters (AL) to libunistring, not marks: a break after
    # punctuation before one, and never just before the escaped quote that follows it
    ('ab.\u0e31"cd', ["ab.", '\u0e31\\"cd']),
    ('ab!\u102d"cd', ["ab!", '\u102d\\"cd']),
    ('คำว่า"แคลเซียม"ในเลือด', ['คำว่า\\"แคลเซียม\\"ในเลือด']),
    ("ab .5", ["ab .5"]),  # never before IS (no LB15c, "SP ÷ IS NU")
    ("ab) ー", ["ab) ", "ー"]),  # LB16 "CL SP* × NS" is for CL only, not CP
    ("ab( \u0301cd", ["ab( ", "\u0301cd"]),  # a mark after spaces is a letter (LB10)
    # Hebrew: libunistring's LB21a ("HL (HY|BA) ×") holds only right next to the maqaf
    ("\u05d0\u05b0\u05be5", ["\u05d0\u05b0\u05be", "5"]),
    ("\u05d0\u05b0-5", ["\u05d0\u05b0-5"]),  # guard: HY × NU, through the mark (LB9)
    ("\u05d0\u05b0\u05be(", ["\u05d0\u05b0\u05be", "("]),
    ("\u05d0\u05be\u05b0(", ["\u05d0\u05be\u05b0", "("]),
    ("\u05d0\u05be\u05d1\u05be\u05d2", ["\u05d0\u05be\u05d1\u05be\u05d2"]),  # LB21a twice
    ("ab5.\u0301$", ["ab5.\u0301", "$"]),  # IS (with a mark) ÷ PR, even in a number
    ("一»\u0301一", ["一»\u0301一"]),  # QU CM* × (ICU's LB19a breaks before East Asian)
    ("ᬓᬶᬬᬢ᭄ᬢ", ["ᬓᬶᬬᬢ᭄ᬢ"]),  # Balinese: no aksara rules (LB28a) in libunistring 1.0
]


@pytest.mark.parametrize(("text", "units"), LIBUNISTRING_CASES)
def test_libunistring_break_rules_by_script(text: str, units: list[str]) -> None:
    assert wrap._units(text) == units


def test_common_text_still_takes_the_fast_path() -> None:
    # The plain-Latin path never reaches the new rules; the ICU path agrees with it.
    text = "Keep the wound clean and dry, and call the clinic at once."
    assert wrap._PLAIN.fullmatch(text)
    assert wrap._units(text) == wrap._units_icu(text)


# --------------------------------------------------------------------------------------
# Against GNU: msgcat, and the libunistring it links.
# --------------------------------------------------------------------------------------

def _margin_catalog(texts: list[str]) -> Catalog:
    """Each text after 60 to 77 columns of Latin filler, as msgid, msgstr and #| msgid, so
    each of its characters comes to the margin somewhere."""
    messages = []
    for n, (text, fill) in enumerate(itertools.product(texts, range(60, 78))):
        body = ("Keep the wound clean and dry " * 3)[:fill] + text
        messages.append(Message(msgid=body, msgctxt=str(n), msgstr=(text + " " + body,),
                                flags=("fuzzy",), previous_msgid=body + text))
    return Catalog(header("th"), messages=tuple(messages))


@needs("msgcat")
def test_msgcat_lays_out_each_script_as_we_do(tmp_path_factory: pytest.TempPathFactory
                                              ) -> None:
    catalog = _margin_catalog(list(SENTENCES.values()))
    assert_msgcat_fixed_point(format_po(catalog), tmp_path_factory.mktemp("scripts") / "s.po")


@needs("msgcat")
def test_msgcat_agrees_on_every_case_near_the_margin(tmp_path_factory: pytest.TempPathFactory
                                                     ) -> None:
    catalog = _margin_catalog([text for text, _ in LIBUNISTRING_CASES])
    assert_msgcat_fixed_point(format_po(catalog), tmp_path_factory.mktemp("cases") / "c.po")


WORDS = {
    "th": SENTENCES["th"].split(), "km": SENTENCES["km"].split(),
    "lo": SENTENCES["lo"].split(), "my": SENTENCES["my"].split(),
    "kn": SENTENCES["kn"].split(), "fr": SENTENCES["fr"].split(),
}
PUNCTUATION = ['"', "«", "»", "“", "”", "-", "(", ")", ".", ",", "!", "?", "%", "$", "/",
               "—", "…", "\u00a0", "\t", "\\", ":", ";", "'", "’", "5", "10"]


@st.composite
def script_texts(draw: st.DrawFn) -> str:
    """Words of one script with punctuation next to them, alone or after spaces."""
    words = WORDS[draw(st.sampled_from(sorted(WORDS)))]
    parts = []
    for word in draw(st.lists(st.sampled_from(words), min_size=3, max_size=20)):
        before = draw(st.sampled_from(["", "", "", *PUNCTUATION, *(p + " " for p in PUNCTUATION)]))
        after = draw(st.sampled_from(["", "", "", *PUNCTUATION, *(" " + p for p in PUNCTUATION)]))
        parts.append(before + word + after)
    return " ".join(parts)


@needs("msgcat")
@settings(max_examples=25, deadline=None)
@given(texts=st.lists(script_texts(), min_size=4, max_size=10, unique=True))
def test_msgcat_keeps_random_script_catalogs(texts: list[str],
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    catalog = Catalog(header("th"), messages=tuple(
        Message(msgid=f"m{i}", msgstr=(text,)) for i, text in enumerate(texts)))
    assert_msgcat_fixed_point(format_po(catalog), tmp_path_factory.mktemp("random") / "r.po")


@cache
def _libunistring() -> ctypes.CDLL | None:
    """The libunistring msgcat 0.21 links (1.0), or None: our rules were matched to it."""
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    if ctypes.c_int.in_dll(lib, "_libunistring_version").value >> 8 != 0x100:
        return None
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    lib.uc_width.restype = ctypes.c_int
    # The _v2 entry point is the one msgcat calls (it differs only for CR before LF).
    lib.u8_possible_linebreaks_v2.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                              ctypes.c_char_p, ctypes.c_char_p]
    lib.u8_possible_linebreaks_v2.restype = None
    return lib


def _needs_libunistring() -> ctypes.CDLL:
    lib = _libunistring()
    if lib is None:
        pytest.skip("libunistring 1.0 (the one GNU gettext 0.21 links) not found")
    return lib


@pytest.mark.gettext
def test_every_code_points_width_is_libunistrings() -> None:
    lib = _needs_libunistring()
    # All but the empty planes 4 to 13 and the private-use planes.
    points = itertools.chain(range(0xD800), range(0xE000, 0x40000), range(0xE0000, 0xF0000))
    wrong = [hex(cp) for cp in points
             if chr(cp) not in wrap._ESCAPES
             and columns_of.char_width(chr(cp)) != max(lib.uc_width(cp, b"UTF-8"), 0)]
    assert wrong == [], f"{len(wrong)} widths differ: {wrong[:20]}"


def _gnu_cuts(lib: ctypes.CDLL, portion: str) -> list[int]:
    """Where libunistring allows a break in the escaped portion, with write-po.c's
    overrides: never inside an escape sequence, never before a final \\n."""
    chars: list[str] = []
    blocked = set()
    for ch in portion:
        escaped = wrap._ESCAPES.get(ch, ch)
        if len(escaped) == 2:
            blocked.add(len(chars) + 1)
        chars.extend(escaped)
    if portion.endswith("\n"):
        blocked.add(len(chars) - 2)
    data = "".join(chars).encode()
    out = ctypes.create_string_buffer(len(data))
    lib.u8_possible_linebreaks_v2(data, len(data), b"UTF-8", out)
    offsets = itertools.accumulate(len(ch.encode()) for ch in chars)
    cuts = [i + 1 for i, at in enumerate(offsets) if at < len(data) and out.raw[at] == 2]
    return [cut for cut in cuts if cut not in blocked]


def _our_cuts(portion: str) -> list[int]:
    return list(itertools.accumulate(map(len, wrap._units(portion)[:-1])))


@pytest.mark.gettext
@pytest.mark.parametrize(("text", "units"), LIBUNISTRING_CASES)
def test_libunistring_agrees_with_the_cases(text: str, units: list[str]) -> None:
    lib = _needs_libunistring()
    assert _gnu_cuts(lib, text) == list(itertools.accumulate(map(len, units[:-1])))


# One character of each line-break class that matters, and of the scripts above.
CLASS_SAMPLES = ("a\u05d05 '\"«»“”(})!./$\\%-|\u2010\u00b4\u2014\u00a0\u30fc\u2026\u4e00"
                 "\u0301\u200b\u2060\t\uac00\u0e01\u0e31\u1780\u1000\u102d\u0ebb\u1b05"
                 "\u1b44\u0cbf\u05be\u05b0\u3041:;?")


@pytest.mark.gettext
@settings(max_examples=2000, deadline=None)
@given(text=st.text(st.sampled_from(CLASS_SAMPLES), min_size=2, max_size=8))
def test_break_opportunities_are_libunistrings(text: str) -> None:
    lib = _needs_libunistring()
    portion = "ab" + text + "cd"
    assert _our_cuts(portion) == _gnu_cuts(lib, portion), ascii(portion)
