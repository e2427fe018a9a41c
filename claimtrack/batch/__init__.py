"""Many articles, locally or on Dask, resumable and deterministic.

Modules: ``run`` (the run: inputs, engines, manifest, merged graph and tables), ``work`` (the
unit of work both engines share: settings → one Analyzer → outcomes), ``dask_engine``. Names are
imported on first use, so a Dask worker importing ``dask_engine`` never loads ``run``.
"""
from __future__ import annotations

_FACE = {"run_batch": "run", "check_inputs": "run", "iter_items": "run", "make_engine": "run",
         "Item": "run", "GraphMerger": "run", "SourcesTable": "run", "Progress": "run",
         "Settings": "work", "Outcome": "work", "analyze_articles": "work"}

__all__ = sorted(_FACE)


def __getattr__(name: str):
    if name in _FACE:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_FACE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
