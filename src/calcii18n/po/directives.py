"""Where GNU never breaks a line: inside a format directive.

`msgcat` wraps a string of a message flagged `c-format` (or any format it may be) around
its directives: `%s`, `%5.2f`, `%<PRIx64>`, `%%` stay on one line, though a break may come
before them. It finds them with the parser of the first format language in its list that
the flags say the message may be in, and stops at the first invalid directive (which, and
everything after it, may then be broken as plain text). This module has GNU 0.21's C (and
Objective-C) parser, the one real catalogues need most; for the other languages we break
as plain text, so a break inside, say, a Python `%(name)s` may still differ from GNU's.
"""

from __future__ import annotations

from calcii18n.po.flags import LANGUAGES, format_state

_FLAG_CHARS = frozenset(" +-#0'")
_SIZES = ("hh", "ll", "h", "l", "L", "q", "j", "z", "Z", "t")
_INTEGERS = frozenset("diouxX")
_FLOATS = frozenset("eEfFgGaA")
_PRI_WIDTHS = ("MAX", "PTR", "LEAST8", "LEAST16", "LEAST32", "LEAST64", "FAST8", "FAST16",
               "FAST32", "FAST64", "8", "16", "32", "64")


class _Invalid(Exception):
    """An invalid directive: GNU stops looking for more."""


def _digits(s: str, i: int) -> int:
    while i < len(s) and "0" <= s[i] <= "9":
        i += 1
    return i


def _argument(s: str, i: int) -> tuple[int, bool]:
    """After a `*` of a width or precision: the index past `N$` if there is one, and
    whether the argument is numbered."""
    j = _digits(s, i)
    if j > i and j < len(s) and s[j] == "$":
        if int(s[i:j]) == 0:
            raise _Invalid
        return j + 1, True
    return i, False


def _pri_macro(s: str, i: int) -> int:
    """The index of the `>` closing `<PRI...>` that starts at s[i] == "<"."""
    if not s.startswith("PRI", i + 1) or i + 4 >= len(s) or s[i + 4] not in _INTEGERS:
        raise _Invalid
    j = i + 5
    width = next((w for w in _PRI_WIDTHS if s.startswith(w, j)), None)
    if width is None or not s.startswith(">", j + len(width)):
        raise _Invalid
    return j + len(width)


def _conversion(s: str, i: int, objc: bool) -> tuple[int, bool]:
    """The index of the conversion character (after an optional size) and whether it takes
    an argument."""
    size = next((z for z in _SIZES if s.startswith(z, i)), "")
    i += len(size)
    if i >= len(s):
        raise _Invalid
    c = s[i]
    if c in "%m":
        return i, False
    # (GNU 0.21 takes any size with any conversion; later ones refuse %hs or %lf.)
    if c not in "cCsSpn" and c not in _INTEGERS and c not in _FLOATS and not (
            objc and c == "@"):
        raise _Invalid
    return i, True


def c_directives(s: str, translated: bool, objc: bool = False) -> list[tuple[int, int]]:
    """(first, last) index of each valid C format directive of `s`, up to the first invalid
    one, as GNU's format-c parser finds them (`translated`: a msgstr, where the `I` flag is
    allowed).

    >>> c_directives("100% of %s, %<PRIx64>, %%, %d%", False)
    [(3, 5), (8, 9), (12, 20), (23, 24), (27, 28)]
    """
    spans: list[tuple[int, int]] = []
    kinds: set[bool] = set()  # numbered, unnumbered arguments: never both
    i = 0
    try:
        while (i := s.find("%", i)) >= 0:
            start = i
            i += 1
            j = _digits(s, i)
            numbered = j > i and j < len(s) and s[j] == "$"
            if numbered:
                if int(s[i:j]) == 0:
                    raise _Invalid
                i = j + 1
            while i < len(s) and (s[i] in _FLAG_CHARS or (translated and s[i] == "I")):
                i += 1
            for lead in ("", "."):  # the width, then the precision
                if lead and not s.startswith(".", i):
                    continue
                i += len(lead)
                if s.startswith("*", i):
                    i, by_number = _argument(s, i + 1)
                    kinds.add(by_number)
                    if len(kinds) > 1:
                        raise _Invalid
                else:
                    i = _digits(s, i)
            if s.startswith("<", i):
                i, takes = _pri_macro(s, i), True
            else:
                i, takes = _conversion(s, i, objc)
            if takes:
                kinds.add(numbered)
                if len(kinds) > 1:
                    raise _Invalid
            spans.append((start, i))
            i += 1
    except _Invalid:
        pass
    return spans


def glued(flags: tuple[str, ...], text: str, translated: bool) -> frozenset[int]:
    """Indices of `text` a line may not break before: inside a directive of the format
    language GNU would parse the message as (see the module docstring)."""
    language = next((name for name in LANGUAGES if format_state(flags, name) == "yes"), None)
    if language not in ("c", "objc") or "%" not in text:
        return frozenset()
    return frozenset(k for first, last in c_directives(text, translated, language == "objc")
                     for k in range(first + 1, last + 1))
