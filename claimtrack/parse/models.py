"""Where the Stanza models live, what they can do, and how to get them.

The model directory is resolved from an explicit option, then ``CLAIMTRACK_MODEL_DIR``,
then Stanza's own default (``STANZA_RESOURCES_DIR`` or ``~/stanza_resources``).

>>> resolve_model_dir("/tmp/models")
PosixPath('/tmp/models')
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError

ENV_VAR = "CLAIMTRACK_MODEL_DIR"
REQUIRED = ("tokenize", "pos", "lemma", "depparse")
DOWNLOAD_HINT = "claimtrack models download"


def stanza_default_dir() -> Path:
    """Stanza's default resources directory (without importing stanza)."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / "stanza_resources"


def resolve_model_dir(option: str | os.PathLike | None = None) -> Path:
    """The model directory: *option*, else ``$CLAIMTRACK_MODEL_DIR``, else Stanza's default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return stanza_default_dir()


@dataclass(frozen=True)
class ModelInfo:
    """A checked model directory: its path, language, processors and a fingerprint for caching."""

    path: Path
    lang: str
    processors: tuple[str, ...]
    fingerprint: str

    @property
    def has_ner(self) -> bool:
        return "ner" in self.processors


def _has_weights(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.pt"))


def inspect_model_dir(path: Path, lang: str = "en") -> ModelInfo:
    """Check that *path* holds a usable Stanza model set for *lang*; raise ModelError otherwise."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"no Stanza models at {path}: run `{DOWNLOAD_HINT}` or pass --model-dir "
                         f"(or set {ENV_VAR})")
    resources = path / "resources.json"
    if not resources.is_file():
        raise ModelError(f"{path} is not a Stanza model directory (no resources.json): "
                         f"run `{DOWNLOAD_HINT}` or pass --model-dir")
    try:
        info = json.loads(resources.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{resources} is unreadable ({exc.__class__.__name__}): "
                         f"run `{DOWNLOAD_HINT}` again") from None
    if lang not in info:
        raise ModelError(f"{path} has no '{lang}' models: run `{DOWNLOAD_HINT} --lang {lang}`")
    lang_dir = path / lang
    missing = [p for p in REQUIRED if not _has_weights(lang_dir / p)]
    if missing:
        raise ModelError(f"{path} lacks the {', '.join(missing)} model(s): run `{DOWNLOAD_HINT}`")
    procs = [p for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
             if p in REQUIRED or _has_weights(lang_dir / p)]
    digest = hashlib.sha256()
    for pt in sorted(lang_dir.rglob("*.pt")):
        st = pt.stat()
        digest.update(f"{pt.relative_to(path)}:{st.st_size}:{int(st.st_mtime)}".encode())
    return ModelInfo(path, lang, tuple(procs), digest.hexdigest()[:16])


def download_models(path: Path, lang: str = "en", ner: bool = True) -> ModelInfo:
    """Fetch the official Stanza models into *path* (Stanza shows its progress bar)."""
    import stanza  # deferred: heavy

    procs = "tokenize,mwt,pos,lemma,depparse" + (",ner" if ner else "")
    path.mkdir(parents=True, exist_ok=True)
    try:
        stanza.download(lang, model_dir=str(path), processors=procs, verbose=True)
    except Exception as exc:  # network errors come in many types; all mean the same to the user
        raise ModelError(f"could not download Stanza models to {path}: {exc}") from None
    return inspect_model_dir(path, lang)
