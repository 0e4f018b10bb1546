"""Study results as CSV: one row a group, numerators and denominators beside each value.

Each CSV has a Frictionless Table Schema (:func:`rates_schema`,
:func:`durations_schema`, :func:`compliance_schema`) that the command line
writes beside it (``rates.schema.json`` for ``rates.csv``): dimension values
and measure ids are text, counts integers, values numbers, dates dates.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from rrnkit._internal import table_schema as _frictionless
from rrnkit._internal.paths import StrPath, as_path
from rrnkit._internal.writing import CsvWriter, atomic_text, replace_surrogates
from rrnkit.problems import printable
from rrnkit.study._compliance import ComplianceCount
from rrnkit.study._measures import DurationSummary, Rate

Cell = str | int | float | None


def _number(value: float | None, digits: int = 6) -> str:
    """Write a figure for CSV: blank when undefined, else rounded without a trailing zero run."""
    if value is None:
        return ""
    return f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")


def _text(cells: Sequence[Cell]) -> list[str]:
    out = []
    for cell in cells:
        if cell is None:
            out.append("")
        elif isinstance(cell, float):
            out.append(_number(cell))
        else:
            out.append(printable(str(cell)))
    return out


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]], raw: bool) -> str:
    """Write CSV text; text cells (never numbers) are neutralised unless ``raw``."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer, raw=raw, lineterminator="\n")
    writer.writeheader(header)
    for row in rows:
        writer.writerow(_text(row), text=[isinstance(cell, str) for cell in row])
    return buffer.getvalue()


def rates_csv(rates: Iterable[Rate], by: Sequence[str], *, raw: bool = False) -> str:
    """Write rate rows as CSV text: measure, one column per dimension, then the figures.

    Undefined values and denominators are blank cells, never 0. A text cell
    beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
    quoted with a ``'`` before it (OWASP CSV injection) unless ``raw``;
    numbers never are.
    """
    header = ["measure", *by, "numerator", "denominator", "value", "per", "unknown"]
    return _csv(
        header,
        (
            [
                r.measure,
                *(dict(r.group)[name] for name in by),
                r.numerator,
                r.denominator,
                r.value,
                r.per,
                r.unknown,
            ]
            for r in rates
        ),
        raw,
    )


def durations_csv(
    durations: Iterable[DurationSummary], by: Sequence[str], *, raw: bool = False
) -> str:
    """Write duration rows as CSV text: measure, one column per dimension, then the figures.

    Text cells are neutralised as in :func:`rates_csv` unless ``raw``.
    """
    header = [
        "measure",
        *by,
        "count",
        "unknown_end",
        "total_minutes",
        "mean_minutes",
        "median_minutes",
    ]
    return _csv(
        header,
        (
            [
                d.measure,
                *(dict(d.group)[name] for name in by),
                d.count,
                d.unknown_end,
                d.total_minutes,
                d.mean_minutes,
                d.median_minutes,
            ]
            for d in durations
        ),
        raw,
    )


def compliance_csv(counts: Iterable[ComplianceCount], *, raw: bool = False) -> str:
    """Write compliance counts as CSV text, one row a period and group.

    Text cells are neutralised as in :func:`rates_csv` unless ``raw``.
    """
    header = [
        "period_start",
        "as_of",
        "group",
        "met",
        "not_met",
        "not_applicable",
        "insufficient_evidence",
        "error",
        "met_share",
    ]
    return _csv(
        header,
        (
            [
                c.period.start.isoformat(),
                c.as_of.isoformat(),
                c.group,
                c.met,
                c.not_met,
                c.not_applicable,
                c.insufficient_evidence,
                c.error,
                c.met_share,
            ]
            for c in counts
        ),
        raw,
    )


def write_text(path: StrPath, text: str) -> None:
    """Write UTF-8 text with newline line endings (the same bytes on every platform).

    ``path`` is a ``str`` or ``os.PathLike[str]`` (:data:`rrnkit.io.StrPath`);
    ``bytes`` raises :class:`TypeError`. The file is written atomically (a
    temporary file beside it is renamed into place); a lone surrogate is
    written as U+FFFD.
    """
    with atomic_text(as_path(path), newline="\n") as handle:
        handle.write(replace_surrogates(text))


def _text_field(name: str, description: str, required: bool = True) -> dict[str, Any]:
    return _frictionless.field(name, "string", description=description, required=required)


def _count(name: str, description: str, required: bool = True) -> dict[str, Any]:
    return _frictionless.field(name, "integer", description=description, required=required)


def _figure(name: str, description: str) -> dict[str, Any]:
    return _frictionless.field(name, "number", description=description)


def _dimensions(by: Sequence[str]) -> list[dict[str, Any]]:
    return [_text_field(name, f"The group's {name} (a label).") for name in by]


def rates_schema(by: Sequence[str], *, raw: bool = False) -> dict[str, Any]:
    """Return the Table Schema of :func:`rates_csv` (``raw`` as it was written)."""
    fields = [
        _text_field("measure", "The measure id."),
        *_dimensions(by),
        _count("numerator", "What was counted."),
        _count("denominator", "What it is counted over; missing when not defined.", False),
        _figure("value", "numerator / denominator * per; missing when not defined."),
        _count("per", "1 for a share; 1000 for a rate per 1,000 occupied bed days."),
        _count("unknown", "Records left out because what the measure needs is missing."),
    ]
    return _frictionless.schema(fields, neutralised=not raw)


def durations_schema(by: Sequence[str], *, raw: bool = False) -> dict[str, Any]:
    """Return the Table Schema of :func:`durations_csv` (``raw`` as it was written)."""
    fields = [
        _text_field("measure", "The measure id."),
        *_dimensions(by),
        _count("count", "Episodes with a recorded end."),
        _count("unknown_end", "Episodes without a recorded end."),
        _count("total_minutes", "Sum of the durations, in whole minutes."),
        _figure("mean_minutes", "Mean duration; missing when no episode has an end."),
        _figure("median_minutes", "Median duration; missing when no episode has an end."),
    ]
    return _frictionless.schema(fields, neutralised=not raw)


def compliance_schema(*, raw: bool = False) -> dict[str, Any]:
    """Return the Table Schema of :func:`compliance_csv` (``raw`` as it was written)."""
    day = "date"
    fields = [
        _frictionless.field("period_start", day, description="The period's first day.",
                            required=True),
        _frictionless.field("as_of", day, description="The period's last day, the evidence "
                            "was judged at.", required=True),
        _text_field("group", "A framework id or a rule pack id."),
        *(
            _count(name, f"Results {name.replace('_', ' ')}.")
            for name in ("met", "not_met", "not_applicable", "insufficient_evidence", "error")
        ),
        _figure("met_share", "Met over met, not met and errors; missing when none judged."),
    ]  # fmt: skip
    return _frictionless.schema(fields, neutralised=not raw)


def write_schema(csv_path: StrPath, schema: dict[str, Any]) -> None:
    """Write ``schema`` beside the CSV file at ``csv_path`` (``x.csv``: ``x.schema.json``)."""
    _frictionless.write_schema(as_path(csv_path), schema)
