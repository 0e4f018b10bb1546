"""Reports: the value every run returns, and its renderers."""

from rrnkit.report._report import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    UNMET,
    FailOn,
    InputFile,
    Report,
    evaluate,
    tally,
)

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "UNMET",
    "FailOn",
    "InputFile",
    "Report",
    "evaluate",
    "tally",
]
