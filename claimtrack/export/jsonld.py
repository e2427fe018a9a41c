"""schema.org ``Claim`` and ``ClaimReview`` as JSON-LD, for fact-checkers' tools.

One ``Claim`` per claim (text, author = the sources that make it, typed
``Person``/``Organization``/``GovernmentOrganization``/``NewsMediaOrganization``, ``appearance`` =
the article); a claim with a reviewer's verdict (from a filled review CSV, see
:mod:`claimtrack.export.review`, or the desk's store) becomes a ``ClaimReview`` with the ``Claim`` as its
``itemReviewed``. An unrated ClaimReview is never written.

``@id``s are stable: ``urn:claimtrack:<article id>:<claim id>`` for a claim (``…:review`` for its
review), ``urn:claimtrack:<article id>`` for an article without a URL, and
``urn:claimtrack:source:<source key>`` for a source, so one source has one ``@id`` across articles.

>>> from claimtrack.types import Analysis, Claim, Source
>>> a = Analysis("kaluga", "FSB said X.", "0" * 64, sources=[Source("s1", "FSB", type="government")],
...              claims=[Claim("c1", "X", "unverified", "one source")])
>>> doc = to_jsonld([a])
>>> doc["@graph"][1]["@type"], doc["@graph"][1]["@id"]
('Claim', 'urn:claimtrack:kaluga:c1')
>>> review = to_jsonld([a], {("kaluga", "c1"): {"verdict": "False", "reviewer": "A"}})["@graph"][1]
>>> review["@type"], review["itemReviewed"]["@id"]
('ClaimReview', 'urn:claimtrack:kaluga:c1')
"""
from __future__ import annotations

import json
import re
import unicodedata
from typing import IO, Mapping, Sequence
from urllib.parse import quote

from ..io.safetext import web_url
from ..types import Analysis, Claim, Source

SCHEMA_CONTEXT = "https://schema.org"
URN = "urn:claimtrack:"

# Source type (as the sources stage writes it) -> schema.org type. First matching prefix wins.
_TYPE_RULES: list[tuple[tuple[str, ...], str]] = [
    (("person", "people", "individual", "anonymous", "official", "spokes", "expert", "witness",
      "journalist"), "Person"),
    (("document", "data", "report", "statistic", "figure"), "CreativeWork"),
    (("media", "news", "press", "outlet", "newspaper", "broadcaster"), "NewsMediaOrganization"),
    (("gov", "state", "country", "nation", "authorit", "ministry", "agency", "military", "army",
      "police", "security", "court", "parliament", "embassy", "president", "kremlin"),
     "GovernmentOrganization"),
]


def schema_type(source_type: str | None) -> str:
    """The schema.org type for a claimtrack source type.

    Unnamed people (``anonymous``: "officials", "experts") are a ``Person``; a ``document``
    source ("official figures") is a ``CreativeWork``, given as the claim's ``citation`` because
    schema.org's ``author`` must be a person or an organisation.

    >>> [schema_type(t) for t in ("person", "government", "media", "organisation", "anonymous",
    ...                           "document", None)]
    ['Person', 'GovernmentOrganization', 'NewsMediaOrganization', 'Organization', 'Person', \
'CreativeWork', 'Organization']
    """
    t = (source_type or "").strip().lower()
    for prefixes, stype in _TYPE_RULES:
        if t.startswith(prefixes):
            return stype
    return "Organization"


def _iri_part(s: str) -> str:
    return quote(str(s), safe="-._~")


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "source"


def article_iri(analysis: Analysis) -> str:
    """The article's ``@id``: its URL when known, else a URN from its id."""
    url = web_url((analysis.meta or {}).get("url"))
    return url if url else f"{URN}{_iri_part(analysis.id)}"


def claim_iri(analysis_id: str, claim_id: str) -> str:
    return f"{URN}{_iri_part(analysis_id)}:{_iri_part(claim_id)}"


def source_iri(analysis_id: str, source: Source) -> str:
    """One ``@id`` per source key across articles; per article when the source has no key."""
    if source.key:
        return f"{URN}source:{_iri_part(_slug(source.key))}"
    return f"{URN}{_iri_part(analysis_id)}:{_iri_part(source.id)}"


def _source_node(analysis: Analysis, source: Source, by_id: Mapping[str, Source]) -> dict:
    stype = schema_type(source.type)
    node: dict = {"@type": stype, "@id": source_iri(analysis.id, source), "name": source.name}
    aliases = [a for a in source.aliases if a and a != source.name]
    if aliases:
        node["alternateName"] = aliases
    parents = [by_id[p] for p in source.part_of
               if p in by_id and schema_type(by_id[p].type).endswith("Organization")]
    if parents and stype != "CreativeWork":
        # a Person is affiliated with an organisation; an organisation has a parent organisation
        prop = "affiliation" if stype == "Person" else "parentOrganization"
        node[prop] = [{"@type": schema_type(p.type), "@id": source_iri(analysis.id, p),
                       "name": p.name} for p in parents]
    return node


def _article_node(analysis: Analysis) -> dict:
    meta = analysis.meta or {}
    node: dict = {"@type": "NewsArticle", "@id": article_iri(analysis), "identifier": analysis.id}
    if web_url(meta.get("url")):
        node["url"] = web_url(meta.get("url"))
    if meta.get("title"):
        node["headline"] = str(meta["title"])
        node["name"] = str(meta["title"])
    if meta.get("date"):
        node["datePublished"] = str(meta["date"])
    if meta.get("publisher"):
        node["publisher"] = {"@type": "NewsMediaOrganization", "name": str(meta["publisher"])}
    return node


def claim_authors(analysis: Analysis, claim: Claim) -> list[Source]:
    """The resolved sources of a claim's attributions, in reading order, each once."""
    by_id = {s.id: s for s in analysis.sources}
    attrs = {a.id: a for a in analysis.attributions}
    out: list[Source] = []
    for aid in claim.attributions:
        a = attrs.get(aid)
        if a is not None and a.source_id in by_id and by_id[a.source_id] not in out:
            out.append(by_id[a.source_id])
    return out


def _rating(review: Mapping[str, str]) -> dict:
    rating: dict = {"@type": "Rating", "alternateName": review["verdict"].strip()}
    if str(review.get("rating") or "").strip().isdigit():   # a 1–5 rating, when the review has one
        rating.update(ratingValue=int(review["rating"]), bestRating=5, worstRating=1)
    if review.get("notes"):
        rating["ratingExplanation"] = review["notes"]
    return rating


def claim_review(analysis: Analysis, claim: Claim,
                 review: Mapping[str, str] | None = None) -> dict:
    """The ``ClaimReview`` node of one reviewed claim, with its ``Claim`` nested as
    ``itemReviewed``; an unreviewed claim (no verdict) is the ``Claim`` node alone.

    A ClaimReview has what Google's ClaimReview structured data requires: ``url`` (the
    review's ``url`` when given, else the article's), ``datePublished`` (the review's ``date``,
    else the day of the export), ``author`` (the reviewer), ``claimReviewed`` (the claim's
    standalone statement) and ``reviewRating`` with ``alternateName`` (the verdict)."""
    by_id = {s.id: s for s in analysis.sources}
    meta = analysis.meta or {}
    cid = claim_iri(analysis.id, claim.id)
    item: dict = {"@type": "Claim", "@id": cid, "identifier": claim.id, "text": claim.text}
    authors = claim_authors(analysis, claim)
    people = [s for s in authors if schema_type(s.type) != "CreativeWork"]
    documents = [s for s in authors if schema_type(s.type) == "CreativeWork"]
    if people:
        item["author"] = [_source_node(analysis, s, by_id) for s in people]
    if documents:
        item["citation"] = [_source_node(analysis, s, by_id) for s in documents]
    item["appearance"] = {"@id": article_iri(analysis)}
    if meta.get("date"):
        item["datePublished"] = str(meta["date"])
    machine = f"claimtrack status: {claim.status}"
    if claim.reason:
        machine += f" ({claim.reason})"
    item["description"] = machine
    if not (review and (review.get("verdict") or "").strip()):
        return item   # nobody has rated it: a Claim, never a ClaimReview with an empty rating
    node: dict = {"@type": "ClaimReview", "@id": f"{cid}:review",
                  "url": web_url(review.get("url")) or web_url(meta.get("url")) or cid,
                  "datePublished": str(review.get("date") or _today()),
                  "author": _reviewer(review, meta),
                  "claimReviewed": claim.statement or claim.text,
                  "itemReviewed": item, "reviewRating": _rating(review)}
    return node


def _today() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).date().isoformat()


def _reviewer(review: Mapping[str, str], meta: Mapping) -> dict:
    """The review's author: the reviewer, else the publisher given in ``meta``, else claimtrack."""
    if (review.get("reviewer") or "").strip():
        return {"@type": "Person", "name": review["reviewer"].strip()}
    return {"@type": "Organization", "name": str(meta.get("publisher") or "claimtrack review")}


def to_jsonld(analyses: Sequence[Analysis],
              reviews: Mapping[tuple[str, str], Mapping[str, str]] | None = None) -> dict:
    """One JSON-LD document (``@graph``) for all *analyses*: each article, then per claim a
    ``ClaimReview`` when it was reviewed, else its ``Claim``.

    *reviews* maps ``(article id, claim id)`` to ``{"verdict", "notes", "reviewer"}`` (as read by
    :func:`claimtrack.export.review.read_review_csv`; optional ``rating`` 1–5, ``url``, ``date``).
    """
    graph: list[dict] = []
    for analysis in analyses:
        graph.append(_article_node(analysis))
        for claim in analysis.claims:
            review = (reviews or {}).get((analysis.id, claim.id))
            graph.append(claim_review(analysis, claim, review))
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def write_jsonld(analyses: Sequence[Analysis], out: IO[str],
                 reviews: Mapping[tuple[str, str], Mapping[str, str]] | None = None) -> None:
    json.dump(to_jsonld(analyses, reviews), out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- a claim of the claim store (the desk's ClaimReview) ---------------------------------------

def _cluster_author(app: Mapping) -> dict:
    """A store appearance's source as a schema.org author (the store keeps name and key only)."""
    key = app.get("source_key") or ""
    stype = "Person" if key.startswith("person:") else \
        "GovernmentOrganization" if key.startswith("state:") else "Organization"
    return {"@type": stype, "@id": f"{URN}source:{_iri_part(_slug(key))}", "name": app["source"]}


def _cluster_claim(cluster: Mapping, article_urls: Mapping[str, str] | None = None) -> dict:
    """The schema.org ``Claim`` of a store cluster: its statement, who made it, where it appeared."""
    node: dict = {"@type": "Claim", "@id": f"{URN}cluster:{_iri_part(cluster['id'])}",
                  "identifier": cluster["id"], "text": cluster["statement"]}
    authors, seen = [], set()
    for app in cluster.get("appearances", []):
        if app.get("source") and app.get("source_key") and app["source_key"] not in seen:
            seen.add(app["source_key"])
            authors.append(_cluster_author(app))
    if authors:
        node["author"] = authors
    first = (cluster.get("first_seen") or {}).get("date")
    if first:
        node["datePublished"] = str(first)
    articles = {}
    for app in cluster.get("appearances", []):
        art = {"@type": "NewsArticle", "@id": f"{URN}{_iri_part(app['article'])}",
               "identifier": app["article"]}
        if app.get("date"):
            art["datePublished"] = str(app["date"])
        if web_url((article_urls or {}).get(app["article"])):
            art["url"] = web_url(article_urls[app["article"]])
        if app.get("outlet"):
            art["publisher"] = {"@type": "NewsMediaOrganization", "name": app["outlet"]}
        articles.setdefault(app["article"], art)
    if articles:
        node["appearance"] = list(articles.values())
        node["firstAppearance"] = {"@id": next(iter(articles.values()))["@id"]}
    node["description"] = f"claimtrack status: {cluster.get('status', '')}" + \
        (f" ({cluster['reason']})" if cluster.get("reason") else "")
    return node


def cluster_claimreview(cluster: Mapping, url: str,
                        article_urls: Mapping[str, str] | None = None) -> dict:
    """Google's ClaimReview for a store cluster whose page is *url*, from its latest review.

    Every ClaimReview has ``url``, ``datePublished`` (the review's date), ``author`` (the
    reviewer), ``claimReviewed`` (the cluster's standalone statement) and ``reviewRating`` with
    ``alternateName`` (the verdict) and, when given, ``ratingValue`` on a 1–5 scale. A cluster
    nobody has reviewed is a schema.org ``Claim`` only: never a ClaimReview with an empty rating.
    *article_urls* (article id → URL) gives the appearances their ``url``.

    >>> c = {"id": "k1", "statement": "two workers died", "status": "claimed", "appearances": [],
    ...      "reviews": []}
    >>> cluster_claimreview(c, "http://127.0.0.1:8765/claims/k1")["@type"]
    'Claim'
    >>> c["reviews"] = [{"rating": "False", "value": 1, "note": "", "reviewer": "Ana", "at": "2024-05-10T09:00:00+00:00"}]
    >>> r = cluster_claimreview(c, "http://127.0.0.1:8765/claims/k1")
    >>> r["reviewRating"]["alternateName"], r["datePublished"], r["author"]["name"]
    ('False', '2024-05-10', 'Ana')
    """
    claim = _cluster_claim(cluster, article_urls)
    reviews = [r for r in cluster.get("reviews", []) if (r.get("rating") or "").strip()]
    if not reviews:
        return {"@context": SCHEMA_CONTEXT, **claim}
    review = reviews[-1]   # the latest verdict is the one published
    rating = _rating({"verdict": review["rating"], "notes": review.get("note") or "",
                      "rating": "" if review.get("value") is None else str(review["value"])})
    return {"@context": SCHEMA_CONTEXT, "@type": "ClaimReview", "@id": f"{claim['@id']}:review",
            "url": url, "datePublished": (review.get("at") or "")[:10],
            "author": {"@type": "Person", "name": review.get("reviewer") or "claimtrack desk"},
            "claimReviewed": cluster["statement"], "reviewRating": rating, "itemReviewed": claim}
