"""What the data-frame extras' property tests draw: documents, and a table made from them."""

from __future__ import annotations

from hypothesis import strategies as st

from rrnkit.strategies import documents
from rrnkit.tabular import TABLES

DOCUMENT_TABLES = [name for name, spec in TABLES.items() if spec.source != "report"]
"""The tables made from documents (not from a report)."""

TABLE_DOCUMENTS = st.lists(
    st.one_of(documents("incident"), documents("training-event")), max_size=3
)
"""A few incidents and training events, the documents those tables read."""
