"""The desk's pages at 1280 and 800 px in a real browser (Playwright on Debian's Chromium), with
screenshots: the claim graph fits a 1280 px window with every link label inside it, and at
800 px it scrolls sideways to its right edge instead of being cut; the claims list shows its
verdict and reviewed columns inside the window.

Skipped, with the reason, when no Chromium binary is installed or playwright is missing.
"""
from __future__ import annotations

import pytest

from claimtrack.export.report import find_chromium
from conftest import EXAMPLES

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium; see .ci/apt-packages)")

#: the graph box, the svg and the right edge of its rightmost text, in window coordinates
GEOMETRY = """() => {
  const box = document.querySelector('.graphbox'), svg = box.querySelector('svg.graph');
  const b = box.getBoundingClientRect(), s = svg.getBoundingClientRect();
  let textRight = 0;
  for (const t of svg.querySelectorAll('text')) textRight = Math.max(textRight, t.getBoundingClientRect().right);
  return {boxLeft: b.left, boxRight: b.left + box.clientLeft + box.clientWidth, clientWidth: box.clientWidth,
          scrollWidth: box.scrollWidth, svgRight: s.right, textRight: textRight,
          links: svg.querySelectorAll('.elabel').length, overflow: getComputedStyle(box).overflowX,
          page: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def desk_url(analyzer, tmp_path_factory):
    """The desk serving the seed article (a graph with claim-to-claim links) and a reviewed claim."""
    from claimtrack.desk.app import create_app
    from claimtrack.desk.server import BackgroundServer
    from starlette.testclient import TestClient

    db = tmp_path_factory.mktemp("shots") / "desk.db"
    app = create_app(analyzer, str(db))
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        text = (EXAMPLES / "moscow_times_kaluga.txt").read_text(encoding="utf-8")
        assert c.post("/api/articles", json={"text": text, "id": "seed", "date": "2024-03-09"}).status_code == 201
        k = c.get("/api/claims").json()[0]["id"]
        assert c.post(f"/api/claims/{k}/review", json={"verdict": "Misleading", "reviewer": "Nino"}).status_code == 201
    with BackgroundServer(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, ignore_default_args=["--hide-scrollbars"],
                              args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


def _open(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


def test_the_graph_fits_1280_px_with_every_label(browser, desk_url, tmp_path):
    page = _open(browser, desk_url + "/articles/seed", 1280)
    g = page.evaluate(GEOMETRY)
    assert g["links"] >= 3, g                                   # link labels on the right
    assert g["scrollWidth"] <= g["clientWidth"], g              # nothing to scroll: it fits
    assert g["svgRight"] <= g["boxRight"] + 0.5 and g["textRight"] <= g["boxRight"], g
    assert g["page"] <= 1280, g
    shot = tmp_path / "article-1280.png"
    page.locator(".graphbox").screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    page.close()


def test_the_graph_scrolls_at_800_px_and_its_right_edge_can_be_reached(browser, desk_url, tmp_path):
    page = _open(browser, desk_url + "/articles/seed", 800)
    g = page.evaluate(GEOMETRY)
    assert g["page"] <= 800, g                                  # the page itself does not stick out
    assert g["scrollWidth"] > g["clientWidth"] and g["overflow"] in ("scroll", "auto"), g
    assert g["textRight"] > g["boxRight"], g                    # at its own size, labels beyond the box…
    page.eval_on_selector(".graphbox", "b => { b.scrollLeft = b.scrollWidth; }")
    g = page.evaluate(GEOMETRY)
    assert g["textRight"] <= g["boxRight"] and g["svgRight"] <= g["boxRight"] + 0.5, g   # …reachable, not cut
    shot = tmp_path / "article-800.png"
    page.locator(".graphbox").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    page.close()


@pytest.mark.parametrize("width", [1280, 800])
def test_the_claims_list_shows_verdict_and_reviewed_in_the_window(browser, desk_url, tmp_path, width):
    page = _open(browser, desk_url + "/claims", width)
    scrolls = page.evaluate("(p => p.scrollWidth > p.clientWidth)"
                            "(document.querySelector('table.claims-list').closest('.panel'))")
    for header in ("verdict", "reviewed"):
        box = page.locator("table.claims-list th", has_text=header).bounding_box()
        # inside the window at 1280 px; at 800 px inside it, or reachable by scrolling the panel
        assert box["x"] + box["width"] <= width or (width < 1280 and scrolls), (header, box)
    assert page.locator("table.claims-list .badge.verdict", has_text="Misleading").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = tmp_path / f"claims-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    page.close()
