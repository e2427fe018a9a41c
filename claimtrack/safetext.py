"""Article text is untrusted: control characters never reach a terminal, an XML file or a sheet.

:func:`visible` swaps each control character (ESC, BEL, NUL, form feed, C1 controls…) and each
lone surrogate (from undecodable file names) for one visible stand-in, so the text keeps its
length and every character offset into it stays valid. Tabs and line breaks stay.

>>> visible("red \\x1b[31m alert\\x07")
'red ␛[31m alert␇'
>>> visible("page\\x0cbreak\\nnext")
'page␌break\\nnext'
>>> len(visible("a\\udcffb")) == 3
True
"""
from __future__ import annotations

import re

# C0 controls except tab and line feed, DEL, C1 controls, lone surrogates, and the two
# non-characters XML 1.0 refuses; \r too, since a bare carriage return rewrites a terminal line
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _stand_in(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␟
    return "\u2421" if code == 0x7f else "\ufffd"


def visible(text: str) -> str:
    """*text* with every control character (but tab and newline) replaced by a visible one."""
    return _UNSAFE.sub(_stand_in, text) if _UNSAFE.search(text) else text
