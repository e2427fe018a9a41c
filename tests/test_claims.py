"""Claims, links and statuses, end to end and on pure helpers."""
from __future__ import annotations

from conftest import EXAMPLES

from claimtrack.extract.boilerplate import find_boilerplate
from claimtrack.claims.words import classify_number


def _example(analyze_text, name):
    return analyze_text((EXAMPLES / name).read_text(encoding="utf-8"), name.split(".")[0])


def _claim_of(result, source_text, cue_text=None):
    for a in result.attributions:
        if a.source and a.source.text == source_text and (cue_text is None or a.cue.text == cue_text):
            return next(c for c in result.claims if c.id == a.claim_id)
    raise AssertionError(f"no attribution from {source_text!r}")


def test_seed_moscow_claim_rests_on_russia_alone(seed):
    c = _claim_of(seed, "Moscow")
    assert c.status == "claimed"
    assert "Russia alone" in c.reason
    assert "synagogue" in c.text


def test_seed_russian_media_claim_is_partly_confirmed_by_independent_kazakhstan(seed):
    media = _claim_of(seed, "Russian media")
    assert media.status == "partly-confirmed"
    assert "Kazakhstan" in media.reason and "independent" in media.reason
    kaz = _claim_of(seed, "Kazakhstan")
    link = next(l for l in seed.links if l.source == kaz.id and l.target == media.id)
    assert link.relation == "confirms" and link.evidence["predicate"] == "die"
    assert "state:kazakhstan" in link.evidence["arguments"]


def test_seed_knb_quote_confirms_part_of_what_russian_media_said(seed):
    """'"… these two people is confirmed," said the KNB' is a confirmation by the KNB of the
    citizenship and arrival of the two suspects Russian media spoke of: it points back to them
    ("these two"), so it confirms that claim in part — not the deaths, so never in full."""
    knb = _claim_of(seed, "the Kazakh National Security Committee (KNB)")
    assert knb.stance == "confirm"
    media = _claim_of(seed, "Russian media")
    link = next(l for l in seed.links if l.source == knb.id and l.target == media.id)
    assert link.relation == "confirms" and link.evidence["extent"] == "part"
    assert "in part" in link.reason and media.status == "partly-confirmed"


def test_seed_operation_is_partly_confirmed_by_those_who_speak_of_it(seed):
    """The FSB says an operation took place; Kazakhstan and Russian media speak of deaths in it
    (independent support, in part); Moscow speaks of it too but is of the FSB's hierarchy."""
    fsb = _claim_of(seed, "Russia's FSB security service")
    assert fsb.status == "partly-confirmed"
    assert "Kazakhstan" in fsb.reason and "not independent" in fsb.reason
    assert any(l.target == fsb.id and l.evidence.get("presupposes") for l in seed.links)


def test_seed_no_link_rests_on_a_date_or_place_alone(seed):
    for link in seed.links:
        args = link.evidence.get("arguments", [])
        assert args, link
        places = set(link.evidence.get("places", [])) | set(link.evidence.get("times", []))
        assert set(args) - places, link


def test_seed_article_voice_is_unattributed_and_appeal_is_not_a_claim(seed):
    own = [c for c in seed.claims if c.status == "unattributed"]
    assert any(c.text.startswith("IS has limited influence in Russia") for c in own)
    assert all(not c.attributions for c in own)
    appeal = seed.text.index("A Message from")
    assert all(c.spans[0][0] < appeal for c in seed.claims)
    assert any(seed.text[s:e].startswith("A Message from") for s, e in seed.boilerplate)


def test_seed_every_kept_attribution_has_claim_and_reported_relay(seed):
    appeal = seed.text.index("A Message from")
    kept = [a for a in seed.attributions if a.cue.start < appeal]
    assert all(a.claim_id for a in kept)
    assert _claim_of(seed, "official figures").status == "reported"
    ids = [c.id for c in seed.claims]
    assert ids == [f"c{k + 1}" for k in range(len(ids))]


def test_denial_contradicts_and_disputes(analyze_text):
    r = _example(analyze_text, "denial.txt")
    claim = _claim_of(r, "Washington")
    denial = _claim_of(r, "The Chinese Foreign Ministry")
    assert denial.status == "denied"
    assert claim.status == "disputed" and "Chinese Foreign Ministry" in claim.reason
    assert any(l.source == denial.id and l.target == claim.id and l.relation == "contradicts"
               for l in r.links)


def test_same_hierarchy_confirmation_counts_for_nothing(analyze_text):
    """Russia's Investigative Committee backs the Kremlin, but is not independent: the claim is
    never confirmed by it (Ukraine's denial of "any involvement" disputes it: see
    tests/test_statements.py)."""
    r = _example(analyze_text, "hierarchy.txt")
    c = _claim_of(r, "The Kremlin")
    assert c.status in ("claimed", "disputed") and "confirmed" not in c.status
    assert "not independent" in c.reason and "Investigative Committee" in c.reason
    assert any(l.relation == "confirms" and l.target == c.id for l in r.links)


def test_independent_confirmation_of_part(analyze_text):
    r = _example(analyze_text, "confirmation.txt")
    c = _claim_of(r, "Moscow")
    assert c.status == "partly-confirmed"
    assert "Reuters" in c.reason and "Defence Ministry" in c.reason and "not independent" in c.reason


def test_nested_attribution_keeps_chain_and_is_confirmed(analyze_text):
    r = _example(analyze_text, "nested.txt")
    inner = next(a for a in r.attributions if a.source and a.source.text == "the Kremlin")
    assert inner.parent is not None
    outer = next(a for a in r.attributions if a.id == inner.parent)
    assert outer.claim_id == inner.claim_id
    c = next(c for c in r.claims if c.id == inner.claim_id)
    assert "Interfax → Russia" in c.reason
    assert c.status == "confirmed" and "Turkish Foreign Ministry" in c.reason


def test_boilerplate_rules():
    text = ("Troops left the city on Monday.\nBy Jane Doe\nPhoto: AP\nOfficials said more would follow.\n"
            "Dear readers,\nWe need your support.\nRemind me later.")
    spans = [text[s:e] for s, e in find_boilerplate(text)]
    assert spans[:2] == ["By Jane Doe", "Photo: AP"]
    assert spans[2].startswith("Dear readers,") and spans[2].endswith("Remind me later.")
    assert not any("Officials" in s for s in spans)


def test_numbers_normalise():
    assert classify_number("Two") == "2"
    assert classify_number("4,500") == "4500"
    assert classify_number("several") is None


def test_did_not_confirm_is_an_open_question_not_a_denial(analyze_text):
    r = analyze_text("The ministry did not confirm that the plant had closed. "
                     "Local media reported that the plant had closed.")
    withheld = next(a for a in r.attributions if a.cue.negated)
    claim = next(c for c in r.claims if c.id == withheld.claim_id)
    assert claim.status == "reported" and "neither asserted nor denied" in claim.reason
    assert not any(l.relation == "contradicts" for l in r.links)
    from claimtrack.graph.build import build_graph

    G = build_graph(r)
    assert any(d["relation"] == "does_not_confirm" for _, _, d in G.edges(data=True))
    assert not any(d["relation"] == "denies" for _, _, d in G.edges(data=True))


SUPPOSED = """Critics said the memo read as if the governor had written it herself.

"If it looked like the deal was collapsing, we would walk away," the envoy said.

In a letter, Dr. Alan Pryce wrote that the senator's stamina was extraordinary.
"""


def test_speech_inside_an_as_if_clause_makes_no_claim(analyze_text):
    r = analyze_text(SUPPOSED, "supposed")
    inner = [a for a in r.attributions if a.content.text.startswith("it herself")]
    assert inner and all(a.claim_id is None for a in inner)
    outer = next(a for a in r.attributions if a.cue.lemma == "say" and "memo" in a.content.text)
    claim = next(c for c in r.claims if c.id == outer.claim_id)
    # the critics' own words stay a claim, whole
    assert "as if the governor had written it herself" in claim.statement


def test_a_condition_keeps_its_if_and_a_description_in_writing_is_no_intention(analyze_text):
    r = analyze_text(SUPPOSED, "supposed")
    cond = next(c for c in r.claims if "walk away" in c.statement)
    assert cond.statement.lower().startswith("if it looked like")
    stamina = next(c for c in r.claims if "stamina" in c.statement)
    assert stamina.kind in ("assertion", "opinion")


def test_what_the_speakers_own_body_will_do_is_an_intention_what_others_will_do_a_prediction(analyze_text):
    a = analyze_text("The mayor of Poti said the city would support the dockers. Ministry spokesman "
                     "Levan Kiknadze said the ministry would publish its findings. The mayor said "
                     "the river would rise again.", "own-future")
    kinds = {c.statement: c.kind for c in a.claims}
    assert kinds["the city would support the dockers"] == "intention"
    assert kinds["the ministry would publish its findings"] == "intention"
    assert kinds["the river would rise again"] == "prediction"


def test_a_modal_inside_a_clause_of_the_content_or_of_the_past_perfect_gives_no_advice(analyze_text):
    a = analyze_text("Federal prosecutors alleged that the two guards browsed the Internet and appeared "
                     "to sleep when they should have been conducting checks. Officials said the officers "
                     "should have conducted five counts. The ministry said residents should boil "
                     "drinking water.", "modals")
    def kind(word):
        return next(c.kind for c in a.claims if word in c.statement)
    assert kind("browsed") == "assertion" and kind("five counts") == "assertion"
    assert kind("boil") == "advice"   # the content's own "should" still advises


def test_a_finding_or_an_estimate_is_checkable_a_belief_is_an_opinion(analyze_text):
    r = analyze_text("The city's chief medical examiner concluded that the inmate died by suicide. "
                     "Officials estimate that 30 people died in the floods. "
                     "The mayor believes that the plan is unfair.")
    kinds = {c.text.split()[1]: c.kind for c in r.claims}
    assert kinds.get("inmate") == "assertion" and kinds.get("people") == "assertion", kinds
    assert kinds.get("plan") == "opinion", kinds


def test_the_writers_own_opposite_of_a_claim_never_says_the_same(analyze_text):
    r = analyze_text("Officials said the plant in Rustavi stored chlorine in its main warehouse. "
                     "The plant in Rustavi did not store chlorine in its main warehouse.")
    said, own = r.claims[0], r.claims[1]
    assert said.status == "claimed" and own.status == "unattributed"
    assert not any(l.relation == "repeats" for l in r.links), [l.to_dict() for l in r.links]


def test_a_quotations_kind_is_its_first_sentences(analyze_text):
    r = analyze_text("\"They were supposed to have done it and it looks like they didn't do it. How it ended "
                     "up in Syria, I'll never know,\" Oberholtzer told KHOU-TV. \"To think something we would "
                     "use to pull trailers is now used for terror, it is crazy,\" Oberholtzer said. "
                     "\"We will not go back until the contract is signed,\" said Marta de Vries.")
    kinds = {c.statement.split()[0]: c.kind for c in r.claims}
    assert kinds["They"] == "assertion" and kinds["To"] == "assertion", kinds
    assert kinds["We"] == "intention", kinds
