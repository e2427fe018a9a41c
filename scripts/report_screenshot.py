"""Regenerate docs/report.png: the seed article's HTML report, rendered by headless Chromium.

    CLAIMTRACK_MODEL_DIR=../shared/models/stanza-en-mini .venv/bin/python scripts/report_screenshot.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from claimtrack.api import Analyzer
from claimtrack.export.report import chromium, write_html

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "moscow_times_kaluga.txt"


def main(out: str = str(ROOT / "docs" / "report.png"), width: int = 1280, height: int = 1850) -> None:
    analysis = Analyzer().analyze(SEED.read_text(encoding="utf-8"), SEED.stem)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        write_html([analysis], page)
        chromium(page, screenshot=out, size=(width, height))
    print(f"{out}: {Path(out).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(*sys.argv[1:2])
