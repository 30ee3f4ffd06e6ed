"""Self-test of tests/exchange/xsd.py: the stored OASIS schemas load offline and discriminate."""

from __future__ import annotations

import pytest
from lxml import etree
from xsd import SCHEMA_DIR, schema, xliff_errors

XLIFF_12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="calc.po" source-language="en" target-language="de" datatype="po">
    <body>
      <trans-unit id="greeting" resname="greeting" xml:space="preserve">
        <source>Hello <ph id="1">{name}</ph>!</source>
        <target state="signed-off" state-qualifier="leveraged-mt"
          >Hallo <ph id="1">{name}</ph>!</target>
        <note from="developer">Shown on the start page.</note>
        <note from="translator" annotates="target">Informal register.</note>
      </trans-unit>
      <trans-unit id="ok" approved="yes">
        <source>OK</source>
        <target state="final">OK</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF_20 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
  <file id="f1" original="calc.po">
    <unit id="greeting">
      <notes>
        <note category="developer">Shown on the start page.</note>
        <note category="location">src/app.py:12</note>
      </notes>
      <originalData>
        <data id="d1">{name}</data>
      </originalData>
      <segment state="final" subState="calcii18n:stale">
        <source>Hello <ph id="1" dataRef="d1"/>!</source>
        <target>Hallo <ph id="1" dataRef="d1"/>!</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_schema_files_are_present_and_import_only_local_files():
    for name in (
        "xliff-core-1.2-transitional.xsd",
        "xliff-core-1.2-strict.xsd",
        "xliff_core_2.0.xsd",
        "xml.xsd",
    ):
        doc = etree.parse(str(SCHEMA_DIR / name))
        for imp in doc.iterfind("{http://www.w3.org/2001/XMLSchema}import"):
            assert imp.get("schemaLocation") == "xml.xsd", name
    for kind in ("1.2", "1.2-strict", "2.0"):
        assert schema(kind) is not None


def test_xliff_12_valid():
    assert xliff_errors(XLIFF_12) == []
    assert xliff_errors(XLIFF_12, strict=True) == []


def test_xliff_12_invalid_state_fails():
    bad = XLIFF_12.replace(b'state="signed-off"', b'state="approved"')
    errors = xliff_errors(bad)
    assert errors
    assert any("state" in e for e in errors), errors


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'approved="yes"', b'approved="true"'),  # yes/no only
        (b'<trans-unit id="ok" ', b"<trans-unit "),  # id is required
        (b"<source>OK</source>", b""),  # source is required
        (b'state-qualifier="leveraged-mt"', b'state-qualifier="stale"'),  # not in the list
    ],
)
def test_xliff_12_other_breakages_fail(old, new):
    bad = XLIFF_12.replace(old, new, 1)
    assert bad != XLIFF_12
    assert xliff_errors(bad)


def test_xliff_20_valid():
    assert xliff_errors(XLIFF_20) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'state="final"', b'state="signed-off"'),  # 2.0 states: initial/translated/reviewed/final
        (b'<ph id="1" dataRef="d1"/>!</source>', b"<ph/>!</source>"),  # ph needs an id
        (b'<file id="f1" ', b"<file "),  # file id is required
        (b"<segment ", b'<segment bogus="1" '),  # no foreign unqualified attributes
        (b'srcLang="en" ', b""),  # srcLang is required
    ],
)
def test_xliff_20_broken_fails(old, new):
    bad = XLIFF_20.replace(old, new, 1)
    assert bad != XLIFF_20
    assert xliff_errors(bad)


def test_not_xliff_or_not_well_formed():
    assert xliff_errors(b"<xliff") and "well-formed" in xliff_errors(b"<xliff")[0]
    assert xliff_errors(b"<root/>")


def test_no_network_entities():
    evil = XLIFF_20.replace(
        b"<xliff ",
        b'<!DOCTYPE xliff [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n<xliff ',
        1,
    ).replace(b"Hallo", b"&x;", 1)
    # Must not fetch or expand anything; the DOCTYPE itself is reported.
    errors = xliff_errors(evil)
    assert errors
    assert "DOCTYPE" in errors[0]
