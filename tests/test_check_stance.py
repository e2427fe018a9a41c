"""The lexical stance model: the shipped forest on articles written for these tests."""
from __future__ import annotations

import json

import pytest

from claimtrack.check.features import FEATURES
from claimtrack.check.stance import STANCES, load_model, stance, stances
from claimtrack.learn import ForestFileError

CLAIM = "Robert Plant ripped up an $800 million Led Zeppelin reunion contract"

DEBUNK = """Reports that Robert Plant ripped up an $800 million contract for a Led Zeppelin reunion
are false, his spokesman said on Monday.

"There was never any contract, and Robert did not tear anything up. The story is a hoax," the
spokesman said. The rumour first appeared on a satirical website and was denied by the band's
management, who called it fake."""

CONFIRM = """Robert Plant ripped up an $800 million contract for a Led Zeppelin reunion tour, the
promoter confirmed on Monday.

The promoter said Plant tore up the $800 million deal in front of him. Plant's manager confirmed
that the singer had rejected the contract. The promoter released a photo of the torn contract."""

UNRELATED = """The city council approved a new budget for road repairs on Tuesday. The budget
includes money for 40 kilometres of new asphalt and a bridge over the river.

Council members voted 7 to 2 in favour. Work will start in the spring, the mayor said."""


def test_the_shipped_model_is_a_forest_over_the_features_with_provenance():
    model = load_model()
    assert model.features == FEATURES and model.classes == STANCES
    prov = model.provenance
    assert "training_ids" in prov["training_data"] and prov["command"].startswith("python benchmarks/fnc1/")
    assert prov["scores"]["cv_train"]["relative"] > 0.8
    # chosen on folds grouped by story, which leak no headline and no related body
    assert prov["scores"]["cv_train_story"]["relative"] > 0.8
    assert model.features[-6:] == ["words_agree", "words_disagree", "words_discuss",
                                   "debunk", "debunk_if_claim_states", "debunk_if_claim_refutes"]


def test_a_debunking_article_denies_the_rumour_with_evidence():
    s = stance(CLAIM, DEBUNK)
    assert s.stance == "denies", s
    assert s.evidence and any("Plant" in e for e in s.evidence)
    assert abs(sum(s.probabilities.values()) - 1.0) < 1e-6


def test_a_confirming_article_is_not_a_denial():
    assert stance(CLAIM, CONFIRM).stance in ("confirms", "discusses")
    assert stance(CLAIM, CONFIRM).probabilities["denies"] < stance(CLAIM, DEBUNK).probabilities["denies"]


def test_an_unrelated_article_is_unrelated_without_evidence():
    s = stance(CLAIM, UNRELATED)
    assert s.stance == "unrelated" and s.evidence == []


def test_many_claims_against_one_article_read_it_once():
    out = stances([CLAIM, "The city council approved a budget for road repairs"], UNRELATED)
    assert [s.stance for s in out][0] == "unrelated" and out[1].stance != "unrelated"
    assert json.dumps(out[1].to_dict())


def test_a_broken_model_file_is_refused(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text('{"format": "something else"}')
    with pytest.raises(ForestFileError):
        load_model(str(bad))


def test_the_small_batch_walk_equals_the_vectorised_one():
    import numpy as np

    from claimtrack.learn import forest

    model = load_model()
    rng = np.random.default_rng(21)
    X = rng.gamma(1.0, 2.0, size=(300, len(model.features)))
    X[rng.random(X.shape) < 0.2] = 0.0
    X[0, 3] = np.nan
    wide = model.raw(X)                                   # 300 rows: vectorised
    narrow = np.vstack([model.raw(X[i:i + forest.SMALL]) for i in range(0, 300, forest.SMALL)])  # plain Python
    assert X.shape[0] > forest.SMALL >= 1
    assert np.allclose(wide, narrow, rtol=0, atol=1e-12)
