"""``claimtrack batch --engine dask`` on a 2-worker LocalCluster: same bytes as the local engine,
and a worker killed mid-run loses nothing."""
from __future__ import annotations

import json
import logging
import os
import signal

import pytest

pytest.importorskip("distributed")

from claimtrack.batch.run import Settings, run_batch  # noqa: E402

from batchkit import GOOD_IDS, model_dir, reference_run, snapshot  # noqa: E402


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return reference_run(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_engine_gives_the_local_engine_output(reference, client, tmp_path):
    corpus, ref_out, ref_summary = reference
    out = tmp_path / "dask"
    summary = run_batch([str(corpus)], out, engine="dask", client=client,
                        settings=Settings(model_dir=model_dir()))
    assert (summary.ok, summary.failed) == (ref_summary.ok, ref_summary.failed)
    assert snapshot(out) == snapshot(ref_out)
    log = json.loads((out / "run-log.jsonl").read_text().splitlines()[-1])
    assert log["engine"] == "dask" and log["workers"] == 2


def test_worker_killed_mid_run_loses_nothing(reference, client, tmp_path):
    corpus, ref_out, _ = reference
    pids = client.run(os.getpid)
    killed = []

    def on_progress(p):
        if p.analysed >= 1 and not killed:
            busy = [addr for addr, keys in client.processing().items() if keys and addr in pids]
            addr = busy[0] if busy else next(iter(pids))
            os.kill(pids[addr], signal.SIGKILL)
            killed.append(pids[addr])

    out = tmp_path / "dask-killed"
    summary = run_batch([str(corpus)], out, engine="dask", client=client, chunk_size=1,
                        settings=Settings(model_dir=model_dir()), on_progress=on_progress)
    assert killed, "no worker was killed"
    assert summary.ok == len(GOOD_IDS)
    assert sorted(p.stem for p in (out / "articles").glob("*.json")) == sorted(GOOD_IDS)
    assert snapshot(out) == snapshot(ref_out)
    assert not list(out.rglob("*.tmp"))
