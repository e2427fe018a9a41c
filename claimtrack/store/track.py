"""``claimtrack track``: analyse articles with batch's machinery and add them to a claim store.

The flow::

    INPUT… ──run_batch──▶ WORKDIR/articles/<id>.json ──ClaimStore.add_analysis──▶ claims.db
           (inputs, workers, --engine dask, parse cache, resume)   (one transaction per article)

Both halves resume: batch skips articles it has analysed, the store skips articles it holds
with the same text, so a killed run is re-run with the same command and loses nothing.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .store import ClaimStore


@dataclass
class TrackSummary:
    """What a ``track`` run did to the store."""

    db: str
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    batch: object = None
    clusters: int = 0
    extra: dict = field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.added} article(s) added, {self.unchanged} unchanged, {self.replaced} replaced, "
                f"{self.failed} failed → {self.db} ({self.clusters} claim clusters)")


def default_workdir(db: str | os.PathLike) -> Path:
    """Where batch keeps per-article results for a store: ``<db>.work/`` beside it."""
    return Path(str(db) + ".work")


def ingest(store: ClaimStore, workdir: str | os.PathLike, meta: dict | None = None,
           summary: TrackSummary | None = None) -> TrackSummary:
    """Add every analysed article of a batch output directory, in input order (``index.jsonl``)."""
    summary = summary or TrackSummary(str(workdir))
    work = Path(workdir)
    with open(work / "index.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("status") != "ok" or not rec.get("file"):
                summary.failed += 1
                continue
            d = json.loads((work / rec["file"]).read_text(encoding="utf-8"))
            outcome = store.add_analysis(d, meta)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    summary.clusters = store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
    return summary


def track(inputs: list[str], db: str | os.PathLike, *, workdir: str | os.PathLike | None = None,
          meta: dict | None = None, rebuild: bool = False, **batch_options) -> TrackSummary:
    """Analyse *inputs* (as ``claimtrack batch`` does, same options) and add them to the store
    at *db*. *meta* (``date``, ``outlet``…) overrides what the inputs say, for a single file.
    *rebuild* first re-clusters the store's articles with this claimtrack's rules (a store of
    other rules is refused otherwise); with no inputs it only rebuilds."""
    from ..batch.run import check_inputs, run_batch
    from ..io.outputs import check_output, exclusive_lock

    if inputs:
        check_inputs(inputs)
    check_output(db, "claim store")
    work = Path(workdir) if workdir else default_workdir(db)
    # a second track into the same store would ingest the same articles twice over: refuse it
    with exclusive_lock(str(db) + ".lock", f"claim store {db}"):
        with ClaimStore.open(db) as store:
            rebuilt = store.rebuild() if rebuild else 0
            store.check_rules()
        if not inputs:
            return TrackSummary(str(db), extra={"rebuilt": rebuilt})
        result = run_batch(list(inputs), work, **batch_options)
        summary = TrackSummary(str(db), batch=result, extra={"rebuilt": rebuilt})
        with ClaimStore.open(db) as store:
            ingest(store, work, meta, summary)
            keep_documents(store, inputs, work, batch_options.get("max_chars"), batch_options.get("lang"))
    return summary


def keep_documents(store: ClaimStore, inputs: list[str], work: Path, max_chars: int | None = None,
                   lang: str | None = None) -> int:
    """Keep each tracked article's text and analysis in the store, so ``check --db`` and the
    desk can read it again (standard input, read once by batch, is not kept)."""
    from ..batch.check import analysed

    n = 0
    for id, text, d in analysed([i for i in inputs if i != "-"], work, max_chars, lang):
        if store.article(id):
            store.save_document(id, text, d)
            n += 1
    return n
