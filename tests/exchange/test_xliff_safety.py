"""What a returned XLIFF must never do, each found by reviewing the import: write lines
of its own into a catalogue, forge a machine draft's confirmation, undo our edits made
after the export, land on a neighbour, or half-write an import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from calcii18n.exchange.xliff import NS12
from calcii18n.exchange.xliff_import import plan_import
from calcii18n.exchange.xliff_read import ReturnedFile, ReturnedUnit
from calcii18n.exchange.xmlsafe import ExchangeError
from calcii18n.po.parse import parse_po
from calcii18n.state import State, entry_id

from helpers import deadline, not_files, run_cli, sample_po, sample_project, tr

NS = {"x": NS12}
LEAFLET = "warning-signs"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path)


catalogue = sample_po


def export(project: Path, *extra: str) -> tuple[Path, etree._ElementTree]:
    out = project.parent / "es.xlf"
    run_cli(project, "xliff", "export", "es", "--leaflet", LEAFLET, "-o", str(out), *extra)
    return out, etree.parse(str(out))


def units(tree: etree._ElementTree) -> list[etree._Element]:
    return tree.findall(".//x:trans-unit", NS)


def save(tree: etree._ElementTree, path: Path) -> None:
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def state_of(project: Path, english: str) -> tuple[State, str]:
    from calcii18n.config import load_config
    from calcii18n.project.layout import load_authority
    from calcii18n.state import classify

    trust = load_authority(load_config(None, project)).of("es", LEAFLET)
    msg = next(m for m in parse_po(catalogue(project).read_text(), "x").messages
               if m.msgid == english)
    return classify(msg, trust).state, msg.msgstr[0]


def source(tu: etree._Element) -> str:
    return "".join(tu.find("x:source", NS).itertext())


def test_a_tool_name_cannot_write_lines_or_forge_a_confirmation(project: Path) -> None:
    _, tree = export(project)
    ident = units(tree)[2].get("id").rsplit(":", 1)[1]
    run_cli(project, "mt", "mark", "es", LEAFLET, "--entry", ident, "--engine", "deepl")
    path, tree = export(project)
    tu = units(tree)[2]
    tu.find("x:target", NS).set("state", "signed-off")
    tu.find("x:target", NS).attrib.pop("state-qualifier", None)
    tool = tree.find(".//x:tool", NS)
    tool.set("tool-name", 'memoQ\nmsgid "x"\nmsgstr "y"\n# mt-confirmed: 2026-01-01 '
                          'sha256:0000000000000000')
    save(tree, path)
    entries = len(parse_po(catalogue(project).read_text(), "x").messages)
    run_cli(project, "xliff", "import", str(path))
    text = catalogue(project).read_text()
    assert len(parse_po(text, "x").messages) == entries and '\nmsgid "x"' not in text
    assert state_of(project, source(tu))[0] is State.FUZZY  # still the machine's draft
    assert "revised by agency:" in text and "memoQ msgid x msgstr y" in text


def test_a_machine_qualifier_from_a_tool_named_with_spaces(project: Path) -> None:
    path, tree = export(project)
    tree.find(".//x:tool", NS).set("tool-name", "SDL Trados Studio")
    target = units(tree)[4].find("x:target", NS)
    target.text = "Texto de máquina."
    target.set("state-qualifier", "leveraged-mt")
    save(tree, path)
    run_cli(project, "xliff", "import", str(path))
    assert "mt: " in catalogue(project).read_text()
    assert "xliff:SDL-Trados-Studio" in catalogue(project).read_text()


def test_an_old_export_coming_back_keeps_our_later_fix(project: Path) -> None:
    path, tree = export(project)
    tu = next(t for t in units(tree)[1:] if len(t.find("x:target", NS).text or "") < 40)
    english, ours = source(tu), "Corregido aquí después."
    po = catalogue(project)
    old = state_of(project, english)[1]
    assert f'msgstr "{old}"' in po.read_text()
    po.write_text(po.read_text().replace(f'msgstr "{old}"', f'msgstr "{ours}"', 1))
    assert state_of(project, english)[1] == ours
    out = run_cli(project, "xliff", "import", str(path))
    assert "0 entries changed" in out and state_of(project, english)[1] == ours
    tu.find("x:target", NS).text = "La agencia también lo cambió."
    save(tree, path)
    out = run_cli(project, "xliff", "import", str(path), code=1)
    assert "changed here since the export and by the agency" in out
    assert state_of(project, english)[1] == ours


def test_a_removed_sentence_s_unit_never_lands_on_its_neighbour(project: Path) -> None:
    path, tree = export(project)
    found = units(tree)
    tu = next(t for t in found if source(t).startswith("The first signs are easy to miss"))
    tu.find("x:target", NS).text = "Cambio de la agencia."
    save(tree, path)
    md = project / "sources" / f"{LEAFLET}.md"
    md.write_text(md.read_text().replace(source(tu), ""))
    run_cli(project, "extract")
    run_cli(project, "update", "es")
    before = catalogue(project).read_bytes()
    out = run_cli(project, "xliff", "import", str(path), code=1)
    assert f"refused {tu.get('id')}: its English is no longer in the leaflet" in out
    assert catalogue(project).read_bytes() == before


def test_a_unit_split_into_segments_by_a_2_0_tool_is_still_ours(project: Path) -> None:
    path, _ = export(project, "--version", "2.0")
    text = path.read_text()
    one = ('<source xml:space="preserve">Calciphylaxis can get worse fast. If it is found '
           'early, treatment can start sooner. This gives your skin a better chance to heal.'
           '</source>')
    assert one in text
    start = text.index(one)
    seg = text.rfind("<segment", 0, start)
    end = text.index("</segment>", start) + len("</segment>")
    target = "La calcifilaxis puede empeorar rápido. Lo demás, dividido."
    split = ('<segment state="translated"><source>Calciphylaxis can get worse fast.</source>'
             '<target>La calcifilaxis puede empeorar rápido.</target></segment>'
             '<ignorable><source> </source></ignorable>'
             '<segment state="translated"><source>If it is found early, treatment can start '
             'sooner. This gives your skin a better chance to heal.</source>'
             '<target>Lo demás, dividido.</target></segment>')
    path.write_text(text[:seg] + split + text[end:])
    out = run_cli(project, "xliff", "import", str(path))
    assert "1 entry changed" in out and target in catalogue(project).read_text()


def test_a_unit_cannot_reach_a_plural_entry_export_left_out() -> None:
    from dataclasses import replace

    from calcii18n.model import Catalog

    plural = replace(tr(None, "{n} day", "", msgid_plural="{n} days"),
                     msgstr=("{n} día", "{n} días"))
    unit = ReturnedUnit(f"ui::{entry_id(plural)}", "ui", 3, "{n} day", "EVIL", "translated",
                        False, False, False)
    returned = ReturnedFile("1.2", "es", "", (("ui", 2),), (unit,))
    with pytest.raises(ExchangeError, match="matches no entry"):
        plan_import(returned, "x.xlf", {"ui": Catalog(messages=(plural,))},
                    dt.date(2026, 12, 5))


def test_not_a_regular_file_and_undeclared_entities_are_one_line(project: Path) -> None:
    for file, said in not_files(project.parent, ".xlf"):
        with deadline():
            assert run_cli(project, "xliff", "import", file, code=2) == said
    path, _ = export(project)
    data = path.read_bytes().replace(
        b"?>\n", b'?>\n<!DOCTYPE xliff SYSTEM "xliff.dtd">\n', 1)
    path.write_bytes(data.replace(b"</target>", b"&nbsp;</target>", 1))
    out = run_cli(project, "xliff", "import", str(path), code=2)
    assert "uses the XML entity &nbsp;" in out


def test_a_control_character_in_a_note_is_one_line(project: Path) -> None:
    po = catalogue(project)
    po.write_text(po.read_text().replace("#. Leaflet title", "#. Leaflet\x0b title", 1))
    out = run_cli(project, "xliff", "export", "es", "-o", str(project.parent / "x.xlf"),
                  code=2)
    assert "U+000B" in out and len(out.strip().splitlines()) == 1


def test_an_editor_saving_one_catalogue_stops_the_whole_import(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = project.parent / "all.xlf"
    run_cli(project, "xliff", "export", "es", "-o", str(out))
    tree = etree.parse(str(out))
    for file in tree.findall(".//x:file", NS)[:2]:
        target = file.find(".//x:target", NS)
        target.text = (target.text or "") + " (agencia)"
    save(tree, out)
    names = [f.get("original").rsplit("/", 1)[1] for f in tree.findall(".//x:file", NS)[:2]]
    folder = project / "locale" / "es" / "LC_MESSAGES"
    before = {n: (folder / n).read_bytes() for n in names}

    from calcii18n.project import exchange

    real = exchange.format_po

    def and_an_editor_saves(catalog: object) -> str:
        (folder / names[1]).write_bytes(before[names[1]] + b"\n")
        return real(catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange, "format_po", and_an_editor_saves)
    said = run_cli(project, "xliff", "import", str(out), code=2)
    assert "changed on disk" in said
    assert (folder / names[0]).read_bytes() == before[names[0]]
