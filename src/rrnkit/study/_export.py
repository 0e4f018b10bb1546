"""Study results as CSV: one row a group, numerators and denominators beside each value."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

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
