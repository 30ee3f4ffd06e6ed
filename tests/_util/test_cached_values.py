"""Every cached kind comes back from its JSON exactly as it went in, and the codecs name every
field of the classes they store (a new field cannot be dropped silently)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from test_cache import private_cache_home as private_cache_home  # autouse fixture

from calcii18n._util import cache
from calcii18n._util.cache import Codec
from calcii18n.checks import CheckContext, Finding, Severity, run_checks
from calcii18n.leaflet import readability as rd
from calcii18n.leaflet.frontmatter import FrontMatter
from calcii18n.leaflet.source import Block, Leaflet, Section, parse_leaflet
from calcii18n.model import Catalog, Message
from calcii18n.po.parse import decode_po_bytes, parse_po
from calcii18n.project import cached_values as cv

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(("cls", "names"), [
    (Message, cv.MESSAGE_FIELDS), (Block, cv.BLOCK_FIELDS), (Finding, cv.FINDING_FIELDS),
    (FrontMatter, cv.FRONT_MATTER_FIELDS), (Section, cv.SECTION_FIELDS),
    (Leaflet, cv.LEAFLET_FIELDS), (Catalog, cv.CATALOG_FIELDS),
    (rd.Scores, cv.SCORES_FIELDS), (rd.SectionReport, cv.SECTION_REPORT_FIELDS),
    (rd.LongSentence, cv.LONG_SENTENCE_FIELDS), (rd.LeafletReport, cv.LEAFLET_REPORT_FIELDS)])
def test_the_codecs_name_every_field(cls: type, names: tuple[str, ...]) -> None:
    assert tuple(f.name for f in fields(cls)) == names


def through_json(kind: str, value: Any) -> Any:
    codec: Codec[Any] = cv.CODECS[kind]
    text = json.dumps(codec.encode(value), ensure_ascii=False, separators=(",", ":"))
    return codec.decode(json.loads(text.encode("utf-8", "surrogatepass")))


FULL = Message("1 day", ("1 día", "{n} días", ""), "ctx", "{n} days", ("fuzzy", "x-format"),
               ("translator",), ("extracted", "two"), ("a.md:1", "b.md:2"), "old ctx",
               "old id", "old plural", True, 41)


def test_every_field_of_a_catalogue_comes_back() -> None:
    catalog = Catalog((("Language", "es"), ("X", "")), ("# comment",), ("fuzzy",),
                      (FULL, Message(""), Message("a", ("",)), Message("b", ("β",),
                                                                     msgctxt="")),
                      (Message("gone", ("ido",), obsolete=True, flags=("fuzzy",)),))
    back = through_json("po", catalog)
    assert back == catalog
    assert [type(m.msgstr) for m in back.messages] == [tuple] * 4
    assert through_json("po", Catalog()) == Catalog()


def test_every_catalogue_and_leaflet_of_the_sample_comes_back() -> None:
    paths = sorted((ROOT / "locale").rglob("*.po*"))
    assert len(paths) > 30
    for path in paths:
        catalog = parse_po(decode_po_bytes(path.read_bytes(), path.name), path.name)
        assert through_json("po", catalog) == catalog, path
    for path in sorted((ROOT / "sources").glob("*.md")):
        leaflet = parse_leaflet(path.read_text("utf-8"), path.name, path.stem)
        back = through_json("leaflet", leaflet)
        assert back == leaflet
        assert isinstance(back.meta.reviewed, dt.date)


def test_findings_come_back_with_their_severity_and_silencing() -> None:
    found = [Finding("numbers", Severity.ERROR, "numbers differ", "a.po", 3, "abc"),
             Finding("style", Severity.WARNING, "w", silenced="reviewed: fine")]
    found += run_checks(Message("Take 5 mg.", ("Tome 50 mg\u202e.",)), CheckContext("es"), "x")
    back = through_json("findings", found)
    assert back == found
    assert [f.severity for f in back] == [f.severity for f in found]
    assert all(type(f.severity) is Severity for f in back)


@pytest.mark.parametrize(("kind", "data"), [
    ("po", [[], [], [], [["a"]] * 12, [[]] * 13]),  # too few columns
    ("po", [[], [], [], [["a"], []] + [["x"]] * 11, [[]] * 13]),  # uneven columns
    ("leaflet", ["p", ["id", "t", "r", "2026-01-01", "2026-02-01", "a", [], 1, ""],
                 [["s", "h", 1, 3]], [["paragraph"], ["t"], [1], [""], [False], [0], [0]]]),
    ("findings", [["numbers", "fatal", "m", "p", 1, "e", None]]),  # no such severity
])
def test_a_value_that_does_not_fit_the_layout_is_refused(kind: str, data: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        cv.CODECS[kind].decode(data)


@pytest.mark.parametrize("texts", [
    ["Tome 50 mg dos veces al día.", "señal"] * 50,  # few escapes: stored as ASCII
    ["每天服用两次，每次50毫克。", "出血"] * 50,  # mostly escapes: stored as UTF-8
    ["a lone surrogate \ud800 and \\u escapes", "\u202e020\u202c"],
])
def test_text_in_any_script_comes_back_from_the_cache(tmp_path: Path, texts: list[str]) -> None:
    store = cache.Cache(tmp_path)
    store.store("x", "f", ("1",), texts)
    assert store.load("x", "f", ("1",)) == (texts,)


def test_a_readability_report_comes_back_equal() -> None:
    from calcii18n.leaflet.source import parse_leaflet

    text = (Path(__file__).resolve().parents[2] / "sources" / "warning-signs.md").read_text()
    report = rd.leaflet_report(parse_leaflet(text, "sources/warning-signs.md", "warning-signs"))
    codec = cv.CODECS["readability"]
    assert codec.decode(json.loads(json.dumps(codec.encode(report)))) == report
