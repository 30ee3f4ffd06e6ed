"""Run one function over many items, across processes when the work is big enough.

Status and check of 30 locales × 50,000 messages are independent per locale, and the
checks of one big catalogue are independent per message. Worker processes are forked, so
what all of them share (templates, glossary, a parsed catalogue) is inherited, not pickled
per task; each returns small results. Small jobs stay in one process: starting workers
costs more than their work. A worker never starts workers of its own. Where fork is not
available the work runs in this process, with the same results.

`start` returns at once, so the caller can do other work (status computes states while
the workers check); `map_items` waits. A caller that knows what one item costs in memory
says so (`per_worker`), and gets no more workers than the free memory holds (see
memory.py).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from calcii18n._util import cpus, memory

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
    return (_job is None and cpus.usable() >= 2
            and "fork" in multiprocessing.get_all_start_methods())


def fans_out(count: int, worth_it: bool) -> bool:
    """Whether map_items over `count` items runs them in worker processes."""
    return worth_it and min(count, cpus.usable()) >= 2 and _can_fork()


class Pending(Generic[S, I, R]):
    """[function(shared, item) for item in items]: being computed by worker processes, or
    computed here on the first get(). get() returns the results in order, or raises the
    function's error, every time it is asked."""

    def __init__(self, function: Callable[[S, I], R], shared: S, items: Sequence[I],
                 workers: int) -> None:
        self._job = (function, shared, items)
        self._done: list[R] | None = None
        self._pool: ProcessPoolExecutor | None = None
        if workers:
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_install, initargs=(function, shared))
            self._futures = [self._pool.submit(_run, item) for item in items]

    def get(self) -> list[R]:
        if self._pool is not None:
            self._pool.shutdown()  # waits for every task; the workers exit
            return [future.result() for future in self._futures]
        if self._done is None:
            function, shared, items = self._job
            self._done = [function(shared, item) for item in items]
        return self._done


def start(function: Callable[[S, I], R], shared: S, items: Sequence[I], worth_it: bool,
          background: bool = False, per_worker: int = 0) -> Pending[S, I, R]:
    """Start the work in worker processes (one per core, at most one per item, no more
    than the free memory holds at `per_worker` bytes each) when the caller says it is
    `worth_it`, or `background` for one worker that runs while this process does something
    else."""
    if background:
        workers = 1 if worth_it and _can_fork() else 0
    elif fans_out(len(items), worth_it):
        workers = memory.workers_for(min(len(items), cpus.usable()), per_worker,
                                     memory.available() if per_worker else None)
    else:
        workers = 0
    return Pending(function, shared, items, workers)


def map_items(function: Callable[[S, I], R], shared: S, items: Sequence[I],
              worth_it: bool, per_worker: int = 0) -> list[R]:
    """[function(shared, item) for item in items], in order; in worker processes when the
    caller says the work is `worth_it` and this process is not a worker itself (see start
    for `per_worker`)."""
    return start(function, shared, items, worth_it, per_worker=per_worker).get()
