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

from claimtrack.cli import main
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
    import claimtrack.inputs as inputs

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


def test_endless_input_stops_at_the_limit():
    out = proc("analyze", "/dev/zero", "--max-chars", "1000", "--model-dir", NO_MODEL,
               preexec_fn=_one_gigabyte)
    assert out.returncode == 2 and "over the limit" in one_line(out.stderr)


def test_a_fifo_named_on_the_command_line_is_read(tmp_path):
    from claimtrack.inputs import read_bytes

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(TEXT.encode()))
    writer.start()
    assert read_bytes(fifo) == TEXT.encode()
    writer.join()


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
    from claimtrack.batch import Settings, run_batch

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
    import claimtrack.batch as batch
    from batchkit import model_dir
    from claimtrack.batch import Settings, iter_items, run_batch

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
    import claimtrack.batch as batch
    from batchkit import model_dir
    from claimtrack.batch import Settings, run_batch

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
    from claimtrack.batch import Settings, run_batch

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

    from claimtrack.batch import SourcesTable

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


def test_review_sheet_with_a_huge_cell_is_one_line_exit_2(tmp_path):
    sheet = tmp_path / "r.csv"
    sheet.write_text("article,claim_id,verdict,notes\na,c1,false,\"" + "x" * 200_000 + "\"\n")
    g = tmp_path / "g.json"
    g.write_text(json.dumps(nx.node_link_data(nx.MultiDiGraph(), edges="edges")))
    res = run("review", "import", sheet, "--graph", g, "-o", tmp_path / "o.json")
    assert res.exit_code == 2 and "r.csv" in one_line(res.output)


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
    import claimtrack.render as render

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
