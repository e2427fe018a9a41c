"""A boosted tree ensemble as plain data: trained by LightGBM, stored as JSON, evaluated with numpy.

The file is data that cannot run code (no pickle): the trees' split features, thresholds and
leaf values, the feature names, and a ``provenance`` record (training data, date, scores, the
command that made it). Evaluation walks all candidates through each tree level by level, so a
few hundred candidates cost milliseconds, and LightGBM itself (1–2 s to import) is needed only
to train.

>>> f = Forest.from_dict({"format": FORMAT, "objective": "binary", "num_class": 1,
...     "features": ["x"], "trees": [{"feature": [0, -1, -1], "threshold": [0.5, 0, 0],
...     "left": [1, -1, -1], "right": [2, -1, -1], "value": [0, -2.0, 2.0],
...     "default_left": [True, False, False], "missing": ["None", "None", "None"]}]})
>>> [round(float(p), 3) for p in f.predict([[0.0], [1.0]])]
[0.119, 0.881]
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

FORMAT = "claimtrack-forest/1"


class ForestFileError(ValueError):
    """A model file that is not a claimtrack forest (broken, foreign, or of another version)."""


@dataclass
class Tree:
    """One tree as parallel node arrays; a leaf has ``feature == -1``."""

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]
    default_left: list[bool]
    missing: list[str]  # LightGBM's missing_type per node: None | Zero | NaN

    def to_dict(self) -> dict:
        return {"feature": self.feature, "threshold": self.threshold, "left": self.left,
                "right": self.right, "value": self.value, "default_left": self.default_left,
                "missing": self.missing}

    @classmethod
    def from_dict(cls, d: dict) -> "Tree":
        tree = cls(*(list(d[k]) for k in ("feature", "threshold", "left", "right", "value",
                                          "default_left", "missing")))
        n = len(tree.feature)
        if n == 0 or any(len(getattr(tree, k)) != n for k in tree.to_dict()):
            raise ForestFileError("a tree's node arrays differ in length")
        return tree


@dataclass
class Forest:
    """The ensemble: ``predict`` gives P(positive) for binary, class probabilities for multiclass."""

    objective: str  # binary | multiclass
    num_class: int
    features: list[str]
    trees: list[Tree]
    classes: list[str] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)
    threshold: float = 0.5
    _arrays: Any = field(default=None, repr=False, compare=False)

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def from_lightgbm(cls, booster, classes: Sequence[str] = (), provenance: dict | None = None,
                      threshold: float = 0.5) -> "Forest":
        """Read a trained ``lightgbm.Booster`` through its documented JSON dump."""
        dump = booster.dump_model()
        objective = str(dump.get("objective", "binary")).split()[0]
        trees = [_flatten(t["tree_structure"]) for t in dump["tree_info"]]
        return cls("multiclass" if objective.startswith("multiclass") else "binary",
                   int(dump.get("num_class", 1)), list(dump["feature_names"]), trees,
                   list(classes), dict(provenance or {}), threshold)

    # -- the file -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {"format": FORMAT, "objective": self.objective, "num_class": self.num_class,
                "features": list(self.features), "classes": list(self.classes),
                "threshold": self.threshold, "provenance": dict(self.provenance),
                "trees": [t.to_dict() for t in self.trees]}

    @classmethod
    def from_dict(cls, d: Any) -> "Forest":
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            found = d.get("format") if isinstance(d, dict) else type(d).__name__
            raise ForestFileError(f"not a claimtrack model (format {found!r}, expected {FORMAT!r})")
        try:
            forest = cls(d["objective"], int(d["num_class"]), list(d["features"]),
                         [Tree.from_dict(t) for t in d["trees"]], list(d.get("classes", [])),
                         dict(d.get("provenance", {})), float(d.get("threshold", 0.5)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ForestFileError(f"a broken claimtrack model ({exc.__class__.__name__}: {exc})") from None
        forest._check()
        return forest

    def _check(self) -> None:
        nf = len(self.features)
        for t in self.trees:
            if any(f >= nf for f in t.feature):
                raise ForestFileError("a tree splits on a feature the model does not name")
            n = len(t.feature)
            if any(f >= 0 and not (0 <= l < n and 0 <= r < n) for f, l, r in zip(t.feature, t.left, t.right)):
                raise ForestFileError("a tree points outside itself")

    def dumps(self) -> str:
        """The file's text: sorted keys, one line per tree, the same bytes for the same model."""
        head = {k: v for k, v in self.to_dict().items() if k != "trees"}
        lines = [json.dumps(t.to_dict(), sort_keys=True, separators=(",", ":")) for t in self.trees]
        body = json.dumps(head, sort_keys=True, indent=1, ensure_ascii=False)[:-2]
        return body + ',\n "trees": [\n' + ",\n".join(lines) + "\n ]\n}\n"

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.dumps(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "Forest":
        """Read a model file; anything that is not one raises ``ForestFileError`` naming it."""
        data = read_json(path)
        try:
            return cls.from_dict(data)
        except ForestFileError as exc:
            raise ForestFileError(f"{path}: {exc}") from None

    # -- prediction ---------------------------------------------------------------------------
    def raw(self, X) -> "Any":
        """Summed leaf values, shape (n,) for binary or (n, num_class)."""
        import numpy as np

        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.features):
            raise ValueError(f"expected {len(self.features)} features, got shape {X.shape}")
        k = self.num_class if self.objective == "multiclass" else 1
        if X.shape[0] <= SMALL:  # numpy's per-call cost would dominate: walk in plain Python
            out = np.zeros((X.shape[0], k))
            rows = X.tolist()
            for i, t in enumerate(self.trees):
                out[:, i % k] += [_walk_row(t, x) for x in rows]
        else:
            leaves = _walk(self._compiled(), X)  # (n, trees)
            out = np.stack([leaves[:, c::k].sum(axis=1) for c in range(k)], axis=1)
        return out[:, 0] if k == 1 else out

    def predict(self, X) -> "Any":
        """P(positive) per row (binary) or a row of class probabilities (multiclass)."""
        import numpy as np

        raw = self.raw(X)
        if self.objective == "multiclass":
            e = np.exp(raw - raw.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-raw))

    def _compiled(self):
        """All trees as one set of node arrays (node ids offset per tree), so that every row
        goes down every tree in one numpy step per level."""
        if self._arrays is None:
            import numpy as np

            offsets = np.cumsum([0] + [len(t.feature) for t in self.trees[:-1]])
            cat = lambda name, dtype=None: np.concatenate(  # noqa: E731
                [np.asarray(getattr(t, name), dtype=dtype) for t in self.trees])
            shift = np.repeat(offsets, [len(t.feature) for t in self.trees])
            left, right = cat("left", np.int64), cat("right", np.int64)
            self._arrays = (cat("feature", np.int64), cat("threshold", np.float64),
                            np.where(left >= 0, left + shift, -1), np.where(right >= 0, right + shift, -1),
                            cat("value", np.float64), cat("default_left", bool),
                            np.array([{"None": 0, "Zero": 1, "NaN": 2}.get(m, 0)
                                      for t in self.trees for m in t.missing]), offsets)
        return self._arrays


SMALL = 8  # up to this many rows, the plain-Python walk is faster than the vectorised one


def _walk_row(t: Tree, x: list[float]) -> float:
    """One row down one tree: the same rule as ``_walk``."""
    node = 0
    feature, threshold, missing = t.feature, t.threshold, t.missing
    while feature[node] >= 0:
        v = x[feature[node]]
        nan = v != v
        m = missing[node]
        if (m == "NaN" and nan) or (m == "Zero" and (nan or v == 0.0)):
            left = t.default_left[node]
        else:
            left = (0.0 if nan else v) <= threshold[node]
        node = t.left[node] if left else t.right[node]
    return t.value[node]


def _walk(arrays, X):
    """Every row down every tree at once; LightGBM's rule: go left when value <= threshold.
    Returns the leaf value of each (row, tree). Only the (row, tree) pairs still inside a tree
    take the next step: most reach a leaf long before the deepest does."""
    import numpy as np

    feature, threshold, left, right, value, default_left, missing, roots = arrays
    n, trees = X.shape[0], len(roots)
    # with no missing values in the rows and none seen in training, a split is one comparison
    plain = not missing.any() and not np.isnan(X).any()
    out = np.empty(n * trees)
    active = np.arange(n * trees)  # pair k is row k // trees, tree k % trees
    node = np.tile(roots, n)
    rows = np.repeat(np.arange(n), trees)
    while active.size:
        f = feature[node]
        leaf = f < 0
        if leaf.any():
            out[active[leaf]] = value[node[leaf]]
            inner = ~leaf
            active, node, f = active[inner], node[inner], f[inner]
        x = X[rows[active], f]
        if plain:
            node = np.where(x <= threshold[node], left[node], right[node])
            continue
        nan = np.isnan(x)
        kind = missing[node]
        is_missing = ((kind == 2) & nan) | ((kind == 1) & (nan | (x == 0.0)))
        x = np.where(nan & (kind == 0), 0.0, x)  # LightGBM reads NaN as 0 where none were seen
        go_left = np.where(is_missing, default_left[node], x <= threshold[node])
        node = np.where(go_left, left[node], right[node])
    return out.reshape(n, trees)


def read_json(path: str | Path) -> Any:
    """A model file's JSON; one that cannot be read or parsed is a ``ForestFileError`` naming it."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise ForestFileError(f"{path}: cannot read the model ({why})") from None


def _flatten(root: dict) -> Tree:
    tree = Tree([], [], [], [], [], [], [])

    def add(node: dict) -> int:
        i = len(tree.feature)
        for name in ("feature", "threshold", "left", "right", "value", "default_left", "missing"):
            getattr(tree, name).append(None)
        if "leaf_value" in node or "split_feature" not in node:
            tree.feature[i], tree.threshold[i], tree.left[i], tree.right[i] = -1, 0.0, -1, -1
            tree.value[i] = float(node.get("leaf_value", 0.0))
            tree.default_left[i], tree.missing[i] = False, "None"
            return i
        if node.get("decision_type", "<=") != "<=":
            raise ForestFileError("categorical splits are not supported: encode categories as 0/1 features")
        tree.feature[i], tree.threshold[i] = int(node["split_feature"]), _num(node["threshold"])
        tree.value[i], tree.default_left[i] = 0.0, bool(node.get("default_left", True))
        tree.missing[i] = str(node.get("missing_type", "None"))
        tree.left[i] = add(node["left_child"])
        tree.right[i] = add(node["right_child"])
        return i

    add(root)
    return tree


def _num(x) -> float:
    v = float(x)
    return v if math.isfinite(v) else (1e308 if v > 0 else -1e308)
