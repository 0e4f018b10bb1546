"""Hypothesis strategies for rrnkit documents: valid ones, as objects or JSON, and near misses.

Install with the ``testing`` extra (it brings Hypothesis); ``import rrnkit``
never imports this package. Every strategy reads the model's field types and
declared constraints, so a field added to the model is generated without
changes here::

    from hypothesis import given
    from rrnkit.convert import dump, load
    from rrnkit.strategies import documents

    @given(documents("incident"))
    def test_round_trip(doc):
        assert load(dump(doc)) == doc
"""

from __future__ import annotations

from rrnkit.strategies._documents import document_data, documents
from rrnkit.strategies._near_misses import BREAKS, SCHEMA_BLIND, NearMiss, near_misses

__all__ = [
    "BREAKS",
    "SCHEMA_BLIND",
    "NearMiss",
    "document_data",
    "documents",
    "near_misses",
]
