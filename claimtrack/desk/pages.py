"""The desk's HTML pages: add an article, the article, the claims, a claim (with its review form).

Pages are Jinja2 templates with autoescaping, so every article string is escaped; the article
itself is the HTML report's section (:func:`claimtrack.export.report.article_fragment`), which escapes
its own text. Forms post back to the desk and are checked for cross-site requests
(:mod:`claimtrack.desk.security`); a successful post redirects (303) to the page it changed.
"""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..claims.words import KINDS, STATUSES
from ..errors import InputError
from ..io.inputs import (GZIP_MAGIC, HTML_MARKUP_FACTOR, HTML_SUFFIXES, article_suffix, decode_bytes,
                         gunzip)
from ..export.report import article_fragment
from .api import FILTERS, query_clusters, review_fields, save_review
from .ingest import Submission, clean_meta
from .security import CSRF_FIELD, cross_site, csrf_ok, csrf_token, set_csrf

UPLOAD_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")
UPLOAD_SUFFIXES += tuple(s + ".gz" for s in UPLOAD_SUFFIXES)  # saved pages are often gzipped


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """A page from *template*, with the form token of this browser (set as a cookie too)."""
    token = csrf_token(request)
    env = request.app.state.templates
    html = env.get_template(template).render(request=request, csrf=token, csrf_field=CSRF_FIELD,
                                             allow_fetch=request.app.state.allow_fetch, **context)
    response = HTMLResponse(html, status_code=status)
    set_csrf(response, token)
    return response


async def checked_form(request: Request):
    """The posted form, or 403 when it does not come from one of the desk's own pages."""
    why = cross_site(request)
    form = await request.form(max_part_size=request.app.state.max_body)
    if why or not csrf_ok(request, form.get(CSRF_FIELD)):
        raise HTTPException(403, f"refused: {why or 'the form token is missing or wrong (reload the page)'}")
    return form


async def home(request: Request) -> HTMLResponse:
    """The add-an-article page, with the articles already in the store."""
    with request.app.state.desk.store() as store:
        articles = list(reversed(store.articles()))
    return render(request, "add.html", articles=articles, error=None, form={})


async def _submission(request: Request, form) -> Submission:
    upload = form.get("file")
    text = (form.get("text") or "").strip()
    sub = Submission(id=(form.get("id") or "").strip() or None, meta=clean_meta(
        {k: (form.get(k) or "").strip() for k in ("url", "date", "outlet", "title")}))
    if isinstance(upload, UploadFile) and upload.filename:
        name = upload.filename.lower()
        if not name.endswith(UPLOAD_SUFFIXES):
            raise InputError(f"{upload.filename}: upload a .txt or .html file (or one gzipped)")
        data = await upload.read()
        if article_suffix(name) in HTML_SUFFIXES:
            if data.startswith(GZIP_MAGIC):  # the decompressed page is held to the HTML limit
                limit = request.app.state.desk.max_chars * 4 * HTML_MARKUP_FACTOR
                data = gunzip(data, limit, upload.filename, request.app.state.desk.max_chars)
            sub.html = decode_bytes(data, upload.filename)   # the page's encoding, as for files
        else:
            sub.data = data
    elif text:
        sub.text = text
    elif sub.meta.get("url"):
        sub.data, _ = await run_in_threadpool(request.app.state.fetch, sub.meta["url"])
    else:
        raise InputError("paste the article's text or choose a file")
    return sub


async def add_article(request: Request) -> Response:
    """``POST /articles`` from the add form: analyse, store, go to the article's page."""
    form = await checked_form(request)
    try:
        sub = await _submission(request, form)
        result, _ = await run_in_threadpool(request.app.state.desk.add, sub)
    except InputError as exc:
        with request.app.state.desk.store() as store:
            articles = list(reversed(store.articles()))
        return render(request, "add.html", status=400, articles=articles, error=str(exc),
                      form={k: form.get(k) or "" for k in ("text", "id", "url", "date", "outlet", "title")})
    return RedirectResponse(f"/articles/{quote(result['id'], safe='')}", status_code=303)


async def article_page(request: Request) -> HTMLResponse:
    """An article as the report shows it, with links from its claims to the store's clusters."""
    aid = request.path_params["id"]
    with request.app.state.desk.store() as store:
        analysis, meta = store.analysis(aid), store.article(aid)
        clusters = store.article_clusters(aid)
        found = {cid: store.cluster(cid) or {} for cid in set(clusters.values())}
    # the article's status and the store's come from one ladder (claims.status.decide); where
    # the store knows more (other articles), the page says so and why
    statuses = {cid: (c.get("status", ""), c.get("reason", "")) for cid, c in found.items()}
    if analysis is None:
        raise HTTPException(404, f"no article {aid!r} in the store")
    analysis.meta = {**analysis.meta, **{k: v for k, v in (meta or {}).items() if v and k != "sha"}}
    claims = [(c, clusters.get(c.id), *statuses.get(clusters.get(c.id), ("", ""))) for c in analysis.claims]
    return render(request, "article.html", article=meta or {"id": aid}, claims=claims,
                  report=Markup(article_fragment(analysis)))


async def claims_page(request: Request) -> HTMLResponse:
    """The store's claims, filtered as ``claimtrack claims``, newest first."""
    params = request.query_params
    error, rows = None, []
    try:
        with request.app.state.desk.store() as store:
            rows = query_clusters(store, params)
    except InputError as exc:
        error = str(exc)
    with request.app.state.desk.store() as store:   # the verdicts given so far, for the filter
        verdicts = store.verdicts()
    return render(request, "claims.html", rows=rows, error=error, statuses=STATUSES, kinds=KINDS,
                  verdicts=verdicts, filters={k: params.get(k, "") for k in FILTERS},
                  status=400 if error else 200)


async def claim_page(request: Request) -> HTMLResponse:
    """One claim: statement, appearances on a timeline, links with evidence, reviews, form."""
    cid = request.path_params["id"]
    with request.app.state.desk.store() as store:
        cluster = store.cluster(cid)
        if cluster is None:
            raise HTTPException(404, f"no claim {cid!r} in the store")
        others = _statements(store, [l["target"] for l in cluster["links"]] +
                             [l["source"] for l in cluster["linked_from"]])
    return render(request, "claim.html", c=cluster, others=others, error=None, form={})


async def check_page(request: Request) -> HTMLResponse:
    """Check a claim: the store's articles grouped by stance, with their evidence sentences."""
    from ..check.stance import STANCES
    from .api import check_rows

    claim = request.query_params.get("claim", "")
    error, groups = None, {}
    if claim.strip():
        def run():
            with request.app.state.desk.store() as store:
                rows = check_rows(store, claim)
                return rows, {a["id"]: a for a in store.articles()}
        try:
            rows, meta = await run_in_threadpool(run)
            for r in rows:
                r["meta"] = meta.get(r["article"], {})
                groups.setdefault(r["stance"], []).append(r)
        except InputError as exc:
            error = str(exc)
    order = [s for s in STANCES if s in groups]
    return render(request, "check.html", claim=claim, groups=groups, order=order, error=error,
                  status=400 if error else 200)


def _statements(store, ids: list[str]) -> dict[str, str]:
    """The statements of the clusters a claim links to, to show beside their ids."""
    return {cid: (store.cluster(cid, with_status=False) or {}).get("statement", "") for cid in ids}


async def post_review(request: Request) -> Response:
    """``POST /claims/{id}/review`` from the claim page's form."""
    cid = request.path_params["id"]
    form = await checked_form(request)
    data = {k: form.get(k) or "" for k in ("verdict", "rating", "note", "reviewer")}
    try:
        fields = review_fields(data)
    except InputError as exc:
        with request.app.state.desk.store() as store:
            cluster = store.cluster(cid)
        if cluster is None:
            raise HTTPException(404, f"no claim {cid!r} in the store")
        return render(request, "claim.html", status=400, c=cluster, others={}, error=str(exc), form=data)
    await run_in_threadpool(save_review, request.app.state.desk, cid, fields)
    return RedirectResponse(f"/claims/{quote(cid, safe='')}#reviews", status_code=303)


ROUTES = [
    Route("/", home, methods=["GET"], name="home"),
    Route("/articles", add_article, methods=["POST"]),
    Route("/articles/{id:path}", article_page, methods=["GET"], name="article_page"),
    Route("/claims", claims_page, methods=["GET"], name="claims_page"),
    Route("/check", check_page, methods=["GET"], name="check_page"),
    Route("/claims/{id}", claim_page, methods=["GET"], name="claim_page"),
    Route("/claims/{id}/review", post_review, methods=["POST"]),
]
