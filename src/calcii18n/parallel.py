"""Run one function over many locales, across processes when the work is big enough.

Status and check of 30 locales × 50,000 messages are independent per locale, and the
checks of one big catalogue are independent per message. Worker processes are forked, so
what all of them share (templates, glossary, a parsed catalogue) is inherited, not pickled
per task; each returns small results. Small jobs stay in one process: starting workers
costs more than their work. A worker never starts workers of its own. Where fork is not
available the work runs in this process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

S = TypeVar("S")
I = TypeVar("I")  # noqa: E741
R = TypeVar("R")

# Below these sizes one process is faster than forking workers.
PARALLEL_FROM_BYTES = 8_000_000  # catalogues of all locales in scope
PARALLEL_FROM_MESSAGES = 20_000  # messages of one catalogue to check

_job: tuple[Callable[[Any, Any], Any], Any] | None = None


def _install(function: Callable[[Any, Any], Any], shared: Any) -> None:
    global _job
    _job = (function, shared)


def _run(item: Any) -> Any:
    assert _job is not None
    function, shared = _job
    return function(shared, item)


def map_items(function: Callable[[S, I], R], shared: S, items: Sequence[I],
              worth_it: bool) -> list[R]:
    """[function(shared, item) for item in items], in order; in worker processes when the
    caller says the work is `worth_it` and this process is not a worker itself."""
    workers = min(len(items), os.cpu_count() or 1)
    if (not worth_it or workers < 2 or _job is not None
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [function(shared, item) for item in items]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_install, initargs=(function, shared)) as pool:
        return list(pool.map(_run, items))
