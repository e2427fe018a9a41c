"""Safe by default: security headers, a request-body limit and cross-site request checks.

* Every response carries a strict Content-Security-Policy: scripts and style sheets only from
  the desk itself (no inline script at all), nothing framed, forms post only to the desk.
  Inline ``style`` attributes are allowed (``style-src-attr``): the report colours highlights
  with them, and a style attribute cannot run code.
* A request body over the limit is refused with 413 before any handler reads it.
* State-changing requests must come from the desk's own pages: the browser's ``Origin`` and
  ``Sec-Fetch-Site`` headers must not name another site, and forms carry a double-submit token
  (a random cookie echoed in a hidden field), which a cross-site page can neither read nor set.
"""
from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",   # "no-referrer" would make form posts say Origin: null
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
CSRF_COOKIE = "desk_csrf"
CSRF_FIELD = "csrf"


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in have]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Reads the whole request body first, up to *limit* bytes; more is a 413 answer and the
    app never sees the request. (A declared Content-Length over the limit is refused unread.)"""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await self._too_large(scope, receive, send)
            if not message.get("more_body"):
                break
        body, sent = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        msg = f"request body over the limit of {self.limit:,} bytes"
        if scope["path"].startswith("/api/"):
            response = JSONResponse({"error": msg}, status_code=413)
        else:
            response = PlainTextResponse(msg, status_code=413)
        await response(scope, receive, send)


def cross_site(request: Request) -> str | None:
    """Why a state-changing request looks cross-site, or None when it comes from the desk.

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` with every POST; tools like curl send
    neither, and are let through (they are not a browser that a hostile page can drive)."""
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        return f"a {site} request (Sec-Fetch-Site)"
    origin = request.headers.get("origin")
    if origin is not None:
        own = f"{request.url.scheme}://{request.url.netloc}"
        if origin != own:
            return f"a request from another origin ({origin})"
    return None


def csrf_token(request: Request) -> str:
    """The form token of this browser: its cookie's, or a new one (set by :func:`set_csrf`)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    return token if len(token) >= 32 else secrets.token_urlsafe(32)


def set_csrf(response, token: str) -> None:
    """Keep *token* in a cookie that scripts of other sites cannot read or send along."""
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


def csrf_ok(request: Request, form_token: str | None) -> bool:
    """The double-submit check: the form's hidden token equals the cookie's."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and bool(form_token) and hmac.compare_digest(cookie, str(form_token))
