"""The human review round-trip: a CSV for reviewers out, their verdicts back into the graph.

:func:`write_review_csv` writes one row per claim (who says it, with which words, the machine's
status and reason, the sentence) and empty ``verdict``/``notes``/``reviewer`` columns. Reviewers
fill those in a spreadsheet; :func:`read_review_csv` reads the filled file back and
:func:`import_reviews` adds one ``review`` node per reviewed claim, with a ``reviews`` edge to the
claim, to a claim graph (:mod:`claimtrack.graph`). The claim node itself is not touched, so the machine's ``status`` and
``reason`` stay next to the human verdict.

>>> import io
>>> from claimtrack.types import Analysis, Claim
>>> a = Analysis("kaluga", "X.", "0" * 64, claims=[Claim("c1", "X", "unverified", "one source")])
>>> buf = io.StringIO(); write_review_csv([a], buf)
1
>>> buf.getvalue().splitlines()[1]
'kaluga,c1,X,,assertion,,,,,unverified,one source,,,,'
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Mapping, Sequence

from ..io.csvout import unguard, write_csv
from ..errors import ClaimtrackError
from ..io.inputs import DEFAULT_MAX_CHARS
from ..types import Analysis, Claim

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

REVIEW_FIELDS = ["article", "claim_id", "claim", "statement", "kind", "source", "source_type", "cue",
                 "cue_class", "status", "reason", "sentence", "verdict", "notes", "reviewer"]
REVIEWER_FIELDS = ("verdict", "notes", "reviewer")


class ReviewError(ClaimtrackError):
    """A review CSV or graph file that cannot be used."""

    exit_code = 2


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out


def claim_row(analysis: Analysis, claim: Claim) -> dict[str, str]:
    """The review-CSV row of one claim (reviewer columns empty)."""
    attrs = {a.id: a for a in analysis.attributions}
    sources = {s.id: s for s in analysis.sources}
    its = [attrs[i] for i in claim.attributions if i in attrs]
    names, types, cues, classes = [], [], [], []
    for a in its:
        s = sources.get(a.source_id or "")
        names.append(s.name if s else (a.source.text if a.source else "(no source)"))
        types.append(s.type if s else "")
        cues.append(("not " if a.cue.negated else "") + a.cue.text)
        classes.append(a.cue.cls)
    sent_ids = _unique(str(i) for i in ([claim.sentence] if claim.sentence >= 0 else [])
                       + [a.sentence for a in its])
    sentences = []
    for i in sent_ids:
        k = int(i)
        if 0 <= k < len(analysis.sentences):
            s, e = analysis.sentences[k]
            sentences.append(analysis.text[s:e].strip())
    row = {
        "article": analysis.id, "claim_id": claim.id, "claim": claim.text,
        "statement": claim.statement, "kind": claim.kind,
        "source": "; ".join(_unique(names)), "source_type": "; ".join(_unique(types)),
        "cue": "; ".join(_unique(cues)), "cue_class": "; ".join(_unique(classes)),
        "status": claim.status, "reason": claim.reason, "sentence": " … ".join(sentences),
    }
    row.update({k: "" for k in REVIEWER_FIELDS})
    return row


def write_review_csv(analyses: Sequence[Analysis], out: IO[str]) -> int:
    """Write the review CSV (one row per claim, one line per row, cells guarded against
    formulas by :mod:`claimtrack.io.csvout`); return the number of rows."""
    rows = (claim_row(a, c) for a in analyses for c in a.claims)
    return write_csv(out, REVIEW_FIELDS, rows, flat=True)


def read_review_csv(path_or_file: str | os.PathLike | IO[str], last_wins: bool = False
                    ) -> dict[tuple[str, str], dict[str, str]]:
    """Read a filled review CSV: ``{(article, claim_id): {"verdict", "notes", "reviewer"}}``.

    Rows whose verdict and notes are both empty are skipped. Accepts what spreadsheets save:
    a UTF-8 byte-order mark, ``;`` or tab as the delimiter, extra columns in any order. Every
    row that cannot be read, and every second verdict that contradicts the first for one claim
    (unless *last_wins*), is listed in one ReviewError (``line N: why``); nothing is imported.
    """
    if hasattr(path_or_file, "read"):
        text = path_or_file.read()  # type: ignore[union-attr]
        name = getattr(path_or_file, "name", "<review csv>")
    else:
        name = str(path_or_file)
        try:
            text = Path(path_or_file).read_bytes().decode("utf-8-sig")  # type: ignore[arg-type]
        except FileNotFoundError:
            raise ReviewError(f"{name}: no such file") from None
        except OSError as exc:  # a directory, no permission, an I/O error
            raise ReviewError(f"{name}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
        except UnicodeDecodeError:
            raise ReviewError(f"{name}: not UTF-8 text (save the sheet as CSV UTF-8)") from None
    text = text.lstrip("\ufeff")
    head = text.split("\n", 1)[0]
    delim = max(",;\t", key=head.count)
    # strict: a broken quote is an error on its line, not a row silently merged or dropped
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, DEFAULT_MAX_CHARS))  # a cell may hold a whole article
    try:
        try:
            header = next(reader, [])
        except csv.Error as exc:
            raise ReviewError(f"{name}: line 1: not a readable CSV header ({exc})") from None
        cols = {c.strip().lower(): k for k, c in enumerate(header) if c}
        missing = [c for c in ("article", "claim_id", "verdict") if c not in cols]
        if missing:
            raise ReviewError(f"{name}: missing column(s) {', '.join(missing)} "
                              f"(expected the header of a claimtrack review CSV)")
        out, problems = _reviews(reader, cols, last_wins)
    finally:
        csv.field_size_limit(old_limit)
    if problems:
        more = f"; … and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise ReviewError(f"{name}: {len(problems)} row(s) not imported, nothing was: "
                          f"{'; '.join(problems[:5])}{more}")
    return out


def _reviews(reader, cols: dict[str, int], last_wins: bool = False
             ) -> tuple[dict[tuple[str, str], dict[str, str]], list[str]]:
    """The reviewed rows of *reader* (cells lose the formula guard the writer put on them) and
    one ``line N: reason`` per row that could not be read or that contradicts an earlier row
    for the same claim (unless *last_wins*)."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    where: dict[tuple[str, str], int] = {}
    problems: list[str] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # a broken quote, a cell over the size limit
            problems.append(f"line {line}: {exc}")
            continue
        get = (lambda c: unguard(row[cols[c]].strip()) if c in cols and cols[c] < len(row) else "")
        review = {k: get(k) for k in REVIEWER_FIELDS}
        if not review["verdict"] and not review["notes"]:
            continue
        key = (get("article"), get("claim_id"))
        if not all(key):
            problems.append(f"line {line}: a reviewed row needs article and claim_id")
        elif key in out and out[key]["verdict"] != review["verdict"] and not last_wins:
            problems.append(f"line {line}: verdict {review['verdict']!r} for {key[0]}/{key[1]} "
                            f"contradicts {out[key]['verdict']!r} on line {where[key]} "
                            f"(keep one, or pass --last-wins)")
        else:
            out[key], where[key] = review, line
    return out, problems


# --- graphs -------------------------------------------------------------------------------------

def load_graph(path: str | os.PathLike) -> "nx.MultiDiGraph":
    """Read a claim graph written by ``claimtrack`` (GraphML, GEXF or node-link JSON)."""
    from ..graph.readwrite import read_graph

    p = Path(path)
    if not p.exists():
        raise ReviewError(f"{p}: no such graph file")
    try:
        return read_graph(p)
    except Exception as exc:  # unknown extension, or a parse error of one of the readers
        raise ReviewError(f"{p}: cannot read the graph: {exc}") from None


def save_graph(g: "nx.MultiDiGraph", path: str | os.PathLike) -> None:
    """Write *g* in the format its file name says (GraphML, GEXF, node-link JSON, DOT, CSV)."""
    from ..graph.readwrite import write_graph

    try:
        write_graph(g, path)
    except ValueError as exc:
        raise ReviewError(str(exc)) from None


def _node_kind(data: Mapping) -> str:
    for k in ("kind", "node_type", "type"):
        v = data.get(k)
        if isinstance(v, str) and v in ("claim", "source", "review", "article"):
            return v
    return ""


def claim_index(g: "nx.MultiDiGraph") -> dict[tuple[str, str], str]:
    """Map ``(article id, claim id)`` to the graph's node for that claim.

    Claim nodes are those with ``kind == "claim"``; their article and local claim id are read
    from ``article``/``claim_id`` attributes (as :func:`claimtrack.graph.build_graph` writes
    them), or else from a node id like ``claim:<article>/<id>`` or ``<article>:<id>``.
    """
    index: dict[tuple[str, str], str] = {}
    for n, data in g.nodes(data=True):
        if _node_kind(data) != "claim":
            continue
        node = str(n)
        article = data.get("article") or data.get("article_id")
        local = data.get("claim_id") or data.get("local_id")
        if not (article and local):  # claim:<article>/<id> (claimtrack.graph), or <article>:<id>
            name = node[len("claim:"):] if node.startswith("claim:") else node
            head, sep, tail = name.rpartition("/") if "/" in name else name.rpartition(":")
            if sep and head and tail:
                article, local = article or head, local or tail
        if article and local:
            index[(str(article), str(local))] = n
    return index


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unmatched: list[tuple[str, str]] = field(default_factory=list)


def review_node_id(claim_node: str, reviewer: str = "") -> str:
    return f"review:{claim_node}" + (f":{reviewer}" if reviewer else "")


def import_reviews(g: "nx.MultiDiGraph", reviews: Mapping[tuple[str, str], Mapping[str, str]],
                   origin: str = "") -> ImportResult:
    """Add a ``review`` node and a ``reviews`` edge to *g* for each reviewed claim, in place.

    Importing the same file twice updates the same review nodes (one per claim and reviewer)
    instead of adding more. Claim nodes keep all their attributes, the machine's ``status`` and
    ``reason`` included.
    """
    index = claim_index(g)
    result = ImportResult()
    for (article, claim_id), review in sorted(reviews.items()):
        node = index.get((article, claim_id))
        if node is None:
            result.unmatched.append((article, claim_id))
            continue
        rid = review_node_id(str(node), review.get("reviewer", ""))
        attrs = {"kind": "review", "label": review.get("verdict", "") or "(note)",
                 "verdict": review.get("verdict", ""), "notes": review.get("notes", ""),
                 "reviewer": review.get("reviewer", ""), "article": article,
                 "claim_id": claim_id, "origin": origin}
        if rid in g:
            result.updated += 1
            g.nodes[rid].update(attrs)
        else:
            result.added += 1
            g.add_node(rid, **attrs)
        if not g.has_edge(rid, node, key="reviews"):
            g.add_edge(rid, node, key="reviews", relation="reviews", kind="review")
    return result
