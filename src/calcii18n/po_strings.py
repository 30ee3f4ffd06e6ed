"""PO string literals: `"..."` with C escapes, decoded strictly.

The common case is done with regular expressions; anything they do not accept is walked
again one character at a time, so that the error names the exact problem and its line.
"""

from __future__ import annotations

import re

from calcii18n.errors import PoSyntaxError

SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
                  "v": "\v", "\\": "\\", '"': '"'}


# A whole quoted literal with nothing but spaces after it; escapes are decoded afterwards.
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*', re.DOTALL)
ESCAPE = re.compile(r"\\([ntrabfv\\\"]|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.?)", re.DOTALL)
BAD_CONTROL = re.compile("[\x00-\x06\x0e-\x1f]")


class BadEscape(Exception):
    """An escape sequence C does not have; the slow walk reports it."""


def unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in SIMPLE_ESCAPES:
        return SIMPLE_ESCAPES[code]
    if code[:1] in "01234567" and code:
        return chr(int(code, 8))
    if code[:1] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    raise BadEscape


def parse_string(text: str, pos: int, path: str, line: int) -> str:
    """Parse one quoted literal starting at text[pos] == '"'; nothing but spaces may follow."""
    match = _QUOTED.fullmatch(text, pos)
    if match is None:
        return _parse_string_slowly(text, pos, path, line)
    value = match.group(1)
    if "\\" in value:
        try:
            value = ESCAPE.sub(unescape, value)
        except BadEscape:
            return _parse_string_slowly(text, pos, path, line)
    bad = BAD_CONTROL.search(value)
    if bad is not None:
        raise PoSyntaxError(path, line, f"control character \\x{ord(bad.group()):02x} is not "
                            "allowed in a message")
    return value


def _parse_string_slowly(text: str, pos: int, path: str, line: int) -> str:
    """Parse one quoted literal starting at text[pos] == '"'; nothing but spaces may follow."""
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
            value = "".join(out)
            bad = next((c for c in value if ord(c) < 32 and c not in "\n\t\r\a\b\f\v"), None)
            if bad is not None:
                raise PoSyntaxError(path, line, f"control character \\x{ord(bad):02x} is not "
                                    "allowed in a message")
            return value
        if ch == "\\":
            if i + 1 >= n:
                break
            esc = text[i + 1]
            if esc in SIMPLE_ESCAPES:
                out.append(SIMPLE_ESCAPES[esc])
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
