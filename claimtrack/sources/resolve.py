"""Source resolution: every attribution's source mention → one source entity of the article.

Mentions are resolved in reading order, each by the first construction that fits:
pronoun → nearest compatible earlier source; acronym introduced in parentheses
("the Kazakh National Security Committee (KNB)"); gazetteer agency or media name found
anywhere in the mention ("Russia's FSB security service" = FSB); a state named by itself, its
capital, its seat of power or "<demonym> authorities" ("Moscow", "the Kremlin", "Kazakh
authorities"); a spokesperson *for* X (a person ``part_of`` X); a definite description whose
head noun names an earlier source ("the committee"); a person (NER when present, else a run of
proper nouns, "Marta de Vries"; a role noun — spokeswoman, chairman, director — makes a person
``part_of`` the organisation named with it, "the union's spokeswoman"); otherwise a new source
typed by its head noun ("official figures" → document). A name typed a person only by its
capitals becomes an organisation when "it" points back to it. ``part_of`` also comes from the
gazetteer and from countries/demonyms modifying the head (not from locatives: "the U.S.
Embassy in Moscow" is part of the United States, not of Russia).

>>> from claimtrack.types import Analysis                   # doctest: +SKIP
>>> resolve_sources(analysis, doc)                         # doctest: +SKIP
>>> [(s.name, s.type, s.part_of) for s in analysis.sources][:2]   # doctest: +SKIP
[('Kazakhstan', 'government', []), ('Russia', 'government', [])]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from ..extract.words import POLL_SHARES, people_nouns
from ..parse.index import WordIndex
from ..parse.parser import Doc, Sentence, Word
from ..resources import load_json, wordnet_table
from ..types import Analysis, Attribution, Source, Span

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
PRONOUNS = {
    "he": "person", "him": "person", "she": "person", "her": "person",
    "it": "thing", "they": "group", "them": "group",
    "i": "speaker", "we": "speaker", "us": "speaker", "you": "speaker",
}
# Heads that make "<demonym> X" / "X's X" the state itself rather than a body of it.
STATE_HEADS = {"authorities", "authority", "government", "state", "leadership", "administration",
               "regime", "side"}
# Prepositions whose object places a source somewhere without making it part of that place.
LOCATIVE = re.compile(r"\s+(?:in|at|near|outside|inside|based in)\s+", re.I)
ACRONYM_INTRO = re.compile(
    r"((?:[A-Z][\w'’.\-]*)(?:\s+(?:of|for|the|and|on|de|del|[A-Z][\w'’.\-]*))*)\s*\(([A-Z][A-Za-z0-9.&\-]{1,9})\)")


@dataclass
class Gazetteer:
    """Lookup tables built from ``data/gazetteer.json`` (all keys lower-case)."""

    state_names: dict[str, str] = field(default_factory=dict)   # name/alias/capital/seat → state
    demonyms: dict[str, str] = field(default_factory=dict)      # "kazakh" → "Kazakhstan"
    places: set[str] = field(default_factory=set)               # keys that are capitals/seats
    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias → (name, state)
    media: dict[str, tuple[str, str]] = field(default_factory=dict)     # alias → (name, state)
    heads: dict[str, str] = field(default_factory=dict)         # head noun → source type
    lemma_groups: dict[str, str] = field(default_factory=dict)  # lemma → group representative
    titles: set[str] = field(default_factory=set)               # "dr", "coach": a name follows
    first_names: set[str] = field(default_factory=set)          # "helen": a person's name starts
    # the census's given names (data/given_names.json): only ever the first of two or more name
    # words ("Kurt Volker"), never a lone name; the gender of those mostly one sex's
    given_names: set[str] = field(default_factory=set)
    given_gender: dict[str, str] = field(default_factory=dict)  # "daniel" -> "Masc"
    portfolios: set[str] = field(default_factory=set)           # "health" in "Health minister"
    offices: dict[str, set[str]] = field(default_factory=dict)  # "mayor" -> {"city", "town" …}
    female: set[str] = field(default_factory=set)               # "she", "mrs", "actress"
    male: set[str] = field(default_factory=set)
    businesses: set[str] = field(default_factory=set)           # "company", "firm", "inc"
    trade_roles: set[str] = field(default_factory=set)          # "owner", "partner": a company's too
    collectives: set[str] = field(default_factory=set)          # "police", "staff": a group
    suffixes: set[str] = field(default_factory=set)             # "jr", "iii" after a name
    newspaper_ends: set[str] = field(default_factory=set)       # "post" in "Huffington Post"

    def country_in(self, text: str) -> str | None:
        """The first state named, by any name or demonym, in *text* (longest key first)."""
        hits = []
        low = text.lower()
        for table in (self.state_names, self.demonyms):
            for key, state in table.items():
                if key not in low:   # cheap test first: most keys are not in the text at all
                    continue
                for m in _bounded(r"(?<![\w.])", key).finditer(low):
                    hits.append((m.start(), -len(key), state))
        return min(hits)[2] if hits else None


@lru_cache(maxsize=4096)
def _bounded(before: str, key: str) -> re.Pattern:
    """*key* as a whole word (compiled once): ``before`` is the look-behind that must fail."""
    return re.compile(before + re.escape(key) + r"(?![\w])")


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """Load the built-in gazetteer (or one at *path*, same layout)."""
    data = load_json("gazetteer.json", path)
    g = Gazetteer()
    for st in data["states"]:
        name = st["name"]
        for k in [name, *st.get("aliases", [])]:
            g.state_names[k.lower()] = name
        for k in [*st.get("capitals", []), *st.get("seats", [])]:
            g.state_names[k.lower()] = name
            g.places.add(k.lower())
        for k in st.get("demonyms", []):
            g.demonyms[k.lower()] = name
    for a in data.get("agencies", []):
        for k in [a["name"], *a.get("aliases", [])]:
            g.agencies[k.lower()] = (a["name"], a.get("state", ""))
    for m in data.get("media", []):
        for k in [m["name"], *m.get("aliases", [])]:
            g.media[k.lower()] = (m["name"], m.get("state", ""))
    for typ, words in data.get("heads", {}).items():
        for w in words:
            g.heads.setdefault(w.lower(), typ)
    for rep, words in data.get("lemma_groups", {}).items():
        for w in words:
            g.lemma_groups[w.lower()] = rep
    g.titles = {w.lower() for w in data.get("titles", [])}
    g.first_names = {w.lower() for w in data.get("first_names", [])}
    given = load_json("given_names.json")
    g.given_names = g.first_names | set(given["names"])
    g.given_gender = {**{n: "Fem" for n in given.get("female", [])}, **{n: "Masc" for n in given.get("male", [])}}
    g.portfolios = {w.lower() for w in data.get("portfolios", [])}
    g.offices = {k.lower(): {w.lower() for w in v} for k, v in data.get("offices", {}).items()}
    g.female = {w.lower() for w in data.get("female", [])}
    g.male = {w.lower() for w in data.get("male", [])}
    g.businesses = {w.lower() for w in data.get("businesses", [])}
    g.trade_roles = {w.lower() for w in data.get("trade_roles", [])}
    g.collectives = {w.lower() for w in data.get("collectives", [])}
    g.suffixes = {w.lower() for w in data.get("suffixes", [])}
    g.newspaper_ends = {w.lower() for w in data.get("newspaper_ends", [])}
    return g


@dataclass
class Entity:
    """A source being built: everything known about it before ids are assigned."""

    key: str
    name: str
    type: str
    pos: float                       # first mention offset: orders ids
    aliases: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)   # entity keys
    # typed a person only because its name is two capitalised words: "it" may still prove it
    # an organisation ("The bank's owner, Crédit Rhône, … It declined to say")
    weak: bool = False

    def add_alias(self, text: str) -> None:
        if text and text != self.name and text not in self.aliases:
            self.aliases.append(text)


def several(e: Entity) -> bool:
    """Whether a source names several people together ("Vindman and Williams")."""
    return e.key.startswith("people:")


def with_article(names: Iterable[str]) -> bool:
    """Whether a name was written with "the" before it ("The Atlantic"): no person's name."""
    return any(re.match(r"[Tt]he\s+[A-Z]", n.strip()) for n in names)


def _without_bracketed_names(words: list[Word]) -> list[Word]:
    """The words with the brackets around a name the writer inserted dropped ("Coach (Frank)
    Vogel", "Coach [Frank] Vogel"), so that the name reads as one run."""
    out: list[Word] = []
    k = 0
    while k < len(words):
        w = words[k]
        if w.text in ("(", "[") and k + 3 < len(words) and words[k + 2].text in (")", "]") \
                and words[k + 1].text[:1].isupper() and words[k + 3].text[:1].isupper():
            out.append(words[k + 1])
            k += 3
            continue
        out.append(w)
        k += 1
    return out


def group_name(name: str) -> bool:
    """Whether an unnamed source is a group ("officials", "the police"), not one person or a
    part of something ("a witness", "Part of the difficulty")."""
    words = re.split(r"\s+(?:in|of|at|from|for|on|with|who|that)\s+", name.lower())[0].split()
    head = words[-1].strip(".,") if words else ""
    return head in load_gazetteer().collectives or head.endswith("s") and not head.endswith(("ss", "'s", "’s"))


def _acronym(word: str) -> bool:
    """Whether a capitalised word is an acronym: not an initial ("W.") nor "III"."""
    core = word.rstrip(".")
    return word.isupper() and len(core) > 1 and core.lower() not in load_gazetteer().suffixes


def surname(name: str) -> str:
    """A person's last name, lower-cased: "Patrick W. Carlineo Jr." → "carlineo"."""
    suffixes = load_gazetteer().suffixes
    words = [w for w in name.split() if w.lower().rstrip(".,") not in suffixes] or name.split()
    return words[-1].lower().rstrip(".,") if words else ""


def _after_preposition(words: list[Word], run: list[Word]) -> bool:
    """Whether a preposition stands before *run* in the mention ("… at the University of …")."""
    return any(w.upos == "ADP" for w in words[:words.index(run[0])])


def _other_given_name(a: str, b: str) -> bool:
    """Whether two full names of one surname give different first names (an initial agrees with
    a name it starts: "H. Clinton" may be Hillary, "Bill Clinton" is not)."""
    fa, fb = a.split()[:-1], b.split()[:-1]
    if not fa or not fb:
        return False
    short, long = sorted((a.lower().split(), b.lower().split()), key=len)
    if long[len(long) - len(short):] == short:
        return False   # "Morton Blackwell" in "Conservative Icon Morton Blackwell"
    x, y = fa[0].lower().rstrip("."), fb[0].lower().rstrip(".")
    if len(x) == 1 or len(y) == 1:
        return x[0] != y[0]
    return x != y


def _after_the(words: list[Word], run: list[Word]) -> bool:
    """Whether the word right before *run* is the article "the"."""
    k = words.index(run[0])
    return k > 0 and words[k - 1].text.lower() == "the"


def _spaced_words(run: list[Word]) -> int:
    """How many words a name run is as written: "Jean-Pierre" or "Coca-Cola" is one."""
    return 1 + sum(1 for a, b in zip(run, run[1:]) if b.start > a.end)


def _personal_form(run: list[Word]) -> bool:
    """A middle initial or a generational suffix ("Patrick W. Carlineo Jr.") makes a person."""
    suffixes = load_gazetteer().suffixes
    return len(run) > 1 and any(re.fullmatch(r"[A-Z]\.", w.text) or w.text.lower().rstrip(".") in suffixes
                                for w in run[1:])


def gender_in(names: Iterable[str], gaz: "Gazetteer") -> str:
    """What names and aliases show of a person's gender: a pronoun that named them, a title, a
    gendered role ("spokeswoman"), a given name mostly one sex's before a surname ("Daniel
    Anthony"); "" when they show none or both."""
    names = list(names)
    words = {w.lower().strip(".,") for n in names for w in n.split()}
    fem, masc = bool(words & gaz.female), bool(words & gaz.male)
    for n in names:
        parts = [w.lower().strip(".,") for w in n.split()]
        given = next((gaz.given_gender[w] for w in parts[:-1] if w in gaz.given_gender), "")
        fem, masc = fem or given == "Fem", masc or given == "Masc"
    return "Fem" if fem and not masc else "Masc" if masc and not fem else ""


def _capitalised_runs(words: list[Word]) -> list[list[Word]]:
    """Runs of adjacent capitalised words inside a sentence (not its first word): "Big Machine",
    which the parser may tag an adjective and a noun."""
    runs: list[list[Word]] = []
    for w in words[1:]:
        if not w.text[:1].isupper() or w.upos == "PUNCT":
            continue
        if runs and runs[-1][-1].i == w.i - 1:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def strip_determiner(text: str) -> str:
    """*text* without a leading article or demonstrative ("the ministry" → "ministry")."""
    parts = text.split(None, 1)
    if len(parts) == 2 and parts[0].lower() in DETERMINERS:
        return parts[1]
    return text


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", strip_determiner(text).strip(" .,'\"’")).lower()


def find_acronyms(text: str) -> dict[str, str]:
    """Acronyms introduced in parentheses, mapped to their long form.

    >>> find_acronyms("said the Kazakh National Security Committee (KNB) on Monday")
    {'KNB': 'Kazakh National Security Committee'}
    """
    out: dict[str, str] = {}
    for m in ACRONYM_INTRO.finditer(text):
        long, acr = strip_determiner(m.group(1).strip()), m.group(2)
        if acr not in out and long and long.lower() != acr.lower():
            out[acr] = long
    return out


def _ner(w: Word) -> str:
    """The entity type of a BIO/BIOES tag ("S-PERSON" → "PERSON"), "" outside entities."""
    return w.ner.split("-")[-1] if w.ner and w.ner != "O" else ""


PERSON_NER = {"PERSON", "PER"}
NON_PERSON_NER = {"ORG", "GPE", "LOC", "FAC", "NORP"}


ORG_TYPES = {"government", "organisation", "media"}
NAME_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "del", "della", "la", "le", "bin",
                  "ibn", "al", "el", "dos", "das", "ter"}
# Roles whose first word is part of the title, not an organisation ("press secretary").
ROLE_COMPOUND = re.compile(r"press\s+(?:secretary|officer|attach[eé]|aide)", re.I)
# "guidance from the Mayo Clinic", "figures by the ministry": a document speaks for its origin
ORIGIN = re.compile(r"^(?:\S+\s+){0,3}?(\S+)\s+(?:from|by|of)\s+(.+)$", re.I)
SPOKESPERSON = re.compile(
    r"(?:an?\s+|the\s+)?(?:\w+\s+)?(spokes\w+|representative|press secretary)\s+(?:for|of)\s+(.+)$", re.I)


@dataclass
class Mention:
    """A source mention as the resolution steps read it."""

    text: str                 # as written
    clean: str                # without a leading determiner or a trailing "(ACRONYM)"
    low: str                  # the lookup key of *clean*
    words: list[Word]
    head: Word | None
    hlow: str                 # the head word, lower-cased
    hlemma: str
    pos: float

    @classmethod
    def of(cls, mention: str, words: list[Word], pos: float, head: Word | None) -> "Mention":
        clean = strip_determiner(re.sub(r"\s*\([^)]*\)\s*$", "", mention.strip()))
        # a relative word the parser left at the end ("a statement that …") names nothing
        clean = re.sub(r"\s+(?:that|which|who|whom|whose)$", "", clean, flags=re.I) or clean
        low = _key(clean)
        hlow = head.text.lower() if head else low.split()[-1] if low else ""
        return cls(mention, clean, low, words, head, hlow, head.lemma.lower() if head else hlow, pos)


class Resolver:
    """Resolves source mentions of one article in reading order."""

    def __init__(self, text: str, doc: Doc | None, gaz: Gazetteer | None = None):
        self.text = text
        self.doc = doc
        self.gaz = gaz or load_gazetteer()
        self.words = WordIndex(doc)
        self.acronyms = find_acronyms(text)
        self.long_forms = {v.lower(): k for k, v in self.acronyms.items()}
        self.entities: dict[str, Entity] = {}
        self.order: list[str] = []   # entity keys by mention, most recent last
        self.last: dict[str, float] = {}   # entity key -> its latest mention's offset
        self.spans: list[Span] = []        # the source mentions resolved so far
        self._quotes = None                 # the text's quotations, read when first asked
        self._names_cache: dict[str, set[str]] | None = None   # surname -> full names, when first asked
        self.starts = [s.start for s in doc.sentences] if doc is not None and doc.sentences else [0]

    # -- entity bookkeeping -------------------------------------------------------------------
    def _entity(self, key: str, name: str, typ: str, pos: float) -> Entity:
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key, name, typ, pos)
        return ent

    def _state(self, name: str, pos: float) -> Entity:
        return self._entity("state:" + name.lower(), name, "government", pos)

    def _part_of(self, ent: Entity, state: str | None, pos: float) -> None:
        if state:
            st = self._state(state, pos - 0.5)
            if st.key != ent.key and st.key not in ent.part_of:
                ent.part_of.append(st.key)

    # -- resolution ---------------------------------------------------------------------------
    def resolve(self, mention: str, spans: list[Span], speaker: Entity | None = None) -> Entity:
        """The entity a mention (text + spans) refers to; creates it when new.

        *speaker* is the source whose quoted words hold the mention, if any: "I"/"we" there
        is that speaker; elsewhere "I"/"we" is the author and "you" the reader.
        """
        pos = float(spans[0][0]) if spans else 0.0
        words = [w for _, w in self.words.in_spans(spans)]
        mention, words = self._repair(mention, spans, words)
        low = _key(mention)
        if PRONOUNS.get(low) == "speaker":
            if speaker is not None and low != "you":
                ent = speaker
            else:
                name = "the reader" if low == "you" else "the author"
                ent = self._entity("name:" + name, name, "anonymous", pos)
        else:
            ent = self._match(mention, words, pos)
        ent.add_alias(mention.strip())
        if ent.key in self.order:
            self.order.remove(ent.key)
        self.order.append(ent.key)
        self.last[ent.key] = pos
        self.spans.extend(spans)
        return ent

    def _repair(self, mention: str, spans: list[Span], words: list[Word]) -> tuple[str, list[Word]]:
        # A parser may cut "The WHO" to "The" (reading WHO as a pronoun): take the name back.
        if mention.strip().lower() in DETERMINERS and spans:
            nxt = [w for _, w in self.words.after(spans[-1][1])]
            run = []
            for w in nxt:
                if w.text[:1].isupper() and w.upos != "VERB":
                    run.append(w)
                else:
                    break
            if run:
                return self.text[spans[0][0]:run[-1].end], words + run
        return self._named_before(mention, spans, words)

    def _named_before(self, mention: str, spans: list[Span], words: list[Word]) -> tuple[str, list[Word]]:
        """A role in apposition to a name the span left out ("Omar, a senior military analyst,
        said" with the source cut to the role): the name belongs to the mention."""
        located = self.words.in_spans(spans)
        if not located or not spans:
            return mention, words
        sent = located[0][0]
        head = self._head(words)
        before = [w for w in sent.words if w.end <= spans[0][0] and w.upos != "PUNCT"]
        if head is None or not before:
            return mention, words
        name = before[-1]
        between = self.text[name.end:spans[0][0]]
        # the parser reads the role as the name's apposition or as a second subject beside it
        beside = (head.deprel == "appos" and head.head == name.i) or (
            name.head == head.head and name.deprel == head.deprel)
        if between.strip(" ,") or "\n" in between:
            return mention, words
        if not (beside and name.upos == "PROPN" or self._unparsed_name(name, words, head, between)):
            return mention, words
        if name.upos != "PROPN":   # the parser's verb or noun is the name it stands before
            name = replace(name, upos="PROPN")
        run = [w for w in sent.words if w.head == name.i and w.deprel in ("flat", "compound")
               and w.upos == "PROPN" and w.end <= name.start] + [name]
        run.sort(key=lambda w: w.start)
        return self.text[run[0].start:spans[-1][1]], run + words

    def _unparsed_name(self, name: Word, words: list[Word], head: Word, between: str) -> bool:
        """"Omar a senior military analyst said" with no comma: the parser may read the name as
        anything (a verb); a known first name right before "a/the <role>" is the role's name."""
        return (name.text[:1].isupper() and name.text.lower() in self.gaz.first_names
                and not between.strip() and bool(words) and words[0].text.lower() in ("a", "an", "the")
                and self.gaz.heads.get(head.text.lower()) in ("person", "anonymous"))

    def _head(self, words: list[Word]) -> Word | None:
        ids = {w.i for w in words}
        outside = [w for w in words if w.head not in ids and w.upos != "PUNCT"]
        if len(outside) > 1 and all(w.head == outside[0].head and w.deprel in ("compound", "amod")
                                    for w in outside):
            return outside[-1]   # a name the parser hung word by word on a noun outside it ("United Nations")
        return outside[0] if outside else (words[-1] if words else None)

    def _match(self, mention: str, words: list[Word], pos: float) -> Entity:
        """The first resolution step that recognises the mention, else a new source."""
        m = Mention.of(mention, words, pos, self._head(words))
        for step in (self._by_pronoun, self._by_spokesperson, self._by_origin, self._by_acronym,
                     self._by_gazetteer,
                     self._by_state, self._by_description, self._by_named_body, self._by_people,
                     self._by_person, self._by_surname):
            ent = step(m)
            if ent is not None:
                return ent
        return self._new_source(m)

    def _by_pronoun(self, m: "Mention") -> Entity | None:
        """A pronoun: the nearest earlier source of a compatible kind."""
        if not (m.low in PRONOUNS or (m.head is not None and m.head.upos == "PRON" and len(m.words) == 1)):
            return None
        if len(m.clean) > 1 and m.clean.isupper():
            return None   # "According to WHO": an acronym, not the relative "who"
        kind = PRONOUNS.get(m.low, "thing")
        gender = gender_in([m.low], self.gaz) if kind == "person" else ""
        ent = self._antecedent(kind, gender, m.pos)
        if ent is not None and gender and gender_in([ent.name, *ent.aliases], self.gaz) == "":
            ent = self._named_since(ent, gender, m.pos)
        if ent is not None and kind == "group" and self._other_group(self.last.get(ent.key, ent.pos), m.pos):
            ent = None   # "they" may be a group named since, or a person's singular "they"
        if ent is not None and kind == "person" and self._bare_name(ent) and self._someone_since(
                self.last.get(ent.key, ent.pos), m.pos, gender_in([m.low], self.gaz)):
            ent = None   # "WIRED spoke to one mother … she said": not the lone name "Instagram"
        if ent is not None:
            if kind == "person" and (self._bare_name(ent) or ent.weak):
                ent.type, ent.weak = "person", False  # "he"/"she" tells what the name was
            elif kind == "thing" and ent.weak:
                ent.type, ent.weak = "organisation", False
            return ent
        return self._entity("name:" + m.low, m.clean, "anonymous", m.pos)

    def _quote_index(self):
        """The text's quotations, read once when first asked."""
        if self._quotes is None:
            from ..extract.marks import QuoteIndex

            self._quotes = QuoteIndex(self.text)
        return self._quotes

    def _named_since(self, ent: Entity, gender: str, pos: float) -> Entity:
        """A "he" or "she" whose nearest source says no gender ("Idris Nassan … said …") means
        rather a person of that gender whom the text named since, source or not ("… Rosenberg
        … went to fight … She had earlier posted": Rosenberg, known as a woman)."""
        quotes = self._quote_index()
        # (in the writer's words: "“… Trump makes the prospects … uncertain,” he said" is the
        # quotation's speaker)
        subjects = [w for _, w in self.words.between(0, int(pos)) if (w.deprel.startswith("nsubj")
                    or w.deprel in ("flat", "appos") and w.upos == "PROPN") and quotes.region_at(w.start) is None]

        def last_named(e: Entity) -> int:
            # the last time the text made the person a subject ("Rosenberg … went to fight"),
            # not an object ("Figgins, who represents Thomas, said … He said": Figgins)
            last = surname(e.name)
            word = next((w for w in reversed(e.name.split()) if w.lower().rstrip(".,") == last), None)
            if not word or not word[:1].isupper():
                return -1
            hits = [w.start for w in subjects if w.text == word.rstrip(".,")]
            return hits[-1] if hits else -1
        best, when = ent, max(last_named(ent), int(self.last.get(ent.key, ent.pos)))
        for e in self.entities.values():
            if e is ent or e.type != "person" or several(e) or e.weak \
                    or gender_in([e.name, *e.aliases], self.gaz) != gender:
                continue
            at = last_named(e)
            if at > when:
                best, when = e, at
        return best

    def _by_spokesperson(self, m: "Mention") -> Entity | None:
        """A spokesperson for X: a person who speaks for X, part of it."""
        found = SPOKESPERSON.match(m.text.strip())
        if not found:
            return None
        inner = found.group(2)
        s = m.pos + m.text.find(inner)
        org = self._match(inner, [w for _, w in self.words.in_spans([(int(s), int(s) + len(inner))])],
                          m.pos)
        ent = self._entity("person:" + m.low, m.clean, "person", m.pos)
        self._member_of(ent, org)
        return ent

    def _by_origin(self, m: "Mention") -> Entity | None:
        """A document of X ("guidance from the Mayo Clinic", "figures by the ministry"): the
        source is X, who issued it; a document with no one named stays a document."""
        found = ORIGIN.match(m.text.strip())
        if not found or self.gaz.heads.get(found.group(1).lower()) != "document" \
                or m.head is None or m.head.text.lower() != found.group(1).lower():
            return None
        inner = found.group(2)
        s = m.pos + m.text.find(inner, found.start(2))
        words = [w for _, w in self.words.in_spans([(int(s), int(s) + len(inner))])]
        head = self._head(words)
        # only one who can issue it: a name or a speaking noun, never "a statement of support"
        if head is None or not (head.upos == "PROPN" or self.gaz.heads.get(head.lemma.lower(), "document")
                                != "document"):
            return None
        return self._match(inner, words, m.pos)

    def _member_of(self, ent: Entity, org: Entity) -> None:
        """*ent* belongs to *org* (a spokeswoman to her union); *org* counts as mentioned."""
        if org.key != ent.key and org.key not in ent.part_of:
            ent.part_of.append(org.key)
        if org.key not in self.order:
            self.order.append(org.key)

    def _affiliation(self, m: "Mention", skip: Iterable[Word] = ()) -> Entity | None:
        """The organisation a role in the mention belongs to: "the union's spokeswoman", "a
        council spokeswoman", "the chairman of the board" (never a state: that is part_of)."""
        skip_ids = {w.i for w in skip}
        for role in m.words:
            if self.gaz.heads.get(role.text.lower()) not in ("person", "anonymous") or role.i in skip_ids:
                continue
            owner = [w for w in m.words if w.head == role.i and w.i not in skip_ids and (
                w.deprel in ("nmod:poss", "compound") or (w.deprel == "nmod" and w.i > role.i))
                and (w.upos == "PROPN" or self.gaz.heads.get(w.lemma.lower()) in ORG_TYPES)
                and not ROLE_COMPOUND.fullmatch(f"{w.text} {role.text}")]
            if not owner:
                continue
            owned = _phrase_words(m.words, owner[0], beside=role)
            phrase = " ".join(w.text for w in owned)
            if not phrase or self.gaz.country_in(phrase) or phrase.lower() in self.gaz.state_names:
                continue
            if set(phrase.lower().split()) <= self.gaz.portfolios:
                continue   # "Health minister": the office's brief, not a body she belongs to
            described = self._bare_head(phrase, owner[0])
            if described is not None:
                return described   # "Ministry spokesman …" after "The Interior Ministry said"
            known = set(self.entities)
            # (the phrase's own words: "a professor of engineering at the University of Texas"
            # has another "of", whose head would type the university)
            org = self._match("the " + phrase, owned, m.pos - 0.25)
            if org.key not in known and role.text.lower() in self.gaz.offices and self._untyped_name(org):
                org.type = "government"   # "the mayor of Poti": the office speaks for the town
            if org.type != "person":
                return org
        return None

    def _bare_head(self, phrase: str, owner: Word) -> Entity | None:
        """A lone organisation word as owner ("Ministry spokesman") is the body of that kind the
        article named before, as "the ministry" would be."""
        low = phrase.lower()
        if " " in low or self.gaz.heads.get(low) not in ORG_TYPES:
            return None
        return self._described(low, owner.lemma.lower())

    def _untyped_name(self, ent: Entity) -> bool:
        """A name with no word that types it (a place name, most often)."""
        return ent.type == "organisation" and not any(
            w.lower() in self.gaz.heads for w in ent.name.split())

    def _by_acronym(self, m: "Mention") -> Entity | None:
        """An acronym introduced in the article, or its long form ("the KNB", "the Kazakh
        National Security Committee")."""
        acr = self._acronym_in(m)
        if acr is None:
            return None
        g = self.gaz
        long = self.acronyms[acr]
        gaz_agency = g.agencies.get(acr.lower())
        key = ("agency:" + gaz_agency[0].lower()) if gaz_agency else "acr:" + acr.lower()
        typ = "government" if gaz_agency else self._type_of(long.split()[-1].lower(), None, long)
        ent = self._entity(key, long, typ, m.pos)
        ent.name = long
        ent.add_alias(acr)
        self._part_of(ent, gaz_agency[1] if gaz_agency else self._country(long), m.pos)
        self._part_of(ent, self._country(m.clean), m.pos)
        return ent

    def _acronym_in(self, m: "Mention") -> str | None:
        acr = None
        for tok in re.findall(r"[A-Za-z0-9.&\-]+", m.clean):
            if tok in self.acronyms:
                acr = tok
        if acr is None and m.low in self.long_forms:
            acr = self.long_forms[m.low]
        if acr is None:
            for long, a in self.long_forms.items():
                if long in m.low:
                    acr = a
        return acr

    def _by_gazetteer(self, m: "Mention") -> Entity | None:
        """A gazetteer agency or outlet named anywhere in the mention (longest name wins)."""
        g = self.gaz
        for table, typ, prefix in ((g.agencies, "government", "agency:"), (g.media, "media", "media:")):
            hits = [(k, v) for k, v in table.items()
                    if k in m.low and _bounded(r"(?<![\w])", k).search(m.low)]
            if hits:
                k, (name, state) = max(hits, key=lambda kv: len(kv[0]))
                ent = self._entity(prefix + name.lower(), name, typ, m.pos)
                self._part_of(ent, state or (self._country(m.clean) if typ == "government" else None), m.pos)
                return (self._member_named(m, k, ent) or ent) if typ == "government" else ent
        return None

    def _member_named(self, m: "Mention", key: str, body: Entity) -> Entity | None:
        """A person of a known body ("White House press secretary Karine Jean-Pierre", "an FSB
        spokesman"): the mention's head is a person's role or name outside the body's name.
        """
        inside = set(key.split())
        head = m.head
        if head is None or head.text.lower() in inside:
            return None
        role = self.gaz.heads.get(head.text.lower()) == "person"
        named = self._person(m.clean, [w for w in m.words if w.text.lower() not in inside], head)
        if not (role or named):
            return None
        if named:
            ent = self._by_person(Mention.of(m.text, [w for w in m.words if w.text.lower() not in inside],
                                             m.pos, head))
        else:
            ent = self._entity("person:" + m.low, m.clean, "person", m.pos)
        if ent is None:
            return None
        self._member_of(ent, body)
        return ent

    def _by_state(self, m: "Mention") -> Entity | None:
        """A state by name, capital, seat of power, or "<demonym>/<state>'s authorities"."""
        g = self.gaz
        if m.low in g.state_names:
            return self._state(g.state_names[m.low], m.pos)
        toks = m.low.replace("’", "'").split()
        if toks and toks[-1] in STATE_HEADS and len(toks) >= 2:
            lead = re.sub(r"'s$", "", " ".join(toks[:-1]))
            st = g.demonyms.get(lead) or g.state_names.get(lead)
            if st:
                return self._state(st, m.pos)
        return None

    def _by_description(self, m: "Mention") -> Entity | None:
        """A definite description naming an earlier source by its head noun: "the committee"."""
        words = m.words
        has_proper = any(w.upos == "PROPN" or w.text[:1].isupper() for w in words
                         if w is not words[0] or len(words) == 1) if words else False
        if m.text.strip().lower().startswith(("the ", "this ", "that ")) and not has_proper:
            e = self._described(m.hlow, m.hlemma)
            if e is not None and len(m.words) in (2, 3) and m.words[1].text.lower() in self.gaz.businesses \
                    and self._other_body_named(e, m.pos):
                return None   # "the company" after another company's name: which one is unsure
            return e or self._the_company(m)
        return None

    def _the_company(self, m: "Mention") -> Entity | None:
        """"The company" after "Kartli Chemicals denied …": the one company the article has
        named in this sentence or the two before (a name no head noun types, or one ending as
        companies do: Inc, Chemicals); with two there, the one of this sentence or the one
        before, if only one is."""
        if m.hlow not in self.gaz.businesses or len(m.words) not in (2, 3):
            return None
        after = self.text[m.words[-1].end:m.words[-1].end + 40]
        if re.match(r"\s*(?:that|which|who|whose)\b|\s*,\s*[A-Z]|\s*\(", after):
            return None   # "The company that runs the AMAs, Dick Clark Productions": another one
        # named lately: a company named further back may not be the one meant
        near = self._sentence_start(m.pos, back=2)
        named = [self.entities[k] for k in self.order if self._a_company(self.entities[k])
                 and self._named_last(self.entities[k], m.pos) >= near]
        if len(m.words) == 3:
            # "the production company" is a kind of its own, unless the company named lately
            # says that kind in its name ("Dick Clark Productions")
            kind = m.words[1].lemma.lower()
            named = [e for e in named if kind in {w.lower().rstrip("s") for w in e.name.split()}]
            if len(named) != 1:
                return None
        if len(named) > 1:
            near = self._sentence_start(m.pos, back=1)
            named = [e for e in named if self._named_last(e, m.pos) >= near]
        # (a kind the name says, "the production company", needs no such care)
        if len(named) != 1 or (len(m.words) == 2 and self._other_body_named(named[0], m.pos)):
            return None
        named[0].type, named[0].weak = "organisation", False
        return named[0]

    def _other_body_named(self, e: Entity, before: float) -> bool:
        """Whether the text names another body between *e*'s last naming and *before*: a run of
        two or more name words no person and no place of the article has ("Swift accused Braun,
        Borchetta and Big Machine …. The company denied …" is Big Machine, not the company named
        before). "The company" then stays itself: a wrong company is worse than none."""
        since = self._named_last(e, before)
        mine = {x.lower().strip(".,") for n in (e.name, *e.aliases) for x in n.split()}
        people = {x.lower() for full in self._people_named().values() for n in full for x in n.split()}
        for sent in (self.doc.sentences if self.doc is not None else []):
            if sent.end <= since or sent.start >= before:
                continue
            for run in _capitalised_runs(sent.words):
                if len(run) < 2 or run[0].start <= since or run[-1].end > before:
                    continue
                low = [w.text.lower().strip(".,") for w in run]
                phrase = " ".join(low)
                if set(low) & (mine | people) or phrase in self.gaz.state_names or self.gaz.country_in(phrase) \
                        or phrase in self.gaz.media:
                    continue
                return True
        return False

    def _named_last(self, e: Entity, before: float) -> float:
        """Where the article last names *e* before *before*: as a source or anywhere in the text
        ("Swift accused Braun, Borchetta and Big Machine …. The company denied …")."""
        last = self.last.get(e.key, e.pos)
        for n in {e.name, *e.aliases}:
            n = strip_determiner(n)
            if n[:1].isupper() and len(n) > 2:
                found = [x.start() for x in re.finditer(r"\b" + re.escape(n) + r"\b", self.text[:int(before)])]
                if found:
                    last = max(last, float(found[-1]))
        return last

    def _a_company(self, e: Entity) -> bool:
        last = e.name.split()[-1].lower() if e.name.split() else ""
        # a lone name ("Beridze") may be a person's, whose company is another source
        return (e.type == "organisation" and e.name[:1].isupper() and e.name.lower() not in self.gaz.media
                and not self._bare_name(e) and not e.name.isupper()   # "NASA" is no company
                and (last not in self.gaz.heads or last in self.gaz.businesses))

    def _sentence_start(self, pos: float, back: int = 0) -> float:
        """Where the sentence *back* sentences before the one at *pos* starts."""
        k = max(0, bisect.bisect_right(self.starts, pos) - 1 - back)
        return float(self.starts[k])

    def _by_named_body(self, m: "Mention") -> Entity | None:
        """A role in apposition to an organisation's name ("The plant's owner, Kartli
        Chemicals"): the source is the organisation, named by its capitalised words up to the
        organisation word (Chemicals, Clinic, University …)."""
        for w in m.words:
            if w.deprel != "appos" or not w.text[:1].isupper() or \
                    self.gaz.heads.get(w.text.lower()) != "organisation":
                continue
            name = [x for x in m.words if x.head == w.i and x.deprel in ("compound", "flat", "amod")
                    and x.text[:1].isupper() and x.end <= w.start] + [w]
            text = self.text[name[0].start:w.end]
            return self._entity("name:" + text.lower(), text, "organisation", m.pos)
        return None

    def _by_people(self, m: "Mention") -> Entity | None:
        """Two or more people named together ("Vindman and Williams testified"): one source of
        people, never matched by either surname alone nor meant by a "he" or "she"."""
        if m.head is None or m.head.upos != "PROPN":
            return None
        conjuncts = [m.head, *(w for w in m.words if w.deprel == "conj" and w.head == m.head.i and w.upos == "PROPN")]
        if len(conjuncts) < 2 or not any(w.deprel == "cc" and w.text.lower() in ("and", "&") for w in m.words):
            return None
        known = self.full_names()
        for c in conjuncts:
            run = sorted([c, *(w for w in m.words if w.head == c.i and w.upos == "PROPN"
                               and w.deprel in ("flat", "compound"))], key=lambda w: w.i)
            if surname(" ".join(w.text for w in run)) not in known and not self._given_name(run):
                return None
        return self._entity("people:" + m.low, m.clean, "person", m.pos)

    def _by_person(self, m: "Mention") -> Entity | None:
        """A person: NER when present, else a run of proper nouns; the same surname as a person
        named before is that person."""
        person = self._person(m.clean, m.words, m.head)
        if not person:
            return None
        name, title, sure = person
        e = self._person_named(surname(name)) or self._bare_named(surname(name))
        if e is None and self._full_names().get(surname(name), "").endswith(" " + name):
            # the end of a name the article gives in full elsewhere, though it starts with a
            # given name or is one ("Michael Thomas … Thomas told", "Kathleen Hawk Sawyer …
            # Hawk Sawyer told")
            e = self._surname_of(surname(name), m.pos)
        if e is not None and _other_given_name(name, e.name):
            e = None   # "Bill Clinton" after "Hillary Clinton", "Donald Trump" after "Melania Trump"
        if e is not None:
            e.type = "person"   # "Beridze said …" then "Beridze, the plant director": one person
            if len(name) > len(e.name):
                e.name, old = name, e.name
                e.add_alias(old)
            e.weak = e.weak and not sure
            return e
        ent = self._entity("person:" + name.lower(), name, "person", m.pos)
        rest = m.clean[m.clean.find(name) + len(name):] if name in m.clean else ""
        roles = {self.gaz.heads.get(t.strip(",.")) for t in (title + " " + rest).lower().split()}
        ent.weak = not (sure or roles & {"person", "government"})
        if title and any(t in self.gaz.heads and self.gaz.heads[t] == "government" for t in title.lower().split()):
            self._part_of(ent, self._country(title), m.pos)
        org = self._affiliation(m, skip=[w for w in m.words if w.text in name.split()])
        if org is not None:
            self._member_of(ent, org)
        return ent

    def _by_surname(self, m: "Mention") -> Entity | None:
        """A lone surname of someone named before ("Lopez told CNN …" after "Maria Lopez") — as
        the mention's head: "Morrison's lawyer" is someone else."""
        props = [w for w in m.words if w.upos == "PROPN"]
        if len(props) == 1 and props[0].text[:1].isupper() and (
                m.head is None or m.head.start == props[0].start):
            return self._surname_of(props[0].text.lower(), m.pos)
        return None

    def _surname_of(self, last: str, pos: float) -> Entity | None:
        """The person a lone surname names: one named before as a source, else one the article
        names in full where they were no source ("former special envoy to Ukraine Kurt Volker
        … Volker said")."""
        found = self._person_named(last)
        named = self._full_names() if found is None else {}
        if last in named:
            found = self._entity("person:" + named[last].lower(), named[last], "person", pos)
        elif found is None:
            full = self._family_name_first(last)
            if full is not None:
                found = self._person_named(surname(full)) or \
                    self._entity("person:" + full.lower(), full, "person", pos)
        return found

    def _family_name_first(self, word: str) -> str | None:
        """The one full name the article gives that starts with *word*, a word no given-name
        list has ("Li Jifeng, a doctor … Li explained"): a family name written first."""
        if word in self.gaz.first_names or word in self.gaz.given_names:
            return None
        people = [n for ns in self._people_named().values() for n in ns]
        people += [e.name for e in self.entities.values() if e.type == "person" and not several(e)]
        names = {n for n in people if len(n.split()) == 2 and n.split()[0].lower() == word
                 and all(w[:1].isupper() for w in n.split())}
        return names.pop() if len(names) == 1 else None

    def _person_named(self, last: str) -> Entity | None:
        for k in reversed(self.order):
            e = self.entities[k]
            if e.type == "person" and not several(e) and surname(e.name) == last:
                return e
        return None

    def _bare_named(self, last: str) -> Entity | None:
        """A lone name met before anything showed it a person's, typed as an organisation."""
        for k in reversed(self.order):
            e = self.entities[k]
            if self._bare_name(e) and e.name.lower() == last:
                return e
        return None

    def _new_source(self, m: "Mention") -> Entity:
        """A new source typed by its head noun. A state possessor ("Russia's Defence Ministry")
        names the hierarchy, not the body."""
        g = self.gaz
        clean, low = self._without_apposition(m), m.low
        if clean != m.clean:
            low = _key(clean)
        if clean != m.clean and " " not in clean and clean[:1].isupper():
            known = self._surname_of(clean.lower(), m.pos)   # "Morrison, Vindman's superior"
            if known is not None:
                return known
        typ = self._type_of(m.hlow, m.head, clean)
        if typ == "anonymous" and len(clean) > 1 and clean.isalpha() and clean.isupper():
            typ = "organisation"   # an acronym the tagger read as a word ("WHO" as "who")
        owner = None
        poss = re.match(r"^(.+?)['’]s\s+(.+)$", clean)
        if poss and poss.group(1).lower() in g.state_names and typ != "person":
            owner, clean = g.state_names[poss.group(1).lower()], poss.group(2)
            low = _key(clean)
        ent = self._entity("name:" + low, clean, typ, m.pos)
        self._part_of(ent, owner, m.pos)
        if typ == "person":
            org = self._affiliation(m)
            if org is not None:
                self._member_of(ent, org)
        if typ in ("government", "anonymous", "person"):
            self._part_of(ent, self._country(clean, skip_head=m.hlow), m.pos)
        elif typ == "media":
            st = self._country(clean, skip_head=m.hlow)
            # Outlets are independent of their country's state unless the gazetteer says so.
            if st and re.search(r"\bstate\b", low):
                self._part_of(ent, st, m.pos)
        return ent

    def _without_apposition(self, m: "Mention") -> str:
        """A name without the description after it ("Gazprom, the state gas company"): the
        name is the source, the description an alias, so "Gazprom said" is the same one."""
        if m.head is None or m.head.upos != "PROPN":
            return m.clean
        # the parser reads the description as an apposition, a conjunct with no "and", or a
        # second subject beside it; a description is a common noun with its article or its owner
        # ("the state gas company", "Vindman's superior"); a second name ("the Wheeling
        # News-Register") or a bare plural ("Tuesday, prosecutors") is not one
        def described(w: Word) -> bool:
            kids = [d for d in m.words if d.head == w.i]
            return w.upos == "NOUN" and not any(d.deprel == "cc" for d in kids) and any(
                d.lemma.lower() in ("the", "a", "an") and d.deprel == "det" or d.deprel == "nmod:poss" for d in kids)
        appos = [w for w in m.words if w.i > m.head.i and described(w) and (
            w.head == m.head.i and w.deprel in ("appos", "conj") or (w.head == m.head.head and w.deprel == m.head.deprel))]
        if not appos:
            return m.clean
        first = min(x.start for x in _subtree_in(m.words, appos[0]) if x.upos != "PUNCT")
        comma = self.text.find(",", m.head.end, first)
        if comma < 0:
            return m.clean
        return strip_determiner(self.text[m.words[0].start:comma].strip()) or m.clean

    def _country(self, text: str, skip_head: str = "") -> str | None:
        before = LOCATIVE.split(text, 1)[0]
        if skip_head and before.lower().strip() == skip_head:
            return None
        return self.gaz.country_in(before)

    def _type_of(self, hlow: str, head: Word | None, clean: str) -> str:
        g = self.gaz
        # a name's last word types it too, where the parser heads the name by its first
        # ("Caucasus Wire": a wire service)
        last = clean.split()[-1].lower() if head is not None and head.upos == "PROPN" and clean.split() else ""
        if last and len(clean.split()) >= 2 and clean.split()[-1][:1].isupper() and last in g.newspaper_ends:
            return "media"   # "the Las Vegas Sun"
        for cand in (hlow, head.lemma.lower() if head else "", last):
            if cand in g.heads:
                if g.heads[cand] == "person" and head is not None and self._unnamed_plural(head):
                    return "anonymous"  # "Doctors said": unnamed people, as "officials" and "residents"
                if g.heads[cand] == "person" and cand in POLL_SHARES:
                    return "anonymous"  # "55 percent", "a majority of voters": unnamed people too
                return g.heads[cand]
        low = clean.lower()
        if re.search(r"\bnews\b", low):
            return "media"
        if head is not None:
            ner = _ner(head)
            if ner in ("PERSON", "PER"):
                return "person"
            if ner in ("GPE", "LOC", "FAC"):
                return "place"
            if ner in ("ORG", "NORP"):
                return "organisation"
            if head.upos == "PROPN" and head.feat("Number") == "Plur" and self._opens_sentence(head):
                return "anonymous"   # "Farmers said": capital only because it opens the sentence
            if head.upos == "PROPN":
                return "organisation"
        return "anonymous"

    @staticmethod
    def _unnamed_plural(head: Word) -> bool:
        """A plural role noun ("doctors", "lawyers"), not a share of a poll ("a third", "half")."""
        return head.feat("Number") == "Plur" and head.text.lower() != head.lemma.lower()

    def _opens_sentence(self, w: Word) -> bool:
        """Whether *w* is its sentence's first word (quote marks aside)."""
        found = self.words.between(w.start, w.start + 1)
        if not found:
            return False
        sent = found[0][0]
        return all(x.upos == "PUNCT" for x in sent.words[:w.i])

    def _person(self, clean: str, words: list[Word], head: Word | None) -> tuple[str, str, bool] | None:
        """(name, title, sure) when the mention names a person; *sure* when more than capitals
        say so: NER, a title ("Dr.", "Coach"), a known first name or an appositive role."""
        if not words or head is None:
            return None
        if any(_ner(w) in PERSON_NER for w in words):
            found = self._as_person(clean, words, head, [w for w in words if _ner(w) in PERSON_NER])
            return (*found, True) if found else None
        runs = self._name_runs(words)
        def sure_of(run: list[Word]) -> bool:
            return bool(self._titled(words, run) or self._given_name(run)
                        or self._appositive_role(words, run) or _personal_form(run))

        # first a run that more than capitals shows a name ("At the … Summit, Indian Prime
        # Minister Narendra Modi"), then the one that holds the mention's head, then one before
        # any preposition (after it is where the person works: "Apte, a professor at the
        # University of Texas Austin"), else the last ("lead author Maria Lopez, a researcher
        # at …"); a one-word run only when something besides capitals makes it a name
        runs.sort(key=lambda r: (not sure_of(r), head not in r, _after_preposition(words, r),
                                 -words.index(r[-1])))
        for run in runs:
            sure = sure_of(run)
            if _spaced_words(run) < 2 and not sure:
                continue   # "Coca-Cola" is one word, whatever the tokens
            if not sure and _after_the(words, run):
                continue   # "the Apple Watch", "The Globe Theatre": a person's name takes no "the"
            found = self._as_person(clean, words, head, self._without_role(run))
            if found:
                return (*found, bool(sure))
        return None

    def _without_role(self, run: list[Word]) -> list[Word]:
        """The run from its given name on when only roles stand before it ("state schools
        Superintendent Jennifer McCormick"): a role no title list has is still no name."""
        people = people_nouns()
        for k, w in enumerate(run[1:-1], start=1):
            if w.text.lower() in self.gaz.first_names or self._given_name(run[k:]):
                # roles, or a place the parser ran in ("envoy to Ukraine Kurt Volker")
                if all(x.text.lower() in people or self.gaz.country_in(x.text) for x in run[:k]):
                    return run[k:]
                break
        k = 0
        while k < len(run) - 2 and self.gaz.country_in(run[k].text):
            k += 1   # "President of Ukraine Volodymyr Zelensky": the state is no part of the name
        return run[k:]

    def _name_word(self, w: Word) -> bool:
        low = w.text.lower().rstrip(".")
        return (w.upos == "PROPN" and w.text[:1].isupper() and w.text.lower() not in self.gaz.heads
                and low not in self.gaz.titles and _ner(w) not in NON_PERSON_NER)

    def _name_runs(self, words: list[Word]) -> list[list[Word]]:
        """Runs of adjacent name words; a lowercase particle ("Marta de Vries") or a hyphen
        written without spaces ("Jean-Pierre") between two of them belongs to the name."""
        runs: list[list[Word]] = []
        words = _without_bracketed_names(words)
        for k, w in enumerate(words):
            nxt = words[k + 1] if k + 1 < len(words) else None
            joined = nxt is not None and self._name_word(nxt) and (
                w.text.lower() in NAME_PARTICLES
                or (w.text in "-‐" and runs and runs[-1][-1].end == w.start and w.end == nxt.start))
            if (self._name_word(w) or joined) and runs and runs[-1] and words.index(runs[-1][-1]) == k - 1:
                runs[-1].append(w)
            elif self._name_word(w):
                runs.append([w])
        return runs

    def _titled(self, words: list[Word], run: list[Word]) -> bool:
        """A title or a capitalised role stands right before the name ("Dr. Okafor", "Coach
        Riley", "Governor Oleh Kiper")."""
        k = words.index(run[0])
        if k and words[k - 1].text in ("(", "["):
            k -= 1   # "Coach (Frank) Vogel"
        if k == 0:
            return False
        prev = words[k - 1]
        low = prev.text.lower().rstrip(".")
        return low in self.gaz.titles or (prev.text[:1].isupper()
                                          and self.gaz.heads.get(low) in ("person", "government"))

    def _role_before(self, words: list[Word], run: list[Word]) -> bool:
        """A person's role right before the name: the gazetteer's ("coach Tomas Okonkwo"), or
        any of WordNet's nouns of people before a name of two words or more ("investor Leon
        Cooperman", "teenager Darius Bazley") but one a company can be too ("rival Ford Motor")."""
        k = words.index(run[0])
        if k == 0 or words[k - 1].upos != "NOUN":
            return False
        low = words[k - 1].text.lower()
        if self.gaz.heads.get(low) == "person":
            return True
        return (words[k - 1].text.islower() and _spaced_words(run) >= 2 and low in people_nouns()
                and low not in self.gaz.businesses and low not in self.gaz.trade_roles
                and self.gaz.heads.get(low) is None)

    def _appositive_role(self, words: list[Word], run: list[Word]) -> bool:
        """The name is followed by ", a/the <role>" ("Omar, a senior military analyst")."""
        k = words.index(run[-1]) + 1
        if k >= len(words):
            return False
        if words[k].text == ",":
            k += 1
        elif "," not in self.text[run[-1].end:words[k].start]:
            return False   # (a mention joined to the name before it may leave its comma out)
        rest = words[k:]
        return any(self.gaz.heads.get(w.text.lower()) in ("person", "anonymous") and w.upos == "NOUN"
                   for w in rest)

    def _as_person(self, clean: str, words: list[Word], head: Word, run: list[Word]) -> tuple[str, str] | None:
        # an acronym makes a name a body's ("UN", "NBC News"); an initial or "III" does not
        if not run or any(_acronym(w.text) for w in run) and not any(_ner(w) in PERSON_NER for w in run):
            return None
        after = words.index(run[-1]) + 1
        if after < len(words) and self._word_type(words[after]) in ORG_TYPES:
            return None   # "Walt Disney Co. executive Kevin Mayer": "Walt Disney" names the company
        if len(run) > 1 and (self._word_type(run[-1]) in ORG_TYPES or self._newspaper_end(run[-1])):
            return None   # "Citizenship and Immigration Services", "Huffington Post": a body's word ends it
        name = re.sub(r"\s*([-‐])\s*", r"\1", " ".join(w.text for w in run))
        if not name or self.gaz.country_in(name) or name.lower() in self.gaz.agencies \
                or name.lower() in self.gaz.media or name.lower() in wordnet_places():
            return None   # (a place of two words or more, "San Diego", is no one's name)
        # A name followed by an organisation head ("Gazprom Neft Company") is not a person.
        # So is one in a body's name ("the University of Texas Austin").
        if head.text.lower() in self.gaz.heads and head not in run and self.gaz.heads[head.text.lower()] \
                not in ("person", "anonymous"):
            if words.index(head) > words.index(run[-1]) or _after_preposition(words, run):
                return None
        if head.upos == "NOUN" and head not in run and words.index(head) < words.index(run[0]) and any(
                w.upos == "ADP" and w.head >= run[0].i for w in words[words.index(head) + 1:words.index(run[0])]):
            # a preposition that governs the name or what it names ("a job listing for an Apple
            # Watch engineer", "the wife of John Smith"): the source is someone else; not one
            # before a place the parser ran into the name ("envoy to Ukraine Kurt Volker")
            return None
        i = words.index(run[0])
        if i >= 2 and words[i - 1].upos == "ADP" and (self._word_type(words[i - 2]) in ORG_TYPES or (
                words[i - 2].text[:1].isupper() and not self._given_name(run)
                and run[0].text.lower() not in self.gaz.first_names)):
            return None   # "… at the University of Texas Austin", "Doctors for Camp Closure"
        before = words[i - 1] if i >= 1 else None
        if before is not None and before.upos == "NOUN" and before.text.islower() and (
                self._word_type(before) == "organisation" or before.text in self.gaz.businesses):
            return None   # "the private equity firm Alden Capital": the body's name
        if re.match(r"-(?:based|born|headquartered)\b", self.text[run[-1].end:run[-1].end + 20]):
            return None   # "a Sugar Land-based provider": a place
        title = clean[:clean.find(run[0].text)].strip() if run[0].text in clean else ""
        return name, title

    def _given_name(self, run: list[Word]) -> bool:
        """A run that starts with a given name: one the gazetteer lists, alone ("Helen said");
        one of the census's, only before another name ("Kurt Volker"), and no place's."""
        first = run[0].text.lower()
        if first in self.gaz.first_names:
            return True
        return len(run) >= 2 and first in self.gaz.given_names and first not in self.gaz.state_names

    def _newspaper_end(self, w: Word) -> bool:
        return w.text[:1].isupper() and w.text.lower() in self.gaz.newspaper_ends

    def _word_type(self, w: Word) -> str | None:
        """The kind of source a word names by itself, in any number ("Centers", "Services")."""
        low = w.text.lower()
        return self.gaz.heads.get(low) or self.gaz.heads.get(w.lemma.lower()) or (
            self.gaz.heads.get(low[:-1]) if low.endswith("s") and len(low) > 3 else None)

    def _bare_name(self, e: Entity) -> bool:
        """A lone proper name the gazetteers do not know ("Zelenskiy told reporters"): without
        NER it may be a person, so "he" may point back to it."""
        name = e.name.strip()
        low = name.lower()
        return (e.type == "organisation" and " " not in name and name[:1].isupper()
                and not name.isupper() and low not in self.gaz.media and low not in self.gaz.agencies
                and not self.gaz.country_in(name) and not with_article(e.aliases))

    def _antecedent(self, kind: str, gender: str = "", pos: float | None = None) -> Entity | None:
        for k in reversed(self.order):
            e = self.entities[k]
            if kind == "thing" and e.weak and pos is not None \
                    and self.last.get(k, e.pos) < self._sentence_start(pos, back=1):
                continue   # "it" proves a name a body's only right after it ("Crédit Rhône … It")
            if kind == "person" and (e.type == "person" and not several(e) or self._bare_name(e)):
                if gender and gender_in([e.name, *e.aliases], self.gaz) not in ("", gender):
                    continue   # "she said" after "he said" of a man is not him
                return e
            if kind == "thing" and (e.type not in ("person", "anonymous") or e.weak):
                return e
            if kind == "group" and several(e):
                return e   # "Vindman and Williams … they"
            if kind == "group" and e.type != "person" and not self._bare_name(e) \
                    and e.name.split()[0].lower() not in PRONOUNS \
                    and (e.type != "anonymous" or group_name(e.name)):
                return e   # a lone name may be a person's, "He" and "part of it" are no group
            if kind == "speaker":
                return e
        if kind == "person" and gender:
            # no person of that gender: a lone unnamed role ("The actress … she said"), a noun
            # of people ("a caption suggested … He wrote" is not the caption)
            for k in reversed(self.order):
                e = self.entities[k]
                low = e.name.lower()
                if e.type == "anonymous" and " " not in e.name and not re.search(r"[^s]s$", low) \
                        and (low in people_nouns() or self.gaz.heads.get(low) in ("person", "anonymous")) \
                        and gender_in([e.name, *e.aliases], self.gaz) in ("", gender):
                    return e
        return None

    def _someone_since(self, since: float, pos: float, gender: str) -> bool:
        """Whether a person named as such, or a noun of a person of *gender* ("mother",
        "actress") that is no source, stands between *since* and *pos*: the one a "she" or "he"
        more likely means than a lone name only capitals made a name."""
        if any(e.type == "person" and not e.weak and since < self.last.get(k, -1.0) < pos
               for k, e in self.entities.items()):
            return True   # a person named since, though not this one ("Boise … Daniel Anthony … she")
        words = self.gaz.female if gender == "Fem" else self.gaz.male if gender == "Masc" else set()
        quotes = self._quote_index()
        # (not in someone's quoted words: "what this woman's story is about" is the character)
        return any(w.upos == "NOUN" and w.lemma.lower() in words and not any(s <= w.start < e for s, e in self.spans)
                   and quotes.region_at(w.start) is None for _, w in self.words.between(int(since) + 1, int(pos)))

    def _other_group(self, since: float, pos: float) -> bool:
        """Whether something else "they" may mean stands between *since* and *pos*: a person
        quoted (a singular "they"), or a plural subject that is no source in a sentence that
        quotes no one ("Gov. Holcomb and legislative leaders have avoided … However, they said";
        the "residents" of "Officials said residents left" are what the source spoke of)."""
        if any(e.type == "person" and since < self.last.get(k, -1.0) < pos for k, e in self.entities.items()):
            return True   # "Kym Lino, a spokesperson, confirmed … 'We use …,' they said"
        for sent, w in self.words.between(int(since) + 1, int(pos)):
            if w.upos not in ("NOUN", "PROPN", "PRON") or any(s <= w.start < e for s, e in self.spans):
                continue
            # "Gov. Eric Holcomb and leaders": the parser may hang the conjunct on a name's part
            several = any(sent.kids(x.i, "conj") for x in [w, *sent.kids(w.i, "flat", "compound")])
            if several and sent.start <= pos < sent.end:
                return True   # "between him, Sondland and other leaders in which they …"
            if not w.deprel.startswith("nsubj") or w.upos == "PRON" \
                    or any(sent.start <= s < sent.end for s, _ in self.spans):
                continue
            if w.feat("Number") == "Plur" or several:
                return True
        return False

    def _described(self, hlow: str, hlemma: str) -> Entity | None:
        cands = {hlow, hlemma, hlow.rstrip("s")}
        for k in reversed(self.order):
            e = self.entities[k]
            if e.type == "person" and self.gaz.heads.get(hlow) != "person":
                continue  # "the ministry" is not the ministry's spokeswoman
            names = [e.name, *e.aliases]
            for n in names:
                ws = {x.lower().strip(".,") for x in n.split()}
                if cands & ws and strip_determiner(n).lower() != hlow:
                    return e
        # Also sources only reachable as a parent ("the ministry" after "Russia's ministry").
        return None

    def full_names(self) -> set[str]:
        """Surnames of the people the article names anywhere, source or not ("Zach Parise"
        makes a later "Parise said" a person)."""
        return set(self._people_named())

    def _full_names(self) -> dict[str, str]:
        """Surname → full name, for the surnames only one person named in the article has."""
        out = {}
        for last, names in self._people_named().items():
            # "Volker" after a title and "Kurt Volker" are one person; "Kurt" and "Ann Volker" two
            longest = {n for n in names if not any(o != n and o.endswith(" " + n) for o in names)}
            if len(longest) == 1:
                out[last] = longest.pop()
        return out

    def _people_named(self) -> dict[str, set[str]]:
        """Surname → the full names the article gives people: runs of name words that more
        than capitals show a person's — a known first name before the last, a given name
        starting two or more, NER, a title or a role before ("Mr. Beridze", "coach Tomas
        Okonkwo"), a role beside ("Beridze, the plant director")."""
        if self._names_cache is None:
            seen: dict[str, set[str]] = {}
            for sent in (self.doc.sentences if self.doc is not None else []):
                for whole in self._name_runs(sent.words):
                    # the parser may run a place or a capitalised role into the name ("envoy to
                    # Ukraine Kurt Volker", "Goalie Marta Lindqvist"): from a given name if any
                    given = [k for k, w in enumerate(whole[:-1]) if w.text.lower() in self.gaz.first_names
                             or w.text.lower() in self.gaz.given_names]
                    for run in (whole[k:] for k in dict.fromkeys([*given, *range(len(whole))])):
                        name = self._named_person(sent, run)
                        if name:
                            seen.setdefault(surname(name), set()).add(name)
                            break
            self._names_cache = seen
        return self._names_cache

    def _named_person(self, sent: Sentence, run: list[Word]) -> str | None:
        words = sent.words
        # (UD heads a name by its first word, where an apposition hangs: "Li Jifeng, a doctor")
        if not (self._titled(words, run) or self._role_beside(sent, run[-1]) or self._role_beside(sent, run[0])
                or self._role_before(words, run)
                or len(run) >= 2 and (any(w.text.lower() in self.gaz.first_names for w in run[:-1])
                                      or self._given_name(run) or any(_ner(w) in PERSON_NER for w in run))):
            return None
        if len(run) == 1:
            return run[0].text
        found = self._as_person(" ".join(w.text for w in run), words, run[-1], run)
        return found[0] if found else None

    def _role_beside(self, sent: Sentence, name: Word) -> bool:
        """A person's role in apposition to the name ("Beridze, the plant director,"), or the
        parser's second subject beside it after a comma. The gazetteer's roles only: WordNet's
        people nouns include roles a company has too ("owner", "maker")."""
        beside = list(sent.kids(name.i, "appos"))
        if name.i + 1 < len(sent.words) and sent.words[name.i + 1].text == "," and name.head >= 0:
            beside += [w for w in sent.kids(name.head, name.deprel) if w.i > name.i]
        return any(self.gaz.heads.get(w.lemma.lower()) in ("person", "anonymous") and w.upos == "NOUN"
                   for w in beside)

    def sources(self) -> tuple[list[Source], dict[str, str]]:
        """Sources with ids in order of first mention, and the entity-key → id map."""
        surnames = self.full_names()
        for e in self.entities.values():
            if self._bare_name(e) and e.name.lower() in surnames:
                e.type, e.weak = "person", False
        ents = sorted(self.entities.values(), key=lambda e: e.pos)
        ids = {e.key: f"s{k + 1}" for k, e in enumerate(ents)}
        out = [Source(ids[e.key], e.name, list(e.aliases), e.type, [ids[p] for p in e.part_of], e.key)
               for e in ents]
        return out, ids


@lru_cache(maxsize=1)
def wordnet_places() -> frozenset[str]:
    """WordNet's places of two words or more, lower-cased (data/wordnet.json, ``places``)."""
    return frozenset(wordnet_table().get("places", ()))


def _subtree_in(words: list[Word], head: Word) -> list[Word]:
    """*head* and the words of *words* below it."""
    by_i = {w.i: w for w in words}

    def under(w: Word) -> bool:
        seen = set()
        while w.i != head.i and w.head in by_i and w.i not in seen:
            seen.add(w.i)
            w = by_i[w.head]
        return w.i == head.i

    return [w for w in words if under(w)]


def _phrase(words: list[Word], head: Word, beside: Word | None = None) -> str:
    """The words of *head*'s subtree among *words*, without case markers ("'s", "of"); with
    the capitalised words next to it that the parser hung on *beside* instead ("United
    Nations spokesman", "a Boise State University political scientist")."""
    return " ".join(w.text for w in _phrase_words(words, head, beside))


def _phrase_words(words: list[Word], head: Word, beside: Word | None = None) -> list[Word]:
    ids = {head.i}
    grew = True
    while grew:
        grew = False
        for w in words:
            if w.i not in ids and (w.head in ids or beside is not None and w.head == beside.i
                                   and w.text[:1].isupper() and w.upos != "DET"
                                   and (w.i + 1 in ids or w.i - 1 in ids)):
                ids.add(w.i)
                grew = True
    kept = [w for w in words if w.i in ids and w.upos != "PUNCT"]
    # case markers and articles only at the edges: "of" stays inside "University of Barcelona"
    while kept and kept[0].upos in ("PART", "ADP", "DET"):
        kept.pop(0)
    while kept and kept[-1].upos in ("PART", "ADP", "DET"):
        kept.pop()
    return kept


def resolve_sources(analysis: Analysis, doc: Doc | None, skip: Iterable[str] = (),
                    gazetteer: Gazetteer | None = None) -> None:
    """Fill ``analysis.sources`` and each attribution's ``source_id``.

    Attributions whose id is in *skip* (boilerplate) get no source.
    """
    skip = set(skip)
    r = Resolver(analysis.text, doc, gazetteer)
    chosen: dict[str, Entity] = {}
    todo = [a for a in analysis.attributions
            if a.id not in skip and a.source is not None and a.source.text.strip()]
    todo.sort(key=lambda a: a.source.start if a.source.spans else a.cue.start)

    def enclosing(a: Attribution) -> Attribution | None:
        p = a.source.start
        return next((b for b in todo if b is not a and any(s <= p < e for s, e in b.content.spans)),
                    None)

    def run(a: Attribution, depth: int = 0) -> Entity:
        if a.id not in chosen:
            outer = enclosing(a) if depth < 3 else None
            speaker = run(outer, depth + 1) if outer is not None else None
            chosen[a.id] = r.resolve(a.source.text, a.source.spans, speaker)
        return chosen[a.id]

    for a in todo:
        run(a)
    sources, ids = r.sources()
    analysis.sources = sources
    for a in todo:
        a.source_id = ids[chosen[a.id].key]


def hierarchy(sources: Iterable[Source]) -> dict[str, set[str]]:
    """For each source id, itself and every source it is (transitively) part of.

    >>> sorted(hierarchy([Source("s1", "Russia"), Source("s2", "FSB", part_of=["s1"])])["s2"])
    ['s1', 's2']
    """
    parents = {s.id: list(s.part_of) for s in sources}
    return {sid: set(part_of_walk(sid, parents)) for sid in parents}


def part_of_walk(sid: str, parents: dict[str, list[str]], key=None) -> list[str]:
    """*sid* and every source it is (transitively) part of, depth first; with *key* (id → key),
    one per key: the store walks keys, an article ids.

    >>> part_of_walk("s3", {"s1": [], "s2": ["s1"], "s3": ["s2"]})
    ['s3', 's2', 's1']
    """
    key = key or (lambda x: x)
    out, seen, todo = [], set(), [sid]
    while todo:
        x = todo.pop()
        if key(x) not in seen:
            seen.add(key(x))
            out.append(x)
            todo.extend(parents.get(x, []))
    return out


def independent(a: str, b: str, tree: dict[str, set[str]]) -> bool:
    """Two sources are independent when neither is, or belongs to, the other's hierarchy."""
    return not (tree.get(a, {a}) & tree.get(b, {b}))
