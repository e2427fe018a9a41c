"""The real-news development gold (benchmarks/realnews/gold.jsonl) is well formed: spans and page
ids only, no article text, offsets inside the ground-truth text of ../shared/realnews."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SHARED

GOLD = Path(__file__).resolve().parent.parent / "benchmarks" / "realnews" / "gold.jsonl"
BODIES = SHARED / "realnews" / "bodies.jsonl"
ROLES = ("source", "cue", "content")


def _gold():
    with open(GOLD, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _spans_ok(spans):
    return isinstance(spans, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in p)
        and p[0] < p[1] for p in spans)


def test_gold_holds_spans_only():
    gold = _gold()
    assert len(gold) >= 15
    ids = [g["id"] for g in gold]
    assert len(ids) == len(set(ids))
    for g in gold:
        assert set(g) <= {"id", "attributions", "nested"}, g["id"]
        assert re.fullmatch(r"[0-9a-f]{16}", g["id"])
        for a in g["attributions"] + g.get("nested", []):
            assert set(a) == {"id", *ROLES}, (g["id"], a)  # no *_text, no article text
            assert all(_spans_ok(a[r]) for r in ROLES), (g["id"], a["id"])
            assert a["cue"] and a["content"], (g["id"], a["id"])
        att_ids = [a["id"] for a in g["attributions"] + g.get("nested", [])]
        assert len(att_ids) == len(set(att_ids)), g["id"]
    # no string anywhere in the file longer than an id: the articles never enter the repository
    assert max(len(s) for s in re.findall(r'"([^"]*)"', GOLD.read_text(encoding="utf-8"))) <= 16


@pytest.mark.skipif(not BODIES.exists(), reason="../shared/realnews is not here")
def test_gold_offsets_fall_inside_the_ground_truth_text():
    with open(BODIES, encoding="utf-8") as fh:
        texts = {d["id"]: d["text"] for d in map(json.loads, filter(str.strip, fh))}
    for g in _gold():
        text = texts[g["id"]]
        for a in g["attributions"] + g.get("nested", []):
            for role in ROLES:
                for s, e in a[role]:
                    assert 0 <= s < e <= len(text), (g["id"], a["id"], role)
                    frag = text[s:e]
                    assert frag == frag.strip() and re.search(r"\w", frag), (g["id"], a["id"], role)
            # a role's fragments are in order and do not overlap; roles do not overlap each other
            flat = sorted((s, e) for r in ROLES for s, e in a[r])
            assert all(flat[k][1] <= flat[k + 1][0] for k in range(len(flat) - 1)), (g["id"], a["id"])
