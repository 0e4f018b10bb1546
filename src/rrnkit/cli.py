"""The ``rrnkit`` command line.

Exit codes: 0 when every document is valid; 1 when any document is invalid;
2 on a usage error or when a path is missing or unreadable.
"""

from __future__ import annotations

import sys

import click

from rrnkit._version import __version__

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit codes: 0 all valid; 1 invalid documents; 2 usage or unreadable paths.",
)
@click.version_option(__version__, prog_name="rrnkit")
def main() -> None:
    """Validate restraint-reduction evidence against the rrnkit interchange format.

    rrnkit checks evidence against published standards; it is not a
    certification body and certifies no one.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def validate(paths: tuple[str, ...]) -> None:
    """Validate documents in PATHS (files, or folders of .json, .jsonl and .ndjson).

    Each problem is printed as FILE:LINE: /JSON/POINTER: CODE: MESSAGE. Messages
    never show the values of fields, which may hold personal data.

    Exit codes: 0 all valid; 1 any document invalid; 2 a path missing or unreadable.
    """
    from rrnkit.io import validate_paths

    summary = validate_paths(paths)
    for problem in (*summary.path_problems, *summary.problems):
        click.echo(str(problem))
    click.echo(
        f"{summary.read} documents read in {len(summary.files)} files: "
        f"{summary.valid} valid, {summary.invalid} invalid"
        + (f", {summary.skipped} blank line(s) skipped" if summary.skipped else "")
    )
    if summary.path_problems:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_INVALID if summary.invalid else EXIT_OK)
