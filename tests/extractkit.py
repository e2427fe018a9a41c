"""Helpers for the extraction tests: find one attribution, and gold UD trees to test rules on."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.extract import extract
from claimtrack.parse.parser import doc_from_conllu


def rows_doc(rows):
    """A parsed document from (form, lemma, upos, head, deprel[, feats]) rows, as CoNLL-U gives
    it: a rule test builds the tree a parser gave (or slipped on) without the parser."""
    return doc_from_conllu("".join(f"{i}\t{r[0]}\t{r[1]}\t{r[2]}\t_\t{r[5] if len(r) > 5 else '_'}\t"
                                   f"{r[3]}\t{r[4]}\t_\t_\n" for i, r in enumerate(rows, 1)))


def att(result, cue: str, content_part: str):
    """The one attribution whose cue text is *cue* and whose content contains *content_part*."""
    hits = [a for a in result.attributions if a.cue.text == cue and content_part in a.content.text]
    assert len(hits) == 1, [(a.cue.text, a.content.text) for a in result.attributions]
    return hits[0]


def src(a) -> str:
    """The source text of an attribution ('' when it has none)."""
    return a.source.text if a.source else ""


UD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ud"


def ud_sentence(treebank: str, text_prefix: str):
    """The gold tree of the first sentence of *treebank* (any split) starting with *text_prefix*."""
    folder = UD / {"ewt": "UD_English-EWT", "gum": "UD_English-GUM"}[treebank]
    paths = sorted(folder.glob("*.conllu"))
    if not paths:
        pytest.skip(f"{folder} is not available")
    for path in paths:
        block: list[str] = []
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    block.append(line)
                    continue
                if any(b.startswith("# text = " + text_prefix) for b in block):
                    return doc_from_conllu("".join(block))
                block = []
    raise AssertionError(f"no sentence starting {text_prefix!r} in {folder.name}")


def only(doc, lemma: str):
    """The one attribution of a gold tree whose cue lemma is *lemma*."""
    found = [a for a in extract(doc) if a.cue.lemma == lemma]
    assert len(found) == 1, [(a.cue.text, a.content.text) for a in extract(doc)]
    return found[0]
