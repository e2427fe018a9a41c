"""Batch benchmarks: throughput of the engines, driver memory and merge time at scale.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini python benchmarks/bench_batch.py [--articles 24]

1. Articles/s for the local engine with 1 and 2 workers and the Dask engine with 2 workers, on a
   corpus of short articles made from the shipped examples (each run is a fresh process pool or
   cluster, so the rate includes loading the pipeline in every worker; the "steady" column leaves
   the load out: articles / (run time − time to the first result)).
2. Peak memory (max RSS) of the driver process and time for 1,000 and 10,000 articles whose
   results already exist (a resumed run: the driver streams the JSONL input, checks every
   article, and rebuilds errors/index/sources and the merged claim graph from the per-article
   files). The per-article files are synthetic: the examples' real results copied under new ids.
3. The time to merge the 10,000 per-article claim graphs.
Each measurement runs in its own subprocess so peak memory is the driver's alone.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def make_jsonl(path: Path, n: int, short: bool = True) -> None:
    texts = corpus_texts()
    if short:  # short articles: the examples' paragraphs, each a few sentences
        texts = [p.strip() for t in texts for p in t.split("\n\n") if len(p.split()) > 12]
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            fh.write(json.dumps({"id": f"syn-{k:05d}", "text": texts[k % len(texts)]}) + "\n")


THROUGHPUT = r"""
import json, sys, time
from claimtrack.batch import Settings, run_batch
first = []
t0 = time.perf_counter()
def on_progress(p):
    if p.analysed and not first:
        first.append(time.perf_counter() - t0)
s = run_batch([sys.argv[1]], sys.argv[2], engine=sys.argv[3], workers=int(sys.argv[4]),
              settings=Settings(), on_progress=on_progress)
total = time.perf_counter() - t0
print(json.dumps({"analysed": s.analysed, "seconds": total, "first": first[0] if first else total}))
"""

RESUME = r"""
import json, sys, time
from claimtrack.batch import Settings, run_batch
def hwm():  # this process's peak RSS (VmHWM is per address space, so not inherited across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
t0 = time.perf_counter()
s = run_batch([sys.argv[1]], sys.argv[2], settings=Settings(), graph_format=sys.argv[3])
total = time.perf_counter() - t0
print(json.dumps({"articles": s.articles, "skipped": s.skipped, "seconds": total,
                  "max_rss_mb": hwm()}))
"""

EXAMPLES = r"""
import json, sys
from pathlib import Path
from claimtrack.api import Analyzer
an = Analyzer()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path("examples").glob("*.txt"))]
Path(sys.argv[1]).write_text(json.dumps([an.analyze(t, "x").to_dict() for t in texts]))
print("{}")
"""

MERGE = r"""
import json, sys, time
from pathlib import Path
from claimtrack.types import Analysis
from claimtrack.batch import GraphMerger
from claimtrack.graph import build_graph
paths = sorted(Path(sys.argv[1]).glob("*.json"))
docs = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
t0 = time.perf_counter()
m = GraphMerger()
for d in docs:
    m.add(build_graph(Analysis.from_dict(d)))
G = m.result()
print(json.dumps({"graphs": len(docs), "seconds": time.perf_counter() - t0,
                  "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}))
"""


def run_py(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode not in (0, 1):
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def precomputed(tmp: Path, n: int) -> tuple[Path, Path]:
    """A JSONL of n articles and an OUTDIR that already holds all their results."""
    texts = corpus_texts()
    cache = tmp / "example-results.json"
    if not cache.exists():  # in a subprocess, so this one never holds a pipeline
        run_py(EXAMPLES, str(cache))
    results = json.loads(cache.read_text())
    inp, out = tmp / f"corpus-{n}.jsonl", tmp / f"out-{n}"
    (out / "articles").mkdir(parents=True, exist_ok=True)
    with open(inp, "w", encoding="utf-8") as fh:
        for k in range(n):
            id = f"syn-{k:05d}"
            fh.write(json.dumps({"id": id, "text": texts[k % len(texts)]}) + "\n")
            d = dict(results[k % len(texts)], id=id)
            (out / "articles" / f"{id}.json").write_text(
                json.dumps(d, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return inp, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=24, help="articles for the throughput runs")
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.skip_throughput:
            inp = tmp / "short.jsonl"
            make_jsonl(inp, args.articles)
            for engine, workers in (("local", 1), ("local", 2), ("dask", 2)):
                r = run_py(THROUGHPUT, str(inp), str(tmp / f"tp-{engine}-{workers}"), engine, str(workers))
                steady = r["analysed"] / max(1e-9, r["seconds"] - r["first"])
                rows.append(f"| {engine}, {workers} worker{'s' * (workers > 1)} | {r['analysed']} short "
                            f"articles | {r['analysed'] / r['seconds']:.2f} articles/s "
                            f"(steady {steady:.2f}) | {r['seconds']:.1f} s |")
                print(rows[-1], flush=True)
        for n in (int(x) for x in args.sizes.split(",")):
            inp, out = precomputed(tmp, n)
            for fmt in ("graphml", "json"):
                r = run_py(RESUME, str(inp), str(out), fmt)
                rows.append(f"| driver, resumed run, {fmt} graph | {n:,} articles | peak RSS "
                            f"{r['max_rss_mb']:.0f} MB | {r['seconds']:.1f} s (stream, check, "
                            f"merge, write) |")
                print(rows[-1], flush=True)
            if n == max(int(x) for x in args.sizes.split(",")):
                m = run_py(MERGE, str(out / "articles"))
                rows.append(f"| merge claim graphs | {m['graphs']:,} articles | {m['nodes']:,} nodes, "
                            f"{m['edges']:,} edges | {m['seconds']:.1f} s |")
                print(rows[-1], flush=True)
    print("\n| run | input | result | time |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
