"""The archival edition: one PDF that is a leaflet and, inside it, what the leaflet was made of.

Why: a leaflet handed to a patient may have to be shown years later, with what it said and
on what grounds. PDF/A-3 (ISO 19005-3) is the archival PDF that may carry other files, as
"associated files": here the English source, the catalogue and the release record, each an
embedded file with its MIME type, size and date, named in the catalog's /AF with its
/AFRelationship (Source, Data, Supplement). Before anything is written every file is read
back out of the finished PDF and its SHA-256 compared with the bytes given: an archive that
does not carry exactly its sources is refused, and nothing is written.

The file is PDF/A-3a and PDF/UA-1 at once, tagged by the same hooks as every leaflet
(`tagging`). WeasyPrint 70 takes one `pdf_variant` (weasyprint/pdf/__init__.py VARIANTS);
"pdf/a-3a" (pdf/pdfa.py) sets `pdf_tags=True` and PDF 1.7 as "pdf/ua-1" does (pdf/pdfua.py,
which only adds the PDF/UA identification), plus the sRGB output intent, a file identifier,
/AFRelationship on each attachment and the catalog's /AF. What it leaves undone is done here
with pikepdf: claim PDF/UA-1 in the XMP (pdfuaid:part, with the PDF/A extension schema that
PDF/A-2 and 3 require for a schema they do not predefine); name each attachment once in /AF
(WeasyPrint 70 lists each twice); keep our MIME type (it guesses from the name, and a .po
becomes application/octet-stream); set the relationship by name (it matches by MD5, so two
attachments with equal bytes would share one); turn off /Interpolate on raster images,
which it sets for CSS `image-rendering: auto` and PDF/A forbids.

No URL is fetched: the render goes through `pdf.checked_pdf` and its fetcher, and the
attachments are bytes, never URLs. `problems` lists what keeps a file from being the
archive of given attachments (a finished archive is checked with it before it is written);
it is not a PDF/A validator such as veraPDF, which is not run here.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args
from xml.etree import ElementTree

from calcii18n._util.files import read_bytes, write_bytes_atomic
from calcii18n.config import Config
from calcii18n.errors import Calcii18nError
from calcii18n.leaflet.extract import UI_DOMAIN
from calcii18n.project.layout import po_path, shown
from calcii18n.publish.pdf import checked_pdf
from calcii18n.publish.record import Released, sha256

if TYPE_CHECKING:
    import pikepdf

VARIANT = "pdf/a-3a"
Relationship = Literal["Source", "Data", "Alternative", "Supplement", "Unspecified"]
RELATIONSHIPS: tuple[str, ...] = get_args(Relationship)  # those ISO 19005-3 allows
# /F is written as bytes, /UF as text, and the name tree is sorted: plain ASCII names only.
_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_MIME = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
_UA_ID = "http://www.aiim.org/pdfua/ns/id/"
_SCHEMA = "{http://www.aiim.org/pdfa/ns/schema#}"
_CLAIM_UA = f"""<rdf:Description rdf:about="" xmlns:pdfuaid="{_UA_ID}" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{_UA_ID}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>PDF/UA version identifier</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
""".encode()


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the archive carries: `filename` as a reader lists it (ASCII letters, digits,
    '.', '_', '-'), its bytes, MIME type, a description, and how it relates to the leaflet
    (the English source: "Source"; the catalogue: "Data"; the release record:
    "Supplement"). `modified` (when the file last changed) defaults to the archive's time."""

    filename: str
    data: bytes
    mime_type: str
    description: str
    relationship: Relationship
    modified: datetime | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _refuse(shown: str, why: str) -> Calcii18nError:
    return Calcii18nError(shown, None, f"cannot make the archival PDF (PDF/A-3a): {why}; "
                          "nothing written")


def _checked(attachments: Sequence[Attachment], shown: str) -> list[Attachment]:
    """The attachments sorted by name (a name tree is sorted), or why one is refused."""
    seen: set[str] = set()
    for item in attachments:
        what = repr(item.filename[:100])
        if not _FILENAME.fullmatch(item.filename):
            raise _refuse(shown, f"attachment name {what} is not plain ASCII letters, digits, "
                          "'.', '_' and '-' (at most 100)")
        if item.filename in seen:
            raise _refuse(shown, f"two attachments are named {what}")
        if item.relationship not in RELATIONSHIPS:
            raise _refuse(shown, f"attachment {what}: relationship {item.relationship!r} is "
                          f"not one of {', '.join(RELATIONSHIPS)}")
        if not _MIME.fullmatch(item.mime_type):
            raise _refuse(shown, f"attachment {what}: {item.mime_type!r} is not a MIME type "
                          "in lower case (type/subtype)")
        seen.add(item.filename)
    return sorted(attachments, key=lambda item: item.filename)


def archive_pdf(html: str, out: Path, shown: str, attachments: Sequence[Attachment], *,
                base_url: str | None = None, families: tuple[str, ...] = (),
                assets: tuple[Path, ...] = (), root: Path | None = None,
                when: datetime | None = None) -> None:
    """Render `html` as a PDF/A-3a and PDF/UA-1 file carrying `attachments`, and write it
    atomically to `out`. Refused, nothing written, for everything `pdf.html_to_pdf`
    refuses (a URL, a missing glyph, a fallback font given `families`), for an attachment
    that is badly named, named twice or not read back byte for byte, and for HTML without
    a <title> (PDF/UA shows it in the title bar). `when` (default: now) dates the
    attachments; with the same `when` the same input gives the same bytes."""
    import weasyprint

    chosen = _checked(attachments, shown)
    moment = (when or datetime.now(UTC)).astimezone(UTC)
    files = [weasyprint.Attachment(
        string=item.data, name=item.filename, description=item.description,
        relationship=item.relationship, created=moment,
        modified=(item.modified or moment).astimezone(UTC)) for item in chosen]
    data = checked_pdf(html, shown, base_url, families, assets,
                       {"pdf_variant": VARIANT, "attachments": files})
    data = _finish(data, chosen, shown)
    found = problems(data, chosen)
    if found:
        raise _refuse(shown, "; ".join(found[:3]))
    write_bytes_atomic(out, data, root=root)


def _finish(data: bytes, chosen: Sequence[Attachment], shown: str) -> bytes:
    """What WeasyPrint's PDF/A-3a lacks (see the module docstring), through pikepdf."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            _claim_ua(pdf, shown)
            _associate(pdf, chosen, shown)
            _no_interpolation(pdf)
            buffer = io.BytesIO()
            pdf.save(buffer, deterministic_id=True)
    except pikepdf.PdfError as exc:
        raise _refuse(shown, f"pikepdf could not finish it: {str(exc)[:200]}") from None
    return buffer.getvalue()


def _claim_ua(pdf: pikepdf.Pdf, shown: str) -> None:
    """Add the PDF/UA-1 identification, and its extension schema, to WeasyPrint's XMP."""
    import pikepdf

    if not str(pdf.docinfo.get("/Title", "")).strip():
        raise _refuse(shown, "the HTML has no <title>, which PDF/UA-1 shows as the title")
    packet = bytes(pdf.Root.Metadata.read_bytes())
    if packet.count(b"</rdf:RDF>") != 1 or b"pdfuaid" in packet:
        raise _refuse(shown, "WeasyPrint's XMP metadata is not the packet calcii18n extends")
    packet = packet.replace(b"</rdf:RDF>", _CLAIM_UA + b"</rdf:RDF>")
    pdf.Root.Metadata = pdf.make_stream(packet, Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)


def _associate(pdf: pikepdf.Pdf, chosen: Sequence[Attachment], shown: str) -> None:
    """Each attachment once in /AF, with our relationship and MIME type."""
    import pikepdf

    ours = {item.filename: item for item in chosen}
    specs: dict[str, Any] = {}
    for spec in pdf.Root.get("/AF", pikepdf.Array()):
        name = str(spec.get("/UF", ""))
        if name not in ours:  # e.g. a <link rel=attachment> in the HTML, read from assets
            raise _refuse(shown, f"the PDF carries {name[:100]!r}, which was not given")
        specs[name] = spec
    missing = sorted(set(ours) - set(specs))
    if missing:
        raise _refuse(shown, f"WeasyPrint left out {', '.join(map(repr, missing))}")
    for name, spec in specs.items():
        spec.AFRelationship = pikepdf.Name("/" + ours[name].relationship)
        spec.EF.F.Subtype = pikepdf.Name("/" + ours[name].mime_type)
    if chosen:
        pdf.Root.AF = pikepdf.Array([specs[item.filename] for item in chosen])


def _no_interpolation(pdf: pikepdf.Pdf) -> None:
    """PDF/A forbids /Interpolate true on an image (ISO 19005-3, 6.2.8), which WeasyPrint
    writes for every raster image whose CSS image-rendering is `auto`, the default."""
    import pikepdf

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image" and bool(
                obj.get("/Interpolate", False)):
            obj.Interpolate = False


def problems(data: bytes, attachments: Sequence[Attachment]) -> list[str]:
    """What keeps `data` from being the archive of `attachments`: empty when it claims
    PDF/A-3a and PDF/UA-1, is tagged, has an output intent, and carries each attachment
    once, in /AF and in the EmbeddedFiles name tree, with its relationship, MIME type, size,
    modification date and, read back, the same SHA-256; and no image is interpolated."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            found = _identity(pdf)
            specs = list(pdf.Root.get("/AF", pikepdf.Array()))
            names = [str(spec.get("/UF", "")) for spec in specs]
            given = sorted(item.filename for item in attachments)
            if sorted(names) != given:
                found.append(f"/AF names {names}, not once each of {given}")
            tree = set(pdf.attachments)
            for item in attachments:
                if item.filename not in tree:
                    found.append(f"{item.filename} is not in the EmbeddedFiles name tree")
                for spec in (s for s, n in zip(specs, names, strict=True) if n == item.filename):
                    found += [f"{item.filename}: {p}" for p in _file(spec, item)]
    except pikepdf.PdfError as exc:
        return [f"not a readable PDF: {str(exc)[:200]}"]
    return found


def _identity(pdf: pikepdf.Pdf) -> list[str]:
    """What the XMP metadata and the catalog claim and hold."""
    import pikepdf

    found = []
    meta = pdf.open_metadata()
    claim = (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"), meta.get("pdfuaid:part"))
    if claim != ("3", "A", "1"):
        found.append(f"XMP claims pdfaid part/conformance and pdfuaid part {claim}, not "
                     "('3', 'A', '1')")
    try:
        rdf = ElementTree.fromstring(bytes(pdf.Root.Metadata.read_bytes()))
        defined = any(node.findtext(f"{_SCHEMA}namespaceURI") == _UA_ID
                      and node.findtext(f"{_SCHEMA}prefix") == "pdfuaid" for node in rdf.iter())
    except (AttributeError, ElementTree.ParseError):  # no /Metadata, or not XML
        defined = False
    if not defined:
        found.append("the XMP lacks the PDF/A extension schema that defines pdfuaid")
    if len(pdf.Root.get("/OutputIntents", ())) < 1:
        found.append("no /OutputIntents")
    marked = pdf.Root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked", False)
    if "/StructTreeRoot" not in pdf.Root or not marked:
        found.append("not tagged (no structure tree, or /MarkInfo not /Marked)")
    if "/Lang" not in pdf.Root:
        found.append("no /Lang on the catalog")
    if "/ID" not in pdf.trailer:
        found.append("no /ID in the trailer")
    if any(isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
           and bool(obj.get("/Interpolate", False)) for obj in pdf.objects):
        found.append("an image has /Interpolate true")
    return found


def _file(spec: pikepdf.Object, item: Attachment) -> list[str]:
    """How one embedded file differs from the attachment it should be."""
    import pikepdf

    found = []
    stream = spec.EF.F
    params = stream.get("/Params", pikepdf.Dictionary())
    if str(spec.get("/AFRelationship", "")) != "/" + item.relationship:
        found.append(f"relationship {spec.get('/AFRelationship')}, not {item.relationship}")
    if str(stream.get("/Subtype", "")) != "/" + item.mime_type:
        found.append(f"MIME type {stream.get('/Subtype')}, not {item.mime_type}")
    if str(spec.get("/F", "")) != item.filename:
        found.append(f"/F is {str(spec.get('/F', ''))!r}")
    if int(params.get("/Size", -1)) != len(item.data) or "/ModDate" not in params:
        found.append("/Params lacks the right /Size or a /ModDate")
    if hashlib.sha256(bytes(stream.read_bytes())).hexdigest() != item.sha256:
        found.append("the bytes read back are not the bytes given (SHA-256 differs)")
    return found


SUFFIX = ".archive.pdf"
_PO = "text/x-gettext-translation"


def write_archive(cfg: Config, locale: str, html: str, html_path: Path, released: Released,
                  record: Path, families: tuple[str, ...], out: Path) -> Path:
    """`render --archive`: BUILD/<locale>/<leaflet>.archive.pdf beside a final print,
    carrying the English source, the leaflet's and the ui's catalogues and the release
    record. Each file is read again and must still have the hash the gate and the record
    saw: one that changed while rendering is refused, nothing written."""
    lid = released.leaflet.id
    parts: list[tuple[str, Path, str, str, Relationship, str | None]] = [
        (f"{lid}.md", cfg.sources / f"{lid}.md", "text/markdown",
         "The English source of this leaflet", "Source", released.source_sha256)]
    if locale != "en":
        parts += [(f"{lid}.{locale}.po", po_path(cfg, locale, lid), _PO,
                   f"The {locale} catalogue this leaflet was printed from", "Data",
                   released.catalog_sha256),
                  (f"ui.{locale}.po", po_path(cfg, locale, UI_DOMAIN), _PO,
                   "The catalogue of the words printed around the leaflet", "Data",
                   released.ui_sha256)]
    parts.append((record.name, record, "application/json",
                  "The release record: who translated and signed each entry, and hashes",
                  "Supplement", None))
    attachments = []
    for name, path, mime, description, relationship, digest in parts:
        data = read_bytes(path, shown(path, cfg), root=cfg.root if path != record else out)
        if digest is not None and sha256(data) != digest:
            raise _refuse(shown(path, cfg), "it changed while the leaflet was rendering")
        attachments.append(Attachment(name, data, mime, description, relationship))
    path = html_path.with_name(lid + SUFFIX)
    archive_pdf(html, path, shown(path, cfg), attachments, families=families, root=out)
    return path
