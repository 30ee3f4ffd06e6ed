"""The pseudo-locale `en_XA`: the English made to look foreign, before any translation.

Why: a page laid out for the English breaks when a real language runs 35 % longer; text
never sent for translation (written into a template, or pasted together from pieces) is
easy to miss among real translations; and text cut off by a box is easy to miss at all.
A pseudo page shows all three at once, from the English alone: its letters are accented
(å, ñ, ö: still readable), padding words make it at least 35 % longer, and brackets mark
both ends, so plain English on it was never translated and a missing bracket was cut off.

What it never changes is what a real translation must keep, so a pseudo catalogue passes
every check (calcii18n.checks; tests/leaflet/test_pseudo.py runs them): {placeholders},
`{{` `}}`, %(name)s, inline Markdown and link targets (a link's text is transformed),
code spans, HTML tags and entities, URLs, e-mail addresses, numbers with their units and
words holding a digit (10 mg, 3.5%, 020 7946 0000, B12), and the do-not-translate terms
given as `keep`. Only ASCII letters outside those change, each into one accented Latin
letter; everything else, non-ASCII text included, is left as it is.

exchange.inline.split cuts a text into codes of the same kind, but exchange is on a
higher layer than leaflet, and it leaves bare URLs, e-mail addresses, numbers and units
to the text; so the protected spans are found here.

>>> pseudo("Call {clinic_phone} if you take 10 mg.")
'[Çåļļ {clinic_phone} íƒ ýöü ţåķé 10 mg öñé ţŵö ţĥŕéé.]'
>>> pseudo("See [the guide](https://example.org/care).")
'[Šéé [ţĥé ĝüíðé](https://example.org/care) öñé ţŵö.]'
>>> pseudo(pseudo("Wound care")) == pseudo("Wound care")
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from markdown_it import MarkdownIt

from calcii18n.locales import nplurals, plural_forms
from calcii18n.model import Catalog, Message

__all__ = ["CLOSE", "GROWTH", "OPEN", "PSEUDO_LOCALE", "padding", "protected_spans", "pseudo",
           "pseudo_catalog", "visible_length"]

PSEUDO_LOCALE = "en_XA"
OPEN, CLOSE = "[", "]"
_ESCAPED_OPEN = "\\" + OPEN  # where "[" would start a link (see _layouts)
# Padding: at least this share of the characters a reader sees (markup and link targets
# take no room on the page, so they are not counted).
GROWTH = 0.35

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# One precomposed Latin letter for each: unchanged by NFKC (the number checks read text
# NFKC-folded), none a look-alike of a digit, none the first letter of a unit.
_ACCENTED = "åƀçðéƒĝĥíĵķļɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_ACCENTS = str.maketrans(_PLAIN, _ACCENTED)
_FILLER = tuple(word.translate(_ACCENTS) for word in (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))

# Units a number may carry (the ASCII spellings of checks.quantities.UNITS, longest
# first): "10 mg" keeps its "mg", or the units check would find it missing.
_UNITS = ("mg/kg", "mmol/l", "mmol/L", "mg/dl", "mg/dL", "micrograms", "microgram",
          "microgramos", "microgramo", "mikrogram", "miligramos", "miligramo", "miligram",
          "milligrams", "milligram", "millilitres", "millilitre", "milliliters",
          "milliliter", "mililitros", "mililitro", "mililitr", "gramos", "gramo", "grams",
          "gram", "mmol", "mcg", "µg", "μg", "mg", "kg", "ml", "mL", "cm", "mm", "g", "l",
          "L", "%")
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))

# The end of a link, `](target "title")`: a target may hold parentheses, two deep.
_LINK_END = r"""\]\( (?: <[^<>\n]*> | (?:[^()\s]|\((?:[^()\s]|\([^()\s]*\))*\))* )
    (?: \s+ (?: "[^"]*" | '[^']*' | \([^()]*\) ) )? \s* \)"""
# Each pattern is searched on its own and the spans are joined, so each finds what it
# would find alone: what a check finds in the English is never partly transformed.
_PROTECTED = tuple(re.compile(p, re.VERBOSE) for p in (
    r"`+[^`]*?`+",                                   # a code span
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*>",  # an autolink (any scheme)
    r"<[A-Za-z0-9.!\#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>",  # an e-mail autolink
    r"""</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?> | <!--.*?--> | <\?.*?\?>
        | <![A-Za-z][^>]*> | <!\[CDATA\[.*?\]\]>""",   # inline HTML: a tag, a comment…
    _LINK_END,
    r"https?://[!#-'*-;=?-\[\]_a-z~]+[#-&*+/-9=?-Z\\_a-z~]",  # a URL (as checks.markup)
    r"""(?<![\w@.-]) (?:www\.)? (?:[A-Za-z0-9-]+\.)+
        (?:com|org|net|gov|edu|int|info|uk|ie|eu|us|ca|au|nz|io)\b
        (?:/[\w\-./%?=&#~+]*[\w/#=~+-])?""",          # a web address without http
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # an e-mail address
    r"\{\{ | \}\} | \{(?:[^{}]|\{[^{}]*\})*\}",       # literal braces, a placeholder
    r"%(?:\([A-Za-z_]\w*\))?[-\#0\ +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]",  # %(name)s, %s
    r"%\([A-Za-z_]\w*\)[-\#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]",  # %(name)s after "3.5% "
    r"\\[!-/:-@\[-`{-~]",                            # a backslash escape
    r"&(?:\#\d+|\#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);",  # an HTML entity
    rf"""[^\W_]*?(?: \d+(?:[.,]\d+)*                 # a number, or a word with digits,
        (?:[\ \u00a0\u202f]*(?:{_UNIT})(?![^\W\d_]))?  # each number with its unit
        [^\W\d_]* )+""",
))
# What takes no room on the page: emphasis, a link's brackets and target, code-span
# backticks, HTML tags, the backslash of an escape.
_HIDDEN = re.compile(_LINK_END + r""" | !?\[ | \*+
    | (?<![^\W_])_+ | _+(?![^\W_]) | `+ | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>
    | \\(?=[!-/:-@\[-`{-~])""", re.VERBOSE)
# The sentence's last punctuation, perhaps inside emphasis, quotes or brackets: padding
# goes before it, so the pseudo text still ends as a statement, a question or a lead-in.
_TAIL = re.compile(r"[.?!:…]+[*_\"'”’»)\]]*$")
_MD = MarkdownIt("commonmark")
# Where no inline Markdown can start, a text has no structure to keep (as checks.markup).
_MARKUP = re.compile(r"[*_`\[\]<]")

Span = tuple[int, int]


@lru_cache(maxsize=64)
def _term_pattern(keep: tuple[str, ...]) -> re.Pattern[str] | None:
    """Do-not-translate terms as whole words (as checks.text finds them)."""
    terms = sorted({t for t in keep if t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, terms)) + r")(?![^\W_])")


def protected_spans(text: str, keep: Iterable[str] = ()) -> list[Span]:
    """(start, end) of every part of `text` that must stay as it is, sorted, overlaps
    joined.

    >>> text = "Take 10 mg, call {clinic_phone} or [see](https://x.org/a)."
    >>> [text[a:b] for a, b in protected_spans(text)]
    ['10 mg', '{clinic_phone}', '](https://x.org/a)']
    """
    found: list[Span] = []
    patterns = [*_PROTECTED]
    terms = _term_pattern(tuple(keep))
    if terms is not None:
        patterns.append(terms)
    for pattern in patterns:
        found.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    joined: list[Span] = []
    for start, end in sorted(found):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _accent(text: str, spans: list[Span]) -> str:
    """`text` with the ASCII letters outside `spans` accented (one character for one)."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start].translate(_ACCENTS))
        out.append(text[start:end])
        last = end
    out.append(text[last:].translate(_ACCENTS))
    return "".join(out)


def _is_pseudo(core: str, spans: list[Span]) -> bool:
    """Already made by `pseudo`: bracketed, no plain letter left outside the protected
    spans, and some accented one (so a second call changes nothing)."""
    if not (core.startswith((OPEN, _ESCAPED_OPEN)) and core.endswith(CLOSE)):
        return False
    outside = _accent(core, spans) == core  # no letter outside the spans would change
    return outside and any(ch in _ACCENTED for ch in core)


def visible_length(text: str) -> int:
    """Characters a reader sees, roughly: the text without its Markdown markup, link
    targets and HTML tags (a placeholder counts as written).

    >>> visible_length("**Call** [us](https://example.org/contact).")
    8
    """
    return len(text) - sum(len(m.group()) for m in _HIDDEN.finditer(text))


def padding(length: int) -> str:
    """Filler words, each after a space (so the text wraps between them as text does),
    at least `length` characters long and at least one word.

    >>> padding(12)
    ' öñé ţŵö ţĥŕéé'
    """
    words: list[str] = []
    size = 0
    while size < length or not words:
        word = _FILLER[len(words) % len(_FILLER)]
        words.append(word)
        size += len(word) + 1
    return "".join(" " + w for w in words)


def _insertion_point(core: str, spans: list[Span]) -> int:
    """Where the padding goes: before the final punctuation if that is plain text (not
    inside a link target, a URL or an escape), else at the end."""
    tail = _TAIL.search(core)
    if tail is None or any(end > tail.start() for _, end in spans):
        return len(core)
    return tail.start()


def _structure(text: str) -> list[str]:
    """The inline Markdown elements of a text, link targets included (what checks.markup
    compares, which leaflet may not import): the brackets and the padding must not
    change them."""
    if not _MARKUP.search(text):
        return []
    found = []
    for token in _MD.parseInline(text):
        for t in token.children or ():
            if t.type in ("strong_open", "em_open", "code_inline", "link_open", "image",
                          "html_inline"):
                found.append(f"{t.type} {t.attrs.get('href', '')}")
    return sorted(found)


def _layouts(accented: str, at: int, pad: str) -> list[str]:
    """The ways to put the padding and brackets around a text, the plainest first.

    The padding goes before the final punctuation, else at the end; the brackets go
    tight, else with a space inside, else with the opening one escaped. A bracket next to
    a `*` or `_` run that touches punctuation can change which runs pair up (CommonMark's
    "rule of 3": `*<<x**` is emphasis, `[*<<x**]` is not), as can padding put between a
    run and the final punctuation (`__?_`); a space keeps the pairing the English has
    (the start and end of a text count as spaces). An opening bracket can turn a stray
    `](url)` in the English into a link: escaped (`\\[`), it cannot."""
    out = []
    for where in dict.fromkeys((at, len(accented))):
        if where and accented[where - 1].isspace():  # "Wait …": a space stays before …
            body = f"{accented[:where]}{pad[1:]} {accented[where:]}"
        else:
            body = f"{accented[:where]}{pad}{accented[where:]}"
        for opening in (OPEN, _ESCAPED_OPEN):
            out += [f"{opening}{body}{CLOSE}", f"{opening} {body} {CLOSE}"]
    return out


def pseudo(text: str, keep: Iterable[str] = ()) -> str:
    """The pseudo-locale form of one English text (see the module docstring).

    Deterministic, and idempotent for the same `keep`: a pseudo text is returned as it
    is. Leading and trailing whitespace stay outside the brackets; an empty or blank text
    is returned unchanged.
    """
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    spans = protected_spans(core, keep)
    if _is_pseudo(core, spans):
        return text
    pad = padding(math.ceil(GROWTH * visible_length(core)))
    layouts = _layouts(_accent(core, spans), _insertion_point(core, spans), pad)
    if _MARKUP.search(core):  # else no layout can make Markdown elements
        english = _structure(core)
        layouts = [out for out in layouts if _structure(out) == english] or layouts
    return f"{lead}{layouts[0]}{trail}"


def _pseudo_message(msg: Message, keep: tuple[str, ...], forms: int) -> Message:
    if msg.msgid_plural is None:
        msgstr: tuple[str, ...] = (pseudo(msg.msgid, keep),)
    else:
        msgstr = (pseudo(msg.msgid, keep), *[pseudo(msg.msgid_plural, keep)] * (forms - 1))
    return Message(msgid=msg.msgid, msgstr=msgstr, msgctxt=msg.msgctxt,
                   msgid_plural=msg.msgid_plural,
                   flags=tuple(f for f in msg.flags if f != "fuzzy"),
                   extracted_comments=msg.extracted_comments, references=msg.references)


def pseudo_catalog(template: Catalog, keep: Iterable[str] = ()) -> Catalog:
    """A catalogue for `PSEUDO_LOCALE` translating every active entry of `template` (a
    .pot) with `pseudo`: a plural's first form from its msgid, the others from its
    msgid_plural. No entry is fuzzy or reviewed; obsolete entries are left out.

    `keep`: the do-not-translate terms (the glossary's), left as they are. The header is
    the template's, dated as the template is, so the result depends on nothing else.
    """
    terms = tuple(keep)
    rule = plural_forms(PSEUDO_LOCALE)
    messages = tuple(_pseudo_message(m, terms, nplurals(rule)) for m in template.messages
                     if not m.obsolete)
    created = template.header_value("POT-Creation-Date") or ""
    header = (
        ("Project-Id-Version", template.header_value("Project-Id-Version") or ""),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", created),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", PSEUDO_LOCALE),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", rule),
    )
    comments = ("Pseudo-locale: the English accented, padded 35 % and bracketed, to test "
                "layouts before translations exist. Made by calcii18n; never a translation.",)
    return Catalog(header, comments, (), messages)
