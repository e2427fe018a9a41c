"""Hostile inputs and environments through the real command line (issue 11, "Hardening").

One test (or a parametrised group) per row of the table in the README ("Hostile inputs and
environments"); each would have failed on main before this work. Most run the CLI in-process
(click's CliRunner, with the session's pipeline where an analysis is needed); a real process is
used where the situation needs one: a closed standard input or output, a closed pipe. Checks
that must happen "before the model loads" pass a model directory that does not exist: had the
model been touched first, the exit code would be 3.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from conftest import ROOT

NO_MODEL = "/nonexistent/claimtrack-models"
TEXT = "The minister said that taxes would rise.\n"


@pytest.fixture()
def cli(analyzer, monkeypatch):
    """The CLI in-process with the session's pipeline (no second model load)."""
    import claimtrack.api as api

    real = api.Analyzer

    def factory(model_dir=None, cache_dir=None, lexicon=None, use_ner=None, parser=None, **kw):
        return real(parser=analyzer.parser, lexicon=lexicon, **kw)

    monkeypatch.setattr(api, "Analyzer", factory)
    return lambda *args, **kw: CliRunner().invoke(main, [str(a) for a in args], **kw)


def run(*args, **kw):
    """The CLI in-process without a pipeline (for errors that must come before the model)."""
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


def proc(*args, **kw) -> subprocess.CompletedProcess:
    """The CLI as a real process (its stdin, stdout and stderr as *kw* gives them)."""
    code = "from claimtrack.cli import main; main(prog_name='claimtrack')"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT,
                          capture_output="stdout" not in kw, text=True, **kw)


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


@pytest.fixture()
def article(tmp_path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


# -- standard streams --------------------------------------------------------------------------

def test_closed_stdin_is_an_input_error(tmp_path):
    out = proc("analyze", "-", "--model-dir", NO_MODEL, stdin=subprocess.DEVNULL,
               preexec_fn=lambda: os.close(0))
    assert out.returncode == 2
    assert "standard input is closed" in one_line(out.stderr)


def test_closed_stdout_is_refused_before_the_model(article):
    out = proc("analyze", article, "--model-dir", NO_MODEL, preexec_fn=lambda: os.close(1),
               stdout=None, stderr=subprocess.PIPE)
    assert out.returncode == 4
    assert "standard output is closed" in one_line(out.stderr)


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "d", "text": "Bob said it rained.", "attributions": [
        {"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 18]]}]}) + "\n")
    r, w = os.pipe()
    os.close(r)  # nobody will ever read: the first write fails with EPIPE
    try:
        out = subprocess.run([sys.executable, "-c", "from claimtrack.cli import main; main()",
                              "eval", str(gold), "--pred", str(gold)],
                             stdout=w, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    finally:
        os.close(w)
    assert out.returncode == 4
    assert out.stderr == ""  # no traceback, no "Exception ignored" at exit


# -- outputs: checked before the model, written whole ------------------------------------------

OUTPUT_COMMANDS = [
    ("analyze", "{a}", "-o", "{out}"),
    ("analyze", "{a}", "--format", "json", "-o", "{out}"),
    ("graph", "{a}", "-o", "{out}.graphml"),
    ("export", "{a}", "--html", "{out}.html"),
    ("export", "{a}", "--jsonld", "{out}.jsonld"),
    ("export", "{a}", "--review-csv", "{out}.csv"),
    ("eval", "{gold}", "--save-pred", "{out}.jsonl"),
]


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:3]))
@pytest.mark.parametrize("where", ["missing-dir", "is-a-dir", "under-a-file"])
def test_unwritable_output_is_exit_4_before_the_model(tmp_path, article, args, where):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "d", "text": TEXT}) + "\n")
    (tmp_path / "adir.html").mkdir()  # a directory in the place of each output
    for ext in ("", ".graphml", ".jsonld", ".csv", ".jsonl"):
        (tmp_path / f"adir{ext}").mkdir(exist_ok=True)
    out = {"missing-dir": tmp_path / "nowhere" / "out", "is-a-dir": tmp_path / "adir",
           "under-a-file": article / "out"}[where]
    argv = [x.format(a=article, out=out, gold=gold) for x in args]
    res = run(*argv, "--model-dir", NO_MODEL)
    assert res.exit_code == 4, res.output
    assert str(out) in one_line(res.output)


@pytest.mark.parametrize("where", ["a-file", "under-a-file"])
def test_batch_outdir_that_cannot_be_a_directory_is_exit_4(article, where):
    outdir = article if where == "a-file" else article / "out"
    res = run("batch", article, "-o", outdir, "--model-dir", NO_MODEL)
    assert res.exit_code == 4 and "not a directory" in one_line(res.output)


def test_review_import_output_is_checked_before_reading(tmp_path):
    sheet = tmp_path / "r.csv"
    sheet.write_text("article,claim_id,verdict\na,c1,false\n")
    g = tmp_path / "g.json"
    g.write_text("not a graph")
    res = run("review", "import", sheet, "--graph", g, "-o", tmp_path / "nowhere" / "o.graphml")
    assert res.exit_code == 4 and "does not exist" in one_line(res.output)


def test_unwritable_parse_cache_is_exit_4_before_the_model(article):
    res = run("analyze", article, "--cache", article / "cache", "--model-dir", NO_MODEL)
    assert res.exit_code == 4 and "parse cache" in one_line(res.output)


def test_models_download_into_an_unwritable_place_is_exit_4_before_downloading(article):
    res = run("models", "download", "--model-dir", article / "models")  # under a file
    assert res.exit_code == 4 and "model directory" in one_line(res.output)


def test_full_disk_is_one_line_exit_4(cli, article):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    res = cli("analyze", article, "--format", "json", "-o", "/dev/full")
    assert res.exit_code == 4 and "No space left" in one_line(res.output)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(cli, article, tmp_path, monkeypatch):
    target = tmp_path / "g.graphml"
    target.write_text("old graph\n")

    def half_then_fail(G, fh, **kw):
        fh.write(b"<?xml version='1.0'?><graphml>")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nx, "write_graphml", half_then_fail)
    res = cli("graph", article, "-o", target)
    assert res.exit_code == 4 and "No space left" in one_line(res.output)
    assert target.read_text() == "old graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "g.graphml"]


def test_sigterm_is_an_interruption_that_leaves_no_output(cli, article, tmp_path, monkeypatch):
    """SIGTERM while the article is being read: exit 130, "interrupted", the handler restored."""
    import claimtrack.io.inputs as inputs

    before = signal.getsignal(signal.SIGTERM)
    real = inputs.prepare_article

    def terminated(*a, **kw):
        if signal.getsignal(signal.SIGTERM) is before:  # never kill the test run itself
            pytest.fail("no SIGTERM handler while the command runs")
        os.kill(os.getpid(), signal.SIGTERM)
        return real(*a, **kw)

    monkeypatch.setattr(inputs, "prepare_article", terminated)
    res = cli("analyze", article, "-o", tmp_path / "out.json")
    assert res.exit_code == 130 and one_line(res.output) == "claimtrack: interrupted"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert signal.getsignal(signal.SIGTERM) is before


# -- inputs ------------------------------------------------------------------------------------

def _one_gigabyte() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a regression fails, not the machine


def test_endless_standard_input_stops_at_the_limit():
    with open("/dev/zero", "rb") as zero:
        out = proc("analyze", "-", "--max-chars", "1000", "--model-dir", NO_MODEL,
                   stdin=zero, preexec_fn=_one_gigabyte)
    assert out.returncode == 2 and "over the limit" in one_line(out.stderr)


def _unblock_fifo(path: Path):
    """A writer that opens and closes lets a reader blocked on the FIFO see end of file."""
    def unblock():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    return unblock


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "symlink-loop", "broken-link"])
def test_analyze_reads_only_regular_files(tmp_path, kind):
    """A FIFO named x.txt would hang, /dev/zero never end: both are one line, exit 2, before the
    model (and never opened); so are a loop of links and a broken one."""
    target = tmp_path / "x.txt"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink-loop":
        target.symlink_to(target)
    elif kind == "broken-link":
        target.symlink_to(tmp_path / "missing.txt")
    else:
        target = Path(kind)
    res = _run_in_thread(lambda: run("analyze", target, "--model-dir", NO_MODEL), _unblock_fifo(target))
    assert res.exit_code == 2, res.output
    assert str(target) in one_line(res.output)
    want = {"fifo": "not a regular file", "/dev/zero": "not a regular file",
            "symlink-loop": "broken symbolic link", "broken-link": "broken symbolic link"}[kind]
    assert want in res.output


def _run_in_thread(fn, unblock):
    """Run *fn*; if it is still blocked after a minute, *unblock* it and fail."""
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("value", fn()), daemon=True)
    t.start()
    t.join(60)
    if t.is_alive():
        unblock()
        t.join(10)
        pytest.fail("blocked on a special file")
    return result["value"]


def test_a_fifo_inside_a_batch_directory_is_listed_not_waited_for(tmp_path):
    from batchkit import model_dir
    from claimtrack.batch.run import Settings, run_batch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "stuck.txt")
    os.mkfifo(corpus / "feed.jsonl")

    def unblock():  # a writer that opens and closes lets a blocked reader see end of file
        for name in ("stuck.txt", "feed.jsonl"):
            try:
                os.close(os.open(corpus / name, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    summary = _run_in_thread(lambda: run_batch([str(corpus)], tmp_path / "out",
                                               settings=Settings(model_dir=model_dir())), unblock)
    assert (summary.ok, summary.failed) == (0, 2)
    reasons = [json.loads(x)["reason"] for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert all("not a regular file" in r for r in reasons), reasons


def test_batch_output_inside_the_input_directory_is_not_read_back(tmp_path, analyzer, monkeypatch):
    import claimtrack.batch.run as batch
    from batchkit import model_dir
    from claimtrack.batch.run import Settings, iter_items, run_batch

    monkeypatch.setattr(batch, "build_analyzer", lambda settings: analyzer)  # the session's

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old-run").mkdir()
    (corpus / "old-run" / "run-log.jsonl").write_text('{"status": "completed"}\n')
    (corpus / "out" / "articles").mkdir(parents=True)  # `batch corpus -o corpus/out`, resumed
    (corpus / "out" / "errors").mkdir()
    (corpus / "out" / "index.jsonl").write_text('{"id": "a", "input": "x", "status": "ok"}\n')
    (corpus / "a.txt").write_text(TEXT)
    assert [i.id for i in iter_items([str(corpus)])] == ["a"]
    summary = run_batch([str(corpus)], corpus / "out", settings=Settings(model_dir=model_dir()),
                        on_progress=lambda p: None)
    assert (summary.articles, summary.failed) == (1, 0)


def test_lone_surrogates_in_a_batch_feed_are_analysed_and_written(tmp_path, analyzer, monkeypatch):
    import claimtrack.batch.run as batch
    from batchkit import model_dir
    from claimtrack.batch.run import Settings, run_batch

    monkeypatch.setattr(batch, "build_analyzer", lambda settings: analyzer)
    feed = tmp_path / "feed.jsonl"  # valid JSON, but "\ud800" has no UTF-8 encoding
    feed.write_text('{"id": "s\\udc00", "text": "The minister said that taxes would rise \\ud800 today."}\n')
    summary = run_batch([str(feed)], tmp_path / "out", settings=Settings(model_dir=model_dir()))
    assert (summary.ok, summary.failed) == (1, 0)
    [result] = (tmp_path / "out" / "articles").glob("*.json")
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["id"] == "s\ufffd" and "rise \ufffd today" in data["attributions"][0]["content"]["text"]


def test_deeply_nested_json_in_a_batch_feed_is_one_error_line(tmp_path):
    from batchkit import model_dir
    from claimtrack.batch.run import Settings, run_batch

    feed = tmp_path / "feed.jsonl"
    feed.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    summary = run_batch([str(feed)], tmp_path / "out", settings=Settings(model_dir=model_dir()))
    assert (summary.ok, summary.failed) == (0, 1)
    assert "nested too deeply" in (tmp_path / "out" / "errors.jsonl").read_text()


@pytest.mark.parametrize("line,needle", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"id": "d"}', "no 'text'"),
    ('["not", "an", "object"]', "not a JSON object"),
    ('{"id": ["x"], "text": "t"}', "no 'id'"),
    (b"\xff\xfe{}", "not UTF-8"),
])
def test_eval_bad_gold_lines_are_one_line_exit_2(tmp_path, line, needle):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(line if isinstance(line, bytes) else line.encode() + b"\n")
    res = run("eval", gold, "--pred", gold)
    assert res.exit_code == 2 and needle in one_line(res.output)


def test_file_name_that_is_not_utf8_gives_a_writable_id(cli, tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    res = cli("analyze", tmp_path / name, "--format", "json", "-o", tmp_path / "out.json")
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["id"] == "caf\ufffd"


def test_a_malformed_dask_scheduler_address_is_a_usage_error(article, tmp_path):
    res = run("batch", article, "-o", tmp_path / "out", "--engine", "dask", "--scheduler", "notaurl")
    assert res.exit_code == 2 and "not a Dask scheduler address" in one_line(res.output)


# -- article text that is hostile to the output formats ----------------------------------------

CONTROL_TEXT = "The minister said that taxes would rise \x1b[31mtoday\x07 and tomorrow.\x0c\n"


def test_control_characters_never_reach_the_terminal_and_graphml_is_written(cli, tmp_path):
    art = tmp_path / "ctrl.txt"
    art.write_text(CONTROL_TEXT, encoding="utf-8")
    table = cli("analyze", art)
    assert table.exit_code == 0 and table.output.count("minister") >= 1
    assert "\x1b" not in table.output and "\x07" not in table.output and "␛[31m" in table.output
    res = cli("graph", art, "-o", tmp_path / "g.graphml")
    assert res.exit_code == 0, res.output
    claims = [d for _, d in nx.read_graphml(tmp_path / "g.graphml").nodes(data=True)
              if d.get("kind") == "claim"]
    assert any("␛[31mtoday␇" in d["label"] or "␛[31mtoday␇" in d.get("text", "") for d in claims)
    # the JSON contract keeps the original text: offsets refer to it
    data = json.loads(cli("analyze", art, "--format", "json").output)
    assert "\x1b[31mtoday" in data["attributions"][0]["content"]["text"]


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_formula_cells_are_guarded_in_every_csv(cli, tmp_path):
    art = tmp_path / "=HYPERLINK(1).txt"  # the article id is a cell of every CSV
    art.write_text(TEXT, encoding="utf-8")
    rows = _csv_rows(cli("analyze", art, "--format", "csv").output)
    assert rows and all(r["article"] == "'=HYPERLINK(1)" for r in rows)
    cli("graph", art, "-o", tmp_path / "edges.csv")
    edges = _csv_rows((tmp_path / "edges.csv").read_text())
    assert not [c for r in edges for c in r.values() if c and c[0] in "=+-@"]

    from claimtrack.batch.run import SourcesTable

    table = SourcesTable()
    table.add({"id": "@evil", "attributions": [], "sources": [
        {"id": "s1", "name": "-2+3", "key": "=cmd", "type": "person"}]})
    row = _csv_rows(table.to_csv())[0]
    assert (row["key"], row["name"], row["first_article"]) == ("'=cmd", "'-2+3", "'@evil")


def test_review_round_trip_keeps_ids_that_look_like_formulas(cli, tmp_path):
    art = tmp_path / "-draft.txt"
    art.write_text(TEXT, encoding="utf-8")
    sheet, graph = tmp_path / "review.csv", tmp_path / "g.graphml"
    assert cli("export", art, "--review-csv", sheet).exit_code == 0
    assert cli("graph", art, "-o", graph).exit_code == 0
    rows = _csv_rows(sheet.read_text())
    assert rows[0]["article"] == "'-draft"  # guarded in the sheet
    rows[0]["verdict"] = "false"
    with open(sheet, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    res = cli("review", "import", sheet, "--graph", graph, "-o", tmp_path / "r.graphml")
    assert res.exit_code == 0 and "1 review(s) added" in res.output, res.output


def test_a_javascript_url_never_becomes_a_link_or_an_id(cli, article, tmp_path):
    report, ld = tmp_path / "r.html", tmp_path / "c.jsonld"
    res = cli("export", article, "--html", report, "--jsonld", ld, "--url", "javascript:alert(1)")
    assert res.exit_code == 0, res.output
    assert "javascript:" not in report.read_text(encoding="utf-8").lower()
    assert "javascript:" not in ld.read_text(encoding="utf-8")
    cli("export", article, "--html", report, "--url", "https://example.org/a")
    assert 'href="https://example.org/a"' in report.read_text(encoding="utf-8")


def test_broken_reviews_sheet_fails_before_the_model(article, tmp_path):
    sheet = tmp_path / "r.csv"
    sheet.write_text("claim,status\n")
    res = run("export", article, "--jsonld", tmp_path / "c.jsonld", "--reviews", sheet,
              "--model-dir", NO_MODEL)
    assert res.exit_code == 2 and "missing column" in one_line(res.output)


# -- options and errors ------------------------------------------------------------------------

def test_model_dir_that_is_a_file_is_a_model_error(article):
    res = run("analyze", article, "--model-dir", article)
    assert res.exit_code == 3 and "not a Stanza model directory" in one_line(res.output)


def test_broken_lexicon_is_a_usage_error(article, tmp_path):
    lex = tmp_path / "bad.toml"
    lex.write_text("[[[")
    from conftest import model_dir

    res = run("analyze", article, "--lexicon", lex, "--model-dir", model_dir())  # read before the load
    assert res.exit_code == 2 and "bad.toml" in one_line(res.output)


@pytest.mark.parametrize("cmd", ["analyze", "graph", "export", "batch"])
def test_max_chars_must_be_positive(article, tmp_path, cmd):
    extra = {"graph": ["-o", tmp_path / "g.json"], "export": ["--html", tmp_path / "r.html"],
             "batch": ["-o", tmp_path / "out"]}.get(cmd, [])
    res = run(cmd, article, *extra, "--max-chars", "-5")
    assert res.exit_code == 2 and "Invalid value for '--max-chars'" in res.output


def test_a_bug_is_one_line_exit_70_and_debug_shows_the_traceback(cli, article, monkeypatch):
    import claimtrack.cli.render as render

    def broken(results, out):
        raise KeyError("boom")

    monkeypatch.setattr(render, "print_tables", broken)
    res = cli("analyze", article)
    assert res.exit_code == 70
    line = one_line(res.output)
    assert "internal error: KeyError" in line and "--debug" in line
    debug = cli("--debug", "analyze", article)
    assert debug.exit_code == 70 and "Traceback" in debug.output and "KeyError" in debug.output


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))


def test_every_command_documents_the_exit_codes():
    from claimtrack.errors import EXIT_CODES

    paths = [("",)] + [p for p, _ in _commands(main)]
    assert len(paths) > 8
    for path in paths:
        res = run(*[p for p in path if p], "--help")
        assert res.exit_code == 0, path
        for code, what in EXIT_CODES:
            assert f"{code:<4} {what}" in res.output, (path, code)


# -- batch: special files, poisoned runs, ids, locks (issue 11's table) -----------------------

@pytest.fixture()
def batch_cli(analyzer, monkeypatch):
    """``claimtrack batch``/``track`` in-process on the session's pipeline."""
    import claimtrack.batch.run as batch

    from conftest import model_dir

    monkeypatch.setenv("CLAIMTRACK_MODEL_DIR", str(model_dir()))  # the model check passes
    monkeypatch.setattr(batch, "build_analyzer", lambda settings: analyzer)
    return lambda *args: CliRunner().invoke(main, [str(a) for a in args])


def _merged_outputs_written(out: Path) -> None:
    for name in ("index.jsonl", "errors.jsonl", "graph.graphml", "sources.csv"):
        assert (out / name).is_file(), name


def test_a_symlink_loop_in_a_batch_folder_is_a_per_article_error_also_on_resume(batch_cli, tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "ring1.txt").symlink_to(corpus / "ring2.txt")
    (corpus / "ring2.txt").symlink_to(corpus / "ring1.txt")
    (corpus / "sub").symlink_to(corpus)  # a directory loop: not followed
    for attempt in ("first", "resume"):
        res = batch_cli("batch", corpus, "-o", out)
        assert res.exit_code == 1 and "Traceback" not in res.output, res.output
        _merged_outputs_written(out)
        index = [json.loads(x) for x in (out / "index.jsonl").read_text().splitlines()]
        assert [(r["id"], r["status"]) for r in index] == [
            ("a", "ok"), ("loop", "error"), ("ring1", "error"), ("ring2", "error")], attempt
        reasons = (out / "errors.jsonl").read_text()
        assert reasons.count("broken symbolic link") == 3


def test_a_fifo_named_on_the_batch_command_line_is_an_error_not_a_hang(batch_cli, tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    res = _run_in_thread(lambda: batch_cli("batch", fifo, "-o", tmp_path / "out"), _unblock_fifo(fifo))
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "not a regular file" in (tmp_path / "out" / "errors.jsonl").read_text()


@pytest.fixture(scope="module")
def truncated_model(tmp_path_factory) -> Path:
    """A copy of the mini model with one weight file cut short (what a failed download leaves)."""
    import shutil
    from conftest import model_dir

    broken = tmp_path_factory.mktemp("model") / "stanza"
    shutil.copytree(model_dir(), broken)
    for p in broken.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)  # the shared copy is read-only
    with open(next(broken.glob("en/tokenize/*.pt")), "r+b") as fh:
        fh.truncate(1000)
    return broken


def test_a_truncated_model_stops_a_pool_run_with_exit_3_and_records_nothing(tmp_path, truncated_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(3):
        (corpus / f"a{k}.txt").write_text(TEXT)
    out = proc("batch", corpus, "-o", tmp_path / "out", "--workers", "2",
               "--model-dir", truncated_model, timeout=240)
    assert out.returncode == 3, out.stderr
    assert "could not load the Stanza models" in one_line(out.stderr)
    assert not list((tmp_path / "out" / "errors").iterdir())
    assert not list((tmp_path / "out" / "articles").iterdir())


def test_resume_retries_failures_outside_the_article_but_not_content_failures(batch_cli, tmp_path):
    from claimtrack.batch.run import _store
    from claimtrack.batch.work import Outcome, text_sha256

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for name in ("died", "bad"):
        (corpus / f"{name}.txt").write_text(TEXT.replace("taxes", name))
    (out / "articles").mkdir(parents=True)
    (out / "errors").mkdir()
    sha = {n: text_sha256((corpus / f"{n}.txt").read_text()) for n in ("died", "bad")}
    _store(Outcome("died", "died.txt", sha["died"], False, "a worker process died 3 times",
                   "environment"), out / "articles", out / "errors")
    _store(Outcome("bad", "bad.txt", sha["bad"], False, "analysis failed (ValueError)"),
           out / "articles", out / "errors")
    (corpus / "legacy.txt").write_text(TEXT.replace("taxes", "rents"))
    legacy = {"id": "legacy", "input": "legacy.txt", "text_sha256": text_sha256(TEXT.replace(
        "taxes", "rents")), "reason": "legacy.txt: a worker process died 3 times while analysing it"}
    (out / "errors" / "legacy.json").write_text(json.dumps(legacy))  # written before "cause"
    res = batch_cli("batch", corpus, "-o", out)
    assert res.exit_code == 1, res.output
    assert (out / "articles" / "legacy.json").is_file()
    assert (out / "articles" / "died.json").is_file()  # tried again: now analysed
    assert json.loads((out / "errors" / "bad.json").read_text())["reason"] == "analysis failed (ValueError)"


def test_a_model_error_inside_the_analysis_stops_the_run_not_the_article(tmp_path, monkeypatch):
    import claimtrack.batch.run as batch
    from claimtrack.errors import ModelError

    class Broken:
        def analyze(self, text, id):
            raise ModelError("could not load the Stanza models in /m: the NER model is truncated")

    from conftest import model_dir

    monkeypatch.setenv("CLAIMTRACK_MODEL_DIR", str(model_dir()))
    monkeypatch.setattr(batch, "build_analyzer", lambda settings: Broken())
    (tmp_path / "a.txt").write_text(TEXT)
    res = run("batch", tmp_path / "a.txt", "-o", tmp_path / "out")
    assert res.exit_code == 3 and "NER model is truncated" in one_line(res.output)
    assert not list((tmp_path / "out" / "errors").iterdir())


def test_ids_that_clean_to_one_file_name_keep_two_files(batch_cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": TEXT.replace("taxes", t)}) + "\n"
                            for i, t in (("x y", "fees"), ("x_y-73dec593", "rents"))))
    res = batch_cli("batch", feed, "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output
    index = [json.loads(x) for x in (tmp_path / "out" / "index.jsonl").read_text().splitlines()]
    files = [r["file"] for r in index]
    assert len(set(files)) == 2, index
    texts = [json.loads((tmp_path / "out" / f).read_text())["id"] for f in files]
    assert texts == ["x y", "x_y-73dec593"]


def test_a_file_name_collision_is_an_error_never_an_overwrite(tmp_path):
    from claimtrack.batch.run import Item, Progress, _Intake
    from claimtrack.batch.work import Settings

    intake = _Intake(Settings(), 10_000, tmp_path, tmp_path, Progress(), lambda: None)
    intake.files["taken"] = "someone else"
    assert intake._take(Item("taken", "x.txt", TEXT)) is None
    assert "maps to the same file as 'someone else'" in intake.entries[0].error


def test_a_second_run_into_a_locked_output_directory_or_store_is_refused(tmp_path, article):
    from claimtrack.io.outputs import exclusive_lock

    out = tmp_path / "out"
    out.mkdir()
    with exclusive_lock(out / ".lock", "test"):
        res = run("batch", article, "-o", out, "--model-dir", NO_MODEL)
    assert res.exit_code == 4 and "in use by another claimtrack run" in one_line(res.output)
    db = tmp_path / "claims.db"
    with exclusive_lock(str(db) + ".lock", "test"):
        res = run("track", article, "--db", db, "--model-dir", NO_MODEL)
    assert res.exit_code == 4 and "claim store" in one_line(res.output)
    assert not (tmp_path / "claims.db.work").exists()  # nothing was redone


# -- URLs, HTML pages ---------------------------------------------------------------------------

def test_a_javascript_url_in_a_batch_feed_is_dropped_with_a_warning(batch_cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "j", "text": TEXT, "url": "javascript:alert(1)"}) + "\n")
    res = batch_cli("batch", feed, "-o", tmp_path / "out")
    assert res.exit_code == 0 and "warning:" in res.output and "dropped" in res.output
    data = json.loads((tmp_path / "out" / "articles" / "j.json").read_text())
    assert "url" not in data.get("meta", {})


def test_the_report_allows_only_its_own_script(cli, article, tmp_path):
    import base64
    import hashlib
    import re

    from claimtrack.export.report import _JS

    report = tmp_path / "r.html"
    res = cli("export", article, "--html", report, "--url", "javascript:alert(1)")
    assert res.exit_code == 0 and "dropped" in res.output
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', report.read_text()).group(1)
    digest = base64.b64encode(hashlib.sha256(_JS.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "unsafe-inline'; img" not in csp
    assert "script-src 'unsafe-inline'" not in csp and "unsafe-hashes" not in csp


NAV_ONLY = ('<html><head><title>X</title></head><body><nav><a href="/">Home</a></nav>'
            "<footer>Copyright 2024</footer></body></html>")
FOOTER_YEAR = ("<html><head><title>Taxes</title></head><body><article><p>The minister said on "
               "Monday that taxes would rise next year, according to a statement.</p></article>"
               "<footer>Copyright 2024 Example News</footer></body></html>")


def test_html_with_only_a_navigation_bar_has_no_article_text(tmp_path):
    page = tmp_path / "nav.html"
    page.write_text(NAV_ONLY)
    res = run("analyze", page, "--model-dir", NO_MODEL)
    assert res.exit_code == 2 and "no article text found" in one_line(res.output)


@pytest.mark.parametrize("head,date", [
    ("", None),
    ('<meta property="article:published_time" content="2023-06-01T08:00:00Z">', "2023-06-01"),
    ('<script type="application/ld+json">{"@graph": [{"datePublished": "2022-02-03"}]}</script>',
     "2022-02-03"),
    ('<meta name="description" content="2020-01-01">', None),
])
def test_dates_come_from_page_metadata_never_a_copyright_line(head, date):
    from claimtrack.io.inputs import extract_html

    _, meta = extract_html(FOOTER_YEAR.replace("</head>", head + "</head>"), "p.html")
    assert meta.get("date") == date
    if not head:  # <time datetime> in the body counts too
        body = FOOTER_YEAR.replace("<article>", '<article><time datetime="2021-04-05">5 April</time>')
        assert extract_html(body, "p.html")[1]["date"] == "2021-04-05"


def test_formula_cells_are_guarded_in_batch_and_claims_csv(batch_cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "=HYPERLINK(1)", "text": TEXT, "outlet": "@evil"}) + "\n")
    for fmt in ("graphml", "csv"):
        out = tmp_path / f"out-{fmt}"
        assert batch_cli("batch", feed, "-o", out, "--graph-format", fmt).exit_code == 0
    sheets = [(tmp_path / "out-graphml" / "sources.csv").read_text(),
              (tmp_path / "out-csv" / "graph.csv").read_text()]
    db = tmp_path / "claims.db"
    res = batch_cli("track", feed, "--db", db)
    assert res.exit_code == 0, res.output
    claims = batch_cli("claims", "--db", db, "--format", "csv")
    assert claims.exit_code == 0
    sheets.append(claims.output)
    for text in sheets:
        rows = _csv_rows(text)
        assert rows and any(c == "'=HYPERLINK(1)" for r in rows for c in r.values()), text
        assert not [c for r in rows for c in r.values() if c and c[0] in "=+-@"], text


# -- review import and eval: every bad row reported ----------------------------------------------

@pytest.fixture()
def review_sheet(cli, tmp_path):
    """A review sheet and graph of one article; returns (sheet rows, write(rows) -> path, graph)."""
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    sheet, graph = tmp_path / "review.csv", tmp_path / "g.graphml"
    assert cli("export", art, "--review-csv", sheet).exit_code == 0
    assert cli("graph", art, "-o", graph).exit_code == 0
    rows = _csv_rows(sheet.read_text())

    def write(rows, extra: str = "") -> Path:
        with open(sheet, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
            fh.write(extra)
        return sheet
    return rows, write, graph


def test_review_import_reports_every_unreadable_row_with_its_line(review_sheet, tmp_path):
    rows, write, graph = review_sheet
    rows[0]["verdict"] = "false"
    broken = 'a,c9,x,"unclosed"quote,,,,,,,,,false,,\n' + 'b,c9,x,"runaway,,,,,,,,,false,,\n'
    res = run("review", "import", write(rows, broken), "--graph", graph, "-o", tmp_path / "r.graphml")
    assert res.exit_code == 2
    line = one_line(res.output)
    assert "2 row(s) not imported" in line and "line 3:" in line and "line 4:" in line, line
    assert not (tmp_path / "r.graphml").exists()


def test_review_import_refuses_conflicting_verdicts_unless_last_wins(review_sheet, tmp_path):
    rows, write, graph = review_sheet
    first, second = dict(rows[0], verdict="false"), dict(rows[0], verdict="true")
    sheet = write([first, second])
    res = run("review", "import", sheet, "--graph", graph, "-o", tmp_path / "r.graphml")
    assert res.exit_code == 2 and "contradicts 'false' on line 2" in one_line(res.output)
    res = run("review", "import", sheet, "--graph", graph, "-o", tmp_path / "r.graphml", "--last-wins")
    assert res.exit_code == 0, res.output
    verdicts = [d["verdict"] for _, d in nx.read_graphml(tmp_path / "r.graphml").nodes(data=True)
                if d.get("kind") == "review"]
    assert verdicts == ["true"]


def test_review_cells_up_to_the_size_limit_are_read(review_sheet, tmp_path):
    from claimtrack.io.inputs import DEFAULT_MAX_CHARS

    rows, write, graph = review_sheet
    rows[0].update(verdict="false", notes="x" * 200_000)  # over csv's default 131,072
    res = run("review", "import", write(rows), "--graph", graph, "-o", tmp_path / "r.graphml")
    assert res.exit_code == 0, res.output
    rows[0]["notes"] = "x" * (DEFAULT_MAX_CHARS + 1)
    res = run("review", "import", write(rows), "--graph", graph, "-o", tmp_path / "r.graphml")
    assert res.exit_code == 2 and "line 2: field larger than field limit" in one_line(res.output)


GOLD_TEXT = "Bob said it rained."
GOOD_ATT = {"source": [[0, 3]], "cue": [[4, 8]], "content": [[9, 18]]}


@pytest.mark.parametrize("att,needle", [
    ({**GOOD_ATT, "content": [[9, 99]]}, "content span [9, 99] is outside the text (19 characters)"),
    ({**GOOD_ATT, "cue": [[8, 4]]}, "cue span [8, 4] does not have start < end"),
    ({k: v for k, v in GOOD_ATT.items() if k != "cue"}, "attribution 0: no cue"),
    ({**GOOD_ATT, "cue": "said"}, "cue is not a list of [start, end] pairs"),
    ("not an object", "attribution 0: not an object"),
])
@pytest.mark.parametrize("which", ["gold", "pred"])
def test_eval_validates_gold_and_predictions_with_line_numbers(tmp_path, att, needle, which):
    if which == "pred" and needle.endswith("no cue"):
        pytest.skip("a prediction without a cue is a miss, not an error")
    good = json.dumps({"id": "d", "text": GOLD_TEXT, "attributions": [GOOD_ATT]})
    bad = json.dumps({"id": "e", "text": GOLD_TEXT, "attributions": [att]})
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(good + "\n" + (bad if which == "gold" else good.replace('"d"', '"e"')) + "\n")
    pred.write_text(good + "\n" + bad + "\n")
    res = run("eval", gold, "--pred", pred)
    assert res.exit_code == 2, res.output
    line = one_line(res.output)
    assert f"{gold if which == 'gold' else pred}: 1 problem(s): line 2: " in line and needle in line


def test_eval_gold_without_text_is_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "d", "attributions": [GOOD_ATT]}) + "\n")
    res = run("eval", gold, "--pred", gold)
    assert res.exit_code == 2 and "gold.jsonl:1: no 'text' string" in one_line(res.output)


# -- anything at all on standard input (hypothesis) -----------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

QUOTE_PIECES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e",
                "\u2039", "\u203a", "\u300c", "\u300d", "``", "''", " said ", "The minister",
                " taxes", " would rise", ".", "\n", " ", ",", ":"]
ANY_INPUT = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(QUOTE_PIECES), max_size=50).map(lambda xs: "".join(xs).encode()),
)


# few examples, fixed seed: each one is a real analysis, and the suite has a 10-minute budget
@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=ANY_INPUT)
def test_analyze_on_any_input_exits_with_a_documented_code_and_no_traceback(cli, data):
    res = cli("analyze", "-", "--format", "json", input=data)
    assert res.exit_code in (0, 2), (res.exit_code, res.output, data)
    assert "Traceback" not in res.output and not isinstance(res.exception, (KeyError, TypeError))
    if res.exit_code == 2:
        assert one_line(res.output).startswith("claimtrack: error: ")
    else:
        json.loads(res.stdout)
