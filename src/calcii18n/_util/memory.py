"""How much memory worker processes may take, for sizing worker pools.

One worker per core is right for time, not always for memory: `check` of 30 locales ×
20,000 messages held about 100 MiB per worker, so 16 cores meant 1.6 GB before this was
bounded. A pool gets no more workers than half the memory the system (or this process's
cgroup: docker --memory, Kubernetes limits) says is free can hold; at least one.
"""

from __future__ import annotations

from pathlib import Path

MEMINFO = Path("/proc/meminfo")
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")
SHARE = 0.5  # of the free memory, what one command's workers may take together


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""


def meminfo_available(text: str) -> int | None:
    """MemAvailable from /proc/meminfo text, in bytes."""
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name == "MemAvailable" and rest.split() and rest.split()[0].isdigit():
            return int(rest.split()[0]) * 1024
    return None


def cgroup_room(root: Path = CGROUP_ROOT, proc: Path = PROC_CGROUP) -> int | None:
    """What this process's cgroup v2 (or any above it) may still allocate: memory.max less
    memory.current, the tightest on the way up; None without a limit."""
    rooms: list[int] = []
    for line in _read(proc).splitlines():
        hierarchy, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if hierarchy != "0" or controllers:
            continue
        folder = root / path.strip().strip("/")
        for f in [folder, *folder.parents]:
            if not f.is_relative_to(root):
                break
            limit, used = _read(f / "memory.max").strip(), _read(f / "memory.current").strip()
            if limit.isdigit() and used.isdigit():
                rooms.append(max(0, int(limit) - int(used)))
    return min(rooms) if rooms else None


def available() -> int | None:
    """Bytes this process could still allocate without swapping, if the system says."""
    known = [v for v in (meminfo_available(_read(MEMINFO)), cgroup_room()) if v is not None]
    return min(known) if known else None


def workers_for(wanted: int, per_worker: int, free: int | None) -> int:
    """At most `wanted` workers, as many as SHARE of `free` bytes holds at `per_worker`
    bytes each (all of them when the free memory is unknown), at least one."""
    if free is None or per_worker <= 0:
        return wanted
    return max(1, min(wanted, int(free * SHARE) // per_worker))
