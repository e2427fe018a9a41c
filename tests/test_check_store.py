"""The store's clusters and links with the claim matcher: paraphrase stories, rules versions, rebuild."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimtrack.errors import InputError
from claimtrack.store.store import MATCHER, ClaimStore
from claimtrack.store.storyscore import score_story

from conftest import EXAMPLES

STORIES = EXAMPLES / "stories"


def _fill(analyzer, store, name):
    for line in (STORIES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        r = analyzer.analyze(d["text"], d["id"]).to_dict()
        store.add_analysis(r, {k: d[k] for k in ("date", "outlet", "url", "title") if d.get(k)})
        store.save_document(d["id"], d["text"], r)


@pytest.fixture(scope="module")
def depot(analyzer, tmp_path_factory):
    db = tmp_path_factory.mktemp("depot") / "depot.db"
    with ClaimStore.open(db) as store:
        _fill(analyzer, store, "depot_fire")
    return db


def test_paraphrase_story_clusters_and_links(depot):
    with ClaimStore.open(depot) as store:
        clusters = list(store.clusters())
    s = score_story(STORIES / "depot_fire.gold.json", clusters)
    assert s["cluster_precision"] == s["cluster_recall"] == 1.0, s
    assert s["link_precision"] == s["link_recall"] == 1.0, s
    by = {name: next(c for c in clusters if c["id"] == cid) for name, cid in s["found"].items()}
    # "started by a faulty heater" and, days later, "a heater … had caused the blaze": one
    # cluster, and the same ministry again is no confirmation
    assert len(by["cause"]["appearances"]) == 2 and by["cause"]["status"] == "claimed"
    # the same quotation in the wire story and the paper that reprinted it: one cluster
    assert {a["article"] for a in by["no_fuel"]["appearances"]} == {"depot-1-wire", "depot-2-daily"}
    assert by["diesel"]["status"] == "disputed"


def test_spill_story_joins_a_denial_and_a_paraphrased_confirmation(analyzer, tmp_path):
    """"Black Sea Shipping denied that the tanker had spilled any oil" and, in the same article,
    "the agency confirmed that about 300 tonnes of crude had escaped": one proposition."""
    with ClaimStore.open(tmp_path / "s.db") as store:
        _fill(analyzer, store, "batumi_spill")
        s = score_story(STORIES / "batumi_spill.gold.json", list(store.clusters()))
    assert s["cluster_precision"] == s["cluster_recall"] == 1.0, s
    assert s["link_recall"] == 1.0 and s["status_accuracy"] == 1.0, s["errors"]


def test_a_store_of_other_rules_is_refused_then_rebuilt(depot, tmp_path, analyzer):
    db = tmp_path / "old.db"
    db.write_bytes(depot.read_bytes())
    with ClaimStore.open(db) as store:
        before = [(c["statement"], sorted(a["article"] for a in c["appearances"])) for c in store.clusters()]
        first = next(store.clusters())
        store.add_review(first["id"], "False", "n", "Nino", "2024-09-06T00:00:00+00:00", 1)
        store.conn.execute("UPDATE meta SET value = 'signature/0' WHERE key = 'matcher'")
        store.conn.commit()
    with ClaimStore.open(db) as store:
        assert store.stale
        with pytest.raises(InputError, match="--rebuild"):
            store.add_analysis(analyzer.analyze("Police said two men died.", "new").to_dict())
        assert store.rebuild() == 4 and store.matcher == MATCHER and not store.stale
        after = [(c["statement"], sorted(a["article"] for a in c["appearances"])) for c in store.clusters()]
        reviewed = [c for c in store.clusters() if c.get("reviews")]
    assert after == before
    assert [c["statement"] for c in reviewed] == [first["statement"]]


def test_track_rebuild_without_inputs(depot, tmp_path):
    from claimtrack.cli import main

    db = tmp_path / "t.db"
    db.write_bytes(depot.read_bytes())
    with ClaimStore.open(db) as store:
        store.conn.execute("DELETE FROM meta WHERE key = 'matcher'")
        store.conn.commit()
    r = CliRunner().invoke(main, ["track", "--db", str(db), "--rebuild"])
    assert r.exit_code == 0 and "4 article(s) re-clustered" in r.output, r.output
    assert CliRunner().invoke(main, ["track", "--db", str(db)]).exit_code == 2


def test_the_store_weighs_words_by_their_rarity_in_its_own_articles(depot):
    """Every depot article speaks of the depot: in this store it weighs less than in the
    shipped table; reopening reads the same weights back from the appearances."""
    from claimtrack.check.lexical import Idf

    with ClaimStore.open(depot) as store:
        grown = store.idf
        assert grown.n == Idf.default().n + len(store.articles())
        assert grown("depot") < Idf.default()("depot")
        weights = {w: grown(w) for w in ("depot", "diesel", "residue", "heater")}
    with ClaimStore.open(depot) as again:
        assert {w: again.idf(w) for w in weights} == weights


def test_a_store_of_the_previous_matcher_is_stale(depot, tmp_path):
    db = tmp_path / "prev.db"
    db.write_bytes(depot.read_bytes())
    with ClaimStore.open(db) as store:
        store.conn.execute("UPDATE meta SET value = 'signature+check/1' WHERE key = 'matcher'")
        store.conn.commit()
    with ClaimStore.open(db) as store:
        assert store.stale and MATCHER != "signature+check/1"
        with pytest.raises(InputError, match="--rebuild"):
            store.check_rules()
