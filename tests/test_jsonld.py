"""schema.org Claim/ClaimReview JSON-LD: expands with pyld against the schema.org context.

There is no network in tests, so pyld gets a document loader that serves a local stand-in for
https://schema.org's context: what that context does for the terms we use is map them into the
schema.org vocabulary with ``@vocab`` (schema.org's own file says ``http://schema.org/``; both
schemes are tried) and type ``url`` as an IRI. Since ``@vocab`` maps *any* term, the test also
checks every property and type against the schema.org definitions it is used with.
"""
from __future__ import annotations

import copy
import json

import pytest

from claimtrack.export.jsonld import claim_iri, schema_type, to_jsonld
from claimtrack.types import Source
from exports_sample import sample_analysis

pyld = pytest.importorskip("pyld", reason="pyld is in the 'test' extra")
from pyld import jsonld  # noqa: E402

# schema.org types we emit, with the properties schema.org gives them (incl. inherited ones)
THING = {"name", "alternateName", "identifier", "url", "description"}
CREATIVE_WORK = THING | {"author", "datePublished", "text", "citation", "headline", "publisher"}
ORGANIZATION = THING | {"parentOrganization"}
SCHEMA = {
    "NewsArticle": CREATIVE_WORK,
    "CreativeWork": CREATIVE_WORK,
    "Claim": CREATIVE_WORK | {"appearance", "firstAppearance"},
    "ClaimReview": CREATIVE_WORK | {"claimReviewed", "itemReviewed", "reviewRating"},
    "Rating": THING | {"alternateName", "ratingExplanation", "ratingValue", "bestRating", "worstRating"},
    "Person": THING | {"affiliation"},
    "Organization": ORGANIZATION,
    "GovernmentOrganization": ORGANIZATION,
    "NewsMediaOrganization": ORGANIZATION,
}


REVIEWED = {("sample", "c2"): {"verdict": "False", "rating": "1", "reviewer": "A. Checker",
                               "date": "2024-03-20"}}


def loader_for(vocab: str):
    context = {"@context": {"@vocab": vocab, "schema": vocab, "url": {"@id": vocab + "url",
                                                                      "@type": "@id"}}}
    served = []

    def load(url, options=None):
        if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
            raise AssertionError(f"unexpected fetch of {url}")
        served.append(url)
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(context)}

    return load, served


def walk(node, vocab, seen):
    """Check every node of an expanded JSON-LD document against SCHEMA; collect its types."""
    if isinstance(node, list):
        for n in node:
            walk(n, vocab, seen)
        return
    if not isinstance(node, dict) or "@value" in node:
        return
    types = [t[len(vocab):] for t in node.get("@type", []) if t.startswith(vocab)]
    assert len(types) == len(node.get("@type", [])), f"type outside schema.org: {node['@type']}"
    seen.extend(types)
    props = {k for k in node if not k.startswith("@")}
    for k in props:
        assert k.startswith(vocab), f"property outside schema.org: {k}"
    names = {k[len(vocab):] for k in props}
    if types:
        allowed = set().union(*(SCHEMA[t] for t in types))
        assert names <= allowed, f"{types}: not schema.org properties of it: {names - allowed}"
    for k in props:
        walk(node[k], vocab, seen)


@pytest.mark.parametrize("vocab", ["http://schema.org/", "https://schema.org/"])
def test_jsonld_expands_against_schema_org_context(vocab):
    doc = to_jsonld([sample_analysis({"title": "Kaluga", "date": "2024-03-16",
                                      "url": "https://example.org/kaluga"})], REVIEWED)
    load, served = loader_for(vocab)
    expanded = jsonld.expand(json.loads(json.dumps(doc)), {"documentLoader": load})
    assert served, "the schema.org context was not loaded"
    seen: list[str] = []
    walk(expanded, vocab, seen)
    assert seen.count("ClaimReview") == 1 and seen.count("Claim") == 2   # c2 reviewed, c1 not
    assert {"NewsArticle", "GovernmentOrganization", "Rating"} <= set(seen)
    # the same document as RDF: well-formed IRIs, the claims typed schema:Claim
    nquads = jsonld.to_rdf(doc, {"documentLoader": load, "format": "application/n-quads"})
    claim = claim_iri("sample", "c1")
    assert f"<{claim}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{vocab}Claim>" in nquads
    assert f"<{claim}> <{vocab}appearance> <https://example.org/kaluga>" in nquads


def test_claim_content_authors_and_ids():
    doc = to_jsonld([sample_analysis()], {("sample", "c1"): {"verdict": "True", "reviewer": "A"}})
    article, r1, r2 = doc["@graph"]
    assert doc["@context"] == "https://schema.org"
    assert article == {"@type": "NewsArticle", "@id": "urn:claimtrack:sample", "identifier": "sample"}
    c1 = r1["itemReviewed"]
    assert (r1["@id"], c1["@id"]) == ("urn:claimtrack:sample:c1:review", "urn:claimtrack:sample:c1")
    assert r1["claimReviewed"] == c1["text"] == "two <militants> & a driver were killed"
    assert [(a["@type"], a["name"]) for a in c1["author"]] == [
        ("GovernmentOrganization", "FSB"), ("GovernmentOrganization", "Kazakhstan")]
    assert c1["author"][0]["@id"] == "urn:claimtrack:source:fsb"
    assert c1["appearance"] == {"@id": "urn:claimtrack:sample"}
    assert "datePublished" not in c1  # unknown date: not invented
    assert c1["description"] == "claimtrack status: confirmed (confirmed by Kazakhstan)"
    knb = r2["author"][0]          # c2 has no review: the Claim itself
    assert r2["@type"] == "Claim" and r2["@id"] == "urn:claimtrack:sample:c2"
    assert knb["alternateName"] == ["The KNB"]
    assert knb["parentOrganization"][0]["name"] == "Kazakhstan"


def test_meta_fills_article_and_dates_and_ids_are_stable():
    meta = {"title": "Kazakhstan confirms", "date": "2024-03-16", "url": "https://example.org/k"}
    doc = to_jsonld([sample_analysis(meta)], {("sample", "c1"): {"verdict": "True", "reviewer": "A",
                                                                 "date": "2024-03-20"}})
    article, r1, _ = doc["@graph"]
    assert article["@id"] == article["url"] == "https://example.org/k"
    assert article["headline"] == "Kazakhstan confirms" and article["datePublished"] == "2024-03-16"
    assert r1["itemReviewed"]["datePublished"] == "2024-03-16"
    assert r1["itemReviewed"]["appearance"] == {"@id": "https://example.org/k"}
    assert r1["url"] == "https://example.org/k" and r1["datePublished"] == "2024-03-20"
    assert json.dumps(to_jsonld([sample_analysis(meta)])) == json.dumps(to_jsonld([sample_analysis(meta)]))
    ids = [n["@id"] for n in doc["@graph"]]
    assert len(ids) == len(set(ids))


def test_ids_are_escaped_and_unique_across_articles():
    a, b = sample_analysis(), sample_analysis()
    a.id, b.id = "my article", "other"
    graph = to_jsonld([a, b])["@graph"]
    ids = [n["@id"] for n in graph]
    assert "urn:claimtrack:my%20article:c1" in ids
    assert len(ids) == len(set(ids)) == 6


def test_source_types_and_document_sources():
    assert [schema_type(t) for t in ("person", "government", "media", "organisation",
                                     "anonymous", "document", "speaker")] == [
        "Person", "GovernmentOrganization", "NewsMediaOrganization", "Organization", "Person",
        "CreativeWork", "Organization"]
    a = sample_analysis()
    a.sources[0] = Source("s1", "official figures", [], "document", [], "official figures")
    c1 = to_jsonld([a])["@graph"][1]
    assert [x["name"] for x in c1["author"]] == ["Kazakhstan"]
    assert c1["citation"] == [{"@type": "CreativeWork", "@id": "urn:claimtrack:source:official-figures",
                               "name": "official figures"}]


def test_reviews_fill_the_rating():
    reviews = {("sample", "c2"): {"verdict": "False", "notes": "arrests were reported",
                                  "reviewer": "A. Checker"}}
    _, r1, r2 = to_jsonld([sample_analysis()], reviews)["@graph"]
    assert r2["reviewRating"] == {"@type": "Rating", "alternateName": "False",
                                  "ratingExplanation": "arrests were reported"}
    assert r2["author"] == {"@type": "Person", "name": "A. Checker"}
    assert r1["@type"] == "Claim" and "reviewRating" not in r1   # never an empty rating


GOOGLE_REQUIRED = ("url", "datePublished", "author", "reviewRating", "claimReviewed")


def test_every_claimreview_has_googles_required_fields(seed):
    """Google's ClaimReview structured data: url, datePublished, author, claimReviewed and a
    reviewRating with alternateName; claimReviewed is the claim's standalone statement."""
    reviews = {(seed.id, c.id): {"verdict": "Unproven", "notes": "", "reviewer": ""}
               for c in seed.claims[::2]}
    reviews[(seed.id, seed.claims[0].id)] = {"verdict": "True", "rating": "5", "reviewer": "Desk",
                                             "notes": "checked"}
    seed_with_url = copy.copy(seed)
    seed_with_url.meta = {**seed.meta, "url": "https://example.org/kaluga"}
    graph = to_jsonld([seed_with_url], reviews)["@graph"]
    by_claim = {c.id: c for c in seed.claims}
    reviews_seen = [n for n in graph if n["@type"] == "ClaimReview"]
    assert len(reviews_seen) == len(reviews)
    for node in reviews_seen:
        for field in GOOGLE_REQUIRED:
            assert node.get(field), (node["@id"], field)
        assert node["url"] == "https://example.org/kaluga"
        assert node["author"]["name"] and node["author"]["@type"] in ("Person", "Organization")
        assert node["reviewRating"]["alternateName"] in ("True", "Unproven")
        claim = by_claim[node["itemReviewed"]["identifier"]]
        assert node["claimReviewed"] == (claim.statement or claim.text)
    first = reviews_seen[0]["reviewRating"]
    assert (first["ratingValue"], first["bestRating"], first["worstRating"]) == (5, 5, 1)
    claims_only = [n for n in graph if n["@type"] == "Claim"]
    assert len(claims_only) == len(seed.claims) - len(reviews)
    assert all("reviewRating" not in n for n in claims_only)


def test_seed_article_jsonld_expands(seed):
    """The real pipeline's output, every claim reviewed: one ClaimReview per claim, all terms
    in schema.org."""
    doc = to_jsonld([seed], {(seed.id, c.id): {"verdict": "False", "reviewer": "A"} for c in seed.claims})
    load, _ = loader_for("http://schema.org/")
    expanded = jsonld.expand(json.loads(json.dumps(doc)), {"documentLoader": load})
    seen: list[str] = []
    walk(expanded, "http://schema.org/", seen)
    assert seen.count("ClaimReview") == len(seed.claims)
    assert seen.count("NewsArticle") == 1
