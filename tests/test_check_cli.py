"""``claimtrack check`` end to end: files, the store and the desk give the same rows (real pipeline)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimtrack.check.run import check_store, read_claims
from claimtrack.cli import main
from claimtrack.store.store import ClaimStore

CLAIM = "Two workers were killed in an explosion at the Rustavi chemical plant"
WIRE = ("Police said two workers were killed in an explosion at the Rustavi chemical plant on "
        "Monday. Kartli Chemicals denied that the explosion was caused by a gas leak.")
DENIAL = ("Kartli Chemicals denied that two workers were killed in an explosion at the Rustavi "
          "chemical plant. No one was hurt, the company said.")
BUDGET = "The city council approved a new budget for road repairs on Tuesday."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("check")
    with open(d / "articles.jsonl", "w", encoding="utf-8") as fh:
        for id, text in (("wire", WIRE), ("denial", DENIAL), ("budget", BUDGET)):
            fh.write(json.dumps({"id": id, "text": text}) + "\n")
    return d


def _check(analyzer, args):
    """Run the CLI in this process, reusing the session's pipeline (no second model load)."""
    from claimtrack.batch import run

    old = run.build_analyzer
    run.build_analyzer = lambda settings: analyzer
    try:
        return CliRunner().invoke(main, ["check", "--no-progress", *args], catch_exceptions=False)
    finally:
        run.build_analyzer = old


def test_check_rows_per_claim_and_article(analyzer, corpus):
    r = _check(analyzer, ["--claim", CLAIM, str(corpus / "articles.jsonl"), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = {row["article"]: row for row in json.loads(r.output)}
    assert set(rows) == {"wire", "denial", "budget"}
    assert rows["denial"]["stance"] == "denies"
    assert rows["denial"]["evidence"][0]["class"] == "deny"
    assert rows["wire"]["stance"] in ("confirms", "discusses")
    assert rows["budget"]["stance"] == "unrelated"


def test_many_claims_with_article_lists(analyzer, corpus, tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"id": "k1", "text": CLAIM, "articles": ["wire"]}) + "\n"
                      + json.dumps({"id": "k2", "text": "The council approved a budget for roads"}) + "\n")
    r = _check(analyzer, ["--claims", str(claims), str(corpus / "articles.jsonl"), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    pairs = [(d["claim"], d["article"]) for d in map(json.loads, r.output.splitlines())]
    assert pairs == [("k1", "wire"), ("k2", "wire"), ("k2", "denial"), ("k2", "budget")]


def test_bad_usage_is_one_line_and_exit_2(corpus):
    r = CliRunner().invoke(main, ["check", str(corpus / "articles.jsonl")])
    assert r.exit_code == 2 and "--claim" in r.output
    r = CliRunner().invoke(main, ["check", "--claim", "x", "--db", str(corpus / "none.db")])
    assert r.exit_code == 2 and "no such claim store" in r.output
    assert "Traceback" not in r.output


def test_the_store_and_the_desk_give_the_rows_of_check(analyzer, corpus, tmp_path):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from claimtrack.desk.app import create_app

    db = tmp_path / "desk.db"
    with TestClient(create_app(analyzer, str(db)), base_url="http://127.0.0.1:8765") as c:
        for id, text in (("wire", WIRE), ("denial", DENIAL)):
            assert c.post("/api/articles", json={"text": text, "id": id}).status_code == 201
        api = c.get("/api/check", params={"claim": CLAIM}).json()
        page = c.get("/check", params={"claim": CLAIM}).text
        assert c.get("/api/check").status_code == 400
    files = _check(analyzer, ["--claim", CLAIM, str(corpus / "articles.jsonl"), "--format", "json"])
    by_file = {d["article"]: d for d in json.loads(files.output)}
    assert {d["article"]: d["stance"] for d in api} == {"wire": by_file["wire"]["stance"],
                                                         "denial": "denies"}
    assert api == [by_file[d["article"]] for d in api]  # the same rows, evidence and all
    r = _check(analyzer, ["--claim", CLAIM, "--db", str(db), "--format", "json"])
    assert json.loads(r.output) == api
    assert "denies" in page and 'href="/articles/denial"' in page and "Kartli Chemicals" in page
    with ClaimStore.open(db) as store:
        assert [x.to_dict() for x in check_store(read_claims(CLAIM, None), store)] == api
