"""Learned decisions as data: tree ensembles trained with LightGBM and stored as JSON.

>>> from claimtrack.learn import Forest, ForestFileError
"""
from .forest import FORMAT, Forest, ForestFileError, Tree

__all__ = ["FORMAT", "Forest", "ForestFileError", "Tree"]
