"""FNC-1's official scoring (relative score) beside per-class precision, recall, F1 and the confusion matrix."""
from __future__ import annotations


def report(gold, pred, labels) -> dict:
    """Scores of label indices *pred* against *gold*; ``labels`` names them (``unrelated`` last)."""
    gold, pred = [int(g) for g in gold], [int(p) for p in pred]
    unrelated = labels.index("unrelated")
    score = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == unrelated else 1.0
        if (g == unrelated) == (p == unrelated):
            score += 0.25
        if g != unrelated and g == p:
            score += 0.75
    k = len(labels)
    matrix = [[0] * k for _ in range(k)]
    for g, p in zip(gold, pred):
        matrix[g][p] += 1
    per = {}
    for i, name in enumerate(labels):
        tp = matrix[i][i]
        prec = tp / max(1, sum(matrix[j][i] for j in range(k)))
        rec = tp / max(1, sum(matrix[i]))
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[name] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
                     "support": sum(matrix[i])}
    return {"relative": round(score / best, 4), "score": score, "max_score": best,
            "macro_f1": round(sum(v["f1"] for v in per.values()) / k, 4),
            "per_class": per, "confusion": {"rows_gold_cols_predicted": labels, "matrix": matrix},
            "pairs": len(gold)}
