"""typed_json: a build's result survives the cache exactly, and data that is not what the
annotations ask for decodes to nothing (a cache miss), never to another object."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from calcii18n._util import typed_json
from calcii18n.checks.base import Finding, Severity
from calcii18n.merge import MergeSummary
from calcii18n.project.queries import StatusLine
from calcii18n.project.write import Action, Outcome
from calcii18n.publish.build import Built
from calcii18n.publish.jobs import Print, Result
from calcii18n.state import STATES, State
from calcii18n.status import Printable, Reason, ReasonKind, Row

REASON = Reason(ReasonKind.STALE, "§ dose", "a1b2c3", "stale: the English changed")
ROW = Row("es", "dose", {s: i for i, s in enumerate(STATES)}, {s: 2 * i for i, s in
                                                             enumerate(STATES)}, 10, True, 1,
          (REASON,))
BUILT = Built(
    (Outcome("locale/es/dose.po", Action.UPDATED, MergeSummary(1, 2, 3, 4, 5, 6), "es",
             "dose", "charset"), Outcome("locale/ui.pot", Action.UNCHANGED)),
    (Finding("numbers", Severity.ERROR, "1 ≠ 2", "a.po", 3, "abc", None),
     Finding("spaces", Severity.WARNING, "x", silenced="reviewed: fine")),
    (StatusLine(ROW, Printable(False, (REASON,)), 1, 2, dt.date(2027, 1, 2), -3),
     StatusLine(ROW, None)),
    (Result("es", "dose", Print.DRAFT, (REASON,), ("build/es/dose.pdf",), "", True),),
    Path("/project/build/index.html"))


def test_a_build_result_round_trips_through_json() -> None:
    data = json.loads(json.dumps(typed_json.encode(BUILT)))
    back = typed_json.decode(Built, data)
    assert back == BUILT
    assert type(back.lines[0].row.counts) is dict and State.FUZZY in back.lines[0].row.counts
    assert type(back.outcomes) is tuple and back.lines[0].next_review == dt.date(2027, 1, 2)


@dataclass(frozen=True)
class Pair:
    name: str
    count: int
    when: dt.date | None = None


@pytest.mark.parametrize("data", [
    ["a"],  # too short
    ["a", 1, None, "extra"],  # too long
    ["a", "1", None],  # a string for an int
    ["a", True, None],  # a bool is not an int here
    ["a", 1, 20270102],  # a number for a date
    {"name": "a", "count": 1},  # an object, not the field list
    "a",
])
def test_data_that_is_not_the_declared_shape_is_refused(data: object) -> None:
    with pytest.raises(ValueError):
        typed_json.decode(Pair, data)


def test_unknown_enum_values_are_refused() -> None:
    encoded = typed_json.encode(BUILT.results[0])
    assert isinstance(encoded, list)
    encoded[2] = "published"
    with pytest.raises(ValueError):
        typed_json.decode(Result, encoded)


def test_a_type_it_does_not_know_is_a_bug_not_a_guess() -> None:
    with pytest.raises(TypeError):
        typed_json.encode({1, 2})
    with pytest.raises(TypeError):
        typed_json.decode(set[int], [1, 2])  # type: ignore[type-abstract]


@dataclass(frozen=True)
class Node:
    """A class that names itself among its fields: its decoder is worked out on first use."""

    name: str
    children: tuple[Node, ...]
    weight: float | None = None


def test_a_class_that_names_itself_round_trips_and_its_decoder_is_made_once() -> None:
    tree = Node("root", (Node("a", (), 1.0), Node("b", (Node("c", (), None),), 2)))
    data = json.loads(json.dumps(typed_json.encode(tree)))
    assert typed_json.decode(Node, data) == tree
    made = typed_json._decoder.cache_info().misses
    assert typed_json.decode(Node, data) == tree
    assert typed_json._decoder.cache_info().misses == made  # nothing worked out again
    with pytest.raises(ValueError):
        typed_json.decode(Node, ["root", [["a", [], "heavy"]], None])
