"""The `characters` check's rules in detail, the whole-word glossary matching and the
normalisation the number, unit and phone checks read through (issue 15, item 1 and 2).
The GOOD/BAD rows in test_checks.py show each rule once; these pin the edges."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcii18n.checks import CheckContext, run_checks
from calcii18n.checks import characters as chars
from calcii18n.checks.quantities import normalise, quantities
from calcii18n.glossary import Glossary, contains_term
from calcii18n.model import Message

_REFUSED = re.compile(f"[{chars.INVISIBLE}]")


def _problems(english: str, translation: str, locale: str = "es") -> list[str]:
    return chars.problems(translation, english, locale)


def test_every_format_character_of_this_unicode_is_refused() -> None:
    """INVISIBLE lists ranges so that the refused set is written down; it must still hold
    every format character (Cf) the running Python's Unicode knows."""
    missing = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
               if unicodedata.category(chr(code)) == "Cf" and not _REFUSED.match(chr(code))]
    assert missing == []


@pytest.mark.parametrize("char", ["\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u3164",
                                  "\uffa0"])
def test_invisible_letters_and_marks_are_refused(char: str) -> None:
    [problem] = _problems("Keep it clean.", f"Manténgalo {char}limpio.")
    assert problem.startswith(f"U+{ord(char):04X} ")


def test_the_message_names_the_character_and_its_position() -> None:
    assert _problems("Call 020 7946 0456.", "Llame al \u202e020 7946 0456\u202c.") == [
        "U+202E RIGHT-TO-LEFT OVERRIDE at character 10: an invisible bidi control, which "
        "reorders what prints (a phone number can print backwards); the English has none",
        "U+202C POP DIRECTIONAL FORMATTING at character 24: an invisible bidi control, which "
        "reorders what prints (a phone number can print backwards); the English has none"]


def test_repeats_of_one_character_are_one_problem_with_a_count() -> None:
    [problem] = _problems("Call 020 7946 0456.", "Llame al 020\u200b 7946\u200b 0456\u200b.")
    assert problem.startswith("U+200B ZERO WIDTH SPACE at character 13 (and 2 more):")


@pytest.mark.parametrize("locale", ["ar", "fa", "ur", "he"])
def test_direction_marks_are_refused_in_right_to_left_locales_too(locale: str) -> None:
    """The renderer isolates numbers itself; a mark between groups reverses them."""
    for mark in "\u200e\u200f\u061c":
        [problem] = _problems("Call 020 7946 0456.", f"020{mark} 7946 0456", locale)
        assert "direction mark" in problem


@pytest.mark.parametrize(("text", "locale"), [
    pytest.param("می\u200cخواهم", "fa", id="persian-prefix"),
    pytest.param("کتاب\u200cها", "fa", id="persian-plural"),
    pytest.param("نمی\u200cتوانم", "ps", id="pashto"),
    pytest.param("ل\u200dا", "ar", id="arabic-zwj"),
    pytest.param("क्\u200dष", "hi", id="devanagari-half-form"),
    pytest.param("ক্\u200cষ", "bn", id="bengali-explicit-virama"),
    pytest.param("ന്\u200d ", "ml", id="malayalam-chillu-at-word-end"),
    pytest.param("ශ්\u200dය", "si", id="sinhala-yansaya"),
])
def test_joiners_inside_words_of_scripts_that_need_them(text: str, locale: str) -> None:
    assert _problems("x", text, locale) == []


@pytest.mark.parametrize("text", [
    pytest.param("Auf\u200clage", id="latin-ligature-breaker"),
    pytest.param("\u200cمی", id="at-the-start"),
    pytest.param("می\u200c", id="at-the-end"),
    pytest.param("می\u200c خواهم", id="before-a-space"),
    pytest.param("5\u200d0", id="between-digits"),
    pytest.param("क\u200dA", id="devanagari-then-latin"),
    pytest.param("👩\u200d⚕", id="emoji-sequence-not-in-english"),
])
def test_joiners_anywhere_else_are_refused(text: str) -> None:
    assert len(_problems("x", text, "fa")) == 1


def test_a_character_the_english_has_is_allowed() -> None:
    assert _problems("Soft\u00adhyphen 5", "Blando\u00adguion 5") == []


@pytest.mark.parametrize(("locale", "zeros"), [
    ("es", "0"), ("en", "0"), ("zh_Hans", "0"), ("hi", "0०"), ("bn", "0০"), ("ar", "0٠۰"),
    ("fa", "0٠۰"), ("ur", "0٠۰"), ("ps", "0٠۰"), ("th", "0๐"), ("my", "0၀"), ("ne", "0०"),
    ("xx", "0"),
])
def test_digits_each_locale_writes(locale: str, zeros: str) -> None:
    assert chars.locale_digits(locale) == frozenset(map(ord, zeros))


def test_the_numbering_system_table_names_real_digit_zeros() -> None:
    for system, zero in chars.DIGIT_ZERO.items():
        digits = [unicodedata.decimal(chr(zero + i), None) for i in range(10)]
        assert digits == list(range(10)), system


@pytest.mark.parametrize(("english", "translation"), [
    pytest.param("Take vitamin B12.", "Tome vitamina B12.", id="b12"),
    pytest.param("Take vitamin B12.", "Πάρτε βιταμίνη Β12.", id="b12-greek"),
    pytest.param("Flat 4B, 10 Long Road.", "Piso 4B, 10 Long Road.", id="flat-4b"),
    pytest.param("Your SpO2 is low.", "Su SpO2 es baja.", id="spo2"),
    pytest.param("Drink 2 l of water.", "Beba 2l de agua.", id="litres"),
    pytest.param("Take 5 mg.", "Tome 5 mg.", id="unit"),
    pytest.param("Page 1 of 2", "Página 1 de 2", id="spaced"),
])
def test_letters_next_to_digits_that_are_not_lookalikes_of_a_change(
        english: str, translation: str) -> None:
    assert _problems(english, translation, "el" if "βιτ" in translation else "es") == []


@pytest.mark.parametrize("translation", [
    "3O veces", "3o veces", "O3 veces", "l0 veces", "1l0 veces", "I0 veces", "1|0 veces",
    "2Z veces", "5S veces", "8B veces",
])
def test_latin_lookalikes_next_to_digits(translation: str) -> None:
    [problem] = _problems("Take it 3 times.", translation)
    assert "next to a digit reads as a digit" in problem


alphabet = st.sampled_from([
    *"0123456789 .,aOolIZSB|xyz", "\u202e", "\u202c", "\u200b", "\u200c", "\u200d", "\u200f",
    "\u00ad", "\ufeff", "٣", "۴", "३", "৫", "５", "𝟓", "О", "о", "З", "Ο", "Β", "ب", "ی",
    "क", "्", "ا", "م", "中", "😀", "\U000e0041", "\u2066"])


@given(st.text(alphabet, max_size=16), st.sampled_from(["es", "ar", "fa", "hi", "zh"]))
def test_the_first_search_never_hides_a_problem(text: str, locale: str) -> None:
    """`problems` answers after one regex search; the full scan must agree."""
    assert chars.problems(text, "Take 3 times.", locale) == chars.report(
        text, "Take 3 times.", locale)


@pytest.mark.parametrize(("text", "locale"), [
    ("۱.۵ و 2", "fa"), ("٢٫٥ و 3", "ar"), ("१.५ और 2", "hi"), ("1٫5", "ar")])
def test_numbers_in_one_script_beside_numbers_in_another(text: str, locale: str) -> None:
    assert _problems("x", text, locale) == []


def test_plural_forms_are_named() -> None:
    msg = Message(msgid="{n} tablet", msgid_plural="{n} tablets",
                  msgstr=("{n} comprimido", "{n} compri\u200bmidos"))
    [finding] = run_checks(msg, CheckContext("es"))
    assert finding.message.startswith("plural form 1: U+200B ZERO WIDTH SPACE at character 11")


# What the number, unit and phone checks read.

def test_normalise_folds_compatibility_forms_and_keeps_no_break_spaces() -> None:
    assert normalise("３Ｏ ㎎ 1⁰") == "3O mg 10"
    assert normalise("1\u00a0000 \u202f") == "1\u00a0000 \u202f"
    assert normalise("1\u200b0 \u202e5\u202c") == "10 5"
    assert normalise("ميلي\u200cگرم كيلو") == "میلیگرم کیلو"


@pytest.mark.parametrize(("english", "translation", "locale"), [
    pytest.param("Take 10 mg.", "Tome 1\u200b0 mg.", "es", id="zero-width-space"),
    pytest.param("Call 020 7946 0456.", "Llame al \u202e020 7946 0456\u202c.", "es",
                 id="override"),
    pytest.param("Take 2.5 mg.", "服用２．５毫克。", "zh", id="full-width-point"),
    pytest.param("Take 5 mg.", "服用5㎎。", "zh", id="square-mg"),
])
def test_figures_are_read_as_a_reader_sees_them(english: str, translation: str,
                                                locale: str) -> None:
    assert quantities(translation, locale) == quantities(english, "en")


def test_lookalike_digits_cannot_hide_a_change() -> None:
    """30 → 3O: the number check sees 3 ≠ 30, the characters check names the O."""
    msg = Message(msgid="Take it 30 times a week.", msgstr=("Tómelo 3O veces por semana.",))
    assert sorted(f.check for f in run_checks(msg, CheckContext("es"))) == [
        "characters", "numbers"]


# Glossary terms as whole words.

@pytest.mark.parametrize(("text", "term", "found"), [
    ("Tome Sensipar a diario.", "Sensipar", True),
    ("Tome Sensipar® a diario.", "Sensipar", True),
    ("Tome _Sensipar_.", "Sensipar", True),
    ("(Sensipar)", "Sensipar", True),
    ("Sensipar'ı alın.", "Sensipar", True),
    ("每天服用Sensipar。", "Sensipar", True),
    ("Sensipar를 복용하세요.", "Sensipar", True),
    ("تناول Sensipar يوميًا.", "Sensipar", True),
    ("Tome Sensiparo.", "Sensipar", False),
    ("Tome Sensipa.", "Sensipar", False),
    ("Tome xSensipar.", "Sensipar", False),
    ("Tome Sensipar2.", "Sensipar", False),
    ("Tome Sensiparо.", "Sensipar", False),  # Cyrillic о
    ("Tome Sensipar\u0301.", "Sensipar", False),  # a combining accent
    ("Tome Sensipar\u200bo.", "Sensipar", False),  # prints as Sensiparo
    ("Tome Ｓensipar.", "Sensipar", False),  # full-width S: not the term
    ("Tome ＸSensipar.", "Sensipar", False),  # full-width X glued on
    ("CUANDO", "CUA", False),
    ("Sensiparo y Sensipar", "Sensipar", True),
    ("服用硫代硫酸钠。", "硫代硫酸钠", True),
    ("El Tiosulfato de sodio ayuda.", "tiosulfato de sodio", True),
    ("El tiosulfato de sodios.", "tiosulfato de sodio", False),
])
def test_terms_match_as_whole_words(text: str, term: str, found: bool) -> None:
    assert contains_term(text, term, case_sensitive=not term.islower()) is found


@pytest.mark.parametrize("written", ["Sensiparo", "Sensipa", "sensipar", "Sensipars"])
def test_a_misspelt_do_not_translate_term_is_named(written: str) -> None:
    msg = Message(msgid="Take Sensipar daily.", msgstr=(f"Tome {written} a diario.",))
    [finding] = run_checks(msg, CheckContext("es", Glossary(do_not_translate=("Sensipar",))))
    assert finding.check == "glossary"
    assert finding.message == (f"'Sensipar' must appear unchanged (do-not-translate term): "
                               f"found {written!r} — a do-not-translate term must be written "
                               "exactly")


@pytest.mark.parametrize(("english", "translation"), [
    ("Sensipar's dose: take Sensipar.", "La dosis de Sensipar's: tome Sensipar."),
    ("Take Sensipar. Sensipar lowers calcium.", "Sensipar를 드세요. Sensipar는 칼슘을 낮춥니다."),
    ("WHEN CUA APPEARS", "CUANDO APARECE LA CUA"),
])
def test_a_term_written_twice_with_a_particle_or_inside_a_longer_word_is_kept(
        english: str, translation: str) -> None:
    brand = Glossary(do_not_translate=("Sensipar", "CUA"))
    msg = Message(msgid=english, msgstr=(translation,))
    assert run_checks(msg, CheckContext("es", brand)) == []
