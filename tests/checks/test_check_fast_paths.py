"""Shortcuts in the checks and status give what the general code gives (they exist only for
speed)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from calcii18n.checks import quantities, text
from calcii18n.status import word_count

_UNITS_TEXT = st.lists(st.sampled_from(
    [" ", "\u00a0", "5", "o", "d", "é", "s", "克", *(syn for syn, _ in quantities._UNIT_LOOKUP)]),
    max_size=8).map("".join)


@given(st.text(max_size=40) | st.from_regex(r"[ -~]{0,40}", fullmatch=True))
def test_length_shortcut_for_plain_ascii_counts_what_a_reader_sees(sample: str) -> None:
    seen = sum(1 for ch in sample if unicodedata.category(ch)[0] not in "ZCM")
    assert text._length(sample) == seen


def _unit_after_every_synonym(tail_text: str, pos: int) -> str | None:
    """quantities._unit_after as it was, trying every synonym in order."""
    tail = tail_text[pos:pos + 24].lstrip(" \u00a0\u202f")
    for synonym, unit in quantities._UNIT_LOOKUP:
        if tail.startswith(synonym):
            after = tail[len(synonym):len(synonym) + 1]
            last = synonym[-1]
            if not last.isalpha() or unicodedata.east_asian_width(last) == "W" or not (
                    after.isalpha()):
                return unit
    return None


@given(_UNITS_TEXT)
def test_unit_lookup_by_first_character_finds_what_trying_every_synonym_finds(
        sample: str) -> None:
    for pos in range(len(sample) + 1):
        assert quantities._unit_after(sample, pos) == _unit_after_every_synonym(sample, pos)


@given(st.lists(st.text(alphabet=st.sampled_from("ab1 '’\n-_é"), max_size=8), max_size=6))
def test_words_of_texts_joined_by_newlines_are_the_sum_of_their_words(
        texts: list[str]) -> None:
    assert word_count("\n".join(texts)) == sum(word_count(t) for t in texts)
