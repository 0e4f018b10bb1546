"""Optional integrations, each behind its own package extra.

Nothing here is imported by ``import rrnkit``. Each module imports its third-party
library at import time and says which extra to install when it is missing:
``rrnkit.extra.pandas`` (``rrnkit[pandas]``), ``rrnkit.extra.polars``
(``rrnkit[polars]``), ``rrnkit.extra.arrow`` (``rrnkit[arrow]``) and
``rrnkit.extra.dask`` (``rrnkit[dask]``).
"""
