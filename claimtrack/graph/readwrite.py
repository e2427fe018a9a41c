"""Graph writers (and readers for the formats that can be read back), one pair per format.

GraphML and GEXF use networkx's own writers; node-link JSON is ``nx.node_link_data``;
DOT is written here (no pydot/pygraphviz dependency); CSV is the edge table.

>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", key="k", relation="part_of")
>>> path = os.path.join(tempfile.mkdtemp(), "g.json")
>>> write_graph(G, path)
'json'
>>> sorted(read_graph(path).edges(keys=True))
[('a', 'b', 'k')]
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO

import networkx as nx

from ..io.csvout import write_csv
from ..io.outputs import open_output
from ..io.safetext import visible

FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".dot": "dot", ".gv": "dot",
           ".csv": "csv"}


def format_for(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The format named by *fmt*, else by the file extension."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt in ("node-link", "nodelink"):
            fmt = "json"
        if fmt not in set(FORMATS.values()):
            raise ValueError(f"unknown graph format {fmt!r} (known: graphml, gexf, json, dot, csv)")
        return fmt
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise ValueError(f"cannot tell the graph format from {str(path)!r}: use one of "
                         f"{', '.join(sorted(FORMATS))} or --format")
    return FORMATS[ext]


def write_node_link(G: nx.MultiDiGraph, out: IO[str]) -> None:
    json.dump(nx.node_link_data(G, edges="edges"), out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_node_link(path: str | os.PathLike) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as fh:
        return nx.node_link_graph(json.load(fh), directed=True, multigraph=True, edges="edges")


def _dot_id(s) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_dot(G: nx.MultiDiGraph, out: IO[str]) -> None:
    """Graphviz DOT; every attribute kept, ``label`` shown."""
    out.write("digraph claimtrack {\n  rankdir=LR;\n")
    shapes = {"article": "note", "source": "box", "claim": "ellipse"}
    for n, d in G.nodes(data=True):
        attrs = {**d, "shape": shapes.get(d.get("kind", ""), "ellipse")}
        out.write(f"  {_dot_id(n)} [" + ", ".join(f"{k}={_dot_id(v)}" for k, v in attrs.items()) + "];\n")
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {"label": d.get("relation", ""), **{x: y for x, y in d.items() if x != "label"}}
        out.write(f"  {_dot_id(u)} -> {_dot_id(v)} [key={_dot_id(k)}, "
                  + ", ".join(f"{x}={_dot_id(y)}" for x, y in attrs.items()) + "];\n")
    out.write("}\n")


EDGE_FIELDS = ["from", "to", "key", "relation", "kind", "from_label", "to_label"]


def write_edge_csv(G: nx.MultiDiGraph, out: IO[str]) -> None:
    """One row per edge: endpoints, key, relation, labels, then every other attribute."""
    extra = sorted({k for _, _, d in G.edges(data=True) for k in d} - set(EDGE_FIELDS))
    rows = ({"from": u, "to": v, "key": k, "from_label": G.nodes[u].get("label", ""),
             "to_label": G.nodes[v].get("label", ""), **d}
            for u, v, k, d in G.edges(keys=True, data=True))
    write_csv(out, EDGE_FIELDS + extra, rows)


def _xml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of *G* whose strings XML 1.0 can hold: article text may carry control characters
    (form feeds, ESC…), which lxml refuses; each becomes one visible stand-in."""
    def safe(v):
        return visible(v) if isinstance(v, str) else v

    H = nx.MultiDiGraph()
    H.graph.update({k: safe(v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        H.add_node(safe(n), **{k: safe(v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(safe(u), safe(v), key=safe(k), **{x: safe(y) for x, y in d.items()})
    return H


#: attribute names that networkx's GEXF writer takes for GEXF's own fields (an edge's ``type`` is
#: its direction, ``id`` its XML id; a node's ``key`` becomes ``networkx_key``): written under
#: these names and renamed back by :func:`read_graph`, so a GEXF round trip keeps every attribute
GEXF_RENAMES = {"node": {"key": "source_key"}, "edge": {"type": "attribution_type", "id": "edge_id"}}
GEXF_EDGE_KEY = "edge_key"   # GEXF has no edge keys: the key travels as an attribute


def _gexf_out(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of *G* with the GEXF-reserved attribute names renamed and edge keys as attributes."""
    nodes, edges = GEXF_RENAMES["node"], GEXF_RENAMES["edge"]
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n, d in G.nodes(data=True):
        H.add_node(n, **{nodes.get(k, k): v for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{edges.get(x, x): y for x, y in d.items()}, **{GEXF_EDGE_KEY: str(k)})
    return H


def _gexf_in(H: nx.Graph) -> nx.MultiDiGraph:
    """Undo :func:`_gexf_out` on a graph read by ``nx.read_gexf``."""
    nodes = {v: k for k, v in GEXF_RENAMES["node"].items()}
    edges = {v: k for k, v in GEXF_RENAMES["edge"].items()}
    G = nx.MultiDiGraph()
    G.graph.update(H.graph)
    for n, d in H.nodes(data=True):
        G.add_node(n, **{nodes.get(k, k): v for k, v in d.items()})
    triples = H.edges(keys=True, data=True) if H.is_multigraph() else \
        ((u, v, None, d) for u, v, d in H.edges(data=True))
    for u, v, k, d in triples:
        d = {x: y for x, y in d.items() if x != "id"}   # the XML id the reader adds
        key = d.pop(GEXF_EDGE_KEY, k)
        G.add_edge(u, v, key=key, **{edges.get(x, x): y for x, y in d.items()})
    return G


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike, fmt: str | None = None) -> str:
    """Write *G* to *path* in the format given or implied by the extension; returns the format.

    The file is written whole or not at all (:func:`claimtrack.io.outputs.open_output`)."""
    fmt = format_for(path, fmt)
    if fmt in ("graphml", "gexf"):
        with open_output(path, "wb") as fh:
            if fmt == "graphml":
                nx.write_graphml(_xml_safe(G), fh)
            else:
                nx.write_gexf(_gexf_out(_xml_safe(G)), fh)
    else:
        with open_output(path, "w", newline="") as fh:
            {"json": write_node_link, "dot": write_dot, "csv": write_edge_csv}[fmt](G, fh)
    return fmt


def read_graph(path: str | os.PathLike, fmt: str | None = None) -> nx.MultiDiGraph:
    """Read back a GraphML, GEXF or node-link JSON graph written by :func:`write_graph`.

    GraphML needs ``nx.read_graphml(path, force_multigraph=True)`` (without it, a graph with no
    parallel edges comes back as a DiGraph that has lost its edge keys); GEXF gets its renamed
    attributes and edge keys back (:data:`GEXF_RENAMES`)."""
    fmt = format_for(path, fmt)
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return _gexf_in(nx.read_gexf(path))
    if fmt == "json":
        return read_node_link(path)
    raise ValueError(f"cannot read {fmt} back into a graph")
