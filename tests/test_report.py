"""The HTML report: highlighting over overlapping spans, escaping, self-containment, and a real
headless Chromium rendering it (skipped only when no chromium binary is installed)."""
from __future__ import annotations

import re
import struct
import zlib
from html.parser import HTMLParser

import pytest

from claimtrack.export.report import Mark, chromium, find_chromium, render_html, segments, write_html
from claimtrack.types import Analysis, Attribution, Cue, Role
from exports_sample import TEXT, sample_analysis


class TextOf(HTMLParser):
    """The text inside the article's ``div.text``, and the highlighted spans in it."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.chunks: list[str] = []
        self.spans: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            self.depth += tag != "a" or 0
            if tag == "span" and "hl" in (a.get("class") or ""):
                self.spans.append(a)
        elif tag == "div" and a.get("class") == "text":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag != "a":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.chunks.append(data)


def article_of(html: str) -> TextOf:
    p = TextOf()
    p.feed(html)
    return p


def test_segments_cut_overlapping_and_nested_spans():
    marks = [Mark(0, 10, "content", "a1"), Mark(3, 6, "content", "a2"), Mark(5, 8, "cue", "a2"),
             Mark(12, 20, "source", "a3"), Mark(-5, 2, "boilerplate"), Mark(18, 99, "content", "a3")]
    got = [(s, e, sorted(m.role + m.attr for m in ms)) for s, e, ms in segments(20, marks)]
    assert got == [(0, 2, ["boilerplate", "contenta1"]), (2, 3, ["contenta1"]),
                   (3, 5, ["contenta1", "contenta2"]), (5, 6, ["contenta1", "contenta2", "cuea2"]),
                   (6, 8, ["contenta1", "cuea2"]), (8, 10, ["contenta1"]), (10, 12, []),
                   (12, 18, ["sourcea3"]), (18, 20, ["contenta3", "sourcea3"])]


def test_report_keeps_the_text_and_highlights_every_role():
    html = render_html([sample_analysis()])
    art = article_of(html)
    assert "".join(art.chunks) == TEXT  # every character once, in order, unescaped by the parser
    roles = [s["class"].split()[1] for s in art.spans]
    assert roles.count("role-cue") == 3
    # "which" and the shared content belong to both a1 (said) and a2 (confirmed)
    shared = [s for s in art.spans if s["data-a"] == "a1 a2"]
    assert shared and all("rgba(46,125,50" in s["style"] for s in shared)  # confirmed: green
    denied = [s for s in art.spans if s["data-a"] == "a3"]
    assert {s["class"] for s in denied} == {"hl role-source", "hl role-cue", "hl role-content"}
    assert all("198,40,40" in s["style"] or "#c62828" in s["style"] for s in denied)  # red
    nested = [s for s in art.spans if s["data-a"] == "a1 a2" and s["class"] == "hl role-content"]
    assert any("0.32)" in s["style"] for s in nested)  # two contents deep: darker shade


def test_report_escapes_text_and_is_self_contained():
    a = sample_analysis({"title": "<script>alert(1)</script>", "url": "https://example.org/a?b=1&c=2"})
    html = render_html([a])
    assert "<militants>" not in html and "&lt;militants&gt;" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(link|img|iframe)\b|\ssrc=|@import|url\(http", html)
    # the only absolute URLs: the article's link and the SVG namespace
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls == {"https://example.org/a?b=1&amp;c=2", "http://www.w3.org/2000/svg"}


def test_report_graph_has_a_node_per_source_and_claim_and_an_edge_per_attribution():
    html = render_html([sample_analysis()])
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count('class="node source"') == 3 and svg.count('class="node claim"') == 2
    assert svg.count('class="edge"') == 3 and svg.count('class="link"') == 1
    assert "c1 · two &lt;militants&gt; &amp; a driver were killed" in svg
    assert 'stroke="#c62828"' in svg  # the denial edge is red


def test_report_without_claims_draws_attributions():
    text = "Police said two men were held."
    a = Attribution("a1", 0, "indirect", Role.from_spans(text, [(0, 6)]),
                    Cue.from_spans(text, [(7, 11)], "say"), Role.from_spans(text, [(12, 29)]))
    html = render_html([Analysis("t", text, "0" * 64, attributions=[a])])
    assert "No claims" in html and 'class="node claim"' in html and "<details open>" in html
    assert "".join(article_of(html).chunks) == text


def png_info(data: bytes) -> tuple[int, int, int]:
    """(width, height, number of distinct scanline byte values) of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    return width, height, len(set(zlib.decompress(idat)))


@pytest.mark.skipif(find_chromium() is None,
                    reason="no chromium on PATH (Debian: apt-get install chromium; see .ci/apt-packages)")
def test_seed_report_renders_in_headless_chromium(seed, tmp_path):
    page = tmp_path / "report.html"
    write_html([seed], page)
    dom = chromium(page, dump_dom=True)
    assert 'class="js-ready"' in dom  # the inline script ran without error
    cues = re.findall(r'<span class="hl role-cue[^"]*" data-a="([^"]+)"', dom)
    cue_attrs = {i for ids in cues for i in ids.split()}
    assert cue_attrs == {a.id for a in seed.attributions}  # every attribution's cue is highlighted
    assert len(re.findall(r'class="node (?:claim|source)"', dom)) >= len(seed.claims or seed.attributions)
    assert "<svg" in dom and "claim graph" in dom
    png = tmp_path / "report.png"
    chromium(page, screenshot=png, size=(1400, 2000))
    width, height, distinct = png_info(png.read_bytes())
    assert (width, height) == (1400, 2000)
    assert png.stat().st_size > 20_000 and distinct > 50  # not a blank page


def test_export_command_and_review_round_trip_on_the_seed(seed, monkeypatch, tmp_path):
    """`claimtrack export` on the real pipeline's analysis of the seed (parsed once per session),
    then a reviewer's verdict back into the graph."""
    import copy
    import csv
    import json

    from click.testing import CliRunner

    import claimtrack.api
    from claimtrack.cli.commands import main
    from claimtrack.graph.readwrite import write_graph
    from claimtrack.graph.build import build_graph
    from claimtrack.export.review import load_graph

    class SessionAnalyzer:  # the session's analysis instead of a second parse
        def __init__(self, *args, **kwargs):
            pass

        def analyze_many(self, texts, ids):
            assert list(texts) == [seed.text] and list(ids) == [seed.id]
            return [copy.deepcopy(seed)]

    monkeypatch.setattr(claimtrack.api, "Analyzer", SessionAnalyzer)
    article = tmp_path / "moscow_times_kaluga.txt"
    article.write_text(seed.text, encoding="utf-8")
    out = {k: tmp_path / f"seed.{k}" for k in ("jsonld", "csv", "html")}
    runner = CliRunner()
    res = runner.invoke(main, ["export", str(article), "--jsonld", str(out["jsonld"]),
                               "--review-csv", str(out["csv"]), "--html", str(out["html"]),
                               "--date", "2024-03-09", "--title", "Kaluga"])
    assert res.exit_code == 0, res.output
    doc = json.loads(out["jsonld"].read_text(encoding="utf-8"))
    assert doc["@graph"][0]["datePublished"] == "2024-03-09"
    assert len(doc["@graph"]) == 1 + len(seed.claims)
    rows = list(csv.DictReader(out["csv"].open(encoding="utf-8")))
    assert [r["claim_id"] for r in rows] == [c.id for c in seed.claims]
    html = out["html"].read_text(encoding="utf-8")
    assert "<h2>Kaluga</h2>" in html and html.count('class="node claim"') == len(seed.claims)
    if not rows:
        pytest.fail("the seed article gave no claims to review")
    # a reviewer fills in one verdict; it goes into the graph next to the machine's status
    rows[0]["verdict"], rows[0]["notes"] = "Correct", "KNB statement of 9 March"
    with out["csv"].open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    graph = tmp_path / "seed.graphml"
    write_graph(build_graph(seed), graph)
    res = runner.invoke(main, ["review", "import", str(out["csv"]), "--graph", str(graph),
                               "-o", str(tmp_path / "reviewed.graphml")])
    assert res.exit_code == 0, res.output
    g = load_graph(tmp_path / "reviewed.graphml")
    claim = f"claim:{seed.id}/{seed.claims[0].id}"
    review = f"review:{claim}"
    assert g.nodes[review]["verdict"] == "Correct"
    assert g.nodes[claim]["status"] == seed.claims[0].status
    assert g.has_edge(review, claim, key="reviews")
