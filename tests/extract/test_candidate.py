"""Word indices → character spans: trimming, runs and whole quotations."""
from __future__ import annotations

from claimtrack.extract.candidate import runs, spans, trim, whole_quotes
from claimtrack.parse.parser import doc_from_conllu
from claimtrack.extract.marks import QuoteIndex


def _doc(words):
    rows = "".join(f"{i}\t{w}\t{w.lower()}\tX\t_\t_\t0\tdep\t_\t_\n" for i, w in enumerate(words, 1))
    return doc_from_conllu(rows)


def test_runs_join_consecutive_words_into_one_span():
    doc = _doc(["The", "KNB", "said", "so", "."])
    sent = doc.sentences[0]
    assert [doc.text[s:e] for s, e in runs(sent, [0, 1, 3])] == ["The KNB", "so"]


def test_trim_drops_surrounding_punctuation_and_blanks():
    text = ' , that the talks failed ;'
    s, e = trim(text, 0, len(text))
    assert text[s:e] == "that the talks failed"


def test_content_reaching_into_a_quotation_takes_all_of_it_unless_the_cue_is_quoted():
    text = 'He said "we are ready, and we will win" today.'
    quotes = QuoteIndex(text)
    start = text.index("we are")
    end = start + len("we are ready")
    assert text[slice(*whole_quotes(start, end, quotes, (3, 7)))] == '"we are ready, and we will win"'
    cue_inside = (text.index("win"), text.index("win") + 3)
    assert whole_quotes(start, end, quotes, cue_inside) == (start, end)


def test_spans_without_letters_or_digits_are_dropped():
    doc = _doc(["Yes", ",", "--", "no"])
    sent = doc.sentences[0]
    assert [doc.text[s:e] for s, e in spans(doc.text, sent, [1, 2], QuoteIndex(doc.text))] == []
