"""The learned word model: which words it reads, the shipped weights, and what they say."""
from __future__ import annotations

import json

import pytest

from claimtrack.check.features import Doc, base_features
from claimtrack.check.lexical import Idf
from claimtrack.check.wordmodel import WORD_FEATURES, WordModel, default_words, stance_words

from test_check_stance import CLAIM, CONFIRM, DEBUNK


def test_the_bag_leaves_out_the_claims_words_and_marks_the_lead():
    bag = stance_words(["plant", "contract"], [["the", "plant", "story", "is", "a", "hoax"]],
                       [["plant", "denied", "it"]])
    assert "hoax" in bag and "story" in bag and "plant" not in bag
    assert "L_denied" in bag and "denied" not in bag and "L_plant" not in bag


def test_the_shipped_model_round_trips_and_says_where_it_came_from():
    model = default_words()
    assert len(model.vocab) == len(set(model.vocab)) >= 100
    assert all(len(model.weights[c]) == len(model.vocab) for c in model.classes)
    assert [f"words_{c}" for c in model.classes] == WORD_FEATURES
    assert WordModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    assert "training_ids" in model.provenance["training_data"]


def test_a_score_is_the_bias_plus_the_weights_of_the_words_present():
    model = WordModel(["hoax", "confirmed"], {"agree": [-1.0, 2.0], "disagree": [3.0, -1.0],
                                              "discuss": [0.0, 0.0]},
                      {"agree": 0.5, "disagree": -2.0, "discuss": 0.0})
    assert model.scores(frozenset({"hoax", "unknown"})) == [-0.5, 1.0, 0.0]
    assert model.scores(frozenset()) == [0.5, -2.0, 0.0]


def test_a_debunking_body_reads_as_more_disagreeing_than_a_confirming_one():
    idf, claim = Idf.default(), Doc.read(CLAIM, split=False)
    score = {}
    for name, text in (("debunk", DEBUNK), ("confirm", CONFIRM)):
        _, _, bag = base_features(claim, Doc.read(text), idf)
        score[name] = dict(zip(WORD_FEATURES, default_words().scores(bag)))
    assert score["debunk"]["words_disagree"] > score["confirm"]["words_disagree"]
    # (not so for agree: a debunking body agrees with a headline that calls the story a hoax,
    # so the words alone cannot tell; the forest reads them with the claim's own words)


def test_another_kind_of_file_is_refused():
    with pytest.raises(ValueError):
        WordModel.from_dict({"format": "claimtrack-forest/1"})
