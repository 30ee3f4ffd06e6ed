"""A suggestion never brings a figure the new English lacks (merge/figures.py): the doses,
intervals and phone numbers a reviewer found in the first version of this rule."""

from __future__ import annotations

import pytest

from calcii18n.merge import Remembered, merge
from calcii18n.merge.figures import brings_no_figure

from helpers import po, tmpl, tmsg, tr

REFUSED = [
    ("Take 5 ml twice a day.", "Take 0.5 ml twice a day."),  # ten times the dose
    ("Take 2 mg in the morning.", "Take 2.5 mg in the morning."),
    ("Apply 1% cream to the skin.", "Apply 0.1% cream to the skin."),
    ("Take 10 mg at 1 pm.", "Take 1 mg at 10 pm."),  # the same numbers, swapped
    ("Take 1 tablet 2 times a day.", "Take 2 tablets 1 time a day."),
    ("Take \u00bd tablet.", "Take 1 tablet."),  # ½ is read as 1 and 2, as the checks do
    ("Use 2 m\u00b2 of gauze.", "Use 2 m\u00b3 of gauze."),
    ("Take one tablet daily.", "Take two tablets daily."),
    ("Change the dressing every two days.", "Change the dressing every day."),
    ("Call 0161 496 0000 today.", "Call 0161 496 0999 today."),
    ("Take \uff15 mg.", "Take 50 mg."),  # a full-width 5 is a 5
    # found by a second review: an amount word added, a digit swapped with a word, phone
    # numbers swapped, another unit, another interval or time of day
    ("Take 1 tablet daily with food.", "Take 1 tablet twice daily with food."),
    ("Take a tablet every day.", "Take two tablets every day."),
    ("Take 2 tablets, then one every 4 hours.", "Take one tablet, then 2 every 4 hours."),
    ("Call 0161 496 0000 for the ward, 0161 496 0999 for the pharmacy.",
     "Call 0161 496 0999 for the ward, 0161 496 0000 for the pharmacy."),
    ("Take 5 ml of the syrup.", "Take 5 mg of the syrup."),
    ("Take it once a week.", "Take it once a day."),
    ("Take it every 4 hours.", "Take it every 4 days."),
    ("Take it at 8 am.", "Take it at 8 pm."),
    ("Take it in the morning.", "Take it at night."),
    ("Do not take a double dose.", "Do not take a single dose."),
    ("Keep it dry.", "Keep it dry for 2 days."),  # "days": no check reads the word
    ("Keep it dry.", "Keep it dry for 2 weeks or more."),
    # positions are found in the text itself: "ﬁ" case-folds to two letters, and cutting the
    # original at the folded text's positions read "15" as "5"
    ("\ufb01\ufb01 twice 5 ml", "\ufb01\ufb01 twice 15 ml"),
]
OFFERED = [
    ("Keep the dressing dry.", "Keep the dressing clean and dry."),
    ("Keep the wound dry.", "Keep the wound clean and dry."),
    ("Take 2 tablets daily.", "Take 2 tablets daily with food."),
    ("Take 2 tablets.", "Take 2 tablets with 100 ml of water."),  # added: the checks see it
    ("Take 1 tablet, then 2 more.", "Take 1 tablet with water, then 2 more."),
    ("Take it every 4 hours.", "Take it every 4 hours, with food."),
    ("This is the same as PyDict_GetItem.", "This is the same as PyDict_SetItem, in UTF-8."),
]


@pytest.mark.parametrize(("source", "new"), REFUSED)
def test_a_figure_the_new_english_lacks_refuses_the_suggestion(source: str, new: str) -> None:
    assert not brings_no_figure(source, new)


@pytest.mark.parametrize(("source", "new"), OFFERED)
def test_figures_the_new_english_keeps_in_order_allow_it(source: str, new: str) -> None:
    assert brings_no_figure(source, new)


def test_neither_a_similar_message_nor_memory_suggests_another_dose() -> None:
    kept = tr("dose", "Take 5 ml twice a day.", "Tome 5 ml dos veces al día.")
    new = tmsg("dose", "Take 0.5 ml twice a day.")
    out = {m.key: m for m in merge(po(kept), tmpl(kept, new)).catalog.messages}
    assert not out[new.key].has_translation and not out[new.key].fuzzy
    memory = [Remembered(kept.msgid, kept.msgstr[0], "other-leaflet", True)]
    (alone,) = merge(po(), tmpl(new), memory).catalog.messages
    assert not alone.has_translation and not alone.fuzzy
    same = tmsg("dose", "Take 5 ml twice a day, with food.")
    (offered,) = merge(po(), tmpl(same), memory).catalog.messages
    assert offered.msgstr == kept.msgstr and offered.fuzzy


def test_memory_refuses_a_pair_before_it_chooses_so_each_new_text_gets_its_own() -> None:
    """The closest remembered English for each new text brings another dose; the next
    closest does not. Filtering after the pairs were chosen left both empty."""
    memory = [Remembered("Take 5 ml of the syrup twice a day.", "CINCO", "a", True),
              Remembered("Take 0.5 ml of the syrup twice a day, slowly.", "MEDIO", "b", True)]
    small = tmsg("dose", "Take 0.5 ml of the syrup twice a day.")
    large = tmsg("dose", "Take 5 ml of the syrup twice a day, with food.")
    out = {m.key: m for m in merge(po(), tmpl(small, large), memory).catalog.messages}
    assert out[small.key].msgstr == ("MEDIO",) and out[large.key].msgstr == ("CINCO",)
