"""Attributions marked by layout: signed quotes and speaker labels."""
from __future__ import annotations

from extractkit import att, src

TRANSCRIPT = ("MIKE PENCE: We have made our case to the American people every single day.\n\n"
              "TIM KAINE: The governor has not answered that question at all tonight.\n\n"
              "Photo: The bridge was opened on Monday by the mayor of the city.")
SIGNED = ("The mayor opened the bridge on Monday.\n\n"
          "\u201cA city that stops building stops growing.\u201d \u2015 Mayor Jane Holt\n")


def test_speaker_label_before_a_colon(analyze_text):
    r = analyze_text(TRANSCRIPT)
    a = att(r, ":", "made our case")
    assert src(a) == "MIKE PENCE" and a.construction == "speaker-label"
    assert a.content.text.startswith("We have made") and "\n" not in a.content.text
    assert src(att(r, ":", "has not answered")) == "TIM KAINE"


def test_page_furniture_is_no_speaker_label(analyze_text):
    r = analyze_text(TRANSCRIPT)
    assert not any(src(a) == "Photo" for a in r.attributions)


def test_signed_quote(analyze_text):
    r = analyze_text(SIGNED)
    a = att(r, "\u2015", "stops growing")
    assert src(a) == "Mayor Jane Holt" and a.type == "direct" and a.construction == "signed-quote"
