"""Machine-translation provenance: a machine's draft is never printed, never signed until
a person changed or confirmed it, and the release record says where an entry began."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from calcii18n.po.format import format_po
from calcii18n.po.parse import parse_po
from calcii18n.review.machine import confirm
from calcii18n.state import (
    MACHINE_REASON,
    MachineDraft,
    State,
    classify,
    entry_id,
    machine_draft,
    mark_machine,
    text_digest,
)
from calcii18n.trust import Authority

from helpers import CARE_LEAFLET, TINA, run_cli, team, tr

DAY = dt.date(2026, 12, 5)
TRUST = Authority().of("es", "care")
MSG = tr("at-home", "Keep the wound clean and dry.", "Mantenga la herida limpia y seca.")


def test_a_marked_entry_is_fuzzy_even_after_someone_clears_the_flag() -> None:
    marked = mark_machine(MSG, DAY, "deepl")
    assert marked.fuzzy and classify(marked, TRUST).reason == MACHINE_REASON
    unflagged = replace(marked, flags=())
    assert classify(unflagged, TRUST).state is State.FUZZY  # the hash decides, not the flag


def test_a_person_s_edit_ends_the_machine_draft_but_not_its_history() -> None:
    edited = replace(mark_machine(MSG, DAY, "deepl"), flags=(),
                     msgstr=("Mantenga la herida limpia y bien seca.",))
    assert classify(edited, TRUST).state is State.TRANSLATED
    draft = machine_draft(edited)
    assert draft is not None and draft.outcome == "changed by a person"
    # Editing back to the machine's exact words makes it the machine's text again.
    back = replace(edited, msgstr=MSG.msgstr)
    assert classify(back, TRUST).state is State.FUZZY


def test_confirming_keeps_the_text_and_allows_review_but_is_not_a_review() -> None:
    confirmed = confirm(mark_machine(MSG, DAY, "deepl"), DAY)
    assert not confirmed.fuzzy
    verdict = classify(confirmed, TRUST)
    assert verdict.state is State.TRANSLATED
    assert machine_draft(confirmed).outcome == "confirmed unchanged on 2026-12-05"
    with pytest.raises(Exception, match="not an unconfirmed machine draft"):
        confirm(confirmed, DAY)


def test_a_confirmation_of_other_words_does_not_count() -> None:
    marked = mark_machine(MSG, DAY, "deepl")
    other = f"mt-confirmed: 2026-12-05 sha256:{'0' * 16}"
    forged = replace(marked, flags=(), translator_comments=(*marked.translator_comments,
                                                            other))
    assert classify(forged, TRUST).state is State.FUZZY


def test_mark_removes_signatures_and_older_marks() -> None:
    signed = replace(MSG, translator_comments=("keep me", "signed: 2026-11-30 clinical x",
                                               MachineDraft(DAY, "old", "0" * 16).comment()))
    marked = mark_machine(signed, DAY, "new")
    assert marked.translator_comments[0] == "keep me"
    assert [c.split()[2] for c in marked.translator_comments[1:]] == ["new"]


@pytest.mark.parametrize("engine", ["", "two words", "a\nb", "x;rm"])
def test_an_engine_name_is_one_plain_word(engine: str) -> None:
    with pytest.raises(Exception, match="engine name"):
        mark_machine(MSG, DAY, engine)


def test_text_digest_covers_every_plural_form() -> None:
    one = tr(None, "{n} tablet", "{n} comprimido")
    two = replace(one, msgstr=("{n} comprimido", "{n} comprimidos"))
    assert text_digest(one) != text_digest(two)


# -- through the command line -----------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "care.md").write_text(CARE_LEAFLET, encoding="utf-8")
    (tmp_path / "calcii18n.toml").write_text('locales = ["es"]\n')
    keys = team(tmp_path)
    KEYS.update(keys)
    run_cli(tmp_path, "extract")
    run_cli(tmp_path, "init", "es")
    path = catalogue(tmp_path)
    catalog = parse_po(path.read_text(), str(path))
    spanish = {"Wound care": "Cuidado de la herida", "At home": "En casa",
               "Keep the wound clean and dry.": "Mantenga la herida limpia y seca."}
    catalog = replace(catalog, messages=tuple(
        replace(m, msgstr=(spanish[m.msgid],)) for m in catalog.messages))
    path.write_text(format_po(catalog.with_header("Last-Translator", TINA)))
    return tmp_path


KEYS: dict[str, Path] = {}


def catalogue(project: Path) -> Path:
    return project / "locale" / "es" / "LC_MESSAGES" / "care.po"


def entries(project: Path) -> dict[str, object]:
    catalog = parse_po(catalogue(project).read_text(), "care.po")
    return {m.msgid: m for m in catalog.messages}


def test_mark_then_sign_is_refused_until_a_person_confirms(project: Path) -> None:
    wound = entries(project)["Keep the wound clean and dry."]
    ident = entry_id(wound)  # type: ignore[arg-type]
    out = run_cli(project, "mt", "mark", "es", "care", "--entry", ident, "--engine", "deepl")
    assert f"{ident}" in out and "1 entry was marked as machine translation (saved)" in out
    assert "mt: " in catalogue(project).read_text()
    out = run_cli(project, "review", "approve", "es", "care", "--entry", ident, "--yes",
                  "--key", str(KEYS["rita"]), code=1)
    assert "machine draft" in out and "Nothing to sign" in out
    run_cli(project, "mt", "confirm", "es", "care", "--entry", ident)
    out = run_cli(project, "review", "approve", "es", "care", "--entry", ident, "--yes",
                  "--key", str(KEYS["rita"]))
    assert "Signed 1" in out
    assert "signed:" in catalogue(project).read_text()


def test_mark_all_skips_reviewed_and_untranslated_and_dry_run_writes_nothing(
        project: Path) -> None:
    before = catalogue(project).read_bytes()
    out = run_cli(project, "mt", "mark", "es", "care", "--all", "--engine", "fake",
                  "--dry-run")
    assert "3 entries would be marked" in out
    assert catalogue(project).read_bytes() == before
    out = run_cli(project, "mt", "mark", "es", "care", "--entry", "0000000",
                  "--engine", "fake", code=2)
    assert "no entry with id 0000000" in out
    out = run_cli(project, "mt", "confirm", "es", "care", "--entry",
                  entry_id(entries(project)["At home"]), code=1)  # type: ignore[arg-type]
    assert "not an unconfirmed machine draft" in out


def test_machine_text_never_enters_a_memory_and_the_record_names_it(project: Path) -> None:
    wound = entries(project)["Keep the wound clean and dry."]
    ident = entry_id(wound)  # type: ignore[arg-type]
    run_cli(project, "mt", "mark", "es", "care", "--entry", ident, "--engine", "deepl")
    run_cli(project, "mt", "confirm", "es", "care", "--all")
    run_cli(project, "review", "approve", "es", "care", "--all-translated", "--yes",
            "--key", str(KEYS["rita"]))
    out = run_cli(project, "tm", "export", "es", "-o", str(project / "es.tmx"))
    assert "Wrote" in out and ": 2 reviewed entries" in out
    assert "Left out 1 reviewed entry that began as machine drafts" in out
    assert "Keep the wound" not in (project / "es.tmx").read_text()

    from calcii18n.config import load_config
    from calcii18n.project.layout import load_authority
    from calcii18n.publish.record import _entries

    catalog = parse_po(catalogue(project).read_text(), "care.po")
    trust = load_authority(load_config(None, project)).of("es", "care")
    listed = {e["msgid"]: e["machine_draft"] for e in _entries(catalog, trust)}
    assert listed["Keep the wound clean and dry."] == {
        "engine": "deepl", "date": dt.date.today().isoformat(),
        "outcome": f"confirmed unchanged on {dt.date.today().isoformat()}"}
    assert listed["At home"] is None
    from calcii18n.publish.record import record_html

    entry = {"id": ident, "msgid": "Keep the wound clean and dry.", "translator": [],
             "signed": [], "self_review": False, "machine_draft": listed[
                 "Keep the wound clean and dry."]}
    page = record_html({
        "locale": "es", "leaflet": "care", "approved": "2026-12-05", "machine_drafts": 1,
        "english": {"source": "sources/care.md", "sha256": "0", "revision": 1,
                    "reviewed": "2026-11-01", "next_review": "2027-11-01",
                    "readability": {"smog": 5.0, "flesch_kincaid_grade": 3.0}},
        "checks": {"errors": 0, "warnings": 0, "silenced": 0, "tool": "calcii18n"},
        "policy": {"require": ["clinical"], "allow_self_review": False},
        "catalogues": {"leaflet": "0", "ui": "0"}, "files": {}, "entries": [entry],
        "ui_entries": []})
    assert "1 entry began as machine translation" in page
    assert "began as a machine draft (deepl, " in page


# -- an engine plugin (a fake one: none ships) --------------------------------------------

class FakeEngine:
    """Upper-cases the English between tokens; loses every token of a text with 'lose'."""

    def translate(self, texts: list[str], target: str) -> list[str]:
        assert target == "es"
        return [t.replace("⟦", "").replace("⟧", "") if "dry" in t else t.upper()
                for t in texts]


def _installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    from calcii18n.review import engines

    fake = EntryPoint("fake", "test_machine:FakeEngine", engines.GROUP)
    monkeypatch.setattr(engines, "entry_points",
                        lambda group: [fake] if group == engines.GROUP else [])


def test_mt_draft_fills_empty_entries_as_machine_drafts_with_codes_locked(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch)
    path = catalogue(project)
    text = path.read_text()
    path.write_text(text.replace('msgstr "En casa"', 'msgstr ""').replace(
        'msgid "Keep the wound clean and dry."\nmsgstr "Mantenga la herida limpia y seca."',
        'msgid "Keep the wound clean and dry."\nmsgstr ""'))
    out = run_cli(project, "mt", "draft", "es", "care", "--engine", "fake")
    assert "2 empty entries got a machine draft from fake (saved)" in out
    home = entries(project)["At home"]
    assert home.msgstr == ("AT HOME",) and classify(home, TRUST).state is State.FUZZY
    assert machine_draft(home).engine == "fake"  # type: ignore[union-attr, arg-type]


def test_an_engine_that_loses_a_placeholder_leaves_the_entry_empty(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch)
    source = project / "sources" / "care.md"
    source.write_text(source.read_text().replace("Keep the wound clean and dry.",
                                                 "Keep the wound **dry**. Call {clinic_phone}."))
    run_cli(project, "extract")
    run_cli(project, "update", "es")
    out = run_cli(project, "mt", "draft", "es", "care", "--engine", "fake")
    assert "left empty: the engine lost a placeholder" in out
    lost = next(m for k, m in entries(project).items() if "{clinic_phone}" in k)
    assert lost.msgstr == ("",) and not lost.fuzzy  # type: ignore[attr-defined]


def test_an_engine_nobody_installed_is_one_line(project: Path) -> None:
    out = run_cli(project, "mt", "draft", "es", "care", "--engine", "deepl", code=2)
    assert "no machine-translation engine 'deepl' is installed" in out


def test_a_machine_draft_whose_english_changed_is_stale_and_cannot_be_confirmed(
        project: Path) -> None:
    wound = entries(project)["Keep the wound clean and dry."]
    ident = entry_id(wound)  # type: ignore[arg-type]
    run_cli(project, "mt", "mark", "es", "care", "--entry", ident, "--engine", "deepl")
    source = project / "sources" / "care.md"
    source.write_text(source.read_text().replace("clean and dry", "clean and very dry"))
    run_cli(project, "extract")
    run_cli(project, "update", "es")
    changed = entries(project)["Keep the wound clean and very dry."]
    assert classify(changed, TRUST).state is State.STALE  # type: ignore[arg-type]
    assert "1 stale entry" in run_cli(project, "stale", "es")
    out = run_cli(project, "mt", "confirm", "es", "care", "--all", code=1)
    assert "the English changed since the machine's draft" in out
    assert entries(project)["Keep the wound clean and very dry."] == changed


def test_words_inside_another_comment_are_not_a_confirmation() -> None:
    marked = mark_machine(MSG, DAY, "deepl")
    quoted = replace(marked, flags=(), translator_comments=(
        *marked.translator_comments,
        f"revised by agency: 2026-12-05 (memoQ mt-confirmed: 2026-01-01 sha256:"
        f"{text_digest(MSG)})"))
    assert classify(quoted, TRUST).state is State.FUZZY
    wrapped = replace(marked, flags=(), translator_comments=(
        *marked.translator_comments, "mt-confirmed: 2026-12-06", f"sha256:{text_digest(MSG)}"))
    assert classify(wrapped, TRUST).state is State.TRANSLATED  # re-wrapped by an editor
