"""The tree ensemble as JSON: it predicts what LightGBM predicts, survives its own file, and a
file that is not one is a one-line error."""
from __future__ import annotations

import json

import pytest

from claimtrack.learn import Forest, ForestFileError

np = pytest.importorskip("numpy")


def _data(n, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5))
    X[:, 3] = (X[:, 3] > 0).astype(float)
    X[rng.random(n) < 0.1, 2] = np.nan  # LightGBM learns where missing values go
    y = ((X[:, 0] + X[:, 3] * X[:, 1] + np.nan_to_num(X[:, 2])) > 0.3).astype(int)
    return X, y


def test_predictions_equal_lightgbm_binary_and_multiclass():
    lgb = pytest.importorskip("lightgbm")
    X, y = _data(2000, 0)
    Xt, _ = _data(300, 1)
    params = {"verbose": -1, "seed": 1, "deterministic": True, "num_threads": 1}
    binary = lgb.train({**params, "objective": "binary"}, lgb.Dataset(X, y), 40)
    assert np.allclose(Forest.from_lightgbm(binary).predict(Xt), binary.predict(Xt), atol=1e-12)
    y3 = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0)
    multi = lgb.train({**params, "objective": "multiclass", "num_class": 3}, lgb.Dataset(X, y3), 20)
    forest = Forest.from_lightgbm(multi, classes=["a", "b", "c"])
    assert np.allclose(forest.predict(Xt), multi.predict(Xt), atol=1e-12)
    assert forest.predict(Xt).shape == (300, 3)


def test_the_file_round_trips_exactly(tmp_path):
    forest = _tiny()
    path = tmp_path / "m.json"
    forest.save(path)
    again = Forest.load(path)
    assert again.to_dict() == forest.to_dict()
    assert again.dumps() == forest.dumps()
    assert list(again.predict([[0.0], [1.0]])) == list(forest.predict([[0.0], [1.0]]))


@pytest.mark.parametrize("content, says", [
    ("not json", "cannot read the model"),
    (json.dumps({"format": "something-else/2"}), "not a claimtrack model"),
    (json.dumps([1, 2]), "not a claimtrack model"),
    (json.dumps({"format": "claimtrack-forest/1", "objective": "binary"}), "broken"),
])
def test_a_file_that_is_not_a_forest_is_one_line(tmp_path, content, says):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ForestFileError) as err:
        Forest.load(path)
    assert says in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_a_tree_that_points_outside_itself_is_refused():
    d = _tiny().to_dict()
    d["trees"][0]["left"][0] = 7
    with pytest.raises(ForestFileError, match="outside"):
        Forest.from_dict(d)


def _tiny() -> Forest:
    return Forest.from_dict({"format": "claimtrack-forest/1", "objective": "binary", "num_class": 1,
                             "features": ["x"], "provenance": {"made_by": "test"},
                             "trees": [{"feature": [0, -1, -1], "threshold": [0.5, 0, 0],
                                        "left": [1, -1, -1], "right": [2, -1, -1],
                                        "value": [0, -2.0, 2.0], "default_left": [True, False, False],
                                        "missing": ["None", "None", "None"]}]})


def test_a_forest_without_missing_values_predicts_what_lightgbm_does():
    # (no missing value in training or in the rows: the one-comparison walk)
    lgb = pytest.importorskip("lightgbm")
    X, y = _data(2000, 2)
    X, Xt = np.nan_to_num(X), np.nan_to_num(_data(300, 3)[0])
    params = {"verbose": -1, "seed": 1, "deterministic": True, "num_threads": 1, "objective": "binary"}
    booster = lgb.train(params, lgb.Dataset(X, y), 40)
    forest = Forest.from_lightgbm(booster)
    assert np.allclose(forest.predict(Xt), booster.predict(Xt), atol=1e-12)
    assert np.allclose(forest.predict(Xt[:5]), booster.predict(Xt[:5]), atol=1e-12)  # the per-row walk
