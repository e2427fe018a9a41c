"""Text → parsed document: Stanza in, a small plain dependency tree out.

The rest of claimtrack never touches Stanza objects. A :class:`Doc` is a list of
:class:`Sentence` of :class:`Word`, with character offsets into the original text; it is
cheap to cache (JSON) and can also be read from CoNLL-U, so extraction rules can be tested on
gold trees without the parser in the loop.

>>> doc = doc_from_conllu('''# text = Moscow claims victory.
... 1\\tMoscow\\tMoscow\\tPROPN\\tNNP\\t_\\t2\\tnsubj\\t_\\t_
... 2\\tclaims\\tclaim\\tVERB\\tVBZ\\t_\\t0\\troot\\t_\\t_
... 3\\tvictory\\tvictory\\tNOUN\\tNN\\t_\\t2\\tobj\\t_\\tSpaceAfter=No
... 4\\t.\\t.\\tPUNCT\\t.\\t_\\t2\\tpunct\\t_\\t_
... ''')
>>> [(w.text, w.deprel, w.head) for w in doc.sentences[0].words][:2]
[('Moscow', 'nsubj', 1), ('claims', 'root', -1)]
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import ModelError
from .cores import CpuWindow
from .models import ModelInfo, inspect_model_dir, resolve_model_dir

CACHE_VERSION = 1
ENGINES = ("exact", "stock", "int8")
DEVICES = ("auto", "cpu", "cuda")
ENGINE_VAR, DEVICE_VAR = "CLAIMTRACK_ENGINE", "CLAIMTRACK_DEVICE"
THREADS_VAR = "CLAIMTRACK_THREADS"
# Articles per Stanza call: as fast as larger calls (benchmarks/run.py --only speed measures
# it, and that the parses are the same), and a progress bar gets to move.
PARSE_CHUNK = 4
# On a GPU, many articles' sentences share one batch, as Stanza's own ``Pipeline.stream`` does
# (50 documents per call): a GPU is fed by large batches, a CPU gains nothing from them.
GPU_CHUNK = 50


def parse_chunk(device: str) -> int:
    """Articles per Stanza call on *device* (``cpu`` or ``cuda``)."""
    return GPU_CHUNK if device == "cuda" else PARSE_CHUNK


def parse_threads(window: "CpuWindow | None" = None) -> int:
    """torch threads for parsing: ``$CLAIMTRACK_THREADS``, else the cores free right now
    (:func:`claimtrack.parse.cores.free_cores`, over *window* when given), at most torch's own
    thread count (what stock Stanza would use).

    Free cores, not all of them: Stanza makes thousands of small torch calls per article and
    torch's threads wait for each other at every one, so a thread on a core another job holds
    slows every call (on the loaded two-core development machine two threads were 20× slower
    than one), while on idle cores two threads parse about 1.3× as fast as one
    (``benchmarks/end_to_end.py``).
    """
    try:
        asked = int(os.environ.get(THREADS_VAR) or 0)
    except ValueError:
        asked = 0
    if asked > 0:
        return asked
    import torch

    from .cores import free_cores

    return max(1, min(free_cores(window), _torch_default(torch)))


def _torch_default(torch) -> int:
    """torch's thread count as this process found it (later calls may have changed it)."""
    global _TORCH_THREADS
    if _TORCH_THREADS is None:
        _TORCH_THREADS = torch.get_num_threads()
    return _TORCH_THREADS


_TORCH_THREADS: int | None = None


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """torch on *n* threads for the length of a block, then as before."""
    import torch

    before = torch.get_num_threads()
    if before != n:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if before != n:
            torch.set_num_threads(before)


def torch_device(choice: str = "auto") -> str:
    """``auto`` → ``cuda`` when torch sees a GPU, else ``cpu``; ``cuda`` without one is an error."""
    import torch

    has_cuda = torch.cuda.is_available()
    if choice == "cuda" and not has_cuda:
        raise ModelError("--device cuda: torch sees no CUDA device (is a CUDA build of torch "
                         "installed? see the README)")
    if choice == "auto":
        return "cuda" if has_cuda else "cpu"
    return choice


@dataclass(slots=True)
class Word:
    """One syntactic word. ``head`` is the index of the head word in the sentence, -1 for root."""

    i: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    ner: str = "O"

    def feat(self, name: str) -> str | None:
        for kv in self.feats.split("|") if self.feats else ():
            k, _, v = kv.partition("=")
            if k == name:
                return v
        return None

    def to_row(self) -> list:
        return [self.text, self.lemma, self.upos, self.xpos, self.feats, self.head, self.deprel,
                self.start, self.end, self.ner]


@dataclass
class Sentence:
    """A sentence: its words, their tree, and its character range."""

    index: int
    words: list[Word]
    start: int
    end: int
    _children: list[list[int]] | None = field(default=None, repr=False)

    @property
    def children(self) -> list[list[int]]:
        """``children[i]`` lists the indices of word i's dependents, in order."""
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.words]
            for w in self.words:
                if w.head >= 0:
                    kids[w.head].append(w.i)
            self._children = kids
        return self._children

    def kids(self, i: int, *deprels: str) -> list[Word]:
        """Dependents of word i, optionally only those whose relation (or its base) is listed."""
        out = []
        for k in self.children[i]:
            w = self.words[k]
            if not deprels or w.deprel in deprels or w.deprel.split(":")[0] in deprels:
                out.append(w)
        return out

    def subtree(self, i: int, exclude: Iterable[int] = ()) -> list[int]:
        """Indices of word i and all its descendants (minus the subtrees rooted at *exclude*)."""
        banned = set(exclude)
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            if k in banned:
                continue
            out.append(k)
            stack.extend(self.children[k])
        out.sort()
        return out

    def ancestors(self, i: int) -> Iterator[Word]:
        seen = 0
        k = self.words[i].head
        while k >= 0 and seen < len(self.words):
            yield self.words[k]
            k = self.words[k].head
            seen += 1


@dataclass
class Doc:
    """A parsed article."""

    text: str
    sentences: list[Sentence]
    has_ner: bool = False

    def to_json(self) -> dict:
        return {"v": CACHE_VERSION, "ner": self.has_ner,
                "sentences": [[w.to_row() for w in s.words] for s in self.sentences]}

    @classmethod
    def from_json(cls, text: str, data: dict) -> "Doc":
        sents = []
        for k, rows in enumerate(data["sentences"]):
            words = [Word(i, *row) for i, row in enumerate(rows)]
            sents.append(Sentence(k, words, words[0].start if words else 0,
                                  words[-1].end if words else 0))
        return cls(text, sents, data.get("ner", False))


def _from_stanza(text: str, sdoc, has_ner: bool) -> Doc:
    sents = []
    for k, s in enumerate(sdoc.sentences):
        words = []
        for tok in s.tokens:
            ner = getattr(tok, "ner", None) or "O"
            for w in tok.words:
                start = w.start_char if w.start_char is not None else tok.start_char
                end = w.end_char if w.end_char is not None else tok.end_char
                words.append(Word(w.id - 1, w.text, w.lemma or w.text, w.upos or "X", w.xpos or "_",
                                  w.feats or "", (w.head or 0) - 1, w.deprel or "dep", start, end,
                                  ner))
        if words:
            sents.append(Sentence(len(sents), words, words[0].start, words[-1].end))
    return Doc(text, sents, has_ner)


def _return_freed_memory() -> None:
    """Hand freed heap back to the system, where the C library can (glibc's ``malloc_trim``;
    elsewhere nothing): after loading (checkpoint buffers, ~35 MB with the mini model) and after
    each parse call (its tensors and Stanza objects: a worker otherwise stayed ~100 MB above its
    model's size after the first long articles)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


class Parser:
    """A loaded Stanza pipeline plus an optional on-disk parse cache.

    Load one per process: loading takes seconds, parsing is then batched.
    """

    def __init__(self, model_dir: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
                 lang: str = "en", use_ner: bool | None = None, batch_size: int = 3000,
                 engine: str | None = None, device: str | None = None, threads: int | None = None):
        """*threads*: torch threads while parsing (default: :func:`parse_threads`, chosen at
        each call from the cores free). *engine*: ``exact`` (claimtrack's faster path, Stanza's output; the default),
        ``stock`` (plain Stanza) or ``int8`` (exact plus dynamic int8 quantisation: faster, may
        change a few arcs; cached separately). *device*: ``auto`` (CUDA when torch sees it),
        ``cpu`` or ``cuda``. Unset, they come from ``$CLAIMTRACK_ENGINE`` and
        ``$CLAIMTRACK_DEVICE`` (the CLI's ``--fast``/``--device`` set these, so batch workers
        inherit them)."""
        engine = engine or os.environ.get(ENGINE_VAR) or "exact"
        device = device or os.environ.get(DEVICE_VAR) or "auto"
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        if device not in DEVICES:
            raise ValueError(f"device must be one of {', '.join(DEVICES)}, not {device!r}")
        self.info: ModelInfo = inspect_model_dir(resolve_model_dir(model_dir), lang)
        procs = list(self.info.processors)
        if use_ner is False and "ner" in procs:
            procs.remove("ner")
        self.processors = tuple(procs)
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.batch_size = batch_size
        self.engine = engine
        self.device = device
        self.resolved_device: str | None = None  # cpu or cuda, once the models are loaded
        self.fast_status = None
        self.threads = threads
        self._nlp = None
        self._window: CpuWindow | None = None  # other processes' CPU use since the last look

    @property
    def has_ner(self) -> bool:
        return "ner" in self.processors

    @property
    def nlp(self):
        if self._nlp is None:
            from ..io import feedback

            self._window = CpuWindow()  # the load's seconds tell how busy the machine is
            with feedback.status(f"loading Stanza models from {self.info.path} …"):
                self._nlp = self._load()
        return self._nlp

    def _load(self):
        import logging

        try:
            import stanza
        except ImportError as exc:  # pragma: no cover - stanza is a hard dependency
            raise ModelError(f"stanza is not installed ({exc})") from None
        # CRITICAL: a load failure becomes our one ModelError line, not also a stanza log line
        logging.getLogger("stanza").setLevel(logging.CRITICAL)
        from .fastparse import inference_load

        self.resolved_device = torch_device(self.device)
        try:
            with inference_load() if self.engine != "stock" else nullcontext():
                nlp = self._pipeline(stanza)
        except ModelError:
            raise
        except Exception as exc:  # stanza raises many types for a broken model; all are fatal here
            raise ModelError(f"could not load the Stanza models in {self.info.path}: "
                             f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                             ) from None
        if self.engine != "stock":
            from . import fastparse

            self.fast_status = fastparse.install(nlp, quantize=self.engine == "int8",
                                                 device=self.resolved_device)
        _return_freed_memory()
        return nlp

    def _pipeline(self, stanza):
        """The Stanza pipeline for this model directory, processors, batch sizes and device."""
        return stanza.Pipeline(self.info.lang, dir=str(self.info.path), download_method=None,
                               processors=",".join(self.processors), logging_level="CRITICAL",
                               tokenize_batch_size=64, depparse_batch_size=self.batch_size,
                               pos_batch_size=self.batch_size, lemma_batch_size=self.batch_size,
                               device=self.resolved_device or torch_device(self.device))

    # -- cache ---------------------------------------------------------------
    def cache_key(self, text: str) -> str:
        h = hashlib.sha256()
        # exact and stock parses are the same parse; int8 ones may differ, so they key apart
        variant = "|int8" if self.engine == "int8" else ""
        h.update(f"{CACHE_VERSION}|{self.info.fingerprint}|{','.join(self.processors)}{variant}|"
                 .encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _cache_path(self, key: str) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / key[:2] / f"{key}.json.gz"

    def _cache_get(self, text: str) -> Doc | None:
        if self.cache_dir is None:
            return None
        path = self._cache_path(self.cache_key(text))
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return Doc.from_json(text, json.load(fh))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _cache_put(self, text: str, doc: Doc) -> None:
        if self.cache_dir is None:
            return
        path = self._cache_path(self.cache_key(text))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1,
                                                           mtime=0) as fh:
                fh.write(json.dumps(doc.to_json(), separators=(",", ":")).encode("utf-8"))
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    # -- parsing -------------------------------------------------------------
    def parse(self, text: str) -> Doc:
        """Parse one text."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[Doc]:
        """Parse several texts, using the cache where it has them and one Stanza call per
        :data:`PARSE_CHUNK` of the rest. On a terminal a progress bar counts all *texts* (cached
        ones at once) and the model's loading shows in its label."""
        from ..io import feedback

        out: list[Doc | None] = [self._cache_get(t) for t in texts]
        todo = [k for k, d in enumerate(out) if d is None]
        with feedback.bar(len(texts)) as advance:
            advance(len(texts) - len(todo))
            if todo:
                self.nlp  # loaded first: the load is the window free cores are read over
                with torch_threads(self._threads()):
                    self._parse_into(out, texts, todo, advance)
        return out  # type: ignore[return-value]

    def _threads(self) -> int:
        if self.threads:
            return self.threads
        n = parse_threads(self._window)
        self._window = CpuWindow()
        return n

    def _parse_into(self, out: list, texts: Sequence[str], todo: list[int], advance) -> None:
        """Parse ``texts[k]`` for k in *todo* into ``out[k]``, :func:`parse_chunk` per call."""
        import stanza

        nlp = self.nlp
        chunk = parse_chunk(self.resolved_device or "cpu")
        for c in range(0, len(todo), chunk):
            part = todo[c:c + chunk]
            parsed = nlp([stanza.Document([], text=texts[k]) for k in part])
            for k, sdoc in zip(part, parsed):
                doc = _from_stanza(texts[k], sdoc, self.has_ner)
                self._cache_put(texts[k], doc)
                out[k] = doc
            del parsed
            _return_freed_memory()  # a parse's buffers, or the heap stays at its high-water mark
            advance(len(part))


# -- CoNLL-U -------------------------------------------------------------------

def _conllu_blocks(data: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in data.splitlines():
        if not line.strip():
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def doc_from_conllu(data: str, limit: int | None = None) -> Doc:
    """Read CoNLL-U (gold trees) into a :class:`Doc`, rebuilding the text and its offsets.

    Sentences are joined with a space, paragraphs (``# newpar``) with a blank line.
    """
    parts: list[str] = []
    sents: list[Sentence] = []
    pos = 0
    for block in _conllu_blocks(data):
        if limit is not None and len(sents) >= limit:
            break
        if sents:
            sep = "\n\n" if any(line.startswith("# newpar") for line in block) else " "
            parts.append(sep)
            pos += len(sep)
        words: list[Word] = []
        mwt_end = -1
        mwt_space = True
        for line in block:
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                continue
            tid, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = cols
            space = "SpaceAfter=No" not in misc
            if "-" in tid:  # multi-word token: the surface form carries the offsets
                a, b = (int(x) for x in tid.split("-"))
                mwt_end = b
                mwt_start_pos = pos
                parts.append(form)
                pos += len(form)
                mwt_pos = (mwt_start_pos, pos)
                mwt_space = space
                continue
            if "." in tid:
                continue
            n = int(tid)
            if n <= mwt_end:
                start, end = mwt_pos
                if n == mwt_end and mwt_space:
                    parts.append(" ")
                    pos += 1
            else:
                start = pos
                parts.append(form)
                pos += len(form)
                end = pos
                if space:
                    parts.append(" ")
                    pos += 1
            words.append(Word(n - 1, form, lemma if lemma != "_" else form, upos, xpos,
                              "" if feats == "_" else feats, int(head) - 1, deprel, start, end))
        # drop the trailing space of the sentence
        if parts and parts[-1] == " ":
            parts.pop()
            pos -= 1
        if words:
            sents.append(Sentence(len(sents), words, words[0].start, words[-1].end))
    return Doc("".join(parts), sents)
