"""The claim matcher and its resources: paraphrase, rare words, negation, numbers, the shipped tables."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from claimtrack.check.features import Doc, align
from claimtrack.check.lexical import Idf, wordnet
from claimtrack.check.matcher import compare
from claimtrack.check.text import numbers, numbers_agree, sentences

ROOT = Path(__file__).resolve().parent.parent


def test_paraphrased_predicate_and_argument_still_match():
    m = compare("A faulty heater in the office started the fire.",
                "A heater in the office had caused the blaze.")
    assert m.relation == "same" and not m.verbatim
    assert {"heater", "office"} <= set(m.evidence)


def test_a_reprinted_quotation_is_verbatim():
    text = "“The fire was started by a faulty heater in the office,” the ministry said."
    m = compare(text, text.replace("“", '"').replace("”", '"'))
    assert m.verbatim and m.relation == "same" and m.score == 1.0


def test_negation_on_one_side_contradicts_and_double_negation_does_not():
    assert compare("The depot held diesel.", "The depot never held diesel.").relation == "contradicts"
    assert compare("The depot did not hold diesel.", "The depot never held diesel.").relation == "same"


def test_a_negation_counts_only_in_the_sentence_that_states_what_both_share():
    # a quotation of several sentences: its "not" negates something else
    quote = ("The depot held diesel when the fire broke out. We could not reach the owner. "
             "The firefighters did their best.")
    assert compare(quote, "The depot held diesel when the fire broke out.").relation != "contradicts"
    assert compare("The depot did not hold diesel when the fire broke out. The owner was away.",
                   "The depot held diesel when the fire broke out.").relation == "contradicts"


def test_numbers_with_units_are_compared():
    assert compare("2,000 litres of diesel were in the depot.",
                   "500 litres of diesel were in the depot.").relation == "contradicts"
    assert compare("2,000 litres of diesel were in the depot.",
                   "2000 litres of diesel were in the depot.").relation == "same"
    a, b = numbers("$800M contract")[0], numbers("an 800 million dollar contract")[0]
    assert a.value == b.value == 800e6
    assert not numbers_agree(numbers("5 km")[0], numbers("5 tonnes")[0])


def test_rare_shared_words_say_more_than_common_ones():
    idf = Idf(Counter({"depot": 90, "diesel": 2, "residue": 2, "find": 50, "hold": 60}), 100)
    claim = Doc.read("the depot held diesel residue", split=False).lemmas
    rare, _ = align(claim, {"diesel", "residue"}, idf)
    common, _ = align(claim, {"depot", "hold"}, idf)
    assert rare > 2 * common


def test_unrelated_claims_do_not_match():
    m = compare("The depot held 2,000 litres of diesel.", "Parliament passed the budget on Tuesday.")
    assert m.relation == "unrelated" and m.score < 0.3


def test_wordnet_table_links_and_lemmas():
    wn = wordnet()
    assert wn.lemma("held") == "hold" and wn.lemma("fires") == "fire"
    assert wn.link("kill", "die") == "synonym"  # a [paraphrase] group
    assert wn.link("man", "woman") == "hypernym"
    assert wn.antonym("true", "false") and not wn.antonym("true", "real")
    assert "Princeton" in wn.provenance["licence"]


def test_shipped_tables_are_small_data():
    data = ROOT / "claimtrack" / "data"
    for name, limit in (("wordnet.json", 500_000), ("idf.json", 600_000), ("stance_model.json", 2_000_000)):
        assert (data / name).stat().st_size <= limit, name
    idf = json.loads((data / "idf.json").read_text())
    assert idf["n"] > 1000 and all(isinstance(v, int) for v in idf["df"].values())


def test_sentences_split_on_stops_and_paragraphs():
    text = 'He said it was false. "It is a hoax!" she added.\n\nA new paragraph starts'
    assert sentences(text) == ["He said it was false.", '"It is a hoax!" she added.',
                               "A new paragraph starts"]


@pytest.mark.skipif(not Path("/usr/share/wordnet/data.verb").exists(), reason="wordnet-base not installed")
def test_the_wordnet_table_is_rebuilt_byte_for_byte(tmp_path):
    out = tmp_path / "wordnet.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_wordnet_table.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (ROOT / "claimtrack" / "data" / "wordnet.json").read_bytes()


def test_a_negation_contradicts_only_over_what_both_share():
    # the "not" here is over the permission, not over her playing
    assert compare("Swift didn't need their permission in the first place.",
                   "Swift will be allowed to play her old tracks at the awards.").relation != "contradicts"
    # "not true" and "false" say the same; "only" that excludes denies, one that limits does not
    assert compare("The ministry's claim is absolutely not true.",
                   "The ministry's claim is false.").relation != "contradicts"
    assert compare("The depot stored only spare tyres.", "The depot held diesel.").relation == "contradicts"
    assert compare("SLS is the only vehicle for launching the crew.",
                   "NASA is launching the crew on the SLS.").relation != "contradicts"


def test_a_negation_that_adds_or_dates_denies_nothing():
    assert compare("Of course, it's not just rural pollution that is choking Delhi.",
                   "Rural pollution is choking Delhi.").relation != "contradicts"
    assert compare("Not long after that, Steenburgen bought a house in Nashville.",
                   "Steenburgen bought a house in Nashville.").relation != "contradicts"
    assert compare("It was not the rural pollution that is choking Delhi.",
                   "Rural pollution is choking Delhi.").relation == "contradicts"


def test_claims_that_only_share_a_word_or_two_never_contradict_one_another():
    from claimtrack.check.matcher import CONTRADICTS, signature_evidence

    # the matcher sees a negation beside a shared word; the two say different things
    a, b = ("Instagram first introduced business accounts in 2016.",
            "Instagram will not display their contact information.")
    m = compare(a, b)
    assert m.relation == "contradicts" and m.score < CONTRADICTS
    assert signature_evidence(a, b) is None
    near = signature_evidence("The depot held diesel.", "No fuel had been kept at the depot.")
    assert near is not None and near["relation"] == "contradicts"
