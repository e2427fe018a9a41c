"""Prepositional, citing and adverb cues."""
from __future__ import annotations

from extractkit import att, src
from extractkit import only, rows_doc, ud_sentence
from claimtrack.extract import extract


# 4. prepositional cues
def test_according_to_as_reported_and_citing(seed, example):
    a = att(seed, "according to", "4,500 Russians")
    assert src(a) == "official figures"
    r = example("flood_report")
    assert src(att(r, "according to", "At least 30 people died")) == "official figures"
    a = att(r, "reported", "The river rose by four metres")
    assert src(a) == "the regional newspaper" and a.construction == "as-clause"
    # a reason is not a source: the services cite the risk as theirs
    a = att(r, "citing", "a risk of further landslides")
    assert src(a) == "Emergency services" and "evacuated" not in a.content.text


def test_citing_a_body_or_document_makes_it_the_source(analyze_text):
    r = analyze_text("The airline cancelled 40 flights on Monday, citing a ministry report.")
    a = att(r, "citing", "cancelled 40 flights")
    assert src(a) == "a ministry report" and a.construction == "citing"


def test_citing_beside_a_speaker_backs_what_is_said_not_the_saying(analyze_text):
    r = analyze_text("Salceda, citing data from the U.S. State Department, said that about 4 million "
                     "people of Philippine descent live in the United States.")
    said = att(r, "said", "4 million people")
    assert src(said) == "Salceda" and said.parent is None
    cited = att(r, "citing", "4 million people")
    assert "Salceda" not in cited.content.text and "said" not in cited.content.text


def test_according_to_climbs_from_a_modifier_to_its_clause(analyze_text):
    r = analyze_text("Prices rose 5.7 percent in May, up from 4.2 percent a year earlier, "
                     "according to the statistics office.")
    a = att(r, "according to", "Prices rose")
    assert src(a) == "the statistics office"


def test_sourceless_adverb_cue(example):
    a = att(example("flood_report"), "reportedly", "Two workers were trapped")
    assert a.source is None and a.cue.cls == "report" and a.construction == "adverb"


def test_according_to_makes_its_object_the_source_and_the_clause_the_content():
    doc = ud_sentence("ewt", "In 2001, according to Indian army officials")
    a = only(doc, "according to")
    assert a.cue.text == "according to"
    assert a.source.text == "Indian army officials"
    assert a.content.text.startswith("In 2001") or "security forces launched" in a.content.text
    assert "according" not in a.content.text
    assert a.construction == "according-to"


def test_according_to_at_the_end_of_the_sentence():
    doc = ud_sentence("gum", "A storm yesterday caused a crane to fall")
    a = only(doc, "according to")
    assert a.source.text == "Saudi Arabia's Civil Defense Authority"
    assert a.content.text.startswith("A storm yesterday caused a crane")



def test_according_to_at_the_end_speaks_for_the_whole_sentence(analyze_text):
    # the parser hangs the phrase on the innermost clause; set off at the end it covers all
    r = analyze_text("Those include 1,000 maintenance workers who have been informed that their employment "
                     "will be terminated on Dec. 9, according to a group of employees.")
    a = att(r, "according to", "Those include")
    assert src(a) == "a group of employees" and a.content.text.endswith("on Dec. 9")


def test_according_to_a_source_the_parser_read_as_a_verb():
    # "according to exit polls": the parser made "exit" a verb and "according" its clause's mark
    rows = [("Turnout", "turnout", "NOUN", 3, "nsubj"), ("was", "be", "AUX", 3, "cop"),
            ("high", "high", "ADJ", 0, "root"), (",", ",", "PUNCT", 7, "punct"),
            ("according", "accord", "VERB", 7, "mark"), ("to", "to", "ADP", 5, "fixed"),
            ("exit", "exit", "VERB", 3, "advcl"), ("polls", "poll", "NOUN", 7, "obj"),
            (".", ".", "PUNCT", 3, "punct")]
    a = only(rows_doc(rows), "according to")
    assert a.source.text == "exit polls" and a.content.text == "Turnout was high"


def test_citing_after_an_inverted_report_backs_what_was_reported():
    # "Members of the family soured on him, the Post reported, citing another source": the
    # report's content is the clause before its speaker, and the citing backs that clause (its
    # content is not the reporting, which would nest the report inside the citing)
    rows = [("Members", "member", "NOUN", 11, "nsubj"), ("of", "of", "ADP", 4, "case"),
            ("the", "the", "DET", 4, "det"), ("family", "family", "NOUN", 1, "nmod"),
            ("soured", "sour", "VERB", 1, "acl"), ("on", "on", "ADP", 7, "case"),
            ("him", "he", "PRON", 5, "obl"), (",", ",", "PUNCT", 5, "punct"),
            ("the", "the", "DET", 10, "det"), ("Post", "Post", "PROPN", 11, "nsubj"),
            ("reported", "report", "VERB", 0, "root"), (",", ",", "PUNCT", 13, "punct"),
            ("citing", "cite", "VERB", 11, "advcl", "VerbForm=Ger"), ("another", "another", "DET", 15, "det"),
            ("source", "source", "NOUN", 13, "obj"), (".", ".", "PUNCT", 11, "punct")]
    doc = rows_doc(rows)
    a = only(doc, "report")
    assert a.source.text == "the Post" and a.content.text == "Members of the family soured on him"
    assert only(doc, "cite").content.text == "Members of the family soured on him"
    # "…, officials said, citing new data": the parser made "citing" the saying's clause
    rows = [("Prices", "price", "NOUN", 2, "nsubj"), ("rose", "rise", "VERB", 0, "root"),
            (",", ",", "PUNCT", 5, "punct"), ("officials", "official", "NOUN", 5, "nsubj"),
            ("said", "say", "VERB", 2, "parataxis"), (",", ",", "PUNCT", 7, "punct"),
            ("citing", "cite", "VERB", 5, "ccomp", "VerbForm=Ger"), ("new", "new", "ADJ", 9, "amod"),
            ("data", "data", "NOUN", 7, "obj"), (".", ".", "PUNCT", 2, "punct")]
    a = only(rows_doc(rows), "say")
    assert a.content.text == "Prices rose" and a.source.text == "officials"


def test_a_poll_framing_a_clause_with_in_is_its_source():
    # "In the poll, support for Clinton has risen": what the poll measured is the poll's to say
    rows = [("In", "in", "ADP", 3, "case"), ("the", "the", "DET", 3, "det"),
            ("poll", "poll", "NOUN", 9, "obl"), (",", ",", "PUNCT", 3, "punct"),
            ("support", "support", "NOUN", 9, "nsubj"), ("for", "for", "ADP", 7, "case"),
            ("Clinton", "Clinton", "PROPN", 5, "nmod"), ("has", "have", "AUX", 9, "aux"),
            ("risen", "rise", "VERB", 0, "root"), (".", ".", "PUNCT", 9, "punct")]
    a = only(rows_doc(rows), "in")
    assert a.source.text == "the poll" and a.content.text == "support for Clinton has risen"
    # a verb of its own reports what it wrote in one: the writing is the attribution
    rows = [("He", "he", "PRON", 2, "nsubj"), ("wrote", "write", "VERB", 0, "root"),
            ("in", "in", "ADP", 5, "case"), ("a", "a", "DET", 5, "det"), ("survey", "survey", "NOUN", 2, "obl"),
            ("that", "that", "SCONJ", 10, "mark"), ("the", "the", "DET", 8, "det"),
            ("economy", "economy", "NOUN", 10, "nsubj"), ("was", "be", "AUX", 10, "cop"),
            ("weak", "weak", "ADJ", 2, "ccomp"), (".", ".", "PUNCT", 2, "punct")]
    assert [a.cue.lemma for a in extract(rows_doc(rows))] == ["write"]
    # "Trump still leads the field in the polls": a standing in polls in general, no one poll's finding
    rows = [("Trump", "Trump", "PROPN", 3, "nsubj"), ("still", "still", "ADV", 3, "advmod"),
            ("leads", "lead", "VERB", 0, "root"), ("the", "the", "DET", 5, "det"),
            ("field", "field", "NOUN", 3, "obj"), ("in", "in", "ADP", 8, "case"),
            ("the", "the", "DET", 8, "det"), ("polls", "poll", "NOUN", 3, "obl", "Number=Plur"),
            (".", ".", "PUNCT", 3, "punct")]
    assert not extract(rows_doc(rows))
    # "those who joined in the survey": who took part in it, not what it found
    rows = [("Half", "half", "NOUN", 10, "nsubj"), ("of", "of", "ADP", 3, "case"),
            ("those", "those", "PRON", 1, "nmod"), ("who", "who", "PRON", 5, "nsubj"),
            ("joined", "join", "VERB", 3, "acl:relcl"), ("in", "in", "ADP", 8, "case"),
            ("the", "the", "DET", 8, "det"), ("survey", "survey", "NOUN", 5, "obl"),
            ("were", "be", "AUX", 10, "cop"), ("women", "woman", "NOUN", 0, "root"),
            (".", ".", "PUNCT", 10, "punct")]
    assert not extract(rows_doc(rows))
