"""`calcii18n readability`: the numbers (SMOG, Flesch-Kincaid, long sentences), the
[readability] setting, the advisory scores of translations, the command's exit codes, and
the shipped English leaflets measured against the default threshold."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from calcii18n.cli import cli
from calcii18n.config import parse_config
from calcii18n.errors import ConfigError
from calcii18n.leaflet import readability as rd
from calcii18n.leaflet.source import Leaflet, parse_leaflet
from calcii18n.model import Catalog, Message
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.trust import Authority

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "sources").glob("*.md"))
KNOWN_PLACEHOLDERS = {"clinic_name", "clinic_phone", "emergency_number", "clinic_address",
                      "clinic_web"}

FRONT = """\
---
id: {id}
title: {title}
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

"""

PLAIN = FRONT.format(id="care", title="Wound care") + """\
## At home {#at-home}

Keep the wound clean and dry. Change the dressing each day.

- Wear loose clothes.
- Do not scratch the skin.

## Get help {#get-help}

> Call {clinic_phone} if the wound gets bigger.
"""

COMPLEX = FRONT.format(id="dense", title="Dense") + """\
## Pathophysiology {#pathophysiology}

Calciphylaxis, alternatively designated calcific uremic arteriolopathy, constitutes an \
uncommon but frequently devastating vasculopathy characterized by progressive medial \
calcification of cutaneous arterioles, intimal fibroproliferation and superimposed \
thrombosis, culminating in ischemic necrosis of subcutaneous adipose tissue.

Contemporary therapeutic considerations necessitate multidisciplinary evaluation, \
individualized anticoagulation decisions, intravenous administration of sodium \
thiosulfate, optimization of dialytic clearance and meticulous, systematically \
documented wound management.
"""

SPANISH = {
    "Wound care": "Cuidado de la herida",
    "At home": "En casa",
    "Keep the wound clean and dry. Change the dressing each day.":
        "Mantenga la herida limpia y seca. Cambie el apósito cada día.",
    "Wear loose clothes.": "Use ropa holgada.",
    "Do not scratch the skin.": "No se rasque la piel.",
    "Get help": "Pida ayuda",
    "Call {clinic_phone} if the wound gets bigger.":
        "Llame al {clinic_phone} si la herida crece.",
}


def parse(text: str, leaflet_id: str) -> Leaflet:
    return parse_leaflet(text, f"sources/{leaflet_id}.md", leaflet_id)


def smog(polysyllables: int, sentences: int) -> float:
    return 1.043 * math.sqrt(30 * polysyllables / sentences) + 3.1291


# --- plain text ---------------------------------------------------------------------

def test_plain_text_strips_markdown_and_fills_placeholders() -> None:
    text = "Call **{clinic_phone}** or see [our *site*](https://clinic.example) `now`"
    assert rd.plain_text(text) == f"Call {rd.PLACEHOLDER_WORD} or see our site now"
    assert rd.strip_markdown(text) == "Call {clinic_phone} or see our site now"


def test_literal_braces_are_not_placeholders() -> None:
    assert rd.plain_text("Write {{name}} and {name}") == f"Write {{name}} and {rd.PLACEHOLDER_WORD}"


@pytest.mark.parametrize(("block", "sentence"), [
    ("are a woman", "are a woman."),
    ("Your risk is higher if you:", "Your risk is higher if you."),
    ("Is it serious?", "Is it serious?"),
    ("It hurts (a lot).", "It hurts (a lot)."),
    ("", ""),
])
def test_every_block_ends_a_sentence(block: str, sentence: str) -> None:
    assert rd.as_sentence(block) == sentence


def test_split_sentences_keeps_decimals() -> None:
    assert rd.split_sentences("It is 2.5 cm wide. Call us! Why? Now") == [
        "It is 2.5 cm wide.", "Call us!", "Why?", "Now"]


# --- scores -----------------------------------------------------------------------------

def test_scores_of_one_syllable_words() -> None:
    scores = rd.score("The cat sat on the mat. The dog ran to the park. A bird sang in a tree.")
    assert (scores.words, scores.sentences, scores.polysyllables) == (18, 3, 0)
    assert scores.smog == pytest.approx(smog(0, 3))
    # 0.39 × words per sentence + 11.8 × syllables per word − 15.59
    assert scores.fk_grade == pytest.approx(0.39 * 18 / 3 + 11.8 - 15.59)


def test_smog_counts_words_of_three_or_more_syllables() -> None:
    # hospital (3) and medicine (3) are polysyllables; happy (2) is not.
    scores = rd.score("The hospital gave her medicine. She went home. They were happy.")
    assert (scores.sentences, scores.polysyllables) == (3, 2)
    assert scores.smog == pytest.approx(smog(2, 3))
    assert scores.smog == pytest.approx(7.79, abs=0.01)


def test_empty_text_scores_zero() -> None:
    assert rd.score("  ") == rd.Scores(0, 0, 0, 0.0, 0.0)


def test_english_syllables_never_need_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def no_download(*args: object, **kwargs: object) -> bool:
        raise AssertionError("nltk.download must not be called")

    monkeypatch.setattr(nltk, "download", no_download)
    # "arteriolopathy" is not in the CMU dictionary (hyphenation fallback); "dialysis"
    # is, with 4 syllables.
    scores = rd.score("Dialysis helps. Arteriolopathy hurts. Parathyroidectomies happen.")
    assert scores.polysyllables == 3


# --- leaflets -----------------------------------------------------------------------------

def test_leaflet_report_has_every_section() -> None:
    report = rd.leaflet_report(parse(PLAIN, "care"))
    assert [s.id for s in report.sections] == ["at-home", "get-help"]
    assert report.passed and report.smog_max == rd.DEFAULT_SMOG_MAX
    assert report.scores.words == sum(s.scores.words for s in report.sections)
    assert report.long_sentences == ()


def test_complex_leaflet_fails_and_lists_long_sentences() -> None:
    report = rd.leaflet_report(parse(COMPLEX, "dense"))
    assert report.scores.smog > 14
    assert not report.passed
    assert [(s.section, s.line) for s in report.long_sentences] == [
        ("pathophysiology", 12), ("pathophysiology", 14)]
    assert all(s.words > rd.LONG_SENTENCE for s in report.long_sentences)
    assert rd.leaflet_report(parse(COMPLEX, "dense"), smog_max=40).passed


def test_long_sentence_is_shown_as_written_and_counted_as_measured() -> None:
    words = " ".join(["word"] * 19)
    text = FRONT.format(id="x", title="X") + f"## A {{#a}}\n\nCall {{clinic_phone}} {words}.\n"
    (found,) = rd.long_sentences(parse(text, "x"))
    assert found.text == f"Call {{clinic_phone}} {words}."
    assert found.words == 21
    assert rd.long_sentences(parse(text, "x"), limit=21) == ()


# --- advisory scores of translations ------------------------------------------------------

def test_spanish_has_validated_formulas() -> None:
    adv = rd.advisory("es", list(SPANISH.values()), len(SPANISH))
    assert [f.name for f, _ in adv.values] == ["Fernández-Huerta", "Szigriszt-Pazos"]
    assert all(0 < value <= 121 for _, value in adv.values)
    assert adv.note == "" and adv.translated == adv.entries == len(SPANISH)


@pytest.mark.parametrize("locale", ["de", "fr", "it", "nl", "es_MX"])
def test_every_validated_language_scores(locale: str) -> None:
    adv = rd.advisory(locale, ["Eine kurze Zeile. Noch eine Zeile."], 1)
    assert adv.values and not adv.note


@pytest.mark.parametrize("locale", ["zh_Hans", "ar", "vi", "fa", "ur", "hi", "tl", "ru", "ko"])
def test_other_languages_say_no_validated_formula(locale: str) -> None:
    adv = rd.advisory(locale, ["钙化防御是一种罕见的疾病。", "التكلس الوعائي مرض نادر."], 2)
    assert adv.values == () and adv.note == rd.NO_FORMULA


def test_no_translations_is_skipped() -> None:
    adv = rd.advisory("es", [], 7)
    assert adv.values == () and "skipped" in adv.note and adv.entries == 7


def test_only_current_translations_are_scored() -> None:
    catalog = Catalog((), (), (), (
        Message("One.", ("Uno.",), "a"),
        Message("Two.", ("",), "a"),
        Message("Three.", ("Tres.",), "a", flags=("fuzzy",)),
        Message("Four.", ("Cuatro.",), "a", flags=("fuzzy",), previous_msgid="Old four."),
    ))
    assert rd.current_translations(catalog, Authority().of("es", "x")) == (["Uno."], 4)


# --- configuration ------------------------------------------------------------------------

def config(text: str) -> float:
    return parse_config(text, Path("/p/calcii18n.toml"), "calcii18n.toml").smog_max


def test_smog_max_defaults_to_eight() -> None:
    assert config("") == 8.0
    assert config("[readability]\n") == 8.0


def test_smog_max_is_read_from_the_readability_table() -> None:
    assert config('locales = ["es"]\n\n[readability]\nsmog_max = 6.5\n') == 6.5
    assert config("readability.smog_max = 9\n") == 9.0


@pytest.mark.parametrize(("text", "line", "message"), [
    ("[readability]\nsmog_maximum = 8\n", 2, "unknown setting readability.smog_maximum"),
    ("[readability]\nsmog_max = \"8\"\n", 2, "must be a number"),
    ("[readability]\nsmog_max = true\n", 2, "must be a number"),
    ("[readability]\nsmog_max = 0\n", 2, "must be a number"),
    ("readability = 8\n", 1, "readability must be a table"),
    ("readabilty = 8\n", 1, "unknown setting 'readabilty'"),
])
def test_bad_readability_settings(text: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        config(text)
    assert err.value.line == line
    assert message in err.value.message


# --- the command --------------------------------------------------------------------------

def invoke(project: Path, *args: str, code: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"),
                                      "readability", *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "care.md").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    return tmp_path


def translate_spanish(project: Path) -> None:
    runner = CliRunner()
    config = ["--config", str(project / "calcii18n.toml")]
    for args in (["extract"], ["init", "es"]):
        assert runner.invoke(cli, [*config, *args]).exit_code == 0
    path = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    catalog = parse_po(path.read_text(encoding="utf-8"), str(path))
    from dataclasses import replace
    messages = tuple(replace(m, msgstr=(SPANISH[m.msgid],)) for m in catalog.messages)
    path.write_text(format_po(replace(catalog, messages=messages)), encoding="utf-8")


def test_cli_reports_leaflet_and_sections(project: Path) -> None:
    out, err = invoke(project)
    assert out.startswith("sources/care.md: SMOG ")
    assert "-- pass (smog_max 8)" in out
    assert re.search(r"^  at-home\s+SMOG\s+[\d.]+\s+FK\s+-?[\d.]+", out, re.MULTILINE)
    assert re.search(r"^  get-help\s+SMOG", out, re.MULTILINE)
    assert "no sentence over 20 words" in out
    assert err == ""


def test_cli_fails_on_a_complex_leaflet(project: Path) -> None:
    (project / "sources" / "dense.md").write_text(COMPLEX, encoding="utf-8")
    out, err = invoke(project, code=1)
    assert "sources/care.md" in out and "-- pass" in out
    assert "sources/dense.md" in out and "-- FAIL" in out
    assert "sources/dense.md:12: [pathophysiology]" in out
    assert err.count("\n") == 1
    assert re.match(r"readability: sources/dense\.md: SMOG [\d.]+ is above smog_max 8 ", err)
    invoke(project, "care")  # one leaflet: the dense one is not looked at


def test_cli_threshold_comes_from_the_config(project: Path) -> None:
    (project / "sources" / "dense.md").write_text(COMPLEX, encoding="utf-8")
    (project / "calcii18n.toml").write_text("[readability]\nsmog_max = 40\n", encoding="utf-8")
    out, _ = invoke(project, "dense")
    assert "-- pass (smog_max 40)" in out
    (project / "calcii18n.toml").write_text("[readability]\nsmog_max = 2\n", encoding="utf-8")
    invoke(project, "care", code=1)


def test_cli_json(project: Path) -> None:
    (project / "sources" / "dense.md").write_text(COMPLEX, encoding="utf-8")
    out, _ = invoke(project, "--format", "json", code=1)
    care, dense = json.loads(out)
    assert (care["leaflet"], care["pass"], dense["pass"]) == ("care", True, False)
    assert set(care) >= {"path", "words", "sentences", "smog", "flesch_kincaid_grade",
                         "smog_max", "sections", "long_sentences"}
    assert [s["id"] for s in care["sections"]] == ["at-home", "get-help"]
    assert dense["long_sentences"][0]["line"] == 12
    assert "advisory" not in care


def test_cli_path_of_a_draft(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    draft = tmp_path_factory.mktemp("drafts") / "dense.md"
    draft.write_text(COMPLEX, encoding="utf-8")
    out, _ = invoke(project, str(draft), code=1)
    assert "dense.md: SMOG" in out


def test_cli_errors_are_one_line(project: Path) -> None:
    _, err = invoke(project, "missing", code=2)
    assert err == "error: sources/missing.md: no leaflet 'missing' in sources/\n"
    _, err = invoke(project, "--locale", "xx", code=2)
    assert err.startswith("error: --locale: ") and err.count("\n") == 1
    (project / "calcii18n.toml").write_text("[readability]\nsmog_max = 'x'\n",
                                            encoding="utf-8")
    _, err = invoke(project, code=2)
    assert "readability.smog_max must be a number" in err


def test_cli_advisory_for_spanish(project: Path) -> None:
    translate_spanish(project)
    out, _ = invoke(project, "--locale", "es")
    line = out.splitlines()[-1]
    assert line.startswith("  es (advisory): Fernández-Huerta ")
    assert "Szigriszt-Pazos" in line and f"from {len(SPANISH)} of {len(SPANISH)} entries" in line
    data = json.loads(invoke(project, "--locale", "es", "--format", "json")[0])
    advisory = data[0]["advisory"]
    assert [f["name"] for f in advisory["formulas"]] == ["Fernández-Huerta", "Szigriszt-Pazos"]
    assert advisory["note"] is None


def test_cli_advisory_skips_without_translations(project: Path) -> None:
    out, _ = invoke(project, "--locale", "de")
    assert "de (advisory): no catalogue locale/de/LC_MESSAGES/care.po: skipped" in out


@pytest.mark.parametrize("locale", ["zh_Hans", "ar", "vi", "ur"])
def test_cli_never_crashes_without_a_formula(project: Path, locale: str) -> None:
    out, _ = invoke(project, "--locale", locale)
    assert f"{locale} (advisory): no validated formula" in out
    data = json.loads(invoke(project, "--locale", locale, "--format", "json")[0])
    assert data[0]["advisory"]["formulas"] == []


# --- the shipped English leaflets ---------------------------------------------------------

def shipped() -> list[Leaflet]:
    return [parse_leaflet(p.read_text(encoding="utf-8"), f"sources/{p.name}", p.stem)
            for p in SHIPPED]


def test_there_are_four_shipped_leaflets() -> None:
    assert [p.stem for p in SHIPPED] == ["calciphylaxis-overview", "treatment-and-wound-care",
                                         "warning-signs", "your-appointment"]


@pytest.mark.parametrize("leaflet", shipped(), ids=lambda lf: lf.id)
def test_shipped_leaflets_pass_at_the_default_threshold(leaflet: Leaflet) -> None:
    report = rd.leaflet_report(leaflet)
    assert report.passed, f"{leaflet.id}: SMOG {report.scores.smog:.1f}"
    assert report.long_sentences == ()
    assert 250 <= report.scores.words <= 480


@pytest.mark.parametrize("leaflet", shipped(), ids=lambda lf: lf.id)
def test_shipped_leaflets_keep_the_style_rules(leaflet: Leaflet) -> None:
    blocks = [b for s in leaflet.sections for b in s.blocks]
    items: dict[int, int] = {}
    for b in blocks:
        if b.kind in ("bullet", "numbered"):
            items[b.group] = items.get(b.group, 0) + 1
    assert max(items.values(), default=0) <= 5
    used = {name for b in blocks for name in re.findall(r"\{([a-z_]+)\}", b.text)}
    assert used <= KNOWN_PLACEHOLDERS
    assert re.search(r"\d+\s*(mg|ml|g)\b", " ".join(b.text for b in blocks)) is None
    assert leaflet.meta.references


def test_shipped_project_passes_through_the_cli() -> None:
    result = CliRunner().invoke(cli, ["--config", str(REPO / "calcii18n.toml"), "readability"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("-- pass (smog_max 8)") == 4


# -- in the build (issue 17, item 8) ------------------------------------------------------

def _build(folder: Path, *sources: str) -> tuple[int, str]:
    """A project made by `new`, its example leaflet replaced by `sources`, built."""
    project = folder / "project"
    assert CliRunner().invoke(cli, ["new", str(project)]).exit_code == 0
    for old in (project / "sources").glob("*.md"):
        old.unlink()
    for text in sources:
        leaflet_id = re.search(r"^id: (\S+)", text, re.M).group(1)  # type: ignore[union-attr]
        (project / "sources" / f"{leaflet_id}.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), "build",
                                      "--format", "html"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_build_reports_each_leaflets_smog_and_fails_above_smog_max(tmp_path: Path) -> None:
    code, out = _build(tmp_path, PLAIN, COMPLEX)
    assert code == 1
    assert re.search(r"error: sources/dense\.md: SMOG \d+\.\d is above smog_max 8", out)
    assert "sources/care.md" not in out  # plain words: neither error nor warning
    assert "Readability (SMOG, English):" in out


def test_build_warns_above_the_aim_and_still_passes(tmp_path: Path) -> None:
    middling = FRONT.format(id="mid", title="Middling") + """\
## Treatment {#treatment}

Your kidney team may suggest a medicine. It is given into a vein during dialysis. Keep \
the wound clean and dry. Change the dressing each day. Ask your nurse about pain relief.
"""
    report = rd.leaflet_report(parse(middling, "mid"))
    assert rd.SMOG_AIM < round(report.scores.smog, 1) <= rd.DEFAULT_SMOG_MAX
    code, out = _build(tmp_path, middling)
    assert code == 0
    assert f"warning: sources/mid.md: SMOG {report.scores.smog:.1f}, above the 6" in out
