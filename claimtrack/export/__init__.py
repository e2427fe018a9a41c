"""Stage 6, analyses and graphs → what a fact-checker reads.

Modules: ``jsonld`` (schema.org ClaimReview), ``review`` (the review sheet, out and back in),
``report`` (the self-contained HTML report), ``svg_layout`` (the report's arcs in lanes). The
graph formats are in :mod:`claimtrack.graph.readwrite`.
"""
from __future__ import annotations

from .jsonld import cluster_claimreview, to_jsonld, write_jsonld
from .report import article_fragment, render_html, write_html
from .review import ReviewError, import_reviews, read_review_csv, write_review_csv

__all__ = ["to_jsonld", "write_jsonld", "cluster_claimreview", "render_html", "write_html",
           "article_fragment", "write_review_csv", "read_review_csv", "import_reviews",
           "ReviewError"]
