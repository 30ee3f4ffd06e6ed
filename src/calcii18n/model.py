"""Immutable values for catalogues: one frozen record per message, one explicit key."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import NamedTuple


class MessageKey(NamedTuple):
    """Message identity: (msgctxt, msgid). msgctxt None and "" are different, as in gettext.

    >>> MessageKey("symptoms", "Painful patches.") == ("symptoms", "Painful patches.")
    True
    >>> MessageKey(None, "Phone") == MessageKey("", "Phone")
    False
    """

    msgctxt: str | None
    msgid: str


@dataclass(frozen=True, slots=True)
class Message:
    """One PO entry (active or obsolete). `line` is the 1-based line of its first line.

    >>> msg = Message("Painful purple patches.", msgstr=("Manchas moradas dolorosas.",),
    ...               msgctxt="symptoms", flags=("fuzzy",), previous_msgid="Purple patches.")
    >>> msg.key
    MessageKey(msgctxt='symptoms', msgid='Painful purple patches.')
    >>> msg.fuzzy, msg.has_previous, msg.has_translation
    (True, True, True)

    A plural message has one msgstr per form; any non-empty one counts as a translation:

    >>> Message("1 day", msgid_plural="{n} days", msgstr=("", "")).has_translation
    False
    """

    msgid: str
    msgstr: tuple[str, ...] = ("",)
    msgctxt: str | None = None
    msgid_plural: str | None = None
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> MessageKey:
        """What MessageKey(msgctxt, msgid) makes, without its Python-level __new__: status
        asks for 300,000 keys at 50,000 messages."""
        return tuple.__new__(MessageKey, (self.msgctxt, self.msgid))

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def has_previous(self) -> bool:
        return self.previous_msgid is not None or self.previous_msgctxt is not None

    @property
    def has_translation(self) -> bool:
        """True when any msgstr is non-empty (a translation exists, whatever its state)."""
        return any(self.msgstr)

    def __reduce__(self) -> tuple[type[Message], tuple[object, ...]]:
        """Pickle as the constructor's arguments: the cache stores 50,000 messages at a
        time, and the generic frozen-dataclass pickling was three times slower to load."""
        return Message, _FIELDS(self)


_FIELDS = attrgetter(*(f.name for f in fields(Message)))


@dataclass(frozen=True, slots=True)
class Catalog:
    """A .po or .pot file: header fields in file order, active messages, then obsolete ones.

    Header names are matched without regard to case:

    >>> po = Catalog(header=(("Language", "es"), ("Content-Type", "text/plain; charset=UTF-8")))
    >>> po.header_value("language")
    'es'
    >>> po.header_value("Plural-Forms") is None
    True
    """

    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()
    obsolete: tuple[Message, ...] = field(default=())

    def header_value(self, name: str) -> str | None:
        for key, value in self.header:
            if key.lower() == name.lower():
                return value
        return None

    def with_header(self, name: str, value: str) -> Catalog:
        """Return a copy with one header field set (kept in place, or appended).

        >>> po = Catalog(header=(("Language", "es"), ("MIME-Version", "1.0")))
        >>> po.with_header("language", "es_MX").header
        (('Language', 'es_MX'), ('MIME-Version', '1.0'))
        >>> po.with_header("Plural-Forms", "nplurals=2; plural=(n != 1);").header[-1]
        ('Plural-Forms', 'nplurals=2; plural=(n != 1);')
        """
        fields = list(self.header)
        for i, (key, _) in enumerate(fields):
            if key.lower() == name.lower():
                fields[i] = (key, value)
                break
        else:
            fields.append((name, value))
        return Catalog(tuple(fields), self.header_comments, self.header_flags,
                       self.messages, self.obsolete)
