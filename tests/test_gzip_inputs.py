"""Gzipped articles (``page.html.gz``, ``notes.txt.gz``) in every command that reads articles,
and a decompressed-size limit: a gzip bomb is one line and exit 2, never memory."""
from __future__ import annotations

import gzip
import json
import re
import zlib

import pytest
from click.testing import CliRunner

from claimtrack.cli.commands import main
from claimtrack.errors import InputError
from claimtrack.io.inputs import article_stem, gunzip, prepare_article
from conftest import EXAMPLES

PAGE = (EXAMPLES / "port_strike.html").read_bytes()
TEXT = (EXAMPLES / "port_strike.txt").read_bytes()


@pytest.fixture()
def cli(analyzer, monkeypatch):
    """The CLI in-process with the session's pipeline (analyze, export and batch/track)."""
    import claimtrack.api as api
    import claimtrack.batch.run as batch

    def factory(model_dir=None, cache_dir=None, lexicon=None, use_ner=None, parser=None, **kw):
        return api.Analyzer.__wrapped__(parser=analyzer.parser, lexicon=lexicon, **kw)

    factory.__wrapped__ = api.Analyzer
    monkeypatch.setattr(api, "Analyzer", factory)
    monkeypatch.setattr(batch, "build_analyzer", lambda settings: analyzer)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def gz_dir(tmp_path):
    """examples/port_strike.html and .txt gzipped on the fly, with a plain copy of the page."""
    d = tmp_path / "pages"
    d.mkdir()
    (d / "port_strike.html.gz").write_bytes(gzip.compress(PAGE))
    (d / "strike_notes.txt.gz").write_bytes(gzip.compress(TEXT))
    return d


def _bomb(path, mib: int = 64):
    """A gzip file of a few hundred kB that expands to *mib* MiB of spaces and letters."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"said " * (1 << 18)  # 1.25 MiB
    with open(path, "wb") as fh:
        for _ in range(int(mib / 1.25) + 1):
            fh.write(comp.compress(chunk))
        fh.write(comp.flush())
    return path


def test_analyze_reads_a_gzipped_page_as_the_plain_page(cli, gz_dir):
    plain = json.loads(cli("analyze", EXAMPLES / "port_strike.html", "-f", "json").output)
    res = cli("analyze", gz_dir / "port_strike.html.gz", "-f", "json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["id"] == "port_strike"                          # not "port_strike.html"
    assert d["meta"]["format"] == "html" and d["meta"]["title"] == plain["meta"]["title"]
    assert d["text_sha256"] == plain["text_sha256"]
    assert [a["cue"]["text"] for a in d["attributions"]] == [a["cue"]["text"] for a in plain["attributions"]]
    txt = json.loads(cli("analyze", gz_dir / "strike_notes.txt.gz", "-f", "json").output)
    assert txt["id"] == "strike_notes" and "format" not in txt["meta"] and txt["attributions"]


def test_export_reads_a_gzipped_page(cli, gz_dir, tmp_path):
    out = tmp_path / "a.jsonld"
    res = cli("export", gz_dir / "port_strike.html.gz", "--jsonld", out)
    assert res.exit_code == 0, res.output
    assert "port_strike" in out.read_text(encoding="utf-8")


def test_batch_and_track_take_gzipped_files_from_a_directory(cli, gz_dir, tmp_path):
    (gz_dir / "port_strike.html").write_bytes(PAGE)           # same name but for the .gz: both kept
    res = cli("batch", gz_dir, "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output
    index = [json.loads(x) for x in (tmp_path / "out" / "index.jsonl").read_text().splitlines()]
    ids = sorted(r["id"] for r in index)
    assert ids == ["port_strike.html", "port_strike.html.gz", "strike_notes"], index
    db = tmp_path / "s.db"
    res = cli("track", gz_dir / "port_strike.html.gz", "--db", db)
    assert res.exit_code == 0, res.output
    assert "1 article(s) added" in res.output
    claims = json.loads(cli("claims", "--db", db, "--format", "json").output)
    assert claims and all(a["article"] == "port_strike" for c in claims for a in c["appearances"])


def test_gzipped_jsonl_is_refused_with_the_way_to_stream_it(tmp_path):
    from claimtrack.batch.run import iter_items

    feed = tmp_path / "feed.jsonl.gz"
    feed.write_bytes(gzip.compress(b'{"id": "a", "text": "Police said it was closed."}\n'))
    [item] = list(iter_items([str(feed)]))
    assert item.content is None and item.error == (
        f"{feed}: gzipped JSONL is not read; stream it in instead: zcat {feed} | claimtrack batch - -o OUTDIR")


def test_a_gzip_bomb_is_one_line_and_exit_2(cli, tmp_path):
    bomb = _bomb(tmp_path / "bomb.txt.gz")
    assert bomb.stat().st_size < 1_000_000
    res = cli("analyze", bomb, "--max-chars", "1000000")
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert lines == [f"claimtrack: error: {bomb}: decompresses to more than 40,000,000 bytes, over "
                     f"the limit for 1,000,000 characters (raise it with --max-chars)"]


def test_a_cut_or_corrupt_gzip_file_is_one_line(cli, tmp_path):
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(PAGE)[:200])
    res = cli("analyze", cut)
    assert res.exit_code == 2
    assert res.output.strip() == f"claimtrack: error: {cut}: not a valid gzip file (corrupt or cut short)"


def test_gunzip_stops_at_the_limit_without_holding_the_rest():
    data = gzip.compress(b"x" * 5_000_000)
    assert gunzip(gzip.compress(b"short"), 10) == b"short"
    assert gunzip(gzip.compress(b"ab") + gzip.compress(b"cd"), 10) == b"abcd"   # two members
    with pytest.raises(InputError, match="decompresses to more than 1,000 bytes"):
        gunzip(data, 1000, "big.gz", 250)


def test_gzip_bytes_are_read_by_content_whatever_the_name():
    art = prepare_article(gzip.compress(TEXT), "notes", check_lang=False)
    assert art.text == TEXT.decode("utf-8")
    assert article_stem("a/b/port_strike.HTML.gz") == "port_strike"


def test_desk_upload_takes_gzipped_pages_and_text(analyzer, tmp_path):
    from starlette.testclient import TestClient

    from claimtrack.desk.app import create_app

    base = "http://127.0.0.1:8765"
    with TestClient(create_app(analyzer, str(tmp_path / "d.db")), base_url=base) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
        for name, data in (("strike.html.gz", gzip.compress(PAGE)), ("notes.txt.gz", gzip.compress(TEXT))):
            r = client.post("/articles", data={"csrf": token}, follow_redirects=False,
                            files={"file": (name, data, "application/gzip")})
            assert r.status_code == 303, r.text
            assert "Marta" in client.get(r.headers["location"]).text
        bomb = _bomb(tmp_path / "b.html.gz", 100).read_bytes()
        r = client.post("/articles", data={"csrf": token}, files={"file": ("b.html.gz", bomb, "application/gzip")})
        assert r.status_code == 400 and "decompresses to more than" in r.text
