"""Quotation regions: every kind of mark, unbalanced and multi-paragraph quotes, never a crash."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from claimtrack.extract.marks import QuoteIndex, find_quotes


def texts(regions, text):
    return [text[s:e] for s, e in regions]


def test_kinds_of_quotation_marks():
    t = 'A said "x y". B said \u201cz w\u201d. C said \u00abv\u00bb. D said \u2018u t\u2019. E: \u201ep q\u201c'
    assert texts(find_quotes(t), t) == ['"x y"', "\u201cz w\u201d", "\u00abv\u00bb", "\u2018u t\u2019", "\u201ep q\u201c"]


def test_apostrophes_are_not_quotes():
    t = "Russia's FSB didn't say it was the players' union's fault."
    assert find_quotes(t) == []


def test_quote_running_on_into_the_next_paragraph():
    t = 'He said, "First part.\n"Second part." Then more.'
    assert texts(find_quotes(t), t) == ['"First part.\n"Second part."']


def test_unbalanced_quote_ends_with_its_paragraph():
    t = 'She said "never closed\nNext paragraph is plain.'
    assert texts(find_quotes(t), t) == ['"never closed']


def test_an_opening_mark_typed_for_a_closing_one():
    # '…for her here,“ said Clyburn': after a word and before a space, “ closes the quotation
    t = "\u201cThat could create problems,\u201c said Clyburn. \u201cWe won.\u201d"
    assert texts(find_quotes(t), t) == ["\u201cThat could create problems,\u201c", "\u201cWe won.\u201d"]


def test_doubled_single_quotes_as_double():
    t = "The president said ''Hopefully,'' he added."
    assert texts(find_quotes(t), t) == ["''Hopefully,''"]


def test_quote_type():
    t = 'X said "all of it." Y said it was "partly" so.'
    q = QuoteIndex(t)
    assert q.quote_type([(7, 19)], t) == "direct"
    assert q.quote_type([(28, 45)], t) == "mixed"
    assert q.quote_type([(0, 6)], t) == "indirect"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab .,\n"\'\u201c\u201d\u2018\u2019\u00ab\u00bb`')), max_size=120))
def test_never_crashes_and_regions_are_ordered(text):
    regions = find_quotes(text)
    prev_end = 0
    for s, e in regions:
        assert 0 <= s < e <= len(text) and s >= prev_end
        prev_end = e


def test_an_elided_word_opens_no_quote_and_a_single_quote_runs_on_only_into_a_single_quote():
    # "In 't Veld": an elision, not a quotation swallowing the next paragraph's quote and speaker
    t = "In 't Veld sees parallels.\n\n\"I see the same populism,\" she told USA TODAY. The '90s and 'em."
    assert texts(find_quotes(t), t) == ['"I see the same populism,"']
    # an unbalanced single quote ends with its paragraph when the next opens with a double one
    t = "He called it \u2018a farce.\n\n\"We won,\" she said."
    assert texts(find_quotes(t), t) == ["\u2018a farce.", '"We won,"']
