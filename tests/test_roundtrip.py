"""An analysis survives its own JSON: ``Analysis.from_dict`` is the exact inverse of ``to_dict``,
for every example article, and a batch run's merged graph keeps what each claim is."""
from __future__ import annotations

from pathlib import Path

import pytest

import claimtrack
from claimtrack.io.inputs import load_article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARTICLES = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))


@pytest.mark.parametrize("name", ARTICLES)
def test_every_example_round_trips(analyzer, name):
    art = load_article(EXAMPLES / name)
    a = analyzer.analyze(art.text, art.id)
    a.meta.update(art.meta)
    d = a.to_dict()
    back = claimtrack.Analysis.from_dict(d, text=a.text)
    assert back == a                      # every field, as dataclasses
    assert back.to_dict() == d
    assert claimtrack.Analysis.from_dict(d).to_dict() == d   # without the text, too
    assert d["sentences"] and len(back.sentences) == len(a.sentences)


def test_the_fields_the_old_reader_dropped_come_back(seed):
    d = seed.to_dict()
    back = claimtrack.Analysis.from_dict(d, text=seed.text)
    assert [c.statement for c in back.claims] == [c.statement for c in seed.claims]
    assert [c.kind for c in back.claims] == [c.kind for c in seed.claims]
    assert {c.kind for c in back.claims} > {"assertion"}
    assert [c.signature for c in back.claims] == [c.signature for c in seed.claims]
    assert [k.evidence for k in back.links] == [k.evidence for k in seed.links]
    assert any(k.evidence for k in back.links)
    assert back.sentences == seed.sentences and back.boilerplate == seed.boilerplate


def test_batch_graph_keeps_the_embassy_advice(analyzer, tmp_path, monkeypatch):
    """``claimtrack batch`` on the seed article: c8, the U.S. Embassy's advice, stays advice."""
    import json

    import claimtrack.batch.run as batch
    from claimtrack.batch.work import Settings
    from claimtrack.graph.readwrite import read_graph

    monkeypatch.setattr(batch, "build_analyzer", lambda settings: analyzer)  # the session pipeline
    summary = batch.run_batch([str(EXAMPLES / "moscow_times_kaluga.txt")], tmp_path / "out",
                              settings=Settings())
    assert summary.ok == 1
    stored = json.loads((tmp_path / "out" / "articles" / "moscow_times_kaluga.json").read_text())
    assert claimtrack.Analysis.from_dict(stored).to_dict() == stored
    G = read_graph(tmp_path / "out" / "graph.graphml")
    claims = {d["claim_id"]: d for _, d in G.nodes(data=True) if d.get("kind") == "claim"}
    assert claims["c8"]["claim_kind"] == "advice"
    assert claims["c8"]["statement"].startswith("United States' citizens should avoid")
    seed = {c.id: c for c in analyzer.analyze(
        (EXAMPLES / "moscow_times_kaluga.txt").read_text(encoding="utf-8"), "moscow_times_kaluga").claims}
    assert {k: (d["claim_kind"], d["statement"]) for k, d in claims.items()} == \
        {k: (c.kind, c.statement) for k, c in seed.items()}
