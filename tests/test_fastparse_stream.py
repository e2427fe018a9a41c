"""The two-core experiment (``fastparse.parse_stream``): the next article's tokenize/POS/lemma in
a second thread beside this one's depparse gives stock Stanza's parse, in order, and fails and
stops cleanly."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.parse import fastparse
from test_fastparse import TEXTS, parse_both, rows

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def nlp(analyzer):
    """The session pipeline (fast path installed), on one torch thread like test_fastparse."""
    import torch

    pipe = analyzer.parser.nlp
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield pipe
    torch.set_num_threads(threads)


def test_two_cores_overlapped_give_stocks_parse_in_order(nlp):
    """parse_stream: the next article's tokenize/POS/lemma in a second thread beside this one's
    depparse; the articles come back in order, each parsed as stock parses it, and torch's thread
    count is restored."""
    import torch

    seed = (EXAMPLES / "moscow_times_kaluga.txt").read_text(encoding="utf-8")
    texts = TEXTS + [seed]
    _fast, stock = parse_both(nlp, texts)
    before = torch.get_num_threads()
    overlapped = list(fastparse.parse_stream(nlp, texts, overlap=True))
    assert torch.get_num_threads() == before
    assert [d.text for d in overlapped] == texts
    assert rows(overlapped) == rows(stock)
    assert rows(fastparse.parse_stream(nlp, texts[:2], overlap=False)) == rows(stock[:2])


def test_an_error_in_the_front_thread_reaches_the_caller(nlp, monkeypatch):
    tokenizer = nlp.processors["tokenize"]

    def broken(doc):
        raise RuntimeError("tokenizer broke")

    monkeypatch.setattr(tokenizer, "bulk_process", broken)
    with pytest.raises(RuntimeError, match="tokenizer broke"):
        list(fastparse.parse_stream(nlp, TEXTS[:3], overlap=True))
    monkeypatch.undo()
    stream = fastparse.parse_stream(nlp, TEXTS, overlap=True)  # abandoned half way: no hang
    next(stream)
    stream.close()
