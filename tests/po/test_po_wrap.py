"""The writer's fast path for plain Latin text breaks exactly where the ICU path does.

The ICU path is itself checked against msgcat (tests/po/test_interop_gettext.py); here we check
that skipping it changes nothing, on random text built from the tokens the fast path accepts
and from near misses it must refuse.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_interop_gettext import assert_msgcat_fixed_point, header, needs

from calcii18n.model import Catalog, Message
from calcii18n.po import wrap
from calcii18n.po.format import format_po

PLAIN_TOKENS = ["kidney", "Wound", "día", "señal", "Ärztin", "ŵ", "don't", "patient's",
                "12", "1.5", "2,5", "100,000", "(call", "¡Llame", "¿Dónde", "team.", "now,",
                "skin;", "first:", "help!", "why?", "(CKD)", "x).", "5mg", "a"]
# Tokens that look plain but are not: the fast path must hand them to ICU.
OTHER_TOKENS = ["well-known", "e.g.", "a/b", "50%", "£5", '"quoted"', "it'", "'s", "«así»",
                "x\ty", "肾", "كلية", "—", "a.b", "1.a", "((x", "x(", "\\", "e\u0301"]


@st.composite
def texts(draw: st.DrawFn, tokens: list[str]) -> str:
    words = draw(st.lists(st.sampled_from(tokens), min_size=1, max_size=30))
    spaces = draw(st.lists(st.sampled_from([" ", " ", " ", "  "]), min_size=len(words),
                           max_size=len(words)))
    lead = draw(st.sampled_from(["", "", " "]))
    end = draw(st.sampled_from(["", "", " ", "\n"]))
    return lead + "".join(w + s for w, s in zip(words, spaces, strict=True)).rstrip() + end


@settings(max_examples=400, deadline=None)
@given(text=texts(PLAIN_TOKENS))
def test_fast_path_breaks_where_icu_does(text: str) -> None:
    assert wrap._PLAIN.fullmatch(text.removesuffix("\n")), text
    assert wrap._units(text) == wrap._units_icu(text)


@settings(max_examples=400, deadline=None)
@given(text=texts(PLAIN_TOKENS + OTHER_TOKENS))
def test_mixed_text_breaks_where_icu_does(text: str) -> None:
    assert wrap._units(text) == wrap._units_icu(text)


@pytest.mark.parametrize("token", OTHER_TOKENS)
def test_near_misses_are_not_plain(token: str) -> None:
    assert not wrap._PLAIN.fullmatch(f"take {token} now")


def test_a_text_that_fits_is_not_broken() -> None:
    assert wrap.wrap_string("msgid", "Call the team.") == ['msgid "Call the team."']
    # 79 columns exactly: msgid, a space, two quotes and 71 characters.
    assert wrap.wrap_string("msgid", "a " * 35 + "b") == [f'msgid "{"a " * 35}b"']
    assert wrap.wrap_string("msgid", "a " * 35 + "bc")[0] == 'msgid ""'


@needs("msgcat")
@settings(max_examples=30, deadline=None)
@given(entries=st.lists(texts(PLAIN_TOKENS), min_size=4, max_size=12, unique=True))
def test_msgcat_keeps_plain_text_layout(entries: list[str], tmp_path_factory: pytest.TempPathFactory
                                        ) -> None:
    catalog = Catalog(header("es"), messages=tuple(
        Message(msgid=text, msgstr=(entries[i - 1],)) for i, text in enumerate(entries)))
    assert_msgcat_fixed_point(format_po(catalog), tmp_path_factory.mktemp("plain") / "p.po")


def test_markdown_list_items_take_the_icu_path() -> None:
    assert not wrap._PLAIN.fullmatch("- Call the clinic")


# Where libunistring's older line-breaking rules (GNU msgcat) differ from ICU's, each found
# by a differential probe of every pair of line-break classes against msgcat: a pair, and
# the unbreakable units of "ab" + pair + "cd" (escaped, as GNU breaks the escaped text).
LIBUNISTRING_PAIRS = [
    (")\t", ["ab)\\tcd"]),     # old LB25 "CP × PR": `\` of an escape is PR (hypothesis found it)
    (')"', ['ab)\\"cd']),       # ... an escaped quote too
    ("}$", ["ab}$cd"]), ("、%", ["ab、%cd"]),  # CL × PR, CL × PO
    (")\u0301$", ["ab)\u0301$cd"]),  # ... with a combining mark between (LB9)
    ("/5", ["ab/5cd"]),          # SY × NU, outside a number too
    (".%", ["ab.", "%cd"]), ("/$", ["ab/", "$cd"]),  # IS ÷ PO, SY ÷ PR outside a number
    ("\u00a0-", ["ab\u00a0-", "cd"]),  # no LB20a: after a hyphen, a letter may break
    ("\u00a0\u2010", ["ab\u00a0\u2010", "cd"]),  # ... after U+2010 (BA) too
    ("\u05d0|", ["ab\u05d0|cd"]),  # LB21a "HL BA ×", which ICU narrowed to hyphens
    (".\u0301", ["ab.\u0301", "cd"]), (".§", ["ab.", "§cd"]),  # IS (with marks) ÷ a letter
    ("\u200b'", ["ab\u200b", "'cd"]),  # LB8 ZW ÷, even before a quotation mark
]


@pytest.mark.parametrize(("pair", "units"), LIBUNISTRING_PAIRS)
def test_libunistring_break_rules(pair: str, units: list[str]) -> None:
    assert wrap._units("ab" + pair + "cd") == units


@needs("msgcat")
def test_msgcat_agrees_on_every_pair_near_the_margin(tmp_path_factory: pytest.TempPathFactory
                                                     ) -> None:
    messages = []
    for n, (pair, _) in enumerate(LIBUNISTRING_PAIRS):  # as msgid and as #| msgid
        for fill in (66, 67, 68, 69, 70, 71, 72, 73):
            text = "x" * fill + pair + "yyyyyy"
            messages.append(Message(msgid=text, msgctxt=f"{n}-{fill}", msgstr=("",)))
            messages.append(Message(msgid=f"{n}-{fill}", msgstr=("y",), flags=("fuzzy",),
                                    previous_msgid=text))
    catalog = Catalog(header("es"), messages=tuple(messages))
    assert_msgcat_fixed_point(format_po(catalog), tmp_path_factory.mktemp("pairs") / "p.po")
