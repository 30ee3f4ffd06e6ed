"""Write a Catalog as PO text, byte for byte as GNU msgcat would lay it out.

The text is written in UTF-8, so a header read in another charset is written as
`msgconv -t UTF-8` writes it; otherwise a header read from a file is written exactly as it
was read (model.Header keeps its text), so a file `msgcat` leaves alone stays alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from calcii18n._util.gcpause import gc_paused
from calcii18n.model import Catalog, Header, Message
from calcii18n.po.charset import header_in_utf8
from calcii18n.po.directives import glued
from calcii18n.po.flags import gnu_order
from calcii18n.po.wrap import wrap_references, wrap_string


def _comment(marker: str, text: str) -> str:
    """One comment line. A line break inside a comment (text that came from outside: an
    agency's tool name, say) would start a line of its own, which could be an entry:
    it becomes a space."""
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return f"{marker} {text}" if text else marker


def _flags_line(flags: tuple[str, ...]) -> list[str]:
    ordered = gnu_order(flags)
    return ["#, " + ", ".join(ordered)] if ordered else []


def _entry_lines(msg: Message) -> Iterator[str]:
    prefix = "#~ " if msg.obsolete else ""
    previous = "#~| " if msg.obsolete else "#| "
    flags = msg.flags
    wrap = "no-wrap" not in gnu_order(flags)  # the last of wrap, no-wrap

    def string(keyword: str, text: str, before: str) -> list[str]:
        """As GNU: unwrapped under no-wrap, never broken inside a format directive."""
        return wrap_string(keyword, text, before,
                           glued(flags, text, keyword.startswith("msgstr")) if flags else
                           frozenset(), wrap)

    for text in msg.translator_comments:
        yield _comment("#", text)
    for text in msg.extracted_comments:
        yield _comment("#.", text)
    yield from wrap_references(msg.references)
    yield from _flags_line(flags)
    if msg.previous_msgctxt is not None:
        yield from string("msgctxt", msg.previous_msgctxt, previous)
    if msg.previous_msgid is not None:
        yield from string("msgid", msg.previous_msgid, previous)
    if msg.previous_msgid_plural is not None:
        yield from string("msgid_plural", msg.previous_msgid_plural, previous)
    if msg.msgctxt is not None:
        yield from string("msgctxt", msg.msgctxt, prefix)
    yield from string("msgid", msg.msgid, prefix)
    if msg.msgid_plural is not None:
        yield from string("msgid_plural", msg.msgid_plural, prefix)
        for i, text in enumerate(msg.msgstr):
            yield from string(f"msgstr[{i}]", text, prefix)
    else:
        yield from string("msgstr", msg.msgstr[0], prefix)


def header_message(catalog: Catalog) -> Message:
    """The header as the PO entry with msgid "" that carries it: its text as read, if it
    was read from a file, else one `Name: value` line per field; naming UTF-8, the charset
    we write, whatever charset it was read in."""
    header = catalog.header
    text = (header.text if isinstance(header, Header)
            else "".join(f"{key}: {value}\n" for key, value in header))
    return Message(msgid="", msgstr=(header_in_utf8(text),), flags=catalog.header_flags,
                   translator_comments=catalog.header_comments)


@gc_paused
def format_po(catalog: Catalog) -> str:
    """Serialise: header, active messages in order, obsolete messages last (as GNU does)."""
    blocks = ["\n".join(_entry_lines(header_message(catalog)))]
    blocks.extend("\n".join(_entry_lines(m)) for m in catalog.messages)
    blocks.extend("\n".join(_entry_lines(m)) for m in catalog.obsolete)
    return "\n\n".join(blocks) + "\n"
