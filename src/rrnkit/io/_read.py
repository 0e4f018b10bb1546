"""The reading pipeline: bytes -> JSON -> envelope -> schema -> model, per record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from rrnkit.convert import NO_MIGRATIONS, Migrations, load
from rrnkit.convert.envelope import read_envelope, upgrade
from rrnkit.io._json import JsonLimits, JsonSyntaxError, locate, parse_json
from rrnkit.model import Document
from rrnkit.problems import DocumentError, Problem
from rrnkit.schema import validate

DOCUMENT_SUFFIXES = (".json", ".jsonl", ".ndjson")
"""File endings read when a folder is given."""
_STREAM_SUFFIXES = (".jsonl", ".ndjson")


@attrs.frozen(kw_only=True)
class RecordResult:
    """One record read: the document when valid, else its problems."""

    source: str
    """File the record came from (``-`` for standard input)."""
    line: int
    """Line where the record starts (1 for a ``.json`` file)."""
    document: Document | None
    """The loaded document, or None when invalid."""
    problems: tuple[Problem, ...] = ()
    """Every problem found; empty when valid."""

    @property
    def valid(self) -> bool:
        """Whether the record loaded without problems."""
        return self.document is not None


@attrs.frozen(kw_only=True)
class ValidationSummary:
    """What validating a set of paths found."""

    read: int
    """Records read (valid + invalid)."""
    valid: int
    """Records that loaded without problems."""
    invalid: int
    """Records with at least one problem."""
    skipped: int
    """Blank lines in streams, which hold no record."""
    files: tuple[str, ...]
    """Every file read, in order."""
    problems: tuple[Problem, ...]
    """Problems with records, in reading order."""
    path_problems: tuple[Problem, ...]
    """Problems with the paths themselves (missing, unreadable, empty folder)."""
    documents: tuple[Document, ...] = ()
    """The valid documents, when asked to keep them."""


def _locate(problem: Problem, text: str, source: str, first_line: int) -> Problem:
    if problem.line is not None:
        return problem.located(source=source)
    try:
        line, column = locate(text, problem.pointer)
    except Exception:  # locating is best effort; the pointer still says where
        line, column = 1, 0
    return problem.located(source=source, line=first_line + line - 1, column=column)


def load_text(
    text: str,
    *,
    source: str = "<input>",
    line: int = 1,
    limits: JsonLimits | None = None,
    migrations: Migrations = NO_MIGRATIONS,
) -> RecordResult:
    """Load one document from JSON text; never raises for bad input."""
    try:
        data = parse_json(text, limits=limits or JsonLimits())
    except JsonSyntaxError as exc:
        problem = Problem(
            code=exc.code,
            message=exc.message,
            pointer=exc.pointer,
            source=source,
            line=line + exc.line - 1,
            column=exc.column,
        )
        return RecordResult(source=source, line=line, document=None, problems=(problem,))
    return load_data(data, text=text, source=source, line=line, migrations=migrations)


def load_data(
    data: Any,
    *,
    text: str,
    source: str,
    line: int,
    migrations: Migrations = NO_MIGRATIONS,
) -> RecordResult:
    """Check the envelope and schema, then structure; every problem is located in ``text``."""
    kind, problems = read_envelope(data, migrations=migrations)
    if not problems:
        try:
            data = upgrade(data, kind, migrations)
        except DocumentError as exc:
            problems = list(exc.problems)
    if not problems:
        problems = validate(data, kind)
    document = None
    if not problems:
        try:
            document = load(data, migrations=migrations)
        except DocumentError as exc:
            problems = list(exc.problems)
    located = tuple(_locate(p, text, source, line) for p in problems)
    return RecordResult(source=source, line=line, document=document, problems=located)


def _file_problem(source: str, code: str, message: str) -> Problem:
    return Problem(code=code, message=message, source=source)


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    return raw.decode("utf-8-sig")


def _records_of_file(
    path: Path, source: str, limits: JsonLimits | None, migrations: Migrations
) -> Iterator[RecordResult | None]:
    """Yield each record of one file; None marks a skipped blank line."""
    stream = path.suffix.lower() in _STREAM_SUFFIXES
    if not stream:
        yield load_text(_read_text(path), source=source, limits=limits, migrations=migrations)
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line_text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                problem = Problem(
                    code="file.not-utf8", message="is not UTF-8 text", source=source, line=number
                )
                yield RecordResult(source=source, line=number, document=None, problems=(problem,))
                continue
            if not line_text.strip():
                yield None
                continue
            yield load_text(
                line_text, source=source, line=number, limits=limits, migrations=migrations
            )


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Expand folders (recursively, document suffixes only) into files, in a stable order."""
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        source = str(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
            if not found:
                problems.append(
                    _file_problem(
                        source, "path.no-documents", "folder holds no .json, .jsonl or .ndjson file"
                    )
                )
            files.extend((p, str(p)) for p in found)
        elif path.exists():
            files.append((path, source))
        else:
            problems.append(_file_problem(source, "path.not-found", "no such file or folder"))
    return files, problems


def iter_records(
    paths: Iterable[str | Path],
    *,
    limits: JsonLimits | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    path_problems: list[Problem] | None = None,
    files_read: list[str] | None = None,
) -> Iterator[RecordResult | None]:
    """Yield every record of every path, lazily; None marks a skipped blank line.

    Problems with the paths themselves are appended to ``path_problems``.
    """
    files, problems = expand_paths(paths)
    if path_problems is not None:
        path_problems.extend(problems)
    for path, source in files:
        try:
            yield from _records_of_file(path, source, limits, migrations)
            if files_read is not None:
                files_read.append(source)
        except UnicodeDecodeError:
            problem = _file_problem(source, "file.not-utf8", "is not UTF-8 text")
            yield RecordResult(source=source, line=1, document=None, problems=(problem,))
        except PermissionError:
            if path_problems is not None:
                path_problems.append(_file_problem(source, "path.unreadable", "permission denied"))
        except OSError as exc:
            if path_problems is not None:
                reason = exc.strerror or "cannot be read"
                path_problems.append(_file_problem(source, "path.unreadable", reason))


def validate_paths(
    paths: Iterable[str | Path],
    *,
    keep_documents: bool = False,
    limits: JsonLimits | None = None,
    migrations: Migrations = NO_MIGRATIONS,
) -> ValidationSummary:
    """Validate every document under ``paths`` and summarise; never raises for bad input."""
    path_problems: list[Problem] = []
    files: list[str] = []
    problems: list[Problem] = []
    documents: list[Document] = []
    read = valid = skipped = 0
    for record in iter_records(
        paths, limits=limits, migrations=migrations, path_problems=path_problems, files_read=files
    ):
        if record is None:
            skipped += 1
            continue
        read += 1
        if record.document is not None:
            valid += 1
            if keep_documents:
                documents.append(record.document)
        problems.extend(record.problems)
    return ValidationSummary(
        read=read,
        valid=valid,
        invalid=read - valid,
        skipped=skipped,
        files=tuple(files),
        problems=tuple(problems),
        path_problems=tuple(path_problems),
        documents=tuple(documents),
    )


def read_documents(paths: Iterable[str | Path]) -> list[Document]:
    """Read every valid document under ``paths``; raise DocumentError listing all problems."""
    summary = validate_paths(paths, keep_documents=True)
    if summary.problems or summary.path_problems:
        raise DocumentError((*summary.path_problems, *summary.problems))
    return list(summary.documents)
