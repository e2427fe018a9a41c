"""Stage 5, analyses → the claim graph (a networkx MultiDiGraph), and its formats.

Modules, as networkx's ``readwrite/``: ``build`` (one article's graph, merging many, the corpus
graph from the store), ``readwrite`` (GraphML, GEXF, node-link JSON, DOT, edge CSV; ``write_graph``
and ``read_graph`` in pairs).
"""
from __future__ import annotations

from .build import GraphMerger, article_node, build_graph, corpus_graph, describe, merge_graphs
from .readwrite import FORMATS, format_for, read_graph, write_graph

__all__ = ["build_graph", "merge_graphs", "GraphMerger", "corpus_graph", "describe", "article_node",
           "write_graph", "read_graph", "format_for", "FORMATS"]
