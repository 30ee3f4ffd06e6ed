"""Placeholders, inline Markdown, links, URLs and e-mail addresses must be kept."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable

from markdown_it import MarkdownIt

from calcii18n.checks import CheckContext, Severity, check
from calcii18n.model import Message

_URL = re.compile(r"https?://[^\s)<>\]]+[^\s)<>\].,;:!?'\"]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MD = MarkdownIt("commonmark")


def placeholders(text: str) -> Counter[str]:
    try:
        return Counter(name for _, name, _, _ in string.Formatter().parse(text)
                       if name is not None)
    except ValueError:
        return Counter({"<unbalanced braces>": 1})


@check("placeholders", Severity.ERROR)
def placeholder_check(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The same {placeholders}, each as often as in the English."""
    source = placeholders(msg.msgid)
    for text in msg.msgstr:
        if not text:
            continue
        target = placeholders(text)
        if target != source:
            missing = sorted((source - target).elements())
            extra = sorted((target - source).elements())
            parts = [f"missing {{{n}}}" for n in missing] + [f"unexpected {{{n}}}" for n in extra]
            yield "placeholders differ: " + ", ".join(parts)


def structure(text: str) -> tuple[Counter[str], Counter[str]]:
    """(inline element counts, link targets) of a block's Markdown."""
    kinds: Counter[str] = Counter()
    links: Counter[str] = Counter()
    for token in _MD.parseInline(text):
        for child in token.children or []:
            if child.type in ("strong_open", "em_open", "code_inline", "link_open", "image",
                              "html_inline"):
                kinds[child.type.removesuffix("_open")] += 1
            if child.type == "link_open":
                links[str(child.attrs.get("href", ""))] += 1
    return kinds, links


@check("markup", Severity.ERROR)
def markup(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The same bold, emphasis and links, with link targets unchanged."""
    kinds, links = structure(msg.msgid)
    for text in msg.msgstr:
        if not text:
            continue
        t_kinds, t_links = structure(text)
        if t_kinds != kinds:
            names = sorted(set(kinds) | set(t_kinds))
            detail = ", ".join(f"{n} {kinds[n]}→{t_kinds[n]}" for n in names
                               if kinds[n] != t_kinds[n])
            yield f"Markdown differs from the English ({detail})"
        if t_links != links:
            yield (f"link targets differ: English {sorted(links)}, translation "
                   f"{sorted(t_links)}")


@check("urls", Severity.ERROR)
def urls(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """URLs and e-mail addresses are copied exactly."""
    source = Counter(_URL.findall(msg.msgid)) + Counter(_EMAIL.findall(msg.msgid))
    for text in msg.msgstr:
        if not text:
            continue
        target = Counter(_URL.findall(text)) + Counter(_EMAIL.findall(text))
        missing = sorted((source - target).elements())
        if missing:
            yield "missing or changed: " + ", ".join(missing)
