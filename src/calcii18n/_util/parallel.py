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

`kept_pool` is the other kind: one pool that lives as long as this process, for work whose
workers get faster with use (PDF workers keep their loaded fonts between calls).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
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


# name -> (the process that made it, its kind, its size, the pool); see kept_pool.
_kept: dict[str, tuple[int, Callable[..., Executor], int, Executor]] = {}
_kept_lock = threading.Lock()


def _forked() -> None:
    global _kept_lock
    _kept_lock = threading.Lock()  # a lock another thread held at the fork stays held


os.register_at_fork(after_in_child=_forked)


def kept_pool(name: str, kind: Callable[..., Executor], workers: int,
              initializer: Callable[[], object] | None = None) -> Executor:
    """This process's pool `name`, made on first use by `kind(max_workers=workers,
    initializer=initializer)` and kept until exit, so what its workers load once serves
    every later call. Made again when it is too small for `workers`, bigger than the CPUs
    we may use now, of another kind, or broken (a worker died); never shared with a
    forked child, which makes its own (the pool's threads and pipes are the parent's)."""
    with _kept_lock:
        held = _kept.get(name)
        if held is not None:
            pid, was, size, pool = held
            if (pid == os.getpid() and was is kind and workers <= size <= cpus.usable()
                    and not getattr(pool, "_broken", False)):
                return pool
            del _kept[name]
            if pid == os.getpid():
                pool.shutdown(wait=True, cancel_futures=True)
        pool = kind(max_workers=workers, initializer=initializer)
        _kept[name] = (os.getpid(), kind, workers, pool)
        return pool


def drop_pool(name: str) -> None:
    """Shut pool `name` down (queued work cancelled, running work waited for) and forget
    it: after a failure or an interrupt, nothing it was given may still be running when
    the caller goes on, and the next call starts afresh."""
    with _kept_lock:
        held = _kept.pop(name, None)
    if held is not None and held[0] == os.getpid():
        held[3].shutdown(wait=True, cancel_futures=True)


@contextmanager
def dropped_on_error(name: str) -> Iterator[None]:
    """Drop pool `name` (see drop_pool) when the block raises, whatever it raises."""
    try:
        yield
    except BaseException:
        drop_pool(name)
        raise


@atexit.register
def _drop_all() -> None:
    for name in list(_kept):
        drop_pool(name)
