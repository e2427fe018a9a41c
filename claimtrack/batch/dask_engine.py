"""``claimtrack batch --engine dask``: the same batch run on a Dask (dask.distributed) cluster.

The driver (``claimtrack.batch.run_batch``) reads and checks the inputs, submits chunks of
articles to the cluster in a bounded window and writes every result itself, atomically, under
the article's id; workers only analyse. So the outputs are byte-identical to the local engine's,
the workers need no shared filesystem, and memory stays bounded however large the corpus.

* Each worker process loads one Stanza pipeline, once: :class:`ClaimtrackPlugin` is registered
  with the cluster (so workers that join or are restarted later get it too) and hands every
  worker the settings; the pipeline is built on the worker's first task and kept.
* A worker that dies mid-task: the scheduler re-runs its tasks on another worker. A chunk whose
  workers keep dying is split into single articles; a single article that keeps killing workers
  is recorded as failed (``KilledWorker``), like any other bad article.

With no ``--scheduler`` a ``LocalCluster`` of ``--workers`` processes (one thread each) is
started on this machine and closed at the end.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import threading
from typing import Iterator

from distributed import WorkerPlugin

from .work import Article, Outcome, Settings, analyze_articles, build_analyzer, died
from ..errors import ClaimtrackError, ModelError

PLUGIN_NAME = "claimtrack-analyzer"


class ClaimtrackPlugin(WorkerPlugin):
    """Gives each worker the run's settings; its pipeline is loaded once, on first use."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        # Loading happens in the first task, off the worker's event loop. A long-lived cluster
        # keeps a worker's pipeline across runs while the settings stay the same.
        worker.claimtrack_settings = self.settings
        worker.claimtrack_key = hashlib.sha256(pickle.dumps(self.settings)).hexdigest()


_state: dict[int, tuple[str, object]] = {}  # id(worker) -> (settings key, Analyzer)
_lock = threading.Lock()


def analyze_on_worker(articles: list[Article]) -> list[Outcome]:
    """The Dask task: analyse *articles* with this worker's one pipeline."""
    from distributed import get_worker

    worker = get_worker()
    with _lock:
        key, analyzer = _state.get(id(worker), (None, None))
        if analyzer is None or key != worker.claimtrack_key:
            analyzer = build_analyzer(worker.claimtrack_settings)
            _state[id(worker)] = (worker.claimtrack_key, analyzer)
    return analyze_articles(analyzer, articles)


class DaskEngine:
    """Runs chunks on a Dask cluster with at most ``3 × workers`` chunks submitted at a time."""

    name = "dask"

    def __init__(self, settings: Settings, workers: int = 2, scheduler: str | None = None,
                 client=None):
        self.settings = settings
        self.workers = workers
        self.scheduler = scheduler
        self.client = client
        self._own_client = client is None
        self._cluster = None
        self.address = None

    def start(self) -> None:
        from distributed import Client, LocalCluster

        if self.client is None:
            if self.scheduler:
                try:
                    self.client = Client(self.scheduler, timeout="30s")
                except (OSError, TimeoutError) as exc:
                    raise ClaimtrackError(f"cannot reach the Dask scheduler at {self.scheduler} "
                                          f"({exc.__class__.__name__})") from None
                except (ValueError, TypeError) as exc:  # a malformed address: a usage error
                    raise ClaimtrackError(f"--scheduler {self.scheduler}: not a Dask scheduler "
                                          f"address ({exc}); e.g. tcp://10.0.0.5:8786") from None
            else:
                from pathlib import Path

                if self.settings.model_dir:  # the local workers start elsewhere: make it absolute
                    self.settings.model_dir = str(Path(self.settings.model_dir).resolve())
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self.client = Client(self._cluster)
        self.address = self.client.scheduler.address
        self.client.register_plugin(ClaimtrackPlugin(self.settings), name=PLUGIN_NAME)
        n = len(self.client.scheduler_info(n_workers=-1).get("workers", {})) \
            if self._cluster is None else self.workers
        self.workers = max(1, n)

    def run(self, chunks: Iterator[list[Article]]) -> Iterator[list[Outcome]]:
        from distributed import as_completed
        from distributed.client import FutureCancelledError

        try:
            from distributed.scheduler import KilledWorker
        except ImportError:  # pragma: no cover - older distributed
            from distributed import KilledWorker

        window = max(2, 3 * self.workers)
        source = iter(chunks)
        retry: list[list[Article]] = []
        ac = as_completed()
        pending: dict = {}

        def fill():
            while len(pending) < window:
                chunk = retry.pop() if retry else next(source, None)
                if chunk is None:
                    return
                fut = self.client.submit(analyze_on_worker, chunk, pure=False)
                pending[fut.key] = (fut, chunk)
                ac.add(fut)

        fill()
        while pending:
            fut = next(ac)
            _, chunk = pending.pop(fut.key)
            try:
                outcomes = fut.result()
            except KilledWorker:
                if len(chunk) > 1:
                    retry.extend([a] for a in chunk)
                else:
                    outcomes = died(chunk, "Dask workers died repeatedly while analysing it "
                                            "(KilledWorker)")
                    yield outcomes
                fill()
                continue
            except ModelError:
                raise
            except ClaimtrackError:
                raise
            except (FutureCancelledError, OSError) as exc:
                raise ClaimtrackError(f"the Dask cluster went away ({exc.__class__.__name__})") from None
            except Exception as exc:  # the task itself should never raise: record, do not stop
                yield died(chunk, f"failed on the Dask cluster ({exc.__class__.__name__}: {exc})")
                fill()
                continue
            finally:
                fut.release()
            yield outcomes
            fill()

    def close(self) -> None:
        client, cluster = self.client, self._cluster
        self._cluster = None
        if client is not None and self._own_client:
            self.client = None
            try:
                client.close()
            except Exception:  # pragma: no cover - closing a dead cluster
                pass
        if cluster is not None:
            try:
                cluster.close()
            except Exception:  # pragma: no cover
                pass
