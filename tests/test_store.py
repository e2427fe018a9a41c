"""The claim store: clusters, independence across articles, statuses over time, the CLI."""
from __future__ import annotations

import json

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from claimtrack.store.store import ClaimStore
from claimtrack.store.storyscore import score_story

from conftest import EXAMPLES, model_dir

STORIES = EXAMPLES / "stories"


def _article(id, date, outlet, claims, sources=(("s1", "Police", "name:police", []),)):
    """A minimal Analysis.to_dict(): one attribution per claim, from (claim text, signature,
    source id, cue class)."""
    atts, cls = [], []
    for k, (text, sig, sid, cue) in enumerate(claims, 1):
        atts.append({"id": f"a{k}", "source": {"text": "x", "spans": []}, "source_id": sid,
                     "cue": {"text": cue, "class": cue, "negated": False, "lemma": cue},
                     "content": {"text": text, "spans": []}, "parent": None, "claim_id": f"c{k}"})
        cls.append({"id": f"c{k}", "text": text, "statement": text, "kind": "assertion",
                    "stance": cue, "signature": sig, "attributions": [f"a{k}"]})
    return {"id": id, "text_sha256": id * 2, "meta": {"date": date, "outlet": outlet},
            "attributions": atts, "claims": cls, "links": [],
            "sources": [{"id": i, "name": n, "key": k, "part_of": p, "type": "government"}
                        for i, n, k, p in sources]}


DEATHS = {"predicate": "die", "arguments": ["explosion", "worker"], "numbers": [["2", "worker"]]}
PAY = {"predicate": "pay", "arguments": ["plant", "worker"]}


@pytest.fixture
def store(tmp_path):
    with ClaimStore.open(tmp_path / "t.db") as s:
        yield s


def test_same_proposition_joins_one_cluster_and_same_words_do_not(store):
    store.add_analysis(_article("a1", "2024-05-06", "Wire", [("two died", DEATHS, "s1", "assert")]))
    store.add_analysis(_article("a2", "2024-05-07", "Daily", [("two workers died", DEATHS, "s2", "confirm"),
                                                              ("workers were paid", PAY, "s2", "assert")],
                                sources=[("s2", "Hospital", "name:hospital", [])]))
    clusters = list(store.clusters())
    assert [len(c["appearances"]) for c in clusters] == [2, 1]
    deaths = clusters[0]
    assert deaths["status"] == "confirmed" and deaths["first_seen"] == {"article": "a1", "date": "2024-05-06"}
    assert [t["status"] for t in deaths["timeline"]] == ["claimed", "confirmed"]


def test_adding_the_same_article_twice_changes_nothing(store):
    art = _article("a1", "2024-05-06", "Wire", [("two died", DEATHS, "s1", "assert")])
    assert store.add_analysis(art) == "added"
    before = json.dumps(list(store.clusters()))
    assert store.add_analysis(art) == "unchanged"
    assert json.dumps(list(store.clusters())) == before


@pytest.mark.parametrize("second, why", [
    (("name:police", []), "says it again"),                                   # same source
    (("name:fsb", ["name:police"]), "not independent"),                       # one hierarchy
])
def test_dependent_sources_do_not_confirm(store, second, why):
    store.add_analysis(_article("a1", "2024-05-06", "Wire", [("two died", DEATHS, "s1", "assert")]))
    key, part_of = second
    srcs = [("s1", "Police", "name:police", []), ("s2", key.split(":")[1].upper(), key, ["s1"] if part_of else [])]
    store.add_analysis(_article("a2", "2024-05-07", "Daily", [("two workers died", DEATHS, "s2", "assert")], srcs))
    c = next(store.clusters())
    assert c["status"] == "claimed" and why in c["reason"]


def test_a_reprint_crediting_the_wire_is_not_independent(store):
    store.add_analysis(_article("a1", "2024-05-06", "Caucasus Wire", [("two died", DEATHS, "s1", "assert")]))
    store.add_analysis(_article("a2", "2024-05-06", "Daily", [("two died, Caucasus Wire reported",
                                                              DEATHS, "s2", "assert")],
                                sources=[("s2", "Hospital", "name:hospital", [])]))
    c = next(store.clusters())
    assert c["status"] == "claimed" and "republishes Caucasus Wire" in c["reason"]


def test_denial_and_conflicting_number_dispute(store):
    store.add_analysis(_article("a1", "2024-05-06", "Wire", [("two died", DEATHS, "s1", "assert")]))
    five = dict(DEATHS, numbers=[["5", "worker"]])
    store.add_analysis(_article("a2", "2024-05-08", "Daily", [("five died", five, "s2", "assert")],
                                sources=[("s2", "Union", "name:union", [])]))
    first, second = store.clusters()
    assert first["status"] == second["status"] == "disputed"
    assert second["links"][0]["relation"] == "contradicts" and second["links"][0]["target"] == first["id"]
    assert second["links"][0]["evidence"]["conflicting_numbers"] == [["2", "5", "worker"]]
    store.add_analysis(_article("a3", "2024-05-09", "Post", [("no", DEATHS, "s3", "deny")],
                                sources=[("s3", "Owner", "name:owner", [])]))
    assert "Owner denies it" in store.cluster(first["id"])["reason"]


def test_query_filters(store):
    store.add_analysis(_article("a1", "2024-05-06", "Wire", [("two died", DEATHS, "s1", "assert"),
                                                             ("workers were paid", PAY, "s1", "assert")]))
    assert [c["statement"] for c in store.clusters(query="paid")] == ["workers were paid"]
    assert len(list(store.clusters(source="police", since="2024-05-01", until="2024-05-06"))) == 2
    assert list(store.clusters(since="2024-05-07")) == []
    store.add_review("k1", "true", "checked with the hospital", "desk")
    assert store.cluster("k1")["reviews"][0]["rating"] == "true"


def test_story_end_to_end_through_the_cli(tmp_path):
    """track → claims from the real pipeline; tracking again leaves the JSON byte-identical."""
    db = tmp_path / "s.db"
    env = {"CLAIMTRACK_MODEL_DIR": str(model_dir())}
    runner = CliRunner()
    story = str(STORIES / "rustavi_blast.jsonl")
    res = runner.invoke(main, ["track", story, "--db", str(db)], env=env)
    assert res.exit_code == 0, res.output
    first = runner.invoke(main, ["claims", "--db", str(db), "--format", "json"]).output
    again = runner.invoke(main, ["track", story, "--db", str(db)], env=env)
    assert again.exit_code == 0 and "0 article(s) added, 5 unchanged" in again.output
    assert runner.invoke(main, ["claims", "--db", str(db), "--format", "json"]).output == first
    clusters = json.loads(first)
    scores = score_story(STORIES / "rustavi_blast.gold.json", clusters)
    assert scores["cluster_precision"] == scores["cluster_recall"] == 1.0, scores
    assert scores["link_recall"] == 1.0 and scores["status_accuracy"] == 1.0, scores["errors"]
    deaths = next(c for c in clusters if c["id"] == scores["found"]["deaths"])
    assert [t["status"] for t in deaths["timeline"]] == ["claimed", "confirmed", "disputed"]
    assert deaths["signature"]["times"] == ["2024-05-06"]   # "on Monday" in an article of that Monday
    assert {"article", "date", "outlet", "source", "cue", "class", "text"} <= set(deaths["appearances"][0])
    table = runner.invoke(main, ["claims", "--db", str(db), "--status", "not-checkable"]).output
    assert "(advice)" in table and "1 cluster(s)" in table
    graph = tmp_path / "corpus.graphml"
    assert runner.invoke(main, ["graph", "--db", str(db), "-o", str(graph)]).exit_code == 0
    from claimtrack.graph.readwrite import read_graph

    G = read_graph(str(graph))
    assert sum(1 for _, d in G.nodes(data=True) if d.get("kind") == "cluster") == len(clusters)


def test_an_interrupted_article_is_wholly_out_and_added_on_resume(store, monkeypatch):
    store.add_analysis(_article("a1", "2024-05-06", "Wire", [("two died", DEATHS, "s1", "assert")]))

    def killed(cid):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(store, "_restatus", killed)
        with pytest.raises(KeyboardInterrupt):
            store.add_analysis(_article("a2", "2024-05-07", "Daily", [("paid", PAY, "s1", "assert")]))
    assert [a["id"] for a in store.articles()] == ["a1"] and len(list(store.clusters())) == 1
    assert store.add_analysis(_article("a2", "2024-05-07", "Daily", [("paid", PAY, "s1", "assert")])) == "added"
    assert len(list(store.clusters())) == 2


@pytest.mark.parametrize("args", [["claims"], ["graph", "-o", "{tmp}/g.json"],
                                  ["track", "{examples}/port_strike.txt"]])
def test_a_store_that_is_not_one_is_exit_4_in_one_line(tmp_path, args):
    """Random bytes as --db: one line naming the file and exit 4, never an internal error."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(range(256)) * 16)
    argv = [a.format(tmp=tmp_path, examples=root / "examples") for a in args]
    res = subprocess.run([sys.executable, "-m", "claimtrack.cli", *argv, "--db", str(junk)],
                         capture_output=True, text=True, cwd=root, timeout=300)
    assert res.returncode == 4, res.stderr
    assert res.stderr.strip().splitlines() == [
        f"claimtrack: error: {junk}: not a claim store (file is not a database)"]


def test_a_store_from_a_newer_claimtrack_is_refused_with_its_version(tmp_path):
    import sqlite3

    from claimtrack.errors import OutputError
    from claimtrack.store.store import ClaimStore

    db = tmp_path / "new.db"
    ClaimStore.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema'")
    with pytest.raises(OutputError, match="schema version 99, newer than this claimtrack's"):
        ClaimStore.open(db)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t(x)")
    with pytest.raises(OutputError, match="not a claim store"):
        ClaimStore.open(other)


@pytest.mark.parametrize("name", ["moscow_times_kaluga", "confirmation", "hierarchy", "denial"])
def test_one_article_alone_gets_the_same_status_in_the_store(store, example, name):
    """One ladder (claims.status.decide): an article's evidence, read by the store, gives its
    claims' clusters the statuses the article gave them — partial confirmations included."""
    r = example(name)
    store.add_analysis(r.to_dict(), {"date": "2024-03-08", "outlet": "Wire"})
    clusters = store.article_clusters(name)
    alone = [c for c in r.claims if sum(v == clusters[c.id] for v in clusters.values()) == 1]
    assert alone
    assert [(c.id, store.cluster(clusters[c.id])["status"]) for c in alone] == \
        [(c.id, c.status) for c in alone]


def test_a_partial_confirmation_counts_only_from_independent_sources():
    from claimtrack.store.independence import status_at

    app = {"article": "a1", "date": "2024-03-09", "outlet": "Wire", "source": "FSB",
           "source_key": "agency:fsb", "hierarchy": ["agency:fsb", "state:russia"], "via": [],
           "class": "claim", "text": "two died", "cue": "said"}
    part = {"relation": "confirms", "source": "k2", "article": "a1", "date": "2024-03-09",
            "evidence": {"extent": "part", "independent": True}}
    assert status_at("assertion", [app], [], [part])[0] == "partly-confirmed"
    assert status_at("assertion", [app], [], [dict(part, evidence={"extent": "full", "independent": True})])[0] \
        == "confirmed"
    assert status_at("assertion", [app], [], [dict(part, evidence={"extent": "part", "independent": False})])[0] \
        == "claimed"
