"""The desk in a real browser: Playwright driving Debian's Chromium (headless, never a
downloaded browser). Add an article, see its highlights, open a claim, save a review, then
restart the server — as ``claimtrack serve`` in its own process, on the same database — and
see the review still there.

Skipped, with the reason, when no Chromium binary is installed (CI installs it from
``.ci/apt-packages``) or the ``playwright`` package is missing.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from claimtrack.export.report import find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium; see .ci/apt-packages)")

ARTICLE = ("Police said two workers were killed in an explosion at the Rustavi chemical plant on "
           "Monday. Kartli Chemicals denied that the explosion was caused by a gas leak.")


@pytest.fixture()
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


def _serve_cli(db, port: int, timeout: float = 180) -> subprocess.Popen:
    """``claimtrack serve`` in its own process; returns once it listens."""
    from conftest import model_dir

    env = {**os.environ, "CLAIMTRACK_MODEL_DIR": str(model_dir())}
    proc = subprocess.Popen([sys.executable, "-m", "claimtrack.cli", "serve", "--db", str(db),
                             "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:   # the models load first; then uvicorn listens
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise AssertionError(f"claimtrack serve did not start (exit {proc.poll()})")


def _stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


def test_add_read_review_and_the_review_survives_a_restart(analyzer, browser, tmp_path):
    from claimtrack.desk.app import create_app
    from claimtrack.desk.server import BackgroundServer

    db = tmp_path / "desk.db"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []   # script errors and CSP violations show up here
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    with BackgroundServer(create_app(analyzer, str(db))) as url:
        page.goto(url + "/")
        page.fill("#text", ARTICLE)
        page.fill("#outlet", "Caucasus Wire")
        page.fill("#date", "2024-05-06")
        page.click("#add-form button[type=submit]")
        page.wait_for_url("**/articles/**")
        assert page.locator(".hl.role-cue").count() >= 2          # "said", "denied"
        assert page.locator(".hl.role-source").count() >= 2
        page.wait_for_selector("body.js-ready")                   # the report's script ran
        page.locator(".hl.role-cue").first.hover()
        assert page.locator(".focus").count() > 0                 # hovering outlines the attribution
        assert "Kartli Chemicals" in page.locator("table.sources").inner_text()
        page.set_viewport_size({"width": 800, "height": 900})   # the layout works at 800 px:
        assert page.evaluate("document.documentElement.scrollWidth") <= 800   # nothing sticks out
        page.set_viewport_size({"width": 1280, "height": 900})

        page.locator("a.cluster-link").first.click()
        page.wait_for_url("**/claims/k*")
        claim_url = page.url
        assert page.locator("ol.timeline li").count() >= 1
        assert "Caucasus Wire" in page.locator("ol.timeline").inner_text()
        page.fill("#verdict", "Unproven")
        page.select_option("#rating", "3")
        page.fill("#reviewer", "Nino")
        page.fill("#note", "No inspection report yet.")
        page.click("#review-form button[type=submit]")
        page.wait_for_selector("li.review")
        assert "Unproven" in page.locator("ul.reviews").inner_text()
        page.reload()
        assert "No inspection report yet." in page.locator("ul.reviews").inner_text()
        page.set_viewport_size({"width": 800, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= 800
        port = int(url.rsplit(":", 1)[1])

    proc = _serve_cli(db, port)                                   # a new server process, same DB
    try:
        page.goto(claim_url)
        reviews = page.locator("ul.reviews").inner_text()
        assert "Unproven" in reviews and "3/5" in reviews and "Nino" in reviews
        ld = page.request.get(claim_url.replace("/claims/", "/api/claims/") + "/claimreview").json()
        assert ld["@type"] == "ClaimReview" and ld["reviewRating"]["alternateName"] == "Unproven"
    finally:
        assert _stop(proc) == 0
    assert problems == []
