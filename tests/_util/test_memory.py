"""Worker pools sized by free memory as well as cores (issue 15, item 14)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from calcii18n._util import memory, parallel

MEMINFO = """MemTotal:        8000000 kB
MemFree:          100000 kB
MemAvailable:    2000000 kB
"""


def test_meminfo_available_is_read_in_bytes() -> None:
    assert memory.meminfo_available(MEMINFO) == 2_000_000 * 1024
    assert memory.meminfo_available("MemTotal: 1 kB\n") is None
    assert memory.meminfo_available("MemAvailable: lots\n") is None


def test_the_tightest_cgroup_on_the_way_up_counts(tmp_path: Path) -> None:
    proc = tmp_path / "cgroup"
    proc.write_text("0::/user.slice/job\n")
    job, user = tmp_path / "user.slice/job", tmp_path / "user.slice"
    job.mkdir(parents=True)
    (job / "memory.max").write_text("max\n")  # no limit here ...
    (job / "memory.current").write_text("100\n")
    (user / "memory.max").write_text("1000\n")  # ... but above it
    (user / "memory.current").write_text("400\n")
    assert memory.cgroup_room(tmp_path, proc) == 600
    (job / "memory.max").write_text("300\n")
    assert memory.cgroup_room(tmp_path, proc) == 200
    proc.write_text("1:cpu:/x\n")  # v1 only: no memory limit read
    assert memory.cgroup_room(tmp_path, proc) is None


@pytest.mark.parametrize(("wanted", "per_worker", "free", "expected"), [
    (16, 100, None, 16),  # free memory unknown: cores decide
    (16, 0, 1000, 16),  # the caller gave no estimate
    (16, 100, 1000, 5),  # half of 1000 holds 5
    (4, 100, 10_000, 4),  # plenty: cores decide
    (16, 100, 10, 1),  # never fewer than one
])
def test_workers_for(wanted: int, per_worker: int, free: int | None, expected: int) -> None:
    assert memory.workers_for(wanted, per_worker, free) == expected


def _pid(shared: None, item: int) -> int:
    return os.getpid()


def test_a_pool_starts_no_more_workers_than_the_memory_holds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if not parallel.fans_out(8, True):
        pytest.skip("no fork here: nothing runs in workers")
    monkeypatch.setenv("CALCII18N_JOBS", "4")
    monkeypatch.setattr(memory, "available", lambda: 300 << 20)
    pids = parallel.map_items(_pid, None, list(range(40)), True, per_worker=100 << 20)
    assert len(set(pids)) == 1 and os.getpid() not in pids  # 150 MiB holds one
