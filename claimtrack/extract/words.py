"""The words the constructions need: grammar words as small constants, vocabulary from the
package data (``lexicon.toml``, table ``[words]``), so that every open-class word list lives in
one place.

>>> "monday" in TIME_WORDS, "say" in SPEECH_VERBS, "be" in NOT_REPORTING
(True, True, True)
"""
from __future__ import annotations

from functools import lru_cache

from .lexicon import builtin_words
from ..resources import load_json, wordnet_table
from .marks import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN

# -- vocabulary (package data) -----------------------------------------------------------
SPEECH_VERBS = builtin_words("speech")
SURVEYS = builtin_words("survey")
BARE_SPEECH = builtin_words("bare_speech")
ADDRESSEE_VERBS = builtin_words("addressee")
TOPIC_VERBS = builtin_words("topic")
TOPIC_CASES = builtin_words("topic_cases")
DECLINING = builtin_words("declining")
CITING = builtin_words("citing")
NOT_REPORTING = builtin_words("not_reporting")
CUE_ADVERBS = builtin_words("cue_adverbs")
TIME_WORDS = builtin_words("time")
# modifiers that belong to the saying, not to the speaker ("X in a statement on Monday")
DETACHED = TIME_WORDS | builtin_words("occasion")
# where a speech verb's "that" clause may hang when the parser slips, and what one does to one
OCCASION_NOUNS = (builtin_words("occasion") - {"example", "instance"}) | builtin_words("saying_occasion")
OCCASION_ACTS = builtin_words("occasion_acts")
LAYOUT_STOP = builtin_words("layout_stop")
EVIDENCE_VERBS = builtin_words("evidence")
INFERENCE_VERBS = builtin_words("inference")
NAMING_VERBS = builtin_words("naming")
PLEAS = builtin_words("plea")
UNHELD_NOUNS = builtin_words("unheld")
EVIDENT_ADJECTIVES = builtin_words("evident")
UNHELD_PLANS = builtin_words("unheld_plans")
REPLY_VERBS = builtin_words("reply")
APPEARANCE_VERBS = builtin_words("appearance")
# nouns that name who or what can be a source (people, bodies, media, documents): the
# gazetteer's head nouns
PLACES = frozenset(k.lower() for st in load_json("gazetteer.json")["states"]
                   for k in [st["name"], *st.get("aliases", []), *st.get("capitals", [])])
DOCUMENT_NOUNS = frozenset(w.lower() for w in load_json("gazetteer.json")["heads"]["document"])


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """WordNet's nouns of people (data/wordnet.json, ``people``): "superintendent", "envoy"."""
    return frozenset(wordnet_table().get("people", ()))


@lru_cache(maxsize=1)
def irregular_forms() -> dict[str, str]:
    """WordNet's irregular inflections (data/wordnet.json, ``exceptions``): "said" → "say"."""
    return dict(wordnet_table().get("exceptions", {}))


#: heads of bodies, never "he" or "she": governments, documents, media, organisations
BODY_NOUNS = frozenset(w.lower() for kind, words in load_json("gazetteer.json")["heads"].items()
                       if kind not in ("person", "anonymous") for w in words)
SOURCE_NOUNS = frozenset(w.lower() for words in load_json("gazetteer.json")["heads"].values() for w in words)

# -- closed classes ------------------------------------------------------------------------
OPENERS = DOUBLE_OPEN + SINGLE_OPEN + "\"'`"
CLOSERS = DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
TRIM = " \t\r\n,;:.\u2014\u2013-"
DASH_TOKENS = {"-", "--", "—", "–"}
DASHES = "―—–"
ARTICLES = {"the", "a", "an"}
NEGATORS = {"not", "n't", "never", "no"}
REL_PRONOUNS = {"who", "that", "which", "whom"}
# subjects a predicate noun never speaks for: a relative, or a cleft's "It was Smith who …"
NOT_SPEAKING_SUBJECTS = REL_PRONOUNS | {"it", "this", "there", "what"}
# clause markers that contrast a second statement with the first ("…, while officials reported")
CONTRAST_MARKS = {"while", "whereas"}
QUESTION_MARKS = {"if", "whether", "how", "why", "what", "when", "where", "who"}
PROFORMS = {"so", "yes", "no", "otherwise"}
# belief verbs that take such a pro-form ("doesn't think so", "hope not")
PROFORM_BELIEFS = {"think", "believe", "hope", "suppose", "guess", "expect", "fear"}
# objects that stand for something said before ("said the same", "said that")
PRO_OBJECTS = {"same", "opposite", "that", "this", "much"}
HYPOTHETICAL = {"would", "could", "should", "can", "ca", "'d", "’d", "wouldn't", "couldn't",
                "shouldn't", "can't", "cannot"}
# words naming a share of those polled ("44 percent", "a majority of voters")
POLL_SHARES = {"percent", "majority", "majorities", "half", "third", "thirds", "quarter", "quarters",
               "plurality", "respondents"}
FIRST_SECOND_PERSON = {"i", "we", "you", "me", "us"}
# the same people as owners ("tell me about your plan" speaks to someone in the room)
FIRST_SECOND_POSSESSIVE = {"my", "our", "your", "mine", "ours", "yours"}
# pronouns and demonstratives that stand for a third party as a source ("he said", "this shows")
THIRD_PERSON = {"he", "she", "they", "it", "him", "her", "them", "this", "that", "these", "those"}
# words a title-case headline leaves in lower case ("Trump Says He Is Ready for a Fight")
HEADLINE_LOWER = {"a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to",
                  "by", "as", "with", "from", "vs", "vs.", "is", "be", "are", "was"}
# prepositions right after a cue that open the phrase a stance is on, by cue class ("voted
# against the bill", "pleads for his life"; not "voted for X", a choice rather than a stance
# the article reports)
STANCE_CASES = {"intend": {"against"}, "ask": {"for"}, "warn": {"against"},
                "evaluate": {"against"}, "deny": {"against"}}
# prepositions that open what a stance adjective is about ("skeptical of", "worried about")
STANCE_PREPOSITIONS = {"of", "about", "with", "on", "over", "toward", "towards"}
# words that open a phrase after a speech verb, not a reported clause ("insisted on acting
# now", "responded by blocking access", "tweeted as Obama spoke")
PHRASE_OPENERS = {"by", "on", "as", "for", "according"}
# conjunctions that open a reporting noun's clause ("the claim that …", "speculation whether …")
CLAUSE_MARKS = {"that", "whether", "if"}
# prepositions that open what an unheld claim is about ("allegations of fraud")
UNHELD_CASES = {"of", "about", "over", "for"}
# the cue classes of saying proper (as opposed to believing, wanting, judging, asking)
SAY_LIKE = {"assert", "claim", "confirm", "deny", "report", "warn"}
# classes that hedge rather than report: inside another attribution they are part of it (a
# question or request is a speech act of its own: "he said he asked Congress to act")
HEDGES = {"believe", "intend", "evaluate"}
# relations of a speech verb's dependents that are never what was said
FALLBACK_SKIP = {"punct", "conj", "cc", "iobj", "advmod", "aux", "aux:pass", "nsubj", "discourse",
                 "mark", "expl", "vocative", "dislocated", "reparandum", "compound:prt"}
# the longest quotation a cue may take in whole (longer regions are unbalanced marks)
MAX_QUOTE = 3000
