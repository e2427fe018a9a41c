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
    later = {"sources", "claims", "graph", "export", "store", "batch", "evaluate", "desk", "cli", "api"}
    for path in sorted((PACKAGE / "extract").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                assert (node.module or "").split(".")[0] not in later, f"{path.name} imports {node.module}"


# -- the packages and the arrows between them -------------------------------------------------

#: the stages, bottom up: a module may import its own package and any package of a lower or
#: equal rank, never a later one (the utilities - errors, types, resources, io - are the floor)
RANK = {"errors": 0, "types": 0, "resources": 0, "io": 0, "learn": 0, "check": 1, "parse": 1, "extract": 2, "sources": 3,
        "claims": 4, "api": 5, "graph": 5, "export": 6, "batch": 7, "store": 8, "evaluate": 8,
        "desk": 9, "cli": 10}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Each claimtrack module → the claimtrack modules it imports (at the top or in a function)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - max(node.level - 1, 0)]
                target = ".".join(base + [node.module]) if node.level and node.module else \
                    ".".join(base) if node.level else node.module or ""
                for alias in node.names:  # "from . import feedback" imports the module feedback
                    deps.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
        # the package face (version, lazy names) is not a stage
        graph[name] = {d for d in deps if d in modules and d != "claimtrack" and d != name}
    return graph


def test_no_import_cycle():
    graph, state, cycles = _import_graph(), {}, []

    def visit(node, path):
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(" -> ".join(path[path.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, path + [dep])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles: " + "; ".join(cycles)


def test_at_most_eight_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top
    assert all((PACKAGE / d / "__init__.py").exists() for d in RANK if not (PACKAGE / f"{d}.py").exists())


def test_every_package_face_says_what_it_offers():
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.parent.name}/__init__.py has no docstring"
        if init.parent.name != "desk":  # the desk is an app, not a library face
            assert any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
                       for n in tree.body), f"{init.parent.name}/__init__.py has no __all__"


def test_arrows_only_point_down_the_stages():
    wrong = []
    for name, deps in _import_graph().items():
        stage = name.split(".")[1] if "." in name else None
        if stage is None:
            continue
        for dep in deps:
            to = dep.split(".")[1]
            if to != stage and RANK[to] > RANK[stage]:
                wrong.append(f"{name} -> {dep}")
    assert not wrong, "imports against the flow: " + "; ".join(sorted(wrong))


def test_the_desk_imports_neither_the_cli_nor_batch():
    for name, deps in _import_graph().items():
        if name.startswith("claimtrack.desk"):
            assert not {d.split(".")[1] for d in deps} & {"cli", "batch"}, (name, deps)
