"""A tiny Stanza English model set in the *official* layout, built inside the test session.

``claimtrack models download`` gives a user Stanza's default English package, which differs
from the small offline set the other tests use: the tagger, lemmatizer and parser read forward
and backward character language models (``forward_charlm``/``backward_charlm``) and a
pretrained word-vector file (``pretrain``), and there is an NER model. This kit makes such a
set in seconds on the CPU with Stanza's own training scripts (a few steps each, tiny
dimensions, a few hundred UD English EWT sentences): accuracy does not matter, the layout and
the model classes do. Layout and names follow Stanza 1.15's ``resources.json``::

    resources.json
    en/tokenize/combined.pt              en/mwt/combined.pt
    en/pos/combined_charlm.pt            en/lemma/combined_charlm.pt
    en/depparse/combined_charlm.pt       en/ner/ontonotes-ww-multi_charlm.pt
    en/pretrain/conll17.pt               en/pretrain/fasttextcrawl.pt
    en/forward_charlm/1billion.pt        en/backward_charlm/1billion.pt

The tokenizer and MWT expander (which use neither a charlm nor vectors in the official English
package) are copied from the offline test set, so sentences and tokens are sensible; the NER
model is trained on EWT sentences whose proper-noun runs are marked PERSON, enough for it to
tag names.

Nothing here is committed but this code: the models are built under pytest's temporary
directory.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import random
import shutil
from pathlib import Path

#: package names of Stanza 1.15's default English set
PACKAGES = {"tokenize": "combined", "mwt": "combined", "pos": "combined_charlm",
            "lemma": "combined_charlm", "depparse": "combined_charlm",
            "ner": "ontonotes-ww-multi_charlm"}
PRETRAIN = {"pos": "conll17", "lemma": None, "depparse": "conll17", "ner": "fasttextcrawl"}
CHARLM = "1billion"


def _conllu_sentences(path: Path, limit: int) -> list[list[str]]:
    """The first *limit* sentence blocks of a CoNLL-U file, as lists of lines."""
    out, block = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if block:
                    out.append(block)
                    block = []
                    if len(out) >= limit:
                        break
            else:
                block.append(line)
    return out


def _write_conllu(blocks: list[list[str]], path: Path) -> Path:
    path.write_text("".join("\n".join(b) + "\n\n" for b in blocks), encoding="utf-8")
    return path


def _words(block: list[str]) -> list[list[str]]:
    return [line.split("\t") for line in block
            if not line.startswith("#") and line.split("\t")[0].isdigit()]


def _ner_json(blocks: list[list[str]], path: Path) -> Path:
    """Stanza's NER training format: every run of proper nouns is one PERSON (BIO tags), a
    pattern a few dozen steps learn (capitalised words inside a sentence), so the kit's model
    tags names and the tests can see NER reach the sources."""
    docs = []
    for block in blocks:
        rows = _words(block)
        tags = []
        for k, r in enumerate(rows):
            if r[3] != "PROPN":
                tags.append("O")
            else:
                tags.append("I-PERSON" if k and rows[k - 1][3] == "PROPN" else "B-PERSON")
        docs.append([{"text": r[1], "ner": t} for r, t in zip(rows, tags)])
    path.write_text(json.dumps(docs), encoding="utf-8")
    return path


def _has_propn(block: list[str]) -> bool:
    return any(r[3] == "PROPN" for r in _words(block))


def _vectors(blocks: list[list[str]], path: Path, dim: int = 16, seed: int = 0) -> Path:
    """A word2vec-format text file: a random vector for each (lowercased) training word."""
    rng = random.Random(seed)
    vocab = sorted({r[1].lower() for b in blocks for r in _words(b)})
    lines = [f"{len(vocab)} {dim}"]
    for w in vocab:
        if " " in w:
            continue
        lines.append(w + " " + " ".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(dim)))
    lines[0] = f"{len(lines) - 1} {dim}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@contextlib.contextmanager
def _quiet():
    """Stanza's training scripts log and print a lot: keep the test output clean."""
    logger = logging.getLogger("stanza")
    level = logger.level
    logger.setLevel(logging.ERROR)
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            yield
    finally:
        logger.setLevel(level)


def md5(path: Path) -> str:
    return hashlib.md5(Path(path).read_bytes()).hexdigest()


def _pretrain(vec_file: Path, out: Path) -> None:
    from stanza.models.common.pretrain import Pretrain

    out.parent.mkdir(parents=True, exist_ok=True)
    pt = Pretrain(str(out), str(vec_file))
    pt.load()  # reads the text vectors and saves the .pt (Stanza's own conversion)
    assert out.is_file()


def _charlm(text: Path, dev: Path, out: Path, direction: str, work: Path) -> None:
    from stanza.models import charlm

    out.parent.mkdir(parents=True, exist_ok=True)
    charlm.main(["--train_file", str(text), "--eval_file", str(dev), "--direction", direction,
                 "--char_emb_dim", "8", "--char_hidden_dim", "32", "--cutoff", "1",
                 "--epochs", "1", "--batch_size", "8", "--bptt_size", "40",
                 "--save_dir", str(out.parent), "--save_name", out.name,
                 "--vocab_save_name", f"{direction}_vocab.pt", "--no_checkpoint",
                 "--shorthand", "en_kit", "--cpu"])
    (out.parent / f"{direction}_vocab.pt").unlink(missing_ok=True)


def _charlm_args(kit: dict) -> list[str]:
    return ["--charlm", "--charlm_shorthand", "en_1billion",
            "--charlm_forward_file", str(kit["forward_charlm"]),
            "--charlm_backward_file", str(kit["backward_charlm"])]


def _tagger(kit: dict, out: Path) -> None:
    from stanza.models import tagger

    tagger.main(["--train_file", str(kit["train"]), "--eval_file", str(kit["dev"]),
                 "--output_file", str(kit["work"] / "pos.out"), "--lang", "en",
                 "--shorthand", "en_combined", "--wordvec_pretrain_file", str(kit["conll17"]),
                 *_charlm_args(kit), "--hidden_dim", "16", "--char_hidden_dim", "16",
                 "--deep_biaff_hidden_dim", "16", "--composite_deep_biaff_hidden_dim", "8",
                 "--word_emb_dim", "8", "--tag_emb_dim", "8", "--transformed_dim", "8",
                 "--char_emb_dim", "8", "--num_layers", "1", "--max_steps", "3",
                 "--eval_interval", "3", "--batch_size", "500",
                 "--save_dir", str(out.parent), "--save_name", out.name, "--cpu"])


def _parser(kit: dict, out: Path) -> None:
    from stanza.models import parser

    parser.main(["--train_file", str(kit["train"]), "--eval_file", str(kit["dev"]),
                 "--output_file", str(kit["work"] / "dep.out"), "--lang", "en",
                 "--shorthand", "en_combined", "--wordvec_pretrain_file", str(kit["conll17"]),
                 *_charlm_args(kit), "--hidden_dim", "16", "--char_hidden_dim", "16",
                 "--deep_biaff_hidden_dim", "16", "--deep_biaff_output_dim", "8",
                 "--word_emb_dim", "8", "--tag_emb_dim", "8", "--transformed_dim", "8",
                 "--char_emb_dim", "8", "--num_layers", "1", "--max_steps", "3",
                 "--eval_interval", "3", "--batch_size", "2000",
                 "--save_dir", str(out.parent), "--save_name", out.name, "--cpu"])


def _lemmatizer(kit: dict, out: Path) -> None:
    from stanza.models import lemmatizer

    lemmatizer.main(["--train_file", str(kit["lemma_train"]), "--eval_file", str(kit["dev"]),
                     "--output_file", str(kit["work"] / "lemma.out"),
                     "--shorthand", "en_combined", *_charlm_args(kit),
                     "--hidden_dim", "16", "--emb_dim", "8", "--pos_dim", "8",
                     "--num_epoch", "1", "--batch_size", "200",
                     "--save_dir", str(out.parent), "--save_name", out.name, "--cpu"])


def _ner(kit: dict, out: Path) -> None:
    from stanza.models import ner_tagger

    ner_tagger.main(["--train_file", str(kit["ner_train"]), "--eval_file", str(kit["ner_dev"]),
                     "--eval_output_file", str(kit["work"] / "ner.out"),
                     "--shorthand", "en_ontonotes", "--wordvec_pretrain_file",
                     str(kit["fasttextcrawl"]), *_charlm_args(kit),
                     "--hidden_dim", "24", "--char_hidden_dim", "16", "--word_emb_dim", "8",
                     "--char_emb_dim", "8", "--max_steps", str(kit["ner_steps"]),
                     "--eval_interval", str(kit["ner_steps"]), "--batch_size", "32",
                     "--optim", "adam", "--lr", "0.02", "--dropout", "0.1",
                     "--save_dir", str(out.parent), "--save_name", out.name, "--cpu"])


def _deps(pretrain: str | None) -> list[dict]:
    out = [{"model": "pretrain", "package": pretrain}] if pretrain else []
    return out + [{"model": "forward_charlm", "package": CHARLM},
                  {"model": "backward_charlm", "package": CHARLM}]


def write_resources(root: Path, url: str = "") -> Path:
    """A ``resources.json`` shaped like Stanza 1.15's for the files under *root*/en."""
    en: dict = {"lang_name": "English"}
    for proc, package in PACKAGES.items():
        entry: dict = {"md5": md5(root / "en" / proc / f"{package}.pt")}
        if package.endswith("_charlm"):
            entry["dependencies"] = _deps(PRETRAIN[proc])
        en[proc] = {package: entry}
    for name in ("conll17", "fasttextcrawl"):
        en.setdefault("pretrain", {})[name] = {"md5": md5(root / "en" / "pretrain" / f"{name}.pt")}
    for d in ("forward_charlm", "backward_charlm"):
        en[d] = {CHARLM: {"md5": md5(root / "en" / d / f"{CHARLM}.pt")}}
    en["default_processors"] = dict(PACKAGES)
    en["default_dependencies"] = {p: _deps(PRETRAIN[p]) for p, k in PACKAGES.items()
                                  if k.endswith("_charlm")}
    en["packages"] = {"default": dict(PACKAGES)}
    data = {"url": url or "https://huggingface.co/stanfordnlp/stanza-{lang}/resolve/"
                          "v{resources_version}/models/{filename}", "en": en}
    path = root / "resources.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def build(dest: Path, mini: Path, ud: Path, *, ner_steps: int = 60,
          train_sentences: int = 300) -> Path:
    """Build the whole set into *dest* (see the module doc); returns *dest*."""
    import torch

    ewt = ud / "UD_English-EWT"
    work = dest.parent / (dest.name + "-work")
    work.mkdir(parents=True, exist_ok=True)
    train = _conllu_sentences(ewt / "en_ewt-ud-train.conllu", train_sentences)
    dev = _conllu_sentences(ewt / "en_ewt-ud-dev.conllu", 30)
    en = dest / "en"
    kit = {"work": work, "ner_steps": ner_steps,
           "train": _write_conllu(train, work / "train.conllu"),
           "dev": _write_conllu(dev, work / "dev.conllu"),
           "lemma_train": _write_conllu(train[:40], work / "lemma_train.conllu"),
           "ner_train": _ner_json([b for b in train if _has_propn(b)][:96], work / "ner_train.json"),
           "ner_dev": _ner_json(dev, work / "ner_dev.json"),
           "conll17": en / "pretrain" / "conll17.pt",
           "fasttextcrawl": en / "pretrain" / "fasttextcrawl.pt",
           "forward_charlm": en / "forward_charlm" / f"{CHARLM}.pt",
           "backward_charlm": en / "backward_charlm" / f"{CHARLM}.pt"}
    text = "\n".join(line[9:] for b in train[:60] for line in b if line.startswith("# text = "))
    (work / "lm_train.txt").write_text(text + "\n", encoding="utf-8")
    (work / "lm_dev.txt").write_text(text[:2000] + "\n", encoding="utf-8")
    for proc in ("tokenize", "mwt"):
        (en / proc).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(mini / "en" / proc / "mini.pt", en / proc / f"{PACKAGES[proc]}.pt")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with _quiet():
            _pretrain(_vectors(train, work / "conll17.txt", seed=1), kit["conll17"])
            _pretrain(_vectors(train, work / "crawl.txt", seed=2), kit["fasttextcrawl"])
            for d in ("forward", "backward"):
                _charlm(work / "lm_train.txt", work / "lm_dev.txt", kit[f"{d}_charlm"], d, work)
            _tagger(kit, en / "pos" / f"{PACKAGES['pos']}.pt")
            _parser(kit, en / "depparse" / f"{PACKAGES['depparse']}.pt")
            _lemmatizer(kit, en / "lemma" / f"{PACKAGES['lemma']}.pt")
            _ner(kit, en / "ner" / f"{PACKAGES['ner']}.pt")
    finally:
        torch.set_num_threads(threads)
    for stale in en.rglob("*_checkpoint.pt"):  # the parser's training checkpoint
        stale.unlink()
    write_resources(dest)
    shutil.rmtree(work, ignore_errors=True)
    return dest
