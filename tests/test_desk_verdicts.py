"""Verdicts and the reviewed flag in the claims list (desk page, JSON API, ``claims`` CLI), and
statements rather than raw contents in the article page's tables. Real pipeline, real store."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from claimtrack.cli.commands import main
from claimtrack.desk.app import create_app

BASE = "http://127.0.0.1:8765"
WIRE = ("Police said two workers were killed in an explosion at the Rustavi chemical plant on "
        "Monday. Kartli Chemicals denied that the explosion was caused by a gas leak.")
UNION = "The union claimed to have put an end to the strike at the Rustavi chemical plant."


@pytest.fixture(scope="module")
def desk(analyzer, tmp_path_factory):
    """A desk with three claims: one reviewed True then False (so False is its verdict), one
    reviewed Unproven, one not reviewed."""
    db = tmp_path_factory.mktemp("verdicts") / "desk.db"
    with TestClient(create_app(analyzer, str(db)), base_url=BASE) as c:
        for id, text in (("wire", WIRE), ("union", UNION)):
            r = c.post("/api/articles", json={"text": text, "id": id, "date": "2024-05-06"})
            assert r.status_code == 201, r.text
        ids = {}
        for words in ("workers", "gas leak", "strike"):
            rows = c.get("/api/claims", params={"q": words}).json()
            assert len(rows) == 1, (words, rows)
            ids[words] = rows[0]["id"]
        for words, verdict in (("workers", "True"), ("workers", "False"), ("gas leak", "Unproven")):
            r = c.post(f"/api/claims/{ids[words]}/review", json={"verdict": verdict, "reviewer": "Nino"})
            assert r.status_code == 201, r.text
        yield c, ids, db


def _ids(rows) -> set[str]:
    return {r["id"] for r in rows}


def test_api_rows_carry_verdict_and_reviewed_and_filter_on_them(desk):
    c, ids, _ = desk
    rows = {r["id"]: r for r in c.get("/api/claims").json()}
    assert rows[ids["workers"]]["verdict"] == "False" and rows[ids["workers"]]["reviewed"] is True
    assert rows[ids["strike"]]["verdict"] is None and rows[ids["strike"]]["reviewed"] is False
    assert _ids(c.get("/api/claims", params={"reviewed": "yes"}).json()) == {ids["workers"], ids["gas leak"]}
    assert ids["strike"] in _ids(c.get("/api/claims", params={"reviewed": "no"}).json())
    assert not _ids(c.get("/api/claims", params={"reviewed": "no"}).json()) & {ids["workers"], ids["gas leak"]}
    # the latest review decides: "True" was corrected to "False"; any case matches
    assert _ids(c.get("/api/claims", params={"verdict": "false"}).json()) == {ids["workers"]}
    assert c.get("/api/claims", params={"verdict": "True"}).json() == []
    r = c.get("/api/claims", params={"reviewed": "maybe"})
    assert r.status_code == 400 and "reviewed: yes or no" in r.json()["error"]


def test_claims_page_has_verdict_and_reviewed_columns_and_filters(desk):
    c, ids, _ = desk
    page = c.get("/claims").text
    assert "<th>verdict</th><th>reviewed</th>" in page
    assert '<select name="reviewed"' in page and '<option value="False">False</option>' in page
    row = re.search(rf'<tr>(?:(?!</tr>).)*/claims/{ids["workers"]}"(?:(?!</tr>).)*</tr>', page, re.S).group(0)
    assert '<span class="badge verdict">False</span>' in row and "✓ Nino" in row
    unreviewed = c.get("/claims", params={"reviewed": "no"}).text
    assert f'/claims/{ids["strike"]}"' in unreviewed and f'/claims/{ids["workers"]}"' not in unreviewed
    assert '<option value="no" selected>' in unreviewed
    only_false = c.get("/claims", params={"verdict": "False"}).text
    assert f'/claims/{ids["workers"]}"' in only_false and f'/claims/{ids["gas leak"]}"' not in only_false


def test_claims_cli_filters_by_verdict_and_review(desk):
    _, ids, db = desk
    runner = CliRunner()

    def run(*args):
        res = runner.invoke(main, ["claims", "--db", str(db), *args])
        assert res.exit_code == 0, res.output
        return res.output

    assert {r["id"] for r in json.loads(run("--reviewed", "-f", "json"))} == {ids["workers"], ids["gas leak"]}
    unrev = {r["id"] for r in json.loads(run("--unreviewed", "-f", "json"))}
    assert ids["strike"] in unrev and ids["workers"] not in unrev
    assert [r["id"] for r in json.loads(run("--verdict", "FALSE", "-f", "json"))] == [ids["workers"]]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("-f", "csv")))}
    assert rows[ids["workers"]]["verdict"] == "False" and rows[ids["workers"]]["reviewed"] == "yes"
    assert rows[ids["strike"]]["verdict"] == "" and rows[ids["strike"]]["reviewed"] == "no"
    assert "verdict: False (Nino)" in run("--verdict", "false")


def test_article_page_tables_show_the_statement_not_the_raw_content(desk):
    c, _, _ = desk
    claim = next(x for x in c.get("/api/articles/union").json()["claims"] if "strike" in x["text"])
    assert claim["text"].startswith("to have put an end")        # the raw content…
    assert claim["statement"] != claim["text"]                   # …and the statement that reads alone
    page = c.get("/articles/union").text
    tables = re.findall(r'<table class="(?:claims|list)">.*?</table>', page, re.S)
    assert len(tables) == 2                                      # the report's and the store's
    for table in tables:
        cells = re.findall(r"<td>(.*?)</td>", table, re.S)
        assert any(cell.startswith(claim["statement"]) for cell in cells), table
        assert not any(cell == claim["text"] for cell in cells)   # never the content alone
        assert f'<span class="as-written">as written: {claim["text"]}</span>' in table
