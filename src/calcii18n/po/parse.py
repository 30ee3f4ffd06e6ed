"""Read PO/POT text into a Catalog, strictly: every malformed line is an error with its line.

We do not use polib's reader here: it silently truncates an unterminated string, accepts
unknown escapes and duplicate messages, and reports line 0 for the first entry. A leaflet
catalogue must fail loudly instead of printing half a sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from calcii18n._util.gcpause import gc_paused
from calcii18n.errors import PoSyntaxError
from calcii18n.model import Catalog, Header, Message
from calcii18n.po.charset import decode_po_bytes, text_charset
from calcii18n.po.strings import BAD_CONTROL, Pending, decode, join_bytes, parse_string

__all__ = ["decode_po_bytes", "parse_po"]  # decode_po_bytes lives in po.charset

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(?=\")")


@dataclass
class _Entry:
    start: int = 0
    obsolete: bool | None = None
    translator: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    last: tuple[dict[str, str], str] | None = None
    # (previous?, keyword) -> its strings with their lines, once escaped bytes run across two.
    pending: dict[tuple[bool, str], list[tuple[int, str]]] | None = None

    def add_comment(self, line: str) -> None:
        """A `#,` `#.` `#:` or translator comment line (not `#|` or `#~`)."""
        if line.startswith("#,"):
            self.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        elif line.startswith("#."):
            self.extracted.append(_strip_one_space(line[2:]))
        elif line.startswith("#:"):
            self.references.extend(line[2:].split())
        else:
            self.translator.append(_strip_one_space(line[1:]))

    def empty(self) -> bool:
        return not (self.translator or self.extracted or self.references or self.flags
                    or self.fields or self.previous)


def _strip_one_space(text: str) -> str:
    return text[1:] if text.startswith(" ") else text


_RANKS = {"msgctxt": 0, "msgid": 1, "msgid_plural": 2}


def _rank(name: str) -> int:
    """Position of a keyword in an entry: msgctxt, msgid, msgid_plural, then any msgstr."""
    return _RANKS.get(name, 3)


def _has_msgstr(store: dict[str, str]) -> bool:
    # msgstr[N] cannot come before msgstr[0], so these two keys are enough.
    return "msgstr" in store or "msgstr[0]" in store


class _Parser:
    def __init__(self, path: str, charset: str) -> None:
        self.path = path
        self.charset = charset  # the file's, in which escaped bytes are read
        self.entries: list[Message] = []
        self.cur = _Entry()

    def error(self, line: int, message: str) -> PoSyntaxError:
        return PoSyntaxError(self.path, line, message)

    def finish(self, line: int) -> None:
        entry = self.cur
        self.cur = _Entry()
        if entry.empty():
            return
        if entry.last is None or not any(k.startswith("msgstr") for k in entry.fields):
            if "msgid" not in entry.fields:
                raise self.error(entry.start, "comments without a message (no msgid follows)")
            raise self.error(entry.field_lines["msgid"], "msgid without msgstr")
        for (previous, name), pieces in (entry.pending or {}).items():
            store = entry.previous if previous else entry.fields
            store[name] = join_bytes(pieces, self.path, self.charset)
        self.entries.append(self.build(entry))

    def note_bytes(self, lineno: int, store: dict[str, str], name: str, value: str) -> None:
        """Keep a keyword's strings with their lines once escaped bytes run from one into
        the next: GNU joins them as bytes, so finish() decodes them together."""
        pending = self.cur.pending = self.cur.pending or {}
        key = (store is self.cur.previous, name)
        if key not in pending:
            if not isinstance(value, Pending):
                return
            pending[key] = [(lineno, store.get(name, ""))]  # whole characters so far
        pending[key].append((lineno, value))

    def build(self, e: _Entry) -> Message:
        f = e.fields
        if "msgid" not in f:
            raise self.error(e.start, "msgstr without msgid")
        plural = f.get("msgid_plural")
        indexed = sorted(int(k[7:-1]) for k in f if k.startswith("msgstr["))
        if plural is None:
            if indexed:
                raise self.error(e.field_lines[f"msgstr[{indexed[0]}]"],
                                 "msgstr[N] without msgid_plural")
            msgstr: tuple[str, ...] = (f["msgstr"],)
        else:
            if "msgstr" in f:
                raise self.error(e.field_lines["msgstr"],
                                 "msgid_plural needs msgstr[0], msgstr[1]..., not msgstr")
            if indexed != list(range(len(indexed))) or not indexed:
                raise self.error(e.field_lines["msgid_plural"],
                                 "plural forms must be msgstr[0], msgstr[1]... in order")
            msgstr = tuple(f[f"msgstr[{i}]"] for i in indexed)
        return Message(
            msgid=f["msgid"], msgstr=msgstr, msgctxt=f.get("msgctxt"), msgid_plural=plural,
            flags=tuple(e.flags), translator_comments=tuple(e.translator),
            extracted_comments=tuple(e.extracted), references=tuple(e.references),
            previous_msgctxt=e.previous.get("msgctxt"), previous_msgid=e.previous.get("msgid"),
            previous_msgid_plural=e.previous.get("msgid_plural"),
            obsolete=bool(e.obsolete), line=e.field_lines["msgid"])

    def set_obsolete(self, lineno: int, obsolete: bool) -> None:
        if self.cur.obsolete is None:
            self.cur.obsolete = obsolete
        elif self.cur.obsolete != obsolete:
            raise self.error(lineno, "entry mixes obsolete (#~) and active lines")

    def keyword(self, lineno: int, body: str, target: str) -> None:
        stripped = body.lstrip()
        if stripped.startswith('"'):
            if self.cur.last is None:
                raise self.error(lineno, "string continuation without a keyword before it")
            store, name = self.cur.last
            value = parse_string(stripped, 0, self.path, lineno, self.charset)
            if type(value) is not str or self.cur.pending:
                self.note_bytes(lineno, store, name, value)
            store[name] += value
            return
        match = _KEYWORD.match(stripped)
        if not match:
            word = stripped.split(None, 1)[0] if stripped else ""
            raise self.error(lineno, f"unknown keyword {word!r}" if word else "expected a keyword")
        name = match.group(1)
        value = parse_string(stripped, match.end(), self.path, lineno, self.charset)
        store = self.cur.previous if target == "previous" else self.cur.fields
        if target == "fields" and _has_msgstr(store) and name in ("msgctxt", "msgid"):
            self.finish(lineno)
            self.cur.start = lineno
            store = self.cur.fields
        rank = _rank(name)
        if name in store:
            raise self.error(lineno, f"duplicate {name} in one entry")
        # Keys go in in keyword order, so the last one has the highest rank.
        if store and _rank(next(reversed(store))) > rank:
            later = next(k for k in store if _rank(k) > rank)
            raise self.error(lineno, f"{name} after {later}: wrong keyword order")
        if rank == 3 and "msgid" not in store and target == "fields":
            raise self.error(lineno, "msgstr without msgid")
        if rank == 3 and name != "msgstr":
            expected = sum(1 for k in store if k.startswith("msgstr["))
            if int(name[7:-1]) != expected:
                raise self.error(lineno, f"{name} where msgstr[{expected}] should come: plural "
                                 "forms go msgstr[0], msgstr[1]... in order")
        if type(value) is not str or self.cur.pending:
            self.note_bytes(lineno, store, name, value)
        store[name] = value
        if target == "fields":
            self.cur.field_lines[name] = lineno
        self.cur.last = (store, name)

    def comment(self, lineno: int, line: str) -> None:
        if _has_msgstr(self.cur.fields):
            self.finish(lineno)
        elif "msgid" in self.cur.fields and not line.startswith("#~|"):
            raise self.error(lineno, "comment between msgid and msgstr")
        if self.cur.empty():
            self.cur.start = lineno
        if line.startswith("#|"):
            self.set_obsolete(lineno, False)
            self.keyword(lineno, line[2:], "previous")
        elif line.startswith("#~|"):
            self.set_obsolete(lineno, True)
            self.keyword(lineno, line[3:], "previous")
        else:
            self.cur.add_comment(line)
            self.cur.last = None

    def feed(self, lineno: int, raw: str) -> None:
        line = raw.rstrip("\r")
        if line.startswith('"') and self.cur.obsolete is False and self.cur.last is not None:
            store, name = self.cur.last  # the most common line: a string continued
            value = parse_string(line, 0, self.path, lineno, self.charset)
            if type(value) is not str or self.cur.pending:
                self.note_bytes(lineno, store, name, value)
            store[name] += value
            return
        if not line.strip():
            self.finish(lineno)
            return
        if line.startswith("#~") and not line.startswith("#~|"):
            if self.cur.obsolete is False and _has_msgstr(self.cur.fields):
                self.finish(lineno)  # an obsolete entry right after an active one
            self.set_obsolete(lineno, True)
            if self.cur.empty():
                self.cur.start = lineno
            self.keyword(lineno, line[2:], "fields")
        elif line.startswith("#"):
            self.comment(lineno, line)
        else:
            self.set_obsolete(lineno, False)
            if self.cur.empty():
                self.cur.start = lineno
            self.keyword(lineno, line, "fields")


# One entry in the shape GNU tools and we write it: comments, optional `#|` previous context
# and msgid, optional msgctxt, msgid, msgstr; every string on its own line. Everything else
# (plurals, obsolete entries, odd spacing, anything malformed) goes line by line.
_LINE_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"[ \t]*\n'
_STRING_BODY = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_ENTRY = re.compile(
    r"(?P<comments>(?:#(?![~|])[^\n]*\n)*)"
    rf"(?P<pctxt>\#\| msgctxt {_LINE_STR}(?:\#\| {_LINE_STR})*)?"
    rf"(?P<pid>\#\| msgid {_LINE_STR}(?:\#\| {_LINE_STR})*)?"
    rf"(?P<ctxt>msgctxt {_LINE_STR}(?:{_LINE_STR})*)?"
    rf"(?P<id>msgid {_LINE_STR}(?:{_LINE_STR})*)"
    rf"(?P<str>msgstr {_LINE_STR}(?:{_LINE_STR})*)")


def _strings(section: str, charset: str) -> str | None:
    """The decoded text of one keyword's strings, or None to let the line parser decide."""
    bodies = _STRING_BODY.findall(section)
    if "\\" not in section and BAD_CONTROL.search(section) is None:
        return "".join(bodies)  # nothing to decode: most strings, at one call for them all
    parts = []
    for body in bodies:
        text = decode(body, charset)
        if text is None:
            return None
        parts.append(text)
    return "".join(parts)


def _fast_entry(block: str, first_line: int, charset: str) -> _Entry | None:
    """The entry in `block` (lines ending in newlines), if it has the common shape."""
    match = _ENTRY.fullmatch(block)
    if match is None:
        return None
    entry = _Entry(start=first_line, obsolete=False)
    for line in match.group("comments").split("\n")[:-1]:
        entry.add_comment(line)
    for group, store, name in (("pctxt", entry.previous, "msgctxt"),
                               ("pid", entry.previous, "msgid"),
                               ("ctxt", entry.fields, "msgctxt"), ("id", entry.fields, "msgid"),
                               ("str", entry.fields, "msgstr")):
        section = match.group(group)
        if section is not None:
            value = _strings(section, charset)
            if value is None:
                return None
            store[name] = value
    entry.field_lines["msgid"] = first_line + block.count("\n", 0, match.start("id"))
    return entry


def _key_digest(msg: Message) -> bytes:
    """A message's identity (msgctxt, msgid) in 16 bytes: two keys that differ collide
    with odds of 2**-128, and a streamed file's msgids need not stay in memory. The
    context goes in with its length, so no context and msgid can pass for another pair."""
    ctxt = b"" if msg.msgctxt is None else msg.msgctxt.encode("utf-8", "surrogatepass")
    size = -1 if msg.msgctxt is None else len(ctxt)
    return hashlib.blake2b(size.to_bytes(8, "big", signed=True) + ctxt
                           + msg.msgid.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def po_entries(text: str, path: str) -> Iterator[Message]:
    """The entries of PO text in file order, header first, each as soon as it is read:
    `check` runs on them without holding a whole parsed catalogue. Raises PoSyntaxError
    with the 1-based line of the first problem, also for a second header or a duplicate
    message (entries before it have been yielded by then).

    Entries are separated by blank lines; one in the common shape is read with one regular
    expression (about 3x faster), any other block line by line with every check. Escaped
    bytes are read in the charset the header declares, as GNU does.
    """
    charset = text_charset(text, path)
    parser = _Parser(path, charset)
    seen: dict[bytes, int] = {}  # a digest per key: the msgids themselves are not kept
    index = 0

    def drain() -> Iterator[Message]:
        nonlocal index
        for msg in parser.entries:
            if not msg.obsolete and msg.msgid == "" and msg.msgctxt is None and index:
                raise PoSyntaxError(path, msg.line, "a second header (msgid \"\") in one file")
            if msg.msgid or msg.msgctxt is not None or msg.obsolete:
                key = _key_digest(msg)
                if key in seen:
                    raise PoSyntaxError(path, msg.line, "duplicate message (first defined at "
                                        f"line {seen[key]})")
                seen[key] = msg.line
            index += 1
            yield msg
        parser.entries.clear()

    number = 1
    start = 0
    while start >= 0:  # blocks between blank lines, without a list of them all in memory
        end = text.find("\n\n", start)
        block = text[start:] if end < 0 else text[start:end]
        start = end if end < 0 else end + 2
        entry = _fast_entry(block if block.endswith("\n") else block + "\n", number, charset)
        if entry is not None:
            parser.entries.append(parser.build(entry))
        else:
            for offset, raw in enumerate(block.split("\n")):
                parser.feed(number + offset, raw)
        number += block.count("\n") + 1
        parser.feed(number, "")  # the blank line after the block ends its entry
        number += 1
        yield from drain()
    parser.finish(number - 1)
    yield from drain()


def is_header(msg: Message) -> bool:
    return not msg.obsolete and msg.msgid == "" and msg.msgctxt is None


@gc_paused
def parse_po(text: str, path: str) -> Catalog:
    """Parse PO text (see po_entries). Raises PoSyntaxError with the 1-based line of the
    first problem."""
    messages: list[Message] = []
    obsolete: list[Message] = []
    header: tuple[tuple[str, str], ...] = ()
    header_comments: tuple[str, ...] = ()
    header_flags: tuple[str, ...] = ()
    for msg in po_entries(text, path):
        if is_header(msg):
            header = Header(msg.msgstr[0])  # any text: GNU finds fields by "Name:"
            header_comments, header_flags = msg.translator_comments, msg.flags
        else:
            (obsolete if msg.obsolete else messages).append(msg)
    return Catalog(header, header_comments, header_flags, tuple(messages), tuple(obsolete))
