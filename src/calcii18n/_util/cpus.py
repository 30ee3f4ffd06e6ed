"""How many CPUs this process may really use, for sizing worker pools.

os.cpu_count() is the host's count: in a container limited to two CPUs on a 64-core host
it would start 64 PDF workers that fight over two CPUs (and their memory). What limits us
is the affinity mask (taskset, cpusets) and a cgroup CPU quota (docker --cpus, Kubernetes
limits); CALCII18N_JOBS overrides both.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from calcii18n.errors import Calcii18nError

ENV = "CALCII18N_JOBS"
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")


def v2_quota(text: str) -> float | None:
    """CPUs a cgroup v2 `cpu.max` allows: "150000 100000" is 1.5; "max 100000" no limit."""
    parts = text.split()
    if len(parts) != 2 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    quota, period = int(parts[0]), int(parts[1])
    return quota / period if quota > 0 and period > 0 else None


def v1_quota(quota: str, period: str) -> float | None:
    """CPUs a cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us` pair allows (-1: none)."""
    try:
        q, p = int(quota), int(period)
    except ValueError:
        return None
    return q / p if q > 0 and p > 0 else None


def from_limits(affinity: int, quota: float | None) -> int:
    """Workers to start: the CPUs we may run on, capped by the quota (rounded down, as a
    fractional CPU only throttles a worker that would use it whole), at least one."""
    if quota is not None:
        affinity = min(affinity, math.floor(quota))
    return max(1, affinity)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""


def cgroup_quota(root: Path = CGROUP_ROOT, proc: Path = PROC_CGROUP) -> float | None:
    """The tightest CPU quota on this process's cgroup or any cgroup above it, v2 or v1."""
    limits: list[float] = []
    for line in _read(proc).splitlines():
        hierarchy, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        relative = path.strip().strip("/")
        if hierarchy == "0" and not controllers:  # v2: the unified hierarchy
            folders = [root / relative, *(root / relative).parents]
            limits += [q for f in folders if f.is_relative_to(root)
                       if (q := v2_quota(_read(f / "cpu.max"))) is not None]
        elif "cpu" in controllers.split(","):  # v1: cpu (or cpu,cpuacct) controller
            for base in (root / "cpu", root / "cpu,cpuacct"):
                for folder in (base / relative, base):
                    q = v1_quota(_read(folder / "cpu.cfs_quota_us"),
                                 _read(folder / "cpu.cfs_period_us"))
                    if q is not None:
                        limits.append(q)
    return min(limits) if limits else None


def usable() -> int:
    """CPUs this process may use: CALCII18N_JOBS if set, else its affinity mask capped by
    any cgroup CPU quota."""
    explicit = os.environ.get(ENV, "").strip()
    if explicit:
        if not explicit.isdigit() or int(explicit) < 1:
            raise Calcii18nError(ENV, None, f"must be a whole number of workers, 1 or more "
                                 f"(not {explicit!r})")
        return int(explicit)
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        affinity = os.cpu_count() or 1
    return from_limits(affinity, cgroup_quota())
