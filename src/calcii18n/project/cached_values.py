"""How parsed leaflets, parsed catalogues and check findings are kept in the cache: JSON columns.

A cache file sits in the project folder, so reading one may build nothing but these values
(see _util/cache.py for the signing that keeps forged ones out). Each value is one JSON
document in a fixed layout — dates as ISO text, a severity as its name — and decoding calls
only the constructors below. Messages and blocks are stored by column (all msgids, then all
msgstrs, ...) and a tuple of strings as its one string, 0 when empty or a list otherwise:
the fewest JSON objects, then one C-level map over the constructor: a 50,000-message
catalogue loads in 0.18 s (the pickle this replaced: 0.13 s; parsing the .po: 1 s), its
MAC checked. The field lists are the format: a field added to one of these classes must be
added here (tests/_util/test_cached_values.py compares them with the classes' fields).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import islice
from typing import Any

from calcii18n._util import typed_json
from calcii18n._util.cache import Codec
from calcii18n.checks.base import Finding, Severity
from calcii18n.leaflet import readability as rd
from calcii18n.leaflet.frontmatter import FrontMatter
from calcii18n.leaflet.source import Block, Leaflet, Section
from calcii18n.model import Catalog, Message
from calcii18n.state import Verdict

MESSAGE_FIELDS = ("msgid", "msgstr", "msgctxt", "msgid_plural", "flags", "translator_comments",
                  "extracted_comments", "references", "previous_msgctxt", "previous_msgid",
                  "previous_msgid_plural", "obsolete", "line")
STRING_TUPLES = frozenset(("msgstr", "flags", "translator_comments", "extracted_comments",
                           "references"))
BLOCK_FIELDS = ("kind", "text", "line", "note", "callout", "group", "box")
FINDING_FIELDS = ("check", "severity", "message", "path", "line", "entry", "silenced")
FRONT_MATTER_FIELDS = ("id", "title", "revision", "reviewed", "next_review", "audience",
                       "references", "title_line", "source", "max_pages")
SECTION_FIELDS = ("id", "heading", "line", "blocks")
LEAFLET_FIELDS = ("path", "meta", "sections")
CATALOG_FIELDS = ("header", "header_comments", "header_flags", "messages", "obsolete")
SCORES_FIELDS = ("words", "sentences", "polysyllables", "smog", "fk_grade")
SECTION_REPORT_FIELDS = ("id", "heading", "line", "scores")
LONG_SENTENCE_FIELDS = ("section", "line", "words", "text")
LEAFLET_REPORT_FIELDS = ("id", "path", "scores", "sections", "long_sentences", "smog_max")


def _strings(values: tuple[str, ...]) -> object:
    return values[0] if len(values) == 1 else list(values) if values else 0


def _columns(items: Sequence[object], names: Sequence[str]) -> list[list[Any]]:
    return [[_strings(getattr(i, n)) for i in items] if n in STRING_TUPLES
            else [getattr(i, n) for i in items] for n in names]


def _tuples(column: list[Any]) -> list[tuple[str, ...]]:
    return [(x,) if type(x) is str else tuple(x) if x else () for x in column]


def _table(columns: Any, names: Sequence[str]) -> int:
    """The number of rows, if `columns` is one equally long list per name (map would stop
    silently at the shortest)."""
    if not (type(columns) is list and len(columns) == len(names)
            and all(type(c) is list for c in columns)
            and len({len(c) for c in columns}) == 1):
        raise ValueError("cache: not a table of " + ", ".join(names))
    return len(columns[0])


def _messages(columns: list[list[Any]]) -> tuple[Message, ...]:
    _table(columns, MESSAGE_FIELDS)
    return tuple(map(Message, *(_tuples(c) if n in STRING_TUPLES else c
                                for n, c in zip(MESSAGE_FIELDS, columns, strict=True))))


def encode_catalog(catalog: Catalog) -> object:
    return [catalog.header, catalog.header_comments, catalog.header_flags,
            _columns(catalog.messages, MESSAGE_FIELDS),
            _columns(catalog.obsolete, MESSAGE_FIELDS)]


def decode_catalog(data: Any) -> Catalog:
    header, comments, flags, messages, obsolete = data
    return Catalog(tuple((name, value) for name, value in header), tuple(comments),
                   tuple(flags), _messages(messages), _messages(obsolete))


def encode_findings(findings: list[Finding]) -> object:
    return [[f.check, f.severity.value, f.message, f.path, f.line, f.entry, f.silenced]
            for f in findings]


def decode_findings(data: Any) -> list[Finding]:
    return [Finding(check, Severity(severity), message, path, line, entry, silenced)
            for check, severity, message, path, line, entry, silenced in data]


def _encode_meta(meta: FrontMatter) -> list[object]:
    return [meta.id, meta.title, meta.revision, meta.reviewed.isoformat(),
            meta.next_review.isoformat(), meta.audience, meta.references, meta.title_line,
            meta.source, meta.max_pages]


def _decode_meta(row: Any) -> FrontMatter:
    ident, title, revision, reviewed, next_review, audience, references, line, source, pages = row
    return FrontMatter(ident, title, revision, dt.date.fromisoformat(reviewed),
                       dt.date.fromisoformat(next_review), audience, tuple(references), line,
                       source, pages)


def encode_leaflet(leaflet: Leaflet) -> object:
    blocks = [b for s in leaflet.sections for b in s.blocks]
    return [leaflet.path, _encode_meta(leaflet.meta),
            [[s.id, s.heading, s.line, len(s.blocks)] for s in leaflet.sections],
            _columns(blocks, BLOCK_FIELDS)]


def decode_leaflet(data: Any) -> Leaflet:
    path, meta, sections, columns = data
    if _table(columns, BLOCK_FIELDS) != sum(count for *_, count in sections):
        raise ValueError("cache: blocks and sections disagree")
    blocks = iter(tuple(map(Block, *columns)))
    return Leaflet(path, _decode_meta(meta), tuple(
        Section(ident, heading, line, tuple(islice(blocks, count)))
        for ident, heading, line, count in sections))


def _scores(s: rd.Scores) -> list[object]:
    return [s.words, s.sentences, s.polysyllables, s.smog, s.fk_grade]


def encode_report(report: rd.LeafletReport) -> object:
    """A leaflet's readability (textstat and the CMU dictionary take most of a no-op
    build's second without it)."""
    return [report.id, report.path, _scores(report.scores),
            [[x.id, x.heading, x.line, _scores(x.scores)] for x in report.sections],
            [[x.section, x.line, x.words, x.text] for x in report.long_sentences],
            report.smog_max]


def decode_report(data: Any) -> rd.LeafletReport:
    ident, path, scores, sections, long, smog_max = data
    return rd.LeafletReport(
        ident, path, rd.Scores(*scores),
        tuple(rd.SectionReport(i, h, line, rd.Scores(*sc)) for i, h, line, sc in sections),
        tuple(rd.LongSentence(*row) for row in long), float(smog_max))


CODECS: dict[str, Codec[Any]] = {
    "leaflet": Codec(encode_leaflet, decode_leaflet),
    "readability": Codec(encode_report, decode_report),
    "po": Codec(encode_catalog, decode_catalog),
    "findings": Codec(encode_findings, decode_findings),
    "verdicts": typed_json.codec(tuple[Verdict, ...]),
}
