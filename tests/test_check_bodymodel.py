"""The debunk model: the body's words, the shipped weights, and the claim's polarity apart."""
from __future__ import annotations

import json

import pytest

from claimtrack.check.bodymodel import DEBUNK_FEATURES, DebunkModel, body_bag, default_debunk
from claimtrack.check.features import FEATURES, Doc, base_features, claim_refutes, debunk_bag, pair_features
from claimtrack.check.lexical import Idf

from test_check_stance import CLAIM, CONFIRM, DEBUNK


def test_the_shipped_model_round_trips_and_says_where_it_came_from():
    model = default_debunk()
    assert len(model.vocab) == len(set(model.vocab)) == len(model.weights) >= 100
    assert DebunkModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    assert "training_ids" in model.provenance["training_data"]
    assert FEATURES[-len(DEBUNK_FEATURES):] == DEBUNK_FEATURES


def test_the_score_goes_to_the_column_of_the_claims_kind():
    model = DebunkModel(["hoax", "confirmed"], [2.0, -1.0], -0.5)
    bag = body_bag(["the", "story", "is", "a", "hoax", "hoax"])
    assert model.score(bag) == 1.5
    assert model.features(bag, claim_refutes=False) == [1.5, 1.5, 0.0]
    assert model.features(bag, claim_refutes=True) == [1.5, 0.0, 1.5]


def test_a_debunking_body_scores_higher_than_a_confirming_one():
    model = default_debunk()
    assert model.score(debunk_bag(Doc.read(DEBUNK))) > model.score(debunk_bag(Doc.read(CONFIRM)))


def test_a_claim_that_itself_refutes_is_told_from_one_that_states():
    idf, body = Idf.default(), Doc.read(DEBUNK)
    states = base_features(Doc.read(CLAIM, split=False), body, idf)[0]
    refutes = base_features(Doc.read("The Led Zeppelin reunion contract story is a hoax", split=False),
                            body, idf)[0]
    assert not claim_refutes(states) and claim_refutes(refutes)
    row = dict(zip(FEATURES, pair_features(Doc.read(CLAIM, split=False), body, idf)[0]))
    assert row["debunk_if_claim_refutes"] == 0.0 and row["debunk_if_claim_states"] == row["debunk"]


def test_another_kind_of_file_is_refused():
    with pytest.raises(ValueError):
        DebunkModel.from_dict({"format": "claimtrack-words/1"})
