"""Nominal cues."""
from __future__ import annotations

from extractkit import att, src


# 6. nominal cues
def test_nominal_cues(example):
    r = example("flood_report")
    a = att(r, "claim", "the warnings came too late")
    assert src(a) == "The mayor" and a.construction == "nominal"
    a = att(r, "said", "the dam was inspected in May")
    assert "the water board" in src(a)

