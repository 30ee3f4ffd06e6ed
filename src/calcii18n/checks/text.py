"""Glossary terms (matched as whole words: see glossary.contains_term), and the warnings
that catch careless slips."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from calcii18n.checks.base import CheckContext, Severity, check
from calcii18n.glossary import contains_inflected, contains_term, contains_term_outside
from calcii18n.model import Message
from calcii18n.state import parse_stamps
from calcii18n.trust import review

# Ethiopic (Amharic, Tigrinya): ። full stop, ፧ question mark, ፥ and ፦ colons; ፣ is
# the comma, so it is not a full stop. Myanmar: ။ ends a sentence, ၊ is the comma.
_FINAL = {
    ".": "full stop", "。": "full stop", "।": "full stop", "۔": "full stop", "．": "full stop",
    "｡": "full stop", "॥": "full stop", "።": "full stop", "။": "full stop",
    "?": "question", "？": "question", "؟": "question", "፧": "question",
    "!": "exclamation", "！": "exclamation",
    ":": "colon", "：": "colon", "፥": "colon", "፦": "colon",
    "…": "ellipsis",
}
# Translation length / English length, outside which a translation is suspicious.
_RATIO = {"zh": (0.12, 1.2), "ja": (0.15, 1.3), "ko": (0.2, 1.4)}
_DEFAULT_RATIO = (0.35, 2.8)


_LETTERS = re.compile(r"[^\W_]+")


def _misspelt(text: str, term: str, glued_only: bool) -> str | None:
    """What the text has in place of the term: a run of as many words as the term has
    that holds the term but not as a whole word (one or two letters glued on:
    "Sensiparo"), or, unless `glued_only`, one written alike (another case, letters
    missing or changed: "sensipar", "Sensipa"). Only asked once the check has failed or
    a glued form is suspected, so it may be slow."""
    words = list(_LETTERS.finditer(text))
    size = len(_LETTERS.findall(term)) or 1
    folded = term.casefold()
    best, score = None, 0.0
    for i in range(len(words) - size + 1):
        found = text[words[i].start():words[i + size - 1].end()]
        if found == term:
            continue
        if term in found and len(found) - len(term) <= 2 and not contains_term(
                found, term, case_sensitive=True):
            return found  # (two letters at most: CUANDO is a word, not CUA misspelt)
        ratio = difflib.SequenceMatcher(None, found.casefold(), folded).ratio()
        if not glued_only and ratio > score and (
                found.casefold() == folded or (len(term) >= 4 and ratio >= 0.8)):
            best, score = found, ratio
    return best


def _kept(text: str, term: str) -> str | None:
    """Why a do-not-translate term is not kept in one translation, or None if it is."""
    present = contains_term(text, term, case_sensitive=True)
    # One occurrence that is whole is the whole story; with more, one may be glued
    # ("Sensipar ... Sensiparo"), which misspells the brand all the same.
    if present and text.count(term) == 1:
        return None
    near = _misspelt(text, term, glued_only=present)
    if near:
        return (f"{term!r} must appear unchanged (do-not-translate term): found {near!r} — "
                "a do-not-translate term must be written exactly")
    return None if present else f"{term!r} must appear unchanged (do-not-translate term)"


@check("glossary", Severity.ERROR)
def do_not_translate(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Do-not-translate terms (brand names, acronyms) appear unchanged, as whole words."""
    for term in ctx.glossary.do_not_translate:
        if contains_term(msg.msgid, term, case_sensitive=True):
            for text in msg.msgstr:
                problem = _kept(text, term) if text else None
                if problem:
                    yield problem


@check("glossary-forbidden", Severity.ERROR)
def avoided_term(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """No deprecated or forbidden term where the English has the glossary term.

    Only where the English has the term: a forbidden word is often an ordinary word in
    other sentences, and an error on text the glossary is not about would teach people
    to silence the check. Matched exactly, as whole words (contains_term), never with
    the inflection allowance; an occurrence inside the preferred or an admitted term
    ("tiosulfato" inside "tiosulfato de sodio") is not a use of it."""
    for concept, entry in ctx.glossary.in_locale(ctx.locale):
        avoided = entry.avoided()
        if not avoided or not contains_term(msg.msgid, concept.english):
            continue
        for text in msg.msgstr:
            for term, status in avoided:
                if text and contains_term_outside(text, term, entry.accepted()):
                    use = f": use {entry.preferred!r}" if entry.preferred else ""
                    note = f" ({entry.note})" if entry.note else ""
                    yield (f"{term!r} is a {status} term for {concept.english!r} in "
                           f"{entry.locale}{use}{note}")


@check("glossary-term", Severity.WARNING)
def required_term(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """Key terms use the agreed translation for this locale (as whole words).

    The preferred term or any admitted one counts; in a locale the glossary lists as
    `inflected`, so do their words with endings (see calcii18n.glossary)."""
    found = contains_inflected if ctx.glossary.is_inflected(ctx.locale) else contains_term
    for concept, entry in ctx.glossary.in_locale(ctx.locale):
        accepted = entry.accepted()
        if not accepted or not contains_term(msg.msgid, concept.english):
            continue
        for text in msg.msgstr:
            if text and not any(found(text, term) for term in accepted):
                others = "".join(f" or {term!r}" for term in accepted[1:])
                yield f"{concept.english!r} should be translated as {accepted[0]!r}{others}"


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


@check("signature", Severity.ERROR)
def bad_signature(msg: Message, ctx: CheckContext) -> Iterable[str]:
    """A review signature that is forged, copied, by an unknown key, future-dated, by
    someone not allowed to sign, or unreadable (docs/trust.md)."""
    if ctx.trust is not None:
        yield from review(msg, ctx.trust).problems  # (returns at once when nothing is signed)


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


_CLOSERS = "*_)]\"'”’»」』）"


def _final(text: str, locale: str = "en") -> str:
    stripped = text.rstrip().rstrip(_CLOSERS)
    # Invisible format characters after the punctuation (a direction mark, a zero-width
    # space) are not what a reader sees last.
    while stripped and unicodedata.category(stripped[-1]) == "Cf":
        stripped = stripped[:-1].rstrip(_CLOSERS)
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


CHECKS = (do_not_translate, avoided_term, required_term, malformed_stamp, bad_signature,
          same_as_english, whitespace, punctuation, length)
