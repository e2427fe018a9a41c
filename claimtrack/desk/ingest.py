"""One article into the desk: checked, analysed with the loaded pipeline, added to the store.

The same path serves ``POST /api/articles`` and the "add an article" form, so both give the
same analysis (``analyze --format json``) and the same store.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field

from ..errors import InputError
from ..io.inputs import DEFAULT_MAX_CHARS, prepare_article
from ..store.store import ClaimStore

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_ID = 200
META_FIELDS = ("url", "date", "outlet", "title")


@dataclass
class Submission:
    """What a user sent: text or HTML (or bytes of an uploaded file), an id and metadata."""

    text: str | None = None
    html: str | None = None
    data: bytes | None = None        # an uploaded file, read as text or HTML by its content
    id: str | None = None
    meta: dict = field(default_factory=dict)


def clean_meta(raw: dict) -> dict:
    """The metadata fields given (strings, trimmed), or an InputError for a malformed one."""
    meta = {}
    for key in META_FIELDS:
        value = raw.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or _CONTROL.search(value) or len(value) > 2000:
            raise InputError(f"{key}: must be a short string")
        meta[key] = value.strip()
    if "date" in meta and not _DATE.match(meta["date"]):
        raise InputError(f"date: {meta['date'][:40]!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return meta


def article_id(given: str | None, text: str) -> str:
    """The id given (checked), else one from the text: the same text gets the same id."""
    if given:
        if not isinstance(given, str) or _CONTROL.search(given) or len(given) > MAX_ID or not given.strip():
            raise InputError(f"id: must be a string of 1–{MAX_ID} printable characters")
        return given.strip()
    return "desk-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class Desk:
    """The loaded pipeline and the store's path; one article is analysed and stored at a time
    (the pipeline is not thread-safe, and one writer keeps SQLite simple)."""

    def __init__(self, analyzer, db: str, max_chars: int = DEFAULT_MAX_CHARS):
        self.analyzer = analyzer
        self.db = db
        self.max_chars = max_chars
        self.lock = threading.Lock()

    def store(self) -> ClaimStore:
        """A connection for one request (SQLite connections stay in their thread)."""
        return ClaimStore.open(self.db)

    def add(self, sub: Submission) -> tuple[dict, str]:
        """Analyse and store *sub*; returns the analysis (``to_dict()``) and the store's answer
        (``added``, ``unchanged`` or ``replaced``). Bad input is an InputError."""
        given = [x for x in (sub.text, sub.html, sub.data) if x is not None]
        if len(given) != 1:
            raise InputError('give exactly one of "text" and "html" (or a file)')
        content = given[0]
        if not isinstance(content, (str, bytes)):
            raise InputError('"text" and "html" must be strings')
        html = True if sub.html is not None else False if sub.text is not None else None
        name = sub.id or "article"
        with self.lock:
            art = prepare_article(content, name, "article", self.max_chars, html=html, meta=sub.meta)
            aid = article_id(sub.id, art.text)
            result = self.analyzer.analyze(art.text, aid)
            result.meta.update(art.meta)
            d = result.to_dict()
            with self.store() as store:
                status = store.add_analysis(d, {k: v for k, v in art.meta.items() if k in META_FIELDS})
                store.save_document(aid, art.text, d)
        return d, status
