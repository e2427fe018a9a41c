"""The command line: output formats, errors as one line, lazy imports, lexicon extension."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from conftest import EXAMPLES, ROOT


@pytest.fixture()
def cli(analyzer, monkeypatch):
    """Run the CLI in-process, reusing the session's pipeline instead of loading another."""
    import claimtrack.api as api

    def factory(model_dir=None, cache_dir=None, lexicon=None, use_ner=None, parser=None, **kw):
        return api.Analyzer.__wrapped__(parser=analyzer.parser, lexicon=lexicon, **kw)

    factory.__wrapped__ = api.Analyzer
    monkeypatch.setattr(api, "Analyzer", factory)
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


def test_help_does_not_import_stanza_torch_or_networkx():
    code = ("import sys\nfrom claimtrack.cli import main\n"
            "try:\n    main(['--help'], prog_name='claimtrack')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'stanza', 'torch', 'networkx', 'rich'})\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert "Usage: claimtrack" in out.stdout
    assert "HEAVY []" in out.stdout


def test_json_output_has_the_contract(cli):
    res = cli("analyze", str(EXAMPLES / "moscow_times_kaluga.txt"), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["id"] == "moscow_times_kaluga" and len(data["text_sha256"]) == 64
    assert data["attributions"]
    for a in data["attributions"]:
        assert {"id", "sentence", "type", "source", "cue", "content"} <= set(a)
        assert a["type"] in ("direct", "indirect", "mixed")
        assert {"text", "spans", "lemma", "class", "negated"} <= set(a["cue"])
        assert a["content"]["spans"] and all(len(sp) == 2 for sp in a["content"]["spans"])
        assert a["source"] is None or isinstance(a["source"]["spans"], list)


def test_jsonl_keeps_file_order_and_ids(cli):
    files = [EXAMPLES / "port_strike.txt", EXAMPLES / "moscow_times_kaluga.txt"]
    res = cli("analyze", *map(str, files), "--format", "jsonl")
    lines = res.output.strip().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["port_strike", "moscow_times_kaluga"]


def test_csv_and_table(cli):
    res = cli("analyze", str(EXAMPLES / "port_strike.txt"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert any(r["cue"] == "did not confirm" and r["negated"] == "true" for r in rows)
    table = cli("analyze", str(EXAMPLES / "port_strike.txt")).output
    assert "Marta" in table and "[deny]" in table and "confirm, negated" in table.replace("\n", " ")


def test_stdin(cli):
    res = cli("analyze", "-", "--format", "json", input="The minister said that taxes would rise.")
    data = json.loads(res.output)
    assert data["id"] == "stdin"
    assert data["attributions"][0]["source"]["text"] == "The minister"


def test_lexicon_extension_adds_a_cue(cli, tmp_path):
    text = tmp_path / "parrot.txt"
    text.write_text('"The crackers are stale," the parrot squawked.', encoding="utf-8")
    before = json.loads(cli("analyze", str(text), "--format", "json").output)
    assert not before["attributions"]
    lex = tmp_path / "extra.toml"
    lex.write_text('[verbs.claim]\nlemmas = ["squawk"]\n', encoding="utf-8")
    after = json.loads(cli("analyze", str(text), "--format", "json", "--lexicon", str(lex)).output)
    assert [(a["cue"]["text"], a["cue"]["class"]) for a in after["attributions"]] == [("squawked", "claim")]


def test_bad_lexicon_is_a_one_line_error(tmp_path):
    lex = tmp_path / "bad.toml"
    lex.write_text("[verbs.shout]\nlemmas = [1, 2\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["analyze", str(EXAMPLES / "port_strike.txt"), "--lexicon", str(lex),
                                    "--model-dir", str(ROOT)], catch_exceptions=False)
    assert res.exit_code != 0


def _run(*args, **env):
    import os

    e = dict(os.environ, **env)
    return subprocess.run([sys.executable, "-m", "claimtrack.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=e)


@pytest.mark.parametrize("setup", ["missing", "empty-dir", "broken-json", "no-weights"])
def test_missing_or_broken_model_dir_is_one_line(tmp_path, setup):
    model = tmp_path / "models"
    if setup != "missing":
        model.mkdir()
    if setup == "broken-json":
        (model / "resources.json").write_text("{not json", encoding="utf-8")
    if setup == "no-weights":
        (model / "resources.json").write_text('{"en": {}}', encoding="utf-8")
    out = _run("analyze", str(EXAMPLES / "port_strike.txt"), "--model-dir", str(model))
    assert out.returncode == 3
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "claimtrack models download" in out.stderr or "--model-dir" in out.stderr


def test_model_dir_from_environment(tmp_path):
    out = _run("models", "info", CLAIMTRACK_MODEL_DIR=str(tmp_path / "nowhere"))
    assert out.returncode == 3 and str(tmp_path / "nowhere") in out.stderr


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"), (b"   \n\t ", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
])
def test_bad_input_is_one_line_and_nonzero(tmp_path, content, needle):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    out = _run("analyze", str(f), CLAIMTRACK_MODEL_DIR=str(ROOT.parent / "shared/models/stanza-en-mini"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and needle.lower() in out.stderr.lower()


def test_table_marks_text_that_is_not_the_article(cli):
    table = cli("analyze", str(EXAMPLES / "moscow_times_kaluga.txt")).output
    appeal = [line for line in table.splitlines() if "discredits" in line]
    assert appeal and "not the article" in appeal[0]
    assert "not the article" not in next(line for line in table.splitlines() if "Russian media" in line)
