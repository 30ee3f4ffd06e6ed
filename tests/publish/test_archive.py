"""The archival edition (`render --archive`): a PDF/A-3a and PDF/UA-1 file that carries the
English source, the catalogue and the release record as associated files, whose SHA-256,
read back out of the PDF, equals that of the bytes given.

veraPDF is not installed, so the PDF/A claims are checked here with pikepdf, and a real
reader (poppler's pdfinfo and pdfdetach) lists and extracts the attachments."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from calcii18n.errors import Calcii18nError
from calcii18n.publish.archive import VARIANT, Attachment, archive_pdf, problems
from calcii18n.publish.pdf import html_to_pdf

FONTS = ("Noto Sans",)
WHEN = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
HTML = """<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Su medicamento</title>
<style>html { font-family: "Noto Sans" }
@page { @bottom-center { content: "Página " counter(page) } }</style></head>
<body><h1>Su medicamento</h1>
<h2>Cómo tomarlo</h2><p>Tome 1 comprimido con la cena.</p>
<ul><li>Manténgalo seco.</li><li>Manténgalo fresco.</li></ul>
<aside><p lang="en">Take it the next evening.</p></aside>
</body></html>
"""
SOURCE = Attachment("dose.md", b"---\nid: dose\n---\n\n## How to take it\n", "text/markdown",
                    "The English source, revision 2", "Source")
CATALOGUE = Attachment("dose.po", 'msgid "Keep it dry."\nmsgstr "Manténgalo seco."\n'.encode(),
                       "text/x-gettext-translation", "The Spanish catalogue", "Data")
RECORD = Attachment("dose.record.json", b'{"format": "calcii18n-release/1"}\n',
                    "application/json", "The release record", "Supplement",
                    modified=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
ATTACHED = (SOURCE, CATALOGUE, RECORD)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive (given its attachments out of order) and a normal render of one page."""
    out = tmp_path_factory.mktemp("archive")
    archive_pdf(HTML, out / "dose.pdf", "dose", (RECORD, SOURCE, CATALOGUE), families=FONTS,
                root=out, when=WHEN)
    html_to_pdf(HTML, out / "plain.pdf", "dose", families=FONTS, root=out)
    return out


@pytest.fixture
def archive(folder: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(folder / "dose.pdf") as pdf:
        yield pdf


def test_it_claims_pdf_a_3a_and_pdf_ua_1_and_has_what_both_require(archive: pikepdf.Pdf
                                                                   ) -> None:
    meta = archive.open_metadata()
    assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "A")
    assert meta.pdfa_status == "3A" and VARIANT == "pdf/a-3a"
    assert meta.get("pdfuaid:part") == "1"
    packet = archive.Root.Metadata.read_bytes()  # pdfuaid is defined for PDF/A (6.6.2.3)
    assert b"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in packet
    assert b"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<" in packet
    assert meta.get("dc:title") == "Su medicamento"
    assert str(archive.docinfo.Title) == "Su medicamento"
    intent = archive.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and isinstance(intent.DestOutputProfile, pikepdf.Stream)
    assert len(archive.trailer.ID) == 2
    assert archive.pdf_version == "1.7"
    assert str(archive.Root.Lang) == "es"
    assert archive.Root.MarkInfo.Marked and archive.Root.ViewerPreferences.DisplayDocTitle


def test_every_attachment_read_back_has_the_sha256_of_the_bytes_given(archive: pikepdf.Pdf
                                                                     ) -> None:
    embedded = {name: spec.get_file().read_bytes() for name, spec in archive.attachments.items()}
    assert {name: sha256(data) for name, data in embedded.items()} == {
        item.filename: sha256(item.data) for item in ATTACHED}
    through_af = {str(spec.UF): sha256(spec.EF.F.read_bytes()) for spec in archive.Root.AF}
    assert through_af == {item.filename: item.sha256 for item in ATTACHED}


def test_every_attachment_is_an_associated_file_listed_once_in_af(archive: pikepdf.Pdf
                                                                 ) -> None:
    specs = list(archive.Root.AF)
    assert [str(spec.UF) for spec in specs] == ["dose.md", "dose.po", "dose.record.json"]
    assert len({spec.objgen for spec in specs}) == 3  # WeasyPrint 70 alone lists each twice
    names = list(archive.Root.Names.EmbeddedFiles.Names)
    assert [str(key) for key in names[::2]] == sorted(item.filename for item in ATTACHED)
    assert [value.objgen for value in names[1::2]] == [spec.objgen for spec in specs]
    for spec, item in zip(specs, sorted(ATTACHED, key=lambda a: a.filename), strict=True):
        stream = spec.EF.F
        assert spec.Type == "/Filespec" and str(spec.F) == str(spec.UF) == item.filename
        assert spec.AFRelationship == "/" + item.relationship
        assert str(spec.Desc) == item.description
        assert stream.Type == "/EmbeddedFile" and stream.Subtype == "/" + item.mime_type
        assert int(stream.Params.Size) == len(item.data)
        moment = item.modified or WHEN
        assert str(stream.Params.ModDate) == moment.strftime("D:%Y%m%d%H%M%SZ")


def roles(pdf: pikepdf.Pdf) -> list[tuple[str, str | None]]:
    """The structure tree in reading order: each element's type and its own /Lang."""
    out: list[tuple[str, str | None]] = []

    def walk(node: Any) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                lang = kid.get("/Lang")
                out.append((str(kid.S), str(lang) if lang is not None else None))
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def test_the_tag_tree_is_the_one_every_leaflet_has(folder: Path, archive: pikepdf.Pdf
                                                   ) -> None:
    with pikepdf.open(folder / "plain.pdf") as plain:
        expected = roles(plain)
    found = roles(archive)
    assert found == expected
    assert ("/H1", None) in found and ("/LBody", None) in found
    assert ("/Sect", None) in found and ("/P", "en") in found  # tagging's hooks ran


def test_problems_is_empty_for_the_archive_and_names_a_changed_attachment(folder: Path
                                                                          ) -> None:
    data = (folder / "dose.pdf").read_bytes()
    assert problems(data, ATTACHED) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.attachments["dose.po"].get_file().obj.write(b'msgid "Help"\nmsgstr "Socorro"\n')
        buffer = io.BytesIO()
        pdf.save(buffer)
    found = problems(buffer.getvalue(), ATTACHED)
    assert "dose.po: the bytes read back are not the bytes given (SHA-256 differs)" in found
    assert problems(data, (*ATTACHED, replace(SOURCE, filename="extra.md"))) != []
    plain = problems((folder / "plain.pdf").read_bytes(), ())
    assert any("('3', 'A', '1')" in line for line in plain)
    assert problems(b"not a pdf", ())[0].startswith("not a readable PDF")


def test_the_same_input_gives_the_same_bytes(folder: Path, tmp_path: Path) -> None:
    archive_pdf(HTML, tmp_path / "again.pdf", "dose", ATTACHED, families=FONTS, when=WHEN)
    assert (tmp_path / "again.pdf").read_bytes() == (folder / "dose.pdf").read_bytes()


def test_equal_bytes_keep_their_own_relationships_and_an_image_is_not_interpolated(
        tmp_path: Path) -> None:
    """WeasyPrint matches relationships by MD5, and interpolates images by default."""
    from PIL import Image

    Image.new("RGB", (4, 4), "teal").save(tmp_path / "dot.png")
    html = HTML.replace("</h1>", '</h1><img src="dot.png" alt="" style="width: 2cm">')
    twins = (replace(SOURCE, filename="a.md"), replace(SOURCE, filename="b.md",
                                                       relationship="Alternative"))
    archive_pdf(html, tmp_path / "out.pdf", "dose", twins, base_url=f"{tmp_path.as_uri()}/",
                families=FONTS, assets=(tmp_path,), when=WHEN)
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert {str(s.UF): s.AFRelationship for s in pdf.Root.AF} == {
            "a.md": "/Source", "b.md": "/Alternative"}
        images = [obj for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert images and all(not obj.get("/Interpolate", False) for obj in images)
    assert problems((tmp_path / "out.pdf").read_bytes(), twins) == []


@pytest.mark.parametrize(("html", "attached", "why"), [
    (HTML, (replace(SOURCE, filename="../dose.md"),), "is not plain ASCII"),
    (HTML, (replace(SOURCE, filename="dosé.md"),), "is not plain ASCII"),
    (HTML, (SOURCE, replace(CATALOGUE, filename="dose.md")), "two attachments are named"),
    (HTML, (replace(SOURCE, relationship="Parent"),),  # type: ignore[arg-type]
     "relationship 'Parent' is not one of"),
    (HTML, (replace(SOURCE, mime_type="markdown"),), "is not a MIME type"),
    (HTML.replace("<title>Su medicamento</title>", ""), ATTACHED, "has no <title>"),
    (HTML.replace("</h1>", '</h1><img src="https://example.org/x.png" alt="x">'), ATTACHED,
     "refused to fetch 'https://example.org/x.png'"),
    (HTML.replace("</title>", '</title><link rel="attachment" href="file:///etc/hostname">'),
     ATTACHED, "refused to fetch 'file:///etc/hostname'"),
    (HTML.replace("Noto Sans", "Noto Serif"), ATTACHED, "fell back to unexpected fonts"),
], ids=["path", "non-ascii", "twice", "relationship", "mime", "no-title", "url",
        "link-attachment", "fallback-font"])
def test_a_refusal_leaves_nothing_written(tmp_path: Path, html: str,
                                          attached: tuple[Attachment, ...], why: str) -> None:
    out = tmp_path / "dose.pdf"
    out.write_bytes(b"the archive of yesterday")
    with pytest.raises(Calcii18nError) as caught:
        archive_pdf(html, out, "es/dose", attached, families=FONTS, root=tmp_path, when=WHEN)
    assert why in str(caught.value) and "nothing written" in str(caught.value)
    assert caught.value.path == "es/dose"
    assert out.read_bytes() == b"the archive of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dose.pdf"]  # no temporary file


@pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="poppler-utils not installed")
def test_a_reader_lists_and_extracts_the_same_files(folder: Path, tmp_path: Path) -> None:
    info = subprocess.run(["pdfinfo", str(folder / "dose.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert "Tagged:          yes" in info and "PDF version:     1.7" in info
    listed = subprocess.run(["pdfdetach", "-list", str(folder / "dose.pdf")],
                            capture_output=True, text=True, check=True).stdout
    assert listed.splitlines() == ["3 embedded files", "1: dose.md", "2: dose.po",
                                   "3: dose.record.json"]
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(folder / "dose.pdf")],
                   check=True)
    assert {p.name: sha256(p.read_bytes()) for p in tmp_path.iterdir()} == {
        item.filename: item.sha256 for item in ATTACHED}
