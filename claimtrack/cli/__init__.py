"""The command line: thin click commands over the API.

Modules: ``commands`` (the ``claimtrack`` group and the article commands), ``options`` (the parsing
options every command shares), ``store`` (``track`` and ``claims``), ``serve`` (the desk),
``render`` (the terminal tables).
"""
from __future__ import annotations

from .commands import main

__all__ = ["main"]
