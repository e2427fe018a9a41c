"""House rules a reviewer would otherwise check by hand: short functions, one-way imports."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "claimtrack"


def _functions():
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield path.relative_to(PACKAGE.parent), node


def test_no_function_is_longer_than_a_screen():
    long = [f"{path}:{fn.lineno} {fn.name} ({fn.end_lineno - fn.lineno + 1} lines)"
            for path, fn in _functions() if fn.end_lineno - fn.lineno + 1 > 80]
    assert not long, "functions over 80 lines: " + "; ".join(long)


def test_the_extractor_never_imports_later_stages():
    """Data flows one way: extraction reads the parse and the lexicon, never sources or claims."""
    later = {"sources", "claims", "graph", "export", "store", "track", "batch", "cli", "api"}
    for path in sorted((PACKAGE / "extract").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                assert (node.module or "").split(".")[0] not in later, f"{path.name} imports {node.module}"
