"""Training the attribution decision: seeded and reproducible, a model that the analysis then
uses, and the CLI's errors."""
from __future__ import annotations

import json
import re

import pytest

from claimtrack.extract.decide import AttributionModel

pytest.importorskip("lightgbm")

# articles written for the tests; [S:…] source, [C:…] cue, [T:…] content (gold spans)
ARTICLES = [
    "[S:The mayor] [C:said] [T:that the bridge would reopen in May]. Traffic was light on Monday. "
    "[S:Engineers] [C:warned] [T:that the cables needed work]. The river rose again.",
    "[S:Police] [C:confirmed] [T:that two men were arrested]. The shop opened at nine. "
    "\u201c[T:We are relieved],\u201d [C:said] [S:the owner]. The street was closed for an hour.",
    "[S:The ministry] [C:denied] [T:that the fuel had been stored at the depot]. Firefighters worked "
    "through the night. [S:Residents] [C:claimed] [T:they had smelled gas for days].",
    "[S:A spokesman] [C:told] reporters [T:the talks would resume]. The delegates ate lunch. "
    "[C:According to] [S:the union], [T:wages have not risen in five years].",
    "[S:The company] [C:announced] [T:that it would cut 200 jobs]. Its shares fell. [S:Analysts] "
    "[C:expect] [T:further cuts next year]. The factory employs 3,000 people.",
    "[S:The coach] [C:insisted] [T:that the team was ready]. The stadium was full. [S:Fans] "
    "[C:said] [T:the tickets were too expensive]. The match ended in a draw.",
]


def parse_markup(markup: str, i: int) -> dict:
    text, spans, pos = "", {"S": [], "C": [], "T": []}, 0
    for m in re.finditer(r"\[([SCT]):([^\]]*)\]", markup):
        text += markup[pos:m.start()]
        spans[m.group(1)].append([len(text), len(text) + len(m.group(2))])
        text += m.group(2)
        pos = m.end()
    text += markup[pos:]
    # one attribution per cue, each with the nearest source and content of its sentence
    atts = []
    for k, cue in enumerate(spans["C"]):
        def near(lst):
            return min(lst, key=lambda sp: abs(sp[0] - cue[0])) if lst else None
        atts.append({"id": f"E{k + 1}", "cue": [cue], "source": [near(spans["S"])],
                     "content": [near(spans["T"])]})
    return {"id": f"doc{i}", "text": text, "attributions": atts}


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "tiny.jsonl"
    path.write_text("".join(json.dumps(parse_markup(m, i)) + "\n" for i, m in enumerate(ARTICLES)),
                    encoding="utf-8")
    return path


def test_training_is_reproducible_byte_for_byte(analyzer, gold_file, monkeypatch):
    from claimtrack.evaluate.train import train_model

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    first = train_model([gold_file], analyzer.parser, command="test").dumps()
    second = train_model([gold_file], analyzer.parser, command="test").dumps()
    assert first == second
    model = AttributionModel.from_dict(json.loads(first))
    prov = model.provenance
    assert prov["date"] == "2025-12-02" and prov["documents"] == len(ARTICLES)
    assert prov["training_data"][0]["file"] == "tiny.jsonl" and len(prov["training_data"][0]["sha256"]) == 64
    assert 0.0 <= model.threshold <= 1.0 and prov["candidates"] >= prov["positive"] > 0


def test_a_trained_model_decides_the_analysis(analyzer, gold_file, tmp_path):
    from claimtrack.api import Analyzer
    from claimtrack.evaluate.train import train_model

    path = tmp_path / "model.json"
    train_model([gold_file], analyzer.parser).save(path)
    mine = Analyzer(parser=analyzer.parser, attribution_model=path, min_confidence=0.0)
    text = "The governor said that the road would close. Officials denied that money was lost."
    result = mine.analyze(text)
    assert result.attributions and all(0.0 <= a.confidence <= 1.0 for a in result.attributions)
    none = Analyzer(parser=analyzer.parser, attribution_model=path, min_confidence=1.0).analyze(text)
    assert len(none.attributions) <= len(result.attributions)
    assert all(a.confidence >= 1.0 for a in none.attributions)


def test_a_report_inside_a_gold_report_is_left_out_of_training_and_of_the_score(analyzer):
    from claimtrack.evaluate import train as T
    from claimtrack.evaluate.predict import univocal
    from claimtrack.extract.lexicon import load_lexicon

    text = "The ministry said that officials claimed the dam was safe. Engineers warned that the cables failed."
    start = text.index("that officials")
    gold = {"id": "d", "text": text, "attributions": [
        {"id": "E1", "cue": [[text.index("said"), text.index("said") + 4]], "source": [[0, 12]],
         "content": [[start, text.index(".")]]}]}
    ex = T.Example("d", gold, analyzer.parser.parse_many([text])[0])
    T.propose_all([ex], load_lexicon())
    by_lemma = {a.cue.lemma: k for k, a in enumerate(ex.candidates)}
    # the claim inside the ministry's report is not judged by univocal gold; the warning is wrong
    assert ex.unlabelled[by_lemma["claim"]] and ex.labels[by_lemma["claim"]] == 0
    assert not ex.unlabelled[by_lemma["warn"]] and not ex.unlabelled[by_lemma["say"]]
    keep = [True] * len(ex.candidates)
    scored = T.outermost([ex], keep)
    assert not scored[by_lemma["claim"]] and scored[by_lemma["say"]] and scored[by_lemma["warn"]]
    line = T.to_prediction("d", ex.candidates)
    ids = [a["cue_lemma"] for a in univocal({"d": line})["d"]["attributions"]]
    assert "claim" not in ids and {"say", "warn"} <= set(ids)


def test_a_held_out_fold_has_no_say_in_which_of_its_words_are_proposed(analyzer):
    """A cue lemma the gold uses only in one fold is learned from that fold's gold: while the fold
    is held out, its articles get no rule candidates for it (only the open ones any verb gets)."""
    from claimtrack.evaluate import train as T
    from claimtrack.extract.lexicon import load_lexicon

    ids = [f"art{k}" for k in range(400)]
    fold = T.fold_of(ids[0])
    mine = [i for i in ids if T.fold_of(i) == fold][:2]
    others = [i for i in ids if T.fold_of(i) != fold][:len(ARTICLES)]
    chirps = ["\u201c[T:We are ready],\u201d [C:chirped] [S:the coach]. Traffic was light. "
              "\u201c[T:The bridge will reopen],\u201d [C:chirped] [S:the mayor]. The stadium was full.",
              "\u201c[T:Two men were arrested],\u201d [C:chirped] [S:the sergeant]. The shop opened. "
              "\u201c[T:The street will close],\u201d [C:chirped] [S:the owner]. It rained."]
    golds = [dict(parse_markup(m, 0), id=i) for i, m in zip(mine, chirps)]
    golds += [dict(parse_markup(m, 0), id=i) for i, m in zip(others, ARTICLES)]
    docs = analyzer.parser.parse_many([g["text"] for g in golds])
    examples = [T.Example(g["id"], g, d, fold=T.fold_of(g["id"])) for g, d in zip(golds, docs)]
    lex = load_lexicon()
    assert T.learned_cues(examples, lex)["VERB"]   # "chirp" (as the parser lemmatises it)

    T.cross_validate_folds(examples, lex)
    held = [a for ex in examples if ex.id in mine for a in ex.held.candidates if "chirped" in a.cue.text]
    assert held and not [a for a in held if a.construction == "inverted-quote"]
    T.propose_all(examples, lex, T.widen(lex, T.learned_cues(examples, lex)))
    seen = [a for ex in examples if ex.id in mine for a in ex.candidates if "chirped" in a.cue.text]
    assert [a for a in seen if a.construction == "inverted-quote"]
