"""Quotations next to their cue, interrupted, and continued in the neighbouring paragraph."""
from __future__ import annotations

from extractkit import att, src
from extractkit import only, ud_sentence


# 2. inverted and interrupted quotes
def test_inverted_quote_from_the_seed(seed):
    a = att(seed, "said", "The Kazakh citizenship and arrival")
    assert src(a) == "the Kazakh National Security Committee (KNB)"
    assert a.type == "direct"
    assert a.content.text.startswith('"The Kazakh') and a.content.text.endswith('confirmed,"')


def test_interrupted_quote_has_two_fragments(example):
    r = example("port_strike")
    a = att(r, "said", "The talks are over")
    assert src(a) == "she"
    assert "The company walked away from the table" in a.content.text
    assert len(a.content.spans) == 2 and a.type == "direct"
    a = att(r, "said", "We will not go back")
    assert src(a) == "Marta de Vries, the union's spokeswoman"


# 3. neighbouring sentence / paragraph, and colon
def test_quote_in_the_next_paragraph_belongs_to_the_speaker_before(example):
    r = example("port_strike")
    a = att(r, "spoke", "This is about safety")
    assert src(a) == "The union's chairman" and a.type == "direct"
    a = att(r, "told", "Nobody wins from a long strike")
    assert src(a) == "Transport minister Pieter Bakker"


def test_quotation_marks_of_every_kind(example):
    r = example("quote_marks")
    assert att(r, "said:", "The budget is balanced").content.text == "«The budget is balanced.»"
    assert att(r, "said", "We are ready").type == "direct"
    a = att(r, "said", "The road will reopen")  # a quote running on into the next paragraph
    assert "Repairs have started on both lanes" in a.content.text
    assert att(r, "said", "long overdue").type == "mixed"
    assert att(r, "said", "the plan is unchanged").type == "direct"  # unbalanced: ends with the text


def test_quote_after_the_speakers_sentence_joins_it_and_declined_to_say_withholds(example):
    r = example("bank_robbery")
    a = att(r, "told", "This was a well-planned operation")
    assert "But they made mistakes" in a.content.text and len(a.content.spans) == 2
    d = att(r, "declined to say", "how much money was taken")
    assert d.cue.negated and d.cue.lemma == "say"
    assert not any(x.cue.lemma == "decline" for x in r.attributions)


def test_inverted_quote_with_speaker_after_the_verb():
    doc = ud_sentence("gum", '"Seventeen years ago, this would not have been possible')
    a = only(doc, "say")
    assert a.source.text == "Ambassador Mohib"
    assert a.content.text.startswith('"Seventeen years ago')
    assert a.content.text.endswith(',"')
    assert a.type == "direct"



def test_quoted_words_before_a_speaker_whose_clause_follows_are_not_what_was_said(analyze_text):
    r = analyze_text("Humphrey, who calls Trump a “sociopath,” said he doesn’t believe the effort requires "
                     "a settled alternative to succeed.")
    a = att(r, "said", "he doesn’t believe")
    assert src(a) == "Humphrey" and "sociopath" not in a.content.text
    # the quotation alone before the cue is still what was said, and so is one whose cue a
    # relative clause follows
    a = att(analyze_text("“We are winning,” he said on Tuesday."), "said", "We are winning")
    assert a.content.text == "“We are winning,”"
    r = analyze_text('Customers "began to say we want you to do this and that," Cook told Benioff, which '
                     'ultimately meant making the "best mobile operating system for enterprise."')
    assert att(r, "told", "began to say").content.text == '"began to say we want you to do this and that,"'
    # a "that" opening the clause after the cue is no relative pronoun
    r = analyze_text('A representative for the brand - a business pitched as "the ultimate destination for '
                     'Women Who Work" - noted that the company offers new mothers eight weeks of paid leave.')
    assert att(r, "noted", "the company offers").content.text.startswith("that the company")


def test_a_question_cut_off_before_a_bare_speaker_is_the_speakers(analyze_text):
    r = analyze_text('"Maybe the other candidate is ready," Sanders remarked.\n\n"That would be you?" Borger '
                     'asked.\n\n"That would be me, yes," the senator said.')
    a = att(r, "asked", "That would be you?")
    assert src(a) == "Borger"
    assert "would be you" not in att(r, "remarked", "Maybe").content.text


def test_a_speech_verb_opening_the_sentence_gives_the_quotation_after_its_speaker(analyze_text):
    # "Said X, “…”": the lemmatizer may leave the capitalised verb as "Said"
    r = analyze_text("The small pink home was turned into a museum. Said Dorothy Poynter, who grew up "
                     "with Ali, “We were all so proud of him.”\n\nSaid Comey, \"The thought that an "
                     "error on our part is connected to this breaks our hearts.\"")
    a = att(r, "Said", "so proud of him")
    assert src(a) == "Dorothy Poynter" and a.cue.lemma == "say" and a.content.text.startswith("“We were")
    a = att(r, "Said", "breaks our hearts")
    assert src(a) == "Comey" and a.content.text.startswith('"The thought')


def test_quote_split_by_the_sentence_splitter_still_meets_its_speaker(analyze_text):
    r = analyze_text("\u201cThe campaign is in panic mode. Full panic mode,\u201d said Leslie Wimes, "
                     "a local party organiser.")
    a = att(r, "said", "Full panic mode")
    assert src(a).startswith("Leslie Wimes") and a.type == "direct"
    assert a.content.text.startswith("\u201cThe campaign is in panic mode.")


def test_a_quote_running_on_over_several_paragraphs_stays_with_its_speaker(analyze_text):
    r = analyze_text("\u201cWe will rebuild every house,\u201d the mayor said on Monday.\n\n"
                     "\u201cIt will take years. The money is not there yet. We are asking for help.\u201d\n\n"
                     "\u201cBut we will do it together, street by street.\u201d\n\n"
                     "\u201cNobody will be left behind.\u201d\n\nThe governor did not comment.")
    a = att(r, "said", "We will rebuild")
    assert src(a) == "the mayor"
    assert "street by street" in a.content.text and a.content.text.endswith("left behind.\u201d")


def test_speaker_with_appositions_between_the_quote_and_the_verb(analyze_text):
    r = analyze_text("\u201cIt is an invasion of the state's domain,\u201d Scott Pruitt, the attorney general "
                     "of Oklahoma, one of the states suing the agency, said at an event this month.")
    a = att(r, "said", "It is an invasion")
    assert src(a).startswith("Scott Pruitt") and a.type == "direct"
    assert "Pruitt" not in a.content.text


def test_a_quote_closing_the_paragraph_continues_the_speaker(analyze_text):
    r = analyze_text("“It’s finished,” she said of the election, which she had followed closely. "
                     "“In my head, anyway.”\n\nThe count went on for a week.")
    a = att(r, "said", "It’s finished")
    assert "In my head, anyway." in a.content.text and src(a) == "she"
    # a quotation with more text after it in the paragraph is not simply carried on
    r = analyze_text("“It’s finished,” she said. “In my head,” the mayor added, “anyway.”")
    assert "In my head" not in att(r, "said", "It’s finished").content.text


def test_a_programme_title_before_the_cue_is_not_the_quote(analyze_text):
    r = analyze_text("Speaking on CBS’s “Face the Nation,” the speaker said the country needs more listening.")
    a = att(r, "said", "the country needs more listening")
    assert "Face the Nation" not in a.content.text


def test_a_quoted_title_is_named_not_said(analyze_text):
    from claimtrack.extract.quotes import title_quote

    def region(text, inner):
        k = text.index(inner)
        return (k - 1, k + len(inner) + 1)
    t = 'Harper, hot off directing a lush adaptation of “War & Peace” — had just found his next project.'
    assert title_quote(t, region(t, "War & Peace"))
    t = 'The star of the show “I’d Do Anything” had agreed to play the part.'
    assert title_quote(t, region(t, "I’d Do Anything"))
    # speech is not: a sentence of its own, a word of it in lower case, or one word standing alone
    for t, inner in (('“We Are Ready.” the coach said.', "We Are Ready."),
                     ('“We are ready,” the coach said.', "We are ready,"),
                     ('“Absolutely,” she said.', "Absolutely,")):
        assert not title_quote(t, region(t, inner)), t
    r = analyze_text("The singer, who won the contest “I’d Do Anything” in 2008, had agreed to play Rose-Lynn.")
    assert not any(a.construction == "inverted-quote" for a in r.attributions)


def test_a_cue_and_its_speaker_inside_a_quotation_are_what_was_said_however_far_the_content_runs(analyze_text):
    r = analyze_text("Her son also remembers it as a trying time. \u201cIf your mom comes to you after surgery "
                     "and says that her head is now full of music, I think it\u2019s totally fair to think "
                     "that she\u2019s gone crazy,\u201d he said. \u201cAll of a sudden she was referencing these "
                     "obscure indie bands and picking up random instruments \u2014 I\u2019m not gonna lie, the "
                     "accordion playing drives me nuts,\u201d McDowell laughed.")
    assert not any(a.cue.text == "was referencing" for a in r.attributions), \
        [(src(a), a.cue.text) for a in r.attributions]


def test_a_speaker_closing_a_sentence_that_already_quotes_someone_reports_all_of_it(analyze_text):
    # the quotation is his; the office at the end reports everything he did and said
    r = analyze_text('During the call, he asked about the budget and said, "somebody ought to stop her," '
                     "the prosecutor's office said.")
    outer = att(r, "said", "During the call")
    assert src(outer) == "the prosecutor's office" and "asked about the budget" in outer.content.text
    inner = [a for a in r.attributions if a.source and a.source.text == "he" and a.cue.text == "said"]
    assert inner and "office" not in inner[0].content.text


def test_the_closing_speaker_is_not_inside_the_reported_clause(analyze_text):
    r = analyze_text('Smith told the court he "never meant it," prosecutors said.')
    told = att(r, "told", "never meant it")
    assert "prosecutors" not in told.content.text
    assert src(att(r, "said", "Smith told the court")) == "prosecutors"
