"""The tokenizer's model step without re-running paragraphs that are already done.

Stanza 1.15's tokenizer reads paragraphs in sorted batches of 64 and a window of 1,000
characters at a time. When a batch holds a paragraph longer than the window, it runs the whole
batch again for every further window (``tokenization.utils.predict``, whose own TODO says so),
although every other paragraph is finished: their rows are all padding and their predictions
are thrown away (each advances by 0). Sorted batching puts a corpus's long paragraphs together
in its first batch, so on news this was ~35 % of the whole parse for some PolNeAR dev chunks.

:func:`tokenize_predict` stands in for the trainer's ``predict`` and runs the model only on
the rows that still have text; the finished rows get zeros, which the caller discards. A live
row's computation is unchanged (same width, same padding; rows of a batch do not interact in
this model), up to the float rounding that the number of rows in a matrix product can change;
the benchmark checks every token and sentence on all of PolNeAR dev.
"""
from __future__ import annotations


def tokenize_predict(self, inputs):
    """``tokenization.Trainer.predict`` on the rows of *inputs* that are not all padding."""
    import numpy as np

    units, labels, features, text = inputs
    live = (units != self.vocab.unit2id('<PAD>')).any(1)
    if bool(live.all()) or not bool(live.any()):
        return type(self).predict(self, inputs)
    rows = live.nonzero().flatten()
    keep = rows.tolist()
    part = type(self).predict(self, (units[rows], labels[rows] if labels is not None else None,
                                     features[rows], [text[i] for i in keep]))
    out = np.zeros((units.size(0),) + part.shape[1:], dtype=part.dtype)
    out[keep] = part
    return out


def tokenize_unsupported(proc) -> str | None:
    """Why :func:`tokenize_predict` cannot stand in for this tokenizer's, or None."""
    from stanza.models.tokenization.model import Tokenizer
    from stanza.models.tokenization.trainer import Trainer

    if hasattr(proc, '_variant'):
        return "a processor variant is in use"
    trainer = getattr(proc, 'trainer', None)
    if type(trainer) is not Trainer or type(getattr(trainer, 'model', None)) is not Tokenizer:
        return "not Stanza's neural tokenizer"
    if getattr(trainer.model, 'charmodel', None) is not None:
        return "a character language model is not covered"
    return None
