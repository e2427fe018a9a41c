"""The attribution decision before and after: rules alone against rules + the trained model.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini \\
        .venv/bin/python benchmarks/attribution_model.py --cache .cache/parses [--only dev,realnews,speed]

For each set, with the rules deciding alone (``--min-confidence rules``), with the model vetoing
the rules' attributions under its threshold (``veto``, the default) and with the model deciding
(``--min-confidence auto``; the shipped model, or ``--model FILE``): attr P/R/F1, attr+src, exact content F1, recall by quote type, and, with
the model, the precision of the more and the less confident half of its predictions. Sets:

* ``dev``       PolNeAR dev (84 articles). The model never saw it, nor was anything chosen on it;
                score it at milestones only, and never read its errors.
* ``realnews``  the project's real-news gold (18 pages, ``benchmarks/realnews/gold.jsonl`` joined with
                ``../shared/realnews/bodies.jsonl``): a development set (its errors were read for
                the rules), so a second check, not a held-out figure.
* ``speed``     words/s of everything after parsing, with and without the model, over dev's cached
                parses, and the model's share of the parse time (parse rate timed on 8 articles).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(HERE / "realnews"))


def predictions(analyzer, golds: dict) -> dict:
    """The outermost attributions (the gold is univocal: :func:`claimtrack.evaluate.predict.univocal`)."""
    from claimtrack.evaluate.predict import predict_corpus, univocal

    return univocal(predict_corpus(analyzer, golds))


def figures(golds: dict, preds: dict) -> dict:
    from claimtrack.evaluate.scoring import score

    res = score(golds, preds)
    a = res["attributions"]
    by_type = res["attr_recall_breakdown"].get("by_type", {})
    return {"attr": a["attr"], "attr+src": a["attr+src"], "content_exact": res["spans"]["content"]["exact"],
            "recall_by_type": {k: v["recall"] for k, v in sorted(by_type.items())}}


def show(name: str, rules: dict, veto: dict, model: dict, halves: dict | None) -> None:
    print(f"\n{name}")
    print(f"  {'':<16}{'the rules decide':>28}{'the model vetoes (default)':>28}{'the model decides (auto)':>28}")
    for key in ("attr", "attr+src", "content_exact"):
        row = [f"P {d[key]['p']:.3f} R {d[key]['r']:.3f} F1 {d[key]['f1']:.3f}" for d in (rules, veto, model)]
        print(f"  {key:<16}" + "".join(f"{r:>28}" for r in row))
    types = sorted(model["recall_by_type"])
    row = [" / ".join(f"{d['recall_by_type'].get(t, 0):.3f}" for t in types) for d in (rules, veto, model)]
    print(f"  {'recall ' + '/'.join(t[:3] for t in types):<16}" + "".join(f"{r:>28}" for r in row))
    if halves:
        print(f"  more confident half (>= {halves['median_confidence']:.3f}): P {halves['more_confident']['p']:.3f}"
              f" (n={halves['more_confident']['n']}); less confident half: P {halves['less_confident']['p']:.3f}"
              f" (n={halves['less_confident']['n']})")


def compare(name: str, golds: dict, parser, model_file: str | None) -> None:
    from claimtrack.api import Analyzer
    from claimtrack.evaluate.predict import confidence_table

    # the rules alone (each attribution with its confidence), the default veto, the model deciding
    rules = Analyzer(parser=parser, attribution_model=model_file, min_confidence="rules")
    vetoed = Analyzer(parser=parser, attribution_model=model_file, min_confidence="veto")
    learned = Analyzer(parser=parser, attribution_model=model_file, min_confidence="auto")
    chosen = predictions(learned, golds)
    learned.min_confidence = 0.0
    every = predictions(learned, golds)
    table = confidence_table(golds, every, chosen)
    show(name, figures(golds, predictions(rules, golds)), figures(golds, predictions(vetoed, golds)),
         figures(golds, chosen), table["halves"])
    print("  by threshold: " + "; ".join(f"{t}: P {v['p']:.3f} R {v['r']:.3f}"
                                         for t, v in table["by_threshold"].items()))


ROUNDS = 3


def speed(golds: dict, parser, model_file: str | None) -> None:
    from claimtrack.api import Analyzer

    texts = [g["text"] for g in golds.values()]
    docs = parser.parse_many(texts)  # cached: the parse is not what is timed here
    words = sum(len(s.words) for d in docs for s in d.sentences)
    times: dict[str, float] = {}
    analyzers = {label: Analyzer(parser=parser, attribution_model=name,
                                 min_confidence="rules" if name == "rules" else "auto")
                 for label, name in (("rules alone", "rules"), ("rules + model", model_file))}
    # the two in turn, three rounds, the best of each: a shared machine's noise only slows a run
    for _ in range(ROUNDS):
        for label, an in analyzers.items():
            t = time.perf_counter()
            for k, doc in enumerate(docs):
                an.analyze_parsed(doc, str(k))
            times[label] = min(times.get(label, float("inf")), time.perf_counter() - t)
    from claimtrack.parse.parser import Parser

    fresh = Parser(None)  # no cache: this one is timed parsing
    fresh.nlp  # loading is not parsing
    sample = docs[:8]
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        fresh.parse_many([d.text for d in sample])
        best = min(best, time.perf_counter() - t)
    parse_rate = sum(len(s.words) for d in sample for s in d.sentences) / best
    print(f"\nspeed (analysis after parsing, {len(docs)} articles, {words:,} words; best of {ROUNDS} "
          "rounds in turn)")
    for label, s in times.items():
        print(f"  {label:<14} {words / s:>9,.0f} words/s")
    extra = times["rules + model"] - times["rules alone"]
    print(f"  parse: {parse_rate:,.0f} words/s; the model adds {extra / (words / parse_rate) * 100:.1f} % "
          "of the parse time")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=None, help="parse cache directory")
    ap.add_argument("--model", default=None, help="attribution model file (default: the shipped one)")
    ap.add_argument("--only", default="dev,realnews,speed")
    ap.add_argument("--dev", default=str(SHARED / "bench" / "polnear" / "dev.jsonl"))
    args = ap.parse_args(argv)
    from claimtrack.evaluate.scoring import load_jsonl
    from claimtrack.parse.parser import Parser

    parser = Parser(None, cache_dir=args.cache)
    parts = set(args.only.split(","))
    dev = load_jsonl(args.dev, require_text=True)
    if "dev" in parts:
        compare("PolNeAR dev (84 articles; never read)", dev, parser, args.model)
    if "realnews" in parts:
        from run import DEFAULT_BODIES, join_gold, load_bodies, load_gold

        gold = join_gold(load_gold(HERE / "realnews" / "gold.jsonl"), load_bodies(DEFAULT_BODIES))
        compare("real news, 18 pages (development gold)", {g["id"]: g for g in gold}, parser, args.model)
    if "speed" in parts:
        speed(dev, parser, args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
