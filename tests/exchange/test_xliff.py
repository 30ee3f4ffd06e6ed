"""XLIFF export on values: the state table, inline codes, ids, schema validity, and what
translate-toolkit's readers see in every file we write."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from xsd import xliff_errors

from calcii18n.exchange.inline import join, split
from calcii18n.exchange.xliff import MAPPING, Leaflet, Unit, unit_id, write_xliff
from calcii18n.exchange.xliff_read import read_xliff
from calcii18n.model import Message
from calcii18n.state import State

HELP = Message("**Get help now.** Call {emergency_number} at once.", msgctxt="help",
               msgstr=("Llame al {emergency_number} ya. **Ayuda ahora.**",),
               extracted_comments=("Section: Help", "Block: paragraph"))
STALE = Message("Take 2 tablets.", msgctxt="dose", msgstr=("Tome 1 comprimido.",),
                flags=("fuzzy",), previous_msgid="Take 1 tablet.")
EMPTY = Message("Keep the wound dry.", msgctxt="care", msgstr=("",))
DRUG = Message("CUA", msgctxt="names", msgstr=("",))
UNITS = (Unit(HELP, State.REVIEWED, signed="signed by clinical on 2026-12-01, sha256:ab"),
         Unit(STALE, State.STALE), Unit(EMPTY, State.UNTRANSLATED),
         Unit(DRUG, State.UNTRANSLATED, locked=True),
         Unit(Message("Rest.", msgctxt="care", msgstr=("Descanse.",)), State.FUZZY,
              machine=True),
         Unit(Message("Sleep.", msgctxt="care", msgstr=("Duerma.",), flags=("fuzzy",)),
              State.FUZZY),
         Unit(Message("Walk.", msgctxt="care", msgstr=("Camine.",)), State.TRANSLATED))
LEAFLETS = [Leaflet("warning-signs", UNITS), Leaflet("ui", (Unit(
    Message("Page %(num)s of %(total)s", msgstr=("Página %(num)s de %(total)s",)),
    State.TRANSLATED),))]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_what_we_write_is_valid_against_the_oasis_schema(version: str) -> None:
    assert xliff_errors(write_xliff("es", LEAFLETS, version, "0.1")) == []


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_our_reader_gets_back_ids_sources_targets_and_states(version: str) -> None:
    back = read_xliff(write_xliff("es", LEAFLETS, version, "0.1"), "x.xlf")
    assert back.locale == "es" and [f for f, _ in back.leaflets] == ["warning-signs", "ui"]
    got = {u.id: u for u in back.units}
    for leaflet in LEAFLETS:
        for unit in leaflet.units:
            returned = got[unit_id(leaflet.id, unit.msg)]
            assert returned.source == unit.msg.msgid
            assert returned.target == (unit.msg.msgstr[0] or None)
    reviewed = got[unit_id("warning-signs", HELP)]
    assert reviewed.agency_done  # what WE say goes out as signed-off / final
    machine = got[unit_id("warning-signs", UNITS[4].msg)]
    assert machine.machine and not machine.agency_done
    stale = got[unit_id("warning-signs", STALE)]
    assert not stale.agency_done and (stale.unfinished or version == "2.0")


def test_the_state_table_in_1_2() -> None:
    text = write_xliff("es", LEAFLETS, "1.2", "0.1").decode()
    for unit in UNITS:
        state, qualifier, _, _ = MAPPING[unit.handoff]
        start = text.index(f'id="{unit_id("warning-signs", unit.msg)}"')
        block = text[start:text.index("</trans-unit>", start)]
        assert f'state="{state}"' in block
        assert ('approved="yes"' in block) == (unit.state is State.REVIEWED)
        assert ("leveraged-mt" in block) == (qualifier is not None)
        assert ('translate="no"' in block) == unit.locked
    assert "Take 1 tablet." in text  # the previous English of a stale entry, as a note


def test_only_signed_entries_go_out_approved() -> None:
    text = write_xliff("es", [Leaflet("l", tuple(u for u in UNITS if u.state
                                                 is not State.REVIEWED))], "1.2", "0").decode()
    assert 'approved="yes"' not in text and "signed-off" not in text
    text20 = write_xliff("es", [Leaflet("l", UNITS[1:])], "2.0", "0").decode()
    assert 'state="final"' not in text20 and 'state="reviewed"' not in text20


def test_unit_ids_are_stable_unique_and_name_tokens() -> None:
    assert unit_id("l", HELP) == unit_id("l", Message(HELP.msgid, msgctxt="help",
                                                      msgstr=("other",)))
    odd = Message("x", msgctxt="a b/c")
    assert unit_id("l", odd).startswith("l:a_b_c:")
    assert len({unit_id("warning-signs", u.msg) for u in UNITS}) == len(UNITS)


def test_codes_are_locked_and_cannot_be_changed_by_the_returned_file() -> None:
    data = write_xliff("es", [Leaflet("l", (Unit(HELP, State.TRANSLATED),))], "1.2", "0")
    assert b'<ph id="3">{emergency_number}</ph>' in data
    # An agency's tool rewrites the code in the target: our source's code comes back.
    tampered = data.replace(b'ya. <ph id="1">**</ph>', b'ya. <ph id="1">[evil](x)</ph>')
    assert tampered != data
    back = read_xliff(tampered, "x.xlf").units[0]
    assert back.target == HELP.msgstr[0]


@given(st.text(alphabet="ab *_{}[]()`<>\\:/.h%sd", max_size=40))
def test_split_and_join_give_back_the_text(text: str) -> None:
    assert join(split(text)) == text


@given(st.text(alphabet="ab *_{}[]()`\\.é", max_size=30),
       st.text(alphabet="ab *_{}[]()`\\.é", max_size=30))
def test_any_text_survives_a_round_trip_in_both_versions(source: str, target: str) -> None:
    msg = Message(source or "x", msgctxt="s", msgstr=(target,))
    for version in ("1.2", "2.0"):
        back = read_xliff(write_xliff("es", [Leaflet("l", (Unit(msg, State.TRANSLATED),))],
                                      version, "0"), "x.xlf").units[0]
        assert (back.source, back.target) == (msg.msgid, target or None)


# -- translate-toolkit reads what we write ----------------------------------------------

def test_translate_toolkit_reads_our_xliff_1_2_with_our_ids_sources_and_targets() -> None:
    from translate.storage import xliff

    store = xliff.xlifffile(io.BytesIO(write_xliff("es", LEAFLETS, "1.2", "0.1")))
    seen = {u.xmlelement.get("id"): u for u in store.getunits()}
    for leaflet in LEAFLETS:
        for unit in leaflet.units:
            tt = seen[unit_id(leaflet.id, unit.msg)]
            assert tt.source == unit.msg.msgid
            assert (tt.target or "") == unit.msg.msgstr[0]
            assert tt.isapproved() == (unit.state is State.REVIEWED)


def test_translate_toolkit_reads_our_xliff_2_0_with_our_ids_and_states() -> None:
    from translate.storage import xliff2

    store = xliff2.Xliff2File(io.BytesIO(write_xliff("es", LEAFLETS, "2.0", "0.1")))
    units = store.getunits()
    ours = [(leaflet.id, u) for leaflet in LEAFLETS for u in leaflet.units]
    assert [u.getid() for u in units] == [unit_id(leaf, u.msg) for leaf, u in ours]
    for tt, (_, unit) in zip(units, ours, strict=True):
        # tt drops <ph dataRef> codes from .source; our text without the codes remains.
        def plain(text: str) -> str:
            return "".join(p for p in split(text) if isinstance(p, str))

        assert tt.source == plain(unit.msg.msgid)
        assert (tt.target or "") == plain(unit.msg.msgstr[0])
        assert tt.isapproved() == (unit.state is State.REVIEWED)
