"""Feedback on long work, on standard error and only when it is a terminal.

A status line while the models load, and a progress bar over articles while they are parsed;
when standard error is a file or a pipe (tests, scripts, ``2> log``) both are silent, so
nothing changes in captured output, and so are worker processes (``batch --workers N`` draws its
own bar). ``CLAIMTRACK_PROGRESS=0`` turns them off, ``=1`` on.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager, nullcontext
from typing import Callable, Iterator


def enabled() -> bool:
    """Whether to show feedback: ``CLAIMTRACK_PROGRESS`` if set, else stderr is a terminal."""
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        return False  # a batch worker: the driver owns the terminal and its progress bar
    env = os.environ.get("CLAIMTRACK_PROGRESS")
    if env is not None:
        return env not in ("", "0", "no", "false")
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def status(message: str):
    """A spinner with *message* for the length of a ``with`` block (or nothing)."""
    if not enabled():
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


@contextmanager
def bar(total: int, what: str = "articles") -> Iterator[Callable[[int], None]]:
    """A transient progress bar over *total* items; yields ``advance(n)``. Silent for fewer than
    two items or when feedback is off."""
    if total < 2 or not enabled():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    with Progress(TextColumn(f"parsing {what}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("parse", total=total)
        yield lambda n=1: progress.advance(task, n)
