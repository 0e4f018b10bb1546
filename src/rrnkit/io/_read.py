"""The reading pipeline: bytes -> JSON -> envelope -> schema -> model, per record.

Reading never raises for bad input: every record is either valid or invalid
with located problems, every file is fingerprinted (SHA-256), and JSON Lines
are read in blocks and taken one line at a time, so a stream of any length
needs constant memory.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from rrnkit._internal.paths import Paths, as_path_list
from rrnkit._internal.pseudonymised import is_pseudonymised
from rrnkit.convert import (
    NO_MIGRATIONS,
    JsonLimits,
    JsonSyntaxError,
    Migrations,
    fast_loads,
    load,
    load_checked,
    locate_all,
    parse_json,
)
from rrnkit.convert.envelope import read_envelope, upgrade
from rrnkit.io._fingerprint import Fingerprint
from rrnkit.model import DOCUMENT_TYPES, SCHEMA_VERSION, Document
from rrnkit.problems import DocumentError, Problem
from rrnkit.report import InputFile
from rrnkit.schema import fast_validator, validate

DOCUMENT_SUFFIXES = (".json", ".jsonl", ".ndjson")
"""File endings read when a folder is given."""
STDIN = "-"
"""The path that means standard input."""
STREAM_SUFFIXES = (".jsonl", ".ndjson")
"""Suffixes of JSON Lines files, read one line (one document) at a time."""
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20
_JSON_WS = b" \t\r\n"


def _blank(raw: bytes, first: bool) -> bool:
    """Tell whether a JSON Lines line is blank: only JSON whitespace (space, tab, CR, LF).

    One rule for files and standard input. A form feed or vertical tab is not
    JSON whitespace, so a line holding one is a record (and a syntax error),
    never skipped. A byte order mark may open the ``first`` line of a file,
    and no other.
    """
    if first:
        raw = raw.removeprefix(_BOM)
    return not raw.strip(_JSON_WS)


@attrs.frozen(kw_only=True)
class RecordResult:
    """One record read: the document when valid, else its problems."""

    source: str
    """File the record came from (``-`` for standard input)."""
    line: int
    """Line where the record starts (1 for a ``.json`` file)."""
    document: Document | None
    """The loaded document (None when invalid, or when not asked to structure it)."""
    problems: tuple[Problem, ...] = ()
    """Every problem found; empty when valid."""
    text: str | None = attrs.field(default=None, repr=False, eq=False)
    """The record's text, kept only for ``.json`` files so findings can be located."""
    kind: str | None = None
    """The valid document's kind, also when it was not structured."""
    ident: str | None = None
    """The valid document's id, also when it was not structured."""
    pseudonymised: bool = False
    """Whether the valid document is a pseudonymised copy (``rrnkit pseudonymise`` marks it)."""

    @property
    def valid(self) -> bool:
        """Whether the record has no problems."""
        return not self.problems


def _locate(
    problems: Iterable[Problem], text: str, source: str, first_line: int
) -> tuple[Problem, ...]:
    """Fill in file, line and column, walking the record's text once for all problems."""
    problems = tuple(problems)
    try:
        places = locate_all(text, [p.pointer for p in problems if p.line is None])
    except ValueError:  # locating is best effort; the pointer still says where
        places = {}
    located = []
    for problem in problems:
        place = places.get(problem.pointer) if problem.line is None else None
        if place is None:
            located.append(problem.located(source=source, line=first_line))
        else:
            line, column = place
            located.append(
                problem.located(source=source, line=first_line + line - 1, column=column)
            )
    return tuple(located)


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
    located = _locate(problems, text, source, line) if problems else ()
    if document is not None:
        return RecordResult(
            source=source,
            line=line,
            document=document,
            kind=document.kind,
            ident=document.id,
            pseudonymised=is_pseudonymised(document.extensions),
        )
    return RecordResult(source=source, line=line, document=document, problems=located)


def _invalid(source: str, line: int, code: str, message: str) -> RecordResult:
    problem = Problem(code=code, message=message, source=source, line=line)
    return RecordResult(source=source, line=line, document=None, problems=(problem,))


def _too_large(source: str, line: int, limits: JsonLimits) -> RecordResult:
    message = f"is larger than the {limits.max_record_bytes}-byte record limit"
    return _invalid(source, line, "record.too-large", message)


def _decode(raw: bytes, source: str, line: int) -> str | RecordResult:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _invalid(
            source, line, "file.not-utf8", f"is not UTF-8 text (bad byte at offset {exc.start})"
        )


class Reader:
    """Reads one source, counting and fingerprinting it as it goes.

    The low-level reader under :func:`iter_records`, for a run that splits
    files itself: open the source, then iterate :meth:`document` (a ``.json``
    file), :meth:`stream` (JSON Lines) or :meth:`standard_input`; set
    ``finished`` once the whole source was read, then :meth:`input_file`
    describes it. ``structure``, ``wanted`` and ``trusted`` mean what they mean
    for :func:`iter_records`; ``hashed=False`` skips the fingerprint (not needed
    to read a piece of a file).
    """

    def __init__(
        self,
        handle: IO[bytes],
        source: str,
        limits: JsonLimits,
        migrations: Migrations,
        structure: bool | Callable[[str], bool] = True,
        wanted: Callable[[int], bool] | None = None,
        trusted: bool = False,
        hashed: bool = True,
        at_start: bool = True,
    ) -> None:
        self.handle = handle
        self.at_start = at_start
        """Whether the handle is at the file's first byte (where alone a byte order mark may be)."""
        self.hashed = hashed
        """Whether what is read is fingerprinted (not needed to validate a piece of a file)."""
        self.structure = structure
        self.wanted = wanted
        self.trusted = trusted
        self.source = source
        self.limits = limits
        self.migrations = migrations
        self.fingerprint = Fingerprint()
        self.size = 0
        self.records = 0
        self.lines = 0
        """Lines a stream was read through, blank ones included."""
        self.finished = False

    def _took(self, data: bytes) -> bytes:
        """Count (and fingerprint) bytes just read."""
        if self.hashed:
            self.fingerprint.update(data)
        self.size += len(data)
        return data

    def _read(self, size: int = -1) -> bytes:
        return self._took(self.handle.read(size))

    def _readline(self, limit: int) -> bytes:
        return self._took(self.handle.readline(limit))

    def _load(self, raw: bytes, line: int) -> RecordResult:
        if line == 1 and self.at_start and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        fast = self._fast(raw, line)
        if fast is not None:
            return fast
        decoded = _decode(raw, self.source, line)
        if isinstance(decoded, RecordResult):
            return decoded
        return load_text(
            decoded,
            source=self.source,
            line=line,
            limits=self.limits,
            migrations=self.migrations,
        )

    def _fast(self, raw: bytes, line: int) -> RecordResult | None:
        """Take a valid record down the fast path; None sends it down the strict one.

        A trusted reader reads again records an earlier pass found valid, so it
        does not check them again (if the file changed since, the caller's
        fingerprint comparison says so; a record that no longer loads takes the
        strict path).
        """
        data = fast_loads(raw, self.limits, unique=self.trusted)
        if data is None:
            return None
        kind = data.get("kind")
        if data.get("schema_version") != SCHEMA_VERSION or type(kind) is not str:
            return None
        if kind not in DOCUMENT_TYPES:
            return None
        if not self.trusted:
            valid = fast_validator(kind)
            if valid is None or not valid(data):
                return None
        wanted = self.structure(kind) if callable(self.structure) else self.structure
        try:
            document = load_checked(data) if wanted else None
        except DocumentError:  # only when trusted: the file changed since it was checked
            return None
        return RecordResult(
            source=self.source,
            line=line,
            document=document,
            kind=kind,
            ident=data.get("id"),
            pseudonymised=is_pseudonymised(data.get("extensions")),
        )

    def document(self) -> Iterator[RecordResult | None]:
        """Read the whole source as one document (a ``.json`` file)."""
        raw = self._read(self.limits.max_record_bytes + 1)
        self.records = 1
        if len(raw) > self.limits.max_record_bytes:
            while self._read(_CHUNK):  # fingerprint the rest without keeping it
                pass
            yield _too_large(self.source, 1, self.limits)
            return
        result = self._load(raw, 1)
        if result.document is not None:
            # keep the text so rule findings can be located by line later
            result = attrs.evolve(result, text=raw.decode("utf-8-sig"))
        yield result

    def _blocks(self) -> Iterator[bytes]:
        """Read the rest of the source in large blocks, fingerprinting each.

        One raw read a block where the handle allows (so standard input is
        not held back waiting for a full block); the fingerprint is then taken
        on the helper thread.
        """
        read = getattr(self.handle, "read1", self.handle.read)
        while block := read(_CHUNK):
            yield self._took(block)

    def _lines(self, first: bytes) -> Iterator[bytes | None]:
        """Yield each line of the source from ``first`` on, without its line feed.

        ``first`` is the start of the rest, already read and fingerprinted. A
        line longer than the record limit is yielded as None, and skipped
        without being kept.
        """
        limit = self.limits.max_record_bytes
        pending: list[bytes] = []  # the start of a line that goes on in the next block
        size = 0  # of what is pending
        skipping = False  # within a line found too long, up to its line feed
        for block in itertools.chain((first,) if first else (), self._blocks()):
            lines = block.split(b"\n")
            tail = lines.pop()
            if lines:
                if skipping:
                    del lines[0]
                    skipping = False
                elif pending:
                    lines[0] = b"".join((*pending, lines[0]))
                for line in lines:
                    yield None if len(line) > limit else line
                pending, size = [tail], len(tail)
            elif not skipping:
                pending.append(tail)
                size += len(tail)
            if size > limit:
                yield None
                pending, size, skipping = [], 0, True
        if size:
            yield b"".join(pending)

    def stream(self, first: bytes = b"", first_number: int = 0) -> Iterator[RecordResult | None]:
        """Read the source as JSON Lines; None marks a skipped blank line."""
        number = first_number
        wanted = self.wanted
        for raw in self._lines(first):
            number += 1
            if raw is None:
                self.records += 1
                yield _too_large(self.source, number, self.limits)
                continue
            stripped = raw.rstrip(b"\r\n")
            if _blank(stripped, self.at_start and number == 1):
                yield None
                continue
            self.records += 1
            if wanted is None or wanted(number):
                yield self._load(stripped, number)
        self.lines = number - first_number

    def standard_input(self) -> Iterator[RecordResult | None]:
        """Read standard input as JSON Lines, or as one document when it spans lines.

        The first non-blank line decides: a complete JSON value there means
        JSON Lines (read in constant memory); otherwise the whole input is one
        document, as in a ``.json`` file.
        """
        head: list[bytes] = []
        while True:
            raw = self._readline(self.limits.max_record_bytes + 1)
            if not raw:
                break
            head.append(raw)
            if not _blank(raw, len(head) == 1):
                break
        if not head:
            return
        first = head[-1]
        try:
            parse_json(first.lstrip(_BOM).decode("utf-8"), limits=self.limits)
            is_stream = True
        except (JsonSyntaxError, UnicodeDecodeError):
            is_stream = False
        if is_stream:
            for _ in head[:-1]:
                yield None
            yield from self.stream(first, len(head) - 1)
            return
        rest = self._read(self.limits.max_record_bytes + 1)
        raw = b"".join(head) + rest
        self.records = 1
        if len(raw) > self.limits.max_record_bytes:
            while self._read(_CHUNK):
                pass
            yield _too_large(self.source, 1, self.limits)
            return
        yield self._load(raw, 1)

    def sha256(self) -> str | None:
        """Return the SHA-256 of what was read, as hex (None when not hashed)."""
        return self.fingerprint.hexdigest() if self.hashed else None

    def input_file(self) -> InputFile:
        """Describe what was read of this source."""
        digest = self.sha256() if self.finished else None
        self.fingerprint.settle()
        return InputFile(path=self.source, sha256=digest, size=self.size, records=self.records)


def unreadable(source: str, error: OSError) -> Problem:
    """Return the ``path.unreadable`` problem of a file or folder that could not be read."""
    if isinstance(error, PermissionError):
        reason = "permission denied"
    elif isinstance(error, IsADirectoryError):
        reason = "is a folder"
    else:
        reason = error.strerror or "cannot be read"
    return Problem(code="path.unreadable", message=reason, source=source)


def duplicate_id(source: str, line: int, first_source: str, first_line: int) -> Problem:
    """Report the document at ``source:line`` as repeating the one read first."""
    where = f"{first_source}:{first_line}"
    return Problem(
        code="document.duplicate-id",
        message=f"repeats the kind and id of the document at {where}; only the first is used",
        pointer="/id",
        source=source,
        line=line,
    )


def _documents_under(folder: Path, problems: list[Problem]) -> list[str]:
    """List document files below ``folder``; a subfolder that cannot be read is a problem."""

    def skipped(error: OSError) -> None:
        source = os.fsdecode(error.filename) if error.filename is not None else str(folder)
        problems.append(unreadable(source, error))

    found = []
    for directory, subfolders, names in os.walk(folder, onerror=skipped):
        subfolders.sort()
        for name in names:
            candidate = Path(directory, name)
            if candidate.suffix.lower() in DOCUMENT_SUFFIXES and candidate.is_file():
                found.append(str(candidate))
    return sorted(found)


def expand_paths(paths: Paths) -> tuple[list[str], list[Problem]]:
    """Expand folders (recursively, document suffixes only) into files, in a stable order.

    ``paths`` is one path (``str`` or ``os.PathLike[str]``) or an iterable of
    them (:data:`Paths`; a string is one path); ``"-"`` (standard input) is
    kept as it is. Returns the files, and a problem for each path that does
    not exist or names a folder without documents. ``bytes``, or an item that
    is not a path, raises :class:`TypeError`; no paths give no files.
    """
    files: list[str] = []
    problems: list[Problem] = []
    for source in as_path_list(paths):
        if source == STDIN:
            files.append(STDIN)
            continue
        path = Path(source)
        if path.is_dir():
            found = _documents_under(path, problems)
            if not found:
                message = "folder holds no .json, .jsonl or .ndjson file"
                problems.append(Problem(code="path.no-documents", message=message, source=source))
            files.extend(found)
        elif path.exists():
            files.append(source)
        else:
            message = "no such file or folder"
            problems.append(Problem(code="path.not-found", message=message, source=source))
    return files, problems


@attrs.define
class ReadLog:
    """What reading found besides records: paths that failed, and each file read."""

    path_problems: list[Problem] = attrs.Factory(list)
    inputs: list[InputFile] = attrs.Factory(list)


def iter_records(
    paths: Paths,
    *,
    limits: JsonLimits | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    log: ReadLog | None = None,
    stdin: IO[bytes] | None = None,
    structure: bool | Callable[[str], bool] = True,
    wanted: Callable[[int], bool] | None = None,
    trusted: bool = False,
) -> Generator[RecordResult | None, None, None]:
    """Yield every record of every path, lazily; None marks a skipped blank line.

    ``paths`` is one path (``str`` or ``os.PathLike[str]``) or an iterable of
    them (:data:`Paths`; a string is one path, ``"-"`` standard input). It is
    checked, and an iterable read, when this function is called, not when
    iteration starts: ``bytes``, or an item that is not a path, raises
    :class:`TypeError` at once. Problems with the paths themselves, and a
    fingerprint of each file read, go to ``log``. With ``structure=False``
    valid records carry no model object (validation alone is much faster); a
    callable chooses by kind. ``wanted`` (by line number) skips the other
    lines of a stream without parsing them. ``trusted=True`` is for reading
    again the lines an earlier pass found valid: they are parsed and built but
    not validated again, so compare the files' fingerprints in ``log`` with
    the earlier pass's.
    """
    return _records(
        as_path_list(paths),
        limits=limits or JsonLimits(),
        migrations=migrations,
        log=log if log is not None else ReadLog(),
        stdin=stdin,
        structure=structure,
        wanted=wanted,
        trusted=trusted,
    )


def _records(
    paths: list[str],
    *,
    limits: JsonLimits,
    migrations: Migrations,
    log: ReadLog,
    stdin: IO[bytes] | None,
    structure: bool | Callable[[str], bool],
    wanted: Callable[[int], bool] | None,
    trusted: bool,
) -> Generator[RecordResult | None, None, None]:
    """Read what :func:`iter_records` was given, once its arguments are checked."""
    files, problems = expand_paths(paths)
    log.path_problems.extend(problems)
    for source in files:
        reader: Reader | None = None
        try:
            if source == STDIN:
                handle = stdin if stdin is not None else sys.stdin.buffer
                reader = Reader(handle, source, limits, migrations, structure)
                yield from reader.standard_input()
            else:
                with open(source, "rb") as opened:
                    reader = Reader(opened, source, limits, migrations, structure, wanted, trusted)
                    is_stream = Path(source).suffix.lower() in STREAM_SUFFIXES
                    yield from reader.stream() if is_stream else reader.document()
            reader.finished = True
        except OSError as exc:
            log.path_problems.append(unreadable(source, exc))
        finally:  # also when the run is interrupted mid-file: it was read, in part
            if reader is not None:
                log.inputs.append(reader.input_file())
