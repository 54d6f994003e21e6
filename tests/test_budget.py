"""The CPU budget stops work that runs over it, with a message naming the input and setting."""

from __future__ import annotations

import signal

import pytest

from newsprism.budget import BudgetExceeded, budgets_enforced, cpu_budget
from newsprism.errors import BadInputError

pytestmark = pytest.mark.skipif(not budgets_enforced(), reason="needs SIGPROF (Unix)")


def _spin() -> None:
    while True:  # pure Python: interrupted by the timer's signal
        sum(range(1000))


def test_work_past_its_budget_stops_with_the_input_and_the_setting_named() -> None:
    with (
        pytest.raises(BudgetExceeded) as caught,
        cpu_budget(0.2, "x.html", "reading it", "read_cpu_seconds"),
    ):
        _spin()
    assert isinstance(caught.value, BadInputError)  # so a reader's caller skips the input
    assert str(caught.value) == (
        "x.html: reading it took more than 0.2 s of CPU time, its budget per input (split "
        "the input into smaller articles, or raise read_cpu_seconds in newsprism.toml)"
    )


def test_code_that_swallows_the_interruption_still_ends_over_budget() -> None:
    def stubborn() -> int:
        caught = 0
        while caught < 3:
            try:
                _spin()
            except Exception:  # noqa: BLE001 - code that catches everything, as parsers do
                caught += 1
        return caught

    with pytest.raises(BudgetExceeded), cpu_budget(0.2, "x", "reading it", "read_cpu_seconds"):
        stubborn()


def test_work_within_budget_is_untouched_and_the_timer_is_put_back() -> None:
    before = signal.getsignal(signal.SIGPROF)
    with cpu_budget(30.0, "x", "reading it", "read_cpu_seconds"):
        total = sum(range(1000))
    assert total == 499500
    assert signal.getsignal(signal.SIGPROF) == before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_no_budget_means_no_timer() -> None:
    with cpu_budget(0, "x", "reading it", "read_cpu_seconds"):
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_an_inner_budget_gives_the_outer_one_back_its_time() -> None:
    with cpu_budget(30.0, "outer", "annotating it", "annotate_cpu_seconds"):
        with (
            pytest.raises(BudgetExceeded, match="inner"),
            cpu_budget(0.2, "inner", "reading it", "read_cpu_seconds"),
        ):
            _spin()
        remaining, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 0 < remaining <= 30.1  # the timer rounds to its tick
