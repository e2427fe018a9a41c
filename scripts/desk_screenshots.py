"""Regenerate the desk's screenshots in docs/ (desk-*.png) with Playwright on Debian's Chromium:
the Rustavi story goes in through the API, the seed article through the add form, a claim gets
a review, and each page is captured (the claim page and the article's graph at 800 px too).
Scrollbars are shown, so a screenshot shows where a box scrolls.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini .venv/bin/python scripts/desk_screenshots.py
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from claimtrack.api import Analyzer
from claimtrack.desk.app import create_app
from claimtrack.desk.server import BackgroundServer
from claimtrack.export.report import find_chromium

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "examples" / "stories" / "rustavi_blast.jsonl"
SEED = ROOT / "examples" / "moscow_times_kaluga.txt"


def shoot(page, name: str, out: Path, full: bool = True) -> None:
    path = out / f"desk-{name}.png"
    page.screenshot(path=str(path), full_page=full)
    print(f"{path}: {path.stat().st_size // 1024} KB")


def main(out: str = str(ROOT / "docs")) -> None:
    outdir = Path(out)
    with tempfile.TemporaryDirectory() as tmp, \
            BackgroundServer(create_app(Analyzer(), str(Path(tmp) / "desk.db"))) as url, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"],
                                    ignore_default_args=["--hide-scrollbars"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for line in STORY.read_text(encoding="utf-8").splitlines():
            r = page.request.post(url + "/api/articles", data=json.loads(line))
            assert r.status == 201, r.text()
        page.goto(url + "/")
        page.fill("#text", SEED.read_text(encoding="utf-8"))
        page.fill("#outlet", "The Moscow Times")
        page.fill("#date", "2024-03-09")
        page.fill("#title", "Kazakhstan confirms deaths of two citizens in Russian operation")
        page.eval_on_selector("#text", "e => { e.scrollTop = 0; }")
        shoot(page, "add", outdir, full=False)
        page.click("#add-form button[type=submit]")
        page.wait_for_url("**/articles/**")
        shoot(page, "article", outdir)
        article_url = page.url
        page.set_viewport_size({"width": 800, "height": 900})
        page.goto(article_url)
        page.locator(".graphbox").screenshot(path=str(outdir / "desk-graph-800.png"))
        print(f"{outdir / 'desk-graph-800.png'}")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url + "/claims?status=disputed")
        page.get_by_text("two workers were killed").first.click()
        page.wait_for_url("**/claims/k*")
        page.fill("#verdict", "Misleading")
        page.select_option("#rating", "2")
        page.fill("#reviewer", "Nino Beridze")
        page.fill("#note", "The hospital confirmed two deaths; the union's figure of five is not "
                           "backed by any record we found.")
        page.click("#review-form button[type=submit]")
        page.wait_for_selector("li.review")
        shoot(page, "claim", outdir)
        page.set_viewport_size({"width": 800, "height": 900})
        page.goto(page.url.split("#")[0])
        shoot(page, "claim-800", outdir, full=False)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url + "/claims")
        shoot(page, "claims", outdir)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:2])
