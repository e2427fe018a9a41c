"""What `claimtrack check` costs after the parse: every gold cluster of the example stories as a
claim, against every story article (analyses from the parse cache; only the checking is timed).

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini python benchmarks/check_speed.py --cache .cache/parses

Prints the pairs, the best of three rounds, and the cost per (claim, article) pair.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROUNDS = 3


def stories() -> tuple[list[tuple[str, str]], list[dict]]:
    """(claims as (id, text) from the gold clusters' member statements, the story articles)."""
    claims, articles = [], []
    for gold in sorted((ROOT / "examples" / "stories").glob("*.gold.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        for cid, cluster in g["clusters"].items():
            claims.append((f"{gold.stem.split('.')[0]}:{cid}", cluster["members"][0][1]))
        story = gold.with_name(g["story"])
        articles += [json.loads(line) for line in story.read_text(encoding="utf-8").splitlines() if line.strip()]
    return claims, articles


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=None, help="parse cache directory")
    args = ap.parse_args(argv)
    from claimtrack.api import Analyzer
    from claimtrack.check.article import check_article
    from claimtrack.check.lexical import Idf
    from claimtrack.parse.parser import Parser

    claims, articles = stories()
    analyzer = Analyzer(parser=Parser(cache_dir=args.cache))
    analyses = [analyzer.analyze(a["text"], a["id"]).to_dict() for a in articles]
    idf = Idf.default()
    check_article(claims[:1], articles[0]["id"], articles[0]["text"], analyses[0], idf)  # models loaded
    best = float("inf")
    for _ in range(ROUNDS):
        t = time.perf_counter()
        for a, an in zip(articles, analyses):
            check_article(claims, a["id"], a["text"], an, idf)
        best = min(best, time.perf_counter() - t)
    pairs = len(claims) * len(articles)
    print(f"check: {len(claims)} claims x {len(articles)} articles = {pairs} pairs in {best:.2f} s "
          f"(best of {ROUNDS}), {best / pairs * 1000:.1f} ms per pair after the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
