"""Reports: the value every run returns, and its renderers."""

from rrnkit.report._json import report_from_json, report_to_json, result_json
from rrnkit.report._notes import pseudonymised_note
from rrnkit.report._render import (
    FORMATS,
    HTML_MAX_LISTED,
    outcomes_to_keep,
    render,
    write_report,
)
from rrnkit.report._report import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    LISTED,
    UNMET,
    FailOn,
    InputFile,
    Report,
    RuleSummary,
    count_fields,
    evaluate,
    summarise,
    tally,
)
from rrnkit.report._sarif import SARIF_VERSION, report_to_sarif
from rrnkit.report._schema import (
    REPORT_FORMAT,
    REPORT_SCHEMA_ID,
    render_report_schema,
    report_schema,
)
from rrnkit.report._text import render_text

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "FORMATS",
    "HTML_MAX_LISTED",
    "LISTED",
    "REPORT_FORMAT",
    "REPORT_SCHEMA_ID",
    "SARIF_VERSION",
    "UNMET",
    "FailOn",
    "InputFile",
    "Report",
    "RuleSummary",
    "count_fields",
    "evaluate",
    "outcomes_to_keep",
    "pseudonymised_note",
    "render",
    "render_report_schema",
    "render_text",
    "report_from_json",
    "report_schema",
    "report_to_json",
    "report_to_sarif",
    "result_json",
    "summarise",
    "tally",
    "write_report",
]
