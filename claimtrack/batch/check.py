"""``claimtrack check`` over articles: batch parses them, then every claim meets every article.

The articles go through :func:`claimtrack.batch.run.run_batch` (the same inputs, workers,
parse cache, progress bar and per-article error handling), into a work directory — a temporary
one unless the caller keeps it, which makes a second check of the same articles skip parsing.
Each article is parsed once however many claims are checked against it; the checking itself
(:mod:`claimtrack.check`) reads the stored analyses and the texts.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from ..check.article import Row
from ..check.run import ClaimSpec, check_one
from ..io.inputs import DEFAULT_MAX_CHARS, prepare_article
from .run import ARTICLES_DIR, Summary, iter_items, run_batch, safe_name


def _stdin_to_file(inputs: list[str], work: Path) -> list[str]:
    """'-' can be read once; batch and the texts both need it: keep a copy in the work dir."""
    if "-" not in inputs:
        return inputs
    copy = work / "stdin.jsonl"
    copy.write_bytes(sys.stdin.buffer.read())
    return [str(copy) if i == "-" else i for i in inputs]


def _texts(inputs: list[str], max_chars: int, lang: str | None) -> Iterator[tuple[str, str]]:
    """(id, text) of every readable input, in input order, as batch read them."""
    seen = set()
    for item in iter_items(inputs, max_chars):
        if item.error or item.id in seen:
            continue
        seen.add(item.id)
        try:
            art = prepare_article(item.content, item.name, item.id, max_chars, lang, html=item.html,
                                  meta=item.meta, check_lang=False)
        except Exception:  # batch recorded why; the article has no row
            continue
        yield item.id, art.text


def analysed(inputs: list[str], outdir: Path, max_chars: int | None = None,
             lang: str | None = None) -> Iterator[tuple[str, str, dict]]:
    """(id, text, analysis dict) of every article of *inputs* that batch analysed into *outdir*."""
    for id, text in _texts(inputs, max_chars or DEFAULT_MAX_CHARS, lang):
        path = Path(outdir) / ARTICLES_DIR / f"{safe_name(id)}.json"
        if path.exists():
            yield id, text, json.loads(path.read_text(encoding="utf-8"))


def run_check(claims: list[ClaimSpec], inputs: list[str], workdir: str | None = None,
              **batch_options) -> tuple[list[Row], Summary]:
    """Check *claims* against the articles of *inputs*; returns the rows (claim order within
    article order) and batch's summary (failed articles have no rows)."""
    tmp = None if workdir else tempfile.mkdtemp(prefix="claimtrack-check-")
    work = Path(workdir or tmp)
    try:
        work.mkdir(parents=True, exist_ok=True)
        inputs = _stdin_to_file(list(inputs), work)
        out = work / "batch"
        summary = run_batch(inputs, out, **batch_options)
        rows = [r for id, text, d in analysed(inputs, out, batch_options.get("max_chars"),
                                              batch_options.get("lang"))
                for r in check_one(claims, id, text, d)]
        return rows, summary
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
