"""`claimtrack eval` scores exactly like the reference scorer on a gold file the project writes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from claimtrack.evaluate.predict import predict_corpus
from conftest import EXAMPLES, SHARED

SCORER = SHARED / "bench" / "score.py"


def _span(text: str, phrase: str, start: int = 0) -> list[int]:
    i = text.index(phrase, start)
    return [i, i + len(phrase)]


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory):
    """Hand-annotated gold for two project articles (PolNeAR conventions: content keeps quotes)."""
    docs = []
    t = (EXAMPLES / "port_strike.txt").read_text(encoding="utf-8")
    docs.append({"id": "port_strike", "text": t, "meta": {}, "attributions": [
        {"source": [_span(t, "Dockworkers in Rotterdam")], "cue": [_span(t, "said")],
         "content": [_span(t, "that they would extend their strike for another week")]},
        {"source": [_span(t, "The port authority")], "cue": [_span(t, "claimed")],
         "content": [_span(t, "to have reopened two of its five terminals")]},
        {"source": [_span(t, "Marta de Vries, the union's spokeswoman")], "cue": [_span(t, "said", t.index("signed"))],
         "content": [_span(t, '"We will not go back until the contract is signed,"')]},
        {"source": [_span(t, "The company")], "cue": [_span(t, "did not confirm")],
         "content": [_span(t, "that it had hired replacement crews")]},
        {"source": [], "cue": [_span(t, "stay away")], "content": [_span(t, "from the gates")]},
    ]})
    t2 = (EXAMPLES / "flood_report.txt").read_text(encoding="utf-8")
    docs.append({"id": "flood_report", "text": t2, "meta": {"ignore_spans": [_span(t2, "In a statement")]},
                 "attributions": [
        {"source": [_span(t2, "official figures")], "cue": [_span(t2, "according to")],
         "content": [_span(t2, "At least 30 people died in the floods")]},
        {"source": [], "cue": [_span(t2, "was claimed")], "content": [_span(t2, "that the dam had been poorly maintained")]},
    ]})
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_eval_numbers_equal_the_reference_scorer(analyzer, gold_file, tmp_path):
    if not SCORER.exists():
        pytest.skip("reference scorer not available")
    gold = {json.loads(x)["id"]: json.loads(x) for x in gold_file.read_text().splitlines()}
    pred = predict_corpus(analyzer, gold)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in pred.values()), encoding="utf-8")
    ours = CliRunner().invoke(main, ["eval", str(gold_file), "--pred", str(pred_file), "--json"],
                              catch_exceptions=False)
    assert ours.exit_code == 0
    ref = subprocess.run([sys.executable, str(SCORER), str(gold_file), str(pred_file), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(ours.output) == json.loads(ref.stdout)
    res = json.loads(ours.output)
    # the extractor finds the four verb attributions and the according-to; not the invented one
    assert 4 <= res["attributions"]["attr"]["tp"] <= 6
    assert res["attributions"]["attr"]["r"] < 1.0


def test_eval_table_and_breakdown(analyzer, gold_file, tmp_path):
    gold = {json.loads(x)["id"]: json.loads(x) for x in gold_file.read_text().splitlines()}
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in predict_corpus(analyzer, gold).values()))
    res = CliRunner().invoke(main, ["eval", str(gold_file), "--pred", str(pred_file)], catch_exceptions=False)
    assert "attr (cue & content overlap)" in res.output and "Span level" in res.output


def test_eval_rejects_malformed_gold(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "a"}\nnot json\n')
    res = CliRunner().invoke(main, ["eval", str(bad), "--pred", str(bad)])
    assert res.exit_code == 2 and "not JSON" in res.output  # an input error (was 1)
