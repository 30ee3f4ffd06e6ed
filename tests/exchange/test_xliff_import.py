"""The issue's acceptance for XLIFF, through the command line on a copy of the sample:
export, an agency's edits, and an import that never approves and refuses what it must."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from calcii18n.config import load_config
from calcii18n.po.parse import parse_po
from calcii18n.project.layout import load_authority
from calcii18n.state import State, classify, machine_draft

from helpers import run_cli, sample_po, sample_project

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
LEAFLET = "warning-signs"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path)


catalogue = sample_po


def export(project: Path, *extra: str) -> Path:
    out = project.parent / "es.xlf"
    run_cli(project, "xliff", "export", "es", "--leaflet", LEAFLET, "-o", str(out), *extra)
    return out


def units(path: Path) -> tuple[etree._ElementTree, list[etree._Element]]:
    tree = etree.parse(str(path))
    return tree, tree.findall(".//x:trans-unit", NS)


def states(project: Path) -> dict[str, tuple[State, str, object]]:
    cfg = load_config(None, project)
    trust = load_authority(cfg).of("es", LEAFLET)
    catalog = parse_po(catalogue(project).read_text(), "x.po")
    return {m.msgid: (classify(m, trust).state, m.msgstr[0], m) for m in catalog.messages}


def test_agency_round_trip_three_edits_signed_off_and_one_changed_source(
        project: Path) -> None:
    path = export(project)
    tree, found = units(path)
    edited = found[3:6]
    for tu in edited:
        target = tu.find("x:target", NS)
        target.text = (target.text or "") + " (revisado)"
        target.set("state", "signed-off")
        tu.set("approved", "yes")  # as an agency tool marks its final sign-off
    changed = found[7]
    changed.find("x:source", NS).text = "Something the agency rewrote."
    changed.find("x:target", NS).text = "Algo reescrito."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = states(project)

    out = run_cli(project, "xliff", "import", str(path), code=1)
    assert "3 entries changed, " in out and "1 refused" in out
    assert f"refused {changed.get('id')}: the agency's tool changed the English source" in out
    after = states(project)
    for tu in edited:
        english = "".join(tu.find("x:source", NS).itertext())
        state, text, msg = after[english]
        assert text.endswith(" (revisado)")
        assert state is State.TRANSLATED  # arrives unapproved, whatever the agency said
        assert any(c.startswith("revised by agency:") for c in msg.translator_comments)
    refused = "".join(changed.find("x:source", NS).itertext())
    assert refused not in after
    untouched = [m for m, v in before.items() if v[1] == after[m][1]]
    assert len(untouched) == len(before) - 3


def test_import_of_an_unchanged_export_changes_nothing(project: Path) -> None:
    before = catalogue(project).read_bytes()
    for version in ("1.2", "2.0"):
        out = run_cli(project, "xliff", "import", str(export(project, "--version", version)))
        assert "0 entries changed" in out
    assert catalogue(project).read_bytes() == before


def test_english_changed_since_the_export_makes_the_return_stale(project: Path) -> None:
    path = export(project)
    tree, found = units(path)
    tu = next(t for t in found if "".join(t.find("x:source", NS).itertext())
              .startswith("The first signs are easy to miss."))
    tu.find("x:target", NS).text = "Texto nuevo de la agencia."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    source = project / "sources" / f"{LEAFLET}.md"
    source.write_text(source.read_text().replace("look at your skin every day",
                                                 "look at your skin twice a day"))
    run_cli(project, "extract")
    run_cli(project, "update", "es")
    out = run_cli(project, "xliff", "import", str(path))
    assert "fuzzy: the English changed since the export" in out
    entry = next(v for k, v in states(project).items() if "twice a day" in k)
    assert entry[0] is State.STALE and entry[1] == "Texto nuevo de la agencia."
    stale = run_cli(project, "stale", "es", "--leaflet", LEAFLET)
    assert "Texto nuevo de la agencia." in stale and "1 stale entry" in stale


def test_machine_translation_from_the_agency_tool_is_a_machine_draft(project: Path) -> None:
    path = export(project)
    tree, found = units(path)
    target = found[2].find("x:target", NS)
    target.text = "Traducción automática."
    target.set("state", "translated")
    target.set("state-qualifier", "leveraged-mt")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    run_cli(project, "xliff", "import", str(path))
    state, _, msg = states(project)["".join(found[2].find("x:source", NS).itertext())]
    assert state is State.FUZZY and machine_draft(msg).pending  # type: ignore[arg-type]


def _edit(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


@pytest.mark.parametrize(("old", "new", "message"), [
    (b'id="warning-signs:why-it-matters:', b'id="warning-signs:why-it-matters:f',
     "matches no entry this project exported"),
    (b'target-language="es"', b'target-language="vi"', "exported for es, but its target "
     "language now says vi"),
    (b'target-language="es"', b'target-language="xx-Qq"', "unknown target language"),
    (b'original="es/LC_MESSAGES/warning-signs.po"', b'original="es/LC_MESSAGES/other.po"',
     "no leaflet 'other'"),
    (b'<body>', b'<body><oops>', "not well-formed XML"),
    (b"<?xml version='1.0' encoding='UTF-8'?>",
     b'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
     "declares XML entities"),
    (b"<?xml version='1.0' encoding='UTF-8'?>",
     b'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
     "declares XML entities"),
])
def test_bad_files_are_one_line_exit_2_and_nothing_written(
        project: Path, old: bytes, new: bytes, message: str) -> None:
    path = export(project)
    tree, found = units(path)
    found[1].find("x:target", NS).text = "Cambio que no debe llegar."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    _edit(path, old, new)
    before = catalogue(project).read_bytes()
    out = run_cli(project, "xliff", "import", str(path), code=2)
    assert out.startswith(f"error: {path}:") and message in out
    assert len(out.strip().splitlines()) == 1
    assert catalogue(project).read_bytes() == before


def test_locale_option_refuses_a_file_for_another_locale(project: Path) -> None:
    out = run_cli(project, "xliff", "import", str(export(project)), "--locale", "ar", code=2)
    assert "target language is es, not ar" in out


def test_a_hundred_thousand_units_of_another_project_are_refused_whole(
        project: Path) -> None:
    body = "".join(f'<trans-unit id="warning-signs:x:{i:07x}"><source>s{i}</source>'
                   f'<target>t{i}</target></trans-unit>' for i in range(100_000))
    path = project.parent / "big.xlf"
    path.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                    '<file original="es/LC_MESSAGES/warning-signs.po" source-language="en" '
                    f'target-language="es" datatype="plaintext"><body>{body}</body></file>'
                    '</xliff>')
    before = catalogue(project).read_bytes()
    out = run_cli(project, "xliff", "import", str(path), code=2)
    assert "(and 99999 more)" in out
    assert catalogue(project).read_bytes() == before


def test_export_refuses_a_control_character_xml_cannot_carry(project: Path) -> None:
    po = catalogue(project)
    text = po.read_text()
    po.write_text(text.replace('msgstr "Primeras señales"', 'msgstr "Primeras\x01 señales"'))
    line = text[:text.index('msgstr "Primeras señales"')].count("\n")
    out = run_cli(project, "xliff", "export", "es", "-o", str(project.parent / "x.xlf"),
                  code=2)
    assert out.startswith(f"error: locale/es/LC_MESSAGES/{LEAFLET}.po:") and "U+0001" in out
    assert line > 0 and not (project.parent / "x.xlf").exists()


def test_a_file_saved_by_translate_toolkit_comes_back_unapproved(project: Path) -> None:
    """An agency tool's save, simulated with translate-toolkit's XLIFF 1.2 storage: it
    rewrites the document its own way and marks the edited units approved."""
    from translate.storage import xliff

    path = export(project)
    store = xliff.xlifffile(path.open("rb"))
    edited = store.getunits()[1:3]
    for unit in edited:
        unit.target = f"{unit.target} [agencia]"
        unit.markapproved(True)
    path.write_bytes(bytes(store))
    out = run_cli(project, "xliff", "import", str(path))
    assert "2 entries changed" in out and "revised by agency" in out
    after = states(project)
    for unit in edited:
        state, text, _ = after[unit.source]
        assert text.endswith(" [agencia]") and state is State.TRANSLATED


def test_our_own_signed_off_coming_back_is_no_news_and_an_edit_of_it_is_stale(
        project: Path) -> None:
    from helpers import team

    keys = team(project)
    _, found = units(export(project))
    first = found[1].get("id").rsplit(":", 1)[1]
    run_cli(project, "review", "approve", "es", LEAFLET, "--entry", first, "--yes",
            "--key", str(keys["rita"]))
    path = export(project)
    tree, found = units(path)
    signed = found[1]
    assert signed.get("approved") == "yes"
    assert signed.find("x:target", NS).get("state") == "signed-off"
    before = catalogue(project).read_bytes()
    assert "0 entries changed" in run_cli(project, "xliff", "import", str(path))
    assert catalogue(project).read_bytes() == before
    signed.find("x:target", NS).text = "Otra redacción."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    run_cli(project, "xliff", "import", str(path))
    english = "".join(signed.find("x:source", NS).itertext())
    state, text, _ = states(project)[english]
    assert text == "Otra redacción." and state is State.STALE  # our signature no longer fits


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_the_whole_sample_locale_exports_valid_xliff(project: Path, version: str) -> None:
    from xsd import xliff_errors

    out = project.parent / "all.xlf"
    said = run_cli(project, "xliff", "export", "es", "--version", version, "-o", str(out))
    assert f"XLIFF {version}, es," in said
    data = out.read_bytes()
    assert xliff_errors(data) == []
    assert data.count(b'original="es/LC_MESSAGES/') == 5  # four leaflets and the ui words
