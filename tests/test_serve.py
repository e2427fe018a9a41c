"""The desk's web app (``claimtrack serve``): every API route and error code, the pages, and the
safety rules (escaping, CSP, cross-site checks, body limit, no fetching by default).

One store per module; the session's pipeline is passed in, so Stanza loads once."""
from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
from starlette.testclient import TestClient  # noqa: E402

from claimtrack.desk.app import create_app  # noqa: E402
from claimtrack.desk.fetch import check_url  # noqa: E402
from claimtrack.errors import InputError  # noqa: E402

BASE = "http://127.0.0.1:8765"
WIRE = ("Police said two workers were killed in an explosion at the Rustavi chemical plant on "
        "Monday. Kartli Chemicals denied that the explosion was caused by a gas leak.")
HERALD = ("The regional hospital confirmed that two workers were killed in an explosion at the "
          "Rustavi chemical plant.")
HOSTILE = 'Officials said "<script>alert(1)</script>" was found at the <b>plant</b> on Tuesday.'


@pytest.fixture(scope="module")
def client(analyzer, tmp_path_factory):
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    with TestClient(create_app(analyzer, str(db)), base_url=BASE) as c:
        r = c.post("/api/articles", json={"text": WIRE, "id": "wire", "date": "2024-05-06",
                                          "outlet": "Caucasus Wire"})
        assert r.status_code == 201, r.text
        r = c.post("/api/articles", json={"text": HERALD, "id": "herald", "date": "2024-05-08",
                                          "outlet": "Rustavi Herald", "url": "https://herald.example/a"})
        assert r.status_code == 201, r.text
        yield c


def _cluster(client, words: str) -> dict:
    rows = client.get("/api/claims", params={"q": words}).json()
    assert rows, f"no cluster for {words!r}"
    return rows[0]


# --- the JSON API ---------------------------------------------------------------------------

def test_post_article_returns_the_analysis_json_and_stores_it(client):
    r = client.post("/api/articles", json={"text": WIRE, "id": "wire", "date": "2024-05-06",
                                           "outlet": "Caucasus Wire"})
    assert r.status_code == 201
    assert r.headers["x-claimtrack-store"] == "unchanged"      # the same article again
    d = r.json()
    assert d["id"] == "wire" and {"attributions", "sources", "claims", "links"} <= set(d)
    cues = [a["cue"]["text"] for a in d["attributions"]]
    assert "said" in cues and "denied" in cues
    assert client.get("/api/articles/wire").json()["text_sha256"] == d["text_sha256"]
    ids = [a["id"] for a in client.get("/api/articles").json()]
    assert ids[:2] == ["herald", "wire"]                       # newest first


def test_post_html_article_is_extracted(client):
    page = ("<html><head><title>Blast</title></head><body><article><p>" + HERALD +
            "</p><p>Police said the plant would stay closed.</p></article></body></html>")
    r = client.post("/api/articles", json={"html": page, "id": "herald-html"})
    assert r.status_code == 201, r.text
    assert r.json()["meta"]["format"] == "html"


def test_an_article_without_id_gets_one_from_its_text(client):
    text = "The mayor said the bridge would reopen on Friday."
    a = client.post("/api/articles", json={"text": text}).json()
    b = client.post("/api/articles", json={"text": text})
    assert a["id"].startswith("desk-") and b.json()["id"] == a["id"]
    assert b.headers["x-claimtrack-store"] == "unchanged"


@pytest.mark.parametrize("body, message", [
    (b'{"text": "unterminated', "malformed JSON"),
    (b"[1, 2]", "JSON object"),
    (b'{"id": "x"}', "exactly one of"),
    (b'{"text": "a", "html": "<p>b</p>"}', "exactly one of"),
    (b'{"text": "   "}', "empty"),
    (b'{"text": 5}', "strings"),
    (b'{"text": "Police said it was fine.", "date": "last Monday"}', "ISO 8601"),
    (b'{"text": "Police said it was fine.", "id": "a\\u0000b"}', "id"),
])
def test_bad_article_posts_are_400_with_a_message(client, body, message):
    r = client.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert message in r.json()["error"]


def test_no_url_fetching_unless_allowed(client):
    r = client.post("/api/articles", json={"url": "http://127.0.0.1:9/secret"})
    assert r.status_code == 400 and "--allow-fetch" in r.json()["error"]
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x.example/a", "http://"):
        with pytest.raises(InputError):
            check_url(bad)
    assert check_url("https://example.org/a") == "https://example.org/a"


def test_claims_filters_and_newest_first(client):
    rows = client.get("/api/claims").json()
    dates = [r["first_seen"]["date"] or "" for r in rows]
    assert dates == sorted(dates, reverse=True)
    killed = _cluster(client, "workers")
    assert {a["article"] for a in killed["appearances"]} >= {"wire", "herald"}
    assert all("Kartli" in " ".join(a["source"] or "" for a in r["appearances"])
               for r in client.get("/api/claims", params={"source": "kartli"}).json())
    assert client.get("/api/claims", params={"status": "not-a-status"}).json() == []
    assert client.get("/api/claims", params={"since": "2030-01-01"}).json() == []
    r = client.get("/api/claims", params={"q": '"unbalanced'})
    assert r.status_code == 400 and "full-text" in r.json()["error"]


def test_one_claim_and_unknown_ids_are_404(client):
    k = _cluster(client, "workers")["id"]
    c = client.get(f"/api/claims/{k}").json()
    assert c["id"] == k and c["statement"] and c["appearances"]
    for path in ("/api/claims/k999", "/api/claims/k999/claimreview", "/api/articles/nope"):
        r = client.get(path)
        assert r.status_code == 404 and "no " in r.json()["error"]
    r = client.post("/api/claims/k999/review", json={"verdict": "False", "rating": 1, "reviewer": "A"})
    assert r.status_code == 404


@pytest.mark.parametrize("review, message", [
    ({"rating": 1, "reviewer": "A"}, "verdict"),
    ({"verdict": "False", "rating": 1}, "reviewer"),
    ({"verdict": "False", "rating": 9, "reviewer": "A"}, "1 to 5"),
    ({"verdict": "False", "rating": "x", "reviewer": "A"}, "1 to 5"),
    ({"verdict": "  ", "rating": 2, "reviewer": "A"}, "empty"),
])
def test_bad_reviews_are_400(client, review, message):
    k = _cluster(client, "gas leak")["id"]
    r = client.post(f"/api/claims/{k}/review", json=review)
    assert r.status_code == 400 and message in r.json()["error"]
    r = client.post(f"/api/claims/{k}/review", content=b"{", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "malformed JSON" in r.json()["error"]


GOOGLE_REQUIRED = ("url", "datePublished", "author", "reviewRating", "claimReviewed")


def test_review_then_claimreview_has_every_required_field(client):
    k = _cluster(client, "gas leak")["id"]
    before = client.get(f"/api/claims/{k}/claimreview")
    assert before.headers["content-type"].startswith("application/ld+json")
    assert before.json()["@type"] == "Claim"                   # unreviewed: a Claim only
    r = client.post(f"/api/claims/{k}/review", json={"verdict": "Unproven", "rating": 3,
                                                      "note": "no inspection yet", "reviewer": "Nino"})
    assert r.status_code == 201
    assert r.json()["reviews"][-1] | {"at": ""} == {"rating": "Unproven", "value": 3, "note": "no inspection yet",
                                                    "reviewer": "Nino", "at": ""}
    doc = client.get(f"/api/claims/{k}/claimreview").json()
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    for field in GOOGLE_REQUIRED:
        assert doc[field], field
    assert doc["url"] == f"{BASE}/claims/{k}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["datePublished"])
    assert doc["author"] == {"@type": "Person", "name": "Nino"}
    assert doc["claimReviewed"] == client.get(f"/api/claims/{k}").json()["statement"]
    assert doc["reviewRating"] | {} == {"@type": "Rating", "alternateName": "Unproven", "ratingValue": 3,
                                        "bestRating": 5, "worstRating": 1,
                                        "ratingExplanation": "no inspection yet"}
    assert doc["itemReviewed"]["@type"] == "Claim"


def test_claimreview_appearances_carry_the_article_urls(client):
    doc = client.get(f"/api/claims/{_cluster(client, 'workers')['id']}/claimreview").json()
    claim = doc if doc["@type"] == "Claim" else doc["itemReviewed"]
    urls = {a["identifier"]: a.get("url") for a in claim["appearance"]}
    assert urls["herald"] == "https://herald.example/a" and urls["wire"] is None
    assert {"Police", "regional hospital"} <= {a["name"] for a in claim["author"]}


def test_a_foreign_host_name_is_refused(client):
    r = client.get("/api/claims", headers={"host": "rebind.evil.example"})
    assert r.status_code == 400


def test_cross_site_requests_are_refused(client):
    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"}):
        r = client.post("/api/articles", json={"text": HERALD}, headers=headers)
        assert r.status_code == 403 and "refused" in r.json()["error"]
    same = client.post("/api/articles", json={"text": HERALD, "id": "herald"},
                       headers={"origin": BASE, "sec-fetch-site": "same-origin"})
    assert same.status_code == 201


def test_bodies_over_the_limit_are_413(analyzer, tmp_path):
    with TestClient(create_app(analyzer, str(tmp_path / "small.db"), max_body=2048), base_url=BASE) as c:
        r = c.post("/api/articles", json={"text": "Police said it. " * 400})
        assert r.status_code == 413 and "limit" in r.json()["error"]
        r = c.post("/articles", content=b"x" * 5000, headers={"content-type": "application/x-www-form-urlencoded"})
        assert r.status_code == 413

        def chunks():                                          # no Content-Length: counted as read
            for _ in range(10):
                yield b"x" * 500
        r = c.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


# --- the pages ------------------------------------------------------------------------------

def _token(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_pages_are_safe_by_default(client):
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text and "<script src=" in r.text   # no inline script
    assert client.get("/static/report.js").status_code == 200
    assert client.get("/static/desk.css").status_code == 200


def test_forms_need_the_token_and_the_same_origin(client):
    token = _token(client.get("/").text)
    r = client.post("/articles", data={"text": HERALD}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/articles", data={"text": HERALD, "csrf": token}, follow_redirects=False,
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/articles", data={"text": HERALD, "csrf": "forged" * 8}, follow_redirects=False)
    assert r.status_code == 403


def test_add_an_article_page_escapes_it_and_links_its_claims(client):
    token = _token(client.get("/").text)
    r = client.post("/articles", data={"text": HOSTILE, "id": "hostile", "outlet": "<i>Evil</i> Daily",
                                       "date": "2024-05-09", "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/articles/hostile"
    page = client.get("/articles/hostile").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>Evil</i>" not in page and "&lt;i&gt;Evil&lt;/i&gt; Daily" in page
    assert 'class="hl role-cue"' in page and 'class="hl role-source"' in page
    assert re.search(r'class="cluster-link" href="/claims/k\d+"', page)
    assert client.get("/articles/nope").status_code == 404


def test_upload_a_text_file_and_bad_input_stays_on_the_form(client):
    token = _token(client.get("/").text)
    r = client.post("/articles", data={"csrf": token, "outlet": "Upload Times"}, follow_redirects=False,
                    files={"file": ("story.txt", HERALD.encode("utf-8"), "text/plain")})
    assert r.status_code == 303
    page = ("<html><body><article><p>" + HERALD.replace("regional", "région") + "</p></article></body></html>")
    r = client.post("/articles", data={"csrf": token}, follow_redirects=False,
                    files={"file": ("story.html", page.encode("cp1252"), "text/html")})
    assert r.status_code == 303
    assert "région" in client.get(r.headers["location"]).text   # a cp1252 page decoded as such
    r = client.post("/articles", data={"csrf": token, "text": "", "outlet": "Kept"})
    assert r.status_code == 400 and "paste the article" in r.text and 'value="Kept"' in r.text
    r = client.post("/articles", data={"csrf": token}, files={"file": ("x.exe", b"MZ", "application/octet-stream")})
    assert r.status_code == 400 and "upload a .txt or .html" in r.text


def test_claims_page_filters_and_claim_page_reviews(client):
    page = client.get("/claims", params={"q": "workers", "status": ""}).text
    k = re.search(r'href="/claims/(k\d+)"', page).group(1)
    assert "newest first" in page
    assert client.get("/claims", params={"q": '"bad'}).status_code == 400
    claim = client.get(f"/claims/{k}")
    assert claim.status_code == 200
    assert 'class="timeline"' in claim.text and "Caucasus Wire" in claim.text and "Rustavi Herald" in claim.text
    token = _token(claim.text)
    r = client.post(f"/claims/{k}/review", data={"verdict": "True", "rating": "5", "reviewer": "Desk <b>",
                                                  "note": "hospital records", "csrf": token},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/claims/{k}#reviews"
    after = client.get(f"/claims/{k}").text
    assert "hospital records" in after and "Desk &lt;b&gt;" in after and "5/5" in after
    bad = client.post(f"/claims/{k}/review", data={"verdict": "", "rating": "5", "reviewer": "x", "csrf": token})
    assert bad.status_code == 400
    assert client.get("/claims/k999").status_code == 404


def test_reviews_go_into_the_corpus_graph(client, tmp_path):
    from claimtrack.graph.readwrite import read_graph, write_graph
    from claimtrack.graph.build import corpus_graph

    k = _cluster(client, "workers")["id"]
    client.post(f"/api/claims/{k}/review", json={"verdict": "True", "rating": 5, "reviewer": "Graph"})
    with client.app.state.desk.store() as store:
        G = corpus_graph(store)
    reviews = [(n, d) for n, d in G.nodes(data=True) if d["kind"] == "review" and d["cluster"] == k]
    assert reviews and reviews[-1][1]["verdict"] == "True" and reviews[-1][1]["rating"] == 5
    assert G.has_edge(reviews[-1][0], f"cluster:{k}")
    for ext in ("graphml", "gexf"):
        write_graph(G, tmp_path / f"c.{ext}")
        back = read_graph(tmp_path / f"c.{ext}")
        assert dict(back.nodes(data=True))[reviews[-1][0]] == reviews[-1][1]


# --- fetching (only with --allow-fetch) and the command ---------------------------------------

@pytest.fixture()
def page_server():
    """A loopback HTTP server with one article page and one binary file."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, ctype = ((b"<html><body><article><p>" + HERALD.encode() + b"</p></article></body></html>",
                            "text/html; charset=utf-8") if self.path == "/story" else (b"\x00" * 64, "image/png"))
            self.send_response(200)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_allow_fetch_reads_http_pages_with_a_cap(analyzer, tmp_path, page_server):
    from claimtrack.desk.fetch import fetch

    with TestClient(create_app(analyzer, str(tmp_path / "f.db"), allow_fetch=True), base_url=BASE) as c:
        r = c.post("/api/articles", json={"url": page_server + "/story", "id": "fetched"})
        assert r.status_code == 201, r.text
        assert "hospital" in r.json()["meta"]["text"]
        r = c.post("/api/articles", json={"url": page_server + "/image"})
        assert r.status_code == 400 and "not a text or HTML page" in r.json()["error"]
        r = c.post("/api/articles", json={"url": "file:///etc/passwd"})
        assert r.status_code == 400 and "http(s)" in r.json()["error"]
    with pytest.raises(InputError, match="fetch limit"):
        fetch(page_server + "/story", max_bytes=20)


def test_serve_refuses_a_taken_port_and_an_unopenable_store_before_the_model(tmp_path):
    import socket

    from click.testing import CliRunner

    from claimtrack.cli.commands import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "d.db"), "--port", str(port),
                                        "--model-dir", str(tmp_path / "no-model")])
    assert res.exit_code == 2 and "cannot listen" in res.output
    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing" / "d.db"),
                                    "--model-dir", str(tmp_path / "no-model"), "--port", "0"])
    assert res.exit_code == 4 and "cannot open the claim store" in res.output
    assert "Exit codes" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_article_page_gives_the_store_status_and_says_why_when_it_differs(client):
    page = client.get("/articles/wire").text
    store_part = page[page.index('id="store-claims"'):]
    # police alone in the wire story; the herald's hospital confirms it later in the store
    assert "in this article: claimed; across the store: confirmed, because" in store_part
    herald = client.get("/articles/herald").text
    # the herald's claim is the same cluster: confirmed in the store
    assert "across the store: confirmed" in herald[herald.index('id="store-claims"'):]
