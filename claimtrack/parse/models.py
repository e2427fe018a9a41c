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
import re
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
    lacking = [f"{lang}/{d}/{pkg}.pt (for {proc})" for proc, _pkg, deps in packages(info[lang], lang_dir)
               if proc in procs for d, pkg in deps if not (lang_dir / d / f"{pkg}.pt").is_file()]
    if lacking:
        raise ModelError(f"{path} lacks {', '.join(lacking)}: run `{DOWNLOAD_HINT}`")
    digest = hashlib.sha256()
    for pt in sorted(lang_dir.rglob("*.pt")):
        st = pt.stat()
        digest.update(f"{pt.relative_to(path)}:{st.st_size}:{int(st.st_mtime)}".encode())
    return ModelInfo(path, lang, tuple(procs), digest.hexdigest()[:16])


#: Stanza reads these for its index and model files; ``models download`` passes them on
RESOURCES_URL_VAR, MODEL_URL_VAR = "STANZA_RESOURCES_URL", "STANZA_MODEL_URL"
_MD5_MISMATCH = re.compile(r"md5 for (?P<path>.+) is (?P<got>[0-9a-f]+), expected (?P<want>[0-9a-f]+)")


def packages(lang_info: dict, lang_dir: Path) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(processor, package, [(dependency, package), …]) for each processor with weights in
    *lang_dir*, from the language's entry in ``resources.json``: the official English tagger,
    for one, needs ``pretrain`` word vectors and a forward and a backward ``charlm``."""
    out = []
    for proc in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner"):
        folder = lang_dir / proc
        if not _has_weights(folder):
            continue
        entries = lang_info.get(proc) if isinstance(lang_info.get(proc), dict) else {}
        for pt in sorted(folder.glob("*.pt")):
            entry = entries.get(pt.stem)
            if not isinstance(entry, dict):
                continue
            deps = [(d.get("model", "?"), d.get("package", "?"))
                    for d in entry.get("dependencies", []) if isinstance(d, dict)]
            out.append((proc, pt.stem, deps))
    return out


def describe(info: ModelInfo) -> list[str]:
    """One line per model of a checked directory: processor, package, what it depends on."""
    data = json.loads((info.path / "resources.json").read_text(encoding="utf-8"))
    lines = []
    for proc, pkg, deps in packages(data.get(info.lang, {}), info.path / info.lang):
        extra = f" (with {', '.join(f'{d} {p}' for d, p in deps)})" if deps else ""
        lines.append(f"  {proc}: {pkg}{extra}")
    return lines


def download_models(path: Path, lang: str = "en", ner: bool = True,
                    resources_url: str | None = None, model_url: str | None = None) -> ModelInfo:
    """Fetch the official Stanza models into *path* (Stanza shows a progress bar per file).

    *resources_url* is where Stanza's index (``resources_<version>.json``) is read from and
    *model_url* a template for the files (``{lang}``, ``{filename}``, ``{resources_version}``);
    by default Stanza's own (``$STANZA_RESOURCES_URL``/``$STANZA_MODEL_URL``, else its hub).
    Files already present with the index's md5 are kept, so a download that stopped is taken
    up again where it stopped, file by file; a file cut off is fetched again from its start
    (Stanza writes each into a temporary directory and moves it in when complete). A file
    whose md5 is not the index's is deleted and reported in one line (exit 3).
    """
    import stanza  # deferred: heavy

    procs = "tokenize,mwt,pos,lemma,depparse" + (",ner" if ner else "")
    path.mkdir(parents=True, exist_ok=True)
    urls = {}
    if resources_url:
        urls["resources_url"] = resources_url.rstrip("/")
    if model_url:
        urls["model_url"] = model_url
    try:
        stanza.download(lang, model_dir=str(path), processors=procs, verbose=True, **urls)
    except Exception as exc:  # network errors come in many types; all mean the same to the user
        raise ModelError(_download_failure(path, exc)) from None
    return inspect_model_dir(path, lang)


def _download_failure(path: Path, exc: Exception) -> str:
    """The one line for a failed download; a file that failed its checksum is removed."""
    bad = _MD5_MISMATCH.search(str(exc))
    if bad:
        file = Path(bad["path"])
        file.unlink(missing_ok=True)
        try:
            shown = file.relative_to(path)
        except ValueError:
            shown = file
        return (f"checksum mismatch: {shown} has md5 {bad['got']}, the index says "
                f"{bad['want']} (removed; run `{DOWNLOAD_HINT}` again, or check the mirror)")
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"could not download Stanza models to {path}: {exc.__class__.__name__}: {first}"
