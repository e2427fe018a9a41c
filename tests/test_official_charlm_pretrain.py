"""The official Stanza layout: charlm + pretrain + NER models, built in the session (officialkit).

What a user of ``claimtrack models download`` gets is Stanza's default English package: its
tagger, lemmatizer and parser read a forward and a backward ``charlm`` and a ``pretrain`` vector
file, and there is an NER model. ``tests/officialkit.py`` builds a tiny set in that layout once
per session (about 40 s on the shared CPU); these tests run claimtrack on it.
"""
from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, MINI_MODEL, SHARED

UD = SHARED / "data" / "ud"


@pytest.fixture(scope="session")
def official_dir(tmp_path_factory) -> Path:
    """The kit, built once per session (or ``$CLAIMTRACK_OFFICIAL_KIT``, a prebuilt one)."""
    import officialkit

    prebuilt = os.environ.get("CLAIMTRACK_OFFICIAL_KIT")
    if prebuilt:
        return Path(prebuilt)
    if not (UD / "UD_English-EWT").is_dir():
        pytest.skip("UD English EWT is not here")
    return officialkit.build(tmp_path_factory.mktemp("official") / "stanza", MINI_MODEL, UD)


@pytest.fixture(scope="session")
def official_parser(official_dir):
    from claimtrack.parse import Parser

    parser = Parser(official_dir)
    parser.nlp  # load once
    return parser


def _texts() -> list[str]:
    return [Path(f).read_text(encoding="utf-8") for f in sorted(glob.glob(str(EXAMPLES / "*.txt")))]


def test_layout_is_stanzas_official_one(official_dir):
    """resources.json names each model's pretrain and charlm dependencies, as Stanza's does,
    and Stanza's own resolver finds them."""
    from stanza.resources.common import add_dependencies, flatten_processor_list, maintain_processor_list
    import json

    res = json.loads((official_dir / "resources.json").read_text())
    plist = maintain_processor_list(res, "en", None, {"pos": "combined_charlm"})
    flat = flatten_processor_list(add_dependencies(res, "en", plist))
    assert sorted(map(tuple, flat)) == [("backward_charlm", "1billion"), ("forward_charlm", "1billion"),
                                        ("pos", "combined_charlm"), ("pretrain", "conll17")]
    everything = flatten_processor_list(add_dependencies(
        res, "en", maintain_processor_list(res, "en", "default", {})))
    assert ("pretrain", "fasttextcrawl") in map(tuple, everything)
    for proc, pkg in flat:
        assert (official_dir / "en" / proc / f"{pkg}.pt").is_file()


def test_models_info_describes_charlm_and_pretrain(official_dir):
    from claimtrack.cli import main

    res = CliRunner().invoke(main, ["models", "info", "--model-dir", str(official_dir)])
    assert res.exit_code == 0, res.output
    assert "ner: yes" in res.output
    assert ("pos: combined_charlm (with pretrain conll17, forward_charlm 1billion, "
            "backward_charlm 1billion)") in res.output
    assert "ner: ontonotes-ww-multi_charlm (with pretrain fasttextcrawl" in res.output


def test_a_missing_charlm_is_named(official_dir, tmp_path):
    """A set whose charlm file is gone is a one-line model error naming it (exit 3)."""
    import shutil

    from claimtrack.cli import main

    broken = tmp_path / "m"
    shutil.copytree(official_dir, broken)
    (broken / "en" / "backward_charlm" / "1billion.pt").unlink()
    res = CliRunner().invoke(main, ["models", "info", "--model-dir", str(broken)])
    assert res.exit_code == 3
    assert "en/backward_charlm/1billion.pt (for pos)" in res.output


def test_fast_path_covers_charlm_models(official_parser):
    status = official_parser.fast_status
    assert status.skipped == {}
    assert {"tokenize", "pos", "lemma", "depparse"} <= set(status.accelerated)


def _rows(sdoc, skip=()):
    return [[{k: v for k, v in w.items() if k not in skip} for w in s] for s in sdoc.to_dict()]


def test_fast_path_is_stocks_output_with_charlm_and_pretrain(official_parser):
    """Every token, tag, lemma, head, relation and NER tag of the fast path is stock Stanza's
    on the examples, with the tagger's grouped feature heads lifted (see the next test)."""
    import stanza

    from claimtrack.parse import fasttag
    from claimtrack.parse.fastparse import stock_steps

    nlp = official_parser.nlp
    texts = _texts()
    scorers = fasttag.tagger_scorers(nlp.processors["pos"].trainer.model)
    assert scorers, "the official tagger has bilinear feature heads"
    saved = [vars(s).pop("forward") for s in scorers]
    try:
        fast = nlp([stanza.Document([], text=t) for t in texts])
    finally:
        for s, fn in zip(scorers, saved):
            s.forward = fn
    with stock_steps(nlp):
        stock = nlp([stanza.Document([], text=t) for t in texts])
    assert [_rows(d) for d in fast] == [_rows(d) for d in stock]


def test_grouped_feature_heads_change_only_tied_features(official_parser):
    """With the grouped heads (the default), everything but morphological features is stock's;
    the kit's tagger is nearly untrained, so features whose scores tie to float precision can
    come out in another order (a trained tagger's do not: the mini model's are identical)."""
    import stanza

    from claimtrack.parse.fastparse import stock_steps

    nlp = official_parser.nlp
    texts = _texts()
    fast = nlp([stanza.Document([], text=t) for t in texts])
    with stock_steps(nlp):
        stock = nlp([stanza.Document([], text=t) for t in texts])
    assert [_rows(d, ("feats",)) for d in fast] == [_rows(d, ("feats",)) for d in stock]
    words = [w for d in stock for s in d.to_dict() for w in s]
    changed = sum(a.get("feats") != b.get("feats") for d1, d2 in zip(fast, stock)
                  for s1, s2 in zip(d1.to_dict(), d2.to_dict()) for a, b in zip(s1, s2))
    assert changed <= len(words) * 0.02


def test_analyze_runs_on_the_official_layout(official_dir, tmp_path):
    import json

    from claimtrack.cli import main

    out = tmp_path / "a.json"
    res = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "port_strike.txt"),
                                                    "--model-dir", str(official_dir),
                                                    "--format", "json", "-o", str(out)])
    assert res.exit_code == 0, res.output + res.stderr
    data = json.loads(out.read_text())
    assert data["id"] == "port_strike" and "claims" in data
    assert "warning" not in res.stderr


def test_stock_parts_are_one_warning_line_not_one_per_article(official_dir):
    """A part the fast path does not know keeps stock Stanza with ONE warning line naming
    it, however many articles are analysed (a real process: pytest would catch the warning)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    files = [str(EXAMPLES / n) for n in ("port_strike.txt", "moscow_times_kaluga.txt")]
    code = ("import sys, claimtrack.parse.fasttag as f; f.pos_unsupported = lambda p: 'a tagger of "
            "another kind'; from claimtrack.cli import main; main(sys.argv[1:])")
    env = dict(os.environ, PYTHONPATH=str(root))
    res = subprocess.run([sys.executable, "-c", code, "analyze", *files, "--model-dir",
                          str(official_dir), "--format", "jsonl"], capture_output=True,
                         text=True, cwd=root, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 2
    lines = [x for x in res.stderr.splitlines() if "stock Stanza" in x or "Warning" in x]
    assert lines == ["warning: claimtrack: stock Stanza for pos (a tagger of another kind)"]


def test_ner_types_sources_when_present(official_parser, analyzer):
    """The kit's NER tags reach claimtrack's words, and a source's type follows them: the same
    trees (the session's parser: the kit shares its tokenizer) with and without the tags."""
    from claimtrack.api import analyze_doc

    text = (EXAMPLES / "port_strike.txt").read_text(encoding="utf-8")
    tagged = official_parser.parse(text)
    assert tagged.has_ner
    tags = [w.ner for s in tagged.sentences for w in s.words]
    assert any(t.endswith("PERSON") for t in tags)
    plain = analyzer.parser.parse(text)
    assert [(w.start, w.end) for s in plain.sentences for w in s.words] == \
        [(w.start, w.end) for s in tagged.sentences for w in s.words]
    before = {s.name: s.type for s in analyze_doc(plain, "p").sources}
    for s1, s2 in zip(plain.sentences, tagged.sentences):
        for a, b in zip(s1.words, s2.words):
            a.ner = b.ner
    plain.has_ner = True
    after = analyze_doc(plain, "p")
    person_words = {(w.start, w.end) for s in tagged.sentences for w in s.words
                    if w.ner.endswith("PERSON")}
    changed = [s for s in after.sources if s.type == "person" and before.get(s.name) != "person"]
    assert changed, (before, [(s.name, s.type) for s in after.sources])
    for src in changed:
        spans = [(m.start, m.end) for m in after.mentions if m.source == src.id] \
            if hasattr(after, "mentions") else []
        assert not spans or any(a <= ws < b for a, b in spans for ws, _ in person_words)
