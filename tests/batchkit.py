"""A small mixed corpus for the batch tests, and one reference run of it shared by the session.

Not a test module: ``test_batch.py`` and ``test_dask.py`` import it.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

HTML_PAGE = """<!DOCTYPE html><html><head><title>Drone attack | The Daily Example</title>
<meta property="og:title" content="Kazakhstan confirms drone attack">
<meta property="article:published_time" content="2024-05-03T10:00:00Z">
<link rel="canonical" href="https://example.org/news/kaluga">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Kazakhstan confirms drone attack</h1>
<p>The foreign ministry confirmed on Friday that two citizens were detained after the attack.</p>
<p>Russian media had claimed that the suspects were killed, but the police denied the report.</p>
</article><footer>Copyright 2024 The Daily Example. Subscribe to our newsletter.</footer>
<script>var tracking = 1;</script></body></html>
"""

FRENCH = ("Le ministère des affaires étrangères a confirmé vendredi que deux citoyens ont été "
          "arrêtés après l'attaque, mais la police a démenti les informations de la presse.")

GOOD_IDS = ["a_short", "confirmation", "cp1252", "denial", "page", "utf16", "feed-1", "feed-2"]
BAD_IDS = ["binary", "blank", "empty", "french", "long_sentence", "feed.jsonl:3"]


def long_sentence(words: int = 5000) -> str:
    rng = random.Random(7)
    vocab = "the police said that officials in the city had denied reports of damage".split()
    return " ".join(rng.choice(vocab) for _ in range(words)) + ".\n"


def make_corpus(root: Path) -> Path:
    """A directory that mixes good articles, an HTML page, a JSONL feed and broken files."""
    d = root / "corpus"
    d.mkdir(parents=True, exist_ok=True)
    (d / "a_short.txt").write_text("The ministry said the plant was closed.\n", encoding="utf-8")
    for name in ("confirmation", "denial"):
        (d / f"{name}.txt").write_text((EXAMPLES / f"{name}.txt").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (d / "cp1252.txt").write_bytes("The café’s owner said the report was “false”.\n".encode("cp1252"))
    (d / "utf16.txt").write_bytes("Officials denied that the café had closed.\n".encode("utf-16"))
    (d / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\t\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "french.txt").write_text(FRENCH, encoding="utf-8")
    (d / "long_sentence.txt").write_text(long_sentence(), encoding="utf-8")
    (d / "notes.csv").write_text("ignored,file\n", encoding="utf-8")  # not an article suffix
    with open(d / "feed.jsonl", "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "feed-1", "text": "Police denied that anyone was hurt."}) + "\n")
        fh.write(json.dumps({"id": "feed-2", "html": "<html><body><article><p>The mayor said "
                             "the bridge would reopen on Monday, officials confirmed.</p>"
                             "</article></body></html>", "url": "https://example.org/b"}) + "\n")
        fh.write("{not json\n")
    return d


def snapshot(outdir: Path) -> dict[str, str]:
    """sha256 of every file of a batch output directory except the run log."""
    out = {}
    for p in sorted(Path(outdir).rglob("*")):
        if p.is_file() and p.name != "run-log.jsonl":
            out[p.relative_to(outdir).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


_reference: dict = {}


def reference_run(tmp_root: Path):
    """The corpus and one uninterrupted local run over it (memoised for the test session)."""
    if "out" not in _reference:
        from claimtrack.batch.run import Settings, run_batch

        corpus = make_corpus(tmp_root)
        out = tmp_root / "reference"
        summary = run_batch([str(corpus)], out, settings=Settings(model_dir=model_dir()))
        _reference.update(corpus=corpus, out=out, summary=summary)
    return _reference["corpus"], _reference["out"], _reference["summary"]


def model_dir() -> str:
    env = os.environ.get("CLAIMTRACK_MODEL_DIR")
    return env or str(ROOT.parent / "shared" / "models" / "stanza-en-mini")
