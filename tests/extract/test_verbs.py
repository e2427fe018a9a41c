"""Verb cues: plain, passive, participial, relative, addressee and question constructions."""
from __future__ import annotations

from extractkit import att, src
from extractkit import only, rows_doc, ud_sentence
from claimtrack.extract import extract


# 1. verb cues with subject source and clausal, infinitival or object content
def test_seed_article_core_attributions(seed):
    a = att(seed, "had claimed", "two suspects of Kazakh origin")
    assert src(a) == "Russian media" and a.cue.cls == "claim" and a.content.text.startswith("that")
    a = att(seed, "claimed", "to have put an end to the activities")
    assert src(a) == "The FSB"
    a = att(seed, "had advised", "its citizens to avoid large groupings")
    assert src(a) == "The U.S. Embassy in Moscow" and a.cue.cls == "warn"
    a = att(seed, "confirmed", "the deaths of two of its citizens")
    assert src(a) == "Kazakhstan" and a.cue.cls == "confirm"
    a = att(seed, "announced", "they had killed six suspected IS militants")
    assert src(a) == "Russian authorities"


# 5. passive and agentless cues
def test_passive_cues(example):
    r = example("flood_report")
    a = att(r, "is confirmed", "The damage")
    assert src(a) == "satellite images" and a.cue.cls == "confirm"
    a = att(r, "was claimed", "the dam had been poorly maintained")
    assert a.source is None
    assert not any(a.cue.text == "had been maintained" for a in r.attributions)


# 7. participles inherit the matrix subject
def test_participle_inherits_the_subject(seed, example):
    a = att(seed, "warning", "extremists")
    assert src(a) == "The U.S. Embassy in Moscow" and a.type == "mixed"
    # the trailing participle is not part of the advice's content
    assert "warning" not in att(seed, "had advised", "its citizens").content.text
    assert src(att(example("flood_report"), "warning", "more rain")) == "The army"


# 8. relative-clause cues
def test_relative_clause_cues(seed, example):
    a = att(seed, "claims", "prevented an attack against a synagogue")
    assert src(a) == "Moscow" and a.cue.cls == "claim"
    assert "operation" in a.content.text
    a = att(example("flood_report"), "says", "destroyed by the water")
    assert src(a) == "the government" and "bridge" in a.content.text


def test_negated_and_denial_cues(example):
    r = example("port_strike")
    a = att(r, "did not confirm", "hired replacement crews")
    assert a.cue.negated and a.cue.cls == "confirm" and a.cue.lemma == "confirm"
    a = att(r, "denied", "any ship had been turned away")
    assert not a.cue.negated and a.cue.cls == "deny"


def test_participle_after_a_quote_takes_the_speaker_not_the_quoted_subject(example):
    r = example("wire_drones")
    assert src(att(r, "adding", "allies had promised new deliveries")) == "he"


def test_no_comment_is_a_negated_cue_and_could_not_verify_is_no_report(example):
    r = example("wire_drones")
    a = att(r, "did not comment on", "the attack")
    assert a.cue.negated and src(a) == "Russia's defence ministry"
    assert not any(x.cue.lemma == "verify" for x in r.attributions)


def test_asked_if_before_the_answer(analyze_text):
    r = analyze_text('Asked if the comments had rattled them, Ryan said, "Sure. I get that, too."')
    asked = att(r, "Asked", "if the comments had rattled them")
    assert asked.source is None and asked.cue.cls == "ask"
    assert src(att(r, "said", "Sure")) == "Ryan"


def test_clause_hung_on_the_addressee(analyze_text):
    r = analyze_text("Ryan told a news conference they are planting the seeds.")
    assert src(att(r, "told", "they are planting the seeds")) == "Ryan"


def test_verb_with_that_clause():
    doc = ud_sentence("ewt", "He also said that the other five companies")
    a = only(doc, "say")
    assert a.source.text == "He"
    assert a.content.text.startswith("that the other five companies")
    assert a.type == "indirect"


def test_relative_pronoun_subject_resolves_to_its_antecedent():
    doc = ud_sentence("ewt", "I had another conversation some months ago with a retired")
    a = only(doc, "claim")
    # the mention as written ("who") together with the noun it stands for
    assert a.source.text == "a retired Ba'athist old-timer who"
    assert a.content.text.startswith("that Ba'athists have the means")
    assert a.cue.cls == "claim"


def test_sentence_final_speaker_takes_the_clause_before_it():
    doc = ud_sentence("ewt", "The bear dwarfed the 6-foot-1 Mr. Parenteau")
    a = only(doc, "say")
    assert a.source.text == "he"
    assert a.content.text.startswith("The bear dwarfed")
    assert "he said" not in a.content.text


def test_conjoined_verb_inherits_the_subject():
    doc = ud_sentence("ewt", "' A radical Shiite Muslim cleric has expressed solidarity")
    a = only(doc, "say")
    assert a.source.text == "A radical Shiite Muslim cleric"
    assert a.content.text.startswith("that he should be considered")
    assert a.type == "mixed"  # "striking arm" is quoted inside the reported clause



def test_that_said_is_a_connective_not_a_report(analyze_text):
    r = analyze_text("That said, the company expects sales to recover next year.")
    assert not any(a.cue.text == "said" or src(a).lower() == "that" for a in r.attributions)


def test_active_verb_with_a_mislabelled_passive_subject(analyze_text):
    r = analyze_text("Several experts cautioned that the proposals might well change after the election.")
    a = att(r, "cautioned", "the proposals might well change")
    assert src(a) == "Several experts"


def test_a_poll_that_shows_something_states_it(analyze_text):
    r = analyze_text("The latest poll shows the mayor with a narrow lead over her rival.")
    a = att(r, "shows", "the mayor with a narrow lead")
    assert src(a) == "The latest poll"
    assert not [x for x in analyze_text("The photo shows the mayor with her dog.").attributions
                if x.cue.lemma == "show"]


def test_things_that_cannot_speak_do_not_suggest_and_as_clauses_need_a_reporting_verb(analyze_text):
    r = analyze_text("The surge in cases suggested that the virus was spreading faster than expected.")
    assert not r.attributions  # the article's own inference
    r = analyze_text("As the outage continued, engineers worked through the night.")
    assert not r.attributions


def test_inverted_speaker_keeps_out_what_the_remark_was_about(analyze_text):
    r = analyze_text("\u201cIt was a gift,\u201d quipped Pitt of his role in the film.")
    assert src(att(r, "quipped", "It was a gift")) == "Pitt"


def test_a_message_speaks_for_the_one_who_made_it(analyze_text):
    r = analyze_text("Trump posted a series of tweets saying that the debate had been rigged.")
    assert src(att(r, "saying", "the debate had been rigged")) == "Trump"


def test_noun_phrase_right_before_a_subjectless_verb_is_the_speaker(analyze_text):
    r = analyze_text("Although Scott lacks a signature achievement, elected officials from both parties "
                     "say he has forged a reputation as a hard worker.")
    a = att(r, "say", "he has forged a reputation")
    assert src(a) == "elected officials from both parties"


def test_speaker_beside_the_reported_subject(analyze_text):
    # a parser hangs both subjects on "said": the one next to the verb speaks
    r = analyze_text("The bridge, the mayor said, collapsed under the weight of the trucks.")
    a = att(r, "said", "collapsed")
    assert src(a) == "the mayor" and a.content.text.startswith("The bridge")
    r = analyze_text("A driver who ignores a red light is fined, the mayor said.")
    a = att(r, "said", "is fined")
    assert src(a) == "the mayor" and a.content.text.startswith("A driver who ignores")


def test_appearance_verbs_have_no_source(analyze_text):
    r = analyze_text("The statistics appear to be fabricated, and the minister seemed unperturbed.")
    a = att(r, "appear", "to be fabricated")
    assert a.source is None and a.content.text.startswith("The statistics")


def test_trailing_participle_goes_with_the_speaker(analyze_text):
    r = analyze_text("The senator said she did not believe the tax plan would pass, "
                     "arguing that the votes were not there.")
    assert src(att(r, "arguing", "the votes were not there")) == "The senator"


def test_no_speaker_after_a_participle_before_its_quote(analyze_text):
    r = analyze_text('The mayor mocked the complaint, saying anybody who complains "is not having a good day."')
    assert src(att(r, "saying", "not having a good day")) == "The mayor"


def test_small_clause_judgements(analyze_text):
    r = analyze_text("Bin Laden judged America a paper tiger. The group viewed communists as terrorists.")
    assert src(att(r, "judged", "a paper tiger")) == "Bin Laden"
    assert "communists as terrorists" in att(r, "viewed", "communists").content.text


def test_stance_phrase_after_the_cue(analyze_text):
    r = analyze_text("The senator voted against the trafficking bill last year.")
    a = att(r, "voted against", "the trafficking bill")
    assert src(a) == "The senator" and a.cue.cls == "intend"
    r = analyze_text("Thousands of voters voted for the senator last year.")
    assert not any(a.cue.lemma == "vote" for a in r.attributions)


def test_that_right_after_the_cue_opens_the_content_whatever_the_parse():
    # the parser made "countries" the cue's subject and hung the clause on it
    doc = rows_doc([("Trump", "Trump", "PROPN", 2, "nsubj"), ("charges", "charge", "VERB", 0, "root"),
                   ("that", "that", "SCONJ", 6, "mark"), ("donors", "donor", "NOUN", 2, "nsubj"),
                   ("who", "who", "PRON", 6, "nsubj"), ("gave", "give", "VERB", 4, "acl:relcl"),
                   ("money", "money", "NOUN", 6, "obj"), ("benefited", "benefit", "VERB", 7, "amod"),
                   (".", ".", "PUNCT", 2, "punct")])
    a = only(doc, "charge")
    assert a.content.text == "that donors who gave money benefited" and a.source.text == "Trump"


def test_an_intention_s_infinitive_hung_as_an_adjunct():
    doc = rows_doc([("The", "the", "DET", 2, "det"), ("FBI", "FBI", "PROPN", 3, "nsubj"),
                   ("decided", "decide", "VERB", 0, "root"), ("after", "after", "ADP", 5, "case"),
                   ("review", "review", "NOUN", 3, "obl"), ("not", "not", "PART", 8, "advmod"),
                   ("to", "to", "PART", 8, "mark"), ("recommend", "recommend", "VERB", 3, "advcl"),
                   ("charges", "charge", "NOUN", 8, "obj"), (".", ".", "PUNCT", 3, "punct")])
    a = only(doc, "decide")
    assert a.content.text.endswith("to recommend charges") and a.source.text == "The FBI"


def test_a_clause_after_a_semicolon_is_not_what_was_said(analyze_text):
    r = analyze_text("She spoke about her deep ties to the churches; she called into a radio show "
                     "when she was home sick.")
    assert "radio show" not in " ".join(a.content.text for a in r.attributions if a.cue.lemma == "speak")


def test_a_span_of_time_before_the_speaker_is_not_the_speaker(analyze_text):
    # the parser hangs "Fifteen minutes" on the verb as its subject; time spans never speak
    r = analyze_text("Fifteen minutes after Pence was picked as Trump's running mate, campaign chairman "
                     "John Podesta said the governor was the most extreme pick in a generation.")
    assert src(att(r, "said", "the governor")) == "campaign chairman John Podesta"


def test_a_subject_on_each_side_of_the_verb(analyze_text):
    # the parser tags "highlights" a noun and makes it a second subject of "said": the reported
    # clause, not the speaker, with the speaker's apposition taken for what was said
    r = analyze_text("James P. Kennedy Jr., the U.S. Attorney for the Western District of New York, said "
                     "the case highlights that rights of free speech carry responsibilities.")
    a = att(r, "said", "the case highlights")
    assert src(a).startswith("James P. Kennedy Jr.") and "Attorney" not in a.content.text


def test_a_speaker_phrase_split_into_two_subjects(analyze_text):
    # "an airport official": the parser makes "official" a second subject; no reduced relative
    # ("a prospect Vindman denied") is meant, the clause before is what the official said
    r = analyze_text("The special aircraft carrying the deportees landed at the T3 terminal of the Delhi "
                     "airport at 6am, an airport official said. The aircraft reached India on Friday.")
    a = att(r, "said", "The special aircraft")
    assert src(a) == "an airport official"


def test_a_day_is_no_complement(analyze_text):
    r = analyze_text("A storm dumped two inches of rain on Tuesday and more was expected Wednesday.")
    assert not [a for a in r.attributions if a.content.text.strip() == "Wednesday"]


def test_who_was_asked_or_told_is_not_what_was_said(analyze_text):
    # the passive subject of "ask" or "tell" is the one asked or told (the recipient stays out)
    r = analyze_text("Pence was asked about the comment. Residents were told that the dam could break.")
    assert att(r, "was asked about", "the comment").content.text == "the comment"
    assert "Residents" not in att(r, "were told", "the dam").content.text


def test_an_object_standing_for_what_was_said(analyze_text):
    r = analyze_text("Four in ten voters called Clinton honest, and a third of them said the same of Sanders.")
    a = att(r, "said", "the same")
    assert "of Sanders" in a.content.text


def test_content_boundaries(analyze_text):
    # a writer's aside after a comma is not what was said
    r = analyze_text("The senators questioned the health of the candidate, who is 70.")
    assert att(r, "questioned", "the health").content.text == "the health of the candidate"
    # an infinitive after the object says what the object is to do
    r = analyze_text("He urged North Korea to resume the talks it abandoned in 2009.")
    assert att(r, "urged", "North Korea").content.text.endswith("to resume the talks it abandoned in 2009")
    # a second that-clause is said too
    r = analyze_text("He said he can win the state and that he has an excellent chance in the south.")
    assert "excellent chance" in att(r, "said", "he can win").content.text


def test_no_response_to_a_request_is_a_negated_cue(analyze_text):
    r = analyze_text("The Trump campaign did not immediately respond to requests for comment.")
    a = att(r, "did not immediately respond to", "requests")
    assert a.cue.negated and src(a) == "The Trump campaign"


def test_a_quote_after_the_cue_beats_the_clause_before_it(analyze_text):
    r = analyze_text('In a 1963 speech in Berlin, he declared: "It is very appropriate that we meet here today."')
    a = att(r, "declared:", "It is very appropriate")
    assert "1963 speech" not in a.content.text


def test_a_phrase_after_a_speech_verb_is_not_what_was_said(analyze_text):
    r = analyze_text("The unions have insisted on acting now before the vote in the state senate.")
    assert not any(a.content.text.startswith("on acting") for a in r.attributions)


def test_declined_to_comment_is_a_withheld_cue(analyze_text):
    r = analyze_text("Through a spokesman, he declined to comment.")
    a = att(r, "declined", "to comment")
    assert a.cue.negated and src(a) == "he"


def test_pro_forms_of_belief_and_as_much(analyze_text):
    r = analyze_text("He doesn't think so. The head of the studio indicated as much in an email.")
    a = att(r, "doesn't think", "so")
    assert src(a) == "He" and a.cue.negated
    assert src(att(r, "indicated", "as much")) == "The head of the studio"


def test_a_study_finds_a_thing(analyze_text):
    r = analyze_text("A 2014 study by Loyola Law School found 31 incidents of voter impersonation.")
    a = att(r, "found", "31 incidents of voter impersonation")
    assert "study" in src(a)


def test_a_sign_reads_and_a_poll_considers(analyze_text):
    r = analyze_text('The banner above the stage reads: "Repeat after me: nobody is above the law."')
    assert "nobody is above the law" in att(r, "reads:", "Repeat after me").content.text
    r = analyze_text("Only 30 percent of all voters consider Clinton honest.")
    assert att(r, "consider", "Clinton").content.text == "Clinton honest"
    r = analyze_text("The students read the book over the summer.")
    assert not any(a.cue.lemma == "read" for a in r.attributions)


def test_a_to_phrase_after_the_object_belongs_to_it_unless_it_names_a_recipient():
    # the parse the mini model gives: "to a port facility" hung on the verb, not on "damage"
    def rows(noun, det):
        head = [("Officials", "official", "NOUN", 2, "nsubj"), ("reported", "report", "VERB", 0, "root"),
                ("damage", "damage", "NOUN", 2, "obj"), ("to", "to", "ADP", 6 if det else 5, "case")]
        tail = [(det, det, "DET", 6, "det"), (noun, noun, "NOUN", 2, "obl")] if det else \
            [(noun, noun, "NOUN", 2, "obl")]
        return head + tail + [(".", ".", "PUNCT", 2, "punct")]
    assert only(rows_doc(rows("facility", "a")), "report").content.text == "damage to a facility"
    # someone who is told is not part of what was reported
    assert only(rows_doc(rows("police", "")), "report").content.text == "damage"


# the mini model's parse of a court report: "guilty Monday" an object, "threatening" hung on the day
_PLEA = [("A", "a", "DET", 2, "det"), ("man", "man", "NOUN", 3, "nsubj"), ("pleaded", "plead", "VERB", 0, "root"),
         ("guilty", "guilty", "ADJ", 5, "amod"), ("Monday", "Monday", "PROPN", 3, "obj"),
         ("to", "to", "ADP", 7, "mark"), ("threatening", "threaten", "VERB", 5, "acl"),
         ("to", "to", "PART", 9, "mark"), ("kill", "kill", "VERB", 7, "xcomp"),
         ("Omar", "Omar", "PROPN", 9, "obj"), (",", ",", "PUNCT", 13, "punct"),
         ("prosecutors", "prosecutor", "NOUN", 13, "nsubj"), ("said", "say", "VERB", 3, "conj"),
         (".", ".", "PUNCT", 3, "punct")]


def test_a_court_plea_is_no_cue():
    from claimtrack.extract import extract

    lemmas = [a.cue.lemma for a in extract(rows_doc(_PLEA))]
    assert "plead" not in lemmas and "say" in lemmas
    rows = [list(r) for r in _PLEA]
    rows[3] = ["for", "for", "ADP", 5, "case"]   # "pleaded for Monday …" would still be an appeal
    assert "plead" in [a.cue.lemma for a in extract(rows_doc([tuple(r) for r in rows]))]


def test_a_day_is_never_the_speaker_a_participle_inherits():
    a = only(rows_doc(_PLEA), "threaten")
    assert src(a) == "A man" and a.content.text == "to kill Omar"


def test_a_noun_right_before_the_cues_subject_is_what_was_denied_not_a_second_speaker():
    # the mini model's parse of "…, a prospect Vindman denied earlier": both nouns subjects of "denied"
    rows = [("Others", "other", "NOUN", 2, "nsubj"), ("raised", "raise", "VERB", 0, "root"),
            ("concerns", "concern", "NOUN", 2, "obj"), (",", ",", "PUNCT", 7, "punct"),
            ("a", "a", "DET", 6, "det"), ("prospect", "prospect", "NOUN", 8, "nsubj"),
            ("Vindman", "Vindman", "PROPN", 8, "nsubj"), ("denied", "deny", "VERB", 2, "parataxis"),
            ("earlier", "early", "ADV", 8, "advmod"), (".", ".", "PUNCT", 2, "punct")]
    rows[3] = (",", ",", "PUNCT", 8, "punct")
    a = only(rows_doc(rows), "deny")
    assert src(a) == "Vindman" and a.content.text == "a prospect"
    # without the determiner it is the inverted report it looks like ("…, officials Vindman denied")
    bare = [r if r[0] != "a" else ("the", "the", "DET", 3, "det") for r in rows]
    assert only(rows_doc(bare), "deny").content.text != "a prospect"


def test_a_subject_the_tagger_took_for_a_verb_is_still_the_speaker(analyze_text):
    # the mini tagger reads "Boreing" as bore+ing and "Ford" / "advocates" as verbs; whatever
    # the parse, the words before the cue name who spoke
    for text, who in (("Boreing said the members will meet.", "Boreing"),
                      ("Ford itself said the deal was on.", "Ford itself"),
                      ("And Iowa biofuels advocates say they already have private promises from Clinton.",
                       "Iowa biofuels advocates")):
        [a] = [a for a in analyze_text(text).attributions if a.cue.lemma == "say"]
        assert a.source is not None and a.source.text == who, text


def test_the_noun_of_a_with_phrase_says_what_its_participle_says(analyze_text):
    r = analyze_text("The conversation turned to taxes, with Maddow asking whether Sanders would raise them.")
    [a] = [a for a in r.attributions if a.cue.lemma == "ask"]
    assert a.source.text == "Maddow"
    r = analyze_text("The Trump campaign has denied it happened, with Lewandowski taking to Twitter to call "
                     "Fields totally delusional.")
    [a] = [a for a in r.attributions if a.cue.lemma == "call"]
    assert a.source.text == "Lewandowski"


def test_a_questions_who_is_no_source(analyze_text):
    r = analyze_text("Who wouldn't want to be able to highlight some unique part of their identity?")
    assert not any(a.source is not None and a.source.text.lower() == "who" for a in r.attributions)
    # a relative "who" still speaks for its noun
    r = analyze_text("The minister, who said the talks had failed, left early.")
    [a] = [a for a in r.attributions if a.cue.lemma == "say"]
    assert a.source is not None and "minister" in a.source.text


def test_a_purpose_infinitive_on_a_thing_gives_it_no_voice(analyze_text):
    r = analyze_text("Just don't use that power to call yourself \"Bunny Wang,\" the post says.")
    assert not any(a.source is not None and "power" in a.source.text for a in r.attributions)
    # a noun that can speak still does: "no official to confirm …"
    r = analyze_text("There was no official to confirm that the plant had closed.")
    [a] = [a for a in r.attributions if a.cue.lemma == "confirm"]
    assert a.source is not None and "official" in a.source.text


def test_giving_a_person_a_name_says_nothing_of_them(analyze_text):
    r = analyze_text("His friends called him Bob at school.")
    assert not any(a.cue.lemma == "call" for a in r.attributions)
    r = analyze_text("Lewandowski called him a liar.")
    assert any(a.cue.lemma == "call" for a in r.attributions)


def test_a_speaker_is_no_label_aside_or_predicate(analyze_text):
    # a page's label before a colon and a "for example" beside the name are no part of the
    # speaker; a predicate noun that a relative clause hangs on speaks for its subject
    for text, who in (("[UPDATE: ESPN publicist Josh Krulewitz tells our sister site Deadspin that the show "
                       "was never going to be a panel.]", "ESPN publicist Josh Krulewitz"),
                      ("Radar, for example, said that the rats are actively shitting on desks.", "Radar"),
                      ("Cruz is the only contender who has pledged to visit every county.", "Cruz who"),
                      ("The main barrier has been black voters, who rejected the plan.",
                       "The main barrier has been black voters who")):
        [a] = [a for a in analyze_text(text).attributions if a.cue.lemma in ("tell", "say", "pledge", "reject")]
        assert a.source is not None and a.source.text == who, text


def test_a_reported_clause_the_parser_joined_to_the_cue_is_what_was_said(analyze_text):
    # the parse a small parser gives: "careful" a conjunct of "said", three subjects on the cue
    rows = [("Brian", "Brian", "PROPN", 11, "nsubj"), ("Fallon", "Fallon", "PROPN", 11, "nsubj"),
            (",", ",", "PUNCT", 5, "punct"), ("a", "a", "DET", 5, "det"),
            ("spokesman", "spokesman", "NOUN", 11, "nsubj"), ("for", "for", "ADP", 9, "case"),
            ("the", "the", "DET", 9, "det"), ("Clinton", "Clinton", "PROPN", 9, "compound"),
            ("campaign", "campaign", "NOUN", 5, "nmod"), (",", ",", "PUNCT", 1, "punct"),
            ("said", "say", "VERB", 0, "root"), ("the", "the", "DET", 13, "det"),
            ("Clintons", "Clintons", "PROPN", 20, "nsubj"), ("and", "and", "CCONJ", 20, "cc"),
            ("the", "the", "DET", 16, "det"), ("foundation", "foundation", "NOUN", 20, "nsubj"),
            ("had", "have", "AUX", 20, "aux"), ("always", "always", "ADV", 20, "advmod"),
            ("been", "be", "AUX", 20, "cop"), ("careful", "careful", "ADJ", 11, "conj"),
            ("about", "about", "ADP", 22, "case"), ("donors", "donor", "NOUN", 20, "obl"),
            (".", ".", "PUNCT", 11, "punct")]
    a = only(rows_doc(rows), "say")
    assert a.content.text == "the Clintons and the foundation had always been careful about donors"
    assert a.source.text.replace(" ,", ",") == "Brian Fallon, a spokesman for the Clinton campaign"
    # a verb joined by "and" is the speaker's next act, not what was said
    r = analyze_text("The mayor said nothing and the council left the room.")
    assert not any("council left" in a.content.text for a in r.attributions)


def test_a_clause_whose_subject_hangs_on_the_cue_is_still_what_was_said():
    # "Pantucci said China and Russia have established …": "China" a subject of "said", the
    # clause's verb its conjunct
    rows = [("Pantucci", "Pantucci", "PROPN", 2, "nsubj"), ("said", "say", "VERB", 0, "root"),
            ("China", "China", "PROPN", 2, "nsubj"), ("and", "and", "CCONJ", 7, "cc"),
            ("Russia", "Russia", "PROPN", 3, "conj"), ("have", "have", "AUX", 7, "aux"),
            ("established", "establish", "VERB", 2, "conj"), ("a", "a", "DET", 9, "det"),
            ("truce", "truce", "NOUN", 7, "obj"), (".", ".", "PUNCT", 2, "punct")]
    a = only(rows_doc(rows), "say")
    assert a.content.text == "China and Russia have established a truce" and a.source.text == "Pantucci"


def test_a_that_clause_hung_on_the_occasion_is_what_was_said():
    # "said in a telephone interview that he stands by it": the parser hung the clause on
    # "interview"; the saying reports it, and the interview is no second report of it
    rows = [("Zuckoff", "Zuckoff", "PROPN", 2, "nsubj"), ("said", "say", "VERB", 0, "root"),
            ("in", "in", "ADP", 6, "case"), ("a", "a", "DET", 6, "det"),
            ("telephone", "telephone", "NOUN", 6, "compound"), ("interview", "interview", "NOUN", 2, "obl"),
            ("that", "that", "SCONJ", 9, "mark"), ("he", "he", "PRON", 9, "nsubj"),
            ("stands", "stand", "VERB", 6, "acl"), ("by", "by", "ADP", 12, "case"),
            ("the", "the", "DET", 12, "det"), ("depiction", "depiction", "NOUN", 9, "obl"),
            (".", ".", "PUNCT", 2, "punct")]
    doc = rows_doc(rows)
    a = only(doc, "say")
    assert a.content.text == "that he stands by the depiction" and a.source.text == "Zuckoff"
    assert [x.cue.text for x in extract(doc)] == ["said"]
    # what one does to an interview makes the "that" a relative clause: nothing said there
    rows[8] = ("gave", "give", "VERB", 6, "acl")
    rows[9:12] = [("last", "last", "ADJ", 11, "amod"), ("week", "week", "NOUN", 9, "obl:tmod"),
                  (".", ".", "PUNCT", 2, "punct")]
    rows.pop()
    assert not any(x.cue.text == "said" and "gave" in x.content.text for x in extract(rows_doc(rows)))


def test_a_that_clause_right_after_a_speech_verb_is_its_own_wherever_it_hangs():
    # the parser hung Comey's "that" clause on the main verb, Lewandowski's "said"
    rows = [("While", "while", "SCONJ", 4, "mark"), ("Comey", "Comey", "PROPN", 4, "nsubj"),
            ("has", "have", "AUX", 4, "aux"), ("said", "say", "VERB", 11, "advcl"),
            ("that", "that", "SCONJ", 7, "mark"), ("he", "he", "PRON", 7, "nsubj"),
            ("makes", "make", "VERB", 11, "ccomp"), ("recommendations", "recommendation", "NOUN", 7, "obj"),
            (",", ",", "PUNCT", 4, "punct"), ("Lewandowski", "Lewandowski", "PROPN", 11, "nsubj"),
            ("said", "say", "VERB", 0, "root"), ("he", "he", "PRON", 15, "nsubj"),
            ("does", "do", "AUX", 15, "aux"), ("not", "not", "PART", 15, "advmod"),
            ("do", "do", "VERB", 11, "ccomp"), ("them", "they", "PRON", 15, "obj"),
            ("publicly", "publicly", "ADV", 15, "advmod"), (".", ".", "PUNCT", 11, "punct")]
    found = {(src(a), a.content.text) for a in extract(rows_doc(rows))}
    assert found == {("Comey", "that he makes recommendations"), ("Lewandowski", "he does not do them publicly")}


def test_a_clause_after_the_occasion_and_its_day_is_what_was_said(analyze_text):
    r = analyze_text("United Gun Group said in a statement Thursday night they pulled Zimmerman's "
                     "listing from the site. The mayor said it on the night they arrived.")
    a = att(r, "said", "they pulled Zimmerman's listing")
    assert src(a) == "United Gun Group"
    # a day's own relative clause is when, not what
    assert not any("arrived" in a.content.text for a in r.attributions)


def test_a_that_clause_after_another_cue_and_its_addressee_is_that_cues(analyze_text):
    r = analyze_text("Although Weiner admitted to the newspaper that he and the woman had been friends for "
                     "some time, he claimed they had never met in person.")
    a = att(r, "admitted", "had been friends")
    assert src(a) == "Weiner" and "never met" not in a.content.text
    a = att(r, "claimed", "never met")
    assert "friends" not in a.content.text


def test_a_requests_infinitive_hung_as_an_adjunct_is_what_was_asked():
    rows = [("Committees", "committee", "PROPN", 2, "nsubj"), ("asked", "ask", "VERB", 0, "root"),
            ("the", "the", "DET", 5, "det"), ("Justice", "Justice", "PROPN", 5, "compound"),
            ("Department", "Department", "PROPN", 2, "obj"), ("to", "to", "PART", 7, "mark"),
            ("investigate", "investigate", "VERB", 2, "advcl"), ("the", "the", "DET", 9, "det"),
            ("leak", "leak", "NOUN", 7, "obj"), (".", ".", "PUNCT", 2, "punct")]
    a = only(rows_doc(rows), "ask")
    assert a.content.text == "the Justice Department to investigate the leak" and a.source.text == "Committees"


def test_a_that_past_the_cues_place_opens_what_was_said_wherever_it_hangs():
    # "announced on the convention floor that …": the parser hung the clause on "floor"
    rows = [("Trump", "Trump", "PROPN", 2, "nsubj"), ("announced", "announce", "VERB", 0, "root"),
            ("on", "on", "ADP", 6, "case"), ("the", "the", "DET", 6, "det"),
            ("convention", "convention", "NOUN", 6, "compound"), ("floor", "floor", "NOUN", 2, "obl"),
            ("that", "that", "SCONJ", 10, "mark"), ("the", "the", "DET", 9, "det"),
            ("delegates", "delegate", "NOUN", 10, "nsubj"), ("voted", "vote", "VERB", 6, "acl"),
            (".", ".", "PUNCT", 2, "punct")]
    a = only(rows_doc(rows), "announce")
    assert a.content.text == "that the delegates voted" and a.source.text == "Trump"


def test_a_clause_hung_beside_the_participle_is_what_it_says():
    # "Clinton attacked Trump, saying he would appoint judges": the parser hung the clause on
    # "attacked"; it is what "saying" reports, and no longer what "attacked" does
    rows = [("Clinton", "Clinton", "PROPN", 2, "nsubj"), ("attacked", "attack", "VERB", 0, "root"),
            ("Trump", "Trump", "PROPN", 2, "obj"), (",", ",", "PUNCT", 5, "punct"),
            ("saying", "say", "VERB", 2, "advcl", "VerbForm=Ger"), ("he", "he", "PRON", 8, "nsubj"),
            ("would", "would", "AUX", 8, "aux"), ("appoint", "appoint", "VERB", 2, "ccomp"),
            ("judges", "judge", "NOUN", 8, "obj"), (".", ".", "PUNCT", 2, "punct")]
    doc = rows_doc(rows)
    a = only(doc, "say")
    assert a.content.text == "he would appoint judges" and a.source.text == "Clinton"
    assert not [x for x in extract(doc) if x.cue.lemma == "attack" and "appoint" in x.content.text]


def test_a_clause_hung_beside_the_cue_or_above_it_is_what_was_said():
    # "While Comey said there was evidence, he decided …": the clause hangs on "decided"
    rows = [("While", "while", "SCONJ", 3, "mark"), ("Comey", "Comey", "PROPN", 3, "nsubj"),
            ("said", "say", "VERB", 10, "advcl"), ("there", "there", "PRON", 5, "expl"),
            ("was", "be", "VERB", 10, "advcl"), ("clear", "clear", "ADJ", 7, "amod"),
            ("evidence", "evidence", "NOUN", 5, "nsubj"), (",", ",", "PUNCT", 3, "punct"),
            ("he", "he", "PRON", 10, "nsubj"), ("decided", "decide", "VERB", 0, "root"),
            ("not", "not", "PART", 13, "advmod"), ("to", "to", "PART", 13, "mark"),
            ("act", "act", "VERB", 10, "xcomp"), (".", ".", "PUNCT", 10, "punct")]
    a = only(rows_doc(rows), "say")
    assert a.content.text == "there was clear evidence" and a.source.text == "Comey"
    # "saying conservatives need to unite": the parser made "saying" the subject of "need";
    # the speaker is the one the participle shares its subject with, not the clause's
    rows = [("Fiorina", "Fiorina", "PROPN", 3, "nsubj"), ("was", "be", "AUX", 3, "cop"),
            ("upfront", "upfront", "ADJ", 0, "root"), (",", ",", "PUNCT", 5, "punct"),
            ("saying", "say", "VERB", 7, "csubj", "VerbForm=Ger"),
            ("conservatives", "conservative", "NOUN", 7, "nsubj"), ("need", "need", "VERB", 3, "conj"),
            ("to", "to", "PART", 9, "mark"), ("unite", "unite", "VERB", 7, "xcomp"),
            (".", ".", "PUNCT", 3, "punct")]
    a = only(rows_doc(rows), "say")
    assert a.content.text == "conservatives need to unite" and a.source.text == "Fiorina"


def test_what_was_said_as_a_subject_is_no_clause_beside_the_cue(analyze_text):
    r = analyze_text("What the senator said surprised his colleagues.")
    assert not any("surprised" in a.content.text for a in r.attributions)


def test_an_aside_after_an_inverted_cue_is_not_what_was_said():
    # "Sales were great, he said, wiping sweat off his face": the parser made the participle the
    # saying's clause; what he said is the clause the cue is set in
    rows = [("Sales", "sale", "NOUN", 3, "nsubj"), ("were", "be", "AUX", 3, "cop"),
            ("great", "great", "ADJ", 0, "root"), (",", ",", "PUNCT", 6, "punct"),
            ("he", "he", "PRON", 6, "nsubj"), ("said", "say", "VERB", 3, "parataxis"),
            (",", ",", "PUNCT", 8, "punct"), ("wiping", "wipe", "VERB", 6, "ccomp", "VerbForm=Ger"),
            ("sweat", "sweat", "NOUN", 8, "obj"), (".", ".", "PUNCT", 3, "punct")]
    assert only(rows_doc(rows), "say").content.text == "Sales were great"
    # "…, said David Gilbert, its president": the speaker's role, not what was said
    rows = [("Donations", "donation", "NOUN", 2, "nsubj"), ("rose", "rise", "VERB", 0, "root"),
            (",", ",", "PUNCT", 4, "punct"), ("said", "say", "VERB", 2, "parataxis"),
            ("David", "David", "PROPN", 4, "nsubj"), ("Gilbert", "Gilbert", "PROPN", 5, "flat"),
            (",", ",", "PUNCT", 9, "punct"), ("its", "its", "PRON", 9, "nmod:poss"),
            ("president", "president", "NOUN", 4, "ccomp"), (".", ".", "PUNCT", 2, "punct")]
    a = only(rows_doc(rows), "say")
    assert a.content.text == "Donations rose" and a.source.text == "David Gilbert"


def test_a_clause_set_off_by_a_dash_does_not_run_into_the_quotation(analyze_text):
    # the writer's clause before the dash is not the speaker's, as 'Apple was "pulled into the
    # enterprise," Cook said' runs into its quotation
    r = analyze_text("Yet Sondland has already amended his testimony once — “I now do recall,” he said, "
                     "talking to Ukraine about investigations.")
    a = att(r, "said", "I now do recall")
    assert "amended" not in a.content.text
    r = analyze_text("Apple was “pulled into the enterprise,” Cook said.")
    assert att(r, "said", "pulled into the enterprise").content.text.startswith("Apple was")
