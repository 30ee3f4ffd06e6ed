"""`calcii18n glossary import|export` on a project (issue 16, item 4): TBX in, merged into
locale/glossary.toml, and out again; a forbidden term then fails `check`; bad input is one
`error: path:line` line, exit 2, and the glossary untouched."""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage import tbx as tt_tbx

from calcii18n.cli import cli
from calcii18n.exchange.tbx import glossary_to_tbx, tbx_to_glossary
from calcii18n.glossary import Concept, Glossary, LocaleTerms, parse_glossary
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po

from helpers import deadline, not_files

LEAFLET = """\
---
id: care
title: Wound care
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## Treatment {#treatment}

Sodium thiosulfate is given during dialysis.
"""
GLOSSARY = """\
# Our clinic's terms: ask Ana before changing them.

do_not_translate = ["CUA"]
inflected = ["fi"]

[terms."dialysis"]
es = "diálisis"
fr = "dialyse"
"""
TERMBASE = Glossary(("Sensipar",), concepts=(
    Concept("dialysis", (LocaleTerms("es", "diálisis", admitted=("hemodiálisis",),
                                     forbidden=("lavado",)),)),
    Concept("sodium thiosulfate", (LocaleTerms("es", "tiosulfato de sodio",
                                               forbidden=("hiposulfito",)),),
            note="Given into a vein."),
))


def run(project: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, ["--config", str(project / "calcii18n.toml"), *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    (folder / "sources").mkdir(parents=True)
    (folder / "locale").mkdir()
    (folder / "sources" / "care.md").write_text(LEAFLET, encoding="utf-8")
    (folder / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    (folder / "locale" / "glossary.toml").write_text(GLOSSARY, encoding="utf-8")
    return folder


def glossary_of(project: Path) -> Glossary:
    return parse_glossary((project / "locale" / "glossary.toml").read_text("utf-8"), "g")


def test_import_merges_by_english_term_and_export_gives_it_back(project: Path,
                                                                  tmp_path: Path) -> None:
    (tmp_path / "in.tbx").write_bytes(glossary_to_tbx(TERMBASE))
    out = run(project, "glossary", "import", str(tmp_path / "in.tbx"))
    assert out.endswith("in.tbx: 3 concepts read; 1 added, 1 changed, 0 unchanged; 1 "
                        "do-not-translate term added; saved locale/glossary.toml.\n")
    text = (project / "locale" / "glossary.toml").read_text("utf-8")
    assert text.startswith("# Our clinic's terms: ask Ana before changing them.\n\n")
    merged = glossary_of(project)
    assert merged.do_not_translate == ("CUA", "Sensipar")
    assert merged.inflected == ("fi",)  # the project's, kept
    dialysis = merged.concepts[0]
    assert {e.locale: e for e in dialysis.locales} == {  # fr kept, es replaced
        "fr": LocaleTerms("fr", "dialyse"), "es": TERMBASE.concepts[0].locales[0]}
    assert merged.concepts[1] == TERMBASE.concepts[1]

    again = run(project, "glossary", "import", str(tmp_path / "in.tbx"))
    assert "0 added, 0 changed, 2 unchanged" in again and "glossary.toml unchanged" in again

    exported = run(project, "glossary", "export").encode()
    assert tbx_to_glossary(exported, "out.tbx").glossary == replace(merged, inflected=())
    run(project, "glossary", "export", "-o", str(tmp_path / "out.tbx"))
    assert (tmp_path / "out.tbx").read_bytes() == exported


def test_a_forbidden_term_from_the_termbase_fails_check(project: Path, tmp_path: Path) -> None:
    run(project, "extract")
    run(project, "init", "es")
    po_file = project / "locale" / "es" / "LC_MESSAGES" / "care.po"
    catalog = parse_po(po_file.read_text("utf-8"), str(po_file))
    spanish = {"Sodium thiosulfate is given during dialysis.":
               "El hiposulfito se administra durante la diálisis."}
    po_file.write_text(format_po(replace(catalog, messages=tuple(
        replace(m, msgstr=(spanish.get(m.msgid, m.msgid),)) for m in catalog.messages))),
        encoding="utf-8")
    run(project, "check", "es")  # the glossary does not know the term yet
    (tmp_path / "in.tbx").write_bytes(glossary_to_tbx(TERMBASE))
    run(project, "glossary", "import", str(tmp_path / "in.tbx"))
    found = json.loads(run(project, "check", "es", "--format", "json", code=1))
    assert [(f["check"], f["severity"], f["message"]) for f in found
            if f["check"].startswith("glossary")] == [
        ("glossary-forbidden", "error", "'hiposulfito' is a forbidden term for 'sodium "
         "thiosulfate' in es: use 'tiosulfato de sodio'"),
        ("glossary-term", "warning", "'sodium thiosulfate' should be translated as "
         "'tiosulfato de sodio'")]


def test_dry_run_writes_nothing_and_replace_reports_what_goes(project: Path,
                                                              tmp_path: Path) -> None:
    path = project / "locale" / "glossary.toml"
    before = path.read_bytes()
    changed = Glossary(concepts=(Concept("dialysis", (
        LocaleTerms("es", "hemodiálisis", admitted=("diálisis",)),)),))
    (tmp_path / "in.tbx").write_bytes(glossary_to_tbx(changed, legacy=True))
    out = run(project, "glossary", "import", "--dry-run", "--replace", str(tmp_path / "in.tbx"))
    assert path.read_bytes() == before
    assert out.splitlines() == [
        "status: 'dialysis' (es): 'diálisis' preferred → admitted",
        "status: 'dialysis' (fr): 'dialyse' preferred → removed",
        "removed: 'CUA' (do-not-translate)",
        f"{tmp_path / 'in.tbx'}: 1 concept read; 0 added, 1 changed, 0 unchanged, 0 "
        "removed; 0 do-not-translate terms kept, 0 added, 1 removed; dry run: nothing "
        "written."]
    run(project, "glossary", "import", "--replace", str(tmp_path / "in.tbx"))
    assert glossary_of(project) == replace(changed, inflected=("fi",))


def test_a_project_without_a_glossary_gets_one_with_a_header(project: Path,
                                                             tmp_path: Path) -> None:
    (project / "locale" / "glossary.toml").unlink()
    (tmp_path / "in.tbx").write_bytes(glossary_to_tbx(TERMBASE))
    run(project, "glossary", "import", str(tmp_path / "in.tbx"))
    text = (project / "locale" / "glossary.toml").read_text("utf-8")
    assert text.startswith("# The project's glossary;")
    assert glossary_of(project) == TERMBASE


def test_replace_counts_the_do_not_translate_terms_it_keeps(project: Path,
                                                          tmp_path: Path) -> None:
    (project / "locale" / "glossary.toml").write_text(
        GLOSSARY.replace('["CUA"]', '["CUA", "Sensipar"]'), encoding="utf-8")
    (tmp_path / "in.tbx").write_bytes(glossary_to_tbx(replace(
        glossary_of(project), do_not_translate=("Sensipar", "CUA", "Mimpara"))))
    out = run(project, "glossary", "import", "--replace", str(tmp_path / "in.tbx"))
    assert out == (f"{tmp_path / 'in.tbx'}: 4 concepts read; 0 added, 0 changed, 1 "
                   "unchanged, 0 removed; 2 do-not-translate terms kept, 1 added, 0 removed; "
                   "saved locale/glossary.toml.\n")
    assert glossary_of(project).do_not_translate == ("Sensipar", "CUA", "Mimpara")


def test_export_2008_is_read_by_translate_toolkit(project: Path) -> None:
    data = run(project, "glossary", "export", "--version", "2008").encode()
    store = tt_tbx.tbxfile(io.BytesIO(data))  # what translate-toolkit 3.17 to 3.20 all take
    assert [(u.source, u.target, u.istranslatable()) for u in store.units] == [
        ("CUA", None, False), ("dialysis", "diálisis", True)]


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY a "aaaaaaaaaa">\n'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tbx><text><body>&b;</body></text></tbx>\n')
EXTERNAL = (b'<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY x SYSTEM "file:///etc/passwd">'
            b'\n]>\n<martif><text><body>&x;</body></text></martif>\n')
REFUSED = ("the file declares XML entities or a DTD of its own (refused: an agency's XLIFF, "
           "TMX or TBX never needs one)")


@pytest.mark.parametrize(("data", "message"), [
    (b"<martif><text><body>\n<termEntry>\n</body></text></martif>\n",
     "3: not well-formed XML: Opening and ending tag mismatch: termEntry line 2 and body"),
    (BOMB, f"1: {REFUSED}"),
    (EXTERNAL, f"1: {REFUSED}"),
    (b'<martif><text><body>\n<termEntry>\n<langSet xml:lang="en"><tig><term>a</term></tig>'
     b'</langSet>\n<langSet xml:lang="qqq"><tig><term>b</term></tig></langSet>\n'
     b"</termEntry></body></text></martif>\n",
     "4: unknown locale 'qqq': CLDR has no such language (examples: es, zh_Hans, pt_BR, ar)"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(project: Path, tmp_path: Path,
                                                           data: bytes, message: str) -> None:
    path = project / "locale" / "glossary.toml"
    before = path.read_bytes()
    (tmp_path / "bad.tbx").write_bytes(data)
    out = run(project, "glossary", "import", str(tmp_path / "bad.tbx"), code=2)
    assert out == f"error: {tmp_path / 'bad.tbx'}:{message}\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["glossary.toml"]


def test_a_glossary_linked_outside_the_project_is_refused(project: Path,
                                                          tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(GLOSSARY, encoding="utf-8")
    (project / "locale" / "glossary.toml").unlink()
    (project / "locale" / "glossary.toml").symlink_to(outside)
    (tmp_path / "in.tbx").write_bytes(glossary_to_tbx(TERMBASE))
    out = run(project, "glossary", "import", str(tmp_path / "in.tbx"), code=2)
    assert out.startswith("error: ") and out.count("\n") == 1
    assert "outside the project folder through a symbolic link" in out
    assert outside.read_text("utf-8") == GLOSSARY


# --- a term kept and translated at once ---------------------------------------------------


DNT1, C1 = 'id="dnt1"', 'id="c1"'  # the first do-not-translate entry, the first concept


def line_of(data: bytes, text: str) -> int:
    return next(n for n, line in enumerate(data.decode().splitlines(), 1) if text in line)


def test_a_tbx_keeping_a_term_the_glossary_translates_is_refused(project: Path,
                                                                  tmp_path: Path) -> None:
    """TBX says "dialysis: Translation needed: No", the glossary has es = "diálisis":
    merged, `check` would want "dialysis" unchanged and "diálisis" in every translation."""
    path = project / "locale" / "glossary.toml"
    before = path.read_bytes()
    data = glossary_to_tbx(Glossary(("dialysis",)))
    (tmp_path / "in.tbx").write_bytes(data)
    for dry_run in ((), ("--dry-run",)):
        out = run(project, "glossary", "import", *dry_run, str(tmp_path / "in.tbx"), code=2)
        assert out == (
            f"error: {tmp_path / 'in.tbx'}:{line_of(data, DNT1)}: 'dialysis' is "
            "do-not-translate here but translated (es) in locale/glossary.toml:6: nothing "
            "was written (take it out of one of the two, or use --replace to make the "
            "glossary the file's)\n")
    assert path.read_bytes() == before
    run(project, "glossary", "import", "--replace", str(tmp_path / "in.tbx"))
    assert glossary_of(project) == Glossary(("dialysis",), inflected=("fi",))


def test_a_tbx_translating_a_term_the_glossary_keeps_is_refused(project: Path,
                                                                 tmp_path: Path) -> None:
    path = project / "locale" / "glossary.toml"
    before = path.read_bytes()
    data = glossary_to_tbx(Glossary(concepts=(Concept("cua", (LocaleTerms("fr", forbidden=(
        "AUC",)), LocaleTerms("es", "AUC"))),)), legacy=True)
    (tmp_path / "in.tbx").write_bytes(data)
    out = run(project, "glossary", "import", str(tmp_path / "in.tbx"), code=2)
    assert out == (f"error: {tmp_path / 'in.tbx'}:{line_of(data, C1)}: 'cua' is "
                   "translated here (es) but do-not-translate in locale/glossary.toml:3: "
                   "nothing was written (take it out of one of the two, or use --replace to "
                   "make the glossary the file's)\n")
    assert path.read_bytes() == before
    # Only a forbidden term for it contradicts nothing: "CUA" stays, "AUC" never.
    data = glossary_to_tbx(Glossary(concepts=(Concept("cua", (LocaleTerms("fr", forbidden=(
        "AUC",)),)),)))
    (tmp_path / "in.tbx").write_bytes(data)
    run(project, "glossary", "import", str(tmp_path / "in.tbx"))
    assert glossary_of(project).concepts[-1] == Concept("cua", (LocaleTerms(
        "fr", forbidden=("AUC",)),))


# --- FILE that is not a file --------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_folder_as_file_is_one_line_not_read(project: Path,
                                                          tmp_path: Path) -> None:
    """/dev/zero, /dev/urandom or a FIFO would be read until memory runs out, or forever."""
    path = project / "locale" / "glossary.toml"
    before = path.read_bytes()
    for file, said in not_files(tmp_path, ".tbx"):
        with deadline():
            assert run(project, "glossary", "import", file, code=2) == said
    assert path.read_bytes() == before
