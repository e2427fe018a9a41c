"""End to end against stock Stanza: whole processes, in turns, on the cores this machine has.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini python benchmarks/end_to_end.py
    python benchmarks/end_to_end.py --docs 16 --rounds 5        # the issue's setting (default)
    python benchmarks/end_to_end.py --threads 1                 # claimtrack forced to one thread
    python benchmarks/end_to_end.py --words-per-second --device cuda   # parse speed on a GPU

Each round runs, one after the other (the order alternating from round to round, so drift in the
machine's load hits both alike):

* **claimtrack**: ``claimtrack analyze DOC… --format json`` — imports, model load, parse with
  the threads it chooses from the free cores, extraction, sources, claims, graph, output;
* **stock**: a Python process that imports Stanza, loads the same models with Stanza's defaults
  (torch at its default thread count) and parses each article with ``nlp(text)``.

It prints each side's median wall and CPU seconds and the median of the per-round ratios
stock / claimtrack (the figure the speed target is about), plus the machine's cores and load.
claimtrack's outputs are compared round to round (the thread count it picks must not change
them). ``--words-per-second`` instead loads one pipeline in this process and reports parse
words/s on ``--device`` (auto: CUDA when torch sees a GPU) — the figure to take on a GPU.

The corpus (PolNeAR dev by default) is read at run time and written only to a temporary
directory.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "polnear" / "dev.jsonl"
BIN = Path(sys.executable).parent / "claimtrack"
STOCK = """
import sys, stanza
nlp = stanza.Pipeline("en", dir=sys.argv[1], processors=sys.argv[2], download_method=None,
                      logging_level="WARN")
for path in sys.argv[3:]:
    nlp(open(path, encoding="utf-8").read())
"""


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (the child's user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def corpus(path: Path, n: int) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line, _ in zip(f, range(n))]


def end_to_end(args, texts: list[str], model_dir: str) -> None:
    from claimtrack.parse.cores import free_cores, usable_cores
    from claimtrack.parse.models import inspect_model_dir

    procs = ",".join(p for p in inspect_model_dir(Path(model_dir), "en").processors)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k, t in enumerate(texts):
            files.append(str(Path(tmp) / f"a{k:03d}.txt"))
            Path(files[-1]).write_text(t, encoding="utf-8")
        env = {**os.environ, "CLAIMTRACK_MODEL_DIR": model_dir}
        if args.threads:
            env["CLAIMTRACK_THREADS"] = str(args.threads)
        out = str(Path(tmp) / "out.json")
        ours = [str(BIN), "analyze", *files, "--format", "json", "-o", out]
        stock = [sys.executable, "-c", STOCK, model_dir, procs, *files]
        print(f"cores usable {usable_cores()}, free now {free_cores()}; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; {len(texts)} articles, "
              f"{words:,} words; processors {procs}", flush=True)
        timed(ours, env), timed(stock, env)  # warm the file cache, not counted
        first = None
        rows = {"claimtrack": [], "stock": []}
        for r in range(args.rounds):
            order = (("claimtrack", ours), ("stock", stock))
            for name, cmd in order if r % 2 == 0 else order[::-1]:
                rows[name].append(timed(cmd, env))
            same = Path(out).read_bytes()
            first = first or same
            if same != first:
                raise SystemExit("claimtrack's output changed from one round to another")
            print(f"round {r + 1}: claimtrack {rows['claimtrack'][-1][0]:.1f} s, stock "
                  f"{rows['stock'][-1][0]:.1f} s", flush=True)
    ratios = [s[0] / c[0] for c, s in zip(rows["claimtrack"], rows["stock"])]
    for name, runs in rows.items():
        print(f"{name:>10}: wall median {statistics.median(w for w, _ in runs):.1f} s, CPU median "
              f"{statistics.median(c for _, c in runs):.1f} s, {words / statistics.median(w for w, _ in runs):,.0f} words/s")
    print(f"stock / claimtrack, wall, median of {len(ratios)} rounds: {statistics.median(ratios):.2f}× "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}); outputs identical in every round")


def words_per_second(args, texts: list[str], model_dir: str) -> None:
    from claimtrack.parse.parser import Parser

    parser = Parser(model_dir, device=args.device)
    parser.parse(texts[0][:2000])  # load and warm up, not counted
    t0 = time.perf_counter()
    docs = parser.parse_many(texts)
    took = time.perf_counter() - t0
    words = sum(len(s.words) for d in docs for s in d.sentences)
    import torch

    from claimtrack.parse.parser import torch_device

    dev = torch_device(args.device)
    where = torch.cuda.get_device_name(0) if dev == "cuda" else f"{torch.get_num_threads()} torch threads"
    print(f"device {dev} ({where}): {words:,} words in {took:.1f} s = {words / took:,.0f} words/s "
          f"(parse only, model loaded)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="force claimtrack's torch threads")
    ap.add_argument("--model-dir", default=os.environ.get("CLAIMTRACK_MODEL_DIR"))
    ap.add_argument("--words-per-second", action="store_true",
                    help="parse words/s in this process on --device instead")
    ap.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = ap.parse_args()
    if not args.model_dir:
        raise SystemExit("give --model-dir or set CLAIMTRACK_MODEL_DIR")
    texts = corpus(args.corpus, args.docs)
    (words_per_second if args.words_per_second else end_to_end)(args, texts, args.model_dir)


if __name__ == "__main__":
    main()
