"""The trained decision: every attribution carries its confidence, --min-confidence filters, and
a model file that is not one is a one-line model error."""
from __future__ import annotations

import csv
import io
import json

import pytest

from claimtrack.extract.decide import MIN_CONFIDENCE_VAR, MODEL_VAR, AttributionModel, feature_names
from conftest import EXAMPLES
from test_cli import cli  # noqa: F401  (the in-process CLI on the session pipeline)

SEED = str(EXAMPLES / "moscow_times_kaluga.txt")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    # the options travel as environment variables (so batch workers inherit them): undo them
    monkeypatch.setenv(MODEL_VAR, "")
    monkeypatch.setenv(MIN_CONFIDENCE_VAR, "")


def test_the_shipped_model_is_data_with_its_provenance():
    model = AttributionModel.default()
    assert model.feature_names == feature_names(model.vocab)
    prov = model.provenance
    assert {"command", "date", "training_data", "cross_validation", "params"} <= set(prov)
    assert prov["training_data"][0]["file"] == "train.jsonl"
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.rule_threshold < 1.0


def test_by_default_the_model_vetoes_the_rules_weakest_and_every_attribution_has_a_confidence(seed, analyzer):
    from claimtrack.api import Analyzer

    none = Analyzer(parser=analyzer.parser, attribution_model="rules").analyze(seed.text, seed.id)
    assert [(a.cue.spans, a.content.spans) for a in seed.attributions] == \
        [(a.cue.spans, a.content.spans) for a in none.attributions]   # the seed loses nothing
    assert seed.attributions and all(0.0 <= a.confidence <= 1.0 for a in seed.attributions)
    assert all(a.confidence is None for a in none.attributions)
    # a team's notes under its name, the rules read as a speaker label: the rules propose it,
    # the default drops it under the model's threshold for the rules' candidates; 'rules' keeps it
    text = ("TIP-INS\n\nThunder: F Hamidou Diallo missed his third straight game with a left knee sprain.\n\n"
            "Lakers: Kyle Kuzma left the court in the second quarter with an eye abrasion. "
            "He did not return, although the coach said he was available.")
    ruled = Analyzer(parser=analyzer.parser, min_confidence="rules").analyze(text)
    default = Analyzer(parser=analyzer.parser).analyze(text)
    cut = AttributionModel.default().rule_threshold
    keys = [(a.cue.spans, a.content.spans) for a in default.attributions]
    assert keys == [(a.cue.spans, a.content.spans) for a in ruled.attributions if a.confidence >= cut]
    assert ":" in [a.cue.text for a in ruled.attributions]
    assert ":" not in [a.cue.text for a in default.attributions]


def test_auto_keeps_each_kind_of_candidate_at_its_own_threshold(analyzer):
    from claimtrack.extract import extract
    from claimtrack.extract.decide import proposed_by_rules

    model = AttributionModel.default()
    text = (EXAMPLES / "noise_study.txt").read_text(encoding="utf-8")
    doc = analyzer.parser.parse(text)
    every = extract(doc, analyzer.lexicon, model=model, min_confidence=0.0)
    kept = extract(doc, analyzer.lexicon, model=model, min_confidence="auto")
    assert any(a.construction.startswith("open-") for a in every)  # open candidates are proposed
    keys = {(tuple(a.cue.spans), tuple(a.content.spans)) for a in kept}
    for a in every:
        sent = doc.sentences[a.sentence]
        cut = model.rule_threshold if proposed_by_rules(a, sent, model.learned_cues) else model.threshold
        rivals = [b.confidence for b in every if b is not a and b.cue.spans == a.cue.spans
                  and b.confidence >= (model.rule_threshold if proposed_by_rules(b, sent, model.learned_cues)
                                       else model.threshold)]
        expected = a.confidence >= cut and all(a.confidence >= c for c in rivals)
        assert ((tuple(a.cue.spans), tuple(a.content.spans)) in keys) == expected


def test_a_cue_keeps_only_its_most_confident_reading():
    from claimtrack.extract.decide import one_per_cue
    from claimtrack.types import Attribution, Cue, Role

    def cand(content, conf, cue=(10, 14)):
        a = Attribution("", 0, "indirect", None, Cue.from_spans("x" * 80, [cue], "say", "assert", False),
                        Role.from_spans("x" * 80, [content]), "verb")
        a.confidence = conf
        return a

    weak, strong, other = cand((20, 30), 0.6), cand((40, 50), 0.9), cand((60, 70), 0.5, cue=(55, 58))
    assert one_per_cue([weak, strong, other]) == [strong, other]


def test_min_confidence_filters_and_the_json_and_csv_carry_it(cli, monkeypatch):
    def run(*args):
        monkeypatch.setenv(MIN_CONFIDENCE_VAR, "")  # each run as a new process would start
        return json.loads(cli("analyze", SEED, "--format", "json", *args).output)

    everything, default, strict = run("--min-confidence", "0"), run(), run("--min-confidence", "0.95")
    auto = run("--min-confidence", "auto")
    assert auto["attributions"] and all(0 < a["confidence"] <= 1 for a in auto["attributions"])
    n_all, n_default, n_strict = (len(d["attributions"]) for d in (everything, default, strict))
    assert n_all > n_default > n_strict
    assert all(a["confidence"] >= 0.95 for a in strict["attributions"])
    monkeypatch.setenv(MIN_CONFIDENCE_VAR, "")
    rows = list(csv.DictReader(io.StringIO(cli("analyze", SEED, "--format", "csv").output)))
    assert len(rows) == n_default and all(0 < float(r["confidence"]) <= 1 for r in rows)


def test_veto_keeps_only_the_rules_attributions_the_model_trusts(cli, monkeypatch, tmp_path):
    from claimtrack.extract.decide import resolve_model

    # the shipped model trusts every rule attribution of the seed article; a stricter copy
    # of it shows what the veto takes back
    strict = resolve_model().to_dict()
    strict["rule_threshold"] = cut = 0.97
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(strict), encoding="utf-8")

    def run(*args):
        monkeypatch.setenv(MIN_CONFIDENCE_VAR, "")
        return json.loads(cli("analyze", SEED, "--format", "json", "--attribution-model", str(path),
                              *args).output)["attributions"]

    ruled, veto, default = run("--min-confidence", "rules"), run("--min-confidence", "veto"), run()
    spans = {json.dumps(a["cue"]["spans"]) for a in ruled}
    assert veto and len(veto) < len(ruled)
    assert default == veto   # the veto is the default
    # only the rules' own attributions, never a new candidate, each at the model's threshold
    assert all(json.dumps(a["cue"]["spans"]) in spans and a["confidence"] >= cut for a in veto)
    assert {json.dumps(a["cue"]["spans"]) for a in ruled if a["confidence"] >= cut} == \
        {json.dumps(a["cue"]["spans"]) for a in veto}


def test_the_donation_appeal_is_not_listed_unless_asked(cli):
    plain = json.loads(cli("analyze", SEED, "--format", "json").output)
    shown = json.loads(cli("analyze", SEED, "--format", "json", "--show-boilerplate").output)
    text = (EXAMPLES / "moscow_times_kaluga.txt").read_text(encoding="utf-8")
    inside = [a for a in shown["attributions"]
              if any(s <= a["cue"]["spans"][0][0] < e for s, e in shown["boilerplate"])]
    assert shown["boilerplate"] and inside, "the seed article's appeal has attributions"
    assert not [a for a in plain["attributions"]
                if any(s <= a["cue"]["spans"][0][0] < e for s, e in plain["boilerplate"])]
    assert "support" in text[shown["boilerplate"][0][0]:shown["boilerplate"][-1][1]].lower()


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other/1"}), json.dumps(
    {"format": "claimtrack-attribution-model/1", "forest": {}})])
def test_a_broken_or_foreign_model_is_one_line_exit_3(cli, tmp_path, content):
    bad = tmp_path / "model.json"
    bad.write_text(content, encoding="utf-8")
    res = cli("analyze", SEED, "--attribution-model", str(bad))
    assert res.exit_code == 3
    line = res.output.strip()
    assert "\n" not in line and str(bad) in line and "Traceback" not in line


def test_min_confidence_that_is_not_a_number_or_a_decision_is_a_usage_error(cli):
    res = cli("analyze", SEED, "--min-confidence", "high")
    assert res.exit_code == 2 and "'high' is not a number from 0 to 1, 'auto', 'veto' or 'rules'" in res.output


def test_the_environment_names_the_model_too(cli, tmp_path, monkeypatch):
    bad = tmp_path / "m.json"
    bad.write_text("[]", encoding="utf-8")
    monkeypatch.setenv(MODEL_VAR, str(bad))
    assert cli("analyze", SEED).exit_code == 3


def test_the_graph_edges_carry_the_confidence(seed):
    from claimtrack.graph import build_graph

    edges = [d for _, _, d in build_graph(seed).edges(data=True) if d.get("kind") == "attribution"]
    assert edges and all(0 < d["confidence"] <= 1 for d in edges)


def test_the_words_of_a_span_are_those_it_overlaps():
    """The bisection the features use finds exactly the words a span overlaps, at its edges too."""
    from claimtrack.extract.decide import _words_in
    from claimtrack.parse import doc_from_conllu

    rows = [("Officials", "official", "NOUN", 2, "nsubj"), ("said", "say", "VERB", 0, "root"),
            ("the", "the", "DET", 4, "det"), ("bridge", "bridge", "NOUN", 6, "nsubj"),
            ("was", "be", "AUX", 6, "cop"), ("safe", "safe", "ADJ", 2, "ccomp")]
    conllu = "".join(f"{i}\t{f}\t{l}\t{u}\t_\t_\t{h}\t{d}\t_\t_\n" for i, (f, l, u, h, d) in enumerate(rows, 1))
    sent = doc_from_conllu(conllu).sentences[0]
    every = [(s, e) for s in range(sent.end + 2) for e in range(s + 1, sent.end + 3)]
    for span in every:
        brute = [w.i for w in sent.words if w.start < span[1] and w.end > span[0]]
        assert _words_in(sent, [span]) == brute, span
    assert _words_in(sent, [(0, 3), (19, 22)]) == [0, 3]   # "Off…", "bri…"
