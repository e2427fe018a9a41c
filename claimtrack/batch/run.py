"""Many articles in, one result file per article out: ``claimtrack batch``.

The flow, one way as everywhere else::

    INPUT… ──iter_items──▶ Item ──prepare──▶ Article ──engine──▶ Outcome ──write──▶ OUTDIR/articles/<id>.json
    (files, dirs, JSONL, -)     (decode, HTML, checks)  (local processes       (atomic)    OUTDIR/errors/<id>.json
                                                         or Dask workers)
    then, from the files on disk, in input order: errors.jsonl, index.jsonl, graph, sources.csv

* **Deterministic.** A result holds nothing about the run (no time, path or worker); every
  article is parsed on its own (never batched with others, whose padding could change the
  numbers) on one torch thread, so any engine, any number of workers and any resume give
  byte-identical files. The merged outputs are rebuilt from the per-article files.
* **Atomic and resumable.** Every file is written to a temporary name and renamed, so a kill
  at any moment (SIGINT, SIGTERM, SIGKILL) leaves either the old file or the new one. A re-run
  skips each article whose result (or recorded failure) exists for the same text.
* **Bad articles are data.** Input problems (empty, binary, not English, too long…) and
  analysis failures become one line each in ``errors.jsonl`` with the reason; they never stop
  the run. The summary and the exit code count them.

>>> from claimtrack.batch.run import safe_name
>>> safe_name("moscow_times_kaluga"), safe_name("news/2024 05/a b")
('moscow_times_kaluga', 'news_2024_05_a_b-a43610b0')
"""
from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import re
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from ..io.csvout import write_csv
from ..io.outputs import exclusive_lock, make_outdir, write_atomic
from ..io.safetext import utf8_safe
from ..graph.build import GraphMerger
from ..errors import EXIT_OK, EXIT_SOME_FAILED, ClaimtrackError, InputError
from ..io.inputs import (DEFAULT_MAX_CHARS, GZIP_SUFFIX, HTML_SUFFIXES, TEXT_SUFFIXES, Article,
                         article_stem, article_suffix, check_language, is_special, path_name,
                         prepare_article, read_bytes)
from ..types import Analysis
from .work import Outcome, Settings, analyze_articles, build_analyzer, died, text_sha256

JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
ARTICLE_SUFFIXES += tuple(s + GZIP_SUFFIX for s in ARTICLE_SUFFIXES)  # page.html.gz, notes.txt.gz
ARTICLES_DIR = "articles"
ERRORS_DIR = "errors"
RUN_LOG = "run-log.jsonl"
LOCK_FILE = ".lock"
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_HASHED = re.compile(r"-[0-9a-f]{8}$")


# -- ids and files ---------------------------------------------------------------------------

def safe_name(id: str) -> str:
    """The file name (without ``.json``) for an article id: the id itself when it is safe,
    else a cleaned id plus a hash of the real one, so different ids never share a file. A safe
    id that looks like such a name (``x_y-73dec593``) is hashed too: it could be another id's.

    >>> safe_name("x y") != safe_name("x_y-73dec593") != "x_y-73dec593"
    True
    """
    if _SAFE.fullmatch(id) and not id.endswith(".") and not _HASHED.search(id):
        return id
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", id).strip("._-")[:80] or "article"
    return f"{clean}-{hashlib.sha1(id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


_SHA = re.compile(r'"text_sha256": "([0-9a-f]{64})"')
#: a failure that was not the article's: recorded as such, or (files of earlier versions, which
#: did not say) a worker that died under it, as a broken model made every worker do
_RETRY = re.compile(r'"cause": "environment"|"reason": "[^"\n]*(?:a worker process died \d+ times|'
                    r'failed in a worker process)')


def _stored_sha(path: Path) -> str | None:
    """The text hash recorded in a result or error file, or None if there is none, it is
    unreadable, or the failure it records was not the article's (a worker death: retry it)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return None
    m = _SHA.search(head)
    if m and _RETRY.search(head):  # failed for a reason outside the article: not finished
        return None
    return m.group(1) if m else None


# -- inputs ----------------------------------------------------------------------------------

@dataclass
class Item:
    """One article as found in the inputs, before decoding and checks."""

    id: str
    name: str  # where it came from: a path, or "corpus.jsonl:12"
    content: bytes | str | None = None
    html: bool | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None  # a problem found while reading (unreadable file, bad JSON line)


def is_batch_outdir(path: Path) -> bool:
    """Whether *path* is (or is becoming) the output directory of a batch run."""
    return (path / RUN_LOG).is_file() or ((path / ARTICLES_DIR).is_dir() and (path / ERRORS_DIR).is_dir())


def _iter_dir(root: Path) -> Iterator[Path]:
    """Article and JSONL files under *root*, sorted, hidden ones skipped (special files too:
    see :func:`_file_item`). A batch output directory inside *root* (``batch . -o out``) is
    skipped: its index.jsonl and run log are not articles."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not is_batch_outdir(Path(dirpath) / d))
        for f in sorted(filenames):
            if not f.startswith(".") and f.lower().endswith(ARTICLE_SUFFIXES + JSONL_SUFFIXES):
                yield Path(dirpath) / f


def _file_item(path: Path, id: str, max_chars: int) -> Item:
    name = path_name(path)
    try:
        data = read_bytes(path, max_chars)
    except InputError as exc:
        return Item(id, name, error=str(exc))
    html = True if article_suffix(path) in HTML_SUFFIXES else None
    return Item(id, name, data, html)


def _jsonl_items(fh: IO[bytes], label: str, stem: str, max_chars: int,
                 short: str | None = None) -> Iterator[Item]:
    """One item per non-blank line of a JSONL stream: ``{"id", "text"}`` or ``{"id", "html"}``.

    A record without an id gets ``<file stem>-<line>``; a line that is no record is reported
    under ``<file name>:<line>``.
    """
    for lineno, raw in enumerate(fh, 1):
        name = f"{label}:{lineno}"
        bad = f"{short or label}:{lineno}"
        if not raw.strip():
            continue
        if len(raw) > max_chars * 4 * 10:
            yield Item(bad, name, error=f"{name}: line of {len(raw):,} bytes is over the limit "
                                         f"(raise it with --max-chars)")
            continue
        try:
            rec = json.loads(raw)
        except RecursionError:
            yield Item(bad, name, error=f"{name}: JSON nested too deeply")
            continue
        except (UnicodeDecodeError, ValueError) as exc:
            yield Item(bad, name, error=f"{name}: not a JSON object ({exc.__class__.__name__})")
            continue
        if not isinstance(rec, dict):
            yield Item(bad, name, error=f"{name}: not a JSON object")
            continue
        # JSON may spell lone surrogates ("\ud800"), which no UTF-8 result file can hold
        rec = {k: utf8_safe(v) if isinstance(v, str) else v for k, v in rec.items()}
        rid = rec.get("id")
        id = str(rid) if rid not in (None, "") else f"{stem}-{lineno}"
        meta = {k: rec[k] for k in ("title", "date", "url", "outlet") if isinstance(rec.get(k), str) and rec[k]}
        if isinstance(rec.get("text"), str):
            yield Item(id, name, rec["text"], None, meta)  # HTML in "text" is extracted too
        elif isinstance(rec.get("html"), str):
            yield Item(id, name, rec["html"], True, meta)
        else:
            yield Item(id, name, error=f"{name}: the record has no \"text\" or \"html\" string")


def check_inputs(inputs: Iterable[str]) -> None:
    """Refuse a command line naming inputs that do not exist (before any work starts)."""
    for inp in inputs:
        if inp != "-" and not Path(inp).exists():
            raise InputError(f"{inp}: no such file or directory")


def iter_items(inputs: Iterable[str], max_chars: int = DEFAULT_MAX_CHARS,
               stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Every article of *inputs* in a fixed order: files as given, directories walked in sorted
    order, JSONL line by line ('-' is JSONL on standard input). Contents are read lazily."""
    for inp in inputs:
        if inp == "-":
            yield from _jsonl_items(stdin or sys.stdin.buffer, "<stdin>", "stdin", max_chars)
            continue
        path = Path(inp)
        if path.is_dir():
            files = list(_iter_dir(path))
            for f, id in zip(files, dir_ids(path, files)):
                if f.suffix.lower() in JSONL_SUFFIXES and not is_special(f):
                    yield from _jsonl_file(f, max_chars)
                else:  # a FIFO found in a directory is refused here, never opened
                    yield _file_item(f, id, max_chars)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_file(path, max_chars)
        elif article_suffix(path) in JSONL_SUFFIXES:  # a line of a gzip stream has no size bound
            name = path_name(path)
            yield Item(name, name, error=f"{name}: gzipped JSONL is not read; stream it in "
                                         f"instead: zcat {name} | claimtrack batch - -o OUTDIR")
        else:
            yield _file_item(path, path_name(article_stem(path)), max_chars)


def dir_ids(root: Path, files: list[Path]) -> list[str]:
    """The id of each file found under *root*: its path without the extension, or, when
    another file of the same directory has the same name but for the extension
    (``port_strike.txt`` and ``port_strike.html``), its path with the extension
    (``port_strike.txt``, ``port_strike.html``), so both are kept, with the same ids on every
    run whatever the order the files are listed in.

    >>> dir_ids(Path("ex"), [Path("ex/a.html"), Path("ex/a.txt"), Path("ex/b.txt.gz")])
    ['a.html', 'a.txt', 'b']
    """
    stems = [(f.parent / article_stem(f)).relative_to(root).as_posix() for f in files]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    return [path_name(stem if counts[stem] == 1 else f.relative_to(root).as_posix())
            for f, stem in zip(files, stems)]


def _jsonl_file(path: Path, max_chars: int) -> Iterator[Item]:
    name = path_name(path)
    if is_special(path):  # a FIFO could block for ever: only '-' reads a stream
        yield Item(name, name, error=f"{name}: not a regular file (a FIFO, device or socket); "
                                     f"to read a stream, give '-' and pipe it in")
        return
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Item(name, name, error=f"{name}: cannot read ({exc.strerror})")
        return
    with fh:
        yield from _jsonl_items(fh, name, path_name(path.stem), max_chars, path_name(path.name))


def count_items(inputs: Iterable[str], max_bytes: int = 2 << 30) -> int | None:
    """How many items *inputs* hold (for the progress bar), or None when that is unknowable
    cheaply (standard input, a pipe named as JSONL, or JSONL files larger than *max_bytes*)."""
    n, jsonl_bytes = 0, 0
    files: list[Path] = []
    for inp in inputs:
        p = Path(inp)
        if inp == "-" or (is_special(p) and p.suffix.lower() in JSONL_SUFFIXES):
            return None  # counting would drain the stream the run has to read
        files.extend(_iter_dir(p) if p.is_dir() else [p])
    for f in files:
        if f.suffix.lower() in JSONL_SUFFIXES and not is_special(f):
            try:
                jsonl_bytes += f.stat().st_size
                if jsonl_bytes > max_bytes:
                    return None
                with open(f, "rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            except OSError:
                n += 1
        else:
            n += 1
    return n


# -- settings and the worker side ------------------------------------------------------------

_worker_analyzer = None
_worker_error: ClaimtrackError | None = None  # why this worker has no analyzer (a broken model)


def _init_pool_worker(settings: Settings, driver: int | None = None) -> None:
    global _worker_analyzer, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver decides when to stop
    _exit_with_parent(driver)
    try:
        _worker_analyzer = build_analyzer(settings)
    except ClaimtrackError as exc:  # kept for the driver: a raising initializer only prints a
        _worker_error = exc          # traceback and breaks the pool, as if the articles killed it


def _exit_with_parent(driver: int | None = None) -> None:
    """End this worker when the driver (pid *driver*) dies, even by SIGKILL, instead of lingering
    as an orphan. The pid comes from the driver: one read here could already be init's, when the
    driver died while this worker was starting."""
    import threading

    parent = driver or os.getppid()
    if os.getppid() != parent:
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="claimtrack-parent-watch", daemon=True).start()


def _pool_task(articles: list[Article]) -> list[Outcome]:
    if _worker_error is not None:
        raise _worker_error
    return analyze_articles(_worker_analyzer, articles)


def _pool_ready() -> bool:
    """A task that only checks that the worker's model loaded (raises its ModelError if not)."""
    if _worker_error is not None:
        raise _worker_error
    return True


# -- engines ---------------------------------------------------------------------------------

Chunk = list  # list[Article]
#: how many times an article may take a worker down with it before it is recorded as failed
MAX_WORKER_DEATHS = 3


class InProcessEngine:
    """``--workers 1``: one Analyzer in this process."""

    name = "local"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workers = 1
        self.analyzer = None

    def start(self) -> None:
        self.analyzer = build_analyzer(self.settings)

    def run(self, chunks: Iterator[Chunk]) -> Iterator[list[Outcome]]:
        for chunk in chunks:
            yield analyze_articles(self.analyzer, chunk)

    def close(self) -> None:
        self.analyzer = None


class ProcessPoolEngine:
    """``--workers N``: N processes, each with one Analyzer, at most ``2 N`` chunks in flight.

    A worker that dies (a crash, the OOM killer) breaks the pool: it is rebuilt and the chunks
    that were in flight are retried one article at a time; an article that keeps killing
    workers is recorded as failed.
    """

    name = "local"

    def __init__(self, settings: Settings, workers: int):
        self.settings = settings
        self.workers = workers
        self.pool = None

    def _new_pool(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"),
                                   initializer=_init_pool_worker, initargs=(self.settings, os.getpid()))

    def start(self) -> None:
        """Start the pool and wait for one worker to load the model before any article is
        sent: a broken model is one ModelError (exit 3), not a death recorded per article."""
        self.pool = self._new_pool()
        self.pool.submit(_pool_ready).result()

    def run(self, chunks: Iterator[Chunk]) -> Iterator[list[Outcome]]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        window = 2 * self.workers
        retry: list[tuple[Chunk, int]] = []  # (single-article chunk, deaths so far)
        inflight: dict = {}
        source = iter(chunks)
        exhausted = False
        while True:
            while len(inflight) < window and (retry or not exhausted):
                if retry:
                    chunk, deaths = retry.pop(0)
                else:
                    chunk = next(source, None)
                    if chunk is None:
                        exhausted = True
                        break
                    deaths = 0
                inflight[self.pool.submit(_pool_task, chunk)] = (chunk, deaths)
            if not inflight:
                return
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                chunk, deaths = inflight.pop(fut)
                try:
                    outcomes = fut.result()
                except ClaimtrackError:  # a model that fails in a worker stops the run
                    raise
                except BrokenProcessPool:
                    broken = True
                    retry.extend(self._after_death(chunk, deaths))
                    continue
                except Exception as exc:  # the task never raises; a result that cannot travel might
                    outcomes = died(chunk, f"failed in a worker process ({exc.__class__.__name__})")
                yield outcomes
            if broken:
                for fut, (chunk, deaths) in inflight.items():
                    retry.extend(self._after_death(chunk, deaths))
                inflight.clear()
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new_pool()
                dead = [c for c, d in retry if d >= MAX_WORKER_DEATHS]
                retry = [(c, d) for c, d in retry if d < MAX_WORKER_DEATHS]
                for c in dead:
                    yield died(c, f"a worker process died {MAX_WORKER_DEATHS} times while analysing it")

    @staticmethod
    def _after_death(chunk: Chunk, deaths: int) -> list[tuple[Chunk, int]]:
        if len(chunk) > 1:  # we do not know which article it was: retry each on its own
            return [([a], 0) for a in chunk]
        return [(chunk, deaths + 1)]

    def close(self) -> None:
        if self.pool is not None:
            procs = list((getattr(self.pool, "_processes", None) or {}).values())  # None once shut down
            manager = getattr(self.pool, "_executor_manager_thread", None)   # None once shut down
            self.pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.terminate()
            for p in procs:
                p.join(5)
            # the pool's manager thread closes its wake-up pipe as it ends; the interpreter's exit
            # hook writes to that pipe, so it must be over first (a race that printed "Bad file
            # descriptor" after a broken model's one-line error: CPython gh-132969)
            if manager is not None:
                manager.join(10)
            self.pool = None


#: engines in modules of their own, imported only when chosen (they import .work, never batch)
ENGINES = {"dask": "claimtrack.batch.dask_engine:DaskEngine"}


def make_engine(engine: str, settings: Settings, workers: int = 1, scheduler: str | None = None,
                client=None):
    """The engine named *engine*: ``local`` (this process or a process pool) or one of ENGINES."""
    if engine == "local":
        return InProcessEngine(settings) if workers <= 1 else ProcessPoolEngine(settings, workers)
    if engine not in ENGINES:
        raise ClaimtrackError(f"unknown engine {engine!r} (use {', '.join(['local', *ENGINES])})")
    module, _, name = ENGINES[engine].partition(":")
    try:
        cls = getattr(importlib.import_module(module), name)
    except ImportError as exc:
        raise ClaimtrackError(f"the {engine} engine needs {exc.name or module}, which is not "
                              f"installed") from None
    return cls(settings, workers=workers, scheduler=scheduler, client=client)


# -- the run ---------------------------------------------------------------------------------

@dataclass
class Progress:
    """Counts the driver reports after every article (the CLI draws its bar from these)."""

    total: int | None = None
    done: int = 0       # articles settled this run: analysed, failed or skipped
    analysed: int = 0   # analysed this run (not skipped)
    ok: int = 0
    failed: int = 0
    skipped: int = 0    # finished by an earlier run


@dataclass
class Summary:
    """How a run went; ``exit_code`` is what ``claimtrack batch`` exits with."""

    outdir: str
    articles: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    analysed: int = 0
    seconds: float = 0.0
    outputs: dict = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failed else EXIT_OK

    def line(self) -> str:
        rate = self.analysed / self.seconds if self.seconds else 0.0
        return (f"{self.articles} articles: {self.ok} ok, {self.failed} failed "
                f"({self.skipped} already done, {self.analysed} analysed in {self.seconds:.1f} s, "
                f"{rate:.2f} articles/s) → {self.outdir}")


@dataclass
class _Entry:
    id: str
    name: str
    fid: str | None          # file stem under articles/ or errors/; None for input errors
    error: str | None = None  # an input error (recomputed every run, never stored per article)
    chars: int | None = None  # length of the analysed text


class _Stop(BaseException):
    """SIGTERM turned into an exception, so the driver unwinds like on Ctrl-C."""


def _on_sigterm(signum, frame):  # pragma: no cover - exercised by the kill tests
    raise _Stop()


def run_batch(inputs: list[str], outdir: str | os.PathLike, **options) -> Summary:
    """Analyse every article of *inputs* into *outdir* (options: see :func:`_run_batch`), holding
    the lock of *outdir*: a second run into the same directory stops with one line (exit 4)
    instead of redoing the work and racing this one's files."""
    check_inputs(inputs)
    out = make_outdir(Path(outdir))  # before the model check: an unwritable OUTDIR is exit 4
    with exclusive_lock(out / LOCK_FILE, f"output directory {out}"):
        return _run_batch(inputs, outdir, **options)


def _run_batch(inputs: list[str], outdir: str | os.PathLike, *, engine: str = "local",
              workers: int = 1, scheduler: str | None = None, client=None,
              settings: Settings | None = None, max_chars: int = DEFAULT_MAX_CHARS,
              lang: str | None = None, chunk_size: int = 4, chunk_chars: int = 40_000,
              graph_format: str = "graphml", stdin: IO[bytes] | None = None,
              on_progress: Callable[[Progress], None] | None = None,
              argv: list[str] | None = None) -> Summary:
    """Analyse every article of *inputs* into *outdir*; see the module docstring for the layout.

    Resumes a previous run into the same *outdir*. Raises InputError for inputs that do not
    exist, ModelError for a broken model; every per-article problem is recorded instead.
    """
    settings = settings or Settings()
    settings.lang = lang if lang else settings.lang
    out = Path(outdir)
    check_inputs(inputs)
    arts_dir, errs_dir = out / ARTICLES_DIR, out / ERRORS_DIR
    for d in (out, arts_dir, errs_dir):  # before the model check: an unwritable OUTDIR is exit 4
        make_outdir(d)
    for d in (out, arts_dir, errs_dir):
        for tmp in d.glob(".*.tmp"):  # left by a killed run
            tmp.unlink(missing_ok=True)
    if engine == "local" or (not scheduler and client is None):  # fail fast, before any worker
        from ..parse.models import inspect_model_dir, resolve_model_dir

        inspect_model_dir(resolve_model_dir(settings.model_dir), settings.lang or "en")

    progress = Progress(total=count_items(inputs) if on_progress else None)
    report = (lambda: on_progress(progress)) if on_progress else (lambda: None)
    report()  # the total shows while the workers load
    intake = _Intake(settings, max_chars, arts_dir, errs_dir, progress, report)
    started, t0 = time.time(), time.perf_counter()
    status = "completed"
    entries = intake.entries
    eng = make_engine(engine, settings, workers, scheduler, client)
    old_term = signal.getsignal(signal.SIGTERM)
    in_main = _is_main_thread()
    if in_main:
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        todo = _chunks(intake.articles(iter_items(inputs, max_chars, stdin)), chunk_size, chunk_chars)
        first = next(todo, None)  # nothing left to analyse: do not load a pipeline
        if first is not None:
            eng.start()
        for outcomes in eng.run(_chain(first, todo)) if first is not None else ():
            for o in outcomes:
                _store(o, arts_dir, errs_dir)
                progress.done += 1
                progress.analysed += 1
                progress.ok += o.ok
                progress.failed += not o.ok
                report()
        eng.close()
        summary = finish(out, entries, graph_format)
    except (KeyboardInterrupt, _Stop) as exc:
        status = "interrupted (SIGTERM)" if isinstance(exc, _Stop) else "interrupted (SIGINT)"
        raise KeyboardInterrupt() from None
    except BaseException as exc:
        status = f"failed ({exc.__class__.__name__})"
        raise
    finally:
        eng.close()
        if in_main:
            signal.signal(signal.SIGTERM, old_term)
        seconds = time.perf_counter() - t0
        _log_run(out, {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            "seconds": round(seconds, 3), "status": status, "engine": engine,
            "workers": getattr(eng, "workers", workers), "scheduler": getattr(eng, "address", None),
            "inputs": list(inputs), "argv": argv, "articles": progress.done, "ok": progress.ok,
            "failed": progress.failed, "skipped": progress.skipped, "analysed": progress.analysed,
            "articles_per_s": round(progress.analysed / seconds, 3) if seconds else None,
        })
    summary.skipped, summary.analysed = progress.skipped, progress.analysed
    summary.seconds = time.perf_counter() - t0
    return summary


@dataclass
class _Intake:
    """Items → the checked articles still to analyse. Every other item (a duplicate id, a bad
    input, an article finished by an earlier run) becomes an entry and is counted at once."""

    settings: Settings
    max_chars: int
    arts_dir: Path
    errs_dir: Path
    progress: Progress
    report: Callable[[], None]
    entries: list[_Entry] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    files: dict[str, str] = field(default_factory=dict)  # file stem → the id that owns it

    def articles(self, items: Iterable[Item]) -> Iterator[Article]:
        for item in items:
            art = self._take(item)
            if art is not None:
                yield art

    def _settle(self, ok: bool, skipped: bool = False) -> None:
        p = self.progress
        p.done += 1
        p.skipped += skipped
        p.ok += ok
        p.failed += not ok
        self.report()

    def _take(self, item: Item) -> Article | None:
        if item.id in self.seen:
            self.entries.append(_Entry(item.id, item.name, None, f"{item.name}: duplicate id {item.id!r}"))
            self._settle(False)
            return None
        self.seen.add(item.id)
        fid = safe_name(item.id)
        if self.files.setdefault(fid, item.id) != item.id:  # never overwrite another's file
            self.entries.append(_Entry(item.id, item.name, None, f"{item.name}: id {item.id!r} "
                                       f"maps to the same file as {self.files[fid]!r}"))
            self._settle(False)
            return None
        done = {True: self.arts_dir / f"{fid}.json", False: self.errs_dir / f"{fid}.json"}
        try:
            if item.error:
                raise InputError(item.error)
            art = prepare_article(item.content, item.name, item.id, self.max_chars,
                                  self.settings.lang, html=item.html, meta=item.meta, check_lang=False)
            sha = text_sha256(art.text)
            finished = next((ok for ok, path in done.items() if _stored_sha(path) == sha), None)
            if finished is None:  # a finished article passed this check before
                check_language(art.text, item.name, self.settings.lang)
        except InputError as exc:
            self.entries.append(_Entry(item.id, item.name, None, str(exc)))
            for stale in done.values():
                stale.unlink(missing_ok=True)
            self._settle(False)
            return None
        self.entries.append(_Entry(item.id, item.name, fid, chars=len(art.text)))
        if finished is not None:  # finished in an earlier run: counted, not redone
            self._settle(finished, skipped=True)
            return None
        return art


def _chunks(articles: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """*articles* in chunks of at most *size* articles or about *chars* characters."""
    chunk: list[Article] = []
    total = 0
    for art in articles:
        chunk.append(art)
        total += len(art.text)
        if len(chunk) >= size or total >= chars:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _chain(first, rest):
    yield first
    yield from rest


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _store(o: Outcome, arts_dir: Path, errs_dir: Path) -> None:
    fid = safe_name(o.id)
    if o.ok:
        write_atomic(arts_dir / f"{fid}.json", o.payload)
        (errs_dir / f"{fid}.json").unlink(missing_ok=True)
    else:
        rec = {"id": o.id, "input": o.name, "reason": o.payload, "text_sha256": o.sha}
        if o.cause != "article":  # a resume tries it again (see _Intake)
            rec["cause"] = o.cause
        write_atomic(errs_dir / f"{fid}.json", json.dumps(rec, ensure_ascii=False, indent=2) + "\n")
        (arts_dir / f"{fid}.json").unlink(missing_ok=True)


def _log_run(out: Path, record: dict) -> None:
    """Append one line to the run log (times and counts live here, never in the results)."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        fd = os.open(out / RUN_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)  # one write of one short line: appended whole
        finally:
            os.close(fd)
    except OSError:
        pass


# -- the merged outputs ----------------------------------------------------------------------

def iter_results(outdir: str | os.PathLike, entries: Iterable[_Entry]) -> Iterator[tuple[_Entry, dict]]:
    """The stored result of each successful entry, in input order."""
    arts = Path(outdir) / ARTICLES_DIR
    for e in entries:
        if e.fid and not e.error:
            path = arts / f"{e.fid}.json"
            if path.exists():
                with open(path, encoding="utf-8") as fh:
                    yield e, json.load(fh)


SOURCE_COLUMNS = ["key", "name", "type", "articles", "attributions", "aliases", "first_article"]


def sources_table(results: Iterable[dict]) -> str:
    """One CSV row per source across the run (sources are unified by their ``key``), most
    widespread first."""
    table = SourcesTable()
    for d in results:
        table.add(d)
    return table.to_csv()


class SourcesTable:
    """:func:`sources_table` one article at a time."""

    def __init__(self):
        self.rows: dict[str, dict] = {}

    def add(self, d: dict) -> None:
        rows = self.rows
        per_source: dict[str, int] = {}
        for a in d.get("attributions", []):
            if a.get("source_id"):
                per_source[a["source_id"]] = per_source.get(a["source_id"], 0) + 1
        for s in d.get("sources", []):
            key = s.get("key") or s.get("name", "").lower()
            row = rows.get(key)
            if row is None:
                row = rows[key] = {"key": key, "name": s.get("name", ""), "type": s.get("type", ""),
                                   "articles": 0, "attributions": 0, "aliases": [],
                                   "first_article": d["id"]}
            row["articles"] += 1
            row["attributions"] += per_source.get(s["id"], 0)
            for alias in [s.get("name", "")] + list(s.get("aliases", [])):
                if alias and alias != row["name"] and alias not in row["aliases"]:
                    row["aliases"].append(alias)

    def to_csv(self) -> str:
        buf = io.StringIO()
        rows = sorted(self.rows.values(), key=lambda r: (-r["articles"], -r["attributions"], r["key"]))
        write_csv(buf, SOURCE_COLUMNS, ({**r, "aliases": " | ".join(r["aliases"])} for r in rows))
        return buf.getvalue()


def merged_graph(results: Iterable[tuple[_Entry, dict]]):
    """The claim graph of the whole run, merged article by article in input order."""
    from ..graph.build import article_node, build_graph

    merger = GraphMerger()
    for e, d in results:
        g = build_graph(Analysis.from_dict(d))
        node = article_node(d["id"])
        if node in g and e.chars is not None:  # the text is not stored; its length is known
            g.nodes[node]["chars"] = e.chars
        merger.add(g)
    return merger.result()


def finish(outdir: str | os.PathLike, entries: list[_Entry], graph_format: str = "graphml") -> Summary:
    """Write the run's merged outputs from the per-article files, in input order:
    ``index.jsonl``, ``errors.jsonl``, ``sources.csv`` and ``graph.<format>``."""
    out = Path(outdir)
    summary = Summary(str(out), articles=len(entries))
    index, errors = [], []
    for e in entries:
        rec = None
        if e.error:
            rec = {"id": e.id, "input": e.name, "reason": e.error}
        elif (out / ERRORS_DIR / f"{e.fid}.json").exists():
            stored = json.loads((out / ERRORS_DIR / f"{e.fid}.json").read_text(encoding="utf-8"))
            rec = {"id": e.id, "input": e.name, "reason": stored["reason"]}
        elif not (out / ARTICLES_DIR / f"{e.fid}.json").exists():
            rec = {"id": e.id, "input": e.name, "reason": f"{e.name}: no result (run interrupted?)"}
        if rec:
            errors.append(json.dumps(rec, ensure_ascii=False) + "\n")
            index.append({"id": e.id, "input": e.name, "status": "error", "file": None})
            summary.failed += 1
        else:
            index.append({"id": e.id, "input": e.name, "status": "ok",
                          "file": f"{ARTICLES_DIR}/{e.fid}.json"})
            summary.ok += 1
    write_atomic(out / "errors.jsonl", "".join(errors))
    write_atomic(out / "index.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in index))
    summary.outputs = {"errors": "errors.jsonl", "index": "index.jsonl", "sources": "sources.csv"}
    try:
        from ..graph.build import article_node, build_graph
    except ImportError:  # pragma: no cover - the graph stage is part of the package
        build_graph = None
    table, merger = SourcesTable(), GraphMerger() if build_graph else None
    for e, d in iter_results(out, entries):  # one pass over the stored results
        table.add(d)
        if merger is not None:
            g = build_graph(Analysis.from_dict(d))
            node = article_node(d["id"])
            if node in g and e.chars is not None:  # the text is not stored; its length is known
                g.nodes[node]["chars"] = e.chars
            merger.add(g)
    write_atomic(out / "sources.csv", table.to_csv())
    if merger is None:
        return summary
    from ..graph.readwrite import write_graph

    gpath = out / f"graph.{graph_format}"
    write_graph(merger.result(), gpath, fmt=graph_format)  # atomic, like every result file
    summary.outputs["graph"] = gpath.name
    return summary


# -- the progress bar ------------------------------------------------------------------------

def batch_rate(p: Progress, first: tuple[float, int] | None, now: float) -> tuple[float, str]:
    """(articles analysed per second, ETA as h:mm:ss) for the bar.

    The rate is taken from the first analysed article on, not from the start: the start
    includes loading the models in every worker (seconds to a minute), which made the first
    ETA many minutes too long. Until a second article is in, the ETA is unknown.
    """
    if first is None or now <= first[0] or p.analysed <= first[1]:
        return 0.0, "-:--:--"
    rate = (p.analysed - first[1]) / (now - first[0])
    if p.total is None:
        return rate, "-:--:--"
    left = int(max(p.total - p.done, 0) / rate)
    return rate, f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}"



class progress_bar:
    """A rich progress bar on standard error, fed by :class:`Progress` reports::

        with progress_bar() as on_progress:
            run_batch(inputs, outdir, on_progress=on_progress)

    It shows articles done/total, articles/s (articles analysed this run, not those skipped)
    and the ETA from that rate.
    """

    def __enter__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn

        from ..io import feedback

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[rate]}"), TextColumn("ETA {task.fields[eta]}"),
                       TextColumn("{task.fields[counts]}"),
                       console=feedback.console(), transient=False)
        self.bar.__enter__()
        self.task = self.bar.add_task("analysing", total=None, rate="", eta="-:--:--", counts="")
        feedback.adopt(self.bar, self.task)  # --workers 1 parses here: no second live display
        self.first: tuple[float, int] | None = None  # when the first article was analysed
        self.last = 0.0
        return self.update

    def update(self, p: Progress) -> None:
        now = time.perf_counter()
        if self.first is None and p.analysed:
            self.first = (now, p.analysed)
        if now - self.last < 0.1 and p.done != p.total and p.done:
            return
        self.last = now
        rate, eta = batch_rate(p, self.first, now)
        counts = f"ok {p.ok} · failed {p.failed}" + (f" · skipped {p.skipped}" if p.skipped else "")
        self.bar.update(self.task, total=p.total, completed=p.done, rate=f"{rate:.2f} art/s",
                        eta=eta, counts=counts)

    def __exit__(self, *exc):
        from ..io import feedback

        feedback.release()
        self.bar.__exit__(*exc)
        return False
