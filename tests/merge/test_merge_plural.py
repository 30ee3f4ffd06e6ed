"""merge() when a message gains, loses or changes its plural English (issue 15).

The key (msgctxt, msgid) stays, so these are exact matches; what changes is the shape of
the translation. msgfmt refuses a plural with fewer forms than Plural-Forms declares, so
a translation that is merely "kept" becomes a broken file the day a translator clears the
fuzzy flag.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from calcii18n.locales import nplurals, plural_forms
from calcii18n.merge import forms_of, merge
from calcii18n.model import Catalog, Message
from calcii18n.po.format import format_po
from calcii18n.state import State, classify
from calcii18n.trust import Authority

from helpers import po, tmpl, tmsg, tr

TRUST = Authority().of("ar", "leaflet")

AR = ("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
      "n%100>=11 ? 4 : 5;")
RU = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
      "(n%100<10 || n%100>=20) ? 1 : 2);")


def with_header(catalog: Catalog, *fields: tuple[str, str]) -> Catalog:
    for name, value in fields:
        catalog = catalog.with_header(name, value)
    return catalog


def plural(ctxt: str | None, msgid: str, msgid_plural: str, *forms: str) -> Message:
    return Message(msgid=msgid, msgctxt=ctxt, msgid_plural=msgid_plural,
                   msgstr=forms or ("", ""))


def only(catalog: Catalog) -> Message:
    (message,) = catalog.messages
    return message


def test_singular_that_becomes_plural_gets_every_form_of_the_language() -> None:
    old = with_header(po(tr(None, "%(n)s tablet", "%(n)s قرص")), ("Plural-Forms", AR))
    result = merge(old, tmpl(plural(None, "%(n)s tablet", "%(n)s tablets")))
    out = only(result.catalog)
    assert out.msgid_plural == "%(n)s tablets"
    assert out.msgstr == ("%(n)s قرص",) * 6
    assert out.fuzzy and out.previous_msgid == "%(n)s tablet"
    assert out.previous_msgid_plural is None  # the plural is what is new
    assert classify(out, TRUST).state is State.STALE
    assert (result.summary.kept, result.summary.stale) == (0, 1)


def test_plural_that_becomes_singular_keeps_one_form_and_its_previous_english() -> None:
    old = with_header(po(plural("s", "%(n)s week", "%(n)s weeks", "a", "b", "c")),
                      ("Plural-Forms", RU))
    out = only(merge(old, tmpl(tmsg("s", "%(n)s week"))).catalog)
    assert (out.msgid_plural, out.msgstr) == (None, ("a",))
    assert out.fuzzy
    assert (out.previous_msgctxt, out.previous_msgid, out.previous_msgid_plural) == (
        "s", "%(n)s week", "%(n)s weeks")


def test_plural_that_becomes_singular_keeps_a_translation_that_is_not_in_the_first_form(
) -> None:
    """msgmerge keeps msgstr[0] even when it is empty: the translation would be lost."""
    old = with_header(po(plural(None, "day", "days", "", "дня", "")), ("Plural-Forms", RU))
    out = only(merge(old, tmpl(tmsg(None, "day"))).catalog)
    assert out.msgstr == ("дня",) and out.fuzzy


def test_untranslated_message_whose_plural_changes_stays_plain() -> None:
    """msgmerge leaves these plain; a fuzzy flag or `#|` lines would ask for a review of
    nothing. A fuzzy flag and previous English it had are dropped too."""
    old = with_header(po(
        tmsg(None, "dose", flags=("fuzzy", "no-wrap"), previous_msgid="a dose"),
        plural(None, "week", "weeks", "", "", ""),
        plural(None, "day", "days", "", "", "")), ("Plural-Forms", RU))
    new = tmpl(plural(None, "dose", "doses"), tmsg(None, "week"),
               plural(None, "day", "several days"))
    result = merge(old, new)
    dose, week, day = result.catalog.messages
    assert dose.msgstr == ("", "", "") and week.msgstr == ("",) and day.msgstr == ("", "", "")
    assert dose.flags == ("no-wrap",)
    for out in (dose, week, day):
        assert not out.fuzzy and not out.has_previous
    assert (result.summary.kept, result.summary.stale) == (3, 0)


def test_edited_plural_english_keeps_the_forms_and_shows_the_old_plural() -> None:
    old = with_header(po(plural(None, "tablet", "tablets a day", "a", "b", "c")),
                      ("Plural-Forms", RU))
    out = only(merge(old, tmpl(plural(None, "tablet", "tablets each day"))).catalog)
    assert (out.msgid_plural, out.msgstr) == ("tablets each day", ("a", "b", "c"))
    assert out.fuzzy and out.previous_msgid_plural == "tablets a day"


def test_stale_plural_edited_twice_keeps_the_english_it_was_translated_from() -> None:
    """A seeded plural used to keep the old msgid_plural: printed as the English, and taken
    by the next merge for the text the translation was made for."""
    old = with_header(po(plural(None, "Take 1 tablet daily", "Take {n} tablets daily",
                                "x", "y", "z")), ("Plural-Forms", RU))
    once = merge(old, tmpl(plural(None, "Take 1 tablet every day",
                                  "Take {n} tablets every day"))).catalog
    assert only(once).msgid_plural == "Take {n} tablets every day"
    twice = only(merge(once, tmpl(plural(None, "Take 1 tablet every single day",
                                         "Take {n} tablets every single day"))).catalog)
    assert twice.msgid_plural == "Take {n} tablets every single day"
    assert (twice.previous_msgid, twice.previous_msgid_plural) == (
        "Take 1 tablet daily", "Take {n} tablets daily")


def test_obsolete_message_that_returns_with_another_plural_takes_the_templates() -> None:
    gone_singular = replace(tr(None, "visit", "visita"), obsolete=True)
    gone_plural = replace(plural(None, "day", "days", "día", "días"), obsolete=True)
    old = with_header(po(obsolete=(gone_singular, gone_plural)),
                      ("Plural-Forms", "nplurals=2; plural=(n != 1);"))
    result = merge(old, tmpl(plural(None, "visit", "visits"), tmsg(None, "day")))
    visit, day = result.catalog.messages
    assert (visit.msgid_plural, visit.msgstr, visit.fuzzy) == ("visits", ("visita",) * 2, True)
    assert (day.msgid_plural, day.msgstr, day.fuzzy) == (None, ("día",), True)
    assert result.summary.resurrected == 2 and result.catalog.obsolete == ()


@pytest.mark.parametrize(("fields", "forms"), [
    ((("Plural-Forms", AR), ("Language", "ru")), 6),  # the file's own header wins
    ((("Language", "ar"),), 6),  # no Plural-Forms: our table for its Language
    ((("Language", "pt-BR"),), 2),
    ((("Language", "sr@latin"),), 3),
    ((("Language", "RU"),), 3),
    ((("Language", "xx"),), 2),  # unknown to the table: gettext's default
    ((), 2),
    ((("Plural-Forms", "nplurals=1000000000; plural=0;"), ("Language", "ja")), 1),
    ((("Plural-Forms", "nplurals=0; plural=0;"),), 2),
    ((("Plural-Forms", "plural=0;"), ("Language", "ja")), 1),
])
def test_forms_of_a_catalogue(fields: tuple[tuple[str, str], ...], forms: int) -> None:
    assert forms_of(with_header(po(), *fields)) == forms


def test_new_plural_in_a_catalogue_without_plural_forms_follows_its_language() -> None:
    """GNU msgmerge writes two forms here; the catalogue would need six the day its header
    is completed."""
    old = with_header(po(), ("Language", "ar"))
    assert only(merge(old, tmpl(plural(None, "day", "days"))).catalog).msgstr == ("",) * 6


# ---- GNU msgfmt: the file is valid once a translator clears every fuzzy flag ----------

def _cleared(catalog: Catalog) -> Catalog:
    """What a translator who accepts every suggestion leaves: no fuzzy, no `#|`."""
    messages = tuple(replace(m, flags=tuple(f for f in m.flags if f != "fuzzy"),
                             previous_msgctxt=None, previous_msgid=None,
                             previous_msgid_plural=None) for m in catalog.messages)
    return replace(catalog, messages=messages)


BEFORE = (
    tr(None, "%(count)s tablet", "T1 %(count)s", flags=("python-format",)),
    plural(None, "%(count)s week", "%(count)s weeks", *(f"W{i} %(count)s" for i in range(6))),
    tmsg(None, "%(count)s dose", flags=("python-format",)),
    plural(None, "Take %(count)s tablet daily", "Take %(count)s tablets daily",
           *(f"D{i} %(count)s" for i in range(6))),
    plural(None, "%(count)s day", "%(count)s days a week", *(f"A{i} %(count)s" for i in range(6))),
)
AFTER = (
    plural(None, "%(count)s tablet", "%(count)s tablets"),
    tmsg(None, "%(count)s week", flags=("python-format",)),
    plural(None, "%(count)s dose", "%(count)s doses"),
    plural(None, "Take %(count)s tablet every day", "Take %(count)s tablets every day"),
    plural(None, "%(count)s day", "%(count)s days each week"),
    plural(None, "%(count)s new page", "%(count)s new pages"),
)


def _sized(message: Message, forms: int) -> Message:
    return replace(message, msgstr=message.msgstr[:forms]) if message.msgid_plural else message


@pytest.mark.gettext
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed")
@pytest.mark.parametrize(("code", "formula"), [
    ("ar", AR), ("ru", RU), ("ja", "nplurals=1; plural=0;"),
    ("es", "nplurals=2; plural=(n != 1);"), ("ar", None)],
    ids=["ar", "ru", "ja", "es", "ar-language-only"])
def test_msgfmt_check_accepts_the_update_once_fuzzy_flags_are_cleared(
        tmp_path: Path, code: str, formula: str | None) -> None:
    """`formula` None: the catalogue has only a Language header; the forms come from our
    table, and the header we would write is added before msgfmt reads the file."""
    header = plural_forms(code) if formula is None else formula
    forms = nplurals(header)
    old = with_header(po(*(_sized(m, forms) for m in BEFORE)), ("Language", code),
                      *((("Plural-Forms", formula),) if formula else ()))
    template = tmpl(*(replace(m, flags=("python-format",)) for m in AFTER))
    merged = merge(old, template).catalog.with_header("Plural-Forms", header)
    path = tmp_path / "merged.po"
    path.write_text(format_po(_cleared(merged)), encoding="utf-8")
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
