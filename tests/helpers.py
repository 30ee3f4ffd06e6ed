"""Small factories shared by the tests."""

from __future__ import annotations

from calcii18n.model import Catalog, Message

HEADER = (("Content-Type", "text/plain; charset=UTF-8"),)


def tmsg(ctxt: str | None, msgid: str, **kw: object) -> Message:
    """A template message (empty msgstr)."""
    return Message(msgid=msgid, msgctxt=ctxt, **kw)  # type: ignore[arg-type]


def tmpl(*messages: Message) -> Catalog:
    return Catalog(HEADER, (), ("fuzzy",), tuple(messages))


def po(*messages: Message, obsolete: tuple[Message, ...] = ()) -> Catalog:
    return Catalog(HEADER, (), (), tuple(messages), obsolete)


def tr(ctxt: str | None, msgid: str, msgstr: str, **kw: object) -> Message:
    """A translated message."""
    return Message(msgid=msgid, msgctxt=ctxt, msgstr=(msgstr,), **kw)  # type: ignore[arg-type]
