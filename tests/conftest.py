"""Shared fixtures: one Stanza pipeline per test session, pointed at the shared mini model."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
MINI_MODEL = SHARED / "models" / "stanza-en-mini"


def model_dir() -> Path:
    env = os.environ.get("CLAIMTRACK_MODEL_DIR")
    return Path(env) if env else MINI_MODEL


@pytest.fixture(scope="session")
def analyzer():
    """The real pipeline, loaded once for the whole session."""
    from claimtrack.api import Analyzer

    path = model_dir()
    if not (path / "resources.json").exists():
        pytest.fail(f"test model directory {path} is missing (set CLAIMTRACK_MODEL_DIR)")
    return Analyzer(path)


@pytest.fixture(scope="session")
def seed(analyzer):
    """The seed article, analysed once."""
    text = (EXAMPLES / "moscow_times_kaluga.txt").read_text(encoding="utf-8")
    return analyzer.analyze(text, "moscow_times_kaluga")


@pytest.fixture(scope="session")
def analyze_text(analyzer):
    """Analyse a short text with the session pipeline and the rules deciding alone (results
    memoised per text): these are tests of what the rules read; the default decision, the
    model's veto, is tested on the examples and in tests/extract/test_decide.py."""
    from claimtrack.api import Analyzer

    rules = Analyzer(parser=analyzer.parser, lexicon=analyzer.lexicon, min_confidence="rules")
    memo = {}

    def run(text: str, id: str = "t"):
        if text not in memo:
            memo[text] = rules.analyze(text, id)
        return memo[text]

    return run


@pytest.fixture(scope="session")
def example(analyzer):
    """Analyse an article of examples/ by name (memoised for the session)."""
    memo = {}

    def load(name: str):
        if name not in memo:
            text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
            memo[name] = analyzer.analyze(text, name)
        return memo[name]

    return load
