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


# the bar being drawn, if any: (rich Progress, task id, whether nested bars advance it)
_ACTIVE: list = []


def adopt(progress, task) -> None:
    """Make a bar drawn elsewhere (``batch``'s, which counts articles itself) the one that
    :func:`status` labels and inside which :func:`bar` draws nothing; undo with
    :func:`release`."""
    _ACTIVE.append((progress, task, False))


def release() -> None:
    """Undo :func:`adopt`."""
    if _ACTIVE:
        _ACTIVE.pop()


def console():
    """The rich console on standard error (one place, so tests can hand in their own)."""
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner with *message* for the length of a ``with`` block (or nothing). Inside a
    :func:`bar`, the bar's label says *message* instead (rich draws one live display at a
    time)."""
    if not enabled():
        yield
        return
    if _ACTIVE:
        progress, task, _counts = _ACTIVE[-1]
        before = next((t.description for t in progress.tasks if t.id == task), "")
        progress.update(task, description=message)
        progress.refresh()
        try:
            yield
        finally:
            progress.update(task, description=before)
        return
    with console().status(message):
        yield


@contextmanager
def bar(total: int, what: str = "articles") -> Iterator[Callable[[int], None]]:
    """A transient progress bar over *total* items; yields ``advance(n)``. Silent for fewer than
    two items or when feedback is off. Inside another bar it draws nothing and advances the
    outer one, so a command can show one bar over all its articles while a lower layer parses
    them a few at a time."""
    if _ACTIVE:
        progress, task, counts = _ACTIVE[-1]
        yield (lambda n=1: progress.advance(task, n)) if counts else (lambda n=1: None)
        return
    if total < 2 or not enabled():
        yield lambda n=1: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                  console=console(), transient=True) as progress:
        task = progress.add_task(f"parsing {what}", total=total)
        _ACTIVE.append((progress, task, True))
        try:
            yield lambda n=1: progress.advance(task, n)
        finally:
            _ACTIVE.pop()
