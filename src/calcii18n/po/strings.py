"""PO string literals: `"..."` with C escapes, decoded strictly.

The common case is done with regular expressions; anything they do not accept is walked
again one character at a time, so that the error names the exact problem and its line.
"""

from __future__ import annotations

import re

from calcii18n.errors import PoSyntaxError

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
                  "v": "\v", "\\": "\\", '"': '"'}


# A whole quoted literal with nothing but spaces after it; escapes are decoded afterwards.
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*', re.DOTALL)
_ESCAPE = re.compile(r"\\([ntrabfv\\\"]|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.?)", re.DOTALL)
# Control characters other than the ones C escapes name (\a \b \t \n \v \f \r).
_BAD_CONTROL = re.compile("[\x00-\x06\x0e-\x1f]")


class _BadEscape(Exception):
    """An escape sequence C does not have; the slow walk reports it."""


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[code]
    if code[:1] in "01234567" and code:
        return chr(int(code, 8))
    if code[:1] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    raise _BadEscape


def decode(body: str) -> str | None:
    r"""The text between a literal's quotes, escapes decoded; None if an escape is invalid
    or the text holds a control character (the caller reports which, and where).

    >>> decode(r'Call \"999\"\tnow\n')
    'Call "999"\tnow\n'
    >>> decode(r"\x41\102 octal and hex")
    'AB octal and hex'
    >>> decode(r"C:\dialysis") is None  # \d is not a C escape
    True
    """
    if "\\" in body:
        try:
            body = _ESCAPE.sub(_unescape, body)
        except _BadEscape:
            return None
    return None if _BAD_CONTROL.search(body) else body


def _refuse_controls(value: str, path: str, line: int) -> str:
    bad = _BAD_CONTROL.search(value)
    if bad is not None:
        raise PoSyntaxError(path, line, f"control character \\x{ord(bad.group()):02x} is not "
                            "allowed in a message")
    return value


def parse_string(text: str, pos: int, path: str, line: int) -> str:
    r"""Parse one quoted literal starting at text[pos] == '"'; nothing but spaces may follow.

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
    value = decode(match.group(1)) if match is not None else None
    return value if value is not None else _parse_string_slowly(text, pos, path, line)


def _parse_string_slowly(text: str, pos: int, path: str, line: int) -> str:
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
            return _refuse_controls("".join(out), path, line)
        if ch == "\\":
            if i + 1 >= n:
                break
            esc = text[i + 1]
            if esc in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[esc])
                i += 2
                continue
            octal = re.match(r"[0-7]{1,3}", text[i + 1:])
            if octal:
                out.append(chr(int(octal.group(0), 8)))
                i += 1 + len(octal.group(0))
                continue
            hexa = re.match(r"x[0-9a-fA-F]{1,2}", text[i + 1:])
            if hexa:
                out.append(chr(int(hexa.group(0)[1:], 16)))
                i += 1 + len(hexa.group(0))
                continue
            raise PoSyntaxError(path, line, f"invalid escape sequence \\{esc}")
        out.append(ch)
        i += 1
    raise PoSyntaxError(path, line, "unterminated string (missing closing quote)")
