"""``claimtrack batch``: mixed inputs, errors as data, atomic results, resume, kill safety."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrack.types import Analysis
from claimtrack.batch.run import (GraphMerger, Settings, iter_items, run_batch,
                              safe_name)

from batchkit import BAD_IDS, GOOD_IDS, make_corpus, model_dir, reference_run, snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return reference_run(tmp_path_factory.mktemp("batch"))


def test_mixed_directory_good_analysed_bad_listed_with_reasons(reference):
    corpus, out, summary = reference
    assert (summary.ok, summary.failed, summary.exit_code) == (len(GOOD_IDS), len(BAD_IDS), 1)
    assert sorted(p.stem for p in (out / "articles").glob("*.json")) == sorted(GOOD_IDS)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    reasons = {e["id"]: e["reason"] for e in errors}
    assert sorted(reasons) == sorted(BAD_IDS)
    assert "the article is empty" in reasons["empty"] and "the article is empty" in reasons["blank"]
    assert "binary" in reasons["binary"]
    assert "French" in reasons["french"]
    assert "5,000 words" in reasons["long_sentence"]
    assert "not a JSON object" in reasons["feed.jsonl:3"]
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert [r["id"] for r in index][:3] == ["a_short", "binary", "blank"]  # input order
    assert not list(out.rglob("*.tmp"))


def test_per_article_file_is_the_analyze_json(reference):
    corpus, out, _ = reference
    page = json.loads((out / "articles" / "page.json").read_text(encoding="utf-8"))
    assert page["meta"]["title"] == "Kazakhstan confirms drone attack"
    assert page["meta"]["url"] == "https://example.org/news/kaluga"
    for a in page["attributions"]:
        assert page["meta"]["text"][a["cue"]["spans"][0][0]:a["cue"]["spans"][0][1]] in a["cue"]["text"]
    cp = json.loads((out / "articles" / "cp1252.json").read_text(encoding="utf-8"))
    assert cp["attributions"] and cp["meta"] == {}
    feed2 = json.loads((out / "articles" / "feed-2.json").read_text(encoding="utf-8"))
    assert feed2["meta"]["url"] == "https://example.org/b"
    raw = (out / "articles" / "denial.json").read_text(encoding="utf-8")
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n"
    for bad in ("time", "seconds", "worker", str(out)):
        assert bad not in json.loads(raw)["meta"] and str(out) not in raw


def test_merged_graph_and_sources_table(reference):
    import networkx as nx

    _, out, _ = reference
    G = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    articles = {n for n, d in G.nodes(data=True) if d.get("kind") == "article"}
    assert articles == {f"article:{i}" for i in GOOD_IDS}
    rows = (out / "sources.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "key,name,type,articles,attributions,aliases,first_article"
    assert len(rows) > 3


def test_resume_skips_finished_articles_and_changes_nothing(reference, tmp_path):
    corpus, out, _ = reference
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    before = snapshot(copy)
    summary = run_batch([str(corpus)], copy, settings=Settings(model_dir=model_dir()))
    assert summary.skipped == len(GOOD_IDS) and summary.analysed == 0
    assert snapshot(copy) == before
    log = (copy / "run-log.jsonl").read_text().splitlines()
    assert len(log) == 2 and json.loads(log[-1])["skipped"] == len(GOOD_IDS)


def test_stdin_jsonl_and_duplicate_ids(reference, tmp_path):
    corpus, out, _ = reference
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    stdin = io.BytesIO(b'{"id": "a_short", "text": "Police denied that the plant was closed."}\n')
    summary = run_batch([str(corpus / "a_short.txt"), "-"], copy, stdin=stdin,
                        settings=Settings(model_dir=model_dir()))
    assert (summary.ok, summary.failed, summary.skipped) == (1, 1, 1)
    errors = (copy / "errors.jsonl").read_text()
    assert "<stdin>:1: duplicate id 'a_short'" in errors


def test_changed_article_is_analysed_again(reference, tmp_path, analyzer, monkeypatch):
    import claimtrack.batch.run as batch

    monkeypatch.setattr(batch, "build_analyzer", lambda settings: analyzer)  # the session pipeline
    corpus, out, _ = reference
    copy, src = tmp_path / "out", tmp_path / "src"
    shutil.copytree(out, copy)
    src.mkdir()
    shutil.copy(corpus / "denial.txt", src / "denial.txt")
    (src / "a_short.txt").write_text("The ministry denied that the plant was closed.\n")
    old = (copy / "articles" / "a_short.json").read_text()
    summary = run_batch([str(src)], copy, settings=Settings(model_dir=model_dir()))
    assert (summary.ok, summary.skipped, summary.analysed) == (2, 1, 1)
    new = json.loads((copy / "articles" / "a_short.json").read_text())
    assert (copy / "articles" / "a_short.json").read_text() != old
    assert any(a["cue"]["lemma"] == "deny" for a in new["attributions"])
    assert [json.loads(x)["id"] for x in (copy / "index.jsonl").read_text().splitlines()] == \
        ["a_short", "denial"]  # the merged outputs describe this run's inputs only


def test_iter_items_order_and_ids(tmp_path):
    corpus = make_corpus(tmp_path)
    items = list(iter_items([str(corpus)]))
    ids = [i.id for i in items]
    assert ids == sorted(GOOD_IDS + BAD_IDS, key=lambda x: ids.index(x))  # every id, once
    assert ids.index("feed-1") < ids.index("feed-2") < ids.index("feed.jsonl:3")
    assert "notes" not in ids


def test_safe_names_never_collide():
    ids = ["a b", "a_b", "a/b", "A:b", "..", "x" * 300, "été"]
    names = [safe_name(i) for i in ids]
    assert len(set(names)) == len(ids)
    assert all("/" not in n and len(n) <= 100 for n in names)


def test_merging_is_a_union_of_sources(reference):
    """Merging the same articles again adds nothing; a source's lists are unions without repeats."""
    from claimtrack.graph.build import build_graph, merge_graphs

    _, out, _ = reference
    analyses = [Analysis.from_dict(json.loads(p.read_text(encoding="utf-8")))
                for p in sorted((out / "articles").glob("*.json"))]
    graphs = [build_graph(a) for a in analyses]
    once = merge_graphs(graphs)
    twice = merge_graphs(graphs + graphs)
    assert list(twice.nodes(data=True)) == list(once.nodes(data=True))
    assert list(twice.edges(keys=True, data=True)) == list(once.edges(keys=True, data=True))
    m = GraphMerger()
    for g in graphs:
        m.add(g)
    assert list(m.result().nodes(data=True)) == list(once.nodes(data=True))
    shared = 0
    for n, d in once.nodes(data=True):
        if d.get("kind") != "source":
            continue
        arts = json.loads(d["articles"])
        expected = [a.id for a in analyses if any(f"source:{s.key}" == n for s in a.sources)]
        assert arts == expected and len(set(json.loads(d["aliases"]))) == len(json.loads(d["aliases"]))
        shared += len(arts) > 1
    assert shared >= 1  # the examples share at least one source (e.g. Russia)


def _cli(*args, **kw):
    env = {**os.environ, "CLAIMTRACK_MODEL_DIR": model_dir()}
    return subprocess.Popen([sys.executable, "-m", "claimtrack.cli", "batch", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _done(out: Path) -> int:
    return len(list((out / "articles").glob("*.json"))) if (out / "articles").is_dir() else 0


def test_kill_then_rerun_gives_the_uninterrupted_output(reference, tmp_path):
    """SIGKILL, SIGTERM, SIGINT, each mid-run (after a new result is written), then a full run:
    byte-identical to the uninterrupted run, and no file is ever half-written."""
    import psutil

    corpus, ref_out, _ = reference
    out = tmp_path / "out"
    interrupted = []
    for sig, workers in ((signal.SIGKILL, "2"), (signal.SIGTERM, "2"), (signal.SIGINT, "1")):
        before = _done(out)
        t_start = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(time.time() - 1))
        proc = _cli(str(corpus), "-o", str(out), "--workers", workers)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None and _done(out) <= before:
            time.sleep(0.02)
        if proc.poll() is not None:  # it finished first (all was done): nothing to interrupt
            proc.communicate()
            continue
        children = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        # the signal may land after the run finished (its log says so, or it printed its
        # summary): then there was nothing to interrupt, whatever the exit code of the late
        # signal, which may have cut only the printing of the summary
        log_path = out / "run-log.jsonl"
        last = json.loads(log_path.read_text().splitlines()[-1]) if log_path.exists() else {}
        finished = proc.returncode == 1 or (sig != signal.SIGKILL and (
            b" articles: " in err or (last.get("status") == "completed" and last.get("started", "") >= t_start)))
        if not finished:
            interrupted.append(sig.name)
            if sig != signal.SIGKILL:
                assert proc.returncode == 130, (sig.name, proc.returncode, err.decode()[-2000:])
                assert err.decode().strip().splitlines()[-1] == "claimtrack: interrupted"
                log = json.loads((out / "run-log.jsonl").read_text().splitlines()[-1])
                assert log["status"] == f"interrupted ({sig.name})"
        _, alive = psutil.wait_procs(children, timeout=10)
        assert not alive, "worker processes outlived the driver"
        for p in (out / "articles").glob("*.json"):  # every file present is complete
            json.loads(p.read_text(encoding="utf-8"))
        for name in ("errors.jsonl", "index.jsonl"):  # merged files: complete or absent
            if (out / name).exists():
                [json.loads(line) for line in (out / name).read_text().splitlines()]
    print("interrupted mid-run:", interrupted)
    assert "SIGKILL" in interrupted, "the SIGKILL did not land mid-run"
    proc = _cli(str(corpus), "-o", str(out), "--workers", "2")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()
    assert b"articles: 8 ok, 6 failed" in err
    assert snapshot(out) == snapshot(ref_out)


def test_cli_usage_errors(tmp_path):
    from click.testing import CliRunner

    from claimtrack.cli.commands import main

    res = CliRunner().invoke(main, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2 and "no such file or directory" in res.output
    assert len(res.output.strip().splitlines()) == 1


def _imports_of(module: str) -> set[str]:
    """Every claimtrack module *module* imports, at the top or inside a function."""
    import ast

    path = ROOT / "claimtrack" / "batch" / f"{module}.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("claimtrack."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("claimtrack.")}
    return found


def test_batch_and_dask_engine_do_not_import_each_other():
    assert "dask_engine" not in _imports_of("run")
    assert "run" not in _imports_of("dask_engine")
    assert not {"run", "dask_engine"} & _imports_of("work")
    code = "import sys, claimtrack.batch.dask_engine; print('claimtrack.batch.run' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_engine_registry_picks_the_dask_engine_lazily():
    from claimtrack.batch.run import make_engine
    from claimtrack.errors import ClaimtrackError

    assert type(make_engine("dask", Settings(), workers=2)).__name__ == "DaskEngine"
    with pytest.raises(ClaimtrackError, match="unknown engine 'spark'"):
        make_engine("spark", Settings())


def test_ids_differing_only_by_extension_are_both_kept(tmp_path):
    """port_strike.txt and port_strike.html in one directory: two ids, whatever the listing
    order, and a lone file keeps its plain id (the repository's examples/ has such a pair)."""
    from claimtrack.batch.run import iter_items

    (tmp_path / "port_strike.txt").write_text("The union said the strike would go on.")
    (tmp_path / "port_strike.html").write_text("<p>The union said the strike would go on.</p>")
    (tmp_path / "kaluga.txt").write_text("Russian media had claimed that two suspects were killed.")
    ids = [item.id for item in iter_items([str(tmp_path)])]
    assert sorted(ids) == ["kaluga", "port_strike.html", "port_strike.txt"]
    assert ids == [item.id for item in iter_items([str(tmp_path)])]
    root = Path(__file__).resolve().parent.parent / "examples"
    example_ids = [item.id for item in iter_items([str(root)])]
    assert len(example_ids) == len(set(example_ids))
