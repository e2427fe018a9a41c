"""Writing results: refuse an unwritable output early, then write it whole or not at all.

Every command checks its outputs with :func:`check_output` / :func:`check_outdir` before the
model loads, so a typo in ``-o`` costs no parsing. Files are then written through
:func:`open_output`: a regular file goes to a temporary name beside it and is renamed when
complete, so a failure (full disk, Ctrl-C, a bug) leaves the old file or none, never half of
one; ``-`` is standard output; special files (``/dev/null``, a FIFO) are written in place.
Any OS error becomes one :class:`~claimtrack.errors.OutputError` line (exit code 4).

>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> with open_output(os.path.join(d, "a.txt")) as fh:
...     _ = fh.write("whole")
>>> open(os.path.join(d, "a.txt")).read()
'whole'
>>> check_output(os.path.join(d, "missing", "b.json"))
Traceback (most recent call last):
...
claimtrack.errors.OutputError: ...missing/b.json: the directory ...missing does not exist
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..errors import OutputError

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _why(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def check_output(path: str | os.PathLike, what: str = "") -> None:
    """Refuse an output file that cannot be written: '-' needs an open standard output, a path
    needs an existing writable directory and must not itself be a directory."""
    name = str(path)
    label = f"{what} {name}".strip() if what else name
    if name == "-":
        if sys.stdout is None or sys.stdout.closed:
            raise OutputError("standard output is closed")
        return
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"{label}: is a directory")
    if p.exists():
        if not os.access(p, os.W_OK):
            raise OutputError(f"{label}: permission denied")
        if not stat.S_ISREG(p.stat().st_mode):
            return  # /dev/null, a FIFO: written in place
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        raise OutputError(f"{label}: the directory {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{label}: {parent} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{label}: cannot create files in {parent} (permission denied)")


def check_outdir(path: str | os.PathLike, what: str = "output directory") -> None:
    """Refuse an output directory that neither exists writable nor can be created."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise OutputError(f"{what} {p}: is not a directory")
    probe = p
    while not probe.exists():  # the nearest existing ancestor decides whether mkdir can work
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        raise OutputError(f"{what} {p}: {probe} is not a directory")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(f"{what} {p}: cannot write in {probe} (permission denied)")


def make_outdir(path: str | os.PathLike, what: str = "output directory") -> Path:
    """Create *path* (and its parents) after :func:`check_outdir`; OS errors become OutputError."""
    check_outdir(path, what)
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{what} {path}: cannot create it ({_why(exc)})") from None
    return Path(path)


def _in_place(path: Path) -> bool:
    """Special files (devices, FIFOs) cannot be replaced by a rename: write them directly."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


@contextmanager
def open_output(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO]:
    """Open *path* for writing, whole-or-nothing (see the module docstring); '-' is stdout."""
    name = str(path)
    binary = "b" in mode
    if name == "-":
        check_output("-")
        try:
            yield sys.stdout.buffer if binary else sys.stdout
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        except BrokenPipeError:
            raise  # the reader went away (``| head``): the command line ends quietly
        except OSError as exc:
            raise OutputError(f"standard output: cannot write ({_why(exc)})") from None
        return
    p = Path(path)
    if _in_place(p):
        try:
            with open(p, mode, encoding=None if binary else encoding, newline=newline) as fh:
                yield fh
        except OSError as exc:
            raise OutputError(f"{name}: cannot write ({_why(exc)})") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=p.parent if str(p.parent) else ".", prefix=f".{p.name}.",
                                   suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({_why(exc)})") from None
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=newline) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{name}: cannot write ({_why(exc)})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write *data* to *path* so that a reader (or a kill) only ever sees the old or the new file."""
    with open_output(path, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def exclusive_lock(lockfile: str | os.PathLike, what: str) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on *lockfile* (created if needed) for the ``with``
    block; a second run that wants *what* at the same time gets one OutputError line instead of
    redoing (and racing) the work. The kernel drops the lock when a run dies, even by SIGKILL."""
    import fcntl

    try:
        fd = os.open(lockfile, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{what}: cannot create the lock {lockfile} ({_why(exc)})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{what} is in use by another claimtrack run (lock {lockfile}); "
                              f"wait for it to finish") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock
