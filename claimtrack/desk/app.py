"""The desk's Starlette app: routes, templates, static files and the safety layers, wired once.

>>> create_app  # doctest: +ELLIPSIS
<function create_app at ...>
"""
from __future__ import annotations


from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import InputError
from ..io.inputs import DEFAULT_MAX_CHARS
from .security import BodyLimit, SecurityHeaders

MAX_BODY = 8_000_000   # bytes: a long article as HTML, with room to spare


def evidence_text(key: str, value) -> str:
    """A link's evidence value as words: lists joined, a conflicting number as "2 vs 5 worker".

    >>> evidence_text("conflicting_numbers", [["2", "5", "worker"]])
    '2 vs 5 worker'
    >>> evidence_text("arguments", ["plant", "worker"]), evidence_text("extent", "full")
    ('plant, worker', 'full')
    """
    if isinstance(value, (list, tuple)):
        if key == "conflicting_numbers":
            return "; ".join(f"{v[0]} vs {v[1]} {' '.join(map(str, v[2:]))}".strip()
                             if isinstance(v, (list, tuple)) and len(v) >= 2 else str(v) for v in value)
        return ", ".join(" ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v) for v in value)
    return str(value)


def _templates():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("claimtrack.desk", "templates"),
                             autoescape=True)
    env.globals["evidence_text"] = evidence_text
    return env


async def _error(request: Request, exc: HTTPException) -> Response:
    """JSON errors under /api, a small escaped page elsewhere."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    env = request.app.state.templates
    page = env.get_template("error.html").render(status=exc.status_code, message=exc.detail,
                                                 csrf="", allow_fetch=False)
    return Response(page, status_code=exc.status_code, media_type="text/html")


def _report_asset(text: str, media_type: str):
    async def serve(request: Request) -> Response:
        return Response(text, media_type=media_type, headers={"cache-control": "max-age=3600"})
    return serve


def _no_fetch(url: str):
    raise InputError("this desk does not fetch URLs: paste the text, or start the server with "
                     "--allow-fetch")


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def create_app(analyzer, db: str, *, allow_fetch: bool = False, max_body: int = MAX_BODY,
               max_chars: int = DEFAULT_MAX_CHARS,
               allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS) -> Starlette:
    """The desk over the store *db*, analysing with *analyzer* (an already loaded
    :class:`claimtrack.api.Analyzer`: tests pass the session's).

    Requests must name one of *allowed_hosts* in their Host header, so a hostile web page
    cannot reach a desk on loopback through a DNS name it controls (DNS rebinding)."""
    from ..export.report import CSS, SCRIPT
    from . import api, pages
    from .fetch import fetch
    from .ingest import Desk

    routes = [
        *api.ROUTES, *pages.ROUTES,
        Route("/static/report.css", _report_asset(CSS, "text/css")),
        Route("/static/report.js", _report_asset(SCRIPT, "text/javascript")),
        Mount("/static", StaticFiles(packages=[("claimtrack.desk", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _error})
    app.state.desk = Desk(analyzer, str(db), max_chars)
    app.state.templates = _templates()
    app.state.allow_fetch = allow_fetch
    app.state.fetch = fetch if allow_fetch else _no_fetch
    app.state.max_body = max_body
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    with app.state.desk.store():   # create the store (and fail early if it cannot be opened)
        pass
    return app
