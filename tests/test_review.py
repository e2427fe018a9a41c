"""The review round-trip: CSV out, reviewers' verdicts back into the graph as review nodes."""
from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from claimtrack.graph.build import build_graph
from claimtrack.export.review import (REVIEW_FIELDS, ReviewError, claim_index, import_reviews, load_graph,
                               read_review_csv, save_graph, write_review_csv)
from exports_sample import sample_analysis


def review_rows(analyses) -> list[dict]:
    buf = io.StringIO()
    write_review_csv(analyses, buf)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


def claim_graph() -> nx.MultiDiGraph:
    """The real claim graph (claimtrack.graph) of the hand-built sample analysis."""
    return build_graph(sample_analysis())


C1, C2 = "claim:sample/c1", "claim:sample/c2"


def filled_csv(path, rows_by_claim: dict[str, dict]) -> None:
    rows = review_rows([sample_analysis()])
    for r in rows:
        r.update(rows_by_claim.get(r["claim_id"], {}))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=REVIEW_FIELDS)
        w.writeheader()
        w.writerows(rows)


def test_review_csv_has_one_row_per_claim_with_empty_reviewer_columns():
    rows = review_rows([sample_analysis()])
    assert list(rows[0]) == REVIEW_FIELDS
    assert [r["claim_id"] for r in rows] == ["c1", "c2"]
    c1 = rows[0]
    assert c1["claim"] == "two <militants> & a driver were killed"
    assert c1["source"] == "FSB; Kazakhstan" and c1["source_type"] == "government; country"
    assert c1["cue"] == "said; confirmed" and c1["cue_class"] == "assert; confirm"
    assert (c1["status"], c1["reason"]) == ("confirmed", "confirmed by Kazakhstan")
    assert c1["sentence"].startswith("The FSB said that") and c1["sentence"].endswith("confirmed.")
    assert rows[1]["sentence"] == "The KNB denied that any arrests were made."
    assert all(r["verdict"] == r["notes"] == r["reviewer"] == "" for r in rows)


def test_review_csv_neutralises_spreadsheet_formulas_and_newlines():
    a = sample_analysis()
    a.claims[0].text = "=HYPERLINK(\"http://evil\")"
    a.claims[1].reason = "line one\nline two"
    rows = review_rows([a])
    assert rows[0]["claim"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1]["reason"] == "line one line two"


def test_read_review_csv_takes_what_spreadsheets_save(tmp_path):
    p = tmp_path / "filled.csv"
    # Excel in many locales: UTF-8 with BOM, ';' delimiter, CRLF, columns reordered
    p.write_bytes("\ufeffverdict;claim_id;article;notes;claim\r\n"
                  "False;c2;sample;\"arrests were; in fact, made\";x\r\n"
                  ";c1;sample;;y\r\n".encode("utf-8"))
    assert read_review_csv(p) == {("sample", "c2"): {"verdict": "False", "reviewer": "",
                                                     "notes": "arrests were; in fact, made"}}
    bad = tmp_path / "bad.csv"
    bad.write_text("claim,status\nx,confirmed\n", encoding="utf-8")
    with pytest.raises(ReviewError, match="missing column.*article, claim_id, verdict"):
        read_review_csv(bad)


def test_import_reviews_adds_review_nodes_and_keeps_machine_status():
    g = claim_graph()
    before = dict(g.nodes[C2])
    reviews = {("sample", "c2"): {"verdict": "False", "notes": "arrests were made", "reviewer": "ann"},
               ("sample", "c9"): {"verdict": "True", "notes": "", "reviewer": ""}}
    res = import_reviews(g, reviews, origin="filled.csv")
    assert (res.added, res.updated, res.unmatched) == (1, 0, [("sample", "c9")])
    rid = "review:claim:sample/c2:ann"
    assert g.nodes[rid]["kind"] == "review" and g.nodes[rid]["verdict"] == "False"
    assert g.nodes[rid]["notes"] == "arrests were made"
    assert g.has_edge(rid, C2, key="reviews")
    assert g.nodes[C2] == before  # machine status and reason untouched
    # importing again updates, never duplicates
    reviews[("sample", "c2")]["verdict"] = "Mostly false"
    res = import_reviews(g, reviews)
    assert (res.added, res.updated) == (0, 1)
    assert g.nodes[rid]["verdict"] == "Mostly false"
    assert g.number_of_edges(rid, C2) == 1
    assert sum(1 for _, d in g.nodes(data=True) if d.get("kind") == "review") == 1


def test_claim_index_reads_ids_from_attributes_or_node_names():
    g = nx.MultiDiGraph()
    g.add_node("claim:art one/c3", kind="claim")
    g.add_node("other:c4", kind="claim")
    g.add_node("x17", kind="claim", article="a", claim_id="c1")
    g.add_node("source:agency:fsb", kind="source")
    assert claim_index(g) == {("art one", "c3"): "claim:art one/c3", ("other", "c4"): "other:c4",
                              ("a", "c1"): "x17"}
    assert claim_index(claim_graph()) == {("sample", "c1"): C1, ("sample", "c2"): C2}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_graph_files_round_trip_with_reviews(tmp_path, suffix):
    g = claim_graph()
    import_reviews(g, {("sample", "c1"): {"verdict": "True", "notes": "", "reviewer": ""}})
    path = tmp_path / f"g{suffix}"
    save_graph(g, path)
    back = load_graph(path)
    assert back.nodes["review:claim:sample/c1"]["verdict"] == "True"
    assert back.nodes[C1]["status"] == "confirmed"
    assert any(v == C1 for _, v in back.out_edges("review:claim:sample/c1"))


def test_review_import_command(tmp_path):
    graph = tmp_path / "claims.graphml"
    save_graph(claim_graph(), graph)
    filled = tmp_path / "filled.csv"
    filled_csv(filled, {"c1": {"verdict": "True", "notes": "KNB statement"}})
    out = tmp_path / "reviewed.graphml"
    runner = CliRunner()
    res = runner.invoke(main, ["review", "import", str(filled), "--graph", str(graph), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "1 review(s) added" in res.output
    g = load_graph(out)
    assert g.nodes["review:claim:sample/c1"]["notes"] == "KNB statement"
    assert g.nodes[C1]["status"] == "confirmed"
    # a CSV of another article's claims: refused, nothing written
    other = tmp_path / "other.csv"
    other.write_text("article,claim_id,verdict\nelsewhere,c1,True\n", encoding="utf-8")
    res = runner.invoke(main, ["review", "import", str(other), "--graph", str(graph),
                               "-o", str(tmp_path / "no.graphml")])
    assert res.exit_code == 2 and "none of the 1 reviewed claim(s)" in res.output
    assert not (tmp_path / "no.graphml").exists()
