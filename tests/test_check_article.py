"""Stance from what claimtrack read: attributions and their cue classes, the writer's voice (real pipeline)."""
from __future__ import annotations

import json

import pytest

from claimtrack.check.article import check_article, decide
from claimtrack.check.reading import Vote
from claimtrack.check.stance import Stance
from claimtrack.check.run import ClaimSpec, check_one, format_rows, read_claims
from claimtrack.errors import InputError

CLAIM = [("c1", "The depot held 2,000 litres of diesel")]
RADIO = "A local radio station claimed that the depot held 2,000 litres of diesel when the fire broke out."
OWNER = ("The owner of the depot denied that the depot held 2,000 litres of diesel. "
         "The depot stored only spare tyres, he said.")
WRITER = "The depot held 2,000 litres of diesel when the fire broke out on Monday night."
OTHER = "The city council approved a new budget for road repairs on Tuesday."


def _row(analyze_text, text, claims=CLAIM):
    return check_article(claims, "a", text, analyze_text(text).to_dict())[0]


def test_a_distancing_cue_discusses(analyze_text):
    row = _row(analyze_text, RADIO)
    assert row.stance == "discusses"
    ev = row.evidence[0]
    assert ev["class"] == "claim" and ev["cue"] == "claimed" and "radio station" in ev["source"]


def test_a_denial_by_a_source_denies(analyze_text):
    row = _row(analyze_text, OWNER)
    assert row.stance == "denies" and row.evidence[0]["class"] == "deny"
    assert "owner" in row.evidence[0]["source"]


def test_the_writers_own_voice_confirms(analyze_text):
    row = _row(analyze_text, WRITER)
    assert row.stance == "confirms" and row.evidence[0]["voice"] == "writer"


def test_an_unrelated_article_is_unrelated(analyze_text):
    row = _row(analyze_text, OTHER)
    assert row.stance == "unrelated" and row.evidence == []


def test_the_stance_is_toward_the_claim_as_written(analyze_text):
    """Denying that the depot held diesel confirms the claim that it held none."""
    row = _row(analyze_text, OWNER, [("c2", "The depot did not hold 2,000 litres of diesel")])
    assert row.stance == "confirms"


def _model(stance, p=0.8):
    probs = {s: (p if s == stance else (1 - p) / 3) for s in ("confirms", "denies", "discusses", "unrelated")}
    return Stance(stance, p, probs, ["The model's best sentence."])


DENIAL = Vote("denies", 0.9, {"sentence": "The owner denied it.", "class": "deny"}, "deny", "same", 0.9)
WRITES = Vote("confirms", 0.7, {"sentence": "The depot held diesel.", "voice": "writer"}, "writer", "same", 0.9)
CLAIMED = Vote("discusses", 0.6, {"sentence": "Radio claimed it.", "class": "claim"}, "distancing", "same", 0.9)


def test_the_model_decides_and_readings_that_agree_are_the_evidence():
    """Readings of the stance decided are its evidence; a discussion is shown by all of them."""
    stance, conf, ev = decide(_model("discusses", 0.6), [WRITES, CLAIMED])
    assert (stance, conf) == ("discusses", 0.6) and ev == [WRITES.evidence, CLAIMED.evidence]
    stance, _, ev = decide(_model("confirms"), [CLAIMED])
    assert stance == "confirms" and ev == [{"sentence": "The model's best sentence.", "voice": "lexical"}]


def test_an_article_that_only_denies_a_claim_never_confirms_it():
    stance, conf, ev = decide(_model("confirms", 0.9), [DENIAL, CLAIMED])
    assert stance == "denies" and ev == [DENIAL.evidence] and 0 < conf <= 0.95
    assert decide(_model("confirms"), [DENIAL, WRITES])[0] == "confirms"   # it also states it
    # reported, no side taken: the denial is the evidence of the discussion
    assert decide(_model("discusses"), [DENIAL]) == ("discusses", 0.8, [DENIAL.evidence])


def test_unrelated_has_no_evidence():
    assert decide(_model("unrelated"), [CLAIMED]) == ("unrelated", 0.8, [])


def test_claims_file_and_article_restriction(tmp_path):
    f = tmp_path / "claims.jsonl"
    f.write_text('{"id": "x", "text": "The depot held diesel", "articles": ["a1"]}\n'
                 '{"text": "A heater caused the fire"}\n')
    claims = read_claims(None, str(f))
    assert [c.id for c in claims] == ["x", "claim2"]
    assert claims[0].wants("a1") and not claims[0].wants("a2") and claims[1].wants("a2")
    assert [r.claim for r in check_one(claims, "a2", OTHER, None)] == ["claim2"]


@pytest.mark.parametrize("content,message", [
    ("not json\n", "not a JSON object"), ('{"id": "x"}\n', "non-empty"),
    ('{"text": "t", "articles": "a1"}\n', "list of article ids")])
def test_bad_claims_files_are_input_errors(tmp_path, content, message):
    f = tmp_path / "c.jsonl"
    f.write_text(content)
    with pytest.raises(InputError, match=message):
        read_claims(None, str(f))


def test_no_claim_and_duplicate_ids_are_input_errors(tmp_path):
    with pytest.raises(InputError):
        read_claims(None, None)
    with pytest.raises(InputError):
        read_claims("   ", None)
    f = tmp_path / "c.jsonl"
    f.write_text('{"id": "claim", "text": "t"}\n')
    with pytest.raises(InputError, match="differ"):
        read_claims("another", str(f))


def test_formats_carry_the_same_rows():
    rows = check_one([ClaimSpec("c1", CLAIM[0][1])], "w", WRITER, None)
    data = json.loads(format_rows(rows, "json"))
    assert data[0]["claim"] == "c1" and data[0]["article"] == "w" and data[0]["stance"] == rows[0].stance
    assert json.loads(format_rows(rows, "jsonl").splitlines()[0]) == data[0]
    assert format_rows(rows, "csv").splitlines()[0] == "claim,article,stance,confidence,evidence"
    assert format_rows(rows, "table").splitlines()[1].split()[:3] == ["c1", "w", rows[0].stance]


def test_confirming_needs_the_article_to_say_what_happened():
    """On the topic, no reading of the claim, no sentence with its verbs: it discusses it."""
    stance, conf, _ = decide(_model("confirms", 0.7), [], says=False)
    assert stance == "discusses" and conf == pytest.approx(0.8)
    assert decide(_model("confirms", 0.7), [], says=True)[0] == "confirms"
    assert decide(_model("denies", 0.7), [], says=False)[0] == "denies"
