"""Reading articles: bytes → checked text, or a one-line :class:`InputError` saying why not.

Gzipped files (``page.html.gz``, or any input starting with gzip's magic bytes) are
decompressed incrementally, stopping at the size limit (:func:`gunzip`), so a gzip bomb is
one line, never memory. Plain text is decoded (UTF-8, UTF-16/32 with a BOM, UTF-16 without one, else cp1252/latin-1);
HTML pages go through trafilatura, which keeps the article body and its title, date and URL
(:func:`extract_html`); the language is checked with py3langid (:func:`check_language`).
Offsets in every result refer to the text that was analysed: for HTML, the extracted text,
which is kept in ``Analysis.meta["text"]``.

>>> decode_bytes("Caf\\xe9 owners said it was fine.".encode("cp1252"), "x.txt")
'Café owners said it was fine.'
>>> check_text("   ", "empty.txt")
Traceback (most recent call last):
...
claimtrack.errors.InputError: empty.txt: the article is empty
"""
from __future__ import annotations

import codecs
import gzip
import io
import zlib
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from ..errors import InputError
from .safetext import drop_unsafe_url, web_url

DEFAULT_MAX_CHARS = 2_000_000
#: an HTML page may be this many times larger than --max-chars (markup is not article text)
HTML_MARKUP_FACTOR = 10
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"
#: read and decompress gzip in pieces of this size
_GZIP_CHUNK = 1 << 16
#: sentences longer than this are refused: the parser's time and memory grow fast with length
#: (a 500-word sentence takes Stanza ~10-40 s; 2,000 words can exhaust memory)
MAX_SENTENCE_WORDS = 400
_SENT_BREAK = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+|\n")
#: the language check needs this many letters before it trusts its answer
MIN_LETTERS_FOR_LANGUAGE = 40
#: an HTML page's text needs one paragraph this long to count as an article
MIN_PARAGRAPH_WORDS = 5
#: and refuses only when it is at least this sure that the text is not in the expected language
LANGUAGE_CONFIDENCE = 0.95
_HTML = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_TAG = re.compile(r"<(p|div|span|a|br|script|style|article|h[1-6])[\s>/]", re.I)


def article_suffix(path: str | os.PathLike) -> str:
    """The extension that says what a file holds, under a ``.gz``: lower case, '' when none.

    >>> article_suffix("Page.HTML.gz"), article_suffix("a.txt"), article_suffix("a.gz")
    ('.html', '.txt', '')
    """
    p = Path(os.fspath(path))
    if p.suffix.lower() == GZIP_SUFFIX:
        p = p.with_suffix("")
    return p.suffix.lower()


def article_stem(path: str | os.PathLike) -> str:
    """A file's name without its extension and without a ``.gz`` around it (the article's id).

    >>> article_stem("pages/port_strike.html.gz"), article_stem("a.txt")
    ('port_strike', 'a')
    """
    p = Path(os.fspath(path))
    if p.suffix.lower() == GZIP_SUFFIX:
        p = p.with_suffix("")
    return p.stem


def gunzip(data: bytes, limit: int, name: str = "input", max_chars: int = DEFAULT_MAX_CHARS) -> bytes:
    """The decompressed bytes of gzip *data* (several members too), at most *limit* of them.

    Decompression goes piece by piece and stops as soon as the output passes *limit*: a small
    file that would expand to gigabytes (a gzip bomb) is refused without ever being held.
    """
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            while True:
                piece = gz.read(min(_GZIP_CHUNK, limit + 1 - len(out)))
                if not piece:
                    break
                out += piece
                if len(out) > limit:
                    raise InputError(f"{name}: decompresses to more than {limit:,} bytes, over the "
                                     f"limit for {max_chars:,} characters (raise it with --max-chars)")
    except (OSError, EOFError, zlib.error):  # BadGzipFile is an OSError; EOFError: truncated
        raise InputError(f"{name}: not a valid gzip file (corrupt or cut short)") from None
    return bytes(out)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode an article: UTF-8 (with or without BOM), UTF-16/32 with BOM, else cp1252/latin-1."""
    if not data:
        raise InputError(f"{name}: the article is empty")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"{name}: declares {enc.upper()} but is not valid {enc.upper()}") from None
    if data.startswith(GZIP_MAGIC):  # prepare_article gunzips first; say what it is
        raise InputError(f"{name}: gzip-compressed data, not a text article (gunzip it first)")
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{name}: binary data, not a text article")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM: NULs in every other byte of mostly-ASCII text."""
    head = data[:8192]
    if len(data) % 2 or len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def looks_like_html(text: str) -> bool:
    return bool(_HTML.match(text)) or len(_TAG.findall(text[:5000])) >= 5


def check_text(text: str, name: str = "input", max_chars: int = DEFAULT_MAX_CHARS,
               allow_html: bool = False) -> str:
    """Refuse text that is not an analysable article; return it unchanged otherwise.

    HTML is refused unless *allow_html* (callers that can extract it use :func:`prepare_article`).
    """
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    if len(text) > max_chars:
        raise InputError(f"{name}: {len(text):,} characters is over the limit of {max_chars:,} "
                         f"(raise it with --max-chars)")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(5, len(sample) // 100):
        raise InputError(f"{name}: binary data, not a text article")
    if not allow_html and looks_like_html(text):
        raise InputError(f"{name}: looks like HTML; give the article as plain text")
    longest = longest_sentence_words(text)
    if longest > MAX_SENTENCE_WORDS:
        raise InputError(f"{name}: has a sentence of about {longest:,} words, over the limit of "
                         f"{MAX_SENTENCE_WORDS:,} that the parser can handle; split it into sentences")
    return text


@dataclass
class Article:
    """An article ready for analysis: its id, the text to analyse and what the input told about it."""

    id: str
    text: str
    meta: dict = field(default_factory=dict)
    name: str = ""  # where it came from, for messages


def extract_html(html: str, name: str = "input", url: str | None = None) -> tuple[str, dict]:
    """The article text of an HTML page and its title/date/URL, via trafilatura.

    Paragraphs are separated by a blank line so the parser sees them as paragraphs. The
    returned meta holds ``format: "html"``, ``title``, ``date``, ``url`` when the page gives
    them, and ``text``: the extracted text, which every offset of the analysis refers to.
    """
    import trafilatura  # deferred: lxml and friends

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False, favor_recall=True)
    except Exception as exc:  # lxml raises many types on broken pages
        raise InputError(f"{name}: could not read the HTML page ({exc.__class__.__name__})") from None
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    paras = [line.strip() for line in body.splitlines() if line.strip()]
    # a page with only a navigation bar or a footer yields a few link words ("Home"): no article
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in paras):
        raise InputError(f"{name}: no article text found in the HTML page")
    text = "\n\n".join(paras)
    meta: dict = {"format": "html"}
    for key in ("title", "url"):
        value = getattr(doc, key, None)
        if key == "url" and not value:
            value = url
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    date = page_date(html)  # not trafilatura's guess, which may come from "Copyright 2024"
    if date:
        meta["date"] = date
    meta["text"] = text
    return text, meta


#: meta tags that state when a page was published (name, property or itemprop, lower case)
DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
             "publish-date", "publish_date", "publication_date", "dc.date", "dc.date.issued",
             "dcterms.date", "dcterms.created", "dcterms.issued", "og:published_time",
             "sailthru.date", "parsely-pub-date", "article.published", "datecreated")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def _iso_date(value: object) -> str | None:
    """The YYYY-MM-DD date at the start of an ISO 8601 value, if it is a real date."""
    import datetime

    m = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return datetime.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _jsonld_dates(node: object) -> Iterator[object]:
    """Every ``datePublished`` (then ``dateCreated``) in a JSON-LD tree, depth first."""
    if isinstance(node, list):
        for x in node:
            yield from _jsonld_dates(x)
    elif isinstance(node, dict):
        for key in ("datePublished", "dateCreated"):
            if key in node:
                yield node[key]
        for v in node.values():
            if isinstance(v, (dict, list)):
                yield from _jsonld_dates(v)


def page_date(html: str) -> str | None:
    """The publication date a page states in its metadata: meta tags, then JSON-LD, then a
    ``<time datetime>``; never a year guessed from the text (a footer's "Copyright 2024")."""
    import json

    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml raises many types on broken pages; then the page has no date
        return None
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in DATE_META and _iso_date(el.get("content")):
            return _iso_date(el.get("content"))
    for el in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(el.text or "")
        except (ValueError, RecursionError):
            continue
        for value in _jsonld_dates(data):
            if _iso_date(value):
                return _iso_date(value)
    for el in tree.iter("time"):
        if _iso_date(el.get("datetime")):
            return _iso_date(el.get("datetime"))
    return None


_identifier = None


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence (0–1) of *text*'s language, from its first 5,000 characters.

    >>> detect_language("Le ministère a confirmé vendredi que deux citoyens ont été arrêtés.")[0]
    'fr'
    """
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    lang, prob = _identifier.classify(text[:5000])
    return str(lang), float(prob)


LANGUAGE_NAMES = {
    "ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "kk": "Kazakh", "ko": "Korean", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
}


def check_language(text: str, name: str = "input", lang: str | None = None) -> None:
    """Refuse text that is confidently not English, unless the caller chose a language (``--lang``).

    Short texts (under 40 letters) pass: the detector cannot tell them apart reliably.
    """
    if lang:
        return
    if sum(ch.isalpha() for ch in text[:5000]) < MIN_LETTERS_FOR_LANGUAGE:
        return
    found, prob = detect_language(text)
    if found != "en" and prob >= LANGUAGE_CONFIDENCE:
        label = LANGUAGE_NAMES.get(found, found)
        raise InputError(f"{name}: the article looks {label} ({found}), not English; claimtrack "
                         f"analyses English (use --lang {found} with a {label} Stanza model to try anyway)")


def prepare_article(content: bytes | str, name: str = "input", id: str = "article",
                    max_chars: int = DEFAULT_MAX_CHARS, lang: str | None = None,
                    html: bool | None = None, meta: dict | None = None,
                    check_lang: bool = True) -> Article:
    """Bytes or text of one article → a checked :class:`Article`, or an InputError.

    Gzip bytes are decompressed first (:func:`gunzip`), up to 4 bytes a character of
    *max_chars* (ten times that when the content may be HTML).

    *html* True/False forces the reading; None decides from the content. HTML is extracted
    with :func:`extract_html`; the result is checked (:func:`check_text`) and its language
    too (:func:`check_language`, unless *check_lang* is false: the caller will do it).
    """
    if isinstance(content, bytes) and content.startswith(GZIP_MAGIC):
        # bytes only: an HTML page may be HTML_MARKUP_FACTOR times larger than its text
        limit = max_chars * 4 * (1 if html is False else HTML_MARKUP_FACTOR)
        content = gunzip(content, limit, name, max_chars)
    text = decode_bytes(content, name) if isinstance(content, bytes) else content
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    out_meta = dict(meta or {})
    if html is None:
        html = looks_like_html(text)
    if html:
        if len(text) > max_chars * HTML_MARKUP_FACTOR:
            raise InputError(f"{name}: an HTML page of {len(text):,} characters is over the limit of "
                             f"{max_chars * HTML_MARKUP_FACTOR:,} (10 × --max-chars)")
        text, html_meta = extract_html(text, name, url=web_url(out_meta.get("url")))
        out_meta.update(html_meta)
    out_meta = drop_unsafe_url(out_meta, name)  # from a JSONL record or the page's metadata
    check_text(text, name, max_chars, allow_html=bool(html))
    if check_lang:
        check_language(text, name, lang)
    return Article(id, text, out_meta, name)


def longest_sentence_words(text: str) -> int:
    """Words in the longest stretch between sentence ends (. ! ? then space) or line breaks.

    >>> longest_sentence_words("One two. Three four five!\\nSix")
    3
    """
    best = 0
    for piece in _SENT_BREAK.split(text):
        n = len(piece.split())
        if n > best:
            best = n
    return best


def path_name(path: str | os.PathLike) -> str:
    """A file name fit for messages, ids and JSON: bytes the file system name could not decode
    (kept by Python as lone surrogates, which no UTF-8 writer accepts) become U+FFFD.

    >>> path_name(os.fsdecode(b"caf\\xe9.txt"))
    'caf\ufffd.txt'
    """
    return os.fsencode(os.fspath(path)).decode("utf-8", "replace")


def is_special(path: Path) -> bool:
    """A FIFO, device or socket: reading one found in a directory could block forever."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _read_at_most(fh: IO[bytes], limit: int, name: str, max_chars: int) -> bytes:
    """At most *limit* bytes of *fh*: an endless stream (/dev/zero, ``yes |``) is refused, not slurped."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name}: more than {limit:,} bytes, over the limit for {max_chars:,} "
                         f"characters (raise it with --max-chars)")
    return data


def read_bytes(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> bytes:
    """The bytes of one article file ('-' is standard input), refusing files far over the limit.

    A gzipped file comes back as read (compressed): :func:`prepare_article` decompresses it
    under the limit for the decompressed text.

    Only regular files are opened: a FIFO, device or socket could block for ever or never end
    (``/dev/zero``), so it is refused (pipe it in with ``-`` instead: standard input is read up
    to the limit). Reads stop at the limit whatever the file's size says.
    """
    name = path_name(path)
    if str(path) == "-":
        if sys.stdin is None or sys.stdin.closed:
            raise InputError("<stdin>: standard input is closed (give a file, or pipe the article in)")
        return _read_at_most(sys.stdin.buffer, max_chars * 4, "<stdin>", max_chars)
    p = Path(path)
    limit = max_chars * 4 * (HTML_MARKUP_FACTOR if article_suffix(p) in HTML_SUFFIXES else 1)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a directory")
        if p.is_symlink() and not p.exists():
            raise InputError(f"{name}: a broken symbolic link (or a loop of links)")
        if is_special(p):
            raise InputError(f"{name}: not a regular file (a FIFO, device or socket); to read "
                             f"a stream, give '-' and pipe it in")
        size = p.stat().st_size
        if size > limit:
            raise InputError(f"{name}: {size:,} bytes is over the limit for {max_chars:,} "
                             f"characters (raise it with --max-chars)")
        with open(p, "rb") as fh:
            return _read_at_most(fh, limit, name, max_chars)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as exc:  # a socket, a vanished mount, an I/O error
        raise InputError(f"{name}: cannot read ({exc.strerror or exc.__class__.__name__})") from None


def load_article(path: str | Path, id: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 lang: str | None = None) -> Article:
    """Read, decode, extract (HTML) and check one article file ('-' is standard input)."""
    name = "<stdin>" if str(path) == "-" else path_name(path)
    if id is None:
        id = "stdin" if str(path) == "-" else path_name(article_stem(path))
    data = read_bytes(path, max_chars)
    html = True if article_suffix(str(path)) in HTML_SUFFIXES else None
    return prepare_article(data, name, id, max_chars, lang, html=html)

