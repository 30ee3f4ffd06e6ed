"""Issue 16, item 4: glossary terms with a status.

A deprecated or forbidden term in a translation whose English has the glossary term is a
`glossary-forbidden` error; a missing preferred term is a `glossary-term` warning that an
admitted term also satisfies, and that allows endings in the locales listed `inflected`.
The glossary's TOML form is validated with the line of each mistake.
"""

from __future__ import annotations

import pytest

from calcii18n import checks
from calcii18n.checks import REGISTRY, CheckContext, Finding, Severity, run_checks
from calcii18n.errors import Calcii18nError
from calcii18n.glossary import Concept, Glossary, LocaleTerms, parse_glossary
from calcii18n.model import Message

TOML = '''\
do_not_translate = ["CUA"]
inflected = ["fi", "pl-PL"]

[terms."sodium thiosulfate"]
note = "Given into a vein during dialysis."
es = { preferred = "tiosulfato de sodio", admitted = ["STS"], deprecated = [
  "tiosulfato"], forbidden = ["hiposulfito"], note = "Nombre completo." }
es_MX = "tiosulfato sódico"
fi = "natriumtiosulfaatti"
pl = "tiosiarczan sodu"

[terms."sodium thiosulfate".fr]
preferred = "thiosulfate de sodium"
forbidden = ["hyposulfite"]

[terms."calciphylaxis"]
de = { forbidden = ["Kalkablagerung"] }
fi = { preferred = "kalsifylaksia", forbidden = ["kalkkeutuma"] }
'''
GLOSSARY = parse_glossary(TOML, "locale/glossary.toml")


def findings(english: str, translation: str, locale: str = "es",
             glossary: Glossary = GLOSSARY) -> list[tuple[str, str]]:
    found = run_checks(Message(english, msgstr=(translation,)), CheckContext(locale, glossary))
    return [(f.check, f.message) for f in found if f.check.startswith("glossary")]


def test_the_toml_form_with_statuses_notes_and_inflected_locales() -> None:
    concept = GLOSSARY.concepts[0]
    assert concept.note == "Given into a vein during dialysis."
    assert concept.locales[0] == LocaleTerms(
        "es", "tiosulfato de sodio", ("STS",), ("tiosulfato",), ("hiposulfito",),
        "Nombre completo.")
    assert concept.locales[-1] == LocaleTerms("fr", "thiosulfate de sodium",
                                              forbidden=("hyposulfite",))
    assert GLOSSARY.inflected == ("fi", "pl_PL")
    assert GLOSSARY.required("es") == [("sodium thiosulfate", "tiosulfato de sodio")]
    assert GLOSSARY.terms[1] == ("calciphylaxis", (("fi", "kalsifylaksia"),))


def test_the_old_shape_still_builds_the_same_glossary() -> None:
    old = Glossary(terms=(("dialysis", (("es", "diálisis"),)),))
    assert old == parse_glossary('[terms."dialysis"]\nes = "diálisis"\n', "g.toml")
    assert old.concepts == (Concept("dialysis", (LocaleTerms("es", "diálisis"),)),)
    assert hash(old) == hash(Glossary(concepts=old.concepts))
    with pytest.raises(ValueError, match="disagree"):
        Glossary(terms=(("x", (("es", "y"),)),), concepts=old.concepts)


# --- glossary-forbidden -------------------------------------------------------------------


def test_a_forbidden_or_deprecated_term_is_an_error_naming_status_and_preferred() -> None:
    assert findings("Take sodium thiosulfate.", "Tome tiosulfato de sodio, no hiposulfito.") == [
        ("glossary-forbidden", "'hiposulfito' is a forbidden term for 'sodium thiosulfate' in "
         "es: use 'tiosulfato de sodio' (Nombre completo.)")]
    assert findings("Sodium thiosulfate helps.", "El tiosulfato ayuda.") == [
        ("glossary-forbidden", "'tiosulfato' is a deprecated term for 'sodium thiosulfate' in "
         "es: use 'tiosulfato de sodio' (Nombre completo.)"),
        ("glossary-term", "'sodium thiosulfate' should be translated as 'tiosulfato de "
         "sodio' or 'STS'")]
    [finding] = run_checks(Message("Take sodium thiosulfate.",
                                   msgstr=("Prenez l'HYPOSULFITE.",)),
                           CheckContext("fr", GLOSSARY))[:1]
    assert (finding.check, finding.severity, finding.blocking) == (
        "glossary-forbidden", Severity.ERROR, True)


def test_only_where_the_english_has_the_term() -> None:
    """A forbidden word is often an ordinary word elsewhere: no error there."""
    assert findings("Take your tablets.", "Tome el hiposulfito.") == []


def test_inside_the_preferred_term_is_not_a_use_of_the_deprecated_one() -> None:
    assert findings("Take sodium thiosulfate.", "Tome tiosulfato de sodio.") == []
    assert findings("Take sodium thiosulfate.", "Tome STS.") == []


def test_a_concept_with_only_forbidden_terms_and_no_preferred_one() -> None:
    assert findings("Calciphylaxis is rare.", "Kalkablagerung ist selten.", "de") == [
        ("glossary-forbidden", "'Kalkablagerung' is a forbidden term for 'calciphylaxis' in "
         "de")]
    assert findings("Calciphylaxis is rare.", "Kalziphylaxie ist selten.", "de") == []


def test_a_forbidden_term_is_matched_exactly_even_where_endings_are_allowed() -> None:
    english = "Calciphylaxis is rare."
    assert findings(english, "Kalkkeutuma on harvinainen, kalsifylaksia.", "fi") == [
        ("glossary-forbidden", "'kalkkeutuma' is a forbidden term for 'calciphylaxis' in fi: "
         "use 'kalsifylaksia'")]
    assert findings(english, "Kalsifylaksiaa ja kalkkeutumaa.", "fi") == []  # whole words only


def test_regional_entries_and_fallbacks() -> None:
    english = "Take sodium thiosulfate."
    assert findings(english, "Tome hiposulfito o tiosulfato sódico.", "es_MX") == []
    assert findings(english, "Tome tiosulfato de sodio.", "es_AR") == []  # es's entry
    regional = Glossary(concepts=(Concept("sodium thiosulfate", (
        LocaleTerms("es_ES", "tiosulfato de sodio", forbidden=("hiposulfito",)),)),))
    assert [c for c, _ in findings(english, "Tome hiposulfito.", "es", regional)] == [
        "glossary-forbidden", "glossary-term"]  # es takes the one regional entry


def test_removing_the_check_would_let_a_forbidden_term_through(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests above fail without the check: with it gone, nothing blocks."""
    message = Message("Take sodium thiosulfate.", msgstr=("Tome tiosulfato de sodio "
                                                          "(hiposulfito).",))
    assert REGISTRY["glossary-forbidden"].severity is Severity.ERROR
    assert any(f.blocking for f in run_checks(message, CheckContext("es", GLOSSARY)))
    monkeypatch.setattr(checks, "REGISTRY",  # (a new dict: the registry's order stays)
                        {k: v for k, v in REGISTRY.items() if k != "glossary-forbidden"})
    found: list[Finding] = run_checks(message, CheckContext("es", GLOSSARY))
    assert not any(f.blocking for f in found)


# --- glossary-term --------------------------------------------------------------------------


def test_an_admitted_term_counts_as_the_term() -> None:
    assert findings("Take sodium thiosulfate.", "Tome STS por vía intravenosa.") == []
    assert findings("Take sodium thiosulfate.", "Tome el medicamento.") == [
        ("glossary-term", "'sodium thiosulfate' should be translated as 'tiosulfato de "
         "sodio' or 'STS'")]


@pytest.mark.parametrize(("locale", "translation"), [
    ("fi", "Saat natriumtiosulfaatilla hoitoa."),  # adessive, consonant gradation tt -> t
    ("fi", "Natriumtiosulfaatin annos."),  # genitive
    ("pl_PL", "Leczenie tiosiarczanem sodu."),  # instrumental
    ("pl", "Leczenie tiosiarczanem sodu."),  # pl_PL is listed; pl shares nothing with it
])
def test_endings_are_allowed_in_inflected_locales(locale: str, translation: str) -> None:
    found = findings("Take sodium thiosulfate.", translation, locale)
    assert found == ([] if locale != "pl" else [
        ("glossary-term", "'sodium thiosulfate' should be translated as 'tiosiarczan "
         "sodu'")])


def test_endings_are_not_allowed_elsewhere_and_not_without_limit() -> None:
    uninflected = Glossary(concepts=GLOSSARY.concepts)  # the same terms, no `inflected`
    assert findings("Take sodium thiosulfate.", "Saat natriumtiosulfaatilla hoitoa.", "fi",
                    uninflected) == [("glossary-term", "'sodium thiosulfate' should be "
                                      "translated as 'natriumtiosulfaatti'")]
    for wrong in ("Saat natriumia.", "Saat natriumtiosulfaattivalmisteellakin."):
        assert [c for c, _ in findings("Take sodium thiosulfate.", wrong, "fi")] == [
            "glossary-term"]


# --- the TOML, refused with its line ----------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ('[terms."x"]\nes = { preferred = "a", admitted = ["A"] }\n',
     "g.toml:2: terms.x.es: 'A' is both preferred and admitted"),
    ('[terms."x".es]\npreferred = "a"\n\nforbidden = ["b", "b"]\n',
     "g.toml:4: terms.x.es: 'b' is listed twice as forbidden"),
    ('[terms."x".es]\npreferred = "a"\nbanned = ["b"]\n',
     "g.toml:3: unknown key 'banned' in terms.x.es (known: preferred, admitted, "
     "deprecated, forbidden, note)"),
    ('[terms."x"]\nes = { note = "only a note" }\n',
     "g.toml:2: terms.x.es: give at least one term (preferred, admitted, deprecated or "
     "forbidden)"),
    ('[terms."x"]\nes = { forbidden = "b" }\n',
     "g.toml:2: terms.x.es.forbidden must be a list of non-empty texts"),
    ('[terms."x"]\nes = { preferred = " " }\n',
     "g.toml:2: terms.x.es.preferred must be a non-empty text"),
    ('[terms."x"]\nnote = 5\n', "g.toml:2: terms.x.note must be a text without control "
                                "characters"),
    ('[terms."x"]\nes = "a"\n"es-es" = "b"\nes_ES = "c"\n',
     "g.toml:4: terms.x.es_ES: es_ES is given twice"),
    ('[terms."x"]\nes = "a\\u0007b"\n',
     "g.toml:2: terms.x.es: 'a\\x07b' holds a control character (U+0007): a term is one "
     "line of text"),
    ('\ninflected = ["fi", "finnish"]\n',
     "g.toml:2: inflected: 'finnish' is not a locale code (examples: es, zh_Hans, pt_BR, "
     "ar)"),
    ('inflected = "fi"\n', 'g.toml:1: inflected must be a list of locale codes, such as '
                           '["fi", "pl"]'),
    ('[terms.""]\nes = "a"\n', "g.toml:1: the English term '' is empty"),
    ('stopwords = []\n', "g.toml:1: unknown key 'stopwords' (known: do_not_translate, "
                         "inflected, terms)"),
    ('do_not_translate = ["dialysis"]\n\n[terms.dialysis]\nfr = { forbidden = ["x"] }\n'
     'es = "diálisis"\n', "g.toml:5: terms.dialysis.es: 'dialysis' is in do_not_translate: "
                          "keep it unchanged or translate it, not both"),
    ('do_not_translate = ["CUA"]\n\n[terms." cua ".es]\nforbidden = ["AUC"]\nadmitted = '
     '["AUC2"]\n', "g.toml:3: terms. cua .es: 'cua' is in do_not_translate: keep it "
                   "unchanged or translate it, not both"),
])
def test_glossary_mistakes_name_their_line(text: str, message: str) -> None:
    with pytest.raises(Calcii18nError) as err:
        parse_glossary(text, "g.toml")
    assert str(err.value) == message


def test_a_do_not_translate_term_may_have_a_note_and_forbidden_terms() -> None:
    """Kept unchanged and never replaced by "AUC": nothing for `check` to contradict."""
    glossary = parse_glossary('do_not_translate = ["CUA"]\n\n[terms.CUA]\nnote = "Calcific '
                              'uraemic arteriolopathy"\nes = { forbidden = ["AUC"] }\n', "g")
    assert glossary.translated_but_kept() is None
    assert findings("CUA is rare.", "La CUA es rara.", glossary=glossary) == []
    assert findings("CUA is rare.", "La AUC es rara.", glossary=glossary) == [
        ("glossary", "'CUA' must appear unchanged (do-not-translate term)"),
        ("glossary-forbidden", "'AUC' is a forbidden term for 'CUA' in es")]
