"""The claim graph: structure on the seed article, merging, and export round trips."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from conftest import EXAMPLES

from claimtrack.graph.readwrite import format_for, read_graph, write_graph
from claimtrack.graph.build import build_graph, describe, merge_graphs


@pytest.fixture(scope="module")
def seed_graph(seed):
    return build_graph(seed)


def _edges(G):
    return sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))


def test_seed_graph_nodes_and_typed_edges(seed, seed_graph):
    G = seed_graph
    kinds = nx.get_node_attributes(G, "kind")
    assert sum(k == "article" for k in kinds.values()) == 1
    assert sum(k == "source" for k in kinds.values()) == len(seed.sources)
    assert sum(k == "claim" for k in kinds.values()) == len(seed.claims)
    assert G.has_edge("source:agency:fsb", "source:state:russia", key="part_of")
    moscow = next(a for a in seed.attributions if a.source and a.source.text == "Moscow")
    d = G.edges["source:state:russia", f"claim:{seed.id}/{moscow.claim_id}", f"{seed.id}/{moscow.id}"]
    assert d["relation"] == "claims" and d["cue"] == "claims"
    assert json.loads(d["source_spans"]) == [list(sp) for sp in moscow.source.spans]
    # every claim appears in the article; every claim link is in the graph
    assert all(G.has_edge(f"claim:{seed.id}/{c.id}", f"article:{seed.id}") for c in seed.claims)
    rels = {d["relation"] for _, _, d in G.edges(data=True) if d["kind"] == "claim_link"}
    assert "confirms" in rels


def test_every_attribute_is_json_scalar(seed_graph):
    for _, d in seed_graph.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    for _, _, d in seed_graph.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    json.dumps(nx.node_link_data(seed_graph, edges="edges"))


@pytest.mark.parametrize("ext", ["graphml", "gexf", "json"])
def test_round_trip_unchanged(seed_graph, tmp_path, ext):
    """Every node and edge attribute comes back, GEXF included (its reserved names — an edge's
    ``type``, a node's ``key`` — are renamed on the way out and back on the way in)."""
    path = tmp_path / f"seed.{ext}"
    assert write_graph(seed_graph, path) == ext
    back = read_graph(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(seed_graph.nodes(data=True))
    assert _edges(back) == _edges(seed_graph)


def test_other_writers(seed_graph, tmp_path):
    write_graph(seed_graph, tmp_path / "g.gexf")
    assert read_graph(tmp_path / "g.gexf").number_of_nodes() == seed_graph.number_of_nodes()
    write_graph(seed_graph, tmp_path / "g.dot")
    dot = (tmp_path / "g.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph") and '"source:agency:fsb" -> "source:state:russia"' in dot
    write_graph(seed_graph, tmp_path / "edges.txt", fmt="csv")
    rows = (tmp_path / "edges.txt").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("from,to,key,relation") and len(rows) == seed_graph.number_of_edges() + 1
    with pytest.raises(ValueError):
        format_for("g.xyz")


def test_merged_graph_unifies_sources_across_articles(seed, seed_graph, analyze_text):
    other = analyze_text((EXAMPLES / "hierarchy.txt").read_text(encoding="utf-8"), "hierarchy")
    G = merge_graphs([seed_graph, build_graph(other)])
    russia = G.nodes["source:state:russia"]
    assert json.loads(russia["articles"]) == [seed.id, "hierarchy"]
    assert {"Moscow", "The Kremlin"} <= set(json.loads(russia["aliases"]))
    assert G.has_edge("source:agency:investigative committee", "source:state:russia")
    assert G.number_of_nodes() == seed_graph.number_of_nodes() + build_graph(other).number_of_nodes() - 1  # Russia


def test_describe_lists_edges(seed_graph):
    text = describe(seed_graph)
    assert "FSB --part_of--> Russia" in text
    assert "--appears_in-->" in text


def test_cli_graph_command(tmp_path, analyzer, monkeypatch):
    from click.testing import CliRunner

    from claimtrack.cli.commands import main

    # reuse the session pipeline instead of loading a second one
    monkeypatch.setattr("claimtrack.api.Analyzer", lambda *a, **k: analyzer)
    out = tmp_path / "g.json"
    res = CliRunner().invoke(main, ["graph", str(EXAMPLES / "denial.txt"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    G = read_graph(out)
    assert any(d["relation"] == "contradicts" for _, _, d in G.edges(data=True))
