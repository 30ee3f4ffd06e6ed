r"""PO string literals: `"..."` with C escapes, decoded strictly and as GNU gettext does.

GNU's lexer (gettext-tools/src/po-lex.c, `control_sequence`) reads `\n \t \r \a \b \f \v \\
\"` as characters, but an octal escape `\ooo` (1-3 digits) or a hex escape `\xHH...` (every
hex digit that follows) as one *byte*; a keyword's strings are joined as bytes and read in
the file's charset. So `msgcat --escape` writes `señales` as `se\303\261ales`, and msgfmt
compiles both to the same .mo. Reading `\303\261` as two code points would turn it into
`seÃ±ales`, make reviewed entries stale and let the next `update` write the mojibake for good.

Here an escaped byte of 0x80 or more stands, until it is decoded, for the lone surrogate
U+DC80..U+DCFF (Python's "surrogateescape"), so decoding stays regular expressions on text
and a literal without such escapes pays nothing for them. A literal whose bytes form whole
characters is decoded at once; one whose bytes run on into the keyword's next string is kept
as `Pending` for `join_bytes`. Escaped bytes are read in the charset the file declares
(`charset`, a name Python knows that `po.charset` checked is ASCII-compatible, so that an
escaped byte below 0x80 is the ASCII character); bytes that are not valid in it are an
error on their line, never replacement characters. GNU keeps only the low byte of an
escape above 0xFF (`\777`, `\x141`); we refuse it, as we refuse `\?`, which GNU 0.21
calls an "invalid control sequence" too.

Anything the regular expressions do not accept is walked again one character at a time,
so that the error names the exact problem and its line.
"""

from __future__ import annotations

import re

from calcii18n.errors import PoSyntaxError

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
                  "v": "\v", "\\": "\\", '"': '"'}
# Escaped bytes are read in UTF-8 unless the caller passes the file's charset.
UTF8 = "utf-8"

# A whole quoted literal with nothing but spaces after it; escapes are decoded afterwards.
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*', re.DOTALL)
_ESCAPE = re.compile(r"\\([ntrabfv\\\"]|[0-7]{1,3}|x[0-9a-fA-F]+|.?)", re.DOTALL)
_BYTE_ESCAPE = re.compile(r"[0-7]{1,3}|x[0-9a-fA-F]+")
# NUL, which ends a C string (GNU would cut the message there), and EOT, GNU's separator
# of context and msgid in .mo files (msgcat refuses it), raw or escaped. Other control
# characters are valid PO and read as GNU reads them; the `characters` check keeps them
# out of printed translations. Public because parse.py's fast path looks for them in all
# of a keyword's strings at once.
BAD_CONTROL = re.compile("[\x00\x04]")
# The stand-ins for escaped bytes 0x80-0xFF.
_HIGH_BYTE = re.compile("[\udc80-\udcff]")
# Either of the two: one search tells an escaped literal that needs no more work.
_SUSPECT = re.compile("[\x00-\x06\x0e-\x1f\udc80-\udcff]")


class _BadEscape(Exception):
    """An escape sequence C does not have, or a byte escape above 0xFF; the slow walk
    reports it."""


class Pending(str):
    """A literal whose escaped bytes begin or end inside a character: GNU joins a keyword's
    strings as bytes before reading them, so the next string may complete it."""

    __slots__ = ()


def _byte(value: int) -> str:
    """The character an escaped byte stands for until its literal is decoded."""
    if value < 0x80:
        return chr(value)  # ASCII: the same character in UTF-8
    if value <= 0xFF:
        return chr(0xDC00 + value)
    raise _BadEscape


# Every escape but hex, looked up at once: the simple ones and all octal ones up to \377.
_ESCAPES = {**_SIMPLE_ESCAPES,
            **{f"{v:0{w}o}": _byte(v) for w in (1, 2, 3) for v in range(min(8 ** w, 256))}}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in _ESCAPES:
        return _ESCAPES[code]
    if code[:1] == "x" and len(code) > 1:
        return _byte(int(code[1:], 16))
    raise _BadEscape  # not C, or an octal escape above \377


def bytes_to_text(text: str, charset: str = UTF8) -> str:
    """Read escaped bytes (surrogate stand-ins) together with the characters around them
    in `charset`; raises UnicodeError if they do not form valid characters."""
    return text.encode(charset, "surrogateescape").decode(charset)


def decode(body: str, charset: str = UTF8) -> str | None:
    r"""The text between a literal's quotes, escapes decoded; None if an escape is invalid,
    the text holds a control character, or its escaped bytes are not whole characters of
    the charset (the caller reports which, and where, or joins them with the next string).

    >>> decode(r'Call \"999\"\tnow\n')
    'Call "999"\tnow\n'
    >>> decode(r"\x41\102 octal and hex")
    'AB octal and hex'
    >>> decode(r"se\303\261ales, ni\xc3\xb1o")  # bytes of UTF-8, as msgcat --escape writes
    'señales, niño'
    >>> decode(r"caf\351", "iso8859-1")  # the same escape is another character in Latin-1
    'café'
    >>> decode(r"C:\dialysis") is None  # \d is not a C escape
    True
    """
    if "\\" in body:
        try:
            body = _ESCAPE.sub(_unescape, body)
        except _BadEscape:
            return None
        if _SUSPECT.search(body) is None:
            return body
        if BAD_CONTROL.search(body) is not None:
            return None
        try:
            return bytes_to_text(body, charset)
        except UnicodeError:
            return None
    return None if BAD_CONTROL.search(body) else body


def _refuse_nul(value: str, path: str, line: int) -> str:
    bad = BAD_CONTROL.search(value)
    if bad is not None:
        raise PoSyntaxError(path, line, "NUL character (\\000) in a message: GNU gettext would "
                            "cut the message there" if bad.group() == "\x00" else
                            "EOT character (\\004) in a message: GNU gettext keeps it to "
                            "separate a context from its msgid")
    return value


def _finish_literal(value: str, path: str, line: int, charset: str) -> str:
    """A walked literal: NUL refused, escaped bytes decoded or left Pending."""
    _refuse_nul(value, path, line)
    if _HIGH_BYTE.search(value) is None:
        return value
    try:
        return bytes_to_text(value, charset)
    except UnicodeError:
        return Pending(value)


def join_bytes(pieces: list[tuple[int, str]], path: str, charset: str = UTF8) -> str:
    r"""One keyword's strings `(line, text)`, some of them Pending, read together as bytes.

    An invalid sequence is reported on the line of the string where it begins.

    >>> join_bytes([(4, "se\udcc3"), (5, "\udcb1ales")], "es.po")
    'señales'
    >>> join_bytes([(4, "se\udcc3"), (5, "x")], "es.po")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    calcii18n.errors.PoSyntaxError: es.po:4: escaped bytes \303 are not valid UTF-8 (invalid...
    """
    data = bytearray()
    starts: list[tuple[int, int]] = []
    try:
        for line, text in pieces:
            starts.append((len(data), line))
            data += text.encode(charset, "surrogateescape")
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        line = max(line for start, line in starts if start <= exc.start)
        shown = "".join(f"\\{byte:03o}" for byte in data[exc.start:exc.end])
        raise PoSyntaxError(path, line, f"escaped bytes {shown} are not valid {charset.upper()} "
                            f"({exc.reason}); escapes like \\303\\261 are bytes of the "
                            "file's charset") from None
    except UnicodeEncodeError as exc:  # a lone surrogate given as text, not escaped
        raise PoSyntaxError(path, starts[-1][1], f"text is not valid Unicode: "
                            f"{exc.object[exc.start:exc.end]!r}") from None


def parse_string(text: str, pos: int, path: str, line: int, charset: str = UTF8) -> str:
    r"""Parse one quoted literal starting at text[pos] == '"'; nothing but spaces may follow.

    The result is `Pending` if its escaped bytes run on into the next string (see join_bytes).

    >>> line = r'msgstr "Llame al \"999\"."'
    >>> parse_string(line, line.index('"'), "es.po", 12)
    'Llame al "999".'
    >>> parse_string('msgstr "Llame al 999', 7, "es.po", 12)
    Traceback (most recent call last):
    ...
    calcii18n.errors.PoSyntaxError: es.po:12: unterminated string (missing closing quote)
    >>> parse_string('msgstr "Hola" # saludo', 7, "es.po", 12)
    Traceback (most recent call last):
    ...
    calcii18n.errors.PoSyntaxError: es.po:12: unexpected text after the closing quote: '# saludo'
    """
    match = _QUOTED.fullmatch(text, pos)
    value = decode(match.group(1), charset) if match is not None else None
    return value if value is not None else _parse_string_slowly(text, pos, path, line, charset)


def _escaped_byte(code: str, path: str, line: int) -> str:
    """An octal or hex escape (without its backslash) as the byte it stands for."""
    value = int(code[1:], 16) if code[0] == "x" else int(code, 8)
    if value > 0xFF:
        raise PoSyntaxError(path, line, f"escape \\{code} is more than one byte (0x{value:x}); "
                            "GNU gettext would keep only its low byte")
    return _byte(value)


def _parse_string_slowly(text: str, pos: int, path: str, line: int, charset: str) -> str:
    """parse_string one character at a time, to name the exact problem."""
    out: list[str] = []
    i = pos + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            rest = text[i + 1:].strip()
            if rest:
                raise PoSyntaxError(path, line,
                                    f"unexpected text after the closing quote: {rest!r}")
            return _finish_literal("".join(out), path, line, charset)
        if ch == "\\":
            if i + 1 >= n:
                break
            esc = text[i + 1]
            if esc in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[esc])
                i += 2
                continue
            number = _BYTE_ESCAPE.match(text, i + 1)
            if number:
                out.append(_escaped_byte(number.group(), path, line))
                i = number.end()
                continue
            raise PoSyntaxError(path, line, f"invalid escape sequence \\{esc}")
        out.append(ch)
        i += 1
    raise PoSyntaxError(path, line, "unterminated string (missing closing quote)")
