"""Machine-translation engines: the interface, found as plugins; none ships with us.

No package on PyPI carries a translation model, and calcii18n never fetches anything
(research/exchange-and-access.md §4), so an engine is a plugin a clinic installs on
purpose: an entry point in the group `calcii18n.mt_engines` naming a callable that
returns an `Engine`. Its output only ever becomes a machine draft (review/machine.py):
fuzzy, with its origin, never printed or signed until a person has changed or confirmed
it. Placeholders, links and Markdown are replaced by tokens before the engine sees the
text and put back after (exchange/inline.protect); an entry whose tokens the engine
lost stays empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import entry_points
from typing import Protocol

from calcii18n.errors import Calcii18nError

GROUP = "calcii18n.mt_engines"


class Engine(Protocol):
    """Translates English texts into one locale, in order, one output per input."""

    def translate(self, texts: Sequence[str], target: str) -> list[str]: ...


def find_engine(name: str) -> Engine:
    """The installed engine called `name`, or a one-line error naming what is installed."""
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    if name not in found:
        have = ", ".join(sorted(found)) or "none"
        raise Calcii18nError("--engine", None, f"no machine-translation engine {name!r} is "
                             f"installed (installed: {have}; an engine is a plugin in the "
                             f"entry point group {GROUP}, and none ships with calcii18n)")
    factory = found[name].load()
    engine: Engine = factory()
    return engine
