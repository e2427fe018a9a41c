"""Fetching an article from a URL: only when the server runs with ``--allow-fetch``.

http(s) only (redirects too), a timeout, and a size cap; anything else is a one-line
:class:`~claimtrack.errors.InputError`. Off by default, because a server that fetches what a
page asks it to can be turned against the machine's own network.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..errors import InputError

TIMEOUT = 10.0
MAX_BYTES = 5_000_000


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise InputError(f"{req.full_url}: redirects to a non-http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_url(url: str) -> str:
    """*url* if it is an http(s) address with a host, else an InputError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url[:200]!r}: only http(s) addresses can be fetched")
    return url.strip()


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes, bool]:
    """The body of *url* and whether it is HTML; at most *max_bytes*, within *timeout*."""
    url = check_url(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    req = urllib.request.Request(url, headers={"User-Agent": "claimtrack-desk"})
    try:
        with opener.open(req, timeout=timeout) as resp:
            ctype = resp.headers.get("content-type", "")
            if not ctype.startswith(("text/html", "text/plain", "application/xhtml")):
                raise InputError(f"{url}: not a text or HTML page ({ctype or 'no content type'})")
            data = resp.read(max_bytes + 1)
    except InputError:
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise InputError(f"{url}: could not fetch ({getattr(exc, 'reason', exc)})") from None
    if len(data) > max_bytes:
        raise InputError(f"{url}: over the fetch limit of {max_bytes:,} bytes")
    return data, "html" in ctype
