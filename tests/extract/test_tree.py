"""Tree helpers and spans: offsets, datelines, noun phrases."""
from __future__ import annotations

from extractkit import att, src
from extractkit import only, rows_doc, ud_sentence


def test_spans_point_into_the_original_text(example):
    for name in ("moscow_times_kaluga", "port_strike", "flood_report", "quote_marks"):
        r = example(name)
        assert r.attributions
        for a in r.attributions:
            for role in (a.source, a.cue, a.content):
                if role is None:
                    continue
                assert role.text == " ".join(r.text[s:e] for s, e in role.spans)
                assert all(0 <= s < e <= len(r.text) for s, e in role.spans)


def test_wire_story_dateline_is_never_the_speaker(example):
    r = example("wire_drones")
    a = att(r, "said", "it had destroyed 30 of 38 drones")
    assert src(a) == "Ukraine's air force"
    assert not any("KYIV" in src(x) for x in r.attributions)


def test_conllu_offsets_point_into_the_rebuilt_text():
    doc = ud_sentence("ewt", "He also said that the other five companies")
    for w in doc.sentences[0].words:
        assert doc.text[w.start:w.end] == w.text



def _sentence(rows):
    return rows_doc(rows).sentences[0]


def test_noun_phrase_leaves_out_relative_clauses_and_the_occasion():
    from claimtrack.extract.tree import noun_phrase

    # "officials who spoke in a statement said ..." — only "officials" names the speaker
    sent = _sentence([("Officials", "official", "NOUN", 6, "nsubj"), ("who", "who", "PRON", 3, "nsubj"),
                      ("spoke", "speak", "VERB", 1, "acl:relcl"), ("in", "in", "ADP", 5, "case"),
                      ("statement", "statement", "NOUN", 3, "obl"), ("said", "say", "VERB", 0, "root")])
    assert noun_phrase(sent, 0) == [0]


def test_time_word_subject_is_a_parser_slip_not_a_speaker():
    from claimtrack.extract.tree import subject

    sent = _sentence([("Wednesday", "Wednesday", "PROPN", 2, "nsubj"), ("said", "say", "VERB", 0, "root")])
    assert subject(sent, 1) is None


def test_declined_to_say_is_a_withheld_cue():
    from claimtrack.extract import extract

    rows = [("Police", "police", "NOUN", 2, "nsubj"), ("declined", "decline", "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"), ("say", "say", "VERB", 2, "xcomp"),
            ("how", "how", "ADV", 6, "advmod"), ("much", "much", "ADJ", 4, "ccomp")]
    doc = rows_doc(rows)
    [a] = extract(doc)
    assert a.cue.text == "declined to say" and a.cue.negated and a.source.text == "Police"


def test_a_name_split_into_two_subjects_stays_whole_beside_its_appositive():
    """"Omar Lamrani, a senior analyst, told …": the parser hangs the appositive on the first
    name and makes the surname a second subject; the speaker is the whole name with its role."""
    from claimtrack.extract.tree import join_split_name, noun_phrase

    sent = _sentence([("Omar", "Omar", "PROPN", 7, "nsubj"), ("Lamrani", "Lamrani", "PROPN", 7, "nsubj"),
                      (",", ",", "PUNCT", 5, "punct"), ("a", "a", "DET", 5, "det"),
                      ("analyst", "analyst", "NOUN", 1, "appos"), (",", ",", "PUNCT", 1, "punct"),
                      ("told", "tell", "VERB", 0, "root"), ("reporters", "reporter", "NOUN", 7, "obj")])
    source = join_split_name(sent, 6, noun_phrase(sent, 0))
    assert source == [0, 1, 2, 3, 4]
    # a subject that does not touch the phrase is someone else
    assert join_split_name(sent, 6, [4]) == [4]


def test_a_name_without_commas_before_its_role_joins_the_speaker():
    """"Omar Lamrani a senior analyst told" (no commas): the surname hangs on the first name,
    so the run touches the role's phrase through its subtree; after the verb ("said Omar a
    senior analyst") the parser calls the name an object, between the verb and the speaker."""
    from claimtrack.extract.tree import join_split_name, noun_phrase

    sent = _sentence([("Omar", "Omar", "PROPN", 6, "nsubj"), ("Lamrani", "Lamrani", "PROPN", 1, "flat"),
                      ("a", "a", "DET", 5, "det"), ("senior", "senior", "ADJ", 5, "amod"),
                      ("analyst", "analyst", "NOUN", 6, "nsubj"), ("told", "tell", "VERB", 0, "root"),
                      ("CNN", "CNN", "PROPN", 6, "iobj")])
    assert join_split_name(sent, 5, noun_phrase(sent, 4)) == [0, 1, 2, 3, 4]
    after = _sentence([("said", "say", "VERB", 0, "root"), ("Omar", "Omar", "PROPN", 1, "iobj"),
                       ("a", "a", "DET", 5, "det"), ("senior", "senior", "ADJ", 5, "amod"),
                       ("analyst", "analyst", "NOUN", 1, "nsubj")])
    assert join_split_name(after, 0, noun_phrase(after, 4)) == [1, 2, 3, 4]
    # an object after the speaker is what was said to, not the speaker's name
    told = _sentence([("analyst", "analyst", "NOUN", 2, "nsubj"), ("told", "tell", "VERB", 0, "root"),
                      ("Omar", "Omar", "PROPN", 2, "iobj")])
    assert join_split_name(told, 1, [0]) == [0]


def test_a_conjunct_of_a_predicate_about_the_object_is_the_objects(analyze_text):
    # "he left her intrigued and wanting to learn more": she wants, not he
    r = analyze_text("Beth Ruffin said she didn't know much about the senator before the event, but he "
                     "left her intrigued and wanting to learn more.")
    assert src(att(r, "wanting", "to learn more")) == "her"
