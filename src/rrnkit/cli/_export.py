"""``rrnkit export``: documents or rule outcomes as a CSV or Parquet table.

Registered in the command group with ``cli.add_command(export)``.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from rrnkit._internal.words import plural
from rrnkit.cli._options import limits

TABLE_NAMES = ("incidents", "interventions", "staff", "outcomes", "training")
"""The tables, as ``rrnkit.tabular.TABLES`` names them (a test keeps the two equal)."""

EXPORT_EXIT_HELP = (
    "Exit codes: 0 every record read was valid; 1 invalid records (reported on standard "
    "error and left out of the table); 2 usage or environment error (bad option, missing or "
    "unreadable path, unwritable output); 130 interrupted."
)
"""The exit codes of ``export`` (it has no ``--fail-on``)."""

ARROW_MISSING = "writing Parquet needs pyarrow: install it with pip install 'rrnkit[arrow]'"

_KINDS = {
    "incidents": frozenset({"incident", "bundle"}),
    "interventions": frozenset({"incident", "bundle"}),
    "staff": frozenset({"incident", "bundle"}),
    "training": frozenset({"training-event", "course", "bundle"}),
}
"""The document kinds each document table is made from (the others are only validated)."""


class _Tally:
    """Records read, as ``check`` counts them: every record valid or invalid."""

    def __init__(self) -> None:
        self.read = 0
        self.valid = 0
        self.files = 0
        self.path_problems = 0
        self.interrupted = False

    @property
    def invalid(self) -> int:
        return self.read - self.valid

    def exit_code(self) -> int:
        """Return the documented exit code (``rrnkit.report.EXIT_*``) of what was read."""
        from rrnkit.report import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.path_problems:
            return EXIT_USAGE
        return EXIT_FAILED if self.invalid else EXIT_OK


def _problem(text: str) -> None:
    click.echo(text, err=True)


def _documents(
    paths: tuple[str, ...], kinds: frozenset[str], tally: _Tally, read_limits: Any
) -> Iterator[Any]:
    """Yield the valid documents of ``kinds``, reporting every invalid record on stderr.

    Read once through the run pipeline's ledger: a repeated kind and id is
    reported and counted invalid, as ``check`` does, so a record is never
    exported twice.
    """
    from rrnkit._run import one_pass_ledger, read_once

    ledger = one_pass_ledger(on_problem=lambda problem: _problem(str(problem)))
    try:
        for record in read_once(paths, ledger, structure=kinds.__contains__, limits=read_limits):
            if record.document is not None:
                yield record.document
    finally:
        tally.read, tally.valid = ledger.read, ledger.valid
        tally.interrupted = ledger.interrupted
        tally.files = len(ledger.log.inputs)
        tally.path_problems = len(ledger.log.path_problems)
        for problem in ledger.log.path_problems:
            _problem(str(problem))


def _report_rows(paths: tuple[str, ...], as_of: dt.date, tally: _Tally, read_limits: Any) -> Any:
    from rrnkit.api import check

    report = check(paths, as_of=as_of, limits=read_limits)
    for problem in (*report.path_problems, *report.problems):
        _problem(str(problem))
    tally.read, tally.valid = report.read, report.valid
    tally.files, tally.path_problems = len(report.inputs), len(report.path_problems)
    tally.interrupted = report.interrupted
    return report


def _writer(fmt: str, output: str | None, raw: bool) -> Callable[[Any], int]:
    """Return the function that writes rows, after checking the output can be made."""
    from rrnkit.tabular import write_csv

    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--to parquet needs --output FILE")
        try:
            from rrnkit.extra.arrow import write_parquet
        except ImportError:
            raise click.UsageError(ARROW_MISSING) from None
        return lambda rows: _atomic_parquet(write_parquet, rows, output)
    if output is None:
        return lambda rows: _to_stdout(rows, raw)
    return lambda rows: write_csv(rows, output, raw=raw)


def _atomic_parquet(write_parquet: Callable[[Any, str], int], rows: Any, output: str) -> int:
    """Write Parquet beside ``output`` and rename it into place only when complete."""
    from rrnkit._internal.writing import atomic_path

    with atomic_path(output) as temporary:
        return write_parquet(rows, temporary)


def _to_stdout(rows: Any, raw: bool) -> int:
    from rrnkit.tabular import write_csv

    buffer: IO[bytes] | None = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream: write to it as it is
        return write_csv(rows, sys.stdout, raw=raw)
    sys.stdout.flush()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        return write_csv(rows, text, raw=raw)
    finally:
        text.flush()
        text.detach()


@click.command("export", epilog=EXPORT_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--table",
    "table_name",
    type=click.Choice(TABLE_NAMES),
    required=True,
    help="Which table: one row per incident, intervention, staff involvement, rule outcome "
    "or training completion.",
)
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="File format. Parquet needs pyarrow (pip install 'rrnkit[arrow]') and --output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write the table to FILE (default: CSV on standard output). A CSV file gets its "
    "column types beside it as a Frictionless Table Schema: FILE without .csv, plus "
    ".schema.json.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="For --table outcomes: judge the evidence as of this date (default: today).",
)
@click.option(
    "--include-sensitive",
    is_flag=True,
    help="Add the sensitive linkage-key columns (NHS number, local patient id, spell id). "
    "The output then holds personal data: pseudonymise the documents first.",
)
@click.option(
    "--csv-raw",
    is_flag=True,
    help="Write CSV text cells as they are. By default a text cell beginning with =, +, -, "
    "@, tab or carriage return is quoted with a ' before it, so a spreadsheet never runs "
    "it as a formula (OWASP CSV injection); use this only for pipelines that never meet "
    "a spreadsheet.",
)
@click.option(
    "--max-record-bytes",
    type=click.IntRange(min=1),
    help="Largest .json file or JSONL line to parse (default 64 MiB).",
)
@click.option(
    "--max-depth", type=click.IntRange(min=1), help="Deepest JSON nesting accepted (default 64)."
)
def export(
    paths: tuple[str, ...],
    table_name: str,
    fmt: str,
    output: str | None,
    as_of: dt.datetime | None,
    include_sensitive: bool,
    csv_raw: bool,
    max_record_bytes: int | None,
    max_depth: int | None,
) -> None:
    """Export the valid documents in PATHS as one table, CSV or Parquet.

    Rows are made as records are read, so a stream of any length is exported in
    constant memory. Invalid records are reported on standard error as
    FILE:LINE: /POINTER: CODE: MESSAGE (never showing values) and left out;
    the exit code is then 1. By default no column holds a sensitive value.
    The columns are listed in docs/reference/tables.md. A file given with
    --output is written whole or not at all (a temporary file is renamed); a
    CSV file gets its Table Schema beside it (incidents.schema.json for
    incidents.csv), which rrnkit.extra.pandas.read_csv and
    rrnkit.extra.polars.read_csv read it back with.
    """
    from rrnkit.tabular import tabulate

    if as_of is not None and table_name != "outcomes":
        raise click.UsageError("--as-of applies only to --table outcomes")
    if csv_raw and fmt != "csv":
        raise click.UsageError("--csv-raw applies only to --to csv")
    write = _writer(fmt, output, csv_raw)
    read_limits = limits(max_record_bytes, max_depth)
    tally = _Tally()
    source: Any
    if table_name == "outcomes":
        day = as_of.date() if as_of is not None else dt.date.today()
        source = _report_rows(paths, day, tally, read_limits)
    else:
        source = _documents(paths, _KINDS[table_name], tally, read_limits)
    rows = tabulate(table_name, source, include_sensitive=include_sensitive)
    try:
        written = write(rows)
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None
    where = output if output is not None else "standard output"
    _problem(
        f"rrnkit export: read {plural(tally.read, 'record')} in {plural(tally.files, 'file')}: "
        f"{tally.valid} valid, {tally.invalid} invalid; wrote {written} {table_name} rows "
        f"to {where}."
    )
    if tally.interrupted:
        _problem("rrnkit: interrupted")
    sys.exit(tally.exit_code())
