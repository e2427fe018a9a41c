"""The POS tagger's step with Stanza's own output, minus work its answer does not need.

Installed by :func:`claimtrack.parse.fastparse.install` on one loaded pipeline (never on Stanza's
classes). Where stock Stanza 1.15's tagger (cProfile, 6 dev articles) spends time that is not
the model's arithmetic:

* its collate function sorts the sentences by lengths held as 0-d tensors, so every comparison
  of the sort is a torch call (~18 % of the tagger's time); here the same sort on ints;
* it maps every padded position of every column back to strings, through the features
  vocabulary's slow composite lookup; here only real positions, each distinct id once;
* the features and XPOS heads are bilinear in the word's hidden vector and the embedding of
  its predicted UPOS, which takes a dozen values in a batch of thousands of words: here the
  bilinear weight is contracted with each distinct UPOS embedding once, then each word is one
  matrix product (:func:`grouped_biaffine`).

The last is not bit-for-bit stock's float32 arithmetic (the same sums in another order); what
must be the same is every tag chosen from it, which ``tests/test_fastparse.py`` checks on fixed
texts and ``benchmarks/run.py --only speed`` on all of PolNeAR dev.
"""
from __future__ import annotations

import types


def long_rows(rows: list, n: int, pad: int):
    """``stanza.models.common.data.get_long_tensor`` for a list of int lists: the same int64
    tensor, filled with one masked assignment instead of a tensor per row."""
    import torch

    lens = torch.tensor([len(r) for r in rows], dtype=torch.long)
    width = int(lens.max()) if len(rows) else 0
    out = torch.full((n, width), pad, dtype=torch.long)
    mask = torch.arange(width)[None, :] < lens[:, None]
    out[:len(rows)][mask] = torch.tensor([x for r in rows for x in r], dtype=torch.long)
    return out


def pos_collate(self, data):
    """Stock ``pos.data.Dataset.collate_fn`` with integer sort keys (the same order: ties are
    broken by position in both)."""
    import torch
    from torch.nn.utils.rnn import pad_sequence
    from stanza.models.common.data import sort_all
    from stanza.models.common.vocab import PAD_ID
    from stanza.models.pos.data import DataBatch

    (data, idx) = zip(*data)
    (words, wordchars, tags, pretrained, text) = zip(*data)
    tags = list(zip(*tags)) if len(self.tag_names) > 0 else []
    lens = [int(torch.sum(x != PAD_ID)) for x in words]
    to_sort = [words, wordchars] + list(tags) + [pretrained, text]
    sorted_all, orig_idx = sort_all(to_sort, lens)
    words, wordchars = sorted_all[0], sorted_all[1]
    tags = sorted_all[2:2 + len(tags)]
    pretrained, text = sorted_all[-2], sorted_all[-1]
    lens = [int(torch.sum(x != PAD_ID)) for x in words]
    wordchars = [w for sent in wordchars for w in sent]
    word_lens = [len(x) for x in wordchars]
    (wordchars,), word_orig_idx = sort_all([wordchars], word_lens)
    word_lens = [len(x) for x in wordchars]
    words = pad_sequence(words, True, PAD_ID)
    tags = [pad_sequence(tag, True, PAD_ID) if None not in tag else None for tag in tags]
    pretrained = pad_sequence(pretrained, True, PAD_ID)
    wordchars = long_rows(wordchars, len(word_lens), PAD_ID)
    return DataBatch(words, torch.eq(words, PAD_ID), wordchars, torch.eq(wordchars, PAD_ID), tags,
                     pretrained, orig_idx, word_orig_idx, lens, word_lens, text, idx)


def _unmap(vocab, cache: dict, ids: list) -> list:
    """``vocab.unmap(ids)``, each distinct id (or id tuple, for composite vocabularies) looked
    up once per pipeline: the features vocabulary formats a string per call."""
    out = []
    for i in ids:
        key = tuple(i) if isinstance(i, list) else i
        unit = cache.get(key)
        if unit is None:
            unit = cache[key] = vocab.id2unit(i)
        out.append(unit)
    return out


def pos_predict(trainer, batch, caches: dict) -> list:
    """``pos.Trainer.predict`` (output columns, unsorted): [[upos, xpos, feats], …] per word."""
    from stanza.models.common import utils
    from stanza.models.pos.trainer import unpack_batch

    model = trainer.model
    device = next(model.parameters()).device
    inputs, orig_idx, word_orig_idx, sentlens, wordlens, text = unpack_batch(batch, device)
    word, word_mask, wordchars, wordchars_mask, tags, pretrained = inputs
    model.eval()
    _, preds = model(word, word_mask, wordchars, wordchars_mask, tags, pretrained,
                     word_orig_idx, sentlens, wordlens, text)
    seqs = []
    for column, pred in zip(model.tag_columns, preds):
        if column.output:
            vocab, cache = trainer.vocab[column.name], caches.setdefault(column.name, {})
            seqs.append([_unmap(vocab, cache, row[:n]) for row, n in zip(pred.tolist(), sentlens)])
    if not seqs:
        return [[] for _ in sentlens]
    result = [[[seq[i][j] for seq in seqs] for j in range(n)] for i, n in enumerate(sentlens)]
    return utils.unsort(result, orig_idx)


def pos_process(self, document):
    """``POSProcessor.process`` with :func:`pos_collate` and :func:`pos_predict`."""
    import torch
    from stanza.models.common import doc
    from stanza.models.common.utils import unsort
    from stanza.models.pos.data import Dataset

    dataset = Dataset(document, self.config, self.pretrain, vocab=self.vocab, evaluation=True,
                      sort_during_eval=True)
    dataset.collate_fn = types.MethodType(pos_collate, dataset)
    loader = dataset.to_length_limited_loader(
        batch_size=self.config['batch_size'],
        maximum_tokens=self.config.get('batch_maximum_tokens', 5000))
    caches = vars(self).setdefault('_claimtrack_unmap', {})
    preds, idx = [], []
    with torch.inference_mode():
        for b in loader:
            idx.extend(b[-1])
            preds += pos_predict(self.trainer, b, caches)
    preds = unsort(preds, idx)
    dataset.doc.set([doc.UPOS, doc.XPOS, doc.FEATS], [y for x in preds for y in x])
    return dataset.doc


# -- bilinear heads over a few distinct parent tags ---------------------------------------------

class RowGroups:
    """The distinct rows of the last conditioning tensor seen, and which words carry each.

    The tagger hands the same parent tensor (the predicted UPOS's embedding, one row per word)
    to all of a batch's feature heads, so it is grouped once; holding it keeps its identity
    from being reused by another tensor.
    """

    def __init__(self) -> None:
        self.key = None
        self.value: tuple | None = None

    def __call__(self, x):
        if self.key is not x:
            import torch

            uniq, inverse = torch.unique(x, dim=0, return_inverse=True)
            order = torch.argsort(inverse, stable=True)
            counts = torch.bincount(inverse, minlength=uniq.size(0)).tolist()
            self.key, self.value = x, (uniq, order.split(counts))
        return self.value


def grouped_biaffine(self, input1, input2, groups: RowGroups):
    """``BiaffineScorer.forward`` for 2-d inputs whose *input2* has few distinct rows:
    ``[x, 1] · W · [p, 1] + b`` with ``W · [p, 1]`` formed once per distinct p."""
    import torch
    from stanza.models.common.biaffine import BiaffineScorer

    if input1.dim() != 2 or input2.dim() != 2:
        return BiaffineScorer.forward(self, input1, input2)
    uniq, parts = groups(input2)
    if len(parts) * 8 > input2.size(0):  # nothing to share
        return BiaffineScorer.forward(self, input1, input2)
    bil = self.W_bilin
    x = torch.cat([input1, input1.new_ones(input1.size(0), 1)], 1)
    p = torch.cat([uniq, uniq.new_ones(uniq.size(0), 1)], 1)
    per_parent = torch.einsum('oij,kj->kio', bil.weight, p)  # (K, I, O)
    out = x.new_empty(x.size(0), bil.out_features)
    for k, rows in enumerate(parts):
        out.index_copy_(0, rows, torch.addmm(bil.bias, x.index_select(0, rows), per_parent[k]))
    return out


def tagger_scorers(model) -> list:
    """The tagger's bilinear heads conditioned on a parent tag (XPOS, each feature)."""
    from stanza.models.common.biaffine import BiaffineScorer

    if getattr(model, 'share_hid', True) or not hasattr(model, 'tag_clf'):
        return []
    return [m for m in model.tag_clf.modules() if type(m) is BiaffineScorer]


def pos_unsupported(proc) -> str | None:
    """Why :func:`pos_process` cannot stand in for this tagger, or None when it can."""
    from stanza.models.pos.model import Tagger

    if hasattr(proc, '_variant'):
        return "a processor variant is in use"
    model = getattr(getattr(proc, 'trainer', None), 'model', None)
    if type(model) is not Tagger:
        return f"model is {type(model).__name__}, not Tagger"
    if model.args.get('bert_model'):
        return "BERT models are not covered"
    # a character language model (the official English tagger's) reads the batch's text,
    # which pos_collate sorts with the rest: tests/test_official_charlm_pretrain.py checks it
    if [c.name for c in model.tag_columns if c.output] != ['upos', 'xpos', 'feats']:
        return "output columns other than upos, xpos, feats"
    return None


# -- the lemmatizer ------------------------------------------------------------------------------

def lemma_unsupported(proc) -> str | None:
    """Why :func:`lemma_process` cannot stand in for this lemmatizer, or None when it can."""
    if hasattr(proc, '_variant') or getattr(proc, 'use_identity', True):
        return "an identity lemmatizer or a processor variant"
    if proc.config.get('dict_only', False) or not proc.config.get('ensemble_dict', False):
        return "not a dictionary + seq2seq ensemble"
    return None


def lemma_process(self, document):
    """``LemmaProcessor.process`` for the dictionary + seq2seq ensemble, minus one step: stock
    first builds a DataLoader that maps every word to character ids and only ever reads its
    ``doc``; here that loader reads the document alone (``conll_only``). Everything after is
    stock's, in stock's order."""
    from itertools import compress

    import torch
    from stanza.models.common import doc
    from stanza.models.lemma.data import DataLoader
    from stanza.pipeline.lemma_processor import WORD_TAGS

    batch = DataLoader(document, self.config['batch_size'], self.config, evaluation=True,
                       conll_only=True)
    skip = self.trainer.skip_seq2seq(batch.doc.get([doc.TEXT, doc.UPOS]))
    seq2seq_batch = DataLoader(document, self.config['batch_size'], self.config, vocab=self.vocab,
                               evaluation=True, skip=skip, expand_unk_vocab=True)
    preds, edits = [], []
    with torch.inference_mode():
        for b in seq2seq_batch:
            ps, es = self.trainer.predict(b, self.config['beam_size'], seq2seq_batch.vocab)
            preds += ps
            if es is not None:
                edits += es
    word_tags = batch.doc.get(WORD_TAGS)
    words = [x[0] for x in word_tags]
    preds = self.trainer.postprocess([x for x, y in zip(words, skip) if not y], preds, edits=edits)
    if self.store_results:
        new_word_tags = compress(word_tags, map(lambda x: not x, skip))
        self.trainer.train_dict([(x[0], x[1], y) for x, y in zip(new_word_tags, preds)],
                                update_word_dict=False)
    it = iter(preds)
    preds = self.trainer.ensemble(word_tags, ['' if s else next(it) for s in skip])
    if self.trainer.has_contextual_lemmatizers():
        preds = self.trainer.update_contextual_preds(batch.doc, preds)
    preds = [max([(len(x), x), (0, '_')])[1] for x in preds]  # empty lemmas become '_'
    batch.doc.set([doc.LEMMA], preds)
    return batch.doc
