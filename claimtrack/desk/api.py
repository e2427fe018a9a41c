"""The desk's JSON API under ``/api`` (documented in the README with curl examples).

Errors are ``{"error": "…"}`` with 400 (malformed JSON, bad fields, an article that cannot be
analysed), 403 (a cross-site browser request), 404 (unknown ids) or 413 (a body over the limit,
answered by :class:`~claimtrack.desk.security.BodyLimit`).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import InputError
from ..export.jsonld import cluster_claimreview
from .ingest import Submission, clean_meta
from .security import cross_site

FILTERS = ("source", "status", "kind", "since", "until", "q", "verdict", "reviewed")
_YES, _NO = ("yes", "true", "1"), ("no", "false", "0")
MAX_LIMIT = 1000


async def read_json(request: Request) -> dict:
    """The request's JSON object, or 400 saying what is wrong with it."""
    if cross_site(request):
        raise HTTPException(403, f"refused: {cross_site(request)}")
    body = await request.body()
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(400, f"malformed JSON: {exc}"[:300]) from None
    if not isinstance(data, dict):
        raise HTTPException(400, "the body must be a JSON object")
    return data


def _cluster_or_404(store, cid: str) -> dict:
    c = store.cluster(cid)
    if c is None:
        raise HTTPException(404, f"no claim {cid!r} in the store")
    return c


def review_fields(data: dict) -> dict:
    """``{"verdict", "rating", "note", "reviewer"}`` checked: a verdict and a reviewer are
    needed, the rating is a whole number from 1 to 5 (or absent)."""
    verdict, reviewer = data.get("verdict"), data.get("reviewer")
    note, rating = data.get("note") or "", data.get("rating")
    for name, value, limit in (("verdict", verdict, 200), ("reviewer", reviewer, 200), ("note", note, 10_000)):
        if not isinstance(value, str) or len(value) > limit:
            raise InputError(f"{name}: a string of at most {limit:,} characters is needed")
    if not verdict.strip() or not reviewer.strip():
        raise InputError("verdict and reviewer must not be empty")
    if rating in (None, ""):
        rating = None
    else:
        try:
            rating = int(rating)
        except (TypeError, ValueError):
            raise InputError("rating: a whole number from 1 to 5") from None
        if isinstance(data.get("rating"), float) or not 1 <= rating <= 5:
            raise InputError("rating: a whole number from 1 to 5")
    return {"verdict": verdict.strip(), "rating": rating, "note": note.strip(),
            "reviewer": reviewer.strip()}


def save_review(desk, cid: str, fields: dict) -> dict:
    """Store a review of cluster *cid* (404 if there is none); returns the cluster after it."""
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with desk.lock, desk.store() as store:
        _cluster_or_404(store, cid)
        store.add_review(cid, fields["verdict"], fields["note"], fields["reviewer"], at, fields["rating"])
        return store.cluster(cid)


async def post_article(request: Request) -> JSONResponse:
    """``POST /api/articles``: analyse and store an article; the analysis as JSON (201)."""
    data = await read_json(request)
    try:
        sub = Submission(text=data.get("text"), html=data.get("html"), id=data.get("id"),
                         meta=clean_meta(data))
        if sub.text is None and sub.html is None and data.get("url"):
            sub.data, _ = await run_in_threadpool(request.app.state.fetch, data["url"])
        result, status = await run_in_threadpool(request.app.state.desk.add, sub)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    return JSONResponse(result, status_code=201, headers={"x-claimtrack-store": status,
                                                          "location": f"/api/articles/{result['id']}"})


async def get_article(request: Request) -> JSONResponse:
    """``GET /api/articles/{id}``: the stored analysis of an article."""
    aid = request.path_params["id"]
    with request.app.state.desk.store() as store:
        doc = store.document(aid)
    if doc is None:
        raise HTTPException(404, f"no article {aid!r} in the store")
    return JSONResponse(doc["analysis"])


async def list_articles(request: Request) -> JSONResponse:
    """``GET /api/articles``: every article's metadata, newest first."""
    with request.app.state.desk.store() as store:
        return JSONResponse(list(reversed(store.articles())))


def query_clusters(store, params) -> list[dict]:
    """Clusters matching the filters of ``claimtrack claims`` (``q`` for text), newest first."""
    args = {k: (params.get(k) or None) for k in FILTERS}
    try:
        limit = min(int(params.get("limit") or 200), MAX_LIMIT)
    except ValueError:
        raise InputError("limit: a whole number") from None
    reviewed = (args["reviewed"] or "").strip().lower()
    if reviewed and reviewed not in _YES + _NO:
        raise InputError("reviewed: yes or no")
    rows = list(store.clusters(source=args["source"], status=args["status"], kind=args["kind"],
                               since=args["since"], until=args["until"], query=args["q"],
                               verdict=args["verdict"],
                               reviewed=(reviewed in _YES) if reviewed else None))
    rows.reverse()   # ties keep the newest-added first: the sort below is stable
    rows.sort(key=lambda c: c["first_seen"]["date"] or "", reverse=True)
    return rows[:limit]


async def list_claims(request: Request) -> JSONResponse:
    """``GET /api/claims?source=&status=&kind=&since=&until=&q=&verdict=&reviewed=yes|no&limit=``"""
    try:
        with request.app.state.desk.store() as store:
            rows = query_clusters(store, request.query_params)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    return JSONResponse(rows)


async def get_claim(request: Request) -> JSONResponse:
    """``GET /api/claims/{id}``: one cluster, as ``claimtrack claims --format json`` has it."""
    with request.app.state.desk.store() as store:
        return JSONResponse(_cluster_or_404(store, request.path_params["id"]))


async def post_review(request: Request) -> JSONResponse:
    """``POST /api/claims/{id}/review``: record a verdict; the cluster with its reviews (201)."""
    data = await read_json(request)
    try:
        fields = review_fields(data)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    cluster = await run_in_threadpool(save_review, request.app.state.desk,
                                      request.path_params["id"], fields)
    return JSONResponse(cluster, status_code=201)


async def get_claimreview(request: Request) -> JSONResponse:
    """``GET /api/claims/{id}/claimreview``: ClaimReview JSON-LD (a Claim until reviewed)."""
    cid = request.path_params["id"]
    with request.app.state.desk.store() as store:
        cluster = _cluster_or_404(store, cid)
        urls = {a: (store.article(a) or {}).get("url") for a in {x["article"] for x in cluster["appearances"]}}
    url = str(request.url_for("claim_page", id=cid))
    return JSONResponse(cluster_claimreview(cluster, url, urls), media_type="application/ld+json")


def check_rows(store, claim: str | None) -> list[dict]:
    """The rows of ``claimtrack check --claim CLAIM --db … --format json`` (400 without a claim)."""
    from ..check.run import check_store, read_claims

    if not claim or len(claim) > 2000:
        raise InputError("claim: a claim of at most 2,000 characters is needed")
    return [r.to_dict() for r in check_store(read_claims(claim, None), store)]


async def get_check(request: Request) -> JSONResponse:
    """``GET /api/check?claim=…``: the store's articles' stances toward the claim."""
    def run():
        with request.app.state.desk.store() as store:
            return check_rows(store, request.query_params.get("claim"))
    try:
        rows = await run_in_threadpool(run)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    return JSONResponse(rows)


ROUTES = [
    Route("/api/check", get_check, methods=["GET"]),
    Route("/api/articles", post_article, methods=["POST"]),
    Route("/api/articles", list_articles, methods=["GET"]),
    Route("/api/articles/{id:path}", get_article, methods=["GET"]),
    Route("/api/claims", list_claims, methods=["GET"]),
    Route("/api/claims/{id}", get_claim, methods=["GET"]),
    Route("/api/claims/{id}/review", post_review, methods=["POST"]),
    Route("/api/claims/{id}/claimreview", get_claimreview, methods=["GET"]),
]
