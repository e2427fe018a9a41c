"""Extraction rules on gold Universal Dependencies trees (no parser in the loop)."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.extract import extract
from claimtrack.parse import doc_from_conllu

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


def only(doc, lemma):
    found = [a for a in extract(doc) if a.cue.lemma == lemma]
    assert len(found) == 1, [(a.cue.text, a.content.text) for a in extract(doc)]
    return found[0]


def test_according_to_makes_its_object_the_source_and_the_clause_the_content():
    doc = ud_sentence("ewt", "In 2001, according to Indian army officials")
    a = only(doc, "according to")
    assert a.cue.text == "according to"
    assert a.source.text == "Indian army officials"
    assert a.content.text.startswith("In 2001") or "security forces launched" in a.content.text
    assert "according" not in a.content.text
    assert a.construction == "according-to"


def test_verb_with_that_clause():
    doc = ud_sentence("ewt", "He also said that the other five companies")
    a = only(doc, "say")
    assert a.source.text == "He"
    assert a.content.text.startswith("that the other five companies")
    assert a.type == "indirect"


def test_relative_pronoun_subject_resolves_to_its_antecedent():
    doc = ud_sentence("ewt", "I had another conversation some months ago with a retired")
    a = only(doc, "claim")
    # the mention as written ("who") together with the noun it stands for
    assert a.source.text == "a retired Ba'athist old-timer who"
    assert a.content.text.startswith("that Ba'athists have the means")
    assert a.cue.cls == "claim"


def test_inverted_quote_with_speaker_after_the_verb():
    doc = ud_sentence("gum", '"Seventeen years ago, this would not have been possible')
    a = only(doc, "say")
    assert a.source.text == "Ambassador Mohib"
    assert a.content.text.startswith('"Seventeen years ago')
    assert a.content.text.endswith(',"')
    assert a.type == "direct"


def test_sentence_final_speaker_takes_the_clause_before_it():
    doc = ud_sentence("ewt", "The bear dwarfed the 6-foot-1 Mr. Parenteau")
    a = only(doc, "say")
    assert a.source.text == "he"
    assert a.content.text.startswith("The bear dwarfed")
    assert "he said" not in a.content.text


def test_conjoined_verb_inherits_the_subject():
    doc = ud_sentence("ewt", "' A radical Shiite Muslim cleric has expressed solidarity")
    a = only(doc, "say")
    assert a.source.text == "A radical Shiite Muslim cleric"
    assert a.content.text.startswith("that he should be considered")
    assert a.type == "mixed"  # "striking arm" is quoted inside the reported clause


def test_according_to_at_the_end_of_the_sentence():
    doc = ud_sentence("gum", "A storm yesterday caused a crane to fall")
    a = only(doc, "according to")
    assert a.source.text == "Saudi Arabia's Civil Defense Authority"
    assert a.content.text.startswith("A storm yesterday caused a crane")


def test_conllu_offsets_point_into_the_rebuilt_text():
    doc = ud_sentence("ewt", "He also said that the other five companies")
    for w in doc.sentences[0].words:
        assert doc.text[w.start:w.end] == w.text
