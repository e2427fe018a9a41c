"""Free cores: what other processes use is read from the kernel's counters, ours subtracted."""
from __future__ import annotations

import pytest

from claimtrack.parse import cores


class Machine:
    """A fake two-core machine: CPU tick counters, a wall clock and this process's CPU time."""

    def __init__(self, n: int = 2):
        self.n, self.wall, self.own, self.busy, self.total = n, 100.0, 5.0, 0, 0

    def run(self, seconds: float, others: float, mine: float) -> None:
        """*seconds* pass with *others* cores busy elsewhere and *mine* cores busy here (100 Hz)."""
        self.wall += seconds
        self.own += mine * seconds
        self.busy += round(100 * seconds * (others + mine))
        self.total += round(100 * seconds * self.n)

    # the parts of `time` and /proc/stat that cores reads
    def monotonic(self) -> float:
        return self.wall

    def process_time(self) -> float:
        return self.own

    def sleep(self, s: float) -> None:
        self.run(s, self.idle_others, 0.0)

    idle_others = 0.0


@pytest.fixture
def machine(monkeypatch):
    m = Machine()
    monkeypatch.setattr(cores, "time", m)
    monkeypatch.setattr(cores, "_busy_ticks", lambda cpus: (m.busy, m.total))
    monkeypatch.setattr(cores, "usable_cores", lambda: m.n)
    return m


def test_an_idle_machine_gives_every_core(machine):
    w = cores.CpuWindow(cpus={0, 1})
    machine.run(3.0, others=0.0, mine=1.0)  # loading the models, on one core of our own
    assert cores.free_cores(w) == 2


def test_a_core_held_by_another_job_is_not_free(machine):
    w = cores.CpuWindow(cpus={0, 1})
    machine.run(3.0, others=1.0, mine=1.0)
    assert cores.free_cores(w) == 1


def test_a_little_load_elsewhere_leaves_the_core_free_a_lot_does_not(machine):
    w = cores.CpuWindow(cpus={0, 1})
    machine.run(4.0, others=0.1, mine=0.0)
    assert cores.free_cores(w) == 2
    w = cores.CpuWindow(cpus={0, 1})
    machine.run(4.0, others=0.5, mine=0.0)
    assert cores.free_cores(w) == 1


def test_our_own_parse_on_both_cores_is_not_taken_for_load(machine):
    w = cores.CpuWindow(cpus={0, 1})
    machine.run(10.0, others=0.0, mine=2.0)
    assert w.others() == pytest.approx(0.0)
    assert cores.free_cores(w) == 2


def test_a_too_short_window_is_measured_afresh(machine):
    machine.idle_others = 1.0  # the fresh sample sees another job on one core
    w = cores.CpuWindow(cpus={0, 1})  # no time has passed since it opened
    assert cores.free_cores(w) == 1


def test_one_core_needs_no_measuring(monkeypatch):
    monkeypatch.setattr(cores, "usable_cores", lambda: 1)
    monkeypatch.setattr(cores, "_busy_ticks", lambda cpus: pytest.fail("read /proc/stat"))
    assert cores.free_cores() == 1


def test_a_cgroup_quota_bounds_the_cores(tmp_path):
    f = tmp_path / "cpu.max"
    f.write_text("150000 100000\n")
    assert cores._cgroup_quota(f) == 2
    f.write_text("max 100000\n")
    assert cores._cgroup_quota(f) is None
    assert cores._cgroup_quota(tmp_path / "missing") is None


def test_the_real_counters_are_read():
    ticks = cores._busy_ticks(None)
    assert ticks is not None and 0 <= ticks[0] <= ticks[1]
    assert 1 <= cores.free_cores() <= cores.usable_cores()


def test_parse_threads_takes_the_variable_else_the_free_cores(monkeypatch, machine):
    import torch

    from claimtrack.parse import parser

    monkeypatch.setenv("CLAIMTRACK_THREADS", "3")
    assert parser.parse_threads() == 3
    monkeypatch.setenv("CLAIMTRACK_THREADS", "many")  # not a number: chosen as if unset
    monkeypatch.setattr(parser, "_TORCH_THREADS", 8)
    machine.idle_others = 1.0
    assert parser.parse_threads() == 1
    machine.idle_others = 0.0
    assert parser.parse_threads() == 2
    monkeypatch.setattr(parser, "_TORCH_THREADS", 1)  # never more than torch itself would use
    assert parser.parse_threads() == 1
    before = torch.get_num_threads()
    with parser.torch_threads(before + 1):
        assert torch.get_num_threads() == before + 1
    assert torch.get_num_threads() == before
