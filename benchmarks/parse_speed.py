"""Stock Stanza vs claimtrack's parse path, side by side in one process (``run.py --only speed``).

One pipeline is loaded; :func:`claimtrack.parse.fastparse.stock_steps` switches it back to Stanza's own
steps, so both paths use the same weights, process, threads and machine load. Its spelling
caches (``claimtrack.parse.fastchar``) carry over from chunk to chunk, as in any process that parses
more than one call; the first chunk starts cold and is reported on its own. The corpus is cut
into chunks of a few articles; each chunk is parsed by every engine in turn (the order rotating
from chunk to chunk), so a burst of load from other jobs hits all of them alike. The figure is
the ratio of total times; absolute words/s on a shared machine are noise.

Also measured on the same chunks: the int8 engine (``--fast``: a second pipeline with dynamic
int8 quantisation) and how many words it parses differently; claimtrack's default path on two
cores (``fastparse.parse_stream``: one article per Stanza call, the first stages of the next
article in a second thread) vs the same steps on one thread, a chunk per call (speed, and whether
the output is the same); optionally stock at torch's default thread count; and, when the corpus
has gold attributions, attr F1 of the analyses built on each engine's parses.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field


@dataclass
class Tally:
    """One engine's summed parse time and its parses, kept as JSON strings: strings are not
    tracked by the garbage collector, so the parses a run piles up do not make later full
    collections (during any engine's timed calls) slower than in a user's process."""

    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of this process: less disturbed by other jobs than wall time
    texts: list = field(default_factory=list)
    blobs: list = field(default_factory=list)
    chunks: list = field(default_factory=list)  # seconds per chunk, in corpus order

    @property
    def docs(self) -> list:
        """claimtrack Docs, in corpus order."""
        from claimtrack.parse.parser import Doc

        return [Doc.from_json(t, json.loads(b)) for t, b in zip(self.texts, self.blobs)]


def word_rows(docs) -> list[list]:
    """Per sentence, every word's decisions (text, lemma, tags, feats, head, relation, offsets)."""
    return [[w.to_row() for w in s.words] for d in docs for s in d.sentences]


def _timed(tally: Tally, fn, texts: list[str]) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    docs = fn(texts)
    took = time.perf_counter() - t0
    tally.cpu += time.process_time() - c0
    tally.seconds += took
    tally.chunks.append(took)
    tally.texts.extend(texts)
    tally.blobs.extend(json.dumps(d.to_json(), separators=(",", ":")) for d in docs)


def run_engines(texts: list[str], model_dir: str, chunk: int = 4, with_int8: bool = True,
                threads: int = 1, stock_default_threads: bool = False) -> dict[str, Tally]:
    """Parse *texts* with every engine, chunk by chunk, in rotating order.

    Every engine runs on *threads* torch threads except ``exact, two cores`` (claimtrack's
    default path: :func:`claimtrack.parse.fastparse.parse_stream`, two Python threads of one torch
    thread each) and, with *stock_default_threads*, ``stock, default threads`` (torch's own
    default, one per core)."""
    import stanza
    import torch
    from claimtrack.parse import fastparse
    from claimtrack.parse.parser import Parser, _from_stanza

    exact = Parser(model_dir, engine="exact", device="cpu")
    exact.nlp("Warm-up: the first call initialises torch.")
    # the two-core experiment gets a pipeline of its own: sharing exact's would warm exact's
    # spelling caches with the very chunk exact is about to parse
    exact2 = Parser(model_dir, engine="exact", device="cpu")
    exact2.nlp("Warm-up: the first call initialises torch.")
    int8 = Parser(model_dir, engine="int8", device="cpu") if with_int8 else None
    if int8:
        int8.nlp("Warm-up: the first call initialises torch.")

    def call(parser, texts):
        sdocs = parser.nlp([stanza.Document([], text=t) for t in texts])
        return [_from_stanza(t, d, parser.has_ner) for t, d in zip(texts, sdocs)]

    def stock(texts):
        with fastparse.stock_steps(exact.nlp):
            return call(exact, texts)

    def overlapped(texts):
        return [_from_stanza(t, d, exact2.has_ner)
                for t, d in zip(texts, fastparse.parse_stream(exact2.nlp, texts, overlap=True))]

    default = torch.get_num_threads()
    engines = {"stock": (stock, threads), "exact": (lambda ts: call(exact, ts), threads),
               "exact, two cores": (overlapped, 1)}
    if stock_default_threads:
        engines["stock, default threads"] = (stock, default)
    if int8:
        engines["int8"] = (lambda ts: call(int8, ts), threads)
    tallies = {name: Tally() for name in engines}
    names = list(engines)
    try:
        for k in range(0, len(texts), chunk):
            part = texts[k:k + chunk]
            turn = (k // chunk) % len(names)
            for name in names[turn:] + names[:turn]:
                fn, n_threads = engines[name]
                torch.set_num_threads(n_threads)
                _timed(tallies[name], fn, part)
    finally:
        torch.set_num_threads(default)
    return tallies


def differing_words(a, b) -> tuple[int, int]:
    """(words whose parse differs, words whose head or relation differs) between two parses of
    the same texts; a different sentence split counts all its words."""
    words = arcs = 0
    for sa, sb in zip(word_rows(a), word_rows(b)):
        if len(sa) != len(sb):
            words += max(len(sa), len(sb))
            arcs += max(len(sa), len(sb))
            continue
        for x, y in zip(sa, sb):
            words += x != y
            arcs += (x[5], x[6]) != (y[5], y[6])
    return words, arcs


def attr_f1(docs: list[dict], parsed) -> float:
    """attr F1 of claimtrack's analyses of these parses against the corpus's gold."""
    from claimtrack.api import analyze_doc
    from claimtrack.evaluate.scoring import score
    from claimtrack.extract.lexicon import load_lexicon
    from claimtrack.evaluate.predict import to_prediction

    lex = load_lexicon(None)
    preds = {d["id"]: to_prediction(analyze_doc(doc, d["id"], lex)) for d, doc in zip(docs, parsed)}
    return score({d["id"]: d for d in docs}, preds)["attributions"]["attr"]["f1"]
