"""``claimtrack check``: who confirms, denies or merely repeats a claim, article by article."""
from __future__ import annotations

import sys

import click

from .options import model_options


@click.command(name="check")
@click.argument("inputs", nargs=-1)
@click.option("--claim", default=None, metavar="TEXT", help="The claim to check, as written.")
@click.option("--claims", "claims_file", type=click.Path(dir_okay=False), default=None,
              help='Many claims: JSONL, one {"id", "text", "articles": [ids]} a line '
                   '("articles" optional: without it, every input).')
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Check against the claim store's articles instead of INPUTs.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the rows here (default: standard output).")
@click.option("--workdir", type=click.Path(file_okay=False), default=None,
              help="Keep batch's per-article results here (a second check skips parsing).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True)
@click.option("--max-chars", type=int, default=None, help="Refuse articles longer than this.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when standard error is a terminal).")
@model_options
def check_cmd(inputs, claim, claims_file, db, fmt, output, workdir, workers, max_chars, progress,
              model_dir, cache_dir, lexicon, ner):
    """Check claims against articles: one row per (claim, article) with the stance (confirms,
    denies, discusses, unrelated), its confidence and the evidence — the sentences and the
    attribution (source, cue, class) that carry it, or the article's own voice.

    INPUT is what batch reads (files, directories, JSONL, '-'); each article is parsed once
    however many claims are checked. The stance is toward the claim as written: an article
    that debunks a rumour denies the rumour and confirms "the story is a hoax".

    \b
    Examples:
      claimtrack check --claim "Two suspects were killed" examples/moscow_times_kaluga.txt
      claimtrack check --claims claims.jsonl corpus.jsonl --format csv -o rows.csv
      claimtrack check --claim "The depot held diesel" --db claims.db --format json
    """
    from ..check.run import format_rows, read_claims

    claims = read_claims(claim, claims_file)
    if bool(db) == bool(inputs):
        raise click.UsageError("give either INPUTs or --db")
    if output:
        from ..io.outputs import check_output

        check_output(output, "output file")
    if db:
        rows, failed = _from_store(claims, db), 0
    else:
        rows, failed = _from_inputs(claims, list(inputs), workdir, workers, max_chars, progress,
                                    model_dir, cache_dir, lexicon, ner)
    text = format_rows(rows, fmt) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)
    if failed:
        click.echo(f"claimtrack: {failed} article(s) could not be read or analysed", err=True)
        sys.exit(1)


def _from_store(claims, db):
    from pathlib import Path

    from ..check.run import check_store
    from ..errors import InputError
    from ..store.store import ClaimStore

    if not Path(db).exists():
        raise InputError(f"{db}: no such claim store")
    with ClaimStore.open(db) as store:
        return list(check_store(claims, store))


def _from_inputs(claims, inputs, workdir, workers, max_chars, progress, model_dir, cache_dir,
                 lexicon, ner):
    from ..batch.check import run_check
    from ..batch.run import Settings
    from ..extract.lexicon import load_lexicon
    from ..io.inputs import DEFAULT_MAX_CHARS

    settings = Settings(model_dir=model_dir, cache_dir=cache_dir, lexicon=load_lexicon(lexicon),
                        use_ner=ner)
    kwargs = dict(workers=workers, settings=settings, max_chars=max_chars or DEFAULT_MAX_CHARS)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from ..batch.run import progress_bar

        with progress_bar() as on_progress:
            rows, summary = run_check(claims, inputs, workdir, on_progress=on_progress, **kwargs)
    else:
        rows, summary = run_check(claims, inputs, workdir, **kwargs)
    return rows, summary.failed
