"""Nominal cues."""
from __future__ import annotations

from extractkit import att, only, rows_doc, src

from claimtrack.extract import extract


# 6. nominal cues
def test_nominal_cues(example):
    r = example("flood_report")
    a = att(r, "claim", "the warnings came too late")
    assert src(a) == "The mayor" and a.construction == "nominal"
    assert a.content.text == "that the warnings came too late"   # not "… angered officials"
    a = att(r, "said", "the dam was inspected in May")
    assert "the water board" in src(a)



def test_a_complement_clause_read_as_a_relative_one():
    # the parser reads the "that" of "charges that he has perpetuated advice" as a relative pronoun
    rows = [("Oz", "Oz", "PROPN", 4, "nsubj:pass"), ("has", "have", "AUX", 4, "aux"),
            ("been", "be", "AUX", 4, "aux:pass"), ("dogged", "dog", "VERB", 0, "root"),
            ("by", "by", "ADP", 6, "case"), ("charges", "charge", "NOUN", 4, "obl:agent"),
            ("that", "that", "PRON", 10, "obj"), ("he", "he", "PRON", 10, "nsubj"),
            ("has", "have", "AUX", 10, "aux"), ("perpetuated", "perpetuate", "VERB", 6, "acl:relcl"),
            ("bad", "bad", "ADJ", 12, "amod"), ("advice", "advice", "NOUN", 10, "obj")]
    doc = rows_doc(rows)
    a = only(doc, "charge")
    assert a.content.text == "that he has perpetuated bad advice" and a.source is None
    # a real relative clause stays one: "the charges that he denied" reports nothing
    rows = rows[:6] + [("that", "that", "PRON", 9, "obj"), ("he", "he", "PRON", 9, "nsubj"),
                       ("denied", "deny", "VERB", 6, "acl:relcl")]
    doc = rows_doc(rows)
    assert not any(a.cue.lemma == "charge" for a in extract(doc))


def test_a_sentence_verb_the_parser_put_inside_the_claim_clause_ends_it():
    """"The mayor's claim that the warnings came too late angered officials" parsed with the claim
    as the root and "angered" as a participle of "officials": the content ends before it. A
    participle after an article, or one after its noun ("immigrants convicted of crimes"), stays."""
    rows = [("The", "the", "DET", 2, "det"), ("mayor", "mayor", "NOUN", 4, "nmod:poss"),
            ("'s", "'s", "PART", 2, "case"), ("claim", "claim", "NOUN", 0, "root"),
            ("that", "that", "SCONJ", 8, "mark"), ("the", "the", "DET", 7, "det"),
            ("warnings", "warning", "NOUN", 8, "nsubj"),
            ("came", "come", "VERB", 4, "acl", "Tense=Past|VerbForm=Fin"),
            ("too", "too", "ADV", 10, "advmod"), ("late", "late", "ADJ", 12, "amod"),
            ("angered", "anger", "VERB", 12, "amod", "Tense=Past|VerbForm=Part"),
            ("officials", "official", "NOUN", 8, "obj"), (".", ".", "PUNCT", 8, "punct")]
    assert only(rows_doc(rows), "claim").content.text == "that the warnings came too late"
    # "… came to the angered officials": the participle opens a phrase with its article
    rows[8], rows[9] = ("to", "to", "ADP", 12, "case"), ("the", "the", "DET", 12, "det")
    assert only(rows_doc(rows), "claim").content.text == "that the warnings came to the angered officials"


def test_claims_nobody_is_named_as_making(analyze_text):
    r = analyze_text("Trump has faced questions about business practices at his foundation.")
    a = att(r, "questions about", "business practices")
    assert a.source is None
    # a named holder's criticism is not unattributed, and an unlisted noun is no claim
    r = analyze_text("The senator's criticism of the police was sharp. The history of the city is long.")
    assert not any(a.source is None for a in r.attributions)
    assert not any(a.cue.lemma == "history" for a in r.attributions)


def test_an_unheld_agreement_and_its_infinitive(analyze_text):
    r = analyze_text("But the meeting did produce one headline: an agreement to explore ways to reduce emissions.")
    a = att(r, "agreement", "to explore ways to reduce emissions")
    assert a.source is None
