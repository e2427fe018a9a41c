"""Passes over found attributions: quoted cues dropped, reports nested."""
from __future__ import annotations

from extractkit import att, src


def test_reporting_inside_a_quote_is_part_of_the_quote(analyze_text):
    r = analyze_text('"I think we will win, and I know our voters," the candidate said.')
    assert [a.cue.lemma for a in r.attributions] == ["say"]


def test_nested_attribution_keeps_its_parent(analyze_text):
    r = analyze_text("Russian media reported that Moscow said the attack was prevented.")
    outer = att(r, "reported", "Moscow said")
    inner = att(r, "said", "the attack was prevented")
    assert inner.parent == outer.id and outer.parent is None

