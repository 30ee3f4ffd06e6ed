"""Validate XLIFF documents against the official OASIS schemas stored in ./schemas/.

`xliff_errors(data)` picks the schema from the root element: XLIFF 1.2 (namespace
``urn:oasis:names:tc:xliff:document:1.2`` or ``version="1.2"``) is checked against the
transitional schema, XLIFF 2.0 (``urn:oasis:names:tc:xliff:document:2.0``) against the core
schema. Nothing is ever fetched from the network: the schemas import ``xml.xsd`` by a local
relative name, and both the schema parser and the document parser have ``no_network=True``.
See schemas/README.md for where each file comes from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

NS_XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_XLIFF_20 = "urn:oasis:names:tc:xliff:document:2.0"

_SCHEMA_FILES = {
    "1.2": "xliff-core-1.2-transitional.xsd",
    "1.2-strict": "xliff-core-1.2-strict.xsd",
    "2.0": "xliff_core_2.0.xsd",
}


def _parser() -> etree.XMLParser:
    # No network, no DTD loading, no entity expansion: only the bytes we are given.
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)


class _LocalOnly(etree.Resolver):
    """Serve schema imports from SCHEMA_DIR by file name; refuse anything else."""

    def resolve(self, system_url, public_id, context):  # type: ignore[override]
        name = (system_url or "").rsplit("/", 1)[-1]
        path = SCHEMA_DIR / name
        if name and path.is_file():
            return self.resolve_filename(str(path), context)
        raise OSError(f"schema import not available offline: {system_url!r}")


@cache
def schema(kind: str) -> etree.XMLSchema:
    """The compiled schema for ``kind`` ("1.2", "1.2-strict" or "2.0"), cached."""
    parser = _parser()
    parser.resolvers.add(_LocalOnly())
    doc = etree.parse(str(SCHEMA_DIR / _SCHEMA_FILES[kind]), parser)
    return etree.XMLSchema(doc)


def _kind(root: etree._Element) -> str | None:
    ns = etree.QName(root).namespace
    version = (root.get("version") or "").strip()
    if ns == NS_XLIFF_20 or (ns is None and version.startswith("2.")):
        return "2.0"
    if ns == NS_XLIFF_12 or (ns is None and version == "1.2"):
        return "1.2"
    return None


def xliff_errors(data: bytes, *, strict: bool = False) -> list[str]:
    """Schema-validation messages for an XLIFF 1.2 or 2.0 document; [] means valid.

    ``strict=True`` checks XLIFF 1.2 against the strict schema instead of the transitional one.
    A document that is not well-formed, or is not XLIFF 1.2/2.0, gives one message saying so.
    """
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed: {exc}"]
    kind = _kind(root)
    if kind is None:
        return [f"not XLIFF 1.2 or 2.0: root {root.tag!r}, version={root.get('version')!r}"]
    errors = []
    if root.getroottree().docinfo.doctype:
        # XLIFF has no DTD; a DOCTYPE (internal subset, entities) is never something we write.
        errors.append(f"unexpected DOCTYPE: {root.getroottree().docinfo.doctype}")
    xsd = schema("1.2-strict" if (kind == "1.2" and strict) else kind)
    try:
        if xsd.validate(root):
            return errors
    except etree.XMLSchemaValidateError as exc:  # e.g. an unexpanded entity reference
        return [*errors, f"validation aborted: {exc}"]
    return [*errors, *(f"line {e.line}: {e.message}" for e in xsd.error_log)]
