"""A CPU-time budget for work on one input: reading it, or annotating one article.

    with cpu_budget(20.0, "x.html", "reading", "read_cpu_seconds"):
        drafts = read_document(...)

Input: seconds of CPU time (user + system, this process), the input's name, what is being
done, and the setting that raises the limit. Output: nothing, or `BudgetExceeded` (a
`BadInputError`, so the input is skipped with a message that names it and the setting) when the
work inside used more CPU than allowed.

How: an interval timer on the process's CPU clock (`ITIMER_PROF`) sends SIGPROF when the
budget is spent; the handler raises inside the running Python code. Python code that catches
every exception would swallow that, so after the first expiry the timer fires again every
0.2 s until the block ends, and any exception leaving the block after expiry becomes
`BudgetExceeded`. CPU time, not wall time: waiting for the network (fetching a feed's pages
inside a read) does not count, and a slow shared machine does not make the budget expire.

Known limits: the timer works only in the main thread of a Unix process; elsewhere (a worker
thread, Windows) the block runs without a budget. A single C call that never returns to Python
(one regular expression, one lxml parse) is interrupted only when it returns; the input limits
in `ingest/limits.py` keep such calls short before parsing starts. Budgets do not nest: an
inner block runs with the outer block's timer suspended, and the outer block's time resumes
afterwards from where it was.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsprism.errors import BadInputError

_REPEAT_SECONDS = 0.2  # after expiry, how often the timer fires again until the block ends


class BudgetExceeded(BadInputError):
    """Work on one input used more CPU time than its budget."""

    def __init__(self, input_name: str, doing: str, seconds: float, setting: str) -> None:
        super().__init__(
            input_name,
            f"{doing} took more than {seconds:g} s of CPU time, its budget per input",
            f"split the input into smaller articles, or raise {setting} in newsprism.toml",
        )
        self.doing = doing
        self.seconds = seconds
        self.setting = setting


class _Expired(Exception):
    """Raised by the signal handler; turned into `BudgetExceeded` when it leaves the block."""


def budgets_enforced() -> bool:
    """Whether `cpu_budget` can stop work here (main thread of a process with SIGPROF)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def cpu_budget(seconds: float | None, input_name: str, doing: str, setting: str) -> Iterator[None]:
    """Run the block with at most `seconds` of CPU time; `None` or 0 means no budget."""
    if not seconds or seconds <= 0 or not budgets_enforced():
        yield
        return
    state = {"armed": True, "expired": False}

    def on_expiry(signum: int, frame: FrameType | None) -> None:
        if state["armed"]:
            state["expired"] = True
            raise _Expired

    previous_handler = signal.signal(signal.SIGPROF, on_expiry)
    outer = signal.setitimer(signal.ITIMER_PROF, seconds, _REPEAT_SECONDS)
    try:
        yield
    except BaseException as exc:
        if state["expired"] and not isinstance(exc, KeyboardInterrupt):
            raise BudgetExceeded(input_name, doing, seconds, setting) from None
        raise
    finally:
        state["armed"] = False
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, previous_handler)
        if outer[0] > 0:  # an outer budget was running: give it back what it had left
            signal.setitimer(signal.ITIMER_PROF, outer[0], outer[1])
    if state["expired"]:  # the code inside swallowed every interruption and finished late
        raise BudgetExceeded(input_name, doing, seconds, setting)
