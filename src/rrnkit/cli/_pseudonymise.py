"""``rrnkit pseudonymise``: research copies of documents, keyed pseudonyms in place of people."""

from __future__ import annotations

import contextlib
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
    """Read the key file's bytes, less a final line ending; never show the key.

    A key file others can read or change is used, with a warning on standard
    error (as ssh warns of a private key): the pseudonyms are only as safe as the key.
    """
    from rrnkit.pseudonymise import MIN_KEY_BYTES, key_file_exposure, read_key_file

    try:
        key = read_key_file(path)
        exposure = key_file_exposure(path)
    except OSError as exc:
        raise click.UsageError(f"cannot read the key file {path}: {exc.strerror}") from None
    except ValueError:
        raise click.UsageError(
            f"the key in {path} is shorter than {MIN_KEY_BYTES} bytes; make one with: "
            'python -c "import secrets; print(secrets.token_hex(32))" > KEYFILE'
        ) from None
    if exposure:
        click.echo(
            f"rrnkit: warning: the key file {path} can be read or changed by others than its "
            f"owner (permissions {exposure:03o} for group and others); anyone who reads it can "
            f"recompute the pseudonyms. Make it private: chmod 600 {path}",
            err=True,
        )
    return key


def _age_bands(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Read --age-bands: comma-separated lower bounds, starting at 0."""
    from rrnkit.pseudonymise import DEFAULT_AGE_BANDS

    if value is None:
        return DEFAULT_AGE_BANDS
    try:
        bounds = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter("is not a comma-separated list of whole years") from None
    from rrnkit.pseudonymise import check_bands

    try:
        return check_bands(bounds)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _empty_folder(output: Path) -> None:
    """Refuse an output folder that holds anything: nothing is overwritten or mixed in."""
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise click.UsageError(f"{output} is not a new or empty folder")


class _Outputs:
    r"""One JSON Lines file per document kind (``incident.jsonl``, ``trainer.jsonl``, ...).

    Output names come from kinds alone, never from input file or folder names,
    which may themselves hold identifiers (``trainer-ft-001.json``). Each file
    is written to a temporary file renamed into place when the run completes;
    a run that fails or is interrupted leaves none of them. A lone surrogate
    in a string is written as its ``\uXXXX`` escape, which reads back the same.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.handles: dict[str, IO[str]] = {}
        self._files = contextlib.ExitStack()

    def __enter__(self) -> _Outputs:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._files.__exit__(*exc)

    def write(self, data: dict[str, Any]) -> None:
        """Append one document, as one line, to its kind's file."""
        from rrnkit._internal.writing import atomic_text, escape_surrogates

        kind = str(data["kind"])
        handle = self.handles.get(kind)
        if handle is None:
            os.makedirs(self.folder, exist_ok=True)
            handle = self._files.enter_context(atomic_text(self.folder / f"{kind}.jsonl"))
            self.handles[kind] = handle
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        handle.write(escape_surrogates(text) + "\n")


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
    help="New or empty folder to write the pseudonymised documents into, one JSON Lines "
    "file per document kind (input file names are not kept: they may identify people).",
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
    not copied. The output holds one JSON Lines file per document kind, named by
    kind alone, because input file names may identify people. Keep the key
    secret and apart from the output.
    """
    from rrnkit.convert import dump
    from rrnkit.pseudonymise import Pseudonymiser

    pseudonymiser = Pseudonymiser(
        _read_key(key_file), age_bands=age_bands, keep_extensions=keep_extensions
    )
    _empty_folder(output)
    reading = DocumentReading(paths)
    written = 0
    try:
        with _Outputs(output) as outputs:
            for document, _source, _line in reading.documents():
                outputs.write(dump(pseudonymiser.document(document)))
                written += 1
    except OSError as exc:
        raise click.UsageError(f"cannot write to {output}: {exc.strerror}") from None
    click.echo(reading.summary())
    click.echo(f"Wrote {written} pseudonymised documents to {output}.")
    sys.exit(reading.exit_code())
