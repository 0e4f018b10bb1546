"""Reports: the value an evaluation returns, and (later) its renderers."""

from rrnkit.report._report import Report, evaluate

__all__ = ["Report", "evaluate"]
