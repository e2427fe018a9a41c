"""Claim-store benchmarks: how right the clusters are on the example stories, and how the
clustering step scales as the store grows.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini python benchmarks/bench_store.py
    python benchmarks/bench_store.py --skip-stories --articles 10000     # scale only, no model

1. **Stories.** Every ``examples/stories/*.jsonl`` is tracked into a fresh store through the real
   pipeline (``claimtrack.store.track.track``) and scored against its ``.gold.json``: pairwise cluster
   precision/recall, link precision/recall, status and kind agreement.
2. **Scale.** Synthetic analysed articles (no parsing: the clustering step alone) are added to
   one store, ``--block`` at a time: seconds and articles/s per block as the store grows, the
   candidates compared per claim, and the process's peak memory. The synthetic corpus is a
   stream of events, each a proposition (predicate, two to four arguments drawn from a large
   vocabulary, maybe a number) that one to five articles report, with fresh events arriving all
   the time — so the store keeps growing and most claims must find their cluster among many.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def stories(model_dir: str | None) -> list[dict]:
    """Track each story into a fresh store and score it against its gold file."""
    from claimtrack.store.store import ClaimStore
    from claimtrack.store.storyscore import score_story
    from claimtrack.store.track import track
    from claimtrack.batch.work import Settings

    out = []
    for story in sorted((ROOT / "examples" / "stories").glob("*.jsonl")):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "s.db"
            track([str(story)], db, settings=Settings(model_dir=model_dir))
            with ClaimStore.open(db) as store:
                clusters = list(store.clusters())
        scores = score_story(story.with_suffix(".gold.json"), clusters)
        scores["story"] = story.name
        out.append(scores)
    return out


PREDICATES = [f"p{k}" for k in range(60)]
ENTITIES = [f"name:e{k}" for k in range(5000)]
NOUNS = [f"n{k}" for k in range(800)]


def synthetic(n_articles: int, seed: int = 7):
    """Analysed-article dicts: each claim the appearance of an event; events arrive steadily."""
    rng = random.Random(seed)
    events: list[dict] = []
    for k in range(n_articles):
        claims, atts, sources = [], [], []
        for j in range(8):
            if events and rng.random() < 0.5:   # half the claims repeat a recent event
                sig = rng.choice(events[-3000:])
            else:
                args = sorted(set(rng.sample(ENTITIES, rng.randint(1, 2)) + rng.sample(NOUNS, 2)))
                sig = {"predicate": rng.choice(PREDICATES), "polarity": "pos", "arguments": args,
                       "numbers": [[str(rng.randint(1, 50)), args[-1]]] if rng.random() < 0.3 else [],
                       "places": [], "times": [], "also": []}
                events.append(sig)
            sid = f"s{j + 1}"
            sources.append({"id": sid, "name": f"Source {rng.randint(0, 3000)}",
                            "key": f"name:source {rng.randint(0, 3000)}", "part_of": [],
                            "type": "organisation"})
            atts.append({"id": f"a{j + 1}", "source": {"text": "x", "spans": []}, "source_id": sid,
                         "cue": {"text": "said", "class": "assert", "negated": False, "lemma": "say"},
                         "content": {"text": "x", "spans": []}, "parent": None, "claim_id": f"c{j + 1}"})
            claims.append({"id": f"c{j + 1}", "text": f"claim {k}-{j}", "statement": f"claim {k}-{j}",
                           "kind": "assertion", "stance": "assert", "signature": sig,
                           "attributions": [f"a{j + 1}"]})
        day = 1 + k // 400
        yield {"id": f"syn-{k:05d}", "text_sha256": f"{k:064d}",
               "meta": {"date": f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}", "outlet": f"o{k % 40}"},
               "attributions": atts, "sources": sources, "claims": claims, "links": []}


def scale(n_articles: int, block: int) -> list[dict]:
    from claimtrack.store.store import ClaimStore

    rows = []
    with tempfile.TemporaryDirectory() as tmp, ClaimStore.open(Path(tmp) / "scale.db") as store:
        t0, c0, compared = time.perf_counter(), time.process_time(), 0
        for k, d in enumerate(synthetic(n_articles), 1):
            store.add_analysis(d)
            if k % block == 0:
                t1, c1 = time.perf_counter(), time.process_time()
                n_clusters = store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
                # CPU seconds as well as wall: on a shared machine the wall time says more about
                # the neighbours than about the store
                rows.append({"articles": k, "seconds": round(t1 - t0, 2), "cpu_seconds": round(c1 - c0, 2),
                             "articles_per_s": round(block / (t1 - t0), 1), "clusters": n_clusters,
                             "candidates_per_claim": round((store.compared - compared) / (block * 8), 2),
                             "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
                print(json.dumps(rows[-1]), flush=True)
                t0, c0, compared = time.perf_counter(), time.process_time(), store.compared
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--block", type=int, default=1_000)
    ap.add_argument("--skip-stories", action="store_true")
    ap.add_argument("--model-dir", default=None)
    args = ap.parse_args()
    if not args.skip_stories:
        print("story | clusters P / R | links P / R | status | kind")
        for s in stories(args.model_dir):
            print(f"{s['story']} | {s['cluster_precision']:.2f} / {s['cluster_recall']:.2f} | "
                  f"{s['link_precision']:.2f} / {s['link_recall']:.2f} | {s['status_accuracy']:.2f} | "
                  f"{s['kind_accuracy']:.2f}")
            for e in s["errors"]:
                print("   ", e)
    print(f"scale: {args.articles} synthetic articles, {args.block} per block")
    scale(args.articles, args.block)


if __name__ == "__main__":
    main()
