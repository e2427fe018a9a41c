"""claimtrack on real news pages: attribution accuracy on the development gold, and HTML extraction.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini \\
        .venv/bin/python benchmarks/realnews/run.py --cache .cache/parses
    python benchmarks/realnews/run.py --only attr --errors     # attributions only, with the breakdown
    python benchmarks/realnews/run.py --only html              # HTML extraction only (no parsing)

Parts (``--only``; default both):

* ``attr``  joins the gold spans of ``gold.jsonl`` (spans and page ids only: the repository never
            holds the articles) with the ground-truth ``text`` of ``../shared/realnews/bodies.jsonl``
            into the PolNeAR JSONL format in a temporary directory, derives each gold attribution's
            quote type (direct / mixed / indirect) from the quotation regions of ``claimtrack.extract.marks``
            as the bench README does, and runs ``claimtrack eval`` on it: the same table (attr
            P/R/F1, attr+src, exact, by role, recall by quote type). The extractor analyses the
            ground-truth text, not the HTML. Then the same predictions are scored once more against
            the gold *with* the nested attributions (``nested`` in gold.jsonl: attributions inside
            another's content, which PolNeAR's univocal convention leaves out), and per page.
* ``html``  for each of the 40 pages, the text claimtrack reads from ``html/<id>.html.gz`` (the
            reading of ``claimtrack analyze page.html``: ``inputs.prepare_article``) against the
            ground-truth ``text``: token precision / recall / F1 over bags of lower-cased ``\\w+``
            tokens, per page and micro-averaged; the pages with the lowest precision (furniture
            kept) and the lowest recall (article lost).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_BODIES = REPO.parent / "shared" / "realnews" / "bodies.jsonl"
WORD = re.compile(r"\w+")


def load_bodies(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, filter(str.strip, fh))}


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def quote_type(text: str, spans, regions) -> str:
    """direct if every word of the content lies inside a quotation, mixed if some, else indirect."""
    inside = n = 0
    for s, e in spans:
        for m in WORD.finditer(text, s, e):
            n += 1
            inside += any(qs <= m.start() < qe for qs, qe in regions)
    if not inside:
        return "indirect"
    return "direct" if inside == n else "mixed"


def join_gold(gold: list[dict], bodies: dict, nested: bool = False) -> list[dict]:
    """Gold lines with their text, *_text fields and quote types: the bench's PolNeAR format."""
    from claimtrack.extract.marks import find_quotes

    out = []
    for g in gold:
        text = bodies[g["id"]]["text"]
        regions = find_quotes(text)
        atts = []
        for a in g["attributions"] + (g.get("nested", []) if nested else []):
            a = {k: a[k] for k in ("id", "source", "cue", "content")}
            for role in ("source", "cue", "content"):
                a[f"{role}_text"] = " ".join(text[s:e] for s, e in a[role])
            a["quote_type"] = quote_type(text, a["content"], regions)
            a["direct"] = a["quote_type"] == "direct"
            atts.append(a)
        out.append({"id": g["id"], "text": text, "attributions": atts,
                    "meta": {"source": "realnews", "url": bodies[g["id"]].get("url", "")}})
    return out


def write_jsonl(path: Path, docs) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")


def claimtrack_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "claimtrack"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "claimtrack.cli"]


def counts(gold: list[dict], bodies: dict) -> str:
    from claimtrack.extract.marks import find_quotes

    by = Counter()
    n_nested = 0
    for g in gold:
        text = bodies[g["id"]]["text"]
        regions = find_quotes(text)
        for a in g["attributions"]:
            by[quote_type(text, a["content"], regions)] += 1
            by["no source"] += not a["source"]
            by["discontinuous content"] += len(a["content"]) > 1
        n_nested += len(g.get("nested", []))
    total = sum(len(g["attributions"]) for g in gold)
    return (f"gold: {len(gold)} pages, {total} attributions (direct {by['direct']}, mixed {by['mixed']}, "
            f"indirect {by['indirect']}; no source {by['no source']}; discontinuous content "
            f"{by['discontinuous content']}); {n_nested} nested attributions kept apart")


def run_attr(args, gold, bodies) -> None:
    print("== attributions on the ground-truth text ==")
    print(counts(gold, bodies))
    with tempfile.TemporaryDirectory(prefix="realnews-") as tmp:
        tmp = Path(tmp)
        gold_path, nested_path, pred_path = tmp / "gold.jsonl", tmp / "gold_nested.jsonl", tmp / "pred.jsonl"
        write_jsonl(gold_path, join_gold(gold, bodies))
        write_jsonl(nested_path, join_gold(gold, bodies, nested=True))
        cmd = claimtrack_cmd() + ["eval", str(gold_path), "--save-pred", str(pred_path)]
        if args.cache:
            cmd += ["--cache", args.cache]
        if args.model_dir:
            cmd += ["--model-dir", args.model_dir]
        if args.errors:
            cmd += ["--errors"]
        print("$ claimtrack " + " ".join(cmd[len(claimtrack_cmd()):]).replace(str(tmp), "$TMP"), flush=True)
        subprocess.run(cmd, check=True)
        if args.save_pred:
            Path(args.save_pred).write_bytes(pred_path.read_bytes())
        from claimtrack.evaluate import scoring as evaluate

        gdocs = evaluate.load_jsonl(gold_path, require_text=True)
        ndocs = evaluate.load_jsonl(nested_path, require_text=True)
        pdocs = evaluate.load_jsonl(pred_path)
    res = evaluate.score(ndocs, pdocs)
    a = res["attributions"]["attr"]
    print(f"\nwith the nested attributions in the gold ({sum(len(d['attributions']) for d in ndocs.values())}): "
          f"attr P {a['p']:.3f} R {a['r']:.3f} F1 {a['f1']:.3f}")
    from claimtrack.evaluate.predict import univocal

    per = evaluate.score(gdocs, univocal(pdocs), per_doc=True)["per_doc"]
    print("\nper page (univocal gold):  gold  pred  attr P   R     F1    url")
    for doc_id, r in per.items():
        x = r["attributions"]["attr"]
        ngold = len(gdocs[doc_id]["attributions"])
        npred = len(univocal(pdocs).get(doc_id, {}).get("attributions", []))
        url = bodies[doc_id].get("url", "")
        print(f"  {doc_id}  {ngold:4d}  {npred:4d}  {x['p']:.3f} {x['r']:.3f} {x['f1']:.3f}  {url[:70]}")


def html_text(raw: bytes, doc_id: str, url: str | None) -> str:
    from claimtrack.errors import InputError
    from claimtrack.io import inputs

    try:
        return inputs.prepare_article(raw, name=doc_id, id=doc_id, html=True, check_lang=False,
                                      meta={"url": url} if url else None).text
    except InputError as exc:
        print(f"  {doc_id}: {exc}", file=sys.stderr)
        return ""


def token_prf(gold_text: str, text: str) -> tuple[int, int, int]:
    g = Counter(w.lower() for w in WORD.findall(gold_text))
    p = Counter(w.lower() for w in WORD.findall(text))
    return sum((g & p).values()), sum(p.values()), sum(g.values())


def _prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_html(args, bodies) -> None:
    print("== HTML extraction: text read from html/<id>.html.gz vs the ground-truth text ==")
    html_dir = Path(args.bodies).parent / "html"
    rows = []
    for doc_id, d in bodies.items():
        with gzip.open(html_dir / f"{doc_id}.html.gz", "rb") as fh:
            raw = fh.read()
        tp, npred, ngold = token_prf(d["text"], html_text(raw, doc_id, d.get("url")))
        rows.append((doc_id, tp, npred, ngold, d.get("url", "")))
    print("  page              tokens gold  extracted   P      R      F1    url")
    for doc_id, tp, npred, ngold, url in rows:
        p, r, f = _prf(tp, npred, ngold)
        print(f"  {doc_id}  {ngold:10d} {npred:10d}  {p:.3f}  {r:.3f}  {f:.3f}  {url[:60]}")
    tp, npred, ngold = (sum(r[i] for r in rows) for i in (1, 2, 3))
    p, r, f = _prf(tp, npred, ngold)
    print(f"micro-average over {len(rows)} pages: token P {p:.3f} R {r:.3f} F1 {f:.3f} "
          f"({npred} tokens extracted, {ngold} in the ground truth)")
    macro = [_prf(*x[1:4]) for x in rows]
    print(f"macro-average: P {sum(m[0] for m in macro) / len(macro):.3f} "
          f"R {sum(m[1] for m in macro) / len(macro):.3f} F1 {sum(m[2] for m in macro) / len(macro):.3f}")
    k = args.worst
    print(f"lowest precision (furniture kept), {k}:")
    for row in sorted(rows, key=lambda x: _prf(*x[1:4])[0])[:k]:
        p, r, _ = _prf(*row[1:4])
        print(f"  {row[0]}  P {p:.3f}  R {r:.3f}  +{row[2] - row[1]} tokens  {row[4][:70]}")
    print(f"lowest recall (article lost), {k}:")
    for row in sorted(rows, key=lambda x: _prf(*x[1:4])[1])[:k]:
        p, r, _ = _prf(*row[1:4])
        print(f"  {row[0]}  R {r:.3f}  P {p:.3f}  -{row[3] - row[1]} tokens  {row[4][:70]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(HERE / "gold.jsonl"))
    ap.add_argument("--bodies", default=os.environ.get("CLAIMTRACK_REALNEWS", str(DEFAULT_BODIES)),
                    help="bodies.jsonl of the real-news pages (default ../shared/realnews/bodies.jsonl)")
    ap.add_argument("--only", default="attr,html", help="attr, html or both (comma-separated)")
    ap.add_argument("--cache", default=None, help="parse cache directory (passed to claimtrack eval)")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--errors", action="store_true", help="also print eval's error breakdown")
    ap.add_argument("--save-pred", default=None, help="keep the predictions (JSONL, offsets only)")
    ap.add_argument("--worst", type=int, default=5, help="how many worst pages to list")
    args = ap.parse_args(argv)
    if not Path(args.bodies).exists():
        print(f"no {args.bodies}: the real-news pages are not here", file=sys.stderr)
        return 2
    bodies = load_bodies(Path(args.bodies))
    parts = {p.strip() for p in args.only.split(",")}
    if "attr" in parts:
        gold = load_gold(Path(args.gold))
        missing = [g["id"] for g in gold if g["id"] not in bodies]
        if missing:
            print(f"gold pages not in {args.bodies}: {missing}", file=sys.stderr)
            return 2
        run_attr(args, gold, bodies)
    if "html" in parts:
        if "attr" in parts:
            print()
        run_html(args, bodies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
