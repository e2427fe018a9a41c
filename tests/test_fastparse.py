"""The fast parse path gives Stanza's own output: the decoder step for step, the whole parse on
fixed texts, and the fall-back to stock when the layer does not apply."""
from __future__ import annotations

import types
from pathlib import Path

import numpy as np
import pytest

from claimtrack.parse import fastparse

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

TEXTS = [
    # news sentences
    "Russian media had claimed that two suspects of Kazakh origin who arrived in Russia in "
    "February were killed in the operation. The Kremlin declined to comment on Monday.",
    "The central bank raised its key rate by half a percentage point, its third increase this "
    "year, and said further rises were likely if inflation did not slow.",
    # a long sentence
    "The minister, who had spent most of the week in Brussels negotiating with officials from "
    "the European Commission, the European Parliament and several member states over the terms "
    "of a trade agreement that critics say would hurt farmers in the south of the country while "
    "benefiting large exporters in the north, told reporters on Friday evening that she was "
    "confident a compromise could be reached before the end of the month, although she conceded "
    "that several important questions, including tariffs on agricultural products and the "
    "recognition of regional food names, remained open and would require further talks.",
    # quotes, straight and curly, inverted and interrupted
    '"We will not negotiate under threat," the spokesman said. "Not now, not ever."',
    "“The Kazakh citizenship and arrival in Russia by these two people is confirmed,” the KNB "
    "said, adding that an investigation was under way.",
    "‘I think we'll win,’ he said, ‘but it will be close.’ Asked if he would resign, he smiled.",
    # lists and fragments
    "Among the demands: higher wages, shorter shifts, and an end to night work. Also: more staff.",
    "1. Cut taxes.\n2. Build roads.\n3. Hire 5,000 teachers by 2027.\n\nThat is the plan, the "
    "party's leader, Jan Kowalski, said.",
    "Dr. Smith (pictured) won't attend; the U.S. Embassy didn't say why, according to AFP.",
]


def rows(sdocs) -> list:
    """Everything the parse decides: sentences, tokens and their offsets, words and their
    tags, features, lemmas, heads and relations."""
    out = []
    for d in sdocs:
        for s in d.sentences:
            out.append([(t.text, t.start_char, t.end_char,
                         [(w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel)
                          for w in t.words]) for t in s.tokens])
    return out


def stock_tarjan_tree(scores: np.ndarray) -> np.ndarray:
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    return chuliu_edmonds_one_root(scores)


def log_probs(rng, n: int, ties: bool) -> np.ndarray:
    s = rng.normal(size=(n, n)) * 3
    if ties:  # equal scores make the search order matter
        s = np.round(s)
    s = (s - np.log(np.exp(s).sum(1, keepdims=True))).astype(np.float32)
    np.fill_diagonal(s, -np.inf)
    return s


def test_last_cycle_is_the_one_tarjan_lists_last():
    from stanza.models.common.chuliu_edmonds import tarjan

    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(2, 40))
        tree = rng.integers(1, n, size=n)
        tree[0] = 0
        cycles = tarjan(tree.copy())
        want = sorted(np.flatnonzero(cycles[-1]).tolist()) if cycles else None
        assert fastparse.last_cycle(tree.tolist()) == want


def test_decoder_gives_stocks_tree_step_for_step():
    rng = np.random.default_rng(12)
    for k in range(200):
        scores = log_probs(rng, int(rng.integers(2, 60)), ties=k % 3 == 0)
        assert fastparse.chuliu_edmonds_one_root(scores).tolist() == \
            stock_tarjan_tree(scores).tolist()


@pytest.fixture(scope="module")
def nlp(analyzer):
    """The session pipeline (the fast path is installed by default), on one torch thread while
    this module runs: both paths see the same setting, and on a busy two-core machine one
    thread is several times faster than two."""
    import torch

    pipe = analyzer.parser.nlp
    assert analyzer.parser.fast_status is not None and \
        "depparse" in analyzer.parser.fast_status.accelerated
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield pipe
    torch.set_num_threads(threads)


def parse_both(nlp, texts: list[str]):
    import stanza

    fast = nlp([stanza.Document([], text=t) for t in texts])
    with fastparse.stock_steps(nlp):
        for obj in (nlp, *(nlp.processors[p] for p in ("depparse", "pos", "lemma"))):
            assert "process" not in vars(obj)
        stock = nlp([stanza.Document([], text=t) for t in texts])
    for obj in (nlp, *(nlp.processors[p] for p in ("depparse", "pos", "lemma"))):
        assert "process" in vars(obj)  # restored
    return fast, stock


def test_fast_parse_is_stocks_parse(nlp):
    seed = (EXAMPLES / "moscow_times_kaluga.txt").read_text(encoding="utf-8")
    fast, stock = parse_both(nlp, TEXTS + [seed])
    assert rows(fast) == rows(stock)
    assert sum(len(s.words) for d in fast for s in d.sentences) > 700


def test_one_text_at_a_time_is_the_same_as_together(nlp):
    import stanza

    texts = TEXTS[::2]
    together = rows(nlp([stanza.Document([], text=t) for t in texts]))
    alone = [r for t in texts for r in rows([nlp(t)])]
    assert together == alone


def test_other_stanza_versions_fall_back_with_a_warning(monkeypatch):
    import stanza

    monkeypatch.setattr(stanza, "__version__", "1.16.0")
    fake = types.SimpleNamespace(processors={"depparse": object()})
    with pytest.warns(RuntimeWarning, match="stock Stanza"):
        status = fastparse.install(fake)
    assert not status.active and "all" in status.skipped


def test_an_unknown_parser_layout_keeps_stock_depparse():
    proc = types.SimpleNamespace(trainer=types.SimpleNamespace(model=object(), args={}))
    fake = types.SimpleNamespace(processors={"depparse": proc})
    with pytest.warns(RuntimeWarning, match="depparse"):
        status = fastparse.install(fake)
    assert "depparse" in status.skipped and "process" not in vars(proc)


def test_cli_flags_reach_the_parser_and_int8_parses_are_cached_apart(monkeypatch):
    import os

    from claimtrack.cli import options as cli_options
    from claimtrack.parse.parser import Parser

    def model_dir():
        return os.environ.get("CLAIMTRACK_MODEL_DIR") or EXAMPLES.parent.parent / "shared" / \
            "models" / "stanza-en-mini"

    for var in ("CLAIMTRACK_ENGINE", "CLAIMTRACK_DEVICE"):  # recorded, so restored afterwards
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    exact = Parser(model_dir())
    assert (exact.engine, exact.device) == ("exact", "auto")
    cli_options.parser_env(None, types.SimpleNamespace(name="fast"), True)
    cli_options.parser_env(None, types.SimpleNamespace(name="device"), "cpu")
    fast = Parser(model_dir())
    assert (fast.engine, fast.device) == ("int8", "cpu")
    assert fast.cache_key("x") != exact.cache_key("x")
    assert Parser(model_dir(), engine="stock").cache_key("x") == exact.cache_key("x")
    with pytest.raises(ValueError):
        Parser(model_dir(), engine="turbo")


def test_feedback_is_silent_unless_asked_or_on_a_terminal(monkeypatch, capsys):
    from claimtrack.io import feedback

    monkeypatch.setenv("CLAIMTRACK_PROGRESS", "0")
    assert not feedback.enabled()
    with feedback.status("loading"), feedback.bar(5) as advance:
        advance(5)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("CLAIMTRACK_PROGRESS", "1")
    assert feedback.enabled()


def test_head_constraint_repair_gives_stocks_parse_too(nlp):
    """Stanza 1.15 can repair two subjects or objects on one head (off in the mini model's
    config); the fast path repairs only sentences that need it, with stock's own function."""
    config = nlp.processors["depparse"].config
    before = config.get("resolve_head_constraints")
    config["resolve_head_constraints"] = True
    try:
        fast, stock = parse_both(nlp, TEXTS)
    finally:
        config["resolve_head_constraints"] = before
    assert rows(fast) == rows(stock)


def test_grouped_tag_heads_score_as_stock_and_fall_back_when_nothing_repeats():
    import torch
    from stanza.models.common.biaffine import BiaffineScorer

    from claimtrack.parse import fasttag

    torch.manual_seed(3)
    scorer = BiaffineScorer(20, 6, 7)
    torch.nn.init.normal_(scorer.W_bilin.weight)
    torch.nn.init.normal_(scorer.W_bilin.bias)
    x = torch.randn(300, 20)
    parent = torch.randn(5, 6)[torch.randint(0, 5, (300,))]  # five tags' embeddings
    groups = fasttag.RowGroups()
    got = fasttag.grouped_biaffine(scorer, x, parent, groups)
    want = BiaffineScorer.forward(scorer, x, parent)
    assert torch.allclose(got, want, rtol=1e-5, atol=1e-4)
    assert torch.equal(got.argmax(1), want.argmax(1))
    assert groups.key is parent and len(groups(parent)[1]) == 5  # grouped once, then reused
    distinct = torch.randn(300, 6)
    assert torch.equal(fasttag.grouped_biaffine(scorer, x, distinct, fasttag.RowGroups()),
                       BiaffineScorer.forward(scorer, x, distinct))


def test_tagger_batches_are_stocks(nlp):
    """pos_collate sorts on ints what stock sorts on 0-d tensors: the same batch."""
    import stanza
    import torch
    from stanza.models.pos.data import Dataset

    proc = nlp.processors["pos"]
    doc = nlp.process([stanza.Document([], text=t) for t in TEXTS], processors="tokenize,mwt")
    dataset = Dataset(doc[0], proc.config, proc.pretrain, vocab=proc.vocab, evaluation=True,
                      sort_during_eval=True)
    items = [dataset[i] for i in range(len(dataset))]
    from claimtrack.parse import fasttag

    ours, stock = fasttag.pos_collate(dataset, items), dataset.collate_fn(items)
    for name in stock._fields:
        a, b = getattr(ours, name), getattr(stock, name)
        if name == "lens":
            assert a == [int(x) for x in b]
        elif name == "tags":
            assert [t is None for t in a] == [t is None for t in b]
            assert all(torch.equal(x, y) for x, y in zip(a, b) if x is not None)
        elif isinstance(b, torch.Tensor):
            assert torch.equal(a, b), name
        else:
            assert list(a) == list(b), name


def test_frozen_heap_is_reentrant_and_leaves_anothers_freeze_alone():
    import gc

    assert gc.get_freeze_count() == 0
    with fastparse.frozen_heap():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with fastparse.frozen_heap():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0
    gc.freeze()  # someone else's (a parent about to fork): not undone
    try:
        before = gc.get_freeze_count()
        with fastparse.frozen_heap():
            pass
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_tokenizer_skips_finished_paragraphs_and_keeps_stocks_tokens(nlp, monkeypatch):
    """A paragraph past the tokenizer's 1,000-character window used to re-run its whole batch
    per window; now only the rows still being read run, and the parse is stock's."""
    trainer = nlp.processors["tokenize"].trainer
    fast_predict = vars(trainer)["predict"]
    pad = trainer.vocab.unit2id("<PAD>")
    calls = []

    def spy(inputs):
        calls.append((int((inputs[0] != pad).any(1).sum()), len(inputs[0])))
        return fast_predict(inputs)

    monkeypatch.setattr(trainer, "predict", spy)
    long = " ".join([TEXTS[2]] * 3)  # one paragraph of ~2,100 characters
    fast, stock = parse_both(nlp, [long] + TEXTS[:5])
    assert rows(fast) == rows(stock)
    assert any(live < total for live, total in calls)  # a window with finished rows in it


def test_cuda_without_a_gpu_is_one_line_and_exit_3(monkeypatch):
    import torch
    from click.testing import CliRunner

    from claimtrack.cli.commands import main
    from conftest import model_dir

    for var in ("CLAIMTRACK_ENGINE", "CLAIMTRACK_DEVICE"):  # the CLI sets them: restore after
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    res = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "port_strike.txt"), "--device",
                                    "cuda", "--model-dir", str(model_dir())])
    assert res.exit_code == 3
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "--device cuda" in lines[0] and "CUDA" in lines[0]


def test_spelling_cache_keeps_the_newest_and_returns_what_it_kept():
    import torch

    from claimtrack.parse.fastchar import SpellingCache

    cache = SpellingCache(size=2)
    cache.add([b"a", b"b"], torch.tensor([[1.0], [2.0]]))
    cache.add([b"c"], torch.tensor([[3.0]]))  # a goes
    slots = cache.lookup([b"a", b"b", b"c"])
    assert slots[0] == -1
    assert cache.store[slots[1]].item() == 2.0 and cache.store[slots[2]].item() == 3.0


def test_parses_with_a_cold_a_warm_and_a_tiny_spelling_cache_are_stocks(nlp, monkeypatch):
    from claimtrack.parse.fastchar import SpellingCache

    models = [nlp.processors[p].trainer.model.charmodel for p in ("pos", "depparse")]
    for size in (8192, 8192, 5):  # cold, then warm (every spelling known), then evicting
        if size == 5:
            for cm in models:
                monkeypatch.setattr(cm, "_claimtrack_spellings", SpellingCache(size=5))
        fast, stock = parse_both(nlp, TEXTS[:6])
        assert rows(fast) == rows(stock)
    assert all(len(cm._claimtrack_spellings.slot) == 5 for cm in models)


def test_loading_builds_no_optimizers_and_leaves_stanza_as_it_was(nlp):
    from stanza.models.common import utils

    before = utils.get_optimizer, utils.get_split_optimizer
    with fastparse.inference_load():
        assert utils.get_optimizer("adam", None) is None
    assert (utils.get_optimizer, utils.get_split_optimizer) == before
    assert nlp.processors["tokenize"].trainer.optimizer is None
    assert nlp.processors["depparse"].trainer.optimizer == {}


def test_a_fresh_process_loads_the_model_without_torch_dynamo():
    """Stanza's optimizers made torch import torch._dynamo at load: ~2 s and ~70 MB."""
    import subprocess
    import sys

    from conftest import ROOT, model_dir

    code = ("import sys\nfrom claimtrack.parse import Parser\n"
            f"p = Parser({str(model_dir())!r}, device='cpu')\np.nlp\n"
            "print('DYNAMO', 'torch._dynamo' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True, timeout=300)
    assert "DYNAMO False" in out.stdout


def test_long_rows_is_stanzas_padded_tensor():
    import torch
    from stanza.models.common.data import get_long_tensor

    from claimtrack.parse import fasttag

    rows = [[5, 6, 7], [8], [9, 10], [11, 12, 13, 14]]
    assert torch.equal(fasttag.long_rows(rows, 6, 0), get_long_tensor(rows, 6))


def test_on_a_gpu_stock_stanza_runs_with_one_line_saying_so():
    """The fast steps are proven identical to stock on the CPU only: on another device nothing
    of the pipeline is touched and one warning names the device."""
    class Untouchable:
        processors = {"depparse": object(), "pos": object()}

        def __setattr__(self, name, value):
            raise AssertionError(f"pipeline changed: {name}")

    with pytest.warns(RuntimeWarning) as seen:
        status = fastparse.install(Untouchable(), device="cuda")
    assert not status.active and "cuda" in status.skipped["all"]
    assert len(seen) == 1 and "stock Stanza" in str(seen[0].message) and "cuda" in str(seen[0].message)
