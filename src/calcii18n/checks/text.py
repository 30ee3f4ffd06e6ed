"""Glossary terms, and the warnings that catch careless slips."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from calcii18n.checks.base import CheckContext, Severity, check
from calcii18n.glossary import contains_term
from calcii18n.model import Message
from calcii18n.state import parse_stamps

_FINAL = {
    ".": "full stop", "。": "full stop", "।": "full stop", "۔": "full stop", "．": "full stop",
    "?": "question", "？": "question", "؟": "question",
    "!": "exclamation", "！": "exclamation",
    ":": "colon", "：": "colon",
    "…": "ellipsis",
}
# Translation length / English length, outside which a translation is suspicious.
_RATIO = {"zh": (0.12, 1.2), "ja": (0.15, 1.3), "ko": (0.2, 1.4)}
_DEFAULT_RATIO = (0.35, 2.8)


@check("glossary", Severity.ERROR)
def do_not_translate(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Do-not-translate terms (brand names, acronyms) appear unchanged."""
    for term in ctx.glossary.do_not_translate:
        if contains_term(msg.msgid, term, case_sensitive=True):
            for text in msg.msgstr:
                if text and term not in text:
                    yield f"{term!r} must appear unchanged (do-not-translate term)"


@check("glossary-term", Severity.WARNING)
def required_term(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Key terms use the agreed translation for this locale."""
    for english, target in ctx.glossary.required(ctx.locale):
        if contains_term(msg.msgid, english):
            for text in msg.msgstr:
                if text and target.casefold() not in text.casefold():
                    yield f"{english!r} should be translated as {target!r}"


_URLISH = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\{\w+\}")


@check("stamp", Severity.WARNING)
def malformed_stamp(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """A `reviewed:` comment that is not a valid stamp counts as no review at all."""
    if not any("reviewed:" in c for c in msg.translator_comments):
        return
    written = sum(len(re.findall(r"(?:^|\s)reviewed:", c)) for c in msg.translator_comments)
    if written > len(parse_stamps(msg)):
        yield ("a 'reviewed:' comment is not a valid stamp (date, Name <email>, sha256): "
               "treated as not reviewed")


@check("same-as-english", Severity.WARNING)
def same_as_english(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The translation is identical to the English."""
    if not any(text == msg.msgid for text in msg.msgstr):
        return
    if len(re.findall(r"[^\W\d_]+", _URLISH.sub(" ", msg.msgid))) > 1:
        yield "translation is identical to the English"


@check("whitespace", Severity.WARNING)
def whitespace(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Leading and trailing whitespace match the English."""
    for text in msg.msgstr:
        if not text:
            continue
        if (text[:1].isspace(), text[-1:].isspace()) != (msg.msgid[:1].isspace(),
                                                          msg.msgid[-1:].isspace()):
            yield "leading or trailing whitespace differs from the English"


def _final(text: str, locale: str = "en") -> str:
    stripped = text.rstrip().rstrip("*_)]\"'”’»」』）")
    last = stripped[-1:]
    if last == "\u037e" or (last == ";" and locale.split("_")[0] == "el"):
        return "question"  # the Greek question mark
    return _FINAL.get(last, "none") if stripped else "none"


@check("punctuation", Severity.WARNING)
def punctuation(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The final punctuation is of the same kind (a question stays a question)."""
    source = _final(msg.msgid)
    for text in msg.msgstr:
        if text and _final(text, ctx.locale) != source:
            yield f"ends with {_final(text, ctx.locale)}, the English with {source}"


class _Visible(dict[int, int | None]):
    """str.translate table deleting separators, control/format characters and marks."""

    def __missing__(self, code: int) -> int | None:
        keep = None if unicodedata.category(chr(code))[0] in "ZCM" else code
        self[code] = keep
        return keep


_VISIBLE = _Visible()


def _length(text: str) -> int:
    """Characters a reader sees: no spaces, control characters or combining marks."""
    if text.isascii() and text.isprintable():  # the only invisible ones are spaces
        return len(text) - text.count(" ")
    return len(text.translate(_VISIBLE))


@check("length", Severity.WARNING)
def length(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """The translation's length is far from what this language usually needs."""
    source = _length(msg.msgid)
    if source < 20:
        return
    low, high = _RATIO.get(ctx.locale.split("_")[0], _DEFAULT_RATIO)
    for text in msg.msgstr:
        if text:
            ratio = _length(text) / source
            if not low <= ratio <= high:
                yield (f"translation is {ratio:.1f}× the English length (usual for "
                       f"{ctx.locale}: {low}–{high}×): check nothing is missing or added")


CHECKS = (do_not_translate, required_term, malformed_stamp, same_as_english, whitespace,
          punctuation, length)
