"""Immutable values for catalogues: one frozen record per message, one explicit key."""

from __future__ import annotations

import re
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


# "Name: value" at the start of a line; a line that starts with a space or tab continues the
# value above it (RFC 822 folding: `Plural-Forms: nplurals=2;\n plural=(n != 1);` means
# what GNU, finding `plural=` anywhere in the header, reads in it).
_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9_.-]*)[ \t]*:(.*)")
_FIELD_LINES = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*)[ \t]*:(.*)$", re.MULTILINE)


def _field_spans(lines: list[str]) -> list[tuple[str, str, int, int]]:
    """(name, value on its own line, first line, end line) of each field: its "Name:" line
    and the indented lines continuing it. Any other line (blank, msgcat's `#-#-#-#-#`
    separator, a stray piece of text) is no field, as GNU's lookup ignores it, and ends the
    field above."""
    spans: list[tuple[str, str, int, int]] = []
    open_field = False
    for i, line in enumerate(lines):
        match = _FIELD.match(line)
        if match is not None:
            spans.append((match.group(1), match.group(2), i, i + 1))
            open_field = True
        elif open_field and line[:1] in (" ", "\t") and line.strip():
            spans[-1] = (*spans[-1][:3], i + 1)
        else:
            open_field = False
    return spans


def _fields(text: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of a header's text; a continued value joined by spaces."""
    found = _FIELD_LINES.findall(text)  # usually every line: then that is all
    if len(found) == text.count("\n") + (not text.endswith("\n")):  # one field a line
        return [(name, value.strip()) for name, value in found]
    lines = text.split("\n")
    pairs = []
    for name, value, first, end in _field_spans(lines):
        words = (value, *lines[first + 1:end])
        pairs.append((name, " ".join(w.strip() for w in words if w.strip())))
    return pairs


class Header(tuple[tuple[str, str], ...]):
    r"""Header fields as (name, value) pairs in file order, parsed from `text`, the header's
    msgstr exactly as a file had it.

    GNU keeps the header as one string and finds a field by "Name:" at a line's start, so
    real files carry lines that are no field: a value continued on an indented line, a
    blank line, a stray piece of text, msgcat's `#-#-#-#-#` separators between merged
    headers (where a name may come twice: the first counts, as for GNU). Writing the pairs
    back would drop all that, and a file that `msgcat` leaves alone would change; so the
    writer writes `text`, and `with_field` changes only the lines of the field it sets. A
    continued value reads as its lines joined by one space. A Header equals the plain tuple
    of its fields: the text is how the header is written, not what it says.

    >>> h = Header("Language-Team: Spanish\n <es@li.org>\n\nLast-Translator: Ana  Ruiz\n"
    ...            "net>\n")
    >>> h
    (('Language-Team', 'Spanish <es@li.org>'), ('Last-Translator', 'Ana  Ruiz'))
    >>> h.with_field("language-team", "Spanish <es@li.org>").text
    'Language-Team: Spanish <es@li.org>\n\nLast-Translator: Ana  Ruiz\nnet>\n'
    """

    text: str

    def __new__(cls, text: str) -> Header:
        header = super().__new__(cls, _fields(text))
        header.text = text
        return header

    def __reduce__(self) -> tuple[type[Header], tuple[str]]:
        """Pickle (to a worker process) as the text, which the fields come from."""
        return Header, (self.text,)

    def with_field(self, name: str, value: str) -> Header:
        """The header with the first field called `name` (any case) replaced by one line
        `Name: value`, or that line added at the end; every other line as it was."""
        lines = self.text.split("\n")
        for written, _, first, end in _field_spans(lines):
            if written.lower() == name.lower():
                lines[first:end] = [f"{written}: {value}"]
                return Header("\n".join(lines))
        newline = "" if not self.text or self.text.endswith("\n") else "\n"
        return Header(f"{self.text}{newline}{name}: {value}\n")


@dataclass(frozen=True, slots=True)
class Catalog:
    """A .po or .pot file: header fields in file order, active messages, then obsolete ones.

    A header read from a file is a `Header`, which keeps the text it was read from.

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
        header = self.header
        if self.header_value(name) == value:
            return self  # a header read from a file keeps its text as written
        if isinstance(header, Header):
            header = header.with_field(name, value)
        else:
            fields = list(header)
            for i, (key, _) in enumerate(fields):
                if key.lower() == name.lower():
                    fields[i] = (key, value)
                    break
            else:
                fields.append((name, value))
            header = tuple(fields)
        return Catalog(header, self.header_comments, self.header_flags,
                       self.messages, self.obsolete)
