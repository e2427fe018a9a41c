"""Signatures: a claim's proposition read off the parse, and how two propositions compare.

A signature is the content's predicate (its head word's lemma, grouped so "killed" and "the
deaths of" compare; ``neg`` polarity under "not"/"never"), its *arguments* (entities — sources,
states by any name or demonym, proper names, pronouns resolved to the speaker — and the lemmas
of its nouns), its numbers with their units ("two suspects" → ``["2", "suspect"]``), its places
("in Russia") and its times ("on Saturday"). Places and times are context: they never make two
claims the same proposition on their own.

>>> a = Signature("die", "pos", ["state:kazakhstan", "suspect"], [["2", "suspect"]])
>>> b = Signature("die", "pos", ["state:kazakhstan", "suspect"], [["3", "suspect"]])
>>> compare(a, b)["relation"], compare(a, b)["conflicting_numbers"]
('contradicts', [['2', '3', 'suspect']])
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..parse.parser import Sentence, Word
from ..types import Source
from .words import DAYS, MONTHS, NEGATORS, PRONOUNS, classify_number, tables

WEAK = {"have", "be", "do", "get", "say", "make"}
EXISTENCE = "occur"   # the predicate group of "take place", "happen", "occur"
LIGHT = {"put", "take", "make", "give", "carry", "hold"}   # "take place", "put an end to"


@dataclass
class Signature:
    """What a claim says, as comparable parts (see the module docstring)."""

    predicate: str
    polarity: str = "pos"
    arguments: list[str] = field(default_factory=list)
    numbers: list[list[str]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # predicates of clauses inside ("…, killing four")
    event: str = ""   # "an operation had taken place": the event whose occurrence is claimed

    def to_dict(self) -> dict:
        return {"predicate": self.predicate, "polarity": self.polarity,
                "arguments": list(self.arguments), "numbers": [list(n) for n in self.numbers],
                "places": list(self.places), "times": list(self.times), "also": list(self.also),
                "event": self.event}

    @classmethod
    def from_dict(cls, d: dict) -> "Signature":
        return cls(d.get("predicate", ""), d.get("polarity", "pos"), list(d.get("arguments", [])),
                   [list(n) for n in d.get("numbers", [])], list(d.get("places", [])),
                   list(d.get("times", [])), list(d.get("also", [])), d.get("event", ""))

    def blocking_keys(self) -> list[str]:
        """Keys a candidate must share: a predicate (its own or an inner clause's) with one of
        the arguments."""
        return sorted({f"{p}|{a}" for p in [self.predicate, *self.also] for a in self.arguments})


def _counted(sent: Sentence, num: Word) -> Word | None:
    """The noun a number counts: "two of its citizens", "two suspects", "six suspected militants"."""
    of = [c for c in sent.kids(num.i, "nmod") if c.upos in ("NOUN", "PROPN")]
    if of:
        return of[0]
    w = num
    for _ in range(2):
        if w.head < 0:
            return None
        w = sent.words[w.head]
        if w.upos in ("NOUN", "PROPN"):
            return w
    return None


def _unit(w: Word | None, gaz) -> str:
    """What a number counts: its head noun ("two suspects" → suspect; "4,500 Russians" → the state)."""
    if w is None or w.upos not in ("NOUN", "PROPN"):
        return ""
    low = w.text.lower()
    state = gaz.demonyms.get(low) or gaz.state_names.get(low)
    return "state:" + state.lower() if state else _group(w.lemma)


def _group(lemma: str) -> str:
    return tables()["groups"].get(lemma.lower(), lemma.lower())


def _number(w: Word) -> str | None:
    return classify_number(w.text) if w.upos == "NUM" or w.text[:1].isdigit() else None


def _tops(sent: Sentence, idx: set[int]) -> list[Word]:
    """The content's heads: its words whose own head lies outside it, verbs first (a verb beside
    its object — "advised its citizens to avoid …" — is the proposition)."""
    tops = [sent.words[i] for i in sorted(idx) if sent.words[i].head not in idx]
    rank = {"VERB": 0, "NOUN": 1, "ADJ": 1, "PROPN": 1}
    tops.sort(key=lambda w: (rank.get(w.upos, 2), w.i))
    if tops and tops[0].upos == "NOUN":   # "its citizens to avoid …" hung as a clause on the noun
        inf = [c for c in sent.kids(tops[0].i, "acl") if c.upos == "VERB"
               and any(m.lemma.lower() == "to" for m in sent.kids(c.i, "mark"))]
        tops = inf[:1] + tops
    return tops


def _predicate(sent: Sentence, tops: list[Word], idx: set[int], confirm_lemmas: set[str]) -> Word:
    """"X is confirmed" inside the content: the proposition is X, the verb is the stance."""
    head = tops[0]
    if head.lemma.lower() in confirm_lemmas:
        subj = [w for w in sent.kids(head.i, "nsubj") if w.i in idx]
        subj += [w for w in tops[1:] if w.upos in ("NOUN", "PROPN")]   # a subject hung elsewhere
        if subj:
            return subj[0]
    return head


def _place(sent: Sentence, w: Word) -> bool:
    """A name governed by "in"/"near"/… ("in Russia", "southwest of Moscow") is a place."""
    top = w
    while top.deprel in ("flat", "compound", "amod") and top.head >= 0:
        top = sent.words[top.head]
    cases = {c.lemma.lower() for c in sent.kids(top.i, "case")}
    return top.deprel.split(":")[0] in ("obl", "nmod") and bool(cases & tables()["place_cases"])


def _time_phrase(sent: Sentence, w: Word) -> str:
    mods = [c.lemma.lower() for c in sent.kids(w.i) if c.lemma.lower() in ("last", "next", "this")]
    nums = [c.text for c in sent.kids(w.i, "nummod") if c.text.isdigit()]
    return " ".join(mods + [w.lemma.lower()] + nums)


def build_signature(words: list[tuple[Sentence, Word]], speaker: Source | None,
                    sources: list[Source], gaz, confirm_lemmas: set[str]) -> Signature:
    """The signature of a content given its words (in text order), speaker and the article's
    sources (``gaz`` is the sources gazetteer)."""
    if not words:
        return Signature("")
    sent = words[0][0]
    idx = {w.i for s, w in words if s is sent}
    tops = _tops(sent, idx)
    if not tops:
        return Signature("")
    pred_w = _predicate(sent, tops, idx, confirm_lemmas)
    pred, light_obj = pred_w.lemma.lower(), None
    if pred in LIGHT:
        obj = [c for c in sent.kids(pred_w.i, "obj") if c.i in idx]
        light_obj = obj[0] if obj else None
        pred = f"{pred}_{obj[0].lemma.lower()}" if obj else pred
    neg = any(c.lemma.lower() in NEGATORS or c.feat("Polarity") == "Neg"
              for c in sent.kids(pred_w.i, "advmod", "det", "aux", "neg"))
    names = {}
    for s in sources:
        for n in [s.name, *s.aliases]:
            names[n.lower().removeprefix("the ")] = s.key or s.name.lower()
    t = tables()
    args, nums, places, times = set(), [], set(), []
    for s, w in words:
        low, lemma = w.text.lower(), w.lemma.lower()
        if w is pred_w or w is light_obj or w.upos == "PUNCT" or lemma in confirm_lemmas:
            continue
        if lemma in t["times"] and w.upos in ("NOUN", "PROPN", "ADV"):
            if lemma in DAYS or lemma in MONTHS:
                times.append(_time_phrase(s, w))
            continue
        num = _number(w)
        if num is not None:
            unit = _counted(s, w)
            if unit is not None and unit.lemma.lower() in MONTHS:
                continue   # a date, already a time
            nums.append([num, _unit(unit, gaz)])
            continue
        key = _entity(s, w, low, names, gaz, speaker)
        if key:
            (places if _place(s, w) and w.upos != "PRON" else args).add(key)
        elif w.upos == "NOUN" and lemma not in t["stop"] and len(lemma) > 2:
            args.add(_group(gaz.lemma_groups.get(lemma, lemma)))
    pol = "neg" if neg else "pos"
    also = sorted({_group(w.lemma) for s, w in words if s is sent and w is not pred_w
                   and w.upos == "VERB" and w.deprel.split(":")[0] in ("advcl", "conj", "ccomp")
                   and sent.words[w.head] is pred_w} - {_group(pred)})
    event = ""
    if _group(pred) == EXISTENCE:
        # the head noun of the phrase before "took place" comes first in an English noun phrase
        # (and the small parser often hangs the subject on a noun inside it: "… branch of … group")
        first = next((w for s, w in words if s is sent and w.upos == "NOUN" and w.i < pred_w.i), None)
        event = _group(first.lemma) if first else ""
    return Signature(_group(pred), pol, sorted(args), sorted(nums), sorted(places),
                     sorted(dict.fromkeys(times)), also, event)


def _entity(sent: Sentence, w: Word, low: str, names: dict, gaz, speaker: Source | None) -> str | None:
    """The entity key of a word: a pronoun's speaker, a state, a source's name, a proper name."""
    if w.upos == "PRON" and low in PRONOUNS:
        return (speaker.key or speaker.name.lower()) if speaker else None
    state = gaz.demonyms.get(low) or gaz.state_names.get(low)
    if state and w.upos in ("PROPN", "ADJ", "NOUN"):
        return "state:" + state.lower()
    if w.upos != "PROPN" and w.ner in ("O", ""):   # a name, or what NER (when present) marks
        return None
    if w.deprel in ("flat", "compound") and w.head >= 0 and sent.words[w.head].upos == "PROPN":
        return None   # part of a longer name, which its head word stands for
    parts = [x for x in sent.words if x.head == w.i and x.text[:1].isupper()
             and x.deprel in ("flat", "compound", "amod") or x.i == w.i]
    name = " ".join(x.text for x in parts).lower()
    return names.get(name) or names.get(low) or "name:" + name


def presupposes(a: Signature, b: Signature) -> dict | None:
    """*b* speaks of the event whose occurrence *a* claims ("an operation … had taken place" —
    "two suspects … were killed in the operation"): evidence that it took place, in part.
    The event noun and one more shared argument or place are needed (a place alone never is)."""
    if a.predicate != EXISTENCE or not a.event or a.polarity != "pos" or a.event not in b.arguments:
        return None
    shared = (set(a.arguments) | set(a.places)) & (set(b.arguments) | set(b.places))
    if not shared - {a.event}:
        return None
    return {"predicate": EXISTENCE, "event": a.event, "arguments": sorted(shared), "numbers": [],
            "places": [], "times": [], "conflicting_numbers": [], "relation": "same",
            "extent": "part", "presupposes": True}


def compare(a: Signature, b: Signature) -> dict | None:
    """How two signatures relate, with the evidence; None when they are not one proposition.

    Same predicate and shared arguments (at least half of the smaller side's, and at least one
    that is not a place or time) make one proposition; then opposite polarity or a different
    number for the same unit *contradicts*, otherwise they agree (``same``)."""
    if not a.predicate or not b.predicate:
        return None
    inner = a.predicate != b.predicate   # one says it in a clause of a larger claim
    if inner and a.predicate not in b.also and b.predicate not in a.also:
        return None
    if inner and (b.predicate if b.predicate in a.also else a.predicate) in WEAK:
        return None   # "have", "be" in a clause inside say too little to join two claims
    sa, sb = set(a.arguments), set(b.arguments)
    shared = sa & sb
    small = min(len(sa), len(sb))
    if not shared or len(shared) * 2 < small or len(shared) < min(2, small):
        return None
    # one shared argument joins a short claim to a long one only with a number to back it
    same_number = {tuple(n) for n in a.numbers if n[1]} & {tuple(n) for n in b.numbers}
    if len(shared) < 2 and max(len(sa), len(sb)) > 3 and not same_number:
        return None
    conflicts = []
    units_b = {u: v for v, u in b.numbers if u}
    for v, u in a.numbers:
        if u and u in units_b and units_b[u] != v:
            conflicts.append([v, units_b[u], u])
    same_numbers = sorted({v for v, _ in a.numbers} & {v for v, _ in b.numbers})
    ev = {"predicate": a.predicate, "arguments": sorted(shared), "numbers": same_numbers,
          "places": sorted(set(a.places) & set(b.places)),
          "times": sorted(set(a.times) & set(b.times)), "conflicting_numbers": conflicts}
    opposite = a.polarity != b.polarity
    ev["relation"] = "contradicts" if opposite or conflicts else "same"
    if opposite:
        ev["opposite_polarity"] = True
    full = not inner and len(shared) >= max(len(sa), len(sb)) * 0.75
    ev["extent"] = "full" if full else "part"
    if inner:
        ev["predicate"] = b.predicate if b.predicate in a.also else a.predicate
    return ev


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _arg(a: str) -> str:
    """An argument as words: "state:russia" → "Russia", "operation" → "the operation"."""
    kind, _, name = a.partition(":")
    if name:
        return name.title() if kind in ("state", "name") else name
    return "the " + a.replace("_", " ")


def arguments_text(args: list[str]) -> str:
    """Shared arguments in words: ["name:ingushetia", "republic"] → "Ingushetia and the republic"."""
    return _and([_arg(a) for a in args]) if args else ""


def evidence_text(ev: dict) -> str:
    """:func:`compare`'s evidence in words ("both speak of the operation in Russia"); the
    fields themselves stay in the link's ``evidence``."""
    args = [_arg(a) for a in ev.get("arguments", [])]
    if ev.get("presupposes"):
        event = _arg(ev["event"])
        rest = [a for a in args if a != event]
        return f"both speak of {event}" + (f" and {_and(rest)}" if rest else "")
    from ..check.matcher import PARAPHRASE

    if ev.get("predicate") == PARAPHRASE:   # the matcher's words are lemmas: quote them as such
        words = [f"'{a.partition(':')[2] or a}'" for a in ev.get("arguments", [])]
        bits = ["both say it in other words" + (f", of {_and(words)}" if words else "")]
    else:
        bits = [f"both say '{ev['predicate'].replace('_', ' ')}' of {_and(args)}" if args
                else f"both say '{ev['predicate'].replace('_', ' ')}'"]
    if ev.get("numbers"):
        bits.append("both count " + _and(ev["numbers"]))
    if ev.get("conflicting_numbers"):
        bits.append(_and([f"one says {x} {u}, the other {y}" for x, y, u in ev["conflicting_numbers"]]))
    if ev.get("opposite_polarity"):
        bits.append("one says it is so, the other that it is not")
    return "; ".join(bits)
