"""The readings of a claim in an analysed article (an analysis as JSON, no parser needed)."""
from __future__ import annotations

from claimtrack.check.features import Doc
from claimtrack.check.lexical import Idf
from claimtrack.check.reading import cue_stance, group_of, readings, says_it

TEXT = ("The owner denied that the depot held 2,000 litres of diesel. "
        "A radio station claimed that the depot held 2,000 litres of diesel. "
        "The city council met on Tuesday.")


def _attribution(id, source, cue, cls, content):
    s, c, t = TEXT.index(source), TEXT.index(cue), TEXT.index(content)
    return {"id": id, "source": {"text": source, "spans": [[s, s + len(source)]]},
            "cue": {"text": cue, "spans": [[c, c + len(cue)]], "class": cls, "negated": False},
            "content": {"text": content, "spans": [[t, t + len(content)]]}}


ANALYSIS = {"sources": [], "attributions": [
    _attribution("a1", "The owner", "denied", "deny", "that the depot held 2,000 litres of diesel"),
    _attribution("a2", "A radio station", "claimed", "claim", "that the depot held 2,000 litres")]}


def test_cue_classes_group_and_flip_with_the_opposite():
    assert group_of("deny", False) == "deny" and group_of("assert", True) == "deny"
    assert group_of("claim", False) == "distancing" and group_of("say", False) == "assert"
    assert cue_stance("deny", False, "same")[0] == "denies"
    assert cue_stance("deny", False, "contradicts")[0] == "confirms"   # denying the opposite
    assert cue_stance("report", False, "same")[0] == "discusses"


def test_each_attribution_of_the_claim_is_a_reading_with_its_sentence():
    idf = Idf.from_texts([TEXT, "The council met.", "A station claimed."])
    votes = readings(Doc.read("The depot held 2,000 litres of diesel", split=False), Doc.read(TEXT),
                     TEXT, ANALYSIS, idf)
    by_group = {v.group: v for v in votes}
    assert by_group["deny"].stance == "denies" and by_group["deny"].evidence["source"] == "The owner"
    assert by_group["deny"].evidence["sentence"].startswith("The owner denied")
    assert by_group["distancing"].stance == "discusses"
    assert all(v.group != "writer" for v in votes)   # every sentence stating it is attributed


def test_says_it_needs_the_claims_verbs():
    body = Doc.read(TEXT)
    assert says_it(Doc.read("The depot held diesel", split=False), body)
    assert not says_it(Doc.read("A gas leak caused the fire", split=False), body)
