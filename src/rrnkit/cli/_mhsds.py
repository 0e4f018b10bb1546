"""``rrnkit mhsds export`` and ``rrnkit mhsds import``: exchange incidents with MHSDS."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import click

from rrnkit._internal.words import plural

MHSDS_EXIT_HELP = (
    "Exit codes: 0 every record valid; 1 invalid records or a file that cannot be read "
    "in full, such as a bad CSV header (reported, the rest still processed); 2 usage or "
    "environment error (bad option, missing or unreadable path, unwritable output); "
    "130 interrupted."
)


@attrs.define
class DocumentReading:
    """Read documents from paths, printing every problem located; count what was read."""

    paths: tuple[str, ...]
    read: int = 0
    valid: int = 0
    path_problems: int = 0
    files: int = 0

    @property
    def invalid(self) -> int:
        """Records that were not valid: read = valid + invalid."""
        return self.read - self.valid

    def documents(self) -> Iterator[tuple[Any, str, int]]:
        """Yield (document, source, line) for every accepted record; report the rest.

        Read once through the run pipeline's ledger: invalid records and repeats
        of an earlier document's kind and id are reported and counted invalid,
        so a document is never written twice.
        """
        from rrnkit._run import one_pass_ledger, read_once

        ledger = one_pass_ledger(on_problem=lambda problem: click.echo(str(problem)))
        try:
            for record in read_once(self.paths, ledger):
                self.read, self.valid = ledger.read, ledger.valid
                yield record.document, record.source, record.line
        finally:
            self.read, self.valid = ledger.read, ledger.valid
            for problem in ledger.log.path_problems:
                click.echo(str(problem), err=True)
            self.path_problems = len(ledger.log.path_problems)
            self.files = len(ledger.log.inputs)

    def summary(self) -> str:
        """Say how many records were read, valid and invalid."""
        return (
            f"Read {plural(self.read, 'record')} in {plural(self.files, 'file')}: "
            f"{self.valid} valid, {self.invalid} invalid."
        )

    def exit_code(self, failed: int = 0) -> int:
        """Return 2 for path problems, 1 for invalid records or ``failed`` items, else 0."""
        from rrnkit.report import EXIT_FAILED, EXIT_OK, EXIT_USAGE

        if self.path_problems:
            return EXIT_USAGE
        return EXIT_FAILED if self.invalid or failed else EXIT_OK


@click.group("mhsds", epilog=MHSDS_EXIT_HELP)
def mhsds() -> None:
    """Exchange incidents with the NHS Mental Health Services Data Set (MHS505, MHS515).

    Dates and times are UK local time. MHSDS carries only part of an incident:
    export says what it could not carry; import invents nothing.
    """


def _incidents(document: Any) -> Iterator[tuple[Any, str]]:
    """Yield (incident, pointer prefix) for an incident, or each incident in a bundle."""
    from rrnkit.model import Bundle, Incident

    if isinstance(document, Incident):
        yield document, ""
    elif isinstance(document, Bundle):
        for index, member in enumerate(document.documents):
            if isinstance(member, Incident):
                yield member, f"/documents/{index}"


@mhsds.command("export", epilog=MHSDS_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--output",
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write MHS505.csv and MHS515.csv into (created if missing).",
)
@click.option(
    "--csv-raw",
    is_flag=True,
    help="Write cells as they are. By default a cell beginning with =, +, -, @, tab or "
    "carriage return is quoted with a ' before it, so a spreadsheet never runs it as a "
    "formula (OWASP CSV injection); use this only for pipelines that never meet a "
    "spreadsheet.",
)
def export_command(paths: tuple[str, ...], out: Path, csv_raw: bool) -> None:
    """Write the incidents in PATHS as MHS505.csv and MHS515.csv in --out.

    Invalid documents are reported with their location and not exported; other
    document kinds are skipped. The summary lists, for each field MHSDS cannot
    carry, how many incidents had a value there (never the values). Both files
    are written whole or not at all (temporary files are renamed at the end).
    Each file's column types go beside it as a Frictionless Table Schema
    (MHS505.schema.json, MHS515.schema.json).
    """
    from rrnkit._internal.writing import atomic_text
    from rrnkit.mhsds import REASONS, export_incident, write_csv, write_schemas

    reading = DocumentReading(paths)
    skipped = 0

    def exported() -> Iterator[Any]:
        nonlocal skipped
        for document, source, line in reading.documents():
            found = False
            for incident, prefix in _incidents(document):
                found = True
                item = export_incident(incident)
                for problem in item.problems:
                    located = attrs.evolve(problem, pointer=prefix + problem.pointer)
                    click.echo(str(located.located(source=source, line=line)))
                yield item
            skipped += not found

    try:
        out.mkdir(parents=True, exist_ok=True)
        with (
            atomic_text(out / "MHS505.csv", newline="") as mhs505,
            atomic_text(out / "MHS515.csv", newline="") as mhs515,
        ):
            summary = write_csv(exported(), mhs505, mhs515, raw=csv_raw)
        write_schemas(out, raw=csv_raw)
    except OSError as exc:
        raise click.UsageError(f"cannot write to {out}: {exc.strerror}") from None
    click.echo(reading.summary())
    click.echo(
        f"Exported {summary.exported} incidents ({summary.interventions} interventions) to "
        f"{out / 'MHS505.csv'} and {out / 'MHS515.csv'}; {summary.refused_incidents} "
        f"incidents refused; {skipped} documents of other kinds skipped."
    )
    if summary.not_carried:
        click.echo("Not carried by MHSDS (incidents affected):")
        for (pointer, reason), count in sorted(summary.not_carried.items()):
            click.echo(f"  {pointer}: {count} ({REASONS[reason]})")
    sys.exit(reading.exit_code(summary.refused_incidents))


def _recorded_at(ctx: click.Context, param: click.Parameter, value: str) -> Any:
    """Read --recorded-at: a policy name or a date-time with an offset."""
    from rrnkit.mhsds import RecordedAt

    try:
        return RecordedAt(value)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            "is neither incident-start, incident-end nor a date-time"
        ) from None
    if moment.utcoffset() is None:
        raise click.BadParameter("needs a UTC offset, e.g. 2026-04-01T09:00:00+01:00")
    return moment


def _identifier(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Check --organisation-id is an rrnkit identifier."""
    from rrnkit._internal.patterns import portable_regex
    from rrnkit.model.values import IDENTIFIER_PATTERN

    if not portable_regex(IDENTIFIER_PATTERN).match(value):
        raise click.BadParameter("is not a valid identifier (letters, digits and ._:-)")
    return value


@mhsds.command("import", epilog=MHSDS_EXIT_HELP)
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--organisation-id",
    required=True,
    callback=_identifier,
    help="The organisation that keeps the records (MHSDS does not carry it).",
)
@click.option(
    "--recorded-at",
    required=True,
    callback=_recorded_at,
    metavar="DATETIME|incident-start|incident-end",
    help="recorded_at for every incident, which MHSDS does not carry: one date-time with "
    "an offset, or the policy incident-start or incident-end (its start when no end).",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON Lines file to write the incidents to.",
)
def import_command(directory: Path, organisation_id: str, recorded_at: Any, output: Path) -> None:
    """Read DIRECTORY/MHS505.csv and DIRECTORY/MHS515.csv as incidents.

    Fields MHSDS does not carry are left absent; the summary lists them, with
    the fields of optional columns a header lacks. Bad rows are reported by
    file, line and column, and the rest are still read. A header naming a column
    unknown to MHSDS or naming one twice, a row with too few or too many cells,
    bytes that are not UTF-8 and an empty file are each reported: nothing read
    is dropped silently.
    """
    from rrnkit.convert import dump
    from rrnkit.mhsds import SUPPLIED_POINTERS, ImportLog, iter_import_files

    files = (directory / "MHS505.csv", directory / "MHS515.csv")
    for path in files:
        if not path.is_file():
            raise click.UsageError(f"{path} does not exist")
    log = ImportLog()
    written = 0
    try:
        with open(output, "w", encoding="utf-8") as handle:
            for item in iter_import_files(
                *files, organisation_id=organisation_id, recorded_at=recorded_at, log=log
            ):
                data = dump(item.incident)
                handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
                written += 1
                for pointer in item.ambiguous:
                    click.echo(
                        f"{item.source}:{item.line}: {pointer}: note: the UK local time happens "
                        "twice; read as the occurrence that keeps ends after starts"
                    )
    except OSError as exc:
        raise click.UsageError(f"cannot read or write: {exc.strerror}") from None
    for problem in log.problems:
        click.echo(str(problem))
    click.echo(
        f"Read {log.read} rows in 2 files: {log.valid} valid, {log.invalid} invalid. "
        f"Wrote {written} incidents to {output}."
    )
    click.echo("Supplied by you: /organisation_id, /recorded_at.")
    if log.absent:
        click.echo("Columns the headers lack: " + ", ".join(log.absent) + ".")
    click.echo("Not carried, so left absent (or the model's default):")
    click.echo("  " + ", ".join(p for p in log.not_carried if p not in SUPPLIED_POINTERS))
    sys.exit(1 if log.invalid or log.problems else 0)
