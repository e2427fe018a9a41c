"""The claim graph: one networkx ``MultiDiGraph`` per analysis, merged across articles.

Nodes (attribute ``kind``): ``article`` (``article:<id>``), ``source`` (``source:<key>`` —
the key is the source's normalised name, so the same source in two articles is one node) and
``claim`` (``claim:<article>/<id>``). Edges (attribute ``relation``): source→claim with the cue's
relation (``asserts``, ``claims``, ``confirms``, ``denies``, ``reports``, …), claim→claim
(``confirms``, ``contradicts``, ``repeats``, ``elaborates``), source→source (``part_of``) and
claim→article (``appears_in``). Every attribute is a str, int, float or bool; lists (aliases,
spans) are JSON strings, so GraphML and GEXF can hold them and a round trip changes nothing.

>>> from claimtrack.types import Analysis, Source, Claim, Link
>>> a = Analysis("art", "Moscow claims X.", "0", sources=[Source("s1", "Russia", ["Moscow"],
...     "government", [], "state:russia")], claims=[Claim("c1", "X", "claimed", "rests on Russia")])
>>> G = build_graph(a)
>>> sorted(G.nodes)
['article:art', 'claim:art/c1', 'source:state:russia']
>>> G.nodes["source:state:russia"]["aliases"]
'["Moscow"]'
"""
from __future__ import annotations

import json
from typing import Iterable

import networkx as nx

from ..claims.words import RELATION_OF_CLASS, WITHHOLDING
from ..types import Analysis, Attribution


def _js(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def source_node(key: str) -> str:
    return f"source:{key}"


def claim_node(article: str, cid: str) -> str:
    return f"claim:{article}/{cid}"


def article_node(article: str) -> str:
    return f"article:{article}"


def cue_relation(a: Attribution) -> str:
    """The source→claim edge relation for an attribution's cue."""
    if a.cue.negated and a.cue.cls in WITHHOLDING:
        # "did not confirm", "has not said": no claim, and no denial either
        return "does_not_" + a.cue.cls
    return RELATION_OF_CLASS.get(a.cue.cls, "asserts")


def build_graph(analysis: Analysis) -> nx.MultiDiGraph:
    """The claim graph of one analysed article."""
    G = nx.MultiDiGraph()
    art = article_node(analysis.id)
    G.add_node(art, kind="article", label=analysis.id, article=analysis.id,
               text_sha256=analysis.text_sha256, chars=len(analysis.text))
    by_id = {s.id: s for s in analysis.sources}
    snode = {s.id: source_node(s.key or f"{analysis.id}/{s.id}") for s in analysis.sources}
    for s in analysis.sources:
        G.add_node(snode[s.id], kind="source", label=s.name, name=s.name, type=s.type,
                   aliases=_js(s.aliases), key=s.key, articles=_js([analysis.id]),
                   local_ids=_js({analysis.id: s.id}))
    for s in analysis.sources:
        for p in s.part_of:
            if p in by_id:
                G.add_edge(snode[s.id], snode[p], key="part_of", relation="part_of", kind="hierarchy")
    for c in analysis.claims:
        cn = claim_node(analysis.id, c.id)
        G.add_node(cn, kind="claim", label=c.id, text=c.text, status=c.status, reason=c.reason,
                   article=analysis.id, claim_id=c.id, sentence=c.sentence, spans=_js(c.spans),
                   attributions=_js(c.attributions), statement=c.statement, claim_kind=c.kind)
        G.add_edge(cn, art, key="appears_in", relation="appears_in", kind="provenance")
    atts = {a.id: a for a in analysis.attributions}
    # '"X is confirmed," said the KNB': the quoted verb, not "said", is what the source does
    stance = {c.id: c.stance for c in analysis.claims if c.stance in ("confirm", "deny")}
    for a in analysis.attributions:
        if not a.claim_id or not a.source_id or a.source_id not in snode:
            continue
        parent = atts.get(a.parent) if a.parent else None
        via = snode.get(parent.source_id, "") if parent and parent.source_id else ""
        G.add_edge(snode[a.source_id], claim_node(analysis.id, a.claim_id),
                   key=f"{analysis.id}/{a.id}", kind="attribution",
                   relation=(RELATION_OF_CLASS[stance[a.claim_id]] if a.claim_id in stance and
                             not a.cue.negated and a.cue.cls == "assert" else cue_relation(a)),
                   article=analysis.id, attribution=a.id, cue=a.cue.text, cue_lemma=a.cue.lemma,
                   cue_class=a.cue.cls, negated=a.cue.negated, type=a.type,
                   source_text=a.source.text if a.source else "",
                   source_spans=_js(a.source.spans if a.source else []),
                   cue_spans=_js(a.cue.spans), content_spans=_js(a.content.spans), via=via)
    for k, link in enumerate(analysis.links):
        G.add_edge(claim_node(analysis.id, link.source), claim_node(analysis.id, link.target),
                   key=f"{analysis.id}/l{k + 1}", relation=link.relation, kind="claim_link",
                   reason=link.reason, article=analysis.id)
    return G


class GraphMerger:
    """Merges claim graphs one at a time, in linear time (what :func:`merge_graphs` uses).

    A source's JSON lists (aliases, articles, local ids) are kept as Python lists and sets while
    merging and written back as JSON once, so 10,000 articles merge in seconds instead of
    re-reading every list at every union.
    """

    _LISTS = ("aliases", "articles")

    def __init__(self):
        import networkx as nx

        self.G = nx.MultiDiGraph()
        self._acc: dict[str, dict[str, list]] = {}  # node -> attr -> [value, seen-set or None]

    def add(self, g) -> None:
        G = self.G
        for n, data in g.nodes(data=True):
            if n in G and G.nodes[n].get("kind") == "source" and data.get("kind") == "source":
                acc = self._acc.setdefault(n, {})
                for attr in ("aliases", "articles", "local_ids"):
                    if attr not in data:
                        continue
                    if attr not in acc:
                        cur = json.loads(G.nodes[n].get(attr, "{}" if attr == "local_ids" else "[]"))
                        acc[attr] = [cur, None if isinstance(cur, dict) else set(map(_hashable, cur))]
                    value, seen = acc[attr]
                    new = json.loads(data[attr])
                    if seen is None:
                        value.update(new)
                    else:
                        fresh = [v for v in new if _hashable(v) not in seen]
                        value.extend(fresh)
                        seen.update(map(_hashable, fresh))
            elif n in G:
                self._flush(n)
                G.nodes[n].update(data)
            else:
                G.add_node(n, **data)
        for u, v, k, data in g.edges(keys=True, data=True):
            if not G.has_edge(u, v, key=k):
                G.add_edge(u, v, key=k, **data)

    def _flush(self, n: str) -> None:
        for attr, (value, _) in self._acc.pop(n, {}).items():
            self.G.nodes[n][attr] = json.dumps(value, ensure_ascii=False)

    def result(self):
        for n in list(self._acc):
            self._flush(n)
        return self.G


def _hashable(v):
    return v if isinstance(v, (str, int, float, bool, type(None))) else json.dumps(v, sort_keys=True)


def merge_graphs(graphs: Iterable[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """One graph from several: a source in several articles (same key) becomes one node whose
    ``aliases``, ``articles`` and ``local_ids`` are unions; edges are all kept.

    >>> from claimtrack.types import Analysis, Source
    >>> g1 = build_graph(Analysis("a", "", "0", sources=[Source("s1", "Russia", ["Moscow"], "government", [], "state:russia")]))
    >>> g2 = build_graph(Analysis("b", "", "0", sources=[Source("s2", "Russia", ["the Kremlin"], "government", [], "state:russia")]))
    >>> G = merge_graphs([g1, g2])
    >>> G.nodes["source:state:russia"]["aliases"], G.nodes["source:state:russia"]["articles"]
    ('["Moscow", "the Kremlin"]', '["a", "b"]')
    """
    merger = GraphMerger()
    for g in graphs:
        merger.add(g)
    return merger.result()


def build_graph_many(analyses: Iterable[Analysis]) -> nx.MultiDiGraph:
    """The merged claim graph of several articles."""
    return merge_graphs(build_graph(a) for a in analyses)


def describe(G: nx.MultiDiGraph) -> str:
    """A short text rendering: one line per edge, sources and claims by label.

    >>> describe(nx.MultiDiGraph())
    ''
    """
    def name(n: str) -> str:
        d = G.nodes[n]
        if d.get("kind") == "claim":
            return f"{d.get('claim_id', n)} [{d.get('status', '')}]"
        return str(d.get("label", n))

    lines = []
    order = {"hierarchy": 0, "attribution": 1, "claim_link": 2, "provenance": 3}
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (order.get(e[2].get("kind"), 9), e[0], e[1])):
        extra = f"  \"{d['cue']}\"" if d.get("cue") else f"  ({d['reason']})" if d.get("reason") else ""
        lines.append(f"{name(u)} --{d.get('relation')}--> {name(v)}{extra}")
    return "\n".join(lines)


def corpus_graph(store) -> nx.MultiDiGraph:
    """The corpus graph of a claim store: one node per claim cluster (not per appearance), one
    per source (merged by entity key), one per article; every edge dated.

    Edges: source → cluster (the appearance's class as a verb, with ``date``, ``article``,
    ``outlet``, ``cue``), cluster → cluster (``confirms``, ``contradicts``, ``elaborates`` with
    their evidence), cluster → article (``appears_in``), review → cluster (``reviews``: the
    verdicts recorded on the desk)."""
    G = nx.MultiDiGraph()
    for art in store.articles():
        G.add_node(article_node(art["id"]), kind="article", label=art["title"] or art["id"],
                   article=art["id"], date=art["date"] or "", outlet=art["outlet"] or "",
                   url=art["url"] or "")
    for c in store.clusters():
        node = f"cluster:{c['id']}"
        G.add_node(node, kind="cluster", label=c["statement"][:80], cluster=c["id"],
                   statement=c["statement"], status=c["status"], reason=c["reason"], kind_of_claim=c["kind"],
                   first_seen=c["first_seen"]["date"] or "", appearances=len(c["appearances"]))
        for k, a in enumerate(c["appearances"]):
            if a["source_key"]:
                src = source_node(a["source_key"])
                if src not in G:
                    G.add_node(src, kind="source", label=a["source"], name=a["source"], key=a["source_key"])
                G.add_edge(src, node, key=f"{c['id']}/a{k + 1}", kind="appearance",
                           relation=RELATION_OF_CLASS.get(a["class"], a["class"]), date=a["date"] or "",
                           article=a["article"], outlet=a["outlet"] or "", cue=a["cue"] or "")
            G.add_edge(node, article_node(a["article"]), key=f"{c['id']}/in{k + 1}", kind="provenance",
                       relation="appears_in", date=a["date"] or "")
        for l in c["links"]:
            G.add_edge(node, f"cluster:{l['target']}", key=f"{c['id']}/{l['relation']}/{l['target']}",
                       kind="claim_link", relation=l["relation"], date=l["date"] or "",
                       article=l["article"], evidence=_js(l["evidence"]))
        _add_reviews(G, node, c)
    return G


def _add_reviews(G: nx.MultiDiGraph, node: str, cluster: dict) -> None:
    """A fact-checker's reviews of a cluster (the desk's), as ``review`` nodes beside it: the
    same node kind and attributes as ``claimtrack review import`` gives a per-article claim."""
    for k, r in enumerate(cluster.get("reviews", []), 1):
        rnode = f"review:{cluster['id']}:{k}"
        extra = {} if r.get("value") is None else {"rating": int(r["value"])}
        G.add_node(rnode, kind="review", label=r["rating"], verdict=r["rating"], notes=r["note"] or "",
                   reviewer=r["reviewer"] or "", date=r["at"] or "", cluster=cluster["id"], **extra)
        G.add_edge(rnode, node, key=f"{cluster['id']}/review{k}", kind="review", relation="reviews",
                   date=r["at"] or "")
