"""Scoring a claim store against a story's gold file (``examples/stories/*.gold.json``).

A gold cluster lists its members as ``[article id, words of the claim]``; a member is found in
the store as the appearance of that article whose text holds those words. Clusters are scored
by pairs of members (precision: of the pairs the store puts together, how many belong
together; recall: of the pairs that belong together, how many the store puts together), links
by (gold cluster, gold cluster, relation), statuses and kinds by agreement.

>>> pair_scores({"a": "X", "b": "X", "c": "Y"}, {"a": "k1", "b": "k1", "c": "k1"})
(0.3333333333333333, 1.0)
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path


def pair_scores(gold: dict[str, str], pred: dict[str, str | None]) -> tuple[float, float]:
    """Pairwise precision and recall of a predicted clustering of the gold members."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = pred.get(a) is not None and pred.get(a) == pred.get(b)
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def _find(clusters: list[dict], article: str, words: str) -> str | None:
    for c in clusters:
        for a in c["appearances"]:
            if a["article"] == article and words.lower() in a["text"].lower():
                return c["id"]
    return None


def score_story(gold_path: str | Path, clusters: list[dict]) -> dict:
    """Cluster, link, status and kind scores of *clusters* (``ClaimStore.clusters()``)."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    member_gold, member_pred, name_of = {}, {}, {}
    for name, g in gold["clusters"].items():
        for k, (article, words) in enumerate(g["members"]):
            key = f"{name}#{k}"
            member_gold[key] = name
            member_pred[key] = _find(clusters, article, words)
            if member_pred[key]:
                name_of.setdefault(member_pred[key], name)
    p, r = pair_scores(member_gold, member_pred)
    by_id = {c["id"]: c for c in clusters}
    rep = {name: next((member_pred[f"{name}#{k}"] for k in range(len(g["members"]))
                       if member_pred[f"{name}#{k}"]), None) for name, g in gold["clusters"].items()}
    gold_links = {(frozenset((l["from"], l["to"])), l["relation"]) for l in gold["links"]}
    pred_links = {(frozenset((name_of[c["id"]], name_of[l["target"]])), l["relation"])
                  for c in clusters if c["id"] in name_of for l in c["links"]
                  if l["target"] in name_of and name_of[l["target"]] != name_of[c["id"]]
                  and l["relation"] in ("confirms", "contradicts", "repeats")}
    tp = len(gold_links & pred_links)
    status_ok, kind_ok, errors = 0, 0, []
    for name, g in gold["clusters"].items():
        c = by_id.get(rep[name]) if rep[name] else None
        got = (c["status"], c["kind"]) if c else (None, None)
        status_ok += got[0] == g["status"]
        kind_ok += got[1] == g["kind"]
        if got != (g["status"], g["kind"]):
            errors.append(f"{name}: expected {g['status']}/{g['kind']}, got {got[0]}/{got[1]}")
    n = len(gold["clusters"])
    return {"cluster_precision": p, "cluster_recall": r,
            "link_precision": tp / len(pred_links) if pred_links else 1.0,
            "link_recall": tp / len(gold_links) if gold_links else 1.0,
            "status_accuracy": status_ok / n, "kind_accuracy": kind_ok / n,
            "clusters": n, "errors": errors, "found": rep}
