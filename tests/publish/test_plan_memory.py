"""The render plan holds one locale's catalogues at a time, and a final print's job keeps
its catalogue's place and hash, not its entries (issue 18: a build of 300 leaflets × 20
locales held every catalogue of the library until its last release record was written).
A record is written from the very catalogue the gate saw: if the file changed meanwhile
and no cache holds the parse of what the gate saw, the print is refused, never recorded
with other entries."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from test_render import approve, run
from test_render import project as project  # the fixture

from calcii18n.config import load_config
from calcii18n.model import Catalog
from calcii18n.publish import pipeline
from calcii18n.publish.editions import load_clinic
from calcii18n.publish.jobs import Job
from calcii18n.publish.page import Options


def live(language: str) -> int:
    """Catalogues of `language` with entries that something still holds."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Catalog) and o.messages
               and o.header_value("Language") == language)


def test_the_plan_holds_one_locales_catalogues_at_a_time(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approve(project, "es")  # es/dose prints final: its job carries what its record needs
    held: dict[str, int] = {}
    real = pipeline._plan_locale
    before = live("es")  # what earlier tests in this process left alive

    def counted(shared: object, code: str, found: object, *rest: object) -> None:
        held[code] = live("es") - before
        real(shared, code, found, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_plan_locale", counted)
    cfg = load_config(None, project)
    planned, _ = pipeline.plan(cfg, (), None, load_clinic(cfg, None), Options(draft=True),
                               project / "build", ("html",))
    finals = [j for j in planned if j.released is not None]
    assert [(j.locale, j.leaflet) for j in finals] == [("en", "dose"), ("en", "other"),
                                                       ("es", "dose")]
    # es's ui, dose and other while es is planned; then only its ui (every language's
    # notice line comes from its ui catalogue, and a final's record lists its ui entries).
    assert held == {"en": 1, "es": 3, "ar": 1}
    assert live("es") - before == 1


def test_a_record_is_refused_when_its_catalogue_changed_since_the_gate(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALCII18N_CACHE", "off")  # the file is all there is to read again
    approve(project, "es")
    po = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    real = pipeline.render_pdfs

    def then_saved(cfg: object, jobs: list[Job], *rest: object) -> object:
        po.write_text(po.read_text("utf-8") + "\n", "utf-8")  # the same entries, new bytes
        return real(cfg, jobs, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "render_pdfs", then_saved)
    out = run(project, "render", "es", "--leaflet", "dose", code=1)
    assert "changed on disk while this build ran" in out, out
    assert not (project / "build" / "es" / "dose.record.json").exists()
    assert not (project / "build" / "es" / "dose.pdf").exists()
    monkeypatch.setattr(pipeline, "render_pdfs", real)
    assert "es/dose: final" in run(project, "render", "es", "--leaflet", "dose")
