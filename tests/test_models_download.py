"""``claimtrack models download`` offline: a loopback HTTP server plays Stanza's hub.

The server (127.0.0.1 only) serves ``resources_<version>.json`` and model files in Stanza's
layout (``/models/en/<processor>/<package>.pt``); the download is pointed at it with
``--resources-url``. The files are small stand-ins (Stanza checks only their md5 while
downloading).
"""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = {"tokenize/combined.pt": 300_000, "mwt/combined.pt": 1000, "pos/combined_charlm.pt": 2000,
         "lemma/combined_charlm.pt": 1000, "depparse/combined_charlm.pt": 2000,
         "pretrain/conll17.pt": 4000, "forward_charlm/1billion.pt": 1500,
         "backward_charlm/1billion.pt": 1500, "ner/ontonotes-ww-multi_charlm.pt": 1000,
         "pretrain/fasttextcrawl.pt": 1000}


def _payload(name: str, size: int) -> bytes:
    return (name.encode() * (size // len(name) + 1))[:size]


def _index(base: str, files: dict[str, bytes]) -> dict:
    import stanza

    sys.path.insert(0, str(ROOT / "tests"))
    import officialkit

    en: dict = {"lang_name": "English"}
    for name, data in files.items():
        proc, pkg = name[:-3].split("/")
        entry = {"md5": hashlib.md5(data).hexdigest()}
        if pkg.endswith("_charlm"):
            entry["dependencies"] = officialkit._deps(officialkit.PRETRAIN[proc])
        en.setdefault(proc, {})[pkg] = entry
    en["default_processors"] = dict(officialkit.PACKAGES)
    en["packages"] = {"default": dict(officialkit.PACKAGES)}
    return {"url": base + "/models/{lang}/{filename}", "en": en,
            "_version": stanza.__resources_version__}


class Hub:
    """Files by URL path; *cut* (a path) is sent half and the connection closed; *log* lists
    the paths asked for."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.cut: str | None = None
        self.log: list[str] = []
        hub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                hub.log.append(self.path)
                data = hub.files.get(self.path)
                if data is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.path == hub.cut:
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(data)

            def log_message(self, *args):  # quiet
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, files: dict[str, bytes], md5_of: dict[str, bytes] | None = None) -> None:
        """Serve *files* under /models/en/ and an index whose md5s are those of *md5_of*."""
        index = _index(self.url, md5_of or files)
        version = index.pop("_version")
        self.files = {f"/models/en/{k}": v for k, v in files.items()}
        self.files[f"/resources_{version}.json"] = json.dumps(index).encode()


@pytest.fixture
def hub():
    h = Hub()
    yield h
    h.server.shutdown()
    h.server.server_close()


def _download(hub: Hub, dest: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    for var in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "claimtrack.cli", "models", "download",
                           "--model-dir", str(dest), "--resources-url", hub.url],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def _files() -> dict[str, bytes]:
    return {k: _payload(k, n) for k, n in FILES.items()}


def test_download_fetches_every_model_and_dependency_with_progress(hub, tmp_path):
    hub.publish(_files())
    res = _download(hub, tmp_path / "m")
    assert res.returncode == 0, res.stderr
    for name, size in FILES.items():
        assert (tmp_path / "m" / "en" / name).read_bytes() == _payload(name, size)
    assert "ready:" in res.stdout and "ner" in res.stdout
    # Stanza's progress bar, one per file: the file's URL and a percentage
    assert "Downloading " + hub.url + "/models/en/pos/combined_charlm.pt" in res.stderr
    assert "100%" in res.stderr


def test_an_interrupted_download_is_taken_up_again(hub, tmp_path):
    """The connection drops half-way through one file: exit 3 in one line, no partial file
    left; the next run fetches only what is missing and ends with the whole set."""
    files = _files()
    hub.publish(files)
    hub.cut = "/models/en/tokenize/combined.pt"
    first = _download(hub, tmp_path / "m")
    assert first.returncode == 3, first.stderr
    errors = [x for x in first.stderr.splitlines() if x.startswith("claimtrack: error:")]
    assert len(errors) == 1 and "could not download" in errors[0]
    assert "Traceback" not in first.stderr
    tok = tmp_path / "m" / "en" / "tokenize"
    assert not (tok / "combined.pt").exists()
    assert not [p for p in tok.iterdir() if p.is_dir()]  # Stanza's temporary directory is gone
    done_before = {p for p in hub.log if p.startswith("/models/")} - {hub.cut}
    hub.cut, hub.log[:] = None, []
    second = _download(hub, tmp_path / "m")
    assert second.returncode == 0, second.stderr
    refetched = {p for p in hub.log if p.startswith("/models/")}
    assert "/models/en/tokenize/combined.pt" in refetched
    assert not refetched & done_before  # files already complete were kept
    for name, size in FILES.items():
        assert (tmp_path / "m" / "en" / name).read_bytes() == _payload(name, size)


def test_a_checksum_mismatch_is_one_line_and_exit_3(hub, tmp_path):
    files = _files()
    wrong = dict(files)
    wrong["pos/combined_charlm.pt"] = b"not the published bytes"
    hub.publish(wrong, md5_of=files)
    res = _download(hub, tmp_path / "m")
    assert res.returncode == 3
    errors = [x for x in res.stderr.splitlines() if x.startswith("claimtrack: error:")]
    assert errors == [f"claimtrack: error: checksum mismatch: en/pos/combined_charlm.pt has md5 "
                      f"{hashlib.md5(wrong['pos/combined_charlm.pt']).hexdigest()}, the index says "
                      f"{hashlib.md5(files['pos/combined_charlm.pt']).hexdigest()} (removed; run "
                      f"`claimtrack models download` again, or check the mirror)"]
    assert not (tmp_path / "m" / "en" / "pos" / "combined_charlm.pt").exists()
