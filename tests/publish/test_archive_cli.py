"""`render --archive` (issue 17 item 7): beside each final print, a PDF/A-3a carrying the
English source, the catalogues and the release record, whose hashes are the files'."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pikepdf
from test_render import approve, run
from test_render import project as project


def attached(pdf: Path) -> dict[str, bytes]:
    with pikepdf.open(pdf) as doc:
        return {name: spec.get_file().read_bytes()
                for name, spec in doc.attachments.items()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_final_print_gets_an_archive_with_its_makings(project: Path) -> None:
    approve(project, "es")
    run(project, "render", "es", "--leaflet", "dose", "--archive")
    folder = project / "build" / "es"
    archive = folder / "dose.archive.pdf"
    files = attached(archive)
    assert sorted(files) == ["dose.es.po", "dose.md", "dose.record.json", "ui.es.po"]
    po = project / "locale" / "es" / "LC_MESSAGES"
    assert sha(files["dose.es.po"]) == sha((po / "dose.po").read_bytes())
    assert sha(files["ui.es.po"]) == sha((po / "ui.po").read_bytes())
    assert sha(files["dose.md"]) == sha((project / "sources" / "dose.md").read_bytes())
    assert files["dose.record.json"] == (folder / "dose.record.json").read_bytes()
    with pikepdf.open(archive) as doc:
        meta = str(doc.open_metadata())
        assert 'pdfaid:part="3"' in meta or "<pdfaid:part>3</pdfaid:part>" in meta
    info = subprocess.run(["pdfinfo", str(archive)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info


def test_no_archive_for_a_draft_and_none_left_from_an_older_print(project: Path) -> None:
    approve(project, "es")
    run(project, "render", "es", "--leaflet", "dose", "--archive")
    archive = project / "build" / "es" / "dose.archive.pdf"
    assert archive.is_file()
    run(project, "render", "es", "--leaflet", "dose")  # a new print, no archive asked for
    assert not archive.exists()
    out = run(project, "render", "ar", "--leaflet", "dose", "--archive", "--draft")
    assert "ar/dose: DRAFT" in out and not (project / "build" / "ar" / "dose.archive.pdf"
                                            ).exists()
