"""Statements, kinds and signatures of claims, through the real pipeline."""
from __future__ import annotations

from claimtrack.claims.signature import Signature, compare
from claimtrack.claims.timex import normalise


def _claim_of(result, source_text):
    a = next(a for a in result.attributions if a.source and a.source.text == source_text)
    return next(c for c in result.claims if c.id == a.claim_id)


def test_seed_statements_read_alone(seed):
    kaz = _claim_of(seed, "Kazakhstan")
    assert "two of Kazakhstan's citizens" in kaz.statement
    fsb = next(c for c in seed.claims if "put an end" in c.text)
    assert fsb.statement.startswith("FSB has put an end")
    knb = _claim_of(seed, "the Kazakh National Security Committee (KNB)")
    assert not knb.statement.startswith('"') and not knb.statement.endswith(",")
    for c in seed.claims:
        assert not c.statement.lower().startswith(("that ", "to ")), c.statement


def test_seed_embassy_advice_is_not_checkable(seed):
    advice = next(c for c in seed.claims if "avoid large groupings" in c.text)
    assert advice.kind == "advice" and advice.status == "not-checkable"
    assert "advice" in advice.reason and "should avoid" in advice.statement
    warning = next(c for c in seed.claims if "extremists" in c.text)
    assert warning.kind == "assertion"   # a warning that something is happening is a claim of fact


def test_kinds_of_claims(analyze_text):
    r = analyze_text("The minister promised to cut taxes. The union said prices will rise. "
                     "Analysts believe the plan is a mistake. Police asked residents to leave the "
                     "area. Reporters asked whether the bridge was safe.")
    kinds = {c.statement: c.kind for c in r.claims}
    assert kinds == {"the minister will cut taxes": "intention", "prices will rise": "prediction",
                     "the plan is a mistake": "opinion", "residents should leave the area": "advice",
                     "whether the bridge was safe": "question"}
    assert all(c.status == "not-checkable" for c in r.claims if c.kind != "prediction")


def test_signature_has_predicate_numbers_and_resolved_pronoun(seed):
    media = _claim_of(seed, "Russian media")
    sig = media.signature
    assert sig["predicate"] == "die" and ["2", "suspect"] in sig["numbers"]
    assert "state:kazakhstan" in sig["arguments"] and "state:russia" in sig["places"]


def test_negation_and_conflicting_numbers_contradict():
    a = Signature("die", "pos", ["explosion", "worker"], [["2", "worker"]])
    assert compare(a, Signature("die", "neg", ["explosion", "worker"]))["relation"] == "contradicts"
    assert compare(a, Signature("die", "pos", ["explosion", "worker"], [["2", "worker"]]))["relation"] == "same"
    assert compare(a, Signature("pay", "pos", ["explosion", "worker"])) is None   # words, not proposition
    assert compare(a, Signature("die", "pos", ["flood", "village"])) is None


def test_times_are_normalised_against_the_article_date():
    assert normalise("saturday", "2024-03-09") == "2024-03-09"
    assert normalise("last sunday", "2024-03-09") == "2024-03-03"
    assert normalise("thursday", "2024-03-09") == "2024-03-07"


def test_a_state_bodys_citizens_are_the_states(seed):
    advice = next(c for c in seed.claims if c.kind == "advice")
    assert advice.statement.startswith("United States' citizens should avoid")
