"""Passes over found attributions: quoted cues dropped, reports nested."""
from __future__ import annotations

from extractkit import att, rows_doc, src


def test_reporting_inside_a_quote_is_part_of_the_quote(analyze_text):
    r = analyze_text('"I think we will win, and I know our voters," the candidate said.')
    assert [a.cue.lemma for a in r.attributions] == ["say"]


def test_nested_attribution_keeps_its_parent(analyze_text):
    r = analyze_text("Russian media reported that Moscow said the attack was prevented.")
    outer = att(r, "reported", "Moscow said")
    inner = att(r, "said", "the attack was prevented")
    assert inner.parent == outer.id and outer.parent is None



def test_a_poll_share_answering_a_hypothetical_is_kept(analyze_text):
    r = analyze_text("Among likely voters, 46 percent would support Clinton. Critics would call that a fluke.")
    assert any(a.cue.lemma == "support" and "46 percent" in src(a) for a in r.attributions)
    assert not any(a.cue.lemma == "call" for a in r.attributions)


def test_a_participle_that_is_all_the_content_stays_in_it(analyze_text):
    r = analyze_text("The agency decided against recommending charges against her in July.")
    a = att(r, "decided against", "recommending charges")
    assert src(a) == "The agency"


def test_an_impression_with_a_modal_is_kept(analyze_text):
    r = analyze_text("From afar, the city can appear to be an economic powerhouse.")
    a = att(r, "can appear", "to be an economic powerhouse")
    assert a.source is None and a.content.text.startswith("the city")


def test_a_request_inside_a_statement_is_its_own_attribution(analyze_text):
    r = analyze_text("The mayor said she had asked the council to delay the vote, and that she hoped it would.")
    a = att(r, "had asked", "the council to delay the vote")
    assert src(a) == "she" and a.cue.cls == "ask"
    assert not any(x.cue.lemma == "hope" for x in r.attributions)  # a hope inside it still hedges


def test_a_trailing_report_frames_the_report_and_is_not_its_content(analyze_text):
    """"X said P, the agency reported": the agency's clause is not part of what X said; where the
    agency's own attribution is found, X's report nests inside it."""
    r = analyze_text("Police said two workers were killed in an explosion at the plant on Monday, "
                     "Caucasus Wire reported. Firefighters said the explosion was caused by a gas "
                     "leak, the agency reported.")
    said = [a for a in r.attributions if a.cue.text == "said"]
    assert [a.content.text for a in said] == [
        "two workers were killed in an explosion at the plant on Monday",
        "the explosion was caused by a gas leak"]
    agency = next(a for a in r.attributions if a.source and a.source.text == "the agency")
    assert said[1].parent == agency.id
    assert all("reported" not in c.statement for c in r.claims)


# "The air force said on Sunday it had destroyed 30 drones, while officials reported damage
# to a port." as the parser gave it: "on Sunday" and the "while" clause hang on "destroyed"
_PARALLEL = [("The", "the", "DET", 3, "det"), ("air", "air", "NOUN", 3, "compound"),
             ("force", "force", "NOUN", 4, "nsubj"), ("said", "say", "VERB", 0, "root"),
             ("on", "on", "ADP", 6, "case"), ("Sunday", "Sunday", "PROPN", 9, "obl"),
             ("it", "it", "PRON", 9, "nsubj"), ("had", "have", "AUX", 9, "aux"),
             ("destroyed", "destroy", "VERB", 4, "ccomp"), ("30", "30", "NUM", 11, "nummod"),
             ("drones", "drone", "NOUN", 9, "obj"), (",", ",", "PUNCT", 15, "punct"),
             ("while", "while", "SCONJ", 15, "mark"), ("officials", "official", "NOUN", 15, "nsubj"),
             ("reported", "report", "VERB", 9, "advcl"), ("damage", "damage", "NOUN", 15, "obj"),
             ("to", "to", "ADP", 19, "case"), ("a", "a", "DET", 19, "det"),
             ("port", "port", "NOUN", 15, "obl"), (".", ".", "PUNCT", 4, "punct")]


def test_a_contrasted_report_of_its_own_subject_is_not_the_first_speakers_content():
    from claimtrack.extract import extract
    atts = extract(rows_doc(_PARALLEL))
    said = next(a for a in atts if a.cue.text == "said")
    reported = next(a for a in atts if a.cue.text == "reported")
    # the time of the saying and the writer's second report are not what the air force said
    assert said.content.text == "it had destroyed 30 drones"
    assert reported.parent is None and said.parent is None
    # without "while" the clause is part of the content ("said it had destroyed them when
    # officials reported damage" is the speaker's own account)
    rows = list(_PARALLEL)
    rows[12] = ("when", "when", "SCONJ", 15, "mark")
    said = next(a for a in extract(rows_doc(rows)) if a.cue.text == "said")
    assert "officials reported damage" in said.content.text


def test_a_trailing_report_after_a_quote_is_the_outer_source(analyze_text):
    """'"…," X said, the wire reported': the wire reports X's words; X's quote nests in it."""
    r = analyze_text('"No fuel had been kept on the premises," Beridze said, Caucasus Wire reported.')
    said = next(a for a in r.attributions if a.cue.text == "said")
    wire = next(a for a in r.attributions if a.cue.text == "reported")
    assert src(wire) == "Caucasus Wire" and said.parent == wire.id
    assert "premises" in wire.content.text and "Beridze said" in wire.content.text
    assert said.content.text.strip('",') == "No fuel had been kept on the premises"
    types = {s.name: s.type for s in r.sources}
    assert types["Caucasus Wire"] == "media"   # a name's last word types it
