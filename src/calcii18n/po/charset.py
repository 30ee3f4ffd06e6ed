"""The charset a PO file declares: reading its bytes in it, and writing UTF-8 instead.

GNU reads a catalogue in the charset named by `charset=` in its header (the msgstr of the
first entry, whose msgid is ""), and `msgconv -t UTF-8` converts it, changing only that
name in the header. Real catalogues come in ISO-8859-x, CP125x, KOI8-R, EUC-JP, Big5,
GBK...; refusing them turned away files every GNU tool reads. So we read any charset that
Python has a codec for, provided the codec keeps ASCII as ASCII (PO syntax — keywords,
quotes, backslashes — is ASCII, and an escaped byte below 0x80 must be that character),
and the writer always writes UTF-8, so it names UTF-8 in the header as msgconv would.

Errors name the line: an unknown or unusable charset the line that declares it, an
undecodable byte the line it is on (never a replacement character).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from calcii18n.errors import PoSyntaxError

UTF8 = "utf-8"
_BOM = b"\xef\xbb\xbf"
# xgettext's placeholder in a template nobody has translated yet; read (and kept) as UTF-8.
_PLACEHOLDER = "CHARSET"

# The header's msgstr lines: the first entry, when its msgid is "" (comments and blank lines
# may come first). A msgctxt first means no header, as does an obsolete (#~) header.
_HEADER = (r'(?:(?!msgctxt|msgid)[^\n]*\n)*msgid[ \t]*""[ \t]*\r?\n'
           r'msgstr[ \t]*((?:[ \t]*"[^\n]*(?:\n|\Z))+)')
_NAME = r"charset\s*=\s*([A-Za-z0-9_.:+-]+)"
_HEADER_TEXT, _HEADER_BYTES = re.compile(_HEADER), re.compile(_HEADER.encode())
_NAME_TEXT, _NAME_BYTES = re.compile(_NAME, re.I), re.compile(_NAME.encode(), re.I)

# Every ASCII character but NUL, and escapes that unicode_escape-like codecs would read:
# a codec that writes or reads any of it differently cannot carry PO syntax.
_PROBE = "".join(chr(c) for c in range(1, 128) if c != 0x5C) + r"\n\u0041\\"
_PROBE_BYTES = _PROBE.encode("ascii")


def _declared(data: str | bytes) -> tuple[str, int] | None:
    """The first charset name in the header's msgstr, and its offset: the one GNU reads."""
    header = (_HEADER_TEXT.match(data) if isinstance(data, str)
              else _HEADER_BYTES.match(data))
    if header is None:
        return None
    found = (_NAME_TEXT.search(data, header.start(1), header.end(1)) if isinstance(data, str)
             else _NAME_BYTES.search(data, header.start(1), header.end(1)))
    if found is None:
        return None
    name = found.group(1)
    return (name if isinstance(name, str) else name.decode("ascii")), found.start(1)


def declared_charset(data: str | bytes) -> str | None:
    r"""The charset a PO file's header names, as written (None if it names none).

    >>> declared_charset(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=KOI8-R\\n"\n')
    'KOI8-R'
    >>> declared_charset('msgctxt "no header"\nmsgid ""\nmsgstr "charset=KOI8-R"\n') is None
    True
    """
    found = _declared(data)
    return None if found is None else found[0]


@lru_cache(maxsize=64)
def _codec(name: str) -> str | None:
    """Python's name for a charset; "" if its codec does not keep ASCII as ASCII (UTF-16,
    unicode_escape, base64...), None if Python has no codec of that name."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    try:  # str.encode refuses codecs that are no text encoding with a LookupError
        same = _PROBE.encode(codec) == _PROBE_BYTES and _PROBE_BYTES.decode(codec) == _PROBE
    except (LookupError, UnicodeError):
        same = False
    return codec if same else ""


def codec_of(name: str, path: str, line: int) -> str:
    """The Python codec that reads a file declaring `name` on `line`, or a clear error."""
    if name.upper() == _PLACEHOLDER:
        return UTF8
    codec = _codec(name)
    if codec is None:
        raise PoSyntaxError(path, line, f"unknown charset {name!r} in the header: Python has "
                            "no codec of that name (convert the file with: msgconv -t UTF-8)")
    if not codec:
        raise PoSyntaxError(path, line, f"charset {name!r} cannot hold a PO file: it does not "
                            "write ASCII as ASCII (convert the file with: msgconv -t UTF-8)")
    return codec


def text_charset(text: str, path: str) -> str:
    """The charset decoded PO text declares, for its escaped bytes: its name as written
    (errors then name it as the file does), once Python is known to read it; else UTF-8."""
    found = _declared(text)
    if found is None:
        return UTF8
    name, offset = found
    return UTF8 if codec_of(name, path, text.count("\n", 0, offset) + 1) == UTF8 else name


def decode_po_bytes(data: bytes, path: str) -> str:
    """Decode a PO file in the charset its header declares (UTF-8 if it declares none)."""
    if data.startswith(_BOM):
        data = data[3:]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise PoSyntaxError(path, line, "NUL byte: this is a binary file, not a PO file")
    codec, label = UTF8, "UTF-8"
    found = _declared(data)
    if found is not None:
        codec = codec_of(found[0], path, data.count(b"\n", 0, found[1]) + 1)
        label = label if codec == UTF8 else found[0]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PoSyntaxError(
            path, line,
            f"invalid {label} byte 0x{data[exc.start]:02x} at column {column}") from None


def header_in_utf8(header: str) -> str:
    r"""The header's msgstr as a file in UTF-8 must have it: its first charset name (the one
    GNU reads) replaced by UTF-8 and nothing else changed, as `msgconv -t UTF-8` does —
    unless it names UTF-8 already or is the placeholder CHARSET. ASCII is renamed too, as
    msgconv does: one rule, and every catalogue we write says what it is.

    >>> header_in_utf8("Last-Translator: Ana  Ruiz\nContent-Type: text/plain; "
    ...                "charset=ISO-8859-1\n")
    'Last-Translator: Ana  Ruiz\nContent-Type: text/plain; charset=UTF-8\n'
    """
    found = _NAME_TEXT.search(header)
    if found is None:
        return header
    name = found.group(1)
    if name.upper() == _PLACEHOLDER or _codec(name) == UTF8:
        return header
    return f"{header[:found.start(1)]}UTF-8{header[found.end(1):]}"
