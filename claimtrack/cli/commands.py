"""The ``claimtrack`` command line: parses arguments, calls the API, prints.

Heavy imports (stanza, torch, rich, networkx) happen inside commands so ``--help`` is instant.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .. import __version__
from .options import MODEL_DIR_HELP, model_options
from ..errors import EXIT_CODES, ClaimtrackError, exit_for

EXIT_CODES_HELP = "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {what}" for code, what in EXIT_CODES)


def _with_exit_codes(cmd: click.Command) -> click.Command:
    """Every command's --help ends with the exit-code table (subcommands too)."""
    if EXIT_CODES_HELP not in (cmd.epilog or ""):
        cmd.epilog = f"{cmd.epilog}\n\n{EXIT_CODES_HELP}" if cmd.epilog else EXIT_CODES_HELP
    for sub in getattr(cmd, "commands", {}).values():
        _with_exit_codes(sub)
    return cmd


class Group(click.Group):
    """Every error becomes one line on stderr and its exit code (errors.exit_for); a traceback
    only with --debug. Subgroups and added commands get the exit-code table in --help."""

    group_class = type  # subgroups are Groups too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(_with_exit_codes(cmd), name)

    def invoke(self, ctx):
        if ctx.parent is not None:  # the top group handles everything
            return super().invoke(ctx)
        import signal

        on_term = _sigterm_interrupts()
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            code, line = exit_for(exc)
            if ctx.meta.get("claimtrack.debug"):
                import traceback

                traceback.print_exc()
            if line:
                click.echo(f"claimtrack: {line}", err=True)
            if isinstance(exc, BrokenPipeError):
                _silence_stdout()
            ctx.exit(code)
        finally:
            if on_term is not None:
                signal.signal(signal.SIGTERM, on_term)


def _sigterm_interrupts():
    """SIGTERM unwinds like Ctrl-C (outputs are cleaned up, exit 130); returns the old handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt()

    return signal.signal(signal.SIGTERM, interrupt)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush cannot fail again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="claimtrack")
@click.option("--debug", is_flag=True, envvar="CLAIMTRACK_DEBUG",
              help="Show the full traceback of an error (for bug reports).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Who claims what in a news article, and who confirmed, denied or repeated it."""
    ctx.meta["claimtrack.debug"] = debug
    _one_line_warnings()


def _one_line_warnings() -> None:
    """A warning (the fast path keeping stock Stanza for a part, say) is one ``warning:`` line
    on stderr, not Python's two lines with a file name and a source line."""
    import warnings

    warnings.formatwarning = lambda message, category, filename, lineno, line=None: (
        f"warning: {message}\n")


MAX_CHARS = click.IntRange(1)


def _article_id(name: str) -> str:
    from ..io.inputs import article_stem, path_name

    return "stdin" if name == "-" else path_name(article_stem(name))


def _check_outputs(*files, cache_dir=None) -> None:
    """Refuse unwritable outputs (exit 4) before anything slow happens; None means not asked for."""
    from ..io.outputs import check_outdir, check_output

    for f in files:
        if f is not None:
            check_output(f)
    if cache_dir:
        check_outdir(cache_dir, "parse cache")


def _analyze_files(files, *, max_chars=None, lang=None, show_boilerplate=False, model_dir=None,
                   cache_dir=None, lexicon=None, ner=None, keep_going=True, outputs=()):
    """Read, check and analyse FILES with one pipeline; HTML pages keep their title, date, URL.

    *outputs* (and the cache) are checked first, so a bad ``-o`` never waits for the model. A
    bad file is a one-line error: fatal when it is the only one (or not *keep_going*),
    otherwise reported and counted. Returns the analyses and the number of files that failed."""
    from ..api import Analyzer
    from ..io.inputs import DEFAULT_MAX_CHARS, load_article

    _check_outputs(*outputs, cache_dir=cache_dir)
    limit = max_chars or DEFAULT_MAX_CHARS
    articles, failed = [], 0
    for name in files:
        try:
            articles.append(load_article(name, _article_id(name), limit, lang))
        except ClaimtrackError as exc:
            if len(files) == 1 or not keep_going:
                raise
            click.echo(f"claimtrack: error: {exc}", err=True)
            failed += 1
    if not articles:
        sys.exit(2)
    parser = None
    if lang:
        from ..parse.parser import Parser

        parser = Parser(model_dir, cache_dir=cache_dir, lang=lang, use_ner=ner)
    analyzer = Analyzer(model_dir, cache_dir=cache_dir, lexicon=lexicon, use_ner=ner,
                        include_boilerplate=show_boilerplate, parser=parser)
    results = analyzer.analyze_many([a.text for a in articles], [a.id for a in articles])
    for r, art in zip(results, articles):
        r.meta.update(art.meta)
    return results, failed


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(allow_dash=True), default="-",
              help="Write to this file instead of standard output.")
@click.option("--max-chars", type=MAX_CHARS, default=None, help="Refuse articles longer than this "
              "(default 2,000,000 characters).")
@click.option("--show-boilerplate", is_flag=True,
              help="Also make sources and claims of text that is not the article (appeals, credits).")
@click.option("--lang", default=None, help="Analyse with this language's Stanza models and skip "
              "the English check (the model directory must have them).")
@model_options
def analyze(files, fmt, output, max_chars, show_boilerplate, lang, model_dir, cache_dir, lexicon, ner):
    """Find the attributions in each article FILE ('-' reads standard input).

    \b
    Examples:
      claimtrack analyze examples/moscow_times_kaluga.txt
      claimtrack analyze --format json article.txt > article.json
      cat article.txt | claimtrack analyze -
    """
    from . import render
    from ..io.outputs import open_output

    results, failed = _analyze_files(files, max_chars=max_chars, lang=lang,
                                     show_boilerplate=show_boilerplate, model_dir=model_dir,
                                     cache_dir=cache_dir, lexicon=lexicon, ner=ner, outputs=[output])
    with open_output(output, newline="") as out:  # whole or not at all
        if fmt == "table":
            render.print_tables(results, out)
        elif fmt == "json":
            data = [r.to_dict() for r in results]
            json.dump(data[0] if len(data) == 1 else data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt == "jsonl":
            for r in results:
                out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        else:
            render.write_csv(results, out)
    if failed:
        sys.exit(2)


@main.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False, exists=True))
@click.option("--pred", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Score these predictions instead of running the extractor.")
@click.option("--save-pred", type=click.Path(), default=None,
              help="Write the extractor's predictions here (same JSONL format).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option("--no-ignore", is_flag=True, help="Keep predictions inside meta.ignore_spans.")
@click.option("--errors", "show_errors", is_flag=True,
              help="Also print recall by construction and cue lemma.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N documents.")
@model_options
def eval_cmd(gold, pred, save_pred, as_json, no_ignore, show_errors, limit, model_dir, cache_dir,
             lexicon, ner):
    """Score the extractor on a gold corpus (PolNeAR JSONL) with the reference rules.

    The gold is univocal (only the outermost of nested reports is annotated), so attributions
    nested in another's content are left out of the score; --save-pred keeps them, each with
    its "parent".

    \b
    Example:
      claimtrack eval ../shared/bench/polnear/dev.jsonl --cache .cache/parses
    """
    from ..evaluate import scoring as evaluate
    from ..io.outputs import open_output

    _check_outputs(save_pred, cache_dir=None if pred else cache_dir)
    gold_docs = evaluate.load_jsonl(gold, require_text=True)
    if limit:
        gold_docs = dict(list(gold_docs.items())[:limit])
    if pred:
        pred_docs = evaluate.load_jsonl(pred, texts={i: d["text"] for i, d in gold_docs.items()})
    else:
        from ..api import Analyzer
        from ..evaluate.predict import predict_corpus

        from ..io import feedback

        analyzer = Analyzer(model_dir, cache_dir=cache_dir, lexicon=lexicon, use_ner=ner)
        parses: dict = {}
        with feedback.bar(len(gold_docs)):  # one bar over the corpus, not one per parse call
            pred_docs = predict_corpus(analyzer, gold_docs, parses=parses)
        if analyzer.model is not None:
            # every candidate with its confidence, for the table by threshold (no second parse)
            chosen, analyzer.min_confidence = analyzer.min_confidence, 0.0
            every = predict_corpus(analyzer, gold_docs, parses=parses)
            analyzer.min_confidence = "auto"
            auto = predict_corpus(analyzer, gold_docs, parses=parses)
            analyzer.min_confidence = "veto"
            vetoed = predict_corpus(analyzer, gold_docs, parses=parses)
            analyzer.min_confidence = "rules"
            ruled = predict_corpus(analyzer, gold_docs, parses=parses)
            analyzer.min_confidence = chosen
        if save_pred:
            with open_output(save_pred) as fh:
                for d in pred_docs.values():
                    fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    from ..evaluate.predict import univocal

    warn = (lambda m: click.echo(f"warning: {m}", err=True))
    res = evaluate.score(gold_docs, univocal(pred_docs), use_ignore=not no_ignore, warn=warn)
    if not pred and analyzer.model is not None:
        from ..evaluate.predict import confidence_table

        res["confidence"] = confidence_table(gold_docs, univocal(every), univocal(pred_docs),
                                             use_ignore=not no_ignore)
        for name, docs in (("auto", auto), ("veto", vetoed), ("rules", ruled)):
            a = evaluate.score(gold_docs, univocal(docs), use_ignore=not no_ignore)["attributions"]["attr"]
            res["confidence"][name] = {k: round(a[k], 4) for k in ("p", "r", "f1")}
    if show_errors:
        from ..evaluate.predict import breakdown

        res["breakdown"] = breakdown(gold_docs, univocal(pred_docs))
        if not pred:
            from ..evaluate.predict import parse_paths

            res["breakdown"]["misses"] = parse_paths(gold_docs, univocal(pred_docs), parses, analyzer.lexicon)
    if as_json:
        click.echo(json.dumps(res, indent=2, sort_keys=True))
    else:
        click.echo(evaluate.format_table(res))
        if "confidence" in res:
            from ..evaluate.predict import format_confidence

            click.echo("")
            click.echo(format_confidence(res["confidence"]))
        if show_errors:
            from ..evaluate.predict import format_breakdown

            click.echo("")
            click.echo(format_breakdown(res["breakdown"]))


@main.command(name="train")
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(), required=True,
              help="Write the model (JSON) here.")
@click.option("--dev", multiple=True, type=click.Path(dir_okay=False, exists=True),
              help="Score the trained model once on this gold file too (recorded in the model).")
@click.option("--model-dir", type=click.Path(), default=None, help=MODEL_DIR_HELP)
@click.option("--cache", "cache_dir", type=click.Path(), default=None,
              help="Parse cache directory: a second run over the same texts skips parsing.")
@click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
              help="Extra reporting words (TOML or JSON, same layout as the built-in lexicon).")
@click.option("--ner/--no-ner", default=None,
              help="Use the NER model when the model directory has one (default: yes).")
def train_cmd(gold, output, dev, model_dir, cache_dir, lexicon, ner):
    """Train the attribution model on GOLD articles (bench JSONL, as `eval` reads).

    The rules propose candidates; the model learns which are real from the gold. Use the
    file with `--attribution-model` (or $CLAIMTRACK_ATTRIBUTION_MODEL) on any command that
    analyses. Seeded: the same command on the same data writes the same file (the date in it
    is $SOURCE_DATE_EPOCH's when set). Needs LightGBM (`pip install 'claimtrack[train]'`).

    \b
    Example:
      claimtrack train ../shared/bench/polnear/train.jsonl -o model.json --cache .cache/parses
    """
    import shlex

    from ..evaluate.train import train_model
    from ..extract.lexicon import load_lexicon
    from ..io import feedback
    from ..io.outputs import open_output
    from ..parse.parser import Parser

    _check_outputs(output, cache_dir=cache_dir)
    try:
        import lightgbm  # noqa: F401  (only training needs it)
    except ImportError:
        raise ClaimtrackError("training needs LightGBM: pip install 'claimtrack[train]'") from None
    parser = Parser(model_dir, cache_dir=cache_dir, use_ner=ner)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    command = (f"SOURCE_DATE_EPOCH={epoch} " if epoch else "") + shlex.join(["claimtrack", "train", *sys.argv[2:]])
    with feedback.phases() as progress:
        model = train_model(gold, parser, load_lexicon(lexicon), dev, progress=progress, command=command)
    with open_output(output) as fh:
        fh.write(model.dumps())
    cv = model.provenance["cross_validation"]
    t = cv["thresholds"]
    click.echo(f"wrote {output}: {len(model.forest.trees)} trees, thresholds {t['rules']} (the rules' "
               f"candidates) / {t['new']} (new ones), {model.provenance['documents']} articles; "
               f"cross-validated attr P {cv['attr']['p']:.3f} R {cv['attr']['r']:.3f} F1 {cv['attr']['f1']:.3f} "
               f"(veto: P {cv['veto']['p']:.3f} R {cv['veto']['r']:.3f} F1 {cv['veto']['f1']:.3f}; the rules "
               f"alone: P {cv['rules_alone']['p']:.3f} R {cv['rules_alone']['r']:.3f} F1 {cv['rules_alone']['f1']:.3f})",
               err=True)


@main.group()
def models() -> None:
    """Download or inspect the Stanza models."""


@models.command()
@click.option("--model-dir", type=click.Path(), default=None, help=MODEL_DIR_HELP)
@click.option("--lang", default="en", show_default=True)
@click.option("--ner/--no-ner", default=True, show_default=True, help="Also fetch the NER model.")
@click.option("--resources-url", envvar="STANZA_RESOURCES_URL", default=None, metavar="URL",
              help="Read Stanza's index (resources_<version>.json) from this URL, e.g. a mirror "
                   "(default: Stanza's; env STANZA_RESOURCES_URL).")
@click.option("--model-url", envvar="STANZA_MODEL_URL", default=None, metavar="TEMPLATE",
              help="Fetch model files from this URL template ({lang}, {filename}, "
                   "{resources_version}; default: the index's; env STANZA_MODEL_URL).")
def download(model_dir, lang, ner, resources_url, model_url):
    """Fetch the official Stanza models (needs internet; shows a progress bar per file).

    Files already there with the right checksum are kept, so running it again after an
    interrupted download fetches only what is missing. A checksum mismatch is one line and
    exit 3 (the bad file is removed).
    """
    from ..parse.models import download_models, resolve_model_dir

    from ..io.outputs import check_outdir

    path = resolve_model_dir(model_dir)
    check_outdir(path, "model directory")  # before a download that could not be saved
    click.echo(f"Downloading Stanza '{lang}' models to {path} …", err=True)
    info = download_models(path, lang, ner=ner, resources_url=resources_url, model_url=model_url)
    click.echo(f"ready: {info.path} ({', '.join(info.processors)})")


@models.command()
@click.option("--model-dir", type=click.Path(), default=None, help=MODEL_DIR_HELP)
@click.option("--lang", default="en", show_default=True)
def info(model_dir, lang):
    """Show which model directory would be used and what it can do."""
    from ..parse.models import describe, inspect_model_dir, resolve_model_dir

    m = inspect_model_dir(resolve_model_dir(model_dir), lang)
    click.echo(f"directory: {m.path}\nlanguage: {m.lang}\nprocessors: {', '.join(m.processors)}\n"
               f"ner: {'yes' if m.has_ner else 'no'}\nfingerprint: {m.fingerprint}\nmodels:")
    for line in describe(m):
        click.echo(line)



# --- exports for fact-checkers: JSON-LD, review CSV, HTML report (see docs/exports.md) ---------

@main.command(name="export")
@click.argument("files", nargs=-1, required=True)
@click.option("--jsonld", "jsonld_out", type=click.Path(allow_dash=True),
              default=None, help="Write schema.org Claim/ClaimReview JSON-LD here.")
@click.option("--review-csv", "csv_out", type=click.Path(allow_dash=True),
              default=None, help="Write the review CSV (one row per claim, empty verdict/notes).")
@click.option("--html", "html_out", type=click.Path(), default=None,
              help="Write the self-contained HTML report here.")
@click.option("--reviews", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A filled review CSV: its verdicts fill the JSON-LD ClaimReview ratings.")
@click.option("--url", default=None, help="The article's URL (one article only).")
@click.option("--title", default=None, help="The article's title (one article only).")
@click.option("--date", default=None, help="The article's publication date, ISO 8601 "
              "(one article only).")
@click.option("--show-boilerplate", is_flag=True, help="Keep text that is not the article.")
@click.option("--max-chars", type=MAX_CHARS, default=None, help="Refuse articles longer than this.")
@model_options
def export_cmd(files, jsonld_out, csv_out, html_out, reviews, url, title, date, show_boilerplate,
               max_chars, model_dir, cache_dir, lexicon, ner):
    """Analyse each article FILE and write fact-checker exports.

    \b
    Examples:
      claimtrack export examples/moscow_times_kaluga.txt --html report.html
      claimtrack export article.txt --jsonld claims.jsonld --review-csv review.csv \\
          --url https://example.org/a --date 2024-03-09
    """
    if not (jsonld_out or csv_out or html_out):
        raise click.UsageError("give at least one of --jsonld, --review-csv, --html")
    if sum(o == "-" for o in (jsonld_out, csv_out)) > 1:
        raise click.UsageError("only one output can go to standard output ('-')")
    named = [o for o in (jsonld_out, csv_out, html_out) if o and o != "-"]
    if len({Path(o).resolve() for o in named}) < len(named):
        raise click.UsageError("--jsonld, --review-csv and --html must be different files")
    from ..io.safetext import drop_unsafe_url

    given = drop_unsafe_url({k: v for k, v in (("url", url), ("title", title), ("date", date)) if v},
                            "--url")
    if given and len(files) > 1:
        raise click.UsageError("--url/--title/--date describe one article: give one FILE")
    from ..io.outputs import open_output
    from ..export.review import read_review_csv

    verdicts = read_review_csv(reviews) if reviews else None  # a bad sheet fails before the model
    results, _ = _analyze_files(files, max_chars=max_chars, show_boilerplate=show_boilerplate,
                                model_dir=model_dir, cache_dir=cache_dir, lexicon=lexicon, ner=ner,
                                keep_going=False, outputs=[jsonld_out, csv_out, html_out])
    for r in results:
        r.meta.update(given)
    if jsonld_out:
        from ..export.jsonld import write_jsonld

        with open_output(jsonld_out) as out:
            write_jsonld(results, out, verdicts)
    if csv_out:
        from ..export.review import write_review_csv

        with open_output(csv_out, newline="") as out:
            n = write_review_csv(results, out)
        if csv_out != "-":
            click.echo(f"{csv_out}: {n} claim(s) to review", err=True)
    if html_out:
        from ..export.report import write_html

        write_html(results, html_out)
        click.echo(f"{html_out}: report of {len(results)} article(s)", err=True)


@main.group()
def review() -> None:
    """Bring reviewers' verdicts back from a filled review CSV."""


@review.command(name="import")
@click.argument("csv_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False, exists=True), required=True,
              help="The claim graph to add the reviews to (.graphml, .gexf or node-link .json).")
@click.option("-o", "--output", type=click.Path(), required=True,
              help="Write the reviewed graph here (format from the extension).")
@click.option("--last-wins", is_flag=True,
              help="When rows for one claim disagree, keep the last (default: refuse the sheet).")
def review_import(csv_file, graph_file, output, last_wins):
    """Merge the verdicts of a filled review CSV into a claim graph as review nodes.

    Each reviewed claim gets a `review` node (verdict, notes, reviewer) with a `reviews` edge to
    the claim; the claim keeps the machine's status and reason. Re-importing updates the same
    review nodes.

    \b
    Example:
      claimtrack review import review.csv --graph claims.graphml -o reviewed.graphml
    """
    from ..graph.readwrite import format_for
    from ..export.review import ReviewError, import_reviews, load_graph, read_review_csv, save_graph

    try:
        format_for(output)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    _check_outputs(output)
    verdicts = read_review_csv(csv_file, last_wins=last_wins)
    g = load_graph(graph_file)
    res = import_reviews(g, verdicts, origin=Path(csv_file).name)
    if verdicts and res.added + res.updated == 0:
        raise ReviewError(f"none of the {len(verdicts)} reviewed claim(s) is in {graph_file} "
                          "(is it the graph of the same articles?)")
    save_graph(g, output)
    click.echo(f"{output}: {res.added} review(s) added, {res.updated} updated", err=True)
    if res.unmatched:
        shown = ", ".join(f"{a}:{c}" for a, c in res.unmatched[:10])
        more = f" and {len(res.unmatched) - 10} more" if len(res.unmatched) > 10 else ""
        click.echo(f"warning: {len(res.unmatched)} reviewed claim(s) not in the graph: "
                   f"{shown}{more}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=False)
@click.option("--db", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Write the corpus graph of this claim store (one node per claim cluster) "
                   "instead of analysing FILES.")
@click.option("-o", "--output", type=click.Path(), required=True,
              help="Graph file; the extension picks the format (.graphml .gexf .json .dot .csv).")
@click.option("-f", "--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "dot", "csv"]),
              default=None, help="Format, when the extension does not say.")
@click.option("--show-boilerplate", is_flag=True, help="Keep text that is not the article.")
@click.option("--max-chars", type=MAX_CHARS, default=None, help="Refuse articles longer than this.")
@model_options
def graph(files, db, output, fmt, show_boilerplate, max_chars, model_dir, cache_dir, lexicon, ner):
    """Write the claim graph of one or more articles (one merged graph) to a file.

    \b
    Examples:
      claimtrack graph examples/moscow_times_kaluga.txt -o seed.graphml
      claimtrack graph a.txt b.txt -o claims.json
      claimtrack graph --db claims.db -o corpus.graphml
    """
    from ..graph.readwrite import format_for, write_graph
    from ..graph.build import build_graph, merge_graphs

    try:
        fmt = format_for(output, fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    _check_outputs(output)
    if bool(db) == bool(files):
        raise click.UsageError("give either FILES or --db")
    if db:
        from ..graph.build import corpus_graph
        from ..store.store import ClaimStore

        with ClaimStore.open(db) as store:
            G = corpus_graph(store)
        write_graph(G, output, fmt)
        click.echo(f"{output}: {fmt}, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
                   f"from {db}", err=True)
        return
    results, _ = _analyze_files(files, max_chars=max_chars, show_boilerplate=show_boilerplate,
                                model_dir=model_dir, cache_dir=cache_dir, lexicon=lexicon, ner=ner,
                                keep_going=False)
    G = merge_graphs(build_graph(r) for r in results)
    write_graph(G, output, fmt)
    click.echo(f"{output}: {fmt}, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
               f"from {len(results)} article(s)", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", type=click.Path(), required=True,
              help="Output directory (re-running into it resumes).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Parallel worker processes, each loading the pipeline once (Dask: workers "
                   "of the LocalCluster it starts).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processes on this machine; dask: a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (e.g. tcp://10.0.0.5:8786); default: start a LocalCluster.")
@click.option("--max-chars", type=MAX_CHARS, default=None,
              help="Refuse articles longer than this (default 2,000,000 characters).")
@click.option("--lang", default=None, help="Analyse with this language's Stanza models and skip "
              "the English check (the model directory must have them).")
@click.option("--graph-format", type=click.Choice(["graphml", "json", "dot", "csv"]),
              default="graphml", show_default=True, help="Format of the merged claim graph.")
@click.option("--show-boilerplate", is_flag=True, help="Keep text that is not the article.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when standard error is a terminal).")
@model_options
def batch(inputs, outdir, workers, engine, scheduler, max_chars, lang, graph_format,
          show_boilerplate, progress, model_dir, cache_dir, lexicon, ner):
    """Analyse many articles: one JSON result per article in OUTDIR/articles/, plus
    errors.jsonl, index.jsonl, sources.csv and the merged claim graph.

    INPUT is a file (.txt, .md, .html), a directory of them, or JSONL with {"id", "text"} or
    {"id", "html"} per line ('-' reads JSONL from standard input). Re-running the same command
    skips finished articles. Exit code 1 means the run finished but some articles failed: see
    OUTDIR/errors.jsonl.

    \b
    Examples:
      claimtrack batch examples/ -o out
      claimtrack batch corpus.jsonl -o out --workers 2
      claimtrack batch examples/ -o out --engine dask --workers 2
      claimtrack batch corpus.jsonl -o out --engine dask --scheduler tcp://host:8786
    """
    from ..batch.run import Settings, run_batch
    from ..io.inputs import DEFAULT_MAX_CHARS
    from ..extract.lexicon import load_lexicon

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    _check_outputs(cache_dir=cache_dir)  # OUTDIR itself is checked by run_batch, before the model
    settings = Settings(model_dir=model_dir, cache_dir=cache_dir, lexicon=load_lexicon(lexicon),
                        use_ner=ner, lang=lang, include_boilerplate=show_boilerplate)
    show = sys.stderr.isatty() if progress is None else progress
    kwargs = dict(engine=engine, workers=workers, scheduler=scheduler, settings=settings,
                  max_chars=max_chars or DEFAULT_MAX_CHARS, lang=lang, graph_format=graph_format,
                  argv=sys.argv[1:])
    if show:
        from ..batch.run import progress_bar

        with progress_bar() as on_progress:
            summary = run_batch(list(inputs), outdir, on_progress=on_progress, **kwargs)
    else:
        summary = run_batch(list(inputs), outdir, **kwargs)
    click.echo(summary.line(), err=True)
    if summary.failed:
        click.echo(f"claimtrack: {summary.failed} article(s) failed: see "
                   f"{Path(outdir) / 'errors.jsonl'}", err=True)
    sys.exit(summary.exit_code)


from .store import claims_cmd, track_cmd  # noqa: E402  (the claim-store commands)

main.add_command(track_cmd)
main.add_command(claims_cmd)

from .check import check_cmd  # noqa: E402  (claims against articles)

main.add_command(check_cmd)

from .serve import serve_cmd  # noqa: E402  (the fact-checker's desk)

main.add_command(serve_cmd)


if __name__ == "__main__":  # pragma: no cover
    main()
