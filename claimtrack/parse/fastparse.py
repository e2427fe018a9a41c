"""A faster dependency parser step with Stanza's own output, over Stanza's public objects.

Stock Stanza's graph parser (1.15) spends most of its depparse time on two things it does not
need for its answer: a pure-Python Tarjan cycle search inside Chu–Liu–Edmonds (called once per
contraction, ~20 times per sentence), and relation-label scores for all n² head–dependent pairs
when only the chosen head's labels are read. :func:`install` replaces the depparse processor's
``process`` on one pipeline object (never Stanza's classes or files) with the same steps minus
that work:

* the same batches, embeddings, LSTM and arc scores (the same torch calls on the same tensors);
* the same Chu–Liu–Edmonds contractions, in the same order, with an O(n) cycle search
  (:func:`last_cycle`) that returns the very cycle Stanza's Tarjan search would contract next;
* relation labels scored only for each word's decoded head, on real (not padded) positions;
* the tagger's and the parser's character models run once per distinct spelling, and not
  again for spellings this process has already seen (:mod:`claimtrack.parse.fastchar`);
* the tagger's own step (:mod:`claimtrack.parse.fasttag`: integer sort keys, strings only for real
  positions, its XPOS/feature heads contracted once per distinct parent tag), and the
  lemmatizer's without a loader whose data it never reads;
* the tokenizer's model run only on paragraphs still being read (:mod:`claimtrack.parse.fasttok`);
* no optimizers built while the pipeline loads (:func:`inference_load`);
* no full garbage collections over the loaded models' objects during a parse
  (:func:`frozen_heap`);
* ``torch.inference_mode`` instead of ``no_grad``;
* optionally (:func:`parse_stream`), tokenize/POS/lemma of the next article in a second thread.

Anything this layer does not know (another Stanza minor version, a transition parser, arc
embeddings, reversed or BERT models) leaves the stock processor in place, with one warning line
per process naming every such part. The official English models (whose tagger, lemmatizer and
parser read forward/backward character language models and pretrained vectors) are covered:
``tests/test_official_charlm_pretrain.py`` builds a tiny set in their layout and compares.
``tests/test_fastparse.py`` checks the output is identical to stock on a fixed set of texts and
``benchmarks/run.py`` checks it on all of PolNeAR dev.
"""
from __future__ import annotations

import threading
import types
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

SUPPORTED_STANZA = "1.15."


@dataclass
class FastStatus:
    """What :func:`install` changed: the accelerated processors, and why others were left alone."""

    accelerated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    quantized: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.accelerated)


# -- Chu–Liu–Edmonds ---------------------------------------------------------------------------

def last_cycle(tree: list[int]) -> list[int] | None:
    """The cycle Stanza's ``tarjan(tree)`` lists last (``cycles.pop()``), or None if acyclic.

    Every node has one head, so the strongly connected components of size > 1 are exactly the
    cycles, and Tarjan (whose outer loop walks nodes in index order and whose search follows
    head → dependent edges, which reach a cycle only from inside it) finds each cycle when the
    loop reaches the cycle's smallest node. Its last cycle is thus the one whose smallest node is
    largest.

    >>> last_cycle([0, 2, 1, 4, 3])
    [3, 4]
    >>> last_cycle([0, 0, 1]) is None
    True
    """
    seen = [0] * len(tree)
    best: list[int] | None = None
    best_min = -1
    for start in range(len(tree)):
        if seen[start]:
            continue
        path = []
        x = start
        while not seen[x]:
            seen[x] = start + 1
            path.append(x)
            x = tree[x]
        if seen[x] == start + 1:  # this walk closed a new cycle at x
            cycle = path[path.index(x):]
            low = min(cycle)
            if len(cycle) > 1 and low > best_min:
                best, best_min = cycle, low
    return sorted(best) if best else None


def contract(tree, cycle: list[int], scores):
    """Stanza's ``process_cycle`` with the same arithmetic in the same order, minus ``np.pad``
    and boolean-mask copies (they cost more than the sums on sentence-sized matrices)."""
    import numpy as np

    mask = np.zeros(len(tree), dtype=bool)
    mask[cycle] = True
    cycle_locs = np.flatnonzero(mask)
    noncycle_locs = np.flatnonzero(~mask)
    cycle_scores = scores[cycle_locs, tree[cycle_locs]]
    cycle_score = cycle_scores.sum()
    cyc_col, non_col = cycle_locs[:, None], noncycle_locs[:, None]  # what np.ix_ builds, cheaper
    head_scores = scores[cyc_col, noncycle_locs] - cycle_scores[:, None] + cycle_score
    dep_scores = scores[non_col, cycle_locs]
    heads = np.argmax(head_scores, axis=0)
    deps = np.argmax(dep_scores, axis=1)
    m = len(noncycle_locs)
    sub = np.zeros((m + 1, m + 1), dtype=scores.dtype)
    sub[:m, :m] = scores[non_col, noncycle_locs]
    span = np.arange(m)
    sub[-1, :-1] = head_scores[heads, span]
    sub[:-1, -1] = dep_scores[span, deps]
    return sub, cycle_locs, noncycle_locs, heads, deps


def chuliu_edmonds(scores):
    """Stanza's ``chuliu_edmonds`` step for step, with :func:`last_cycle` for ``tarjan``."""
    import numpy as np
    from stanza.models.common.chuliu_edmonds import expand_contracted_tree, prepare_scores

    stack = []
    prepare_scores(scores)
    tree = np.argmax(scores, axis=1)
    cycle = last_cycle(tree.tolist())
    while cycle is not None:
        sub, cycle_locs, noncycle_locs, heads, deps = contract(tree, cycle, scores)
        stack.append((tree, cycle_locs, noncycle_locs, heads, deps))
        scores = sub
        prepare_scores(scores)
        tree = np.argmax(scores, axis=1)
        cycle = last_cycle(tree.tolist())
    while stack:
        contracted = tree
        tree, cycle_locs, noncycle_locs, heads, deps = stack.pop()
        tree = expand_contracted_tree(tree, contracted, cycle_locs, noncycle_locs, heads, deps)
    return tree


def chuliu_edmonds_one_root(scores):
    """Stanza's ``chuliu_edmonds_one_root``: the same root reweighting, the faster search."""
    import numpy as np

    scores = scores.astype(np.float64)  # a copy, as stock makes
    min_score = scores[np.isfinite(scores)].min()
    scores[:, 0] = scores[:, 0] + (min_score * scores.shape[0])
    tree = chuliu_edmonds(scores)
    if int(np.count_nonzero(tree[1:] == 0)) != 1:  # stock asserts the same
        raise AssertionError("Rescaling by the lowest score should have prevented using "
                             "multiple root edges")
    return tree


# -- the graph parser, batch by batch -----------------------------------------------------------

def arc_log_probs(model, lstm_outputs, word, head):
    """Unlabelled arc log-probabilities, exactly as ``GraphParser.forward_scores``/``forward``
    compute them (same modules, same in-place additions, same order)."""
    import torch
    import torch.nn.functional as F

    drop = model.drop  # identity in eval mode; kept so the calls match stock
    scores = model.unlabeled(drop(lstm_outputs), drop(lstm_outputs)).squeeze(3)
    offset = None
    if model.args['linearization'] or model.args['distance']:
        n = word.size(1)
        offset = (torch.arange(n, device=head.device).view(1, 1, -1).expand(word.size(0), -1, -1)
                  - torch.arange(n, device=head.device).view(1, -1, 1).expand(word.size(0), -1, -1))
    if model.args['linearization']:
        lin = model.linearization(drop(lstm_outputs), drop(lstm_outputs)).squeeze(3)
        scores += F.logsigmoid(lin * torch.sign(offset).float()).detach()
    if model.args['distance']:
        dist = model.distance(drop(lstm_outputs), drop(lstm_outputs)).squeeze(3)
        pred = 1 + F.softplus(dist)
        scores += (-torch.log((torch.abs(offset).float() - pred) ** 2 / 2 + 1)).detach()
    diag = torch.eye(head.size(-1) + 1, dtype=torch.bool, device=head.device).unsqueeze(0)
    scores.masked_fill_(diag, -float('inf'))
    return F.log_softmax(scores, 2)


def chosen_labels(model, lstm_outputs, sentlens: list[int], trees) -> list[list[int]]:
    """Best relation id (with Stanza's vocab offset) for each word's decoded head.

    Stock scores every label for all (padded) L² pairs of the batch; here the bilinear's first
    half runs on the real positions only (the same einsum, fewer rows) and its second half on
    each position's chosen head only. ``tests/test_fastparse.py`` and the benchmark check the
    labels are stock's.
    """
    import torch
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    scorer = model.deprel
    width = lstm_outputs.size(1)
    rows, cols = [], []
    for i, (n, tree) in enumerate(zip(sentlens, trees)):
        rows.extend(range(i * width, i * width + n))
        cols.extend(i * width + int(h) for h in tree)
    flat = model.drop(lstm_outputs).reshape(-1, lstm_outputs.size(-1))
    heads = sorted(set(cols))  # a head with three dependents is projected once
    # the dependents' and the chosen heads' vectors only, not the padded batch's
    dep = scorer.dropout(scorer.hidden_func(scorer.W1(flat[torch.tensor(rows, device=flat.device)])))
    hd = scorer.dropout(scorer.hidden_func(scorer.W2(flat[torch.tensor(heads, device=flat.device)])))
    where = {h: k for k, h in enumerate(heads)}
    cols = [where[c] for c in cols]
    dep = torch.cat([dep, dep.new_ones(dep.size(0), 1)], 1)
    hd = torch.cat([hd, hd.new_ones(hd.size(0), 1)], 1)
    out = _bilinear_by_head(dep, hd, cols, scorer.scorer.W_bilin)
    best = (out.max(1)[1] + VOCAB_PREFIX_SIZE).tolist()
    labels, k = [], 0
    for n in sentlens:
        labels.append(best[k:k + n])
        k += n
    return labels


def _bilinear_by_head(dep, hd, head_of: list[int], bilin, step: int = 512):
    """``dep[p] · W · hd[head_of[p]] + b`` for every position p: W is contracted with each
    distinct head once (a head has two or three dependents on average), then with each
    dependent; in slices of *step* positions to bound memory."""
    import torch

    weight = bilin.weight  # (I, J, O)
    n_in, n_hd, n_out = weight.shape
    per_head = (hd @ weight.permute(1, 0, 2).reshape(n_hd, n_in * n_out)).view(-1, n_in, n_out)
    index = torch.tensor(head_of, device=dep.device)
    out = []
    for k in range(0, dep.size(0), step):
        part = per_head[index[k:k + step]]  # (step, I, O)
        out.append(torch.matmul(dep[k:k + step].unsqueeze(1), part).squeeze(1))
    return torch.cat(out) + bilin.bias


def predict_batch(trainer, batch, resolve_head_constraints: bool) -> list[list[list]]:
    """``Trainer.predict`` + ``GraphParser.predict`` for one batch: [[head, deprel], …] per
    sentence, in the batch's original order."""
    import torch
    from stanza.models.common import utils
    from stanza.models.depparse.trainer import unpack_batch

    model = trainer.model
    inputs, orig_idx, word_orig_idx, sentlens, wordlens, text = unpack_batch(batch, model.get_device())
    word, head = inputs[0], inputs[9]
    model.eval()
    lstm_outputs = model.embed(*inputs, word_orig_idx, sentlens, wordlens, text)
    logp = arc_log_probs(model, lstm_outputs, word, head).detach().cpu().numpy()
    trees = [chuliu_edmonds_one_root(logp[i][:n, :n]) for i, n in enumerate(sentlens)]
    labels = chosen_labels(model, lstm_outputs, sentlens, trees)
    vocab = model.vocab['deprel']
    out = []
    for i, tree in enumerate(trees):
        rels = vocab.unmap([labels[i][j] for j in range(1, len(tree))])
        if resolve_head_constraints and find_violations(tree, rels):
            tree, rels = _resolve(model, lstm_outputs[i:i + 1], logp[i][:len(tree), :len(tree)],
                                  tree, vocab)
        out.append([[int(h), r] for h, r in zip(tree[1:], rels)])
    return utils.unsort(out, orig_idx)


def find_violations(tree, rels: list[str]) -> bool:
    """Whether a head has two subjects or two objects (stock repairs those sentences)."""
    from stanza.models.depparse.head_constraints import find_head_constraint_violations

    return bool(find_head_constraint_violations(tree, rels))


def _resolve(model, lstm_one, scores, tree, vocab):
    """Stock's head-constraint repair for the rare sentence that needs it: it reads every
    label's log-probability for every pair, so those are computed here, for this sentence."""
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse.head_constraints import resolve_head_constraint_violations

    n = len(tree)
    drop = model.drop
    label_scores = model.deprel(drop(lstm_one), drop(lstm_one))
    label_log_probs = F.log_softmax(label_scores, 3).detach().cpu().numpy()[0][:n, :n, :]
    tree, raw = resolve_head_constraint_violations(scores, label_log_probs, tree, vocab)
    return tree, vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])


def depparse_process(self, document):
    """``DepparseProcessor.process`` with :func:`predict_batch` in place of ``Trainer.predict``."""
    import torch
    from stanza.models.common import doc
    from stanza.models.common.utils import unsort
    from stanza.models.depparse.data import DataLoader
    from stanza.pipeline.depparse_processor import DEFAULT_SEPARATE_BATCH

    if any(w.upos is None and w.xpos is None for s in document.sentences for w in s.words):
        raise ValueError("POS not run before depparse!")
    batch = DataLoader(document, self.config['batch_size'], self.config, self.pretrain,
                       vocab=self.vocab, evaluation=True,
                       sort_during_eval=self.config.get('sort_during_eval', True),
                       min_length_to_batch_separately=self.config.get(
                           'min_length_to_batch_separately', DEFAULT_SEPARATE_BATCH))
    resolve = self.config.get('resolve_head_constraints', True)
    preds = []
    with torch.inference_mode():
        for b in batch:
            preds += predict_batch(self.trainer, b, resolve)
    if batch.data_orig_idx is not None:
        preds = unsort(preds, batch.data_orig_idx)
    batch.doc.set((doc.HEAD, doc.DEPREL), [y for x in preds for y in x])
    for sentence in batch.doc.sentences:
        sentence.build_dependencies()
    return batch.doc


# -- installing --------------------------------------------------------------------------------

def _depparse_unsupported(proc) -> str | None:
    """Why the fast depparse cannot stand in for this processor, or None when it can."""
    from stanza.models.depparse.model import GraphParser

    if hasattr(proc, '_variant'):
        return "a processor variant is in use"
    trainer = getattr(proc, 'trainer', None)
    model = getattr(trainer, 'model', None)
    if type(model) is not GraphParser:
        return f"model is {type(model).__name__}, not GraphParser"
    args = trainer.args
    if args.get('use_arc_embedding') or args.get('reversed') or args.get('bert_model'):
        return "arc embeddings, reversed or BERT models are not covered"
    if not hasattr(model, 'deprel') or not hasattr(model.deprel, 'scorer'):
        return "unexpected relation scorer layout"
    return None


def quantize_models(nlp, names: tuple[str, ...] = ('depparse',)) -> list[str]:
    """torch dynamic int8 quantisation of the Linear and LSTM layers of these processors' models
    (CPU only; it changes a few arcs, so it is opt-in and cached apart). The parser only by
    default: quantising the tagger too changes tags, and through them many more arcs."""
    import torch

    done = []
    for name in names:
        proc = nlp.processors.get(name)
        trainer = getattr(proc, 'trainer', None)
        model = getattr(trainer, 'model', None)
        if model is None or next(model.parameters()).device.type != 'cpu':
            continue
        with warnings.catch_warnings():  # torch deprecates the API, not the feature, in 2.13
            warnings.simplefilter("ignore")
            torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear, torch.nn.LSTM},
                                                   dtype=torch.qint8, inplace=True)
        done.append(name)
    return done


@contextmanager
def inference_load() -> Iterator[None]:
    """While a pipeline loads, Stanza's trainers get no optimizers.

    Stanza 1.15 builds an Adam optimizer (and the depparse schedulers) for every model it loads,
    even for prediction; torch wraps ``Optimizer.__init__`` so that its first call imports
    ``torch._dynamo``: 1.4–2 s and 71 MB of modules per process, for an object prediction never
    touches. Here ``get_optimizer`` and ``get_split_optimizer`` of ``stanza.models.common.utils``
    return None and ``{}`` (what a trainer then holds) for the length of the load only. Nothing
    else changes: the weights come from the same files, and the parse is checked against a
    stock step on the same pipeline. Other Stanza versions load untouched.
    """
    import stanza

    if not stanza.__version__.startswith(SUPPORTED_STANZA):
        yield
        return
    from stanza.models.common import utils

    saved = utils.get_optimizer, utils.get_split_optimizer
    utils.get_optimizer = lambda *args, **kwargs: None
    utils.get_split_optimizer = lambda *args, **kwargs: {}
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer = saved


_FREEZE_LOCK = threading.Lock()
_FREEZE_USERS = 0


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects that exist now (the loaded pipeline: ~340k Python objects) out of the
    garbage collector's full passes for the length of a parse.

    A parse allocates Stanza documents by the hundred thousand, which triggers full collections
    that walk the whole heap, the models' objects included: 0.6 s of 10.5 s on 12 dev articles.
    Nothing is collected differently from what the parse creates. Skipped when the collector is
    off or someone else froze the heap (a parent about to fork); re-entrant across threads.
    """
    import gc

    global _FREEZE_USERS
    with _FREEZE_LOCK:
        mine = _FREEZE_USERS > 0 or (gc.isenabled() and gc.get_freeze_count() == 0)
        if mine:
            if _FREEZE_USERS == 0:
                gc.freeze()
            _FREEZE_USERS += 1
    try:
        yield
    finally:
        if mine:
            with _FREEZE_LOCK:
                _FREEZE_USERS -= 1
                if _FREEZE_USERS == 0:
                    gc.unfreeze()


def pipeline_process(self, doc, processors=None):
    """``Pipeline.process`` inside :func:`frozen_heap`."""
    with frozen_heap():
        return type(self).process(self, doc, processors)


def _patch(nlp, obj, name: str, fn) -> None:
    """Set *fn* as *obj*'s own *name* and remember it, so :func:`stock_steps` can lift it."""
    setattr(obj, name, fn)
    vars(nlp).setdefault('_claimtrack_patches', []).append((obj, name))


def _install_char_model(nlp, name: str) -> bool:
    """Give this processor's character model :func:`claimtrack.parse.fastchar.char_forward_unique`
    and a spelling cache, when it is Stanza's plain ``CharacterModel`` (not a character
    language model)."""
    from stanza.models.common.char_model import CharacterModel

    proc = nlp.processors.get(name)
    model = getattr(getattr(proc, 'trainer', None), 'model', None)
    cm = getattr(model, 'charmodel', None)
    if type(cm) is not CharacterModel or model.args.get('charlm'):
        return False
    if not all(hasattr(cm, a) for a in ('attn', 'pad', 'num_dir', 'char_emb', 'charlstm')):
        return False
    from .fastchar import SpellingCache, char_forward_unique

    _patch(nlp, cm, 'forward', types.MethodType(char_forward_unique, cm))
    cm._claimtrack_spellings = SpellingCache()
    return True


def _install_tokenize(nlp, status: FastStatus) -> None:
    """The tokenizer's model step on live rows only (:mod:`claimtrack.parse.fasttok`)."""
    from . import fasttok

    proc = nlp.processors['tokenize']
    why = fasttok.tokenize_unsupported(proc)
    if why:
        status.skipped['tokenize'] = why
        return
    _patch(nlp, proc.trainer, 'predict', types.MethodType(fasttok.tokenize_predict, proc.trainer))
    status.accelerated.append('tokenize')


def _install_pos(nlp, status: FastStatus) -> None:
    """The tagger's step (:mod:`claimtrack.parse.fasttag`) and its grouped bilinear heads."""
    import functools

    from . import fasttag

    proc = nlp.processors['pos']
    why = fasttag.pos_unsupported(proc)
    if why:
        status.skipped['pos'] = why
        return
    _patch(nlp, proc, 'process', types.MethodType(fasttag.pos_process, proc))
    groups = fasttag.RowGroups()
    for scorer in fasttag.tagger_scorers(proc.trainer.model):
        fn = functools.partial(fasttag.grouped_biaffine, groups=groups)
        _patch(nlp, scorer, 'forward', types.MethodType(fn, scorer))
    status.accelerated.append('pos')


def _install_lemma(nlp, status: FastStatus) -> None:
    """The lemmatizer's step without its unused first loader (:func:`fasttag.lemma_process`);
    other lemmatizer set-ups keep stock's, silently (nothing is lost but that loader)."""
    from . import fasttag

    proc = nlp.processors['lemma']
    if fasttag.lemma_unsupported(proc) is None:
        _patch(nlp, proc, 'process', types.MethodType(fasttag.lemma_process, proc))
        status.accelerated.append('lemma')


def install(nlp, quantize: bool = False, device: str = "cpu") -> FastStatus:
    """Swap the fast steps into one loaded ``stanza.Pipeline`` (and, with *quantize*, int8
    weights); stock stays wherever they do not apply, with a warning naming why."""
    import stanza

    status = FastStatus()
    if device != "cpu":
        # the steps are proven identical to stock on the CPU only; on a GPU stock Stanza's
        # batching is what the device is good at, and an unverified path must not change parses
        status.skipped["all"] = f"device {device} (the fast path is verified on the CPU only)"
    elif not stanza.__version__.startswith(SUPPORTED_STANZA):
        status.skipped["all"] = f"stanza {stanza.__version__} (fast path is for {SUPPORTED_STANZA}x)"
    elif 'depparse' in nlp.processors:
        proc = nlp.processors['depparse']
        why = _depparse_unsupported(proc)
        if why:
            status.skipped['depparse'] = why
        else:
            _patch(nlp, proc, 'process', types.MethodType(depparse_process, proc))
            status.accelerated.append('depparse')
    if 'all' not in status.skipped:
        _patch(nlp, nlp, 'process', types.MethodType(pipeline_process, nlp))
        if 'tokenize' in nlp.processors:
            _install_tokenize(nlp, status)
        if 'pos' in nlp.processors:
            _install_pos(nlp, status)
        if 'lemma' in nlp.processors:
            _install_lemma(nlp, status)
        for name in ('pos', 'depparse'):
            if _install_char_model(nlp, name):
                status.accelerated.append(f'{name}.charmodel')
    if quantize:
        status.quantized = quantize_models(nlp)
    if status.skipped:  # one line for all parts (and Python shows it once per process)
        parts = "; ".join(f"{name} ({why})" for name, why in status.skipped.items())
        warnings.warn(f"claimtrack: stock Stanza for {parts}", RuntimeWarning, stacklevel=2)
    return status


@contextmanager
def stock_steps(nlp) -> Iterator[object]:
    """Run Stanza's own steps on a pipeline :func:`install` changed, for the length of a block
    (the identity test and the benchmark compare both paths on one loaded pipeline)."""
    saved = []
    for obj, name in vars(nlp).get('_claimtrack_patches', []):
        if name in vars(obj):
            saved.append((obj, name, vars(obj).pop(name)))
    try:
        yield nlp
    finally:
        for obj, name, fn in saved:
            setattr(obj, name, fn)


# -- two cores: the first stages of the next article beside the last stages of this one ---------

FRONT_STAGES = ("tokenize", "mwt", "pos", "lemma")


def usable_cores() -> int:
    """CPU cores this process may run on."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def parse_stream(nlp, texts, overlap: bool | None = None) -> Iterator[object]:
    """Parse *texts* one article per Stanza call, yielding each ``stanza.Document`` in order.

    With *overlap* (default: when two or more cores are usable and there are two or more texts)
    a second thread runs the first stages (:data:`FRONT_STAGES`: tokenize, mwt, POS, lemma) of
    the next article while this thread runs the rest (depparse, NER) of the current one, each
    on one torch thread: the two halves cost about the same, and torch releases the GIL inside
    its kernels. Every article goes through the same processors as a plain call, alone, so its
    parse is the one ``nlp([doc])`` gives (checked in the tests and on all of dev by the
    benchmark). torch's thread count is restored afterwards.

    Not the default of :meth:`claimtrack.parse.Parser.parse_many`: on the shared two-core
    development machine it was 0.84–0.91× the one-thread path (all of dev; 24 dev articles),
    since the second core was mostly taken by other jobs and the two threads contend for the GIL
    in Stanza's Python parts (1.5 cores of CPU for 1.3× the speed in the best run). Kept,
    tested, and timed by ``benchmarks/run.py --only speed``, for a machine with a free core.
    """
    import queue
    import threading

    import stanza
    import torch

    texts = list(texts)
    front = [n for n in nlp.processors if n in FRONT_STAGES]
    back = [n for n in nlp.processors if n not in FRONT_STAGES]
    if overlap is None:
        overlap = len(texts) > 1 and usable_cores() > 1
    if not overlap or not front or not back:
        for t in texts:
            yield nlp([stanza.Document([], text=t)])[0]
        return
    handoff: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def run_front() -> None:
        torch.set_num_threads(1)
        try:
            for t in texts:
                if stop.is_set():
                    break
                handoff.put(("doc", nlp.process([stanza.Document([], text=t)], processors=front)))
        except BaseException as exc:  # handed to the consumer, raised there
            handoff.put(("error", exc))
            return
        handoff.put(("end", None))

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    worker = threading.Thread(target=run_front, name="claimtrack-front", daemon=True)
    worker.start()
    try:
        while True:
            kind, item = handoff.get()
            if kind == "end":
                break
            if kind == "error":
                raise item
            yield nlp.process(item, processors=back)[0]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a front thread waiting on a full queue
            try:
                handoff.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()
        torch.set_num_threads(threads)
