"""The claim-store commands, ``track`` and ``claims``: thin layers over :mod:`claimtrack.store.track`
and :class:`claimtrack.store.ClaimStore` (registered on the ``claimtrack`` group by ``cli``)."""
from __future__ import annotations

import json
import sys

import click

from ..claims.words import KINDS, STATUSES
from .options import model_options


CSV_COLUMNS = ["id", "status", "kind", "first_date", "first_article", "appearances", "sources",
               "statement", "reason", "verdict", "reviewed"]


@click.command(name="track")
@click.argument("inputs", nargs=-1)
@click.option("--db", type=click.Path(dir_okay=False), required=True, help="The claim store (SQLite).")
@click.option("--workdir", type=click.Path(file_okay=False), default=None,
              help="Where batch keeps per-article results (default: DB.work/ beside the store).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler (with --engine dask).")
@click.option("--date", default=None, help="Publication date (ISO 8601) for a single file.")
@click.option("--outlet", default=None, help="Outlet name for a single file.")
@click.option("--max-chars", type=int, default=None, help="Refuse articles longer than this.")
@click.option("--rebuild", is_flag=True, help="Re-cluster the store's articles with this version's "
              "rules first (needed for a store made by other rules; INPUTs optional).")
@model_options
def track_cmd(inputs, db, workdir, workers, engine, scheduler, date, outlet, max_chars, rebuild,
              model_dir, cache_dir, lexicon, ner):
    """Add articles to a claim store: claims are clustered across articles and days.

    INPUT is what `claimtrack batch` takes (files, directories, JSONL with "id", "text", "date",
    "outlet", "url", "title"). Adding an article again changes nothing; a killed run resumes.

    \b
    Examples:
      claimtrack track examples/stories/rustavi_blast.jsonl --db claims.db
      claimtrack track article.txt --db claims.db --date 2024-03-09 --outlet "Moscow Times"
    """
    from ..batch.run import Settings
    from ..io.inputs import DEFAULT_MAX_CHARS
    from ..extract.lexicon import load_lexicon
    from ..store.track import track

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if not inputs and not rebuild:
        raise click.UsageError("give INPUTs (or --rebuild)")
    meta = {k: v for k, v in (("date", date), ("outlet", outlet)) if v}
    if meta and len(inputs) != 1:
        raise click.UsageError("--date and --outlet need a single input")
    settings = Settings(model_dir=model_dir, cache_dir=cache_dir, lexicon=load_lexicon(lexicon),
                        use_ner=ner)
    summary = track(list(inputs), db, workdir=workdir, meta=meta or None, engine=engine,
                    workers=workers, scheduler=scheduler, settings=settings,
                    max_chars=max_chars or DEFAULT_MAX_CHARS, rebuild=rebuild)
    if rebuild:
        click.echo(f"{db}: {summary.extra['rebuilt']} article(s) re-clustered", err=True)
    if inputs:
        click.echo(summary.line(), err=True)
    sys.exit(1 if summary.failed else 0)


@click.command(name="claims")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), required=True)
@click.option("--source", default=None, help="Only clusters this source (name or key) appears in.")
@click.option("--status", type=click.Choice(STATUSES), default=None)
@click.option("--kind", type=click.Choice(KINDS), default=None)
@click.option("--since", default=None, help="Only clusters with an appearance on or after DATE.")
@click.option("--until", default=None, help="Only clusters with an appearance on or before DATE.")
@click.option("-q", "query", default=None, help="Full-text search over statements (SQLite FTS5 syntax).")
@click.option("--verdict", default=None, help="Only clusters whose latest review gave this verdict "
              "(any case, e.g. False).")
@click.option("--reviewed/--unreviewed", default=None, help="Only clusters with / without a review.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True)
def claims_cmd(db, source, status, kind, since, until, query, verdict, reviewed, fmt):
    """List the claim clusters of a store, with appearances, first-seen dates and statuses.

    \b
    Examples:
      claimtrack claims --db claims.db
      claimtrack claims --db claims.db --status disputed --format json
      claimtrack claims --db claims.db -q "synagogue" --since 2024-03-08
      claimtrack claims --db claims.db --unreviewed
      claimtrack claims --db claims.db --verdict false --format json
    """
    from ..store.store import ClaimStore

    with ClaimStore.open(db) as store:
        rows = list(store.clusters(source=source, status=status, kind=kind, since=since,
                                   until=until, query=query, verdict=verdict, reviewed=reviewed))
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from ..io.csvout import write_csv  # the one guarded writer (formula-leading cells)

        write_csv(out, CSV_COLUMNS, (_csv_row(r) for r in rows))
    else:
        _table(rows, out)


def _sources(r: dict) -> str:
    return " | ".join(dict.fromkeys(a["source"] or f"({a['outlet']})" for a in r["appearances"]))


def _csv_row(r: dict) -> list:
    return [r["id"], r["status"], r["kind"], r["first_seen"]["date"] or "", r["first_seen"]["article"],
            len(r["appearances"]), _sources(r), r["statement"], r["reason"], r["verdict"] or "",
            "yes" if r["reviewed"] else "no"]


def _table(rows: list[dict], out) -> None:
    """A plain-text listing: one block per cluster, its appearances indented beneath."""
    for r in rows:
        out.write(f"{r['id']}  [{r['status']}] ({r['kind']})  first seen {r['first_seen']['date'] or '?'} "
                  f"in {r['first_seen']['article']}\n    {r['statement']}\n    why: {r['reason']}\n")
        if r["reviewed"]:
            who = r["reviews"][-1]["reviewer"]
            out.write(f"    verdict: {r['verdict']}{f' ({who})' if who else ''}\n")
        for a in r["appearances"]:
            who = a["source"] or "(own voice)"
            via = f" via {' → '.join(a['via'])}" if a["via"] else ""
            out.write(f"      {a['date'] or '?'}  {a['outlet'] or a['article']:<18} {who}{via} "
                      f"'{a['cue']}' [{a['class']}]\n")
        for l in r["links"]:
            out.write(f"      → {l['relation']} {l['target']}\n")
        if len(r["timeline"]) > 1:
            out.write("      timeline: " + " → ".join(f"{t['status']} ({t['date'] or '?'})"
                                                      for t in r["timeline"]) + "\n")
        out.write("\n")
    out.write(f"{len(rows)} cluster(s)\n")
