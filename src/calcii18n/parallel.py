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
from typing import Any, Generic, TypeVar

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


def _can_fork() -> bool:
    return _job is None and "fork" in multiprocessing.get_all_start_methods()


def fans_out(count: int, worth_it: bool) -> bool:
    """Whether map_items over `count` items runs them in worker processes."""
    return worth_it and min(count, os.cpu_count() or 1) >= 2 and _can_fork()


def map_items(function: Callable[[S, I], R], shared: S, items: Sequence[I],
              worth_it: bool) -> list[R]:
    """[function(shared, item) for item in items], in order; in worker processes when the
    caller says the work is `worth_it` and this process is not a worker itself."""
    if not fans_out(len(items), worth_it):
        return [function(shared, item) for item in items]
    with ProcessPoolExecutor(max_workers=min(len(items), os.cpu_count() or 1),
                             mp_context=multiprocessing.get_context("fork"),
                             initializer=_install, initargs=(function, shared)) as pool:
        return list(pool.map(_run, items))


class Later(Generic[I, R]):
    """function(argument), computed by one forked process while this one goes on, when
    the caller says it is `worth_it`; otherwise computed here on the first get(). Either
    way get() returns the value or raises the function's error, every time."""

    def __init__(self, function: Callable[[I], R], argument: I, worth_it: bool) -> None:
        self._function, self._argument = function, argument
        self._done: tuple[R] | None = None
        self._pool: ProcessPoolExecutor | None = None
        if worth_it and _can_fork() and (os.cpu_count() or 1) >= 2:
            self._pool = ProcessPoolExecutor(max_workers=1,
                                             mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(function, argument)

    def get(self) -> R:
        if self._pool is not None:
            self._pool.shutdown()  # waits for the one task; the process exits
            return self._future.result()  # the value, or its error again
        if self._done is None:
            self._done = (self._function(self._argument),)
        return self._done[0]
