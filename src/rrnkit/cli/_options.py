"""What every ``rrnkit`` command shares: exit-code help, report options, output."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import click

from rrnkit._version import __version__

EXIT_CODES_HELP = (
    "Exit codes: 0 all valid and no unmet rule at or above --fail-on; 1 invalid documents "
    "or unmet rules; 2 usage or environment error (bad option, missing or unreadable path, "
    "a file changed while being checked); 130 interrupted."
)
VALIDATE_EXIT_HELP = (
    "Exit codes: 0 all valid; 1 invalid documents; 2 usage or environment error (bad option, "
    "missing or unreadable path, unwritable output); 130 interrupted."
)
"""The exit codes of ``validate``, which judges no rule (so has no ``--fail-on``)."""
FORMAT = click.Choice(["text", "json", "sarif", "html"])


def require_format(fmt: str) -> None:
    """Refuse ``html`` before any reading when Jinja2 (the ``report`` extra) is missing."""
    if fmt != "html":
        return
    try:
        import jinja2  # noqa: F401
    except ImportError:
        from rrnkit._internal.html import MISSING_EXTRA

        raise click.UsageError(MISSING_EXTRA) from None


class Progress:
    """Show records read on standard error, only when it is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, records: int) -> None:
        if self.enabled and (records >= 1000 or time.monotonic() - self.started > 2):
            click.echo(f"\rread {records} records", err=True, nl=False)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            click.echo("", err=True)


def print_version(ctx: click.Context) -> None:
    """Print the version and the active validator and JSON reader, then exit."""
    from rrnkit.convert import fast_reader
    from rrnkit.schema import compiled_backend

    validator = compiled_backend() or "jsonschema (pure Python)"
    reader = fast_reader() or "json (standard library)"
    click.echo(f"rrnkit {__version__} (validator: {validator}; JSON reader: {reader})")
    ctx.exit(0)


def limits(max_record_bytes: int | None, max_depth: int | None) -> Any:
    """Return reading limits from the command-line options, defaults where unset."""
    from rrnkit.io import JsonLimits

    values: dict[str, int] = {}
    if max_record_bytes is not None:
        values["max_record_bytes"] = max_record_bytes
    if max_depth is not None:
        values["max_depth"] = max_depth
    return JsonLimits(**values)


def emit_report(
    report: Any,
    fmt: str,
    output: str | None,
    rules: Any = (),
    *,
    max_problems: int | None = None,
    limits: Any = None,
) -> None:
    """Write a report to standard output or to the named file, in pieces.

    Results are written one at a time (a report keeping every outcome holds
    them on disk past a bound), gathered into blocks of about a megabyte. An
    HTML page lists at most ``max_problems`` problems and findings (1,000 when
    not given), each finding with its unit where the page can tell it.
    """
    from rrnkit.report import HTML_MAX_LISTED, write_report

    options: dict[str, Any] = {}
    if fmt == "html":
        from rrnkit.cli._units import finding_units

        listed = HTML_MAX_LISTED if max_problems is None else max_problems
        options = {"max_listed": listed, "unit_of": finding_units(report, listed, limits)}

    pending: list[str] = []
    size = 0

    def flush(write: Any) -> None:
        nonlocal size
        if pending:
            write("".join(pending))
            pending.clear()
            size = 0

    def writer(write: Any) -> Any:
        def take(piece: str) -> None:
            nonlocal size
            pending.append(piece)
            size += len(piece)
            if size >= 1 << 20:
                flush(write)

        return take

    if output is None:

        def echo(text: str) -> None:
            click.echo(text, nl=False)

        write_report(report, fmt, writer(echo), rules, **options)
        flush(echo)
        return
    # written whole or not at all: a temporary file beside it is renamed once the report is done
    try:
        with open_output(output) as handle:
            write_report(report, fmt, writer(handle.write), rules, **options)
            flush(handle.write)
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None


def open_output(output: str) -> Any:
    """Open an output file for UTF-8 text, written whole or not at all.

    A regular file (or a new one) is written through a temporary file beside
    it, renamed into place when the ``with`` block ends normally; a device or
    a pipe (``/dev/stdout``) cannot be renamed over and is written in place.
    """
    from rrnkit._internal.writing import atomic_text

    if os.path.exists(output) and not os.path.isfile(output):
        return open(output, "w", encoding="utf-8")
    return atomic_text(output)


def emit(text: str, output: str | None) -> None:
    """Write text to standard output or to the named file, atomically (a usage error if not)."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        with open_output(output) as handle:
            handle.write(text)
    except OSError as exc:
        raise click.UsageError(f"cannot write {output}: {exc.strerror}") from None


def reading_options(fn: Any) -> Any:
    """Add the options every reading command takes: paths, format, output, limits."""
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str)),
        click.option("--format", "fmt", type=FORMAT, default="text", show_default=True,
                     help="Report format. html is one self-contained page (needs the "
                     "'report' extra); see docs/reference/report-format.md."),
        click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
                     help="Write the report to FILE instead of standard output."),
        click.option("--max-problems", type=click.IntRange(min=0),
                     help="List at most N problems and unmet rules; the report says how many "
                     "were left out. Counts stay exact. An html page lists 1000 unless given."),
        click.option("--max-record-bytes", type=click.IntRange(min=1),
                     help="Largest .json file or JSONL line to parse (default 64 MiB)."),
        click.option("--max-depth", type=click.IntRange(min=1),
                     help="Deepest JSON nesting accepted (default 64)."),
    ]  # fmt: skip
    for option in reversed(options):
        fn = option(fn)
    return fn


JOBS = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Read (and evaluate) in this many processes, each JSON Lines file cut into "
    "pieces: the same report, faster on several cores; where processes can fork. With "
    "check --format json or sarif, pair it with --outcomes findings.",
)
"""The ``--jobs`` option of validate and check."""
