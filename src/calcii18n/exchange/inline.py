"""Inline codes: the parts of a text a CAT tool must not touch, cut out and put back.

Our English holds inline Markdown (`**bold**`, `*stress*`, `[link](url)`, `` `code` ``),
`{placeholders}` the page fills in, literal braces written `{{`/`}}`, autolinks and the
odd inline HTML tag. An agency's tool shows each as a locked tag (XLIFF `<ph>`), so a
translator can move it but not break it. On the way back a code is restored from *our*
source by its id, never from what the returned file says it holds: an agency's tool
cannot change a URL or a placeholder name.

>>> split("**Get help now.** Call {emergency_number} at once.")
['', Code(id='1', text='**'), 'Get help now.', Code(id='2', text='**'), ' Call ', \
Code(id='3', text='{emergency_number}'), ' at once.']
>>> join(split("See [the guide](https://example.org/a_b) or `x_y`."))
'See [the guide](https://example.org/a_b) or `x_y`.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whole codes first (a code span, an autolink, a link's target, a placeholder), then the
# delimiters. An underscore inside a word is not emphasis in CommonMark, so it stays text.
_CODE = re.compile(r"""
    `+[^`]*?`+                      # a code span: its content is not translated either
  | <(?:https?://|mailto:)[^>\s]+>  # an autolink
  | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>  # an inline HTML tag
  | \]\([^()\s]*(?:\s+"[^"]*")?\)   # the end of a link: ](url "title")
  | !?\[                            # the start of a link or an image
  | \{\{ | \}\}                     # literal braces
  | \{[^{}]*\}                      # a placeholder
  | %\([A-Za-z_]\w*\)[sdif]          # a python-format placeholder (the ui strings)
  | \*{1,3}                         # emphasis
  | (?<![^\W_])_{1,3} | _{1,3}(?![^\W_])   # _emphasis_ at a word's edge
  | \\[!-/:-@\[-`{-~]               # a backslash escape
  | \ {2,}$                         # a hard line break at the end of a line
""", re.VERBOSE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Code:
    """One protected piece: `id` numbers the codes of one text from 1, in order."""

    id: str
    text: str


Piece = str | Code


# Every code begins with one of these (a hard break with two spaces): most sentences
# have none, and a set test is forty times faster than trying the pattern everywhere.
_STARTS = frozenset("`<]![{}*_\\%")


def split(text: str) -> list[Piece]:
    """The text as alternating plain text and codes (plain text may be empty)."""
    if _STARTS.isdisjoint(text) and "  " not in text:
        return [text]
    out: list[Piece] = []
    last = 0
    for number, match in enumerate(_CODE.finditer(text), start=1):
        out.append(text[last:match.start()])
        out.append(Code(str(number), match.group()))
        last = match.end()
    out.append(text[last:])
    return out


def codes(text: str) -> dict[str, str]:
    """The codes of a text by id."""
    return {p.id: p.text for p in split(text) if isinstance(p, Code)}


def join(pieces: list[Piece]) -> str:
    return "".join(p.text if isinstance(p, Code) else p for p in pieces)


def protect(text: str) -> tuple[str, dict[str, str]]:
    """The text with each code as a numbered token a machine translator leaves alone
    (`⟦1⟧`), and the codes by token: placeholders and links survive machine translation.

    >>> protect("Call {clinic_phone} **now**.")
    ('Call ⟦1⟧ ⟦2⟧now⟦3⟧.', {'⟦1⟧': '{clinic_phone}', '⟦2⟧': '**', '⟦3⟧': '**'})
    """
    tokens: dict[str, str] = {}
    out = []
    for piece in split(text):
        if isinstance(piece, Code):
            token = f"⟦{piece.id}⟧"
            tokens[token] = piece.text
            out.append(token)
        else:
            out.append(piece)
    return "".join(out), tokens


def restore(text: str, tokens: dict[str, str]) -> str | None:
    """The machine's text with the codes back; None if it lost, doubled or invented one
    (the entry then stays empty: a broken placeholder is worse than no draft).

    >>> restore("Llame al ⟦1⟧ ⟦2⟧ya⟦3⟧.", protect("Call {p} **now**.")[1])
    'Llame al {p} **ya**.'
    >>> restore("Llame ya.", {"⟦1⟧": "{p}"}) is None
    True
    """
    found = _TOKEN.findall(text)
    if sorted(found) != sorted(tokens):
        return None
    return _TOKEN.sub(lambda m: tokens[m.group()], text)


_TOKEN = re.compile(r"⟦\d+⟧")
