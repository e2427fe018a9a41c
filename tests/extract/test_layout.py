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


def test_signed_quote_whose_opening_mark_is_a_closing_one(analyze_text):
    r = analyze_text("Readers wrote to us after the debate.\n\n"
                     "\u201dThe schools in my town need more teachers, not more slogans.\u201d \u2015 Ana Ruiz\n")
    a = att(r, "\u2015", "need more teachers")
    assert src(a) == "Ana Ruiz" and a.content.text.startswith("\u201dThe schools")


def test_speaker_label_in_capitals_whatever_its_tag(analyze_text):
    r = analyze_text("WALLACE: Let us start with the news on the debate story tonight.\n\n"
                     "PENCE: Well, look, the governor has made our case every single day.")
    assert src(att(r, ":", "Let us start")) == "WALLACE"
    assert src(att(r, ":", "made our case")) == "PENCE"


def test_headline_verb_in_title_case(analyze_text):
    r = analyze_text("Kremlin Denies Role in Attack on Synagogue\n\n"
                     "Port Strike Will End Soon, Union Leader Says.\n\n"
                     "The statement came on Friday.")
    a = att(r, "Denies", "Role in Attack")
    assert src(a) == "Kremlin" and a.cue.cls == "deny" and a.construction == "headline"
    b = att(r, "Says", "Port Strike Will End Soon")
    assert src(b) == "Union Leader" and b.cue.lemma == "say"


def test_title_case_line_without_a_reporting_verb_is_no_headline_cue(analyze_text):
    r = analyze_text("The Best Pizza Places in Town\n\nWe ate at all of them this week.")
    assert not [a for a in r.attributions if a.construction == "headline"]


def test_a_title_before_a_colon_is_not_a_speaker(analyze_text):
    r = analyze_text("The Latest: Trump urges supporters to monitor polling places.\n\n"
                     "Correction: An earlier version of this article misstated the date of the rally.")
    assert not any(a.cue.text == ":" for a in r.attributions)
    assert src(att(r, "urges", "supporters to monitor polling places")) == "Trump"


def test_a_listings_imperative_line_is_no_speaker_label(analyze_text):
    r = analyze_text("The Lakers won again on Tuesday.\n\nUP NEXT\n\nThunder: Host the Lakers on Friday.\n\n"
                     "Lakers: Visit the Thunder on Saturday.\n\nWALLACE: Let us start with the debate.\n\n"
                     "PENCE: Look, we will win this election.")
    labels = {src(a) for a in r.attributions if a.construction == "speaker-label"}
    assert "Thunder" not in labels and "Lakers" not in labels, labels
    # an imperative said to someone in the room, or words after one, are a speaker's
    assert {"WALLACE", "PENCE"} <= labels, labels
