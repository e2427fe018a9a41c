"""Reading articles: bytes → checked text, or a one-line :class:`InputError` saying why not.

>>> decode_bytes("Caf\\xe9 owners said it was fine.".encode("cp1252"), "x.txt")
'Café owners said it was fine.'
>>> check_text("   ", "empty.txt")
Traceback (most recent call last):
...
claimtrack.errors.InputError: empty.txt: the article is empty
"""
from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_CHARS = 2_000_000
_HTML = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
_TAG = re.compile(r"<(p|div|span|a|br|script|style|article|h[1-6])[\s>/]", re.I)


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
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary data, not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text


def looks_like_html(text: str) -> bool:
    return bool(_HTML.match(text)) or len(_TAG.findall(text[:5000])) >= 5


def check_text(text: str, name: str = "input", max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Refuse text that is not an analysable article; return it unchanged otherwise."""
    if not text.strip():
        raise InputError(f"{name}: the article is empty")
    if len(text) > max_chars:
        raise InputError(f"{name}: {len(text):,} characters is over the limit of {max_chars:,} "
                         f"(raise it with --max-chars)")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(5, len(sample) // 100):
        raise InputError(f"{name}: binary data, not a text article")
    if looks_like_html(text):
        raise InputError(f"{name}: looks like HTML; give the article as plain text")
    return text


def read_article(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Read and check one article file ('-' is standard input)."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise InputError(f"{name}: is a directory")
            size = p.stat().st_size
            if size > max_chars * 4:
                raise InputError(f"{name}: {size:,} bytes is over the limit of {max_chars:,} "
                                 f"characters (raise it with --max-chars)")
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except PermissionError:
            raise InputError(f"{name}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory") from None
    return check_text(decode_bytes(data, name), name, max_chars)
