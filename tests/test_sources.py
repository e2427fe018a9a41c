"""Source resolution end to end (seed + articles written for the project) and its pure rules."""
from __future__ import annotations

from conftest import EXAMPLES

from claimtrack.sources.resolve import find_acronyms, hierarchy, independent, load_gazetteer


def _example(analyze_text, name):
    return analyze_text((EXAMPLES / name).read_text(encoding="utf-8"), name.split(".")[0])


def _by_mention(result):
    """source mention text → Source."""
    sources = {s.id: s for s in result.sources}
    return {a.source.text: sources[a.source_id] for a in result.attributions if a.source_id}


def _by_name(result):
    return {s.name: s for s in result.sources}


def _by_id(result):
    return {s.id: s for s in result.sources}


def test_seed_acronym_and_short_forms_are_one_government_source(seed):
    m = _by_mention(seed)
    knb = m["the Kazakh National Security Committee (KNB)"]
    assert m["The KNB"] is knb
    assert knb.type == "government"
    assert knb.name == "Kazakh National Security Committee"
    assert "KNB" in knb.aliases
    assert [_by_name(seed)["Kazakhstan"].id] == knb.part_of


def test_seed_metonymy_and_possessive_chain_speak_for_the_russian_state(seed):
    m = _by_mention(seed)
    russia = m["Moscow"]
    assert russia.name == "Russia" and russia.type == "government"
    assert m["Russian authorities"] is russia
    fsb = m["Russia's FSB security service"]
    assert m["The FSB"] is fsb and fsb is not russia
    assert fsb.part_of == [russia.id]


def test_seed_embassy_belongs_to_its_country_not_to_its_location(seed):
    embassy = _by_mention(seed)["The U.S. Embassy in Moscow"]
    assert embassy.type == "government"
    assert embassy.part_of == [_by_name(seed)["United States"].id]


def test_seed_types_of_unnamed_sources(seed):
    m = _by_mention(seed)
    assert m["official figures"].type == "document"
    assert m["Russian media"].type == "media"
    assert m["Russian media"].part_of == []          # outlets are not the state
    assert m["Kazakhstan"].type == "government"


def test_seed_boilerplate_is_left_out_unless_asked(seed, analyzer):
    from claimtrack.api import Analyzer

    appeal = seed.text.index("A Message from")
    assert not [a for a in seed.attributions if a.cue.start > appeal]
    assert all(a.source_id for a in seed.attributions if a.source)
    shown = Analyzer(parser=analyzer.parser, include_boilerplate=True).analyze(seed.text, seed.id)
    late = [a for a in shown.attributions if a.cue.start > appeal]
    assert late and all(a.claim_id for a in late), "asked for, the appeal's attributions are claims"


def test_pronouns_and_definite_descriptions(analyze_text):
    r = _example(analyze_text, "aliases_pronouns.txt")
    m = _by_mention(r)
    who = m["The World Health Organization"]
    assert "WHO" in who.aliases
    assert m["The organization"] is who
    costa = m["Health minister Ana Costa"]
    assert costa.type == "person" and costa.name == "Ana Costa"
    assert m["She"] is costa
    # the mini parser reads "WHO" as a pronoun: a determiner is never the whole source
    assert [a.source.text for a in r.attributions if a.sentence == 1] == ["The WHO"]
    assert {a.source_id for a in r.attributions if a.sentence == 1} == {who.id}


def test_capitals_seats_spokespeople_and_nationality(analyze_text):
    r = _example(analyze_text, "denial.txt")
    m = _by_mention(r)
    us = m["Washington"]
    assert us.name == "United States"
    house = m["The White House"]
    assert house.name == "White House" and house.part_of == [us.id]
    ministry = m["The Chinese Foreign Ministry"]
    spokesman = m["A spokesman for the ministry"]
    # a spokesperson speaks for the body and belongs to it: not an independent voice
    assert spokesman.type == "person" and spokesman.part_of == [ministry.id]
    assert ministry.part_of == [_by_name(r)["China"].id]


def test_a_named_speakers_institution_is_typed_by_its_own_words(analyze_text):
    # the role's own "of" ("a professor of … engineering") is no word of the university's name
    r = analyze_text("Joshua Apte, a professor of environmental engineering at the University of "
                     "Texas Austin, explained that air quality is a function of pollution.")
    apte, uni = _by_name(r)["Joshua Apte"], _by_name(r)["University of Texas Austin"]
    assert apte.type == "person" and uni.type == "organisation" and apte.part_of == [uni.id]


def test_nationality_adjective_officials_belong_to_state(analyze_text):
    r = _example(analyze_text, "nested.txt")
    m = _by_mention(r)
    assert m["Turkish officials"].type == "anonymous"
    turkey = _by_name(r)["Turkey"].id
    assert m["Turkish officials"].part_of == [turkey]
    assert m["The Turkish Foreign Ministry"].part_of == [turkey]
    assert m["the Kremlin"].name == "Russia"


def test_find_acronyms_strips_article_and_keeps_first_intro():
    text = "The Islamic State (IS) and the Kazakh National Security Committee (KNB). Later (KNB)."
    assert find_acronyms(text) == {"IS": "Islamic State", "KNB": "Kazakh National Security Committee"}


def test_hierarchy_makes_same_state_bodies_dependent():
    from claimtrack.types import Source

    srcs = [Source("s1", "Russia"), Source("s2", "FSB", part_of=["s1"]),
            Source("s3", "Investigative Committee", part_of=["s1"]), Source("s4", "Reuters")]
    tree = hierarchy(srcs)
    assert not independent("s2", "s1", tree)
    assert not independent("s2", "s3", tree)
    assert independent("s2", "s4", tree)


def test_gazetteer_maps_capitals_demonyms_and_agencies():
    g = load_gazetteer()
    assert g.state_names["moscow"] == "Russia"
    assert g.state_names["kremlin"] == "Russia"
    assert g.demonyms["kazakh"] == "Kazakhstan"
    assert g.agencies["fsb"] == ("FSB", "Russia")
    assert g.country_in("the U.S. Embassy") == "United States"


def test_he_points_back_to_a_lone_name_and_makes_it_a_person(analyzer):
    text = (EXAMPLES / "wire_drones.txt").read_text(encoding="utf-8")
    r = analyzer.analyze(text, "wire_drones")
    he = next(a for a in r.attributions if a.source and a.source.text == "he" and a.cue.lemma == "say")
    src = next(s for s in r.sources if s.id == he.source_id)
    assert src.name == "Zelenskiy" and src.type == "person"
    # the dateline's agency never becomes a speaker; the air force speaks for Ukraine
    force = next(s for s in r.sources if s.name == "air force")
    assert [next(x.name for x in r.sources if x.id == p) for p in force.part_of] == ["Ukraine"]


def test_appositive_person_pronoun_and_surname_are_one_source(analyzer):
    r = analyzer.analyze((EXAMPLES / "noise_study.txt").read_text(encoding="utf-8"), "noise_study")
    lopez = next(s for s in r.sources if s.name == "Maria Lopez")
    assert lopez.type == "person"
    speakers = {a.source.text for a in r.attributions if a.source_id == lopez.id}
    assert {"She", "Lopez"} <= speakers
    study = next(a for a in r.attributions if a.cue.lemma == "find")
    assert study.source.text == "A new study"  # the participial aside is not part of the name


def test_spokeswoman_named_in_apposition_is_a_person_of_her_union(analyzer):
    r = analyzer.analyze((EXAMPLES / "port_strike.txt").read_text(encoding="utf-8"), "port_strike")
    m = _by_mention(r)
    marta = m["Marta de Vries, the union's spokeswoman"]
    assert marta.name == "Marta de Vries" and marta.type == "person"
    assert m["she"] is marta
    union = _by_name(r)["union"]
    assert marta.part_of == [union.id] and m["The union's chairman"].part_of == [union.id]


def test_it_after_an_organisations_name_is_that_organisation(analyzer):
    r = analyzer.analyze((EXAMPLES / "bank_robbery.txt").read_text(encoding="utf-8"), "bank_robbery")
    m = _by_mention(r)
    bank = m["The bank's owner, Crédit Rhône"]
    assert m["It"] is bank and bank.type == "organisation"
    assert m["prosecutor Anne Martin"].type == "person"


TYPED = """The Mayo Clinic said the new treatment had cut hospital stays by a third. Dr. Helen Okafor, who led the trial, said the results were encouraging. Okafor said a larger study would begin in spring.

The White House said the sanctions would remain in place. White House press secretary Karine Jean-Pierre said the president had been briefed on Monday.

Omar, a senior military analyst, said the strikes had changed little on the ground. Coach Riley said his players were tired after the flight. Detective Moss said the car had been stolen in March.

Northwind Corporation said its profits had fallen for a second year. Priya said the factory would close in May. Dick Clark Productions said it had settled with the label.
"""


def test_titles_first_names_and_organisation_words_type_sources(analyze_text):
    r = analyze_text(TYPED, "typed")
    m = _by_mention(r)
    # an organisation word in the name makes an organisation, whatever the capitals say
    assert m["The Mayo Clinic"].type == "organisation"
    assert m["Northwind Corporation"].type == "organisation"
    assert m["Dick Clark Productions"].type == "organisation"   # a first name does not outweigh it
    # a title makes a person and is not part of the name; the surname later is the same person
    okafor = next(v for k, v in m.items() if k.startswith("Dr. Helen Okafor"))
    assert okafor.type == "person" and okafor.name == "Helen Okafor"
    assert m["Okafor"] is okafor
    assert (m["Coach Riley"].type, m["Coach Riley"].name) == ("person", "Riley")
    assert (m["Detective Moss"].type, m["Detective Moss"].name) == ("person", "Moss")
    # a known first name alone is a person
    assert m["Priya"].type == "person"


def test_a_named_body_keeps_its_name_and_its_people_belong_to_it(analyze_text):
    r = analyze_text(TYPED, "typed")
    m = _by_mention(r)
    house = m["The White House"]
    assert house.name == "White House" and house.type == "government"
    assert [_by_id(r)[p].name for p in house.part_of] == ["United States"]
    secretary = m["White House press secretary Karine Jean-Pierre"]
    # the whole hyphenated name, and part of the White House (not of "House", not of "press")
    assert secretary.name == "Karine Jean-Pierre" and secretary.type == "person"
    assert secretary.part_of == [house.id]


def test_a_name_before_its_appositive_role_is_the_source(analyze_text):
    r = analyze_text(TYPED, "typed")
    cue = next(a for a in r.attributions if "changed little" in a.content.text)
    src = _by_id(r)[cue.source_id]
    assert src.name == "Omar" and src.type == "person"


def _tagged(text: str, tags: list[tuple[str, str, int, str, str]]):
    """A hand-built parse with NER tags (the test model has no NER): (word, upos, head, deprel,
    ner) per word, offsets found in *text*."""
    from claimtrack.parse.parser import Doc, Sentence, Word

    words, pos = [], 0
    for i, (w, upos, head, rel, ner) in enumerate(tags):
        start = text.index(w, pos)
        pos = start + len(w)
        words.append(Word(i, w, w, upos, upos, "", head, rel, start, pos, ner))
    return Doc(text, [Sentence(0, words, 0, len(text))], has_ner=True)


def test_ner_tags_decide_person_and_organisation_when_the_model_has_them():
    from claimtrack.sources.resolve import Resolver

    text = "Parise Eichel said it. Acme Widgets said so."
    doc = _tagged(text, [("Parise", "PROPN", 1, "compound", "B-PERSON"), ("Eichel", "PROPN", 2, "nsubj", "E-PERSON"),
                         ("said", "VERB", -1, "root", "O"), ("it", "PRON", 2, "obj", "O"), (".", "PUNCT", 2, "punct", "O"),
                         ("Acme", "PROPN", 6, "compound", "B-ORG"), ("Widgets", "PROPN", 7, "nsubj", "E-ORG"),
                         ("said", "VERB", 2, "parataxis", "O"), ("so", "ADV", 7, "advmod", "O"),
                         (".", "PUNCT", 7, "punct", "O")])
    r = Resolver(text, doc)
    person = r.resolve("Parise Eichel", [(0, 13)])
    org = r.resolve("Acme Widgets", [(23, 35)])
    assert (person.type, person.weak) == ("person", False)
    # two capitalised words would make a (weak) person without NER; ORG says otherwise
    assert org.type == "organisation"


def test_a_lone_surname_of_someone_named_in_full_is_a_person(analyze_text):
    text = ("Goalie Marta Lindqvist stopped 31 shots on Saturday, and the home crowd rose twice. "
            "\u201cWe kept it simple,\u201d Lindqvist said after the game. Okonkwo said the ice was slow. "
            "Later, coach Tomas Okonkwo praised the defence.")
    r = analyze_text(text)
    types = {s.name: s.type for s in r.sources}
    assert types.get("Marta Lindqvist") == "person", types
    # "Okonkwo said" before the full name: the same person once "coach Tomas Okonkwo" is met
    okonkwo = next(s for s in r.sources if "Okonkwo" in s.name)
    assert (okonkwo.name, okonkwo.type) == ("Tomas Okonkwo", "person") and "Okonkwo" in okonkwo.aliases


ORIGINS = ("Unemployment fell to four percent last year, according to figures from the labour ministry. "
           "The vaccine is safe for children, according to guidance from the Mayo Clinic. "
           "The plan has wide backing, according to a statement of support.\n")


def test_a_document_speaks_for_whoever_issued_it(analyze_text):
    """"figures from the ministry", "guidance from the Mayo Clinic": the source is the one who
    issued them, typed as such; a document with no issuer that can speak stays a document."""
    r = analyze_text(ORIGINS, "origins")
    m = _by_mention(r)
    ministry = m["figures from the labour ministry"]
    assert ministry.name == "labour ministry" and ministry.type == "government"
    clinic = m["guidance from the Mayo Clinic"]
    assert clinic.name == "Mayo Clinic" and clinic.type == "organisation"
    support = m["a statement of support"]
    assert support.type == "document" and "support" not in {s.name for s in r.sources}


NAMED_ROLES = ("Omar Lamrani a senior military analyst at Stratfor told CNN that the strikes were "
               "largely symbolic.\n\"The strikes were symbolic,\" said Omar a senior military analyst.\n"
               "Omar a senior military analyst said the strikes were symbolic.\n")


def test_a_name_written_before_its_role_without_commas_is_the_person(analyze_text):
    """The role stays out of the name and the name is not lost, whatever the parser made of
    the name (a second subject, an object after "said", a verb at the sentence's start)."""
    r = analyze_text(NAMED_ROLES, "named-roles")
    people = [s for s in r.sources if s.type == "person"]
    assert {s.name for s in people} == {"Omar Lamrani", "Omar"}, [(s.name, s.type) for s in r.sources]
    assert not any("analyst" in s.name for s in r.sources)


BODIES = ("Black Sea Shipping, which owns the Aurora, denied that the tanker had spilled any oil.\n"
          "The plant's owner, Kartli Chemicals, said production would stop for a week.\n"
          "Farmers said the water destroyed their crops.\n")


def test_organisation_words_make_organisations_and_a_capital_that_opens_a_sentence_no_name(analyze_text):
    """A name ending in an organisation word (Shipping, Chemicals, Clinic …) is an
    organisation, whole, even in apposition to a role; a plural noun capitalised only because
    it opens the sentence ("Farmers said") is a group of people, not an organisation."""
    r = analyze_text(BODIES, "bodies")
    types = {s.name: s.type for s in r.sources}
    assert types.get("Black Sea Shipping") == "organisation", types
    assert types.get("Kartli Chemicals") == "organisation", types
    assert types.get("Farmers") == "anonymous", types


def test_an_office_holder_is_a_person_of_the_state_the_mention_names(analyze_text):
    r = analyze_text("The mayor said the bridge would reopen in May. The Georgian ambassador said "
                     "the talks had failed. Health Minister Ana Costa said on Monday that "
                     "clinics would stay open.", "offices")
    m = _by_mention(r)
    assert m["The mayor"].type == "person"
    ambassador = m["The Georgian ambassador"]
    assert ambassador.type == "person" and ambassador.part_of == [_by_name(r)["Georgia"].id]
    minister = next(s for k, s in m.items() if "Costa" in k)
    # the office's word before the name names no organisation of its own ("Health")
    assert minister.type == "person"
    assert all(_by_id(r)[p].type != "organisation" for p in minister.part_of)


def test_unnamed_groups_of_people_have_one_type_whatever_their_role_noun(analyze_text):
    r = analyze_text("Firefighters said the blaze was out. The doctors at the clinic said two workers "
                     "were hurt. Several lawyers said the contract was void. The lawyer said he "
                     "would appeal.", "groups")
    m = _by_mention(r)
    groups = [m["Firefighters"], m["The doctors at the clinic"], m["Several lawyers"]]
    assert {s.type for s in groups} == {"anonymous"}
    assert m["The lawyer"].type == "person"  # one of them is a person


def test_an_offices_brief_names_no_organisation_but_a_body_before_a_role_does(analyze_text):
    r = analyze_text("Health minister Ana Costa said the government had opened three centres. "
                     "Finance minister Ivo Petrov said taxes would rise. A council spokeswoman said "
                     "the road would close.", "portfolios")
    m = _by_mention(r)
    for k in ("Costa", "Petrov"):
        person = next(s for name, s in m.items() if k in name)
        assert person.type == "person" and person.part_of == [], (k, person)
    assert not any(s.name in ("Health", "Finance") for s in r.sources), [s.name for s in r.sources]
    spokeswoman = m["A council spokeswoman"]
    assert [_by_id(r)[p].name.lower() for p in spokeswoman.part_of] == ["council"]


def test_a_lone_body_word_before_a_role_is_the_body_named_before(analyze_text):
    r = analyze_text("The Interior Ministry said a heater had caused the blaze. Ministry spokesman "
                     "Levan Kiknadze told reporters that the inquiry would end in October.", "bare-body")
    m = _by_mention(r)
    ministry = m["The Interior Ministry"]
    spokesman = next(s for name, s in m.items() if "Kiknadze" in name)
    assert spokesman.type == "person" and spokesman.part_of == [ministry.id]
    assert [s.name for s in r.sources if s.name == "Ministry"] == []


def test_the_place_an_office_holder_serves_is_a_government_not_a_company(analyze_text):
    r = analyze_text("The mayor of Poti said the city would support the dockers. The president of "
                     "Kartli Chemicals said production would stop.", "office-place")
    m = _by_mention(r)
    by_id = _by_id(r)
    mayor, chief = m["The mayor of Poti"], m["The president of Kartli Chemicals"]
    assert [(by_id[p].name, by_id[p].type) for p in mayor.part_of] == [("Poti", "government")]
    assert [by_id[p].type for p in chief.part_of] == ["organisation"]  # a company word types it


def test_a_relative_word_left_at_the_end_of_a_mention_is_not_part_of_the_name(analyze_text):
    r = analyze_text("Swift accused Big Machine in a statement that accusing the label of lies. "
                     '"We were shocked," the statement read.', "trailing-that")
    names = [s.name for s in r.sources]
    assert "statement" in names and not any(n.endswith(" that") for n in names), names


def test_she_is_never_a_man_the_article_called_he(analyze_text):
    r = analyze_text('Charlie McDowell remembers it as a trying time. "It was strange," he said. The '
                     'actress wanted to act. "I had been somebody who liked music," she said.', "gender")
    she = next(a for a in r.attributions if a.source and a.source.text == "she")
    by_id = _by_id(r)
    assert by_id[she.source_id].name == "actress"
    music = next(c for c in r.claims if "music" in c.statement)
    assert "McDowell" not in music.statement


def test_a_lone_name_shown_a_person_later_is_one_person(analyze_text):
    """"Beridze said …" (no NER: typed an organisation) then "Beridze, the plant director, …":
    one source, a person — never two sources of one name."""
    a = analyze_text("Beridze said the plant had been inspected in March. Beridze, the plant director, "
                     "added that the workers were safe.")
    assert [(s.name, s.type) for s in a.sources] == [("Beridze", "person")]
    a = analyze_text("Beridze, the director of the depot, could not be reached on Monday. Beridze said "
                     "the plant had been inspected in March.")
    assert [(s.name, s.type) for s in a.sources] == [("Beridze", "person")]


def test_a_name_is_the_source_and_its_description_an_alias(analyze_text):
    """"Gazprom, the state gas company, said …" is Gazprom, the one a later "Gazprom said" names;
    a company's description ("the maker of …") never makes it a person."""
    a = analyze_text("Apple said the phone had been recalled. Apple, the maker of the iPhone, said "
                     "sales would fall.")
    assert [(s.name, s.type) for s in a.sources] == [("Apple", "organisation")]
    a = analyze_text("Gazprom, the state gas company, said exports would resume.")
    assert [s.name for s in a.sources] == ["Gazprom"]


def test_they_is_no_source_a_group_named_since_may_be(analyze_text):
    """"they said" points back to the last group-like source only when no other group became the
    subject since ("Holcomb and legislative leaders have avoided …"); never to a lone name (it
    may be a person's), to a source named "He" or to one person ("a witness")."""
    a = analyze_text("The agency said it had counted the protesters. Gov. Eric Holcomb and legislative "
                     "leaders have avoided criticism of teachers. However, they said they do not "
                     "expect to act until 2021.")
    they = next(x for x in a.attributions if x.source and x.source.text == "they")
    assert _by_id(a)[they.source_id].name == "they"
    a = analyze_text("The agency said it had counted the protesters. However, they said more people "
                     "would come.")
    they = next(x for x in a.attributions if x.source and x.source.text == "they")
    assert _by_id(a)[they.source_id].name == "agency"
    a = analyze_text("A witness said the car was red. They said it drove away.")
    they = next(x for x in a.attributions if x.source and x.source.text == "They")
    assert _by_id(a)[they.source_id].name != "witness"


def test_they_after_a_quoted_person_is_no_group_named_before(analyze_text):
    """A spokesperson quoted, then '"…," they said': a singular "they" may be the person, so it
    is never the group named before them ("some people")."""
    a = analyze_text("Some people are eager to run their profile like a job. Kym Lino, a spokesperson "
                     "for the company, confirmed the change. \"We use a model to find them,\" they "
                     "said in an email.")
    they = next(x for x in a.attributions if x.source and x.source.text == "they")
    assert _by_id(a)[they.source_id].name != "Some people"
    assert all(not c.statement.lower().startswith("some people use") for c in a.claims)


def test_the_company_is_the_one_company_just_named(analyze_text):
    """"Kartli Chemicals denied … The company said …": one source. Never when the description
    says which company it is ("The company that runs the awards, Dick Clark Productions"), when
    it is a kind of its own ("the production company" that no company named lately calls itself),
    or when a lone name may be a person's."""
    a = analyze_text("Police said two workers were killed. Kartli Chemicals denied that the blast was "
                     "caused by a gas leak. The company said workers were paid in full.")
    assert [s.name for s in a.sources if s.type == "organisation"] == ["Kartli Chemicals"]
    a = analyze_text("Kartli Chemicals denied that the blast was caused by a gas leak. The company that "
                     "runs the port, Poti Docks, said the port was open.")
    port = next(x for x in a.attributions if "port was open" in x.content.text)
    assert _by_id(a)[port.source_id].name != "Kartli Chemicals"
    a = analyze_text("Beridze said the depot was empty. The company said it had no fuel.")
    assert len(a.sources) == 2


def test_names_with_roles_initials_and_suffixes_are_people(analyze_text):
    """"Apple CEO Tim Cook" is Tim Cook (a role acronym is a title, not an organisation's
    acronym); "Walt Disney Co. executive Kevin Mayer" is Kevin Mayer (a name before "Co." is the
    company's); a middle initial or "Jr."/"III" makes a person, whose surname is the word before
    the suffix ("Carlineo said" is the same man)."""
    a = analyze_text("Apple CEO Tim Cook said sales rose.")
    assert [(s.name, s.type) for s in a.sources] == [("Tim Cook", "person")]
    a = analyze_text("Walt Disney Co. executive Kevin Mayer said demand was high. Mayer said more "
                     "servers were added.")
    assert [(s.name, s.type) for s in a.sources] == [("Kevin Mayer", "person")]
    a = analyze_text("Patrick W. Carlineo Jr. said he was sorry. Carlineo said he would not appeal.")
    assert [(s.name, s.type) for s in a.sources] == [("Patrick W. Carlineo Jr.", "person")]
    a = analyze_text("NBC News reported that the plan failed.")
    assert [(s.name, s.type) for s in a.sources] == [("NBC News", "media")]


def test_a_name_in_the_phrase_of_where_someone_works_is_not_the_person(analyze_text):
    """"Apte, a professor at the University of Texas Austin, said …": Apte is the person (a lone
    name made a person by the role beside it, even when the comma fell outside the mention) and
    part of the university; "Texas Austin" is no one."""
    a = analyze_text("Apte, a professor at the University of Texas Austin, said the fires were the problem.")
    by_name = _by_name(a)
    assert by_name["Apte"].type == "person"
    assert not any(s.type == "person" and s.name == "Texas Austin" for s in a.sources)


def test_a_titled_name_goes_before_a_name_that_is_only_capitals(analyze_text):
    """A mention that opens with a place or event ("At the recent United Nations Climate Action
    Summit, Indian Prime Minister Narendra Modi said …") names the titled person."""
    a = analyze_text("At the recent United Nations Climate Action Summit, Indian Prime Minister "
                     "Narendra Modi said India would double its solar power.")
    assert any(s.name == "Narendra Modi" and s.type == "person" for s in a.sources), \
        [(s.name, s.type) for s in a.sources]


def test_it_far_from_a_name_does_not_make_it_a_body(analyze_text):
    """"It" proves a two-word name a body's only right after it ("The bank's owner, Crédit
    Rhône, … It declined to comment"); sentences later it means something else, and the
    name stays a person's."""
    a = analyze_text('"I was born in Delhi," said Aseem Prakash. The city grew fast. Factories '
                     'moved in. Farmers burned their fields. It shows that the pressure is weak.')
    assert _by_name(a)["Aseem Prakash"].type == "person"
    bank = _by_name(_example(analyze_text, "bank_robbery.txt"))["Crédit Rhône"]
    assert bank.type == "organisation" and "It" in bank.aliases


def test_a_persons_lawyer_is_someone_else_not_the_person(analyze_text):
    r = analyze_text("Tim Morrison, a former official, told the committee that he had raised concerns. "
                     "Morrison said he feared the call would be leaked. Republicans asked Morrison about "
                     "his predecessor, but Morrison's lawyer said the question was outside the scope of "
                     "his testimony.")
    m = _by_mention(r)
    lawyer, morrison = m["Morrison's lawyer"], m["Morrison"]
    assert lawyer is not morrison and "Morrison's lawyer" not in morrison.aliases


def test_a_name_described_by_its_owner_is_the_name(analyze_text):
    r = analyze_text("Tim Morrison testified on Tuesday. Morrison said he had raised concerns about the "
                     "call. \"If he had concerns, that's something I would've expected to be notified "
                     "about,\" Morrison, Vindman's superior, said.")
    m = _by_mention(r)
    assert m["Morrison, Vindman's superior"] is m["Morrison"] and m["Morrison"].type == "person"


def test_people_named_together_are_people_and_neither_one_alone(analyze_text):
    r = analyze_text("Lt Col Alexander Vindman, a Ukraine specialist, and Jennifer Williams, an aide to "
                     "Vice President Pence, testified in the morning.\n\nVindman and Williams said the call "
                     "was inappropriate. Williams said she found the call unusual. Later, Vindman and "
                     "Williams said they had raised concerns. Vindman said he was shocked.")
    by_name = {s.name: s for s in r.sources}
    pair = by_name["Vindman and Williams"]
    assert pair.type == "person"
    # each surname alone is the one person, never the pair
    assert "Williams" in by_name["Jennifer Williams"].aliases and "Vindman" in by_name["Alexander Vindman"].aliases
    ids = {s.id: s.name for s in r.sources}
    spoke = {a.content.text: ids[a.source_id] for a in r.attributions}
    assert spoke["she found the call unusual"] == "Jennifer Williams"
    assert spoke["he was shocked"] == "Alexander Vindman"
    assert spoke["they had raised concerns"] == "Vindman and Williams"


def test_a_people_noun_before_a_name_makes_the_name_a_persons(analyze_text):
    # "Leon" is no given name the tables know (WordNet has it as a place): the role before tells
    r = analyze_text("The fund will leave with a payout that New Media investor Leon Cooperman blasted "
                     "on a call as morally wrong.\n\n\"We are happy to get rid of them,\" Cooperman told "
                     "Reed.")
    by_name = _by_name(r)
    assert by_name["Leon Cooperman"].type == "person" and "Cooperman" in by_name["Leon Cooperman"].aliases


def test_a_bodys_plural_word_makes_its_name_a_body_not_a_person(analyze_text):
    r = analyze_text("The Centers for Disease Control recommends that everyone get a flu shot. "
                     "The Citizenship and Immigration Services said that vaccines were required.")
    types = {s.name: s.type for s in r.sources}
    assert types.get("Centers for Disease Control") == "organisation", types
    assert "person" not in types.values(), types


def test_a_census_given_name_before_a_surname_makes_a_person_but_never_a_lone_name(analyze_text):
    r = analyze_text("Kurt Volker, the former envoy, testified on Tuesday. Volker said that he had not "
                     "known about the plan. Jordan said that the border would stay closed. "
                     "Dallas Police Department said that the road was open.")
    types = {s.name: s.type for s in r.sources}
    assert types.get("Kurt Volker") == "person", types
    assert types.get("Jordan") != "person" and "Dallas" not in [n for n, t in types.items() if t == "person"]


def test_a_lone_surname_is_the_person_the_article_named_in_full_where_they_were_no_source(analyze_text):
    r = analyze_text("Another diplomat, former special envoy to Ukraine Kurt Volker, shifted his account. "
                     "\"The meeting concluded,\" Volker said. The team lost after coach Tomas Okonkwo "
                     "rested his stars. \"We were tired,\" Okonkwo "
                     "told Reed. \"We will appeal,\" Gazprom said.")
    by_name = {s.name: s for s in r.sources}
    assert by_name["Kurt Volker"].type == "person" and "Volker" in by_name["Kurt Volker"].aliases
    assert by_name["Tomas Okonkwo"].type == "person" and "Okonkwo" in by_name["Tomas Okonkwo"].aliases
    # a lone name the article never names in full stays what it was: a body, unless shown otherwise
    assert by_name["Gazprom"].type == "organisation"


def test_the_given_names_table_is_data_with_its_provenance():
    from claimtrack.resources import load_json

    table = load_json("given_names.json")
    assert "names" in table and len(table["names"]) > 4000 and table["provenance"]["sha256"]
    # ordinary words and places are left out: a name run they start is no person's
    assert not {"will", "hope", "jordan", "georgia", "dallas", "liberty", "may"} & set(table["names"])
    assert {"kurt", "caitlyn", "john", "hunter"} <= set(table["names"])
    # a gender only where the census is near unanimous: "Daniel" is listed for a few women too
    assert {"daniel", "kurt"} <= set(table["male"]) and {"mary", "caitlyn"} <= set(table["female"])
    assert not {"kelly", "taylor"} & (set(table["male"]) | set(table["female"]))


def test_secretary_of_state_is_a_portfolio_not_a_body_called_state(analyze_text):
    r = analyze_text("Secretary of State Mike Pompeo said the release of the hostages \"gives us hope "
                     "for the success of the peace negotiations.\"")
    assert "State" not in {s.name for s in r.sources}
    assert "the State" not in r.claims[0].statement and "State's" not in r.claims[0].statement


def test_she_after_a_woman_named_by_a_noun_is_not_an_earlier_lone_name(analyze_text):
    r = analyze_text("Instagram said it notifies people who could benefit from a business account. WIRED "
                     "spoke to one mother, who knew her daughter was on Instagram. \"I am literally "
                     "facepalming that my 14-year-old son has a public account,\" she said.")
    assert _by_mention(r)["she"].name != "Instagram"
    assert all("Instagram's daughter" not in c.statement and not c.statement.startswith("Instagram is")
               for c in r.claims), [c.statement for c in r.claims]


def test_a_place_of_two_words_is_no_persons_name(analyze_text):
    r = analyze_text("Lisa Boesky, a clinical psychologist and jail suicide expert from San Diego, said the "
                     "checks were critical.")
    types = {s.name: s.type for s in r.sources}
    assert types.get("Lisa Boesky") == "person" and types.get("San Diego") != "person", types


def test_a_roles_owner_keeps_every_word_of_its_name(analyze_text):
    # the parser hangs "United" and "Nations" one by one on "spokesman"
    r = analyze_text("United Nations spokesman Farhan Aziz Haq told reporters that aid was blocked.")
    by_name = {s.name: s for s in r.sources}
    assert "United Nations" in by_name and "Nations" not in by_name, by_name
    assert by_name["Farhan Aziz Haq"].part_of == [by_name["United Nations"].id]


def test_she_never_points_back_to_a_man_named_by_a_census_given_name(analyze_text):
    r = analyze_text("\"The overall impact is large,\" said Daniel Anthony, vice president of the Trade "
                     "Partnership.\n\nPrices rose again in May. \"About 36% of imports are computers,\" she said.")
    she = next(a for a in r.attributions if a.source is not None and a.source.text == "she")
    source = next(s for s in r.sources if s.id == she.source_id)
    assert source.name != "Daniel Anthony", source
    types = {s.name: s.type for s in r.sources}
    assert types["Trade Partnership"] == "organisation"


def test_names_that_only_capitals_make_are_no_people_where_a_body_or_place_is_meant(analyze_text):
    r = analyze_text("Pepsi, Coca-Cola and Costco said they raised prices. The private equity firm Alden "
                     "Capital said it would sell the papers. Members of the group Doctors for Camp Closure "
                     "said the camps were unsafe. Sales rose, according to InfoNation, a Sugar Land-based "
                     "provider of car data. State schools Superintendent Jennifer McCormick said pay was low.")
    people = {s.name for s in r.sources if s.type == "person"}
    assert not people & {"Coca-Cola", "Alden Capital", "Camp Closure", "Sugar Land"}, people
    assert "Jennifer McCormick" in people, people


def test_the_kind_of_company_a_name_says_is_that_company(analyze_text):
    r = analyze_text("Dick Clark Productions denied that it had settled on an arrangement with the label. "
                     "\"We have no further comment,\" the production company said in a statement.")
    by_mention = {al: s for s in r.sources for al in [s.name, *s.aliases]}
    assert by_mention["the production company"].name == "Dick Clark Productions"


def test_the_company_after_another_company_s_name_stays_the_company(analyze_text):
    # the allegations were against Big Machine, named in between: giving the denial to the
    # company quoted before would put it in the wrong mouth
    r = analyze_text("Dick Clark Productions denied that it had settled on an arrangement with the label. "
                     "\"We have no further comment,\" the production company said in a statement. "
                     "On Thursday, Swift accused Braun, Borchetta and Big Machine of blocking a documentary. "
                     "The company denied the allegations in a statement shared to its website.")
    denial = next(a for a in r.attributions if a.cue.text == "denied" and "allegations" in a.content.text)
    assert _by_id(r)[denial.source_id].name != "Dick Clark Productions"
    by_mention = {al: s for s in r.sources for al in [s.name, *s.aliases]}
    assert by_mention["the production company"].name == "Dick Clark Productions"


def test_a_newspapers_name_is_media_and_a_share_of_people_is_unnamed(analyze_text):
    r = analyze_text("The Huffington Post reported that the plan failed. Fifty-five percent said the "
                     "economy was weak. The Las Vegas Sun said the casino would close.")
    types = {s.name: s.type for s in r.sources}
    assert types == {"Huffington Post": "media", "Fifty-five percent": "anonymous",
                     "Las Vegas Sun": "media"}, types


def test_two_people_of_one_surname_are_two_sources(analyze_text):
    # a wrong merge puts Bill's words in Hillary's mouth
    r = analyze_text("Hillary Clinton said the plan would work. On Sunday, former President Bill Clinton "
                     "said supporters were being attacked online. Melania Trump said the crowd was large. "
                     "Donald Trump said he would win.")
    speaker = {a.content.text: next(s.name for s in r.sources if s.id == a.source_id) for a in r.attributions}
    assert speaker["supporters were being attacked online"] == "Bill Clinton", speaker
    assert speaker["the plan would work"] == "Hillary Clinton", speaker
    assert speaker["he would win"] == "Donald Trump", speaker


def test_a_he_or_she_never_points_back_to_a_thing(analyze_text):
    r = analyze_text("The photo from the account included a caption that suggested it was painted on as a "
                     "stunt. 'How often do you get to spray paint on a Bugatti,' he wrote.")
    he = _by_mention(r)["he"]
    assert he.name != "caption" and he.type != "document"
    assert not any("he" in s.aliases for s in r.sources if s.name == "caption")


def test_a_name_a_preposition_governs_is_not_the_source(analyze_text):
    r = analyze_text("Bids matter, according to a recently posted job listing for an Apple Watch software "
                     "engineer. \"We are ready,\" the wife of John Smith said.")
    m = _by_mention(r)
    assert m["a recently posted job listing for an Apple Watch software engineer"].type != "person"
    assert m["the wife of John Smith"].name != "John Smith"


def test_a_state_the_parser_runs_into_a_name_is_no_part_of_it(analyze_text):
    r = analyze_text("Former special envoy to Ukraine Kurt Volker said he had not known. The President of "
                     "Ukraine Volodymyr Zelensky said the call was fine. Volker said the meeting ended.")
    m = _by_mention(r)
    assert m["Former special envoy to Ukraine Kurt Volker"] is m["Volker"]
    assert m["Volker"].name == "Kurt Volker" and m["Volker"].type == "person"
    assert m["The President of Ukraine Volodymyr Zelensky"].name == "Volodymyr Zelensky"


def test_she_means_the_woman_the_text_made_a_subject_since_not_a_speaker_of_no_known_gender(analyze_text):
    r = analyze_text("Gill Rosenberg wrote that she was safe. \"Ignore the reports,\" she wrote.\n\n"
                     "Idris Nassan, an official in Kobane, said he had been told she is fine.\n\n"
                     "Rosenberg, a joint citizen of Israel, went to fight the Islamic State this month.\n\n"
                     "She said on Facebook that she sympathized with the Kurds.")
    [a] = [a for a in r.attributions if "sympathized" in a.content.text]
    assert {s.id: s.name for s in r.sources}[a.source_id] == "Gill Rosenberg"


def test_a_name_written_with_the_is_no_person_a_he_may_prove(analyze_text):
    r = analyze_text("The Atlantic offers a few examples from Hong Kong.\n\n"
                     "Ho Wai-leuk, a journalist, got his name another way. \"When I was a student, everyone "
                     "kept saying my name really fast,\" he said.")
    by_name = _by_name(r)
    assert by_name["Atlantic"].type != "person" and "he" not in by_name["Atlantic"].aliases


def test_a_family_name_written_first_is_the_person_later_named_by_it_alone(analyze_text):
    r = analyze_text("Li Jifeng, a doctor at Chaoyang Hospital, wrote in a blog post that the couple had "
                     "been transported on November 3.\n\nLi explained that plague cases need to be "
                     "carefully investigated.")
    m = _by_mention(r)
    assert m["Li"].name == "Li Jifeng" and m["Li"].type == "person"


def test_an_acronym_spelt_like_a_pronoun_is_a_body(analyze_text):
    r = analyze_text("There is no evidence linking the third case to the earlier two, the Inner Mongolia "
                     "health commission said. According to WHO, there were 3,248 cases reported worldwide "
                     "between 2010 and 2015.")
    m = _by_mention(r)
    assert m["WHO"] is not m["the Inner Mongolia health commission"] and m["WHO"].type == "organisation"


def test_a_given_name_the_writer_put_in_brackets_completes_the_name(analyze_text):
    r = analyze_text("\u201cCoach (Frank) Vogel came in here and said, \u2018Congratulations,\u2019 and I thought he "
                     "was joking,\u201d James said.\n\n\u201cHe\u2019s just playing terrific basketball,\u201d Vogel said.")
    m = _by_mention(r)
    assert m["Vogel"].name == "Frank Vogel" and m["Vogel"].type == "person"


def test_a_name_after_the_article_is_no_persons(analyze_text):
    r = analyze_text("The Apple Watch reveal in September was short on details. Cook said that he wears "
                     "his watch in the shower. The Globe Theatre said it would reopen in May.")
    types = {s.name: s.type for s in r.sources}
    assert all(t != "person" for n, t in types.items() if "Apple" in n or "Globe" in n), types
    # a title still makes the person, "the" or not
    r = analyze_text("The Rev. Al Sharpton said the march would go ahead.")
    assert any(s.type == "person" and s.name.endswith("Al Sharpton") for s in r.sources)
