"""Placeholders, inline Markdown, links, URLs and e-mail addresses must be kept."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from markdown_it import MarkdownIt

from calcii18n.checks.base import CheckContext, Severity, check
from calcii18n.model import Message

_URL = re.compile(r"https?://[!#-'*-;=?-\[\]_a-z~]+[#-&*+/-9=?-Z\\_a-z~]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PERCENT_FORMAT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifrxXeEgGc%])")
_MD = MarkdownIt("commonmark")
_MARKUP_START = re.compile(r"[*_`\[<]")


def placeholders(text: str, percent: bool = False) -> Counter[str]:
    """{name} placeholders, and with `percent` also %(name)s / %s (python-format)."""
    found: Counter[str] = Counter()
    if "{" in text or "}" in text:
        try:
            found.update(name for _, name, _, _ in string.Formatter().parse(text)
                         if name is not None)
        except ValueError:
            found["<unbalanced braces>"] += 1
    if percent:
        for name, kind in _PERCENT_FORMAT.findall(text):
            if kind != "%":
                found[f"%({name}){kind}" if name else f"%{kind}"] += 1
    return found


@check("placeholders", Severity.ERROR)
def placeholder_check(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The same {placeholders} (and %(name)s), each as often as in the English."""
    if not any("{" in t or "}" in t or "%" in t
               for t in (msg.msgid, msg.msgid_plural or "", *msg.msgstr)):
        return  # nothing placeholders() could find, on either side
    percent = "python-format" in msg.flags or "%(" in msg.msgid
    source = placeholders(msg.msgid, percent)
    if msg.msgid_plural is not None:
        # A form for one exact count may drop the number ("Un comprimido"); the last form,
        # the general one, must keep every placeholder of the English plural; no form may
        # bring a placeholder the English does not have.
        plural = placeholders(msg.msgid_plural, percent)
        union = source | plural
        forms = [placeholders(t, percent) for t in msg.msgstr if t]
        for form in forms:
            extra = sorted(set(form) - set(union))
            if extra:
                yield "placeholders differ: " + ", ".join(f"unexpected {{{n}}}" for n in extra)
        if forms and msg.msgstr[-1]:
            missing = sorted(set(plural) - set(forms[-1]))
            if missing:
                yield ("placeholders differ in the last plural form: "
                       + ", ".join(f"missing {{{n}}}" for n in missing))
        return
    for text in msg.msgstr:
        if not text:
            continue
        target = placeholders(text, percent)
        if target != source:
            missing = sorted((source - target).elements())
            extra = sorted((target - source).elements())
            parts = [f"missing {{{n}}}" for n in missing] + [f"unexpected {{{n}}}" for n in extra]
            yield "placeholders differ: " + ", ".join(parts)


def structure(text: str) -> tuple[Counter[str], Counter[str]]:
    """(inline element counts, link targets) of a block's Markdown."""
    kinds: Counter[str] = Counter()
    links: Counter[str] = Counter()
    if not _MARKUP_START.search(text):
        return kinds, links  # none of the elements counted below can start without these
    for token in _MD.parseInline(text):
        for child in token.children or []:
            if child.type in ("strong_open", "em_open", "code_inline", "link_open", "image",
                              "html_inline"):
                kinds[child.type.removesuffix("_open")] += 1
            if child.type == "link_open":
                links[str(child.attrs.get("href", ""))] += 1
    return kinds, links


# The English of an entry is the same in every locale: its structure is worked out once
# (what it returns is only compared, never changed).
_english = lru_cache(maxsize=1 << 14)(structure)


@check("markup", Severity.ERROR)
def markup(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The same bold, emphasis and links, with link targets unchanged."""
    if not any(_MARKUP_START.search(t) for t in (msg.msgid, *msg.msgstr)):
        return  # no element structure() counts, on either side
    kinds, links = _english(msg.msgid)
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


def _addresses(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    if "http" in text:
        found.update(_URL.findall(text))
    if "@" in text:
        found.update(_EMAIL.findall(text))
    return found


@check("urls", Severity.ERROR)
def urls(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """URLs and e-mail addresses are copied exactly."""
    if not any("http" in t or "@" in t for t in (msg.msgid, *msg.msgstr)):
        return  # no address _addresses() could find, on either side
    source = _addresses(msg.msgid)
    for text in msg.msgstr:
        if not text:
            continue
        target = _addresses(text)
        missing = sorted((source - target).elements())
        if missing:
            yield "missing or changed: " + ", ".join(missing)


CHECKS = (placeholder_check, markup, urls)
