"""Where a run's time goes: wall and CPU seconds per pipeline stage (`analyze --profile`).

    with stage("annotate"):
        ...
    for t in stage_times(): print(t.stage, t.wall_s, t.cpu_s)

One clock per process, like a logger: the stages that are timed sit several calls deep in
`pipeline.py`, and threading a clock through every signature would touch every stage for a
diagnostic. CPU time is this process's (`time.process_time`, all its threads); work done in
worker processes is added with `add` by whoever collects their results, so a stage's CPU
figure counts the cores it kept busy. Nested stages are allowed (the `embed` figure is time
inside the encoder, and it is also part of the stage that called it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class StageTime:
    """A stage's total over the run: wall seconds, CPU seconds (this process and the workers
    it reported for) and how many times it was entered."""

    stage: str
    wall_s: float
    cpu_s: float
    calls: int


class _Clock:
    """Running totals per stage name, in the order the stages were first entered."""

    def __init__(self) -> None:
        self.totals: dict[str, tuple[float, float, int]] = {}

    def add(self, name: str, wall_s: float, cpu_s: float, calls: int = 1) -> None:
        wall, cpu, n = self.totals.get(name, (0.0, 0.0, 0))
        self.totals[name] = (wall + wall_s, cpu + cpu_s, n + calls)


_CLOCK = _Clock()


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as part of stage `name` (totals add up over calls)."""
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        _CLOCK.add(name, time.perf_counter() - wall, time.process_time() - cpu)


def add_cpu(name: str, cpu_s: float) -> None:
    """Count CPU seconds spent for stage `name` in another process (a worker's report)."""
    _CLOCK.add(name, 0.0, cpu_s, calls=0)


def stage_times() -> tuple[StageTime, ...]:
    """The totals so far, in first-entered order, rounded to milliseconds."""
    return tuple(
        StageTime(stage=name, wall_s=round(wall, 3), cpu_s=round(cpu, 3), calls=n)
        for name, (wall, cpu, n) in _CLOCK.totals.items()
    )


def reset_stage_times() -> None:
    """Start counting afresh (each `analyze` run does)."""
    _CLOCK.totals.clear()
