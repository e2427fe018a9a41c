"""Article text is untrusted: control characters never reach a terminal, an XML file or a sheet,
and only http(s) addresses become links (:func:`web_url`).

:func:`visible` swaps each control character (ESC, BEL, NUL, form feed, C1 controls…) and each
lone surrogate (from undecodable file names) for one visible stand-in, so the text keeps its
length and every character offset into it stays valid. Tabs and line breaks stay.

>>> visible("red \\x1b[31m alert\\x07")
'red ␛[31m alert␇'
>>> visible("page\\x0cbreak\\nnext")
'page␌break\\nnext'
>>> len(visible("a\\udcffb")) == 3
True
"""
from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, C1 controls, lone surrogates, and the two
# non-characters XML 1.0 refuses; \r too, since a bare carriage return rewrites a terminal line
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _stand_in(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␟
    return "\u2421" if code == 0x7f else "\ufffd"


def visible(text: str) -> str:
    """*text* with every control character (but tab and newline) replaced by a visible one."""
    return _UNSAFE.sub(_stand_in, text) if _UNSAFE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """*text* with each lone surrogate (valid in JSON as ``"\\ud800"``, but in no UTF-8 file)
    replaced by U+FFFD: same length, so offsets stay valid.

    >>> utf8_safe("a\\ud800b") == "a\\ufffdb"
    True
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def web_url(url: object) -> str | None:
    """*url* if it is an http(s) address, else None: a page's canonical link or ``--url`` may
    be ``javascript:…``, which must never become a link or an identifier.

    >>> web_url("https://example.org/a"), web_url("javascript:alert(1)"), web_url(" HTTP://x.org")
    ('https://example.org/a', None, 'HTTP://x.org')
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 host
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def drop_unsafe_url(meta: dict, name: str) -> dict:
    """*meta* without a ``url`` that is not http(s), with a one-line warning on standard error:
    checked where URLs enter (``--url``, a JSONL record, an HTML page's metadata), so no
    ``javascript:`` address reaches a result file, a link or an identifier.

    >>> drop_unsafe_url({"url": "javascript:alert(1)", "title": "t"}, "a.html")
    {'title': 't'}
    """
    url = meta.get("url")
    if url is None or web_url(url):
        return meta
    import sys

    shown = visible(str(url))[:80]
    print(f"warning: {name}: URL {shown!r} dropped (only http and https addresses are kept)",
          file=sys.stderr)
    return {k: v for k, v in meta.items() if k != "url"}
