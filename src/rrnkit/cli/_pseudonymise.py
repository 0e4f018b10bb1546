"""``rrnkit pseudonymise``: research copies of documents, keyed pseudonyms in place of people."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from rrnkit.cli._mhsds import MHSDS_EXIT_HELP, DocumentReading

KEY_FILE_ENV = "RRNKIT_PSEUDONYMISE_KEY_FILE"
"""Environment variable naming the key file when --key-file is not given."""


def _read_key(path: Path) -> bytes:
    """Read the key file's bytes, less a final line ending; never show the key."""
    from rrnkit.pseudonymise import MIN_KEY_BYTES, read_key_file

    try:
        return read_key_file(path)
    except OSError as exc:
        raise click.UsageError(f"cannot read the key file {path}: {exc.strerror}") from None
    except ValueError:
        raise click.UsageError(
            f"the key in {path} is shorter than {MIN_KEY_BYTES} bytes; make one with: "
            'python -c "import secrets; print(secrets.token_hex(32))" > KEYFILE'
        ) from None


def _age_bands(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Read --age-bands: comma-separated lower bounds, starting at 0."""
    from rrnkit.pseudonymise import DEFAULT_AGE_BANDS

    if value is None:
        return DEFAULT_AGE_BANDS
    try:
        bounds = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter("is not a comma-separated list of whole years") from None
    from rrnkit.pseudonymise._age import check_bands

    try:
        return check_bands(bounds)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _destinations(paths: tuple[str, ...], output: Path) -> dict[str, Path]:
    """Map each input file to its output file: a folder's tree is kept below OUTPUT."""
    from rrnkit.io import STDIN, expand_paths

    destinations: dict[str, Path] = {}
    for given in paths:
        files, _ = expand_paths([given])
        for source in files:
            if source == STDIN:
                target = output / "stdin.jsonl"
            elif Path(given).is_dir():
                target = output / Path(source).relative_to(given)
            else:
                target = output / Path(source).name
            if target in destinations.values():
                raise click.UsageError(f"two inputs would both be written to {target}")
            if source != STDIN and target.resolve() == Path(source).resolve():
                raise click.UsageError(f"{output} would overwrite the input {source}")
            destinations[source] = target
    return destinations


class _Outputs:
    """Write each input's documents to its output file, one file open at a time."""

    def __init__(self, destinations: dict[str, Path]) -> None:
        self.destinations = destinations
        self.source: str | None = None
        self.handle: IO[str] | None = None

    def __enter__(self) -> _Outputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def write(self, source: str, data: dict[str, Any]) -> None:
        """Write one document: a line in JSON Lines, else an indented JSON file."""
        target = self.destinations[source]
        if source != self.source or self.handle is None:
            self.close()
            os.makedirs(target.parent, exist_ok=True)
            self.handle = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
            self.source = source
        if target.suffix.lower() in (".jsonl", ".ndjson"):
            self.handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            self.handle.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@click.command("pseudonymise", epilog=MHSDS_EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--key-file",
    required=True,
    envvar=KEY_FILE_ENV,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File holding the secret key (at least 32 bytes; a final line ending is ignored). "
    f"Or set {KEY_FILE_ENV}. The key itself is never accepted on the command line.",
)
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the pseudonymised documents into (a folder's layout is kept).",
)
@click.option(
    "--age-bands",
    callback=_age_bands,
    metavar="0,18,25,...",
    help="Lower bounds of the age bands, in whole years, starting at 0. "
    "Default: 0,18,25,35,45,55,65 (0-17, 18-24, ..., 65+).",
)
@click.option(
    "--keep-extensions",
    is_flag=True,
    help="Copy extensions unchanged (default: remove them, as they may hold anything).",
)
def pseudonymise_command(
    paths: tuple[str, ...],
    key_file: Path,
    output: Path,
    age_bands: tuple[int, ...],
    keep_extensions: bool,
) -> None:
    """Write pseudonymised copies of the documents in PATHS into --output, for research.

    Staff, trainer and patient identifiers, incident ids and hospital provider
    spell ids become keyed pseudonyms: the same key gives the same pseudonyms in
    every run and file, so records still link. Names, free text and other
    sensitive fields are removed; dates of birth become age bands at the
    incident's start. Invalid documents are reported with their location and
    not copied. Keep the key secret and apart from the output.
    """
    from rrnkit.convert import dump
    from rrnkit.pseudonymise import Pseudonymiser

    pseudonymiser = Pseudonymiser(
        _read_key(key_file), age_bands=age_bands, keep_extensions=keep_extensions
    )
    destinations = _destinations(paths, output)
    reading = DocumentReading(paths)
    written = 0
    try:
        with _Outputs(destinations) as outputs:
            for document, source, _line in reading.documents():
                outputs.write(source, dump(pseudonymiser.document(document)))
                written += 1
    except OSError as exc:
        raise click.UsageError(f"cannot write to {output}: {exc.strerror}") from None
    click.echo(reading.summary())
    click.echo(f"Wrote {written} pseudonymised documents to {output}.")
    sys.exit(reading.exit_code())
