"""Runs of the pipeline started from the browser: one at a time, in a background thread,
with their progress kept for the page that follows them.

Input: the inputs of one run (files saved from an upload, URLs), the settings and the
store's path. Output: a `Job` whose `events` grow as the run reads inputs and analyses
stories, and, when it ends, the stories it created or grew (or the error that stopped it).
The run calls `pipeline.analyze`, the same function as `newsprism analyze`, with its own
store connection; the folder of uploaded files is removed when it ends.

Limits: jobs live in memory; a restarted server forgets them (what they stored stays).
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.errors import NewsprismError
from newsprism.pipeline import analyze
from newsprism.settings import Settings
from newsprism.store import Store

KEPT_JOBS = 20  # finished jobs remembered for their result pages


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryChange:
    """A story a run touched: `before` is its size before the run (0 for a new story)."""

    id: str
    title: str
    before: int
    after: int


@dataclass(frozen=True, slots=True, kw_only=True)
class JobResult:
    """What a finished run did: the stories it created or grew, its counts and what it
    skipped (input and reason)."""

    changes: tuple[StoryChange, ...]
    read: int
    new: int
    skipped: tuple[tuple[str, str], ...]


@dataclass(slots=True, kw_only=True)
class Job:
    """One run. `events` are progress lines in order; `result` or `error` is set when it
    ends. Readers wait on `changed` for new events."""

    id: str
    inputs: tuple[str, ...]
    events: list[str] = field(default_factory=list)
    result: JobResult | None = None
    error: str | None = None
    finished: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def report(self, line: str) -> None:
        with self.changed:
            self.events.append(line)
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[list[str], bool]:
        """The events after the first `seen`, waiting up to `timeout` seconds for one, and
        whether the run has ended."""
        with self.changed:
            if len(self.events) <= seen and not self.finished:
                self.changed.wait(timeout)
            return self.events[seen:], self.finished


class Jobs:
    """The runs of one server; at most one at a time (they write to one store)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def running(self) -> Job | None:
        return next((j for j in self._jobs.values() if not j.finished), None)

    def start(self, inputs: Sequence[str], folder: Path | None) -> Job:
        """Start a run over `inputs` (`folder`, when given, holds uploaded files and is
        removed afterwards); a `NewsprismError` when a run is still going."""
        with self._lock:
            busy = self.running()
            if busy is not None:
                raise NewsprismError(
                    f"a run is still in progress (job {busy.id}); wait for it to end"
                )
            job = Job(id=uuid.uuid4().hex[:12], inputs=tuple(inputs))
            self._jobs[job.id] = job
            for old in [j for j in self._jobs.values() if j.finished][:-KEPT_JOBS]:
                del self._jobs[old.id]
        thread = threading.Thread(
            target=self._run, args=(job, folder), name=f"newsprism-job-{job.id}", daemon=True
        )
        thread.start()
        return job

    def _run(self, job: Job, folder: Path | None) -> None:
        try:
            job.report(f"reading {len(job.inputs)} inputs")
            with Store(self.settings.db) as store:
                before = {row.id: row.size for row in store.stories(include_merged=True)}
                analysis = analyze(
                    job.inputs,
                    self.settings,
                    store,
                    progress=lambda line: job.report(_shown(line, folder)),
                )
                rows = {r.id: r for r in store.get_stories([s.id for s in analysis.stories])}
            changes = tuple(
                StoryChange(
                    id=s.id,
                    title=s.title or "Untitled story",
                    before=before.get(s.id, 0),
                    after=rows[s.id].size if s.id in rows else 0,
                )
                for s in analysis.stories
                if s.id not in before or (s.id in rows and rows[s.id].size > before[s.id])
            )
            summary = analysis.summary
            job.result = JobResult(
                changes=changes,
                read=summary.read,
                new=summary.new,
                skipped=tuple((_shown(s.input, folder), s.reason) for s in summary.skipped),
            )
            job.report(f"done: {len(changes)} stories created or grown")
        except NewsprismError as exc:
            job.error = str(exc)
        except Exception as exc:  # a bug must end the job visibly, not leave it running
            job.error = f"the run failed ({type(exc).__name__}: {exc}); please report this"
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            with job.changed:
                job.finished = True
                job.changed.notify_all()


def _shown(text: str, folder: Path | None) -> str:
    """A line about an input as the reader gave it: an uploaded file by its own name, not
    the temporary folder it was saved in."""
    return text.replace(f"{folder}{os.sep}", "") if folder is not None else text
