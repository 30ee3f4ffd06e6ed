"""Release records are kept like PDFs (issue 18, item 1): a record whose inputs did not
change is neither built nor written again; a changed input, a hand-edited or deleted
record file, new code or --force write it again. Building every record again was a
quarter of a build in which one catalogue of 2,020 changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_incremental import render
from test_render import approve
from test_render import project as project  # the fixture

FINALS = ("en/dose", "en/other", "es/dose")


def written(project: Path) -> dict[str, int]:
    """Each final's record files (JSON and HTML) and when each was last written."""
    return {f"{name}{suffix}": (project / "build" / f"{name}{suffix}").stat().st_mtime_ns
            for name in FINALS for suffix in (".record.json", ".record.html")}


def test_an_unchanged_record_is_kept_and_any_change_writes_it_again(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from calcii18n.publish import record

    approve(project, "es")
    render(project)
    built: list[str] = []
    real = record.build_record

    def counted(given: record.Released, files: dict[str, bytes],
                catalog: object) -> dict[str, object]:
        built.append(f"{given.trust.locale}/{given.leaflet.meta.id}")
        return real(given, files, catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(record, "build_record", counted)
    before = written(project)
    render(project)
    assert built == [] and written(project) == before  # nothing changed: nothing built

    es = project / "build" / "es" / "dose.record.json"
    data = json.loads(es.read_text("utf-8"))
    es.write_text(json.dumps({**data, "gate": "edited by hand"}), "utf-8")
    (project / "build" / "en" / "other.record.html").unlink()
    render(project)
    assert sorted(built) == ["en/other", "es/dose"]
    assert json.loads(es.read_text("utf-8")) == data  # made again as it was

    built.clear()
    monkeypatch.setattr(record, "code_digest", lambda: "another calcii18n")
    render(project)
    assert sorted(built) == ["en/dose", "en/other", "es/dose"]  # new code: all again
    built.clear()
    render(project, "--force")
    assert sorted(built) == ["en/dose", "en/other", "es/dose"]


def test_a_changed_catalogue_writes_its_record_again(project: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from calcii18n.publish import record

    approve(project, "es")
    render(project)
    es = project / "locale" / "es" / "LC_MESSAGES" / "dose.po"
    es.write_text(es.read_text("utf-8") + "\n", "utf-8")  # the same entries, new bytes
    built: list[str] = []
    real = record.build_record
    monkeypatch.setattr(record, "build_record", lambda given, files, catalog: (
        built.append(given.leaflet.meta.id), real(given, files, catalog))[1])
    render(project)
    assert built == ["dose"]  # its record names the catalogue's hash: written again
    record_hash = json.loads((project / "build/es/dose.record.json").read_text("utf-8"))
    assert record_hash["catalogues"]["leaflet"] == record.sha256(es.read_bytes())
