"""claimtrack's measured speed and accuracy: one table of figures, each with its target.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini python benchmarks/run.py
    python benchmarks/run.py --only cli,parse,cache          # a subset
    python benchmarks/run.py --docs 20 --batch-docs 10       # a quicker run

Parts (``--only``; default all, in this order):

* ``cli``      wall time of ``claimtrack --help`` and ``--version`` (median of 7 runs).
* ``speed``    stock Stanza vs claimtrack's parse path (``parse_speed.py``): words/s of both on
               the same pipeline, chunk by chunk, interleaved; whether every parse is identical;
               several articles per Stanza call vs one; ``--fast`` (int8) speed, how many words
               and arcs it changes, and its attr F1 against claimtrack's exact parse. Target ≥ 2×.
* ``parse``    (a) Stanza parse alone, ``Parser.parse_many`` on every text in one call, uncached,
               model already loaded; (b) parse + every later stage (``analyze_doc``: extraction,
               boilerplate, sources, claims; then ``build_graph``) over the same texts, in words/s.
               (b − a) is timed on the parsed docs, best of 3 runs. Target: b/a ≥ 0.95, i.e. the
               analysis adds ≤ 5 % to the parse time.
* ``cache``    the same parse_many call again with a new Parser over the warm parse cache (best
               of 3) against the first, uncached run (a). Target ≥ 20×.
* ``accuracy`` ``claimtrack eval --errors --json`` on the corpus (through the parse cache when
               ``parse`` ran first): attribution P/R/F1, recall by quote type and with/without a
               source, and the error counts by construction and cue lemma.
* ``memory``   time to the result (the whole process: imports, model load, parse, output) and
               peak RSS of ``claimtrack analyze`` on one article (the corpus's median-length
               one), with stock Stanza and with claimtrack's parse path.
* ``batch``    ``claimtrack batch --workers 1`` vs ``--workers 2`` on the first ``--batch-docs``
               articles (default 30; wall time, both including the ~5 s pipeline load in each
               worker), and the peak memory (driver + workers, summed) of ``batch --workers 2``
               on the whole corpus.

The corpus (PolNeAR dev, ``../shared/bench/polnear/dev.jsonl``) is read at run time and written
only to a temporary directory. Words are the parser's syntactic words. Timings on a shared machine
are noisy: the load average is printed with the machine.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "polnear" / "dev.jsonl"
DEFAULT_MODEL = ROOT.parent / "shared" / "models" / "stanza-en-mini"
PARTS = ("cli", "speed", "parse", "cache", "accuracy", "memory", "batch")
BIN = Path(sys.executable).parent / "claimtrack"


# -- helpers -------------------------------------------------------------------------------------

class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []
        self.notes: list[str] = []

    def add(self, figure: str, value: str, target: str = "", met: bool | None = None) -> None:
        mark = "" if met is None else ("yes" if met else "**no**")
        self.rows.append((figure, value, target, mark))
        print(f"  {figure}: {value}" + (f"  (target {target}: {mark})" if target else ""), flush=True)

    def markdown(self) -> str:
        out = ["| figure | value | target | met? |", "|---|---|---|---|"]
        out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(out)


def machine() -> dict:
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    ram = "?"
    try:
        kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        ram = f"{kb / 1024 ** 2:.0f} GB"
    except (OSError, StopIteration):
        pass
    vers = subprocess.run([sys.executable, "-c", "import torch, stanza; print(torch.__version__, "
                           "stanza.__version__, torch.get_num_threads())"],
                          capture_output=True, text=True).stdout.split()
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "python": platform.python_version(),
            "torch": vers[0] if vers else "?", "stanza": vers[1] if len(vers) > 1 else "?",
            "torch_threads": vers[2] if len(vers) > 2 else "?", "os": platform.platform(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def tree_memory(root) -> dict[str, int]:
    """RSS, PSS and USS summed over *root* and its descendants, in bytes. RSS counts a page
    shared by two processes twice; PSS splits it between them; USS is each one's own pages."""
    import psutil

    total = {"rss": 0, "pss": 0, "uss": 0, "largest": 0}
    for p in [root, *root.children(recursive=True)]:
        try:
            m = p.memory_full_info()
        except psutil.Error:
            continue
        for k in ("rss", "pss", "uss"):
            total[k] += getattr(m, k, 0)
        total["largest"] = max(total["largest"], m.rss)
    return total


def run_measured(cmd: list[str], env: dict | None = None, interval: float = 0.05) -> dict:
    """Run *cmd*; wall time, exit code, CPU time (wait4), and, sampled every *interval* s, the
    peak RSS of its largest process and the peaks of RSS, PSS and USS summed over the child and
    all its descendants."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = {"rss": 0, "pss": 0, "uss": 0, "largest": 0}
    done = threading.Event()

    def sample():
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                now = tree_memory(root)
            except psutil.Error:
                break
            for k in peak:
                peak[k] = max(peak[k], now[k])
            done.wait(interval)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
               threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)]
    for r in readers:
        r.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    for r in readers:
        r.join()
    th.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is not used for memory: it counts the child from fork, i.e. this benchmark's own
    # pages (three loaded pipelines after the speed part) before the child's exec
    return {"seconds": wall, "rc": proc.returncode, "maxrss_mb": peak["largest"] / 1024 ** 2,
            "cpu_s": ru.ru_utime + ru.ru_stime,  # the child and every descendant it reaped
            "tree_peak_mb": peak["rss"] / 1024 ** 2, "tree_pss_mb": peak["pss"] / 1024 ** 2,
            "tree_uss_mb": peak["uss"] / 1024 ** 2, "stdout": b"".join(out_chunks).decode(),
            "stderr": b"".join(err_chunks).decode()}


def load_corpus(path: Path, n: int | None) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
            if n and len(docs) >= n:
                break
    return docs


def write_jsonl(path: Path, docs: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")


# -- parts ---------------------------------------------------------------------------------------

def bench_cli(t: Table, env: dict) -> None:
    for arg in ("--help", "--version"):
        times = []
        for _ in range(7):
            r = run_measured([str(BIN), arg], env=env)
            assert r["rc"] == 0, r["stderr"]
            times.append(r["seconds"])
        med = statistics.median(times)
        t.add(f"`claimtrack {arg}` wall time (median of 7)", f"{med:.3f} s", "≤ 0.3 s", med <= 0.3)
    r = subprocess.run([sys.executable, "-c", "import sys; from claimtrack import cli; "
                        "print(' '.join(m for m in ('torch', 'stanza', 'networkx', 'rich') "
                        "if m in sys.modules) or 'none')"], cwd=ROOT, capture_output=True, text=True,
                       env=env)
    heavy = r.stdout.strip()
    t.add("heavy modules imported by the CLI module", heavy, "none of torch, stanza",
          "torch" not in heavy and "stanza" not in heavy)


def bench_parse(t: Table, docs: list[dict], model_dir: str, cache_dir: Path, parts: set) -> dict:
    from claimtrack.parse import parser as parse_mod
    from claimtrack.api import analyze_doc
    from claimtrack.graph.build import build_graph
    from claimtrack.extract.lexicon import load_lexicon

    texts = [d["text"] for d in docs]
    p = parse_mod.Parser(model_dir, cache_dir=cache_dir)
    t0 = time.perf_counter()
    p.nlp("Warm-up: the first call initialises torch.")  # part of loading, not of parsing
    load = time.perf_counter() - t0
    put = [0.0]
    orig_put = p._cache_put

    def timed_put(text, doc):
        s = time.perf_counter()
        orig_put(text, doc)
        put[0] += time.perf_counter() - s

    p._cache_put = timed_put
    t0 = time.perf_counter()
    parsed = p.parse_many(texts)
    first = time.perf_counter() - t0
    parse_s = first - put[0]
    words = sum(len(s.words) for d in parsed for s in d.sentences)
    lex = load_lexicon(None)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for d, doc in zip(docs, parsed):
            build_graph(analyze_doc(doc, d["id"], lex))
        runs.append(time.perf_counter() - t0)
    post = min(runs)
    res = {"words": words, "load": load, "parse": parse_s, "first_run": first, "post": post}
    if "parse" in parts:
        a = words / parse_s
        b = words / (parse_s + post)
        t.add("pipeline load and warm-up (once per process)", f"{load:.1f} s")
        t.add(f"(a) Stanza parse alone, {len(docs)} docs, {words:,} words", f"{a:,.0f} words/s")
        t.add("(b) full analyze: parse + extraction, sources, claims, graph", f"{b:,.0f} words/s")
        t.add("analysis stages alone (b − a), best of 3", f"{post:.2f} s = {words / post:,.0f} words/s "
              f"({100 * post / parse_s:.1f} % of parse time)")
        t.add("ratio b/a", f"{b / a:.3f}", "≥ 0.95 (analysis ≤ 5 % of parse)", b / a >= 0.95)
    if "cache" in parts:
        again = []
        for _ in range(3):
            p2 = parse_mod.Parser(model_dir, cache_dir=cache_dir)
            t0 = time.perf_counter()
            docs2 = p2.parse_many(texts)
            again.append(time.perf_counter() - t0)
            assert p2._nlp is None, "the warm run loaded the pipeline"
        assert [len(s.words) for d in docs2 for s in d.sentences] == \
               [len(s.words) for d in parsed for s in d.sentences]
        second = min(again)
        size = sum(f.stat().st_size for f in Path(cache_dir).rglob("*.json.gz"))
        t.add("parse cache: first run (parse + write cache, model loaded)", f"{first:.1f} s "
              f"(writing the cache: {put[0]:.2f} s)")
        t.add("parse cache: second run over the same texts (no model load)", f"{second:.2f} s "
              f"({size / 1e6:.1f} MB on disk)")
        t.add("parse cache speed-up, second run vs first", f"{first / second:,.0f}×", "≥ 20×",
              first / second >= 20)
        t.add("… counting the first run's model load too", f"{(first + load) / second:,.0f}×")
    return res


def bench_speed(t: Table, docs: list[dict], model_dir: str, chunk: int, threads: int,
                stock_default: bool = False) -> None:
    """Stock Stanza vs claimtrack's parse path on the same pipeline, interleaved (parse_speed.py).

    Stock, claimtrack and ``--fast`` run on *threads* torch threads (default 1: on a two-core
    machine shared with other jobs, two threads spend most of their time waiting for each other,
    which buries the comparison); the two-core experiment (``fastparse.parse_stream``) runs two
    Python threads of one torch thread each. *stock_default*: also stock at torch's default
    thread count (one per core) — under load from other jobs this can be 20× slower than one
    thread, so it is opt-in."""
    import torch
    from parse_speed import attr_f1, differing_words, run_engines

    texts = [d["text"] for d in docs]
    default = torch.get_num_threads()
    tl = run_engines(texts, model_dir, chunk=chunk, threads=threads,
                     stock_default_threads=stock_default)
    stock, exact, two, int8 = (tl["stock"], tl["exact"], tl["exact, two cores"], tl["int8"])
    stock_docs, exact_docs, int8_docs = stock.docs, exact.docs, int8.docs  # decoded once
    words = sum(len(s.words) for d in stock_docs for s in d.sentences)
    n_th = f"{threads} torch thread{'s' if threads > 1 else ''}"
    ratio = stock.seconds / exact.seconds
    t.add(f"parse speed, stock Stanza vs claimtrack's parse path ({len(docs)} docs, {words:,} "
          f"words, chunks of {chunk}, interleaved, {n_th} each)", f"stock {words / stock.seconds:,.0f}"
          f" words/s, claimtrack {words / exact.seconds:,.0f} words/s: **{ratio:.2f}×**", "≥ 2×",
          ratio >= 2)
    t.add("… the same in CPU seconds of the process (other jobs on the machine disturb this "
          "less than wall time)", f"stock {stock.cpu:,.1f} s, claimtrack {exact.cpu:,.1f} s: "
          f"**{stock.cpu / exact.cpu:.2f}×**; `--fast` {stock.cpu / int8.cpu:.2f}×")
    first = stock.chunks[0] / exact.chunks[0]
    t.add(f"… the first chunk alone ({min(chunk, len(docs))} docs; claimtrack's spelling caches "
          f"cold, as for one article in a fresh process)", f"**{first:.2f}×**")
    if "stock, default threads" in tl:
        sd = tl["stock, default threads"]
        t.add(f"… stock at torch's default {default} threads (same chunks) vs claimtrack ({n_th})",
              f"stock {words / sd.seconds:,.0f} words/s: **{sd.seconds / exact.seconds:.2f}×**")
    t.add("… claimtrack on 2 cores (`fastparse.parse_stream`: one article per call, the next "
          "article's tokenize/POS/lemma in a second thread; 1 torch thread each; not the default)",
          f"{words / two.seconds:,.0f} words/s: {stock.seconds / two.seconds:.2f}× stock, "
          f"{exact.seconds / two.seconds:.2f}× claimtrack on 1 core")
    for name, parsed in (("claimtrack", exact_docs), ("claimtrack on 2 cores", two.docs)):
        diff, _arcs = differing_words(stock_docs, parsed)
        same_docs = sum(word_rows_equal(a, b) for a, b in zip(stock_docs, parsed))
        t.add(f"identical parses, {name} vs stock (tokens, sentences, tags, feats, lemmas, heads, "
              f"relations, offsets)", f"{same_docs}/{len(docs)} docs; {diff} of {words:,} words "
              f"differ", "all", diff == 0 and same_docs == len(docs))
    diff8, arcs8 = differing_words(stock_docs, int8_docs)
    t.add("`--fast` (int8 dynamic quantisation) vs stock",
          f"{stock.seconds / int8.seconds:.2f}× ({words / int8.seconds:,.0f} words/s); "
          f"{100 * diff8 / words:.1f} % of words parsed differently, "
          f"{100 * arcs8 / words:.1f} % of arcs (head or relation)")
    if all("attributions" in d for d in docs):
        try:
            f_exact, f_int8 = attr_f1(docs, exact_docs), attr_f1(docs, int8_docs)
        except Exception as exc:  # the analysis stages are someone else's moving target
            t.add("attr F1, claimtrack parse / `--fast`", f"not measured ({exc!r:.80})")
        else:
            t.add("attr F1 on these docs: claimtrack parse / `--fast`",
                  f"{f_exact:.3f} / {f_int8:.3f} (Δ {f_int8 - f_exact:+.3f})")


def word_rows_equal(a, b) -> bool:
    from parse_speed import word_rows

    return word_rows([a]) == word_rows([b])


def bench_accuracy(t: Table, corpus: Path, docs: list[dict], env: dict, cache_dir: Path,
                   tmp: Path) -> dict:
    gold = corpus
    if len(docs) < sum(1 for line in open(corpus, encoding="utf-8") if line.strip()):
        gold = tmp / "gold-subset.jsonl"
        with open(gold, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    r = run_measured([str(BIN), "eval", str(gold), "--errors", "--json", "--cache", str(cache_dir)],
                     env=env)
    if r["rc"] != 0:
        raise SystemExit(f"claimtrack eval failed:\n{r['stderr']}")
    res = json.loads(r["stdout"])
    att = res["attributions"]
    for k, label in (("attr", "attribution (cue+content overlap)"), ("attr+src", "… and source"),
                     ("attr_exact", "… exact spans")):
        m = att[k]
        t.add(f"accuracy: {label} P / R / F1", f"{m['p']:.3f} / {m['r']:.3f} / {m['f1']:.3f}")
    br = res["attr_recall_breakdown"]
    def recall(d: dict, keys: tuple) -> str:
        return " / ".join(f"{d[k]['recall']:.3f} (n={d[k]['gold']})" if k in d else "– (n=0)"
                          for k in keys)

    t.add("attr recall by quote type: direct / mixed / indirect",
          recall(br["by_type"], ("direct", "mixed", "indirect")))
    t.add("attr recall with / without a gold source",
          recall(br["by_source"], ("with_source", "no_source")))
    t.add("`claimtrack eval` wall time (warm parse cache)" if cache_dir else "eval wall time",
          f"{r['seconds']:.1f} s")
    return res


def error_report(res: dict, top: int = 10) -> str:
    b = res.get("breakdown") or {}
    gold, pred = b.get("gold", {}), b.get("pred", {})
    lines = ["Gold attributions missed (recall errors), by construction:", "",
             "| gold kind | missed | of | recall |", "|---|---|---|---|"]
    for k in sorted(gold):
        if k.startswith(("quote_type:", "source:")):
            v = gold[k]
            n = v.get("hit", 0) + v.get("miss", 0)
            lines.append(f"| {k} | {v.get('miss', 0)} | {n} | {v.get('hit', 0) / n:.3f} |")
    lines += ["", f"Most-missed gold cues (top {top}):", "", "| gold cue | missed | of |", "|---|---|---|"]
    missed = sorted(((v.get("miss", 0), k[9:], v.get("hit", 0) + v.get("miss", 0))
                     for k, v in gold.items() if k.startswith("gold_cue:")), reverse=True)[:top]
    lines += [f"| {c} | {m} | {n} |" for m, c, n in missed]
    lines += ["", "False positives (precision errors) by the extractor's construction:", "",
              "| construction | false | of | precision |", "|---|---|---|---|"]
    cons = sorted(((v.get("miss", 0), k[13:], v) for k, v in pred.items()
                   if k.startswith("construction:")), reverse=True)
    for m, c, v in cons:
        n = v.get("hit", 0) + m
        lines.append(f"| {c} | {m} | {n} | {v.get('hit', 0) / n:.3f} |")
    lines += ["", f"Cue lemmas with most false positives (top {top}):", "",
              "| cue lemma | false | of | precision |", "|---|---|---|---|"]
    fps = sorted(((v.get("miss", 0), k[10:], v) for k, v in pred.items()
                  if k.startswith("cue_lemma:")), reverse=True)[:top]
    for m, c, v in fps:
        n = v.get("hit", 0) + m
        lines.append(f"| {c} | {m} | {n} | {v.get('hit', 0) / n:.3f} |")
    return "\n".join(lines)


def bench_memory(t: Table, docs: list[dict], env: dict, tmp: Path) -> None:
    by_len = sorted(docs, key=lambda d: len(d["text"]))
    d = by_len[len(by_len) // 2]
    path = tmp / "one-article.txt"
    path.write_text(d["text"], encoding="utf-8")
    words = len(d['text'].split())
    for engine in ("stock", "exact"):  # the whole process: imports, model load, parse, output
        r = run_measured([str(BIN), "analyze", str(path), "--format", "json", "-o",
                          str(tmp / "one.json")], env={**env, "CLAIMTRACK_ENGINE": engine})
        if r["rc"] != 0:
            raise SystemExit(f"claimtrack analyze failed:\n{r['stderr']}")
        label = "stock Stanza" if engine == "stock" else "claimtrack's parse path"
        t.add(f"`analyze` of one article ({words:,} words, the median), {label}: time to the "
              f"result (the whole process) / peak RSS / CPU", f"{r['seconds']:.1f} s / "
              f"{r['maxrss_mb']:,.0f} MB / {r['cpu_s']:.1f} s")


def bench_batch(t: Table, docs: list[dict], n_sub: int, env: dict, tmp: Path) -> None:
    sub = tmp / "batch-subset.jsonl"
    write_jsonl(sub, docs[:n_sub])
    words = sum(len(d["text"].split()) for d in docs[:n_sub])
    runs = {}
    for w in (1, 2):
        out = tmp / f"batch-w{w}"
        r = run_measured([str(BIN), "batch", str(sub), "-o", str(out), "--workers", str(w),
                          "--no-progress"], env=env)
        if r["rc"] not in (0, 1):
            raise SystemExit(f"claimtrack batch failed:\n{r['stderr']}")
        runs[w] = r
        t.add(f"`batch --workers {w}`, {min(n_sub, len(docs))} docs (~{words:,} words)",
              f"{r['seconds']:.1f} s wall ({min(n_sub, len(docs)) / r['seconds']:.2f} "
              f"articles/s), {r['cpu_s']:.0f} s CPU; peak RSS {r['tree_peak_mb']:,.0f} MB, PSS "
              f"{r['tree_pss_mb']:,.0f} MB (all processes)")
    same = all((tmp / "batch-w1" / "articles" / p.name).read_bytes() == p.read_bytes()
               for p in (tmp / "batch-w2" / "articles").glob("*.json"))
    speed = runs[1]["seconds"] / runs[2]["seconds"]
    t.add("`batch --workers 2` vs `--workers 1` speed-up", f"{speed:.2f}× (results identical: "
          f"{'yes' if same else 'NO'})", "≥ 1.7×", speed >= 1.7)
    # The work itself: when 2 workers need no more CPU than 1, the speed-up is bounded by the cores
    # free while measuring (on a shared machine, fewer than 2).
    t.add("CPU time, 2 workers vs 1 (1.00 = no parallel overhead)",
          f"{runs[2]['cpu_s'] / runs[1]['cpu_s']:.2f}; CPU use during the runs: "
          f"{runs[1]['cpu_s'] / runs[1]['seconds']:.2f} / {runs[2]['cpu_s'] / runs[2]['seconds']:.2f} cores")
    full = tmp / "batch-full.jsonl"
    write_jsonl(full, docs)
    r = run_measured([str(BIN), "batch", str(full), "-o", str(tmp / "batch-full"), "--workers", "2",
                      "--no-progress"], env=env)
    if r["rc"] not in (0, 1):
        raise SystemExit(f"claimtrack batch failed:\n{r['stderr']}")
    t.add(f"peak memory, `batch --workers 2` on the corpus ({len(docs)} docs), all processes "
          f"summed: RSS (shared pages counted in each process) / PSS (shared pages split) / USS "
          f"(private pages)", f"{r['tree_peak_mb']:,.0f} / {r['tree_pss_mb']:,.0f} / "
          f"{r['tree_uss_mb']:,.0f} MB (largest process {r['maxrss_mb']:,.0f} MB); wall "
          f"{r['seconds']:.0f} s", "RSS < 1,500 MB", r['tree_peak_mb'] < 1500)


# -- main ----------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts: {','.join(PARTS)}")
    ap.add_argument("--docs", type=int, default=None, help="only the first N corpus documents")
    ap.add_argument("--chunk", type=int, default=12, help="articles per chunk in the speed part (each engine parses a chunk in turn)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads in the speed part")
    ap.add_argument("--stock-default-threads", action="store_true",
                    help="speed part: also time stock Stanza at torch's default thread count")
    ap.add_argument("--batch-docs", type=int, default=30, help="documents for the workers comparison")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--model-dir", default=os.environ.get("CLAIMTRACK_MODEL_DIR") or str(DEFAULT_MODEL))
    ap.add_argument("--cache-dir", type=Path, default=None,
                    help="parse cache to use (default: a new temporary one, so the first run is cold)")
    ap.add_argument("--markdown", type=Path, default=None, help="also write the report here")
    args = ap.parse_args()
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    env = {**os.environ, "CLAIMTRACK_MODEL_DIR": args.model_dir, "PYTHONPATH": str(ROOT)}
    os.environ["CLAIMTRACK_MODEL_DIR"] = args.model_dir
    docs = load_corpus(args.corpus, args.docs)
    m = machine()
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; Python {m['python']}, "
          f"torch {m['torch']} ({m['torch_threads']} threads), stanza {m['stanza']}; load {m['load']}",
          flush=True)
    t = Table()
    errors = ""
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-") as d:
        tmp = Path(d)
        cache_dir = args.cache_dir or tmp / "parse-cache"
        if "cli" in parts:
            bench_cli(t, env)
        if "speed" in parts:
            bench_speed(t, docs, args.model_dir, args.chunk, args.threads,
                        args.stock_default_threads)
            import gc

            gc.collect()
        if parts & {"parse", "cache"}:
            bench_parse(t, docs, args.model_dir, cache_dir, parts)
            import gc

            gc.collect()
        if "accuracy" in parts:
            res = bench_accuracy(t, args.corpus, docs, env, cache_dir, tmp)
            errors = error_report(res)
        if "memory" in parts:
            bench_memory(t, docs, env, tmp)
        if "batch" in parts:
            bench_batch(t, docs, args.batch_docs, env, tmp)
    m["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    total = time.perf_counter() - t_start
    head = (f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}; "
            f"Python {m['python']}, torch {m['torch']} ({m['torch_threads']} threads), stanza "
            f"{m['stanza']}; model {Path(args.model_dir).name}; corpus {args.corpus.name} "
            f"({len(docs)} docs). Load average {m['load']} at the start, {m['load_end']} at the end; "
            f"the whole run took {total / 60:.1f} min.")
    report = "\n\n".join(x for x in (head, t.markdown(), errors) if x)
    print("\n" + report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
