"""``claimtrack check``'s pieces that do not parse: the claims, the store's articles, the formats.

A claims file is JSONL, one claim a line: ``{"id", "text", "articles": [ids]}`` ("articles"
optional: without it the claim is checked against every input).

>>> rows = [Row("c1", "a1", "denies", 0.91, [{"sentence": "It is a hoax.", "voice": "writer"}])]
>>> print(format_rows(rows, "table"))
claim  article  stance  confidence  evidence
c1     a1       denies  0.91        It is a hoax. (writer)
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Iterator

from ..errors import InputError
from .article import Row, check_article

FORMATS = ("table", "json", "jsonl", "csv")


@dataclass
class ClaimSpec:
    """A claim to check: its id, its text and, optionally, the only articles to check it in."""

    id: str
    text: str
    articles: list[str] | None = None

    def wants(self, article: str) -> bool:
        return self.articles is None or article in self.articles


def read_claims(claim: str | None, claims_file: str | None) -> list[ClaimSpec]:
    """The claims of ``--claim TEXT`` and/or ``--claims FILE``; bad input raises InputError."""
    out = [ClaimSpec("claim", " ".join(claim.split()))] if claim and claim.strip() else []
    if claim is not None and not out:
        raise InputError("--claim: the claim is empty")
    if claims_file:
        out += list(_claims_file(claims_file))
    if not out:
        raise InputError("give a claim: --claim TEXT or --claims FILE")
    ids = [c.id for c in out]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise InputError(f"claim ids must differ: {', '.join(dup[:3])}")
    return out


def _claims_file(path: str) -> Iterator[ClaimSpec]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the claims file ({exc.__class__.__name__})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError:
            raise InputError(f"{path}:{n}: not a JSON object") from None
        if not isinstance(d, dict) or not isinstance(d.get("text"), str) or not d["text"].strip():
            raise InputError(f"{path}:{n}: a claim needs a non-empty \"text\"")
        arts = d.get("articles")
        if arts is not None and not (isinstance(arts, list) and all(isinstance(a, str) for a in arts)):
            raise InputError(f"{path}:{n}: \"articles\" must be a list of article ids")
        yield ClaimSpec(str(d.get("id") or f"claim{n}"), " ".join(d["text"].split()), arts)


def check_one(claims: list[ClaimSpec], article: str, text: str, analysis: dict | None,
              idf=None) -> list[Row]:
    """The rows of one article: every claim that wants it, the article read once."""
    wanted = [c for c in claims if c.wants(article)]
    if not wanted:
        return []
    return check_article([(c.id, c.text) for c in wanted], article, text, analysis, idf)


def check_store(claims: list[ClaimSpec], store) -> Iterator[Row]:
    """Every claim against every article the store kept the text of. The stance uses the
    shipped IDF table, as ``check`` on files does, so both give the same row for one article."""
    for a in store.articles():
        d = store.document(a["id"])
        if d:
            yield from check_one(claims, a["id"], d["text"], d["analysis"])


def _evidence_text(ev: list[dict]) -> str:
    parts = []
    for e in ev:
        who = e.get("source") and f"{e['source']}, {e.get('cue', '')} [{e.get('class', '')}]"
        parts.append(f"{e['sentence']} ({who or e.get('voice', '')})")
    return " | ".join(parts)


def format_rows(rows: list[Row], fmt: str) -> str:
    """The rows as ``table``, ``json`` (one array), ``jsonl`` or ``csv``."""
    if fmt == "json":
        return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in rows)
    cols = ["claim", "article", "stance", "confidence", "evidence"]
    flat = [{"claim": r.claim, "article": r.article, "stance": r.stance,
             "confidence": f"{r.confidence:.2f}", "evidence": _evidence_text(r.evidence)} for r in rows]
    if fmt == "csv":
        from ..io.csvout import write_csv

        buf = io.StringIO()
        write_csv(buf, cols, flat)
        return buf.getvalue().rstrip("\n")
    widths = {c: max([len(c)] + [len(f[c]) for f in flat]) for c in cols[:-1]}
    lines = ["  ".join(c.ljust(widths.get(c, 0)) for c in cols).rstrip()]
    lines += ["  ".join(f[c].ljust(widths.get(c, 0)) for c in cols).rstrip() for f in flat]
    return "\n".join(lines)
