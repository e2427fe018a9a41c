"""Adjective cues: a stance or belief stated with a copula."""
from __future__ import annotations

from extractkit import att, src


def test_stance_adjective_with_a_phrase(analyze_text):
    r = analyze_text("Many Republicans are deeply skeptical of the trade deal.")
    a = att(r, "are deeply skeptical of", "the trade deal")
    assert src(a) == "Many Republicans" and a.cue.cls == "believe"


def test_belief_adjective_with_a_clause(analyze_text):
    r = analyze_text("The governor was sure that the bill would pass.")
    a = att(r, "was sure", "the bill would pass")
    assert src(a) == "The governor"


def test_no_holder_no_attribution(analyze_text):
    # "It is clear that …": nobody is said to hold the view, and a plain state is no stance
    r = analyze_text("It is certain that the bridge will close. The bridge is ready for traffic.")
    assert not any(a.construction == "adjective" for a in r.attributions)


def test_custom_adjectives_from_a_user_lexicon(tmp_path):
    from claimtrack.extract.lexicon import load_lexicon
    extra = tmp_path / "extra.toml"
    extra.write_text('[adjectives.evaluate]\nlemmas = ["livid"]\n', encoding="utf-8")
    assert load_lexicon(extra).adjective_class("livid") == "evaluate"
    assert load_lexicon().adjective_class("livid") is None


def test_a_matter_declared_evident_has_no_source(analyze_text):
    r = analyze_text("By now it should be obvious that voters want to see the returns.")
    a = att(r, "be obvious", "voters want to see the returns")
    assert a.source is None and a.construction == "evident"
