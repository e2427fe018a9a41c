"""End-to-end extraction through the real Stanza pipeline, on articles written for the project."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES


@pytest.fixture(scope="session")
def example(analyzer):
    memo = {}

    def load(name: str):
        if name not in memo:
            text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
            memo[name] = analyzer.analyze(text, name)
        return memo[name]

    return load


def att(result, cue: str, content_part: str):
    """The one attribution whose cue text is *cue* and whose content contains *content_part*."""
    hits = [a for a in result.attributions if a.cue.text == cue and content_part in a.content.text]
    assert len(hits) == 1, [(a.cue.text, a.content.text) for a in result.attributions]
    return hits[0]


def src(a):
    return a.source.text if a.source else ""


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


# 4. prepositional cues
def test_according_to_as_reported_and_citing(seed, example):
    a = att(seed, "according to", "4,500 Russians")
    assert src(a) == "official figures"
    r = example("flood_report")
    assert src(att(r, "according to", "At least 30 people died")) == "official figures"
    a = att(r, "reported", "The river rose by four metres")
    assert src(a) == "the regional newspaper" and a.construction == "as-clause"
    a = att(r, "citing", "evacuated 2,000 residents")
    assert src(a) == "a risk of further landslides"


# 5. passive and agentless cues
def test_passive_cues(example):
    r = example("flood_report")
    a = att(r, "is confirmed", "The damage")
    assert src(a) == "satellite images" and a.cue.cls == "confirm"
    a = att(r, "was claimed", "the dam had been poorly maintained")
    assert a.source is None
    assert not any(a.cue.text == "had been maintained" for a in r.attributions)


# 6. nominal cues
def test_nominal_cues(example):
    r = example("flood_report")
    a = att(r, "claim", "the warnings came too late")
    assert src(a) == "The mayor" and a.construction == "nominal"
    a = att(r, "said", "the dam was inspected in May")
    assert "the water board" in src(a)


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


def test_quotation_marks_of_every_kind(example):
    r = example("quote_marks")
    assert att(r, "said:", "The budget is balanced").content.text == "«The budget is balanced.»"
    assert att(r, "said", "We are ready").type == "direct"
    a = att(r, "said", "The road will reopen")  # a quote running on into the next paragraph
    assert "Repairs have started on both lanes" in a.content.text
    assert att(r, "said", "long overdue").type == "mixed"
    assert att(r, "said", "the plan is unchanged").type == "direct"  # unbalanced: ends with the text


def test_reporting_inside_a_quote_is_part_of_the_quote(analyze_text):
    r = analyze_text('"I think we will win, and I know our voters," the candidate said.')
    assert [a.cue.lemma for a in r.attributions] == ["say"]


def test_nested_attribution_keeps_its_parent(analyze_text):
    r = analyze_text("Russian media reported that Moscow said the attack was prevented.")
    outer = att(r, "reported", "Moscow said")
    inner = att(r, "said", "the attack was prevented")
    assert inner.parent == outer.id and outer.parent is None


def test_sourceless_adverb_cue(example):
    a = att(example("flood_report"), "reportedly", "Two workers were trapped")
    assert a.source is None and a.cue.cls == "report" and a.construction == "adverb"


def test_wire_story_dateline_is_never_the_speaker(example):
    r = example("wire_drones")
    a = att(r, "said", "it had destroyed 30 of 38 drones")
    assert src(a) == "Ukraine's air force"
    assert not any("KYIV" in src(x) for x in r.attributions)


def test_participle_after_a_quote_takes_the_speaker_not_the_quoted_subject(example):
    r = example("wire_drones")
    assert src(att(r, "adding", "allies had promised new deliveries")) == "he"


def test_no_comment_is_a_negated_cue_and_could_not_verify_is_no_report(example):
    r = example("wire_drones")
    a = att(r, "did not comment on", "the attack")
    assert a.cue.negated and src(a) == "Russia's defence ministry"
    assert not any(x.cue.lemma == "verify" for x in r.attributions)


def test_quote_after_the_speakers_sentence_joins_it_and_declined_to_say_withholds(example):
    r = example("bank_robbery")
    a = att(r, "told", "This was a well-planned operation")
    assert "But they made mistakes" in a.content.text and len(a.content.spans) == 2
    d = att(r, "declined to say", "how much money was taken")
    assert d.cue.negated and d.cue.lemma == "say"
    assert not any(x.cue.lemma == "decline" for x in r.attributions)


def test_asked_if_before_the_answer(analyze_text):
    r = analyze_text('Asked if the comments had rattled them, Ryan said, "Sure. I get that, too."')
    asked = att(r, "Asked", "if the comments had rattled them")
    assert asked.source is None and asked.cue.cls == "ask"
    assert src(att(r, "said", "Sure")) == "Ryan"


def test_clause_hung_on_the_addressee(analyze_text):
    r = analyze_text("Ryan told a news conference they are planting the seeds.")
    assert src(att(r, "told", "they are planting the seeds")) == "Ryan"
