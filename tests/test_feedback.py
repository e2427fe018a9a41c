"""Feedback on long work, with standard error forced to look like a terminal: the status line
while models load, one progress bar over a command's articles, batch's total up front and an
ETA measured from the first analysed article."""
from __future__ import annotations

import io
import json

import pytest

from claimtrack.io import feedback
from test_cli import cli  # noqa: F401  (the fixture: the CLI on the session's pipeline)


@pytest.fixture()
def terminal(monkeypatch) -> io.StringIO:
    """Feedback on, drawn into a buffer by a console that believes it is a terminal."""
    from rich.console import Console

    buf = io.StringIO()
    monkeypatch.setenv("CLAIMTRACK_PROGRESS", "1")
    monkeypatch.setattr(feedback, "console",
                        lambda: Console(file=buf, force_terminal=True, width=120))
    return buf


def test_status_line_alone_and_inside_a_bar(terminal):
    with feedback.status("loading Stanza models from /m …"):
        pass
    assert "loading Stanza models from /m" in terminal.getvalue()
    terminal.truncate(0)
    with feedback.bar(3) as advance:
        with feedback.status("loading again …"):
            pass
        advance(3)
    out = terminal.getvalue()
    assert "loading again" in out and "3/3" in out and "parsing articles" in out


def test_a_nested_bar_advances_the_outer_one(terminal):
    with feedback.bar(10) as outer:
        for _ in range(2):
            with feedback.bar(4) as inner:
                inner(4)
        outer(2)
    out = terminal.getvalue()
    assert "10/10" in out and "/4" not in out


def test_an_adopted_bar_is_labelled_but_not_advanced(terminal):
    from rich.progress import Progress

    with Progress(console=feedback.console()) as progress:
        task = progress.add_task("analysing", total=5)
        feedback.adopt(progress, task)
        try:
            with feedback.bar(4) as advance:
                advance(4)
            with feedback.status("loading …"):
                assert progress.tasks[0].description == "loading …"
        finally:
            feedback.release()
        assert progress.tasks[0].completed == 0 and progress.tasks[0].description == "analysing"


def test_eval_shows_one_bar_over_the_whole_corpus(cli, terminal, tmp_path):  # noqa: F811
    """predict_corpus parses 16 articles per call; the bar still counts all 18 at once."""
    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as fh:
        for k in range(18):
            fh.write(json.dumps({"id": f"d{k}", "text": f"The mayor said {k} roads were closed.",
                                 "attributions": []}) + "\n")
    res = cli("eval", str(gold))
    assert res.exit_code == 0, res.output
    out = terminal.getvalue()
    assert "18/18" in out and "/16" not in out


def test_batch_reports_its_total_before_any_worker_loads(tmp_path):
    from claimtrack.batch.run import Settings, run_batch
    from conftest import model_dir

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{k}", "text": "Officials said so."}) + "\n"
                              for k in range(7)), encoding="utf-8")
    seen = []

    class Stop(Exception):
        pass

    def on_progress(p):
        seen.append((p.total, p.done))
        raise Stop  # the first report: before the engine starts

    with pytest.raises(Stop):
        run_batch([str(corpus)], tmp_path / "out", on_progress=on_progress,
                  settings=Settings(model_dir=str(model_dir())))
    assert seen == [(7, 0)]


def test_batch_eta_runs_from_the_first_analysed_article():
    from claimtrack.batch.run import Progress, batch_rate

    p = Progress(total=10, done=1, analysed=1)
    assert batch_rate(p, None, 50.0) == (0.0, "-:--:--")
    assert batch_rate(p, (40.0, 1), 50.0) == (0.0, "-:--:--")  # one article: no rate yet
    p.done = p.analysed = 3
    rate, eta = batch_rate(p, (40.0, 1), 44.0)  # 2 more in 4 s, however long loading took
    assert rate == 0.5 and eta == "0:00:14"
    assert batch_rate(Progress(total=None, done=3, analysed=3), (40.0, 1), 44.0)[1] == "-:--:--"


def test_analyze_on_several_files_counts_them_all(cli, terminal):  # noqa: F811
    from conftest import EXAMPLES

    files = [str(EXAMPLES / f"{n}.txt") for n in ("port_strike", "moscow_times_kaluga")]
    res = cli("analyze", *files, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    assert "2/2" in terminal.getvalue()


def test_batch_bar_draws_counts_and_hands_the_terminal_back(terminal):
    from claimtrack.batch.run import Progress, progress_bar

    with progress_bar() as update:
        assert feedback._ACTIVE  # parse bars inside a --workers 1 run stay quiet
        update(Progress(total=3))
        update(Progress(total=3, done=3, analysed=3, ok=3))
    assert not feedback._ACTIVE
    assert "3/3" in terminal.getvalue() and "ok 3" in terminal.getvalue()
