"""The one way XML from outside comes in: lxml with entities, DTDs and the network off.

XLIFF, TMX and TBX files come from agencies and other tools, so they are input from other
people: an internal entity can expand to gigabytes (the "billion laughs"), an external one
can read a local file or fetch a URL. We refuse any document that declares entities at all
(no format we read needs them) and never load a DTD. Every error names `path:line`.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from calcii18n.errors import Calcii18nError

MAX_BYTES = 200 * 1024 * 1024  # far above any real hand-off (100k units are ~40 MB)


# <!DOCTYPE name [ ... ]>: a DTD inside the file (entities, attribute defaults). A bare
# <!DOCTYPE tmx SYSTEM "tmx14.dtd">, as OmegaT writes, is fine: it is never loaded.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[")


class ExchangeError(Calcii18nError):
    """An XLIFF, TMX or TBX file we refuse to read, or an import we refuse to apply."""


def parse(data: bytes, path: str) -> etree._Element:
    """The document's root element, or an ExchangeError naming the line.

    >>> parse(b"<a><b/></a>", "x.xlf").tag
    'a'
    >>> parse(b'<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', "x.xlf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    calcii18n.exchange.xmlsafe.ExchangeError: x.xlf:1: the file declares XML entities ...)
    """
    if len(data) > MAX_BYTES:
        raise ExchangeError(path, None, f"the file is larger than {MAX_BYTES >> 20} MiB")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        where = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        raise ExchangeError(path, where, f"not well-formed XML: {_message(exc)}") from None
    if _INTERNAL_SUBSET.search(data[:4096]):
        raise ExchangeError(path, 1, "the file declares XML entities or a DTD of its own "
                            "(refused: an agency's XLIFF, TMX or TBX never needs one)")
    for node in root.iter():
        if isinstance(node, etree._Entity):  # &nbsp; of an external DTD we never load
            raise ExchangeError(path, line(node), f"the file uses the XML entity "
                                f"{node.text} from a DTD we do not load: write the "
                                "character itself")
    return root


def _message(exc: etree.XMLSyntaxError) -> str:
    text = str(exc.msg or exc).strip()
    return text.split(", line ")[0]


def line(element: etree._Element) -> int | None:
    """The element's line in its file (lxml counts from 1)."""
    got: Any = element.sourceline
    return got if isinstance(got, int) and got > 0 else None


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and entities)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
