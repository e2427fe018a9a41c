"""Claims: group attributions into propositions, link them, and give each a status.

A *proposition* is the content of an attribution (plus the rest of its cue's clause, which
the content span may miss), reduced to features: lemma stems of content words, countries
named by any name or demonym, and numbers ("two" = "2"). Words physically shared by two
contents ("an operation … that Moscow claims prevented …") are one mention playing two
roles, so they do not count as agreement. Two propositions are linked by what they share
and by their cues' classes: a confirm cue *confirms*, a deny cue or negation *contradicts*,
otherwise near-identical contents *repeat* and overlapping ones *elaborate*.

Status, first that applies: ``unattributed`` (the article's own voice), ``denied``
(its source denies it), ``disputed`` (another claim contradicts it), ``confirmed`` /
``partly-confirmed`` (an independent source confirms or asserts all / part of it — a source
of the same hierarchy, e.g. the FSB for Moscow, is not independent, and the reason says so),
``reported`` (a neutral relay: report, announce, according to), ``claimed`` (it rests on its
source alone).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..extract.boilerplate import inside
from ..extract.lexicon import Lexicon, load_lexicon
from ..parse.parser import Doc, Sentence, Word
from ..parse.index import WordIndex
from ..sources.resolve import Gazetteer, hierarchy, independent, load_gazetteer
from .kind import classify, hypothetical, lead_sentence, leaves_open, not_checkable_reason, speaker_will
from .status import Evidence, decide
from .signature import Signature, arguments_text, build_signature, compare, evidence_text, presupposes
from .pronouns import Context
from .refer import (DEMONSTRATIVES, judged_claim, noun_phrase_only, pointed_at, points_back, stands_for,
                    states_of, verdict)
from .statement import Speaker, make_statement
from .words import TIMES, classify_number, stem as _stem
from ..types import Analysis, Attribution, Claim, Link, Source, Span

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
STOP = {"be", "have", "do", "say", "will", "would", "can", "could", "may", "might", "other",
        "such", "thing", "way", "people", "person", "also", "take", "place", "make", "get",
        "put", "end", "these", "this", "time", "just", "many", "more", "most", "several"}
RELAY = {"report"}
FULL = 0.8  # share of a claim's content another must cover to confirm it in full


def word_feature(w: Word, gaz: Gazetteer) -> tuple[str, bool] | None:
    """(feature, is_anchor) for a content word, or None for words that carry no content."""
    if w.upos not in CONTENT_POS and not (w.upos == "X" and w.text[:1].isupper()):
        return None
    num = classify_number(w.text)
    if num is not None:
        return "#" + num, True
    low, lemma = w.text.lower(), w.lemma.lower()
    state = gaz.demonyms.get(low) or gaz.state_names.get(low)
    if state and low not in gaz.places:
        return "@" + state.lower(), True
    if lemma in STOP or len(lemma) < 3:
        return None
    if lemma in TIMES:
        return "~" + lemma, False
    lemma = gaz.lemma_groups.get(lemma, gaz.lemma_groups.get(low, lemma))
    return _stem(lemma), w.upos in ("NOUN", "PROPN")


@dataclass
class Unit:
    """One proposition candidate: attributions carrying it (innermost first) and its words."""

    atts: list[Attribution]
    words: dict[int, tuple[str, bool]]          # word start → (feature, anchor)
    cls: str = "assert"
    negated: bool = False
    pos: int = 0
    sentence: int = -1
    spans: list[Span] = field(default_factory=list)
    text: str = ""

    def feats(self, exclude: set[int] = frozenset()) -> dict[str, bool]:
        if not exclude:
            return dict(self._full()[0])
        out: dict[str, bool] = {}
        for p, (f, anchor) in self.words.items():
            if p not in exclude:
                out[f] = out.get(f, False) or anchor
        return out

    def _full(self) -> tuple[dict[str, bool], frozenset, frozenset, float]:
        """(features, their set, word positions, weight sum), computed once: ``words`` is final
        by the time claims are grouped and linked."""
        c = self.__dict__.get("_cache")
        if c is None:
            out: dict[str, bool] = {}
            for f, anchor in self.words.values():
                out[f] = out.get(f, False) or anchor
            c = self.__dict__["_cache"] = (out, frozenset(out), frozenset(self.words),
                                           sum(_weight(f) for f in out))
        return c

    @property
    def denies(self) -> bool:
        return self.cls == "deny" and not self.negated

    @property
    def withholds(self) -> bool:
        """"did not confirm", "has not said": the source neither asserts nor denies it."""
        return self.negated and self.cls in ("assert", "confirm", "claim", "report")

    @property
    def confirms(self) -> bool:
        return self.cls == "confirm" and not self.negated


def _cue_word(sent: Sentence, a: Attribution) -> Word | None:
    for w in sent.words:
        if a.cue.spans and w.start == a.cue.spans[0][0]:
            return w
    return None


def _supposed(words: list, a: Attribution | None) -> bool:
    """The content is itself a supposition: it opens with its root's "if"/"as if" ("If it
    seemed like …"); "that if the team lost, he would resign" is a conditional claim."""
    if a is None or not words:
        return False
    ids = {(id(s), w.i) for s, w in words}
    roots = [(s, w) for s, w in words if (id(s), w.head) not in ids and w.upos != "PUNCT"][:1]
    first = next((w for _, w in words if w.upos != "PUNCT"), None)
    return any(first is not None and first.deprel == "mark" and first.head == w.i and hypothetical(s, w)
               for s, w in roots)


def _supposed_cue(a: Attribution, idx: WordIndex) -> bool:
    """The cue itself stands in an "if"/"as if" clause ("as if the president had written it"):
    nobody is said to have said anything, so the attribution makes no claim."""
    cue = idx.in_spans(a.cue.spans[:1])
    return bool(cue) and hypothetical(*cue[0])


def _sentence_at(doc: Doc, pos: int) -> Sentence | None:
    for s in doc.sentences:
        if s.start <= pos < s.end + 1:
            return s
    return None


def _units(analysis: Analysis, doc: Doc | None, lex: Lexicon, gaz: Gazetteer,
           skip: set[str]) -> list[Unit]:
    idx = WordIndex(doc)
    atts = [a for a in analysis.attributions if a.id not in skip and not _supposed_cue(a, idx)]
    children: dict[str, list[Attribution]] = {}
    for a in atts:
        if a.parent:
            children.setdefault(a.parent, []).append(a)
    by_id = {a.id: a for a in atts}
    all_role_spans: dict[str, list[Span]] = {
        a.id: [*(a.source.spans if a.source else []), *a.cue.spans, *a.content.spans] for a in atts}
    feats: dict[int, tuple[str, bool] | None] = {}

    def feature(w: Word) -> tuple[str, bool] | None:   # word_feature, once per word
        k = id(w)
        if k not in feats:
            feats[k] = word_feature(w, gaz)
        return feats[k]

    units: list[Unit] = []
    for a in atts:
        if a.id in children:   # an outer attribution joins its innermost one's claim
            continue
        chain = [a]
        while chain[-1].parent and chain[-1].parent in by_id and by_id[chain[-1].parent] not in chain:
            chain.append(by_id[chain[-1].parent])
        words: dict[int, tuple[str, bool]] = {}
        own = [w for _, w in idx.in_spans(a.content.spans)]
        # The cue's clause beyond the content span (a content cut short still has its words),
        # minus the source, the cue and other attributions' roles.
        extra: list[Word] = []
        sent = _sentence_at(doc, a.cue.start) if doc is not None and a.cue.spans else None
        if sent is not None:
            cw = _cue_word(sent, a)
            if cw is not None:
                in_chain = {id(b) for b in chain}
                # only spans that can hold a word of this sentence matter
                lo, hi = min(w.start for w in sent.words), max(w.start for w in sent.words)
                blocked = [(s, e) for sp in (
                    [sp for b in atts if b is not a and id(b) not in in_chain
                     for sp in all_role_spans[b.id]],
                    [*(a.source.spans if a.source else []), *a.cue.spans]) for s, e in sp
                    if s <= hi and e > lo]
                for k in sent.subtree(cw.i):
                    w = sent.words[k]
                    if not any(s <= w.start < e for s, e in blocked):
                        extra.append(w)
        cls, neg = a.cue.cls, a.cue.negated
        # "X confirmed Y, citing Z": the chain's confirmation or denial decides its class.
        outer = {b.cue.cls for b in chain[1:] if not b.cue.negated}
        if cls not in ("confirm", "deny") and not neg:
            cls = "deny" if "deny" in outer else "confirm" if "confirm" in outer else cls
        own_ids, extra_ids = {id(w) for w in own}, {id(w) for w in extra}
        for w in own + extra:
            f = feature(w)
            if f is None:
                continue
            # A content whose own verb is a cue ("… is confirmed," said X) takes that verb's class.
            vcls = lex.verb_class(w.lemma.lower()) if w.upos == "VERB" else None
            if vcls in ("confirm", "deny") and id(w) in own_ids:
                if w.deprel in ("root", "ccomp", "parataxis") or any(
                        x.deprel.startswith("aux:pass") for x in own if x.head == w.i):
                    cls = vcls
                continue
            if vcls and id(w) in extra_ids:
                continue
            words[w.start] = f
        units.append(Unit(chain, words, cls, neg, a.content.start, a.sentence,
                          list(a.content.spans), a.content.text))
    return units


def _unattributed(analysis: Analysis, doc: Doc | None, gaz: Gazetteer, boiler: list[Span],
                  units: list[Unit]) -> list[Unit]:
    """Sentences in the article's own voice: no attribution touches them, they state something."""
    if doc is None:
        return []
    taken = [sp for a in analysis.attributions
             for sp in [*(a.source.spans if a.source else []), *a.cue.spans, *a.content.spans]]
    # A span (a, b) overlaps the sentence (s0, s1) iff a < b, a < s1, s0 < b and s0 < s1: sort the
    # non-empty spans by start and keep the running maximum of their ends.
    nonempty = sorted((a, b) for a, b in taken if a < b)
    starts = [a for a, _ in nonempty]
    reach, top = [], None
    for _, b in nonempty:
        top = b if top is None or b > top else top
        reach.append(top)
    out = []
    for s in doc.sentences:
        if inside((s.start, s.end), boiler, 0.3):
            continue
        n = bisect.bisect_left(starts, s.end)     # spans starting before the sentence ends
        if s.start < s.end and n and reach[n - 1] > s.start:
            continue
        toks = [w for w in s.words if w.upos != "PUNCT"]
        root = next((w for w in s.words if w.head < 0), None)
        if len(toks) < 4 or root is None or analysis.text[s.start:s.end].rstrip().endswith(("?", ":")):
            continue
        # A statement has a verb or copula (headlines and labels often do not).
        if not any(w.upos in ("VERB", "AUX") for w in s.words):
            continue
        words = {w.start: f for w in s.words if (f := word_feature(w, gaz)) is not None}
        out.append(Unit([], words, "assert", False, s.start, s.index, [(s.start, s.end)],
                        analysis.text[s.start:s.end]))
    return out


def _weight(f: str) -> float:
    # Countries and times are context more than content: half weight each.
    return 0.5 if f[0] in "@~" else 1.0


def _overlap(a: Unit, b: Unit) -> tuple[dict[str, bool], float, float, set[str]]:
    """Shared features, the share of a's and of b's features they cover, and shared anchors."""
    fa, ka, pa, wa = a._full()
    fb, kb, pb, wb = b._full()
    if ka.isdisjoint(kb):   # nothing shared, whatever is excluded below
        return {}, 0.0, 0.0, set()
    common = pa & pb
    if common:
        fa, fb = a.feats(common), b.feats(common)
        wa, wb = sum(_weight(f) for f in fa), sum(_weight(f) for f in fb)
    shared = set(fa) & set(fb)
    ws = sum(_weight(f) for f in shared)
    cov_a = ws / wa if fa else 0.0
    cov_b = ws / wb if fb else 0.0
    anchors = {f for f in shared if (fa[f] or fb[f]) and f[0] not in "@~"}
    return {f: fa[f] for f in shared}, cov_a, cov_b, anchors


@dataclass
class _Claim:
    units: list[Unit]

    @property
    def first(self) -> Unit:
        return self.units[0]


def _label(f: str) -> str:
    return f[1:] if f[0] in "#@" else f


_WORD = re.compile(r"[\w][\w'’-]*")


def _surface(unit: Unit, feature: str, text: str) -> str:
    """The word as the article wrote it for a shared feature (reasons show "citizens", not the
    stem "citize")."""
    for p in sorted(unit.words):
        if unit.words[p][0] == feature:
            m = _WORD.match(text, p)
            if m:
                return m.group(0)
    return _label(feature)


def build_claims(analysis: Analysis, doc: Doc | None, lexicon: Lexicon | None = None,
                 skip: Iterable[str] = (), boilerplate: list[Span] | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
    """Fill ``analysis.claims`` and ``analysis.links`` and each attribution's ``claim_id``.

    Needs ``resolve_sources`` to have run (statuses depend on who is independent of whom).
    """
    lex = lexicon or load_lexicon()
    gaz = gazetteer or load_gazetteer()
    skip = set(skip)
    units = _units(analysis, doc, lex, gaz, skip)
    units += _unattributed(analysis, doc, gaz, boilerplate or [], units)
    units.sort(key=lambda u: (u.pos, u.atts[0].id if u.atts else ""))

    # Group near-identical, same-polarity assertions into one claim.
    groups: list[_Claim] = []
    for u in units:
        for g in groups:
            h = g.first
            if not u.atts or not h.atts or u.denies or h.denies or u.confirms or h.confirms \
                    or u.withholds or h.withholds:
                continue
            if u.spans == h.spans:
                g.units.append(u)
                break
            _, ca, cb, anchors = _overlap(h, u)
            if ca >= 0.75 and cb >= 0.75 and anchors:
                g.units.append(u)
                break
        else:
            groups.append(_Claim([u]))
    groups.sort(key=lambda g: g.first.pos)

    claims: list[Claim] = []
    for k, g in enumerate(groups):
        cid = f"c{k + 1}"
        att_ids = [a.id for u in g.units for a in sorted(u.atts, key=lambda a: a.id)]
        text = re.sub(r"^(?:that|whether|if)\s+", "", g.first.text.strip())
        claims.append(Claim(cid, text, "", "", att_ids, list(g.first.spans),
                            g.first.sentence))
        for u in g.units:
            for a in u.atts:
                a.claim_id = cid

    sigs, contents = _propositions(analysis, doc, groups, claims, lex, gaz)
    ties = _ties(analysis, groups, claims, sigs, contents)
    links, support = _links(analysis, groups, claims, sigs, ties)
    analysis.claims = claims
    analysis.links = links
    _statuses(analysis, groups, support)
    for k, (t, how, _) in ties.items():
        claims[k].reason += f"; it concerns {claims[t].id} ({how})"


def _infinitive(words: list) -> bool:
    """Whether the content is an infinitive ("advised its citizens to avoid …"): a "to" that
    marks one of its top words or the verb of its top noun, not one inside a clause of its own
    ("told CNN: 'We're not going to get into …'")."""
    inside = {(id(s), w.i) for s, w in words}

    def top(s, w) -> bool:
        return w.head < 0 or (id(s), w.head) not in inside

    for s, w in words:
        if w.upos == "PART" and w.deprel == "mark" and w.text.lower() == "to" and w.head >= 0:
            verb = s.words[w.head]
            if top(s, verb) or verb.head >= 0 and s.words[verb.head].upos in ("NOUN", "PROPN", "PRON") \
                    and top(s, s.words[verb.head]):
                return True
    return False


def _propositions(analysis: Analysis, doc: Doc | None, groups: list["_Claim"], claims: list[Claim],
                  lex: Lexicon, gaz: Gazetteer) -> tuple[list[Signature], list[list]]:
    """Fill each claim's statement, kind, stance and signature; return the signatures and each
    claim's content words."""
    idx = WordIndex(doc)
    by_id = {s.id: s for s in analysis.sources}
    ctx = Context.of(doc, analysis.text, analysis.sources, analysis.attributions, idx)
    confirm_lemmas = {lem for lem, c in lex.verbs.items() if c in ("confirm", "deny")}
    sigs, contents = [], []
    for claim, g in zip(claims, groups):
        u = g.first
        words = [(s, w) for s, w in idx.in_spans(u.spans)]
        a = u.atts[0] if u.atts else None
        speaker = by_id.get(a.source_id) if a and a.source_id else None
        sig = build_signature(words, speaker, analysis.sources, gaz, confirm_lemmas)
        modals = _main_modals(words)
        infinitive = _infinitive(words)
        kind = classify(a.cue.lemma if a else "", a.cue.cls if a else "", infinitive, modals,
                        u.text.rstrip().rstrip("\"'”’").endswith("?") or _asks(words, a),
                        bool(a) and speaker_will(words, _own_nouns(speaker, by_id, gaz)),
                        _supposed(words, a))
        claim.kind = kind
        claim.stance = u.cls if a else "unattributed"
        claim.signature = sig.to_dict()
        who = Speaker(speaker.name if speaker else None, _nation(speaker, by_id), speaker, a, ctx)
        claim.statement_resolutions = []
        claim.statement = make_statement(words, u.text, who.name, kind, who.nation, who,
                                         claim.statement_resolutions)
        sigs.append(sig)
        contents.append(words)
    return sigs, contents


def _main_modals(words: list) -> list[str]:
    """The modals of the content's own predicates (its heads and what is conjoined to them), not
    of a clause inside it ("… slept when they should have been working" gives no advice); a
    modal of the past perfect ("should have conducted") judges what was done, it advises nothing.
    A quotation's are its first sentence's (:func:`.kind.lead_sentence`)."""
    words = lead_sentence(words)
    inside = {(id(s), w.i) for s, w in words}
    tops = {(id(s), w.i) for s, w in words if w.head < 0 or (id(s), w.head) not in inside}
    main = set(tops) | {(id(s), w.i) for s, w in words if w.deprel == "conj" and (id(s), w.head) in tops}
    out = []
    for s, w in words:
        if w.deprel != "aux" or w.head < 0 or (id(s), w.head) not in main:
            continue
        if s.words[w.head].upos not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        perfect = any(a.lemma.lower() == "have" and a.i > w.i for a in s.kids(w.head, "aux"))
        if not perfect:
            out.append(w.lemma)
    return out


def _own_nouns(speaker: Source | None, by_id: dict[str, Source], gaz: Gazetteer) -> set[str]:
    """The common nouns that describe the speaker or a body it speaks for: the words of their
    names ("the ministry" for the Interior Ministry's spokesman) and the seat of an office they
    hold ("the city" for the mayor)."""
    out: set[str] = set()
    seen: set[str] = set()
    todo = [speaker] if speaker else []
    while todo:
        s = todo.pop()
        if s.id in seen:
            continue
        seen.add(s.id)
        for name in [s.name, *s.aliases]:
            for w in re.findall(r"[a-z]+", name.lower()):
                out.add(w)
                out |= gaz.offices.get(w, set())
        todo += [by_id[p] for p in s.part_of if p in by_id]
    return out - {"the", "a", "an", "of", "s", "and"}


def _asks(words: list, a) -> bool:
    """An attributed content that opens with a question word: asked or left open."""
    first = next((w for _, w in words if w.upos != "PUNCT"), None)
    return a is not None and first is not None and leaves_open(first.text)


def _ties(analysis: Analysis, groups: list["_Claim"], claims: list[Claim], sigs: list[Signature],
          contents: list[list]) -> dict[int, tuple[int, str, bool]]:
    """Claims that stand for another or judge it (claim index → (the other's index, why,
    whether it denies it)); a noun phrase that stands for nothing becomes a topic (see
    :mod:`.refer`)."""
    by_id = {s.id: s for s in analysis.sources}
    tree = hierarchy(analysis.sources)
    srcs = [set().union(*(tree.get(a.source_id, {a.source_id}) for a in _primary(g) if a.source_id))
            for g in groups]
    cues = [g.first.atts[0].cue.lemma.lower().split()[-1] if g.first.atts and g.first.atts[0].cue.lemma
            else "" for g in groups]
    ties: dict[int, tuple[int, str, bool]] = {}
    for k, g in enumerate(groups):
        u = g.first
        if u.atts and u.withholds and noun_phrase_only(contents[k], sigs[k]):
            claims[k].kind = "topic"   # "did not comment on the attack": nothing was said of it
            continue
        if not u.atts or u.withholds:
            continue
        speaker = by_id.get(u.atts[0].source_id or "")
        if noun_phrase_only(contents[k], sigs[k]):
            found = stands_for(k, sigs[k].predicate, states_of(speaker, by_id), sigs, cues, srcs) \
                if (u.denies or u.confirms) and srcs[k] else None
            if found is None:
                claims[k].kind = "topic"
            else:
                # "disputed the findings": the study's claim is what is rated, not "the findings"
                claims[k].kind = "reference"
                ties[k] = (*found, u.denies)
        elif not (u.denies or u.confirms) and srcs[k] and _verdict(contents[k]) is not None:
            noun, untrue = _verdict(contents[k])
            j = judged_claim(k, sigs, srcs, [bool(h.first.denies) for h in groups])
            if j is not None:
                # the source judges the other claim; its own words stay what it asserts
                ties[k] = (j, f"it calls the {noun} {'untrue' if untrue else 'true'}", untrue)
        elif u.confirms and srcs[k] and points_back(contents[k]):
            j = pointed_at(k, sigs, srcs)
            if j is not None:
                ties[k] = (j, "it points back to it ('" + " ".join(
                    w.text for _, w in contents[k] if w.deprel == "det" and w.upos == "DET"
                    and w.lemma.lower() in DEMONSTRATIVES) + "') and shares its number", False)
    return ties


def _verdict(words: list) -> tuple[str, bool] | None:
    return verdict(words, _claim_nouns())


@lru_cache(maxsize=1)
def _claim_nouns() -> frozenset[str]:
    """The lexicon's nouns of what someone put forward as so (not questions, plans or warnings):
    read once, not for every claim."""
    return frozenset(n for n, c in load_lexicon().nouns.items()
                     if c in ("claim", "assert", "evaluate", "report", "believe"))


def _nation(speaker: Source | None, by_id: dict) -> str | None:
    """The state a speaking body belongs to (the U.S. Embassy → United States), if any."""
    if speaker is None or speaker.key.startswith("state:"):
        return None
    for pid in speaker.part_of:
        parent = by_id.get(pid)
        if parent is not None and parent.key.startswith("state:"):
            return parent.name
    return None


def _shared_args(a: Signature, b: Signature) -> list[str]:
    return sorted(set(a.arguments) & set(b.arguments))


def _links(analysis: Analysis, groups: list["_Claim"], claims: list[Claim],
           sigs: list[Signature], ties: dict[int, tuple[int, str, bool]] | None = None
           ) -> tuple[list[Link], dict[int, list[tuple[int, float, str]]]]:
    """Links between the article's claims, decided on their signatures (never on shared dates
    or places alone) and on what a short content stands for (*ties*); each carries its
    evidence."""
    links: list[Link] = []
    support: dict[int, list[tuple[int, float, str]]] = {k: [] for k in range(len(groups))}
    ties = ties or {}
    for k, (t, how, den) in ties.items():
        shared = sorted(set(sigs[k].arguments) & set(sigs[t].arguments))
        ev = {"refers_to": claims[t].id, "because": how, "extent": "full" if den else "part",
              "relation": "contradicts" if den else "confirms",
              # what it stands for: the arguments both name, else all of the other claim's
              "arguments": shared or list(sigs[t].arguments),
              "numbers": sorted({v for v, _ in sigs[k].numbers} & {v for v, _ in sigs[t].numbers})}
        links.append(Link(claims[k].id, claims[t].id, ev["relation"],
                          f"{'denies' if den else 'confirms in part'} what {claims[t].id} says: {how}", ev))
        support[t].append((k, 1.0 if den else 0.5, "contradicts" if den else "confirms"))
        # a verdict ("the accusation was groundless") is itself disputed by the claim it calls
        # untrue, as the store reads a contradiction between two clusters; a denial is denied
        back = "asserts" if not den else "contradicted" if groups[k].first.denies else "contradicts"
        support[k].append((t, 1.0 if den else 0.5, back))
    for j in range(len(groups)):
        for i in range(j):
            if ties.get(j, (None,))[0] == i or ties.get(i, (None,))[0] == j:
                continue
            A, B = groups[i].first, groups[j].first
            if A.withholds or B.withholds:
                continue  # "did not confirm" neither supports nor contradicts anything
            ev = compare(sigs[i], sigs[j]) or _paraphrase(claims[i], claims[j])
            if ev is None and A.atts and B.atts and not (A.denies or B.denies):
                pre = presupposes(sigs[i], sigs[j]) or presupposes(sigs[j], sigs[i])
                if pre:   # one speaks of the event the other says took place
                    said, of = (i, j) if sigs[i].predicate == pre["predicate"] else (j, i)
                    links.append(Link(claims[of].id, claims[said].id, "confirms",
                                      f"confirms in part: {evidence_text(pre)}", pre))
                    support[said].append((of, 0.5, "confirms"))
                    continue
            if ev is None:
                shared = _shared_args(sigs[i], sigs[j])
                # nouns alone ("workers", "plant") do not make one claim elaborate another: a
                # shared named entity must be among them
                small = min(len(sigs[i].arguments), len(sigs[j].arguments))
                if len(shared) >= 2 and len(shared) * 2 >= small and any(":" in x for x in shared):
                    ev = {"arguments": shared}
                    links.append(Link(claims[j].id, claims[i].id, "elaborates",
                                      f"both speak of {arguments_text(shared)}", ev))
                continue
            cov = 1.0 if ev["extent"] == "full" else 0.5
            words = evidence_text(ev)
            both = bool(A.atts and B.atts)
            if both and (ev["relation"] == "contradicts" or A.denies != B.denies):
                den, oth = (i, j) if A.denies else (j, i)
                # the link is between the propositions; a denial turns its own round, so denying
                # P and saying not-P agree ("denied that the depot held diesel" / "No fuel had
                # been kept"): the denier backs the other claim, it does not dispute it
                agree = ev["relation"] == "contradicts" and A.denies != B.denies
                links.append(Link(claims[den].id, claims[oth].id, "contradicts",
                                  f"contradicts it, and is denied: the two agree ({words})" if agree
                                  else f"contradicts it ({words})", ev))
                support[oth].append((den, cov, "repeats" if agree else "contradicts"))
                support[den].append((oth, cov, "repeats" if agree else "contradicted"))
            elif both and (A.confirms or B.confirms) and not (A.denies or B.denies):
                conf, oth = (j, i) if B.confirms else (i, j)
                links.append(Link(claims[conf].id, claims[oth].id, "confirms",
                                  f"confirms {'in full' if cov >= FULL else 'in part'} ({words})", ev))
                support[oth].append((conf, cov, "confirms"))
                support[conf].append((oth, cov, "asserts"))
            elif not (A.denies or B.denies) and ev["relation"] != "contradicts":
                # (a claim in the writer's own voice that says the opposite does not say the same)
                links.append(Link(claims[j].id, claims[i].id, "repeats", f"says the same ({words})", ev))
                support[i].append((j, cov, "repeats"))
                support[j].append((i, cov, "repeats"))
    return links, support



def _paraphrase(a: Claim, b: Claim) -> dict | None:
    """The claim matcher on the two statements (the store's clusters use the same reading)."""
    from ..check.matcher import signature_evidence

    if not a.signature.get("predicate") or not b.signature.get("predicate"):
        return None
    return signature_evidence(a.statement or a.text, b.statement or b.text)


def _primary(g: _Claim) -> list[Attribution]:
    return [u.atts[0] for u in g.units if u.atts]


def _verb(others: list[int], groups: list[_Claim], names: str = "") -> str:
    """'confirms' / 'confirm' / 'asserts' / 'confirm or assert' for the supporting claims."""
    conf = {groups[o].first.confirms for o in others}
    plural = " and " in names
    word = "confirm" if conf == {True} else "assert" if conf == {False} else "confirm or assert"
    return word if plural else word.replace("confirm", "confirms").replace("assert", "asserts")


def _sort_support(links: list[tuple[int, float, str]], groups: list[_Claim], mine: list[str],
                  tree: dict[str, set[str]]) -> tuple[list[int], list[int], list[int], list[int]]:
    """A claim's supporting and disputing claims: independent in full, independent in part,
    not independent (same source or hierarchy), and disputing."""
    indep_full, indep_part, dependent, disputed = [], [], [], []
    for o, cov, rel in links:
        osrc = [a.source_id for a in _primary(groups[o]) if a.source_id]
        if not osrc or rel == "contradicted":
            continue
        if rel == "contradicts":
            disputed.append(o)
            continue
        free = all(independent(x, y, tree) for x in osrc for y in mine) if mine else True
        if not free:
            dependent.append(o)
        elif cov >= FULL:
            indep_full.append(o)
        else:
            indep_part.append(o)
    return indep_full, indep_part, dependent, disputed


def _dependent_note(analysis: Analysis, groups: list[_Claim], dependent: list[int], mine: list[str],
                    tree: dict[str, set[str]], who) -> str:
    """Why support from the same source or hierarchy is not counted."""
    dsrc = [a.source_id for o in dependent for a in _primary(groups[o]) if a.source_id]
    ids = ", ".join(analysis.claims[o].id for o in dependent)
    if set(dsrc) <= set(mine):
        return f"{who(mine)} says it again ({ids}), which adds no independent support"
    common = set().union(*(tree.get(x, {x}) for x in dsrc)) & set().union(
        *(tree.get(x, {x}) for x in mine))
    top = who(sorted(c for c in common if not any(p for p in
                     next((s.part_of for s in analysis.sources if s.id == c), []))))
    return f"{who(dsrc)} backs it ({ids}), but is not independent: both speak for {top}"


def _article_voice(claim: Claim, others: list[str]) -> None:
    claim.status = decide(Evidence(claim.kind, own_voice=True))
    if claim.status == "not-checkable":
        claim.reason = f"{not_checkable_reason(claim.kind, 'the writer')}; in the article's own voice"
        return
    claim.reason = "stated in the article's own voice, with no source"
    if others:
        claim.reason += f"; also said in {', '.join(others)}"


def _mark_independence(analysis: Analysis, claim: Claim, free: list[int], bound: list[int]) -> None:
    """Write on each confirming link whether its claim's sources are independent of the claim
    it confirms: the store decides a cluster's status on the same evidence."""
    for o, indep in [*((o, True) for o in free), *((o, False) for o in bound)]:
        for link in analysis.links:
            if (link.source, link.target, link.relation) == (analysis.claims[o].id, claim.id, "confirms"):
                link.evidence["independent"] = indep


def _statuses(analysis: Analysis, groups: list[_Claim],
              support: dict[int, list[tuple[int, float, str]]]) -> None:
    """Each claim's status, decided by :func:`.status.decide` on the article's evidence, and
    its reason in words."""
    tree = hierarchy(analysis.sources)
    names = {s.id: s.name for s in analysis.sources}

    def who(ids: Iterable[str]) -> str:
        seen = []
        for i in ids:
            if names.get(i, "") and names[i] not in seen:
                seen.append(names[i])
        return " and ".join(seen) or "an unnamed source"

    for k, (claim, g) in enumerate(zip(analysis.claims, groups)):
        prim = _primary(g)
        if not prim:
            _article_voice(claim, [analysis.claims[o].id for o, _, _ in support[k]])
            continue
        mine = [a.source_id for a in prim if a.source_id]
        relays = [b.source_id for u in g.units for b in u.atts[1:] if b.source_id]
        via = f", as relayed by {who(relays)}" if relays else ""
        indep_own = len({min(tree.get(s, {s})) for s in mine}) > 1 and all(
            independent(x, y, tree) for x in mine for y in mine if x != y)
        indep_full, indep_part, dependent, disputed = _sort_support(support[k], groups, mine, tree)
        _mark_independence(analysis, claim, indep_full + indep_part, dependent)
        denies = any(u.denies for u in g.units)
        withheld = all(u.withholds for u in g.units) and not support[k]
        ev = Evidence(claim.kind, withheld=withheld,
                      origins=(int(len(g.units) > 1 and not all(u.denies for u in g.units)) if denies
                               else 0 if withheld else 2 if len(mine) > 1 and indep_own else 1),
                      denied=denies, contradicted=bool(disputed), confirmed=bool(indep_full),
                      partly=bool(indep_part), relayed=all(a.cue.cls in RELAY for a in prim))
        claim.status = decide(ev)
        claim.reason = _reason(claim, analysis, groups, g, prim, mine, via, who,
                               (indep_full, indep_part, disputed))
        notes = [_dependent_note(analysis, groups, dependent, mine, tree, who)] if dependent else []
        if relays:
            notes.append("chain of sources: " + " → ".join(
                who([x]) for x in [*reversed(relays), *mine[:1]]))
        if notes and claim.status != "not-checkable":
            claim.reason += "; " + "; ".join(notes)


def _reason(claim: Claim, analysis: Analysis, groups: list[_Claim], g: _Claim, prim: list[Attribution],
            mine: list[str], via: str, who, support: tuple[list[int], list[int], list[int]]) -> str:
    """A claim's status in words: who says it, and which claims of the article back or deny it."""
    indep_full, indep_part, disputed = support
    status = claim.status

    def srcs(os: list[int]) -> str:
        # every source of the supporting chains, outermost first ("Reuters and satellite images")
        return who(b.source_id for o in os for u in groups[o].units for b in reversed(u.atts))

    def cids(os: list[int]) -> str:
        return ", ".join(analysis.claims[o].id for o in os)

    if status == "not-checkable":   # advice, plans, opinions, questions get no verdict
        by = "named by" if all(u.withholds for u in g.units) else "said by"  # "did not comment on"
        return f"{not_checkable_reason(claim.kind, prim[0].cue.text)}; {by} {who(mine)}{via}"
    if status == "reported" and all(u.withholds for u in g.units):
        cues = ", ".join(sorted({f"'{a.cue.text}'" for u in g.units for a in u.atts[:1]}))
        return f"{who(mine)} {cues} it{via}: neither asserted nor denied, so it stays an open question"
    if any(u.denies for u in g.units):
        return f"{who(mine)} denies it{via}" + (f"; asserted in {cids(disputed)}" if disputed else "")
    if status == "disputed":
        return f"{who(mine)} says it{via}, but {srcs(disputed)} denies it ({cids(disputed)})"
    if status == "confirmed" and indep_full:
        return (f"{srcs(indep_full)}, independent of {who(mine)}, "
                f"{_verb(indep_full, groups, srcs(indep_full))} it ({cids(indep_full)})")
    if status == "confirmed":
        return f"asserted independently by {who(mine)}"
    if status == "partly-confirmed":
        return (f"{srcs(indep_part)}, independent of {who(mine)}, "
                f"{_verb(indep_part, groups, srcs(indep_part))} part of it ({cids(indep_part)})")
    if status == "reported":
        return f"reported by {who(mine)} ('{prim[0].cue.text}'){via}; no independent confirmation"
    cue = prim[0].cue
    reason = f"rests on {who(mine)} alone{via}"
    if cue.cls == "claim":
        reason += f"; the cue '{cue.text}' distances the writer from it"
    return reason
