"""How many CPU cores parsing may use: the ones this process may run on, less those other jobs
keep busy right now.

Stanza's torch calls are many and small; a torch thread on a core another job holds makes every
call wait for it (on the loaded two-core development machine two threads were many times slower
than one), while on idle cores two threads parse about 1.3× as fast as one. So the count is
measured, not assumed: :class:`CpuWindow` reads the kernel's CPU counters (``/proc/stat``) at two
moments and subtracts this process's own CPU time, which leaves what other processes used in
between. The window the parser opens when it starts loading its models is usually long enough
(seconds); a fresh one is sampled for :data:`MIN_WINDOW` seconds when it is not.
"""
from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

MIN_WINDOW = 0.1  # seconds; shorter windows read scheduler noise
# a core counts as free when at most this much of it is used by other processes
SPARE = 0.25


def usable_cores() -> int:
    """Cores this process may run on: its CPU affinity, bounded by a cgroup CPU quota."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    quota = _cgroup_quota()
    return max(1, min(n, quota)) if quota else n


def _cgroup_quota(path: Path = Path("/sys/fs/cgroup/cpu.max")) -> int | None:
    """A cgroup v2 quota of ``q p`` (q µs per p µs) allows ceil(q / p) cores at once."""
    try:
        q, p = path.read_text().split()[:2]
        return None if q == "max" else max(1, math.ceil(int(q) / int(p)))
    except (OSError, ValueError):
        return None


def _busy_ticks(cpus: set[int] | None) -> tuple[int, int] | None:
    """(busy, total) clock ticks summed over *cpus* (all when None) since boot, or None when the
    counters cannot be read."""
    try:
        lines = Path("/proc/stat").read_text().splitlines()
    except OSError:
        return None
    busy = total = 0
    for line in lines:
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or name == "cpu":
            continue
        if cpus is not None and int(name[3:]) not in cpus:
            continue
        t = [int(x) for x in rest.split()]
        idle = t[3] + (t[4] if len(t) > 4 else 0)  # idle + iowait
        total += sum(t[:8])  # guest time is already counted in user time
        busy += sum(t[:8]) - idle
    return (busy, total) if total else None


def _affinity() -> set[int] | None:
    try:
        return set(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return None


@dataclass
class CpuWindow:
    """CPU use by every process but this one, from the moment the window opens."""

    cpus: set[int] | None = field(default_factory=_affinity)
    wall: float = field(default_factory=lambda: time.monotonic())
    own: float = field(default_factory=lambda: time.process_time())
    ticks: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.ticks is None:
            self.ticks = _busy_ticks(self.cpus)

    def others(self) -> float | None:
        """Cores other processes kept busy on average since the window opened (None: unknown)."""
        now = _busy_ticks(self.cpus)
        if now is None or self.ticks is None:
            return None
        busy, total = now[0] - self.ticks[0], now[1] - self.ticks[1]
        wall = time.monotonic() - self.wall
        if total <= 0 or wall <= 0:
            return None
        n = len(self.cpus) if self.cpus else (os.cpu_count() or 1)
        everyone = n * busy / total
        mine = (time.process_time() - self.own) / wall
        return max(0.0, everyone - mine)


def free_cores(window: CpuWindow | None = None) -> int:
    """Usable cores not kept busy by other processes (at least 1), measured over *window* when
    it is at least :data:`MIN_WINDOW` long, else over a fresh window of that length."""
    usable = usable_cores()
    if usable == 1:
        return 1
    if window is None or time.monotonic() - window.wall < MIN_WINDOW:
        window = CpuWindow()
        time.sleep(MIN_WINDOW)
    others = window.others()
    if others is None:  # no /proc/stat (not Linux): the load average, a slower reading
        try:
            others = os.getloadavg()[0]
        except OSError:
            return 1
    return max(1, min(usable, math.floor(usable - others + SPARE)))
