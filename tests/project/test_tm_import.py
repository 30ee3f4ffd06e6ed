"""`calcii18n tm import` (issue 16, item 3): a TMX from another tool fills empty leaflet
entries as fuzzy suggestions naming the file, the way `update` fills them from the
locale's other leaflets; never translated, never reviewed, whatever the file says."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from calcii18n.config import load_config
from calcii18n.merge import Remembered, suggest
from calcii18n.model import Catalog, Message
from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.project import memory
from calcii18n.project.layout import load_authority
from calcii18n.project.memory import import_tmx
from calcii18n.state import State, classify

from helpers import TINA, deadline, not_files, run_cli, team

CARE = """\
---
id: care
title: Wound care
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## At home {#at-home}

Keep the wound clean and dry.

Change the dressing every day.

Wear loose clothes over the wound.

## Get help {#get-help}

Call your kidney team today if the pain gets worse.
"""

# A second clinic's leaflet that repeats care's sentences, one of them edited a little.
REPEAT = """\
---
id: repeat
title: Looking after your skin
revision: 1
reviewed: 2026-11-01
next_review: 2027-11-01
audience: patients
---

## Every day {#every-day}

Keep the wound clean and dry.

Change the dressing every single day.

Drink the amount of fluid your team advises.
"""

SPANISH = {
    "Wound care": "Cuidado de las heridas",
    "At home": "En casa",
    "Keep the wound clean and dry.": "Mantenga la herida limpia y seca.",
    "Change the dressing every day.": "Cambie el vendaje todos los días.",
    "Wear loose clothes over the wound.": "Use ropa holgada sobre la herida.",
    "Get help": "Pida ayuda",
    "Call your kidney team today if the pain gets worse.":
        "Llame hoy a su equipo renal si el dolor empeora.",
}
EXACT = "suggested: exact match from memory.tmx: check it, then clear fuzzy"
CLOSE = "suggested: close match from memory.tmx: check it, then clear fuzzy"


def make_project(folder: Path, leaflets: dict[str, str], locales: str = '"es"') -> Path:
    for name in ("sources", "templates"):
        (folder / name).mkdir(parents=True)
    for name, text in leaflets.items():
        (folder / "sources" / f"{name}.md").write_text(text, encoding="utf-8")
    (folder / "templates" / "leaflet.html.j2").write_text(
        "<p>{{ _('Keep the wound clean and dry.') }}</p>\n", encoding="utf-8")
    (folder / "calcii18n.toml").write_text(f"locales = [{locales}]\n", encoding="utf-8")
    run_cli(folder, "extract")
    run_cli(folder, "init", "es")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """care.md (Spanish untranslated) and repeat.md; the TMX beside, outside the project."""
    return make_project(tmp_path / "clinic", {"care": CARE, "repeat": REPEAT})


def po_of(project: Path, leaflet: str, locale: str = "es") -> Path:
    return project / "locale" / locale / "LC_MESSAGES" / f"{leaflet}.po"


def entries(path: Path) -> dict[str, Message]:
    return {m.msgid: m for m in parse_po(path.read_text("utf-8"), str(path)).messages}


def fill(path: Path, table: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    """What a translator's editor does: fill msgstr (and mark some fuzzy), save."""
    catalog = parse_po(path.read_text("utf-8"), str(path))
    messages = tuple(replace(m, msgstr=(table[m.msgid],),
                             flags=("fuzzy",) if m.msgid in fuzzy else m.flags)
                     if m.msgid in table else m for m in catalog.messages)
    catalog = replace(catalog, messages=messages).with_header("Last-Translator", TINA)
    path.write_text(format_po(catalog), encoding="utf-8")


def write_tmx(path: Path, pairs: dict[str, str], lang: str = "es-ES",
              status: str = "") -> Path:
    prop = f'<prop type="x-status">{status}</prop>' if status else ""
    body = "".join(f'<tu>{prop}<tuv xml:lang="en-US"><seg>{en}</seg></tuv>'
                   f'<tuv xml:lang="{lang}"><seg>{es}</seg></tuv></tu>\n'
                   for en, es in pairs.items())
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                    f'<header srclang="en-US" creationtool="x" datatype="plaintext" '
                    f'segtype="sentence" adminlang="en" o-tmf="x"/>\n<body>\n{body}'
                    f'</body>\n</tmx>\n', encoding="utf-8")
    return path


def snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project / "locale").rglob("*.po"))}


def test_exact_and_close_units_become_fuzzy_suggestions_naming_the_file(
        project: Path) -> None:
    tmx = write_tmx(project.parent / "memory.tmx", {
        "Keep the wound clean and dry.": "Mantenga la herida limpia y seca.",
        "Change the dressing every single day.": "Cambie el vendaje cada día.",
        "Something nobody wrote.": "Algo que nadie escribió."})
    done = import_tmx(load_config(None, project), tmx, (), None, dry_run=False)
    care = entries(po_of(project, "care"))
    keep, change = care["Keep the wound clean and dry."], care["Change the dressing every day."]
    assert keep.msgstr == ("Mantenga la herida limpia y seca.",) and keep.fuzzy
    assert keep.translator_comments == (EXACT,)
    assert change.msgstr == ("Cambie el vendaje cada día.",) and change.fuzzy
    assert change.translator_comments == (CLOSE,)
    assert not care["Wear loose clothes over the wound."].has_translation
    repeat = entries(po_of(project, "repeat"))
    assert repeat["Change the dressing every single day."].translator_comments == (EXACT,)
    assert [(s.leaflet, s.count) for s in done.changed] == [("care", 2), ("repeat", 2)]
    assert done.total == 4 and done.units == 3 and done.no_language == (("es", 0),)
    ui = entries(po_of(project, "ui"))  # the ui strings are never filled
    assert not ui["Keep the wound clean and dry."].has_translation


def test_translated_and_fuzzy_entries_are_never_touched(project: Path) -> None:
    path = po_of(project, "care")
    fill(path, {"Keep the wound clean and dry.": "Mi traducción.",
                "Change the dressing every day.": "Mi borrador."},
         fuzzy=("Change the dressing every day.",))
    before = entries(path)
    tmx = write_tmx(project.parent / "memory.tmx", {
        "Keep the wound clean and dry.": "Otra.", "Change the dressing every day.": "Otra.",
        "Wear loose clothes over the wound.": "Use ropa holgada."})
    import_tmx(load_config(None, project), tmx, ("es",), "care", dry_run=False)
    after = entries(path)
    for msgid in ("Keep the wound clean and dry.", "Change the dressing every day."):
        assert after[msgid] == replace(before[msgid], line=after[msgid].line)
    assert after["Wear loose clothes over the wound."].translator_comments == (EXACT,)


def test_a_tmx_that_says_approved_makes_nothing_reviewed(project: Path) -> None:
    team(project)
    tmx = write_tmx(project.parent / "memory.tmx", SPANISH, status="approved")
    import_tmx(load_config(None, project), tmx, (), "care", dry_run=False)
    cfg = load_config(None, project)
    trust = load_authority(cfg).of("es", "care")
    catalog = parse_po(po_of(project, "care").read_text("utf-8"), "care.po")
    assert {classify(m, trust).state for m in catalog.messages} == {State.FUZZY}
    assert catalog.messages[0].translator_comments == (
        "suggested: exact match from memory.tmx (marked approved there): check it, then "
        "clear fuzzy",)
    rows = json.loads(run_cli(project, "status", "es", "--format", "json"))
    care = next(r for r in rows if r["leaflet"] == "care")
    assert care["counts"]["fuzzy"] == 7 and care["counts"]["reviewed"] == 0
    assert care["printable"] is False


def test_dry_run_writes_nothing_and_says_what_it_would_do(project: Path) -> None:
    before = snapshot(project)
    tmx = write_tmx(project.parent / "memory.tmx", SPANISH)
    out = run_cli(project, "tm", "import", str(tmx), "--dry-run")
    assert snapshot(project) == before
    assert out.splitlines() == [
        "locale/es/LC_MESSAGES/care.po: 7 fuzzy suggestions (dry run)",
        "locale/es/LC_MESSAGES/repeat.po: 2 fuzzy suggestions (dry run)",
        f"Total: 2 catalogues would get 9 fuzzy suggestions from {tmx} (7 units). "
        "Nothing written (--dry-run)."]


def test_an_error_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    bad = project.parent / "bad.tmx"
    bad.write_text('<tmx version="1.4">\n<header srclang="en"/>\n<body><tu>\n</tmx>\n')
    out = run_cli(project, "tm", "import", str(bad), code=2)
    assert out.startswith(f"error: {bad}:4: not well-formed XML")
    # A good file, but the second locale is not set up: not even es is written.
    (project / "calcii18n.toml").write_text('locales = ["es", "ar"]\n', encoding="utf-8")
    tmx = write_tmx(project.parent / "memory.tmx", SPANISH)
    out = run_cli(project, "tm", "import", str(tmx), code=2)
    assert "locale ar is not initialised: run calcii18n init ar" in out
    assert snapshot(project) == before
    out = run_cli(project, "tm", "import", str(project.parent / "none.tmx"), code=2)
    assert "none.tmx: no such file" in out
    assert snapshot(project) == before


def test_a_catalogue_saved_meanwhile_stops_the_import_before_any_write(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """care.po is planned, then a translator's editor saves repeat.po while the import
    plans it: neither is written (care.po is not left half of an import)."""
    before = snapshot(project)
    care, repeat = po_of(project, "care"), po_of(project, "repeat")
    tmx = write_tmx(project.parent / "memory.tmx", SPANISH)
    formatted: list[str] = []

    def format_then_save(catalog: Catalog) -> str:
        formatted.append(format_po(catalog))
        if len(formatted) == 2:  # repeat.po, read and planned: now the editor saves it
            fill(repeat, {"Drink the amount of fluid your team advises.": "Beba lo indicado."})
        return formatted[-1]

    monkeypatch.setattr(memory, "format_po", format_then_save)
    out = run_cli(project, "tm", "import", str(tmx), code=2)
    assert out == (f"error: {repeat}: changed on disk while this command ran (an editor saved "
                   "it?): not overwritten; run the command again\n")
    assert len(formatted) == 2
    assert care.read_bytes() == before[care]  # not written
    saved = entries(repeat)  # the editor's save, not overwritten
    assert saved["Drink the amount of fluid your team advises."].msgstr == ("Beba lo indicado.",)
    assert not saved["Keep the wound clean and dry."].has_translation
    monkeypatch.undo()
    out = run_cli(project, "tm", "import", str(tmx))  # run again: both filled
    assert out.splitlines()[:2] == ["locale/es/LC_MESSAGES/care.po: 7 fuzzy suggestions",
                                    "locale/es/LC_MESSAGES/repeat.po: 2 fuzzy suggestions"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_folder_as_the_tmx_is_one_line_not_read(project: Path,
                                                            tmp_path: Path) -> None:
    """/dev/zero or a FIFO would be read until memory runs out, or forever."""
    before = snapshot(project)
    for file, said in not_files(tmp_path, ".tmx"):
        with deadline():
            assert run_cli(project, "tm", "import", file, "--dry-run", code=2) == said
    assert snapshot(project) == before


def test_a_tmx_over_the_size_limit_is_refused_unread(project: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    tmx = write_tmx(tmp_path / "memory.tmx", SPANISH)
    with tmx.open("a", encoding="utf-8") as handle:
        handle.write(" " * (1 << 20))  # well-formed still: white space after the root
    monkeypatch.setattr("calcii18n.exchange.xmlsafe.MAX_BYTES", 1 << 20)
    out = run_cli(project, "tm", "import", str(tmx), code=2)
    assert out == f"error: {tmx}: larger than 1 MiB: refused\n"


def test_round_trip_export_from_one_clinic_import_into_another(tmp_path: Path) -> None:
    """Clinic A exports its reviewed Spanish; clinic B, whose new leaflet repeats A's
    sentences, imports it and gets suggestions to check, reviewed nowhere."""
    a = make_project(tmp_path / "a", {"care": CARE})
    keys = team(a)
    fill(po_of(a, "care"), SPANISH)
    run_cli(a, "review", "approve", "es", "care", "--all-translated", "--yes",
            "--key", str(keys["rita"]))
    out = run_cli(a, "tm", "export", "es", "--leaflet", "care", "-o", str(tmp_path / "a.tmx"))
    assert "7 reviewed entries (es)" in out
    b = make_project(tmp_path / "b", {"repeat": REPEAT})
    team(b)
    out = run_cli(b, "tm", "import", str(tmp_path / "a.tmx"), "es")
    assert out.splitlines()[0] == "locale/es/LC_MESSAGES/repeat.po: 2 fuzzy suggestions"
    repeat = entries(po_of(b, "repeat"))
    keep = repeat["Keep the wound clean and dry."]
    assert keep.msgstr == ("Mantenga la herida limpia y seca.",) and keep.fuzzy
    assert keep.translator_comments == (
        "suggested: exact match from a.tmx (marked reviewed there): check it, then clear "
        "fuzzy",)
    assert repeat["Change the dressing every single day."].msgstr == (
        "Cambie el vendaje todos los días.",)
    trust = load_authority(load_config(None, b)).of("es", "repeat")
    assert classify(keep, trust).state is State.FUZZY
    assert not repeat["Drink the amount of fluid your team advises."].has_translation


def test_the_cli_reports_each_catalogue_a_total_and_what_it_could_not_use(
        project: Path) -> None:
    tmx = project.parent / "memory.tmx"
    write_tmx(tmx, {"Keep the wound clean and dry.": "Mantenga la herida limpia y seca."})
    text = tmx.read_text("utf-8").replace("</body>", '<tu><tuv xml:lang="fr"><seg>x</seg>'
                                          '</tuv></tu>\n<tu><tuv xml:lang="en"><seg>Rest'
                                          '</seg></tuv><tuv xml:lang="fr"><seg>Repos'
                                          '</seg></tuv></tu>\n</body>')
    tmx.write_text(text, "utf-8")
    out = run_cli(project, "tm", "import", str(tmx), "--locale", "es", "--leaflet", "care")
    assert out.splitlines() == [
        "locale/es/LC_MESSAGES/care.po: 1 fuzzy suggestion",
        f"Total: 1 catalogue got 1 fuzzy suggestion from {tmx} (2 units; skipped: 1 without "
        "English, 1 without es)."]
    again = run_cli(project, "tm", "import", str(tmx), "es", "--leaflet", "care")
    assert again.splitlines()[0].startswith("Total: 0 catalogues got 0 fuzzy suggestions")
    out = run_cli(project, "tm", "import", str(tmx), "--leaflet", "ui", code=2)
    assert "no leaflet 'ui' (known: care, repeat)" in out
    assert "FILE.tmx [LOCALE]..." in run_cli(project, "tm", "import", "--help")


def test_a_locale_with_nothing_in_the_file_is_named_once(tmp_path: Path) -> None:
    project = make_project(tmp_path / "clinic", {"care": CARE}, '"es", "ar"')
    run_cli(project, "init", "ar")
    tmx = write_tmx(tmp_path / "memory.tmx", SPANISH, lang="es-MX")
    out = run_cli(project, "tm", "import", str(tmx))
    assert out.splitlines()[-1] == (
        f"Total: 1 catalogue got 7 fuzzy suggestions from {tmx} (7 units; no translation "
        "into ar).")


def test_suggest_fills_only_empty_singular_entries() -> None:
    memory = [Remembered("Rest.", "Descanse.", "m.tmx", False),
              Remembered("{n} day", "{n} día", "m.tmx", False)]
    plural = Message("{n} day", msgid_plural="{n} days", msgstr=("", ""))
    done = Message("Rest.", msgstr=("Repose.",), msgctxt="a")
    fuzzy = Message("Rest.", msgstr=("Reposo.",), msgctxt="b", flags=("fuzzy",))
    fuzzy_empty = Message("Rest.", msgctxt="c", flags=("fuzzy",))
    obsolete = Message("Rest.", msgctxt="d", obsolete=True)
    catalog = Catalog((("Language", "es"),), (), (), (plural, done, fuzzy, fuzzy_empty),
                      (obsolete,))
    assert suggest(catalog, memory) == (catalog, 0)
    empty = Message("Rest.", msgctxt="e", translator_comments=("mine",))
    filled, count = suggest(replace(catalog, messages=(*catalog.messages, empty)), memory)
    assert count == 1 and filled.messages[:4] == catalog.messages
    assert filled.messages[4] == replace(empty, msgstr=("Descanse.",), flags=("fuzzy",),
                                         translator_comments=("mine", EXACT.replace(
                                             "memory.tmx", "m.tmx")))
    assert filled.obsolete == (obsolete,) and filled.header == catalog.header
    assert suggest(catalog, []) == (catalog, 0)
