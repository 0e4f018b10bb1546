"""``rrnkit study``: research measures, compliance trends and the worked study, as CSV.

Add to the command line with ``cli.add_command(study)``. Problems (invalid
records, bad bed-day rows) go to standard error, located and without values;
the exit code follows every other command: 0 clean, 1 some input was bad and
left out, 2 a usage or path error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rrnkit.cli._options import emit

if TYPE_CHECKING:
    from rrnkit.problems import Problem
    from rrnkit.study import Dimension

STUDY_EXIT_HELP = (
    "Exit codes: 0 all input read; 1 some input was bad and left out (invalid records, bad "
    "bed-day rows; reported on standard error); 2 usage or environment error (bad option, "
    "missing or unreadable path, unwritable output); 130 interrupted."
)
"""The exit codes of every ``study`` command (they have no ``--fail-on``)."""

CSV_RAW = click.option(
    "--csv-raw",
    is_flag=True,
    help="Write CSV text cells as they are. By default a text cell beginning with =, +, -, "
    "@, tab or carriage return is quoted with a ' before it, so a spreadsheet never runs "
    "it as a formula (OWASP CSV injection); use this only for pipelines that never meet "
    "a spreadsheet.",
)
"""The ``--csv-raw`` option of every ``study`` command that writes CSV."""

_DIMENSION_HELP = (
    "Break measures down by these dimensions, comma-separated, in order: organisation, unit, "
    "month, quarter, year, financial_year, intervention_type, learning_disability, autism, "
    "age_band."
)


def _report_problems(problems: tuple[Problem, ...], path_problem: bool) -> None:
    """Print each problem on standard error and exit 2 (paths) or 1 (bad input) if any."""
    for problem in problems:
        click.echo(str(problem), err=True)
    from rrnkit.report import EXIT_FAILED, EXIT_USAGE

    if path_problem:
        raise SystemExit(EXIT_USAGE)
    if problems:
        raise SystemExit(EXIT_FAILED)


def _dimensions(text: str) -> list[Dimension]:
    from rrnkit.study import DIMENSIONS

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in DIMENSIONS]
    if unknown:
        raise click.BadParameter(
            "unknown dimension; choose from " + ", ".join(DIMENSIONS), param_hint="--by"
        )
    if len(set(names)) != len(names):
        raise click.BadParameter("a dimension is named twice", param_hint="--by")
    return [DIMENSIONS[n] for n in names]


@click.group(epilog=STUDY_EXIT_HELP)
def study() -> None:
    """Research study helpers: measures per 1,000 occupied bed days, compliance trends.

    Outputs are counts per group (numerator, denominator, value), never the
    values of any record.
    """


@study.command(epilog=STUDY_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--bed-days",
    type=click.Path(dir_okay=False, path_type=str),
    help="CSV of occupied bed days (organisation_id, unit_id, month, occupied_bed_days); "
    "without it, rates per bed day are left out.",
)
@click.option("--by", "by", default="", help=_DIMENSION_HELP)
@click.option(
    "--prone-limit-minutes",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Prone restraint longer than this counts as over the limit.",
)
@click.option(
    "--refresher-interval-months",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    help="Training is current if it ended within this many months before the incident.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write rates.csv and durations.csv here, each with its Table Schema "
    "(rates.schema.json, durations.schema.json), instead of the rates to standard output.",
)
@CSV_RAW
def measures(
    paths: tuple[str, ...],
    bed_days: str | None,
    by: str,
    prone_limit_minutes: int,
    refresher_interval_months: int,
    output_dir: Path | None,
    csv_raw: bool,
) -> None:
    """Count the standard measures over the incidents in PATHS, as CSV.

    Rates per 1,000 occupied bed days (incidents, interventions as MHS96
    counts them, prone, rapid tranquillisation), prone share, prone over the
    limit, debriefs, injuries, trained staff, and seclusion and segregation
    durations. An undefined value is a blank cell, never 0.
    """
    from rrnkit.study import (
        MeasureSettings,
        durations_csv,
        durations_schema,
        measure_paths,
        rates_csv,
        rates_schema,
        read_bed_days,
        write_schema,
        write_text,
    )

    dimensions = _dimensions(by)
    table = None if bed_days is None else read_bed_days(bed_days)
    result = measure_paths(
        paths,
        dimensions,
        bed_days=table,
        settings=MeasureSettings(
            prone_limit_minutes=prone_limit_minutes,
            refresher_interval_months=refresher_interval_months,
        ),
    )
    rates = rates_csv(result.rates, result.by, raw=csv_raw)
    if output_dir is None:
        emit(rates, None)
    else:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
            write_text(output_dir / "rates.csv", rates)
            write_schema(output_dir / "rates.csv", rates_schema(result.by, raw=csv_raw))
            durations = durations_csv(result.durations, result.by, raw=csv_raw)
            write_text(output_dir / "durations.csv", durations)
            write_schema(output_dir / "durations.csv", durations_schema(result.by, raw=csv_raw))
        except OSError as exc:
            raise click.UsageError(f"cannot write {output_dir}: {exc.strerror}") from None
    path_problem = any(p.code.startswith("path.") for p in result.problems)
    _report_problems(result.problems, path_problem)


@study.command(epilog=STUDY_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--from", "first", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day."
)
@click.option("--to", "last", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last day.")
@click.option(
    "--every",
    type=click.Choice(["quarter", "month"]),
    default="quarter",
    show_default=True,
    help="Length of each period; the rules judge the evidence at each period's last day.",
)
@click.option(
    "--by",
    "group_by",
    type=click.Choice(["framework", "pack"]),
    default="framework",
    show_default=True,
    help="Count outcomes per cited framework or per rule pack.",
)
@click.option(
    "--incidents",
    type=click.Choice(["period", "cumulative"]),
    default="period",
    show_default=True,
    help="Judge the incidents that started in each period, or all up to its end.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
              help="Write the CSV to FILE instead of standard output, with its Table Schema "
              "beside it (FILE without .csv, plus .schema.json).")  # fmt: skip
@CSV_RAW
def trend(
    paths: tuple[str, ...],
    first: dt.datetime,
    last: dt.datetime,
    every: str,
    group_by: str,
    incidents: str,
    output: str | None,
    csv_raw: bool,
) -> None:
    """Judge every rule pack at the end of each period and count outcomes, as CSV."""
    from rrnkit._run import read_held
    from rrnkit.convert import NO_MIGRATIONS
    from rrnkit.rules.packs import ALL_PACKS
    from rrnkit.study import (
        compliance_csv,
        compliance_over_time,
        compliance_schema,
        months,
        quarters,
        write_schema,
        write_text,
    )

    if last < first:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    # every document held, through the run pipeline's ledger: repeats are reported, not counted
    ledger = read_held(
        paths, keep=True, limits=None, migrations=NO_MIGRATIONS, stdin=None, progress=None
    )
    documents, problems, log = ledger.documents, ledger.problems, ledger.log
    from rrnkit.report import pseudonymised_note

    note = pseudonymised_note(ledger.pseudonymised, ALL_PACKS)
    if note is not None:  # the counts of rules that read removed fields mean little
        click.echo(f"rrnkit: note: {note}", err=True)
    periods = (quarters if every == "quarter" else months)(first.date(), last.date())
    counts = compliance_over_time(
        documents,
        ALL_PACKS,
        periods,
        by="pack" if group_by == "pack" else "framework",
        incidents="cumulative" if incidents == "cumulative" else "period",
    )
    text = compliance_csv(counts, raw=csv_raw)
    if output is None:
        emit(text, None)
    else:
        try:
            write_text(output, text)
            write_schema(output, compliance_schema(raw=csv_raw))
        except OSError as exc:
            raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None
    _report_problems((*log.path_problems, *problems), bool(log.path_problems))


@study.command(epilog=STUDY_EXIT_HELP)
@click.option(
    "--organisations",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Synthetic organisations.",
)
@click.option(
    "--years",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="Years of incidents, from 2024.",
)
@click.option(
    "--incidents",
    type=click.IntRange(min=0),
    default=6000,
    show_default=True,
    help="Synthetic incidents.",
)
@click.option("--seed", type=int, default=20240401, show_default=True, help="Random seed.")
@CSV_RAW
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))  # fmt: skip
def example(
    organisations: int, years: int, incidents: int, seed: int, csv_raw: bool, out: Path
) -> None:
    """Run the worked study on synthetic data; write its data, CSV tables and summary to OUT."""
    import attrs

    from rrnkit.study import STUDY_CONFIG, run_worked_study

    config = attrs.evolve(
        STUDY_CONFIG, organisations=organisations, years=years, incidents=incidents, seed=seed
    )
    try:
        done = run_worked_study(out, config, raw=csv_raw)
    except OSError as exc:
        raise click.UsageError(f"cannot write {out}: {exc.strerror}") from None
    for path in done.files:
        click.echo(str(path))


@study.command(epilog=STUDY_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--bed-days",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="CSV of occupied bed days (organisation_id, unit_id, month, occupied_bed_days).",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="Write the page to FILE (.html); replaced only once complete.",
)
@click.option(
    "--by",
    "by",
    type=click.Choice(["unit", "organisation"]),
    default="unit",
    show_default=True,
    help="Draw an SPC chart per unit or per organisation, and compare them in the funnel plot.",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="End the window with this date's month and judge compliance up to it [default: today].",
)
@click.option(
    "--every",
    type=click.Choice(["quarter", "month"]),
    default="quarter",
    show_default=True,
    help="Length of each compliance period.",
)
@click.option(
    "--refresher-interval-months",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    help="Training is current if it ended within this many months before the incident.",
)
@click.option(
    "--overdispersion",
    is_flag=True,
    help="Widen the funnel plot's limits for over-dispersion (Spiegelhalter's multiplicative "
    "factor).",
)
def report(
    paths: tuple[str, ...],
    bed_days: str,
    output: str,
    by: str,
    as_of: dt.datetime | None,
    every: str,
    refresher_interval_months: int,
    overdispersion: bool,
) -> None:
    """Write the study page: SPC charts, funnel plot and trends, as one HTML file.

    An XmR chart of restrictive interventions per 1,000 occupied bed days by
    month per unit (or organisation), a funnel plot comparing them, prone
    share and training currency by month, and compliance over time by
    framework; each chart with its numbers in a table. The page fetches
    nothing and shows only counts, codes and ids. Needs the 'report' extra.
    Nothing is written when a path cannot be read.
    """
    from rrnkit._internal.html import MISSING_EXTRA
    from rrnkit.study import MeasureSettings

    try:
        from rrnkit.extra.study_report import write_study_report
    except ImportError:  # pragma: no cover - the report extra is missing
        raise click.UsageError(MISSING_EXTRA) from None
    try:
        found = write_study_report(
            output,
            paths,
            bed_days=bed_days,
            by="unit" if by == "unit" else "organisation",
            as_of=None if as_of is None else as_of.date(),
            every="month" if every == "month" else "quarter",
            settings=MeasureSettings(refresher_interval_months=refresher_interval_months),
            overdispersion=overdispersion,
        )
    except ImportError:  # pragma: no cover - the report extra is missing
        raise click.UsageError(MISSING_EXTRA) from None
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None
    _report_problems(found.problems, bool(found.path_problems))
