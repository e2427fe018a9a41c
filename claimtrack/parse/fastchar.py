"""The tagger's and the parser's character models, each spelling computed once.

Stanza's ``CharacterModel`` runs a character LSTM (400 units here) over every word of a batch;
a word's vector depends on its characters alone. :func:`char_forward_unique` runs it once per
distinct spelling in a batch (a news batch repeats "the", ",", "said" hundreds of times) and,
through a :class:`SpellingCache` kept on the model, not again for spellings an earlier batch
of this process already computed: after a few articles most of a batch's spellings are known.
The two character models were ~13 % of the parse on PolNeAR dev before the cache.

The vectors are the same computation on fewer rows: not always the same float32 bits (how many
rows a matrix product has changes how the BLAS blocks its sums), so what is checked is every
decision taken from them — ``tests/test_fastparse.py`` on fixed texts, ``benchmarks/run.py
--only speed`` on all of PolNeAR dev.
"""
from __future__ import annotations

#: spellings kept per character model (400 floats each: ~13 MB)
CACHE_SIZE = 8192


class SpellingCache:
    """Vectors of the last *size* spellings computed, in a ring (the oldest goes first)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.slot: dict[bytes, int] = {}
        self.keys: list[bytes | None] = [None] * size
        self.store = None  # (size, dim) tensor, made on the first add
        self.next = 0

    def lookup(self, keys: list[bytes]) -> list[int]:
        """The slot of each key, -1 where it is not cached."""
        get = self.slot.get
        return [get(k, -1) for k in keys]

    def add(self, keys: list[bytes], rows) -> None:
        """Keep *rows* (one per key, keys not yet cached) in place of the oldest entries."""
        import torch

        keys, rows = keys[-self.size:], rows[-self.size:]
        slots = []
        for k in keys:
            s = self.next
            self.next = (s + 1) % self.size
            old = self.keys[s]
            if old is not None:
                del self.slot[old]
            self.keys[s], self.slot[k] = k, s
            slots.append(s)
        with torch.inference_mode():
            if self.store is None:
                self.store = rows.new_zeros(self.size, rows.size(1))
            self.store[torch.tensor(slots, device=rows.device)] = rows


def _char_lstm(self, uniq, lens):
    """``CharacterModel.forward``'s arithmetic on distinct spellings *uniq* (rows of char ids)
    of lengths *lens*: one vector per row, in row order."""
    import torch
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

    order = torch.argsort(lens, descending=True, stable=True)
    uniq, lens = uniq[order.to(uniq.device)], lens[order]
    rank = torch.empty_like(order)
    rank[order] = torch.arange(len(order))
    width = int(lens[0])
    embs = self.dropout(self.char_emb(uniq[:, :width]))
    n = embs.size(0)
    ulens = lens.tolist()
    embs = pack_padded_sequence(embs, ulens, batch_first=True)
    size = (self.num_dir * self.args['char_num_layers'], n, self.args['char_hidden_dim'])
    output = self.charlstm(embs, ulens, hx=(self.charlstm_h_init.expand(*size).contiguous(),
                                            self.charlstm_c_init.expand(*size).contiguous()))
    if self.attn:
        reps = output[0]
        weights = torch.sigmoid(self.char_attn(self.dropout(reps.data)))
        reps = PackedSequence(reps.data * weights, reps.batch_sizes)
        reps, _ = pad_packed_sequence(reps, batch_first=True)
        res = reps.sum(1)
    else:
        h, _c = output[1]
        res = h[-2:].transpose(0, 1).contiguous().view(n, -1)
    return res[rank.to(res.device)]


def spelling_vectors(self, uniq, lens):
    """One vector per distinct spelling, from the model's :class:`SpellingCache` where it has
    them and from :func:`_char_lstm` for the rest (which are then cached)."""
    import torch

    cache = vars(self).get('_claimtrack_spellings')
    if cache is None:
        return _char_lstm(self, uniq, lens)
    ids = uniq.cpu().numpy()
    keys = [ids[i, :n].tobytes() for i, n in enumerate(lens.tolist())]
    slots = cache.lookup(keys)
    miss = [i for i, s in enumerate(slots) if s < 0]
    if len(miss) == len(keys):
        res = _char_lstm(self, uniq, lens)
        cache.add(keys, res)
        return res
    hit = [i for i, s in enumerate(slots) if s >= 0]
    out = cache.store.new_empty(len(keys), cache.store.size(1))
    dev = out.device
    out[torch.tensor(hit, device=dev)] = cache.store[torch.tensor([slots[i] for i in hit],
                                                                  device=dev)]
    if miss:
        at = torch.tensor(miss)
        fresh = _char_lstm(self, uniq[at.to(uniq.device)], lens[at])
        out[at.to(dev)] = fresh
        cache.add([keys[i] for i in miss], fresh)
    return out


def char_forward_unique(self, chars, chars_mask, word_orig_idx, sentlens, wordlens):
    """``CharacterModel.forward`` with each distinct spelling computed once (and remembered
    across batches when the model carries a :class:`SpellingCache`); same modules, same calls,
    fewer rows."""
    import torch
    from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence
    from stanza.models.common.utils import tensor_unsort

    uniq, inverse = torch.unique(chars, dim=0, return_inverse=True)
    lens = torch.zeros(len(uniq), dtype=torch.long)
    lens[inverse.cpu()] = torch.as_tensor(wordlens, dtype=torch.long)
    res = spelling_vectors(self, uniq, lens)[inverse.to(uniq.device)]
    res = tensor_unsort(res, word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    if self.pad:
        res = pad_packed_sequence(res, batch_first=True)[0]
    return res
