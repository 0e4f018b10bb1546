"""Plan: the input as partitions in reading order, and scans of JSON Lines files.

Each ``.json`` file is one partition; a JSON Lines file is one partition or several
pieces cut at line starts, each knowing the number of lines before it.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from rrnkit.io import STDIN, STREAM_SUFFIXES, expand_paths, unreadable
from rrnkit.problems import Problem
from rrnkit.report import InputFile


@attrs.frozen
class Partition:
    """One task's share of the input: a ``.json`` file, or a piece of a JSON Lines file."""

    number: int
    """Position in the run: partitions are merged in this order, which is reading order."""
    file: int
    """Position of the file among every file read."""
    source: str
    piece: int
    """Which piece of the file (0 for a ``.json`` file)."""
    last: bool
    """Whether it is the file's last piece (always, for a ``.json`` file)."""


@attrs.frozen
class Scan:
    """A JSON Lines file read once through: its fingerprint and where its pieces start."""

    input: InputFile | None
    """Size and SHA-256 (records are counted by the pieces); None when unreadable."""
    problem: Problem | None
    """Why the file could not be read, if it could not."""
    starts: tuple[tuple[int, int], ...] = ()
    """Each piece's first byte and the number of lines before it (0 until counted, when
    the scan only found where the pieces start: see :func:`numbered`)."""


@attrs.frozen
class Plan:
    """How the input is shared out: problems with the paths, and every partition in order."""

    path_problems: tuple[Problem, ...]
    parts: tuple[Partition, ...]
    cuts: tuple[tuple[int, ...] | None, ...]
    """For each file, the byte offsets its pieces are cut near (None for a ``.json`` file)."""


def without_stdin(files: list[str], why: str) -> tuple[list[str], list[Problem]]:
    """Take standard input out of ``files`` for a reader that cannot read it; say ``why``.

    Returns the other files and, when ``-`` was among them, one
    ``path.unreadable`` problem located at standard input.
    """
    if STDIN not in files:
        return files, []
    problem = Problem(code="path.unreadable", message=why, source=STDIN)
    return [f for f in files if f != STDIN], [problem]


def make_plan(
    paths: Iterable[str | Path], partition_size: int, *, pieces: int | None = None
) -> Plan:
    """List the files and cut each JSON Lines file into pieces of about ``partition_size``.

    With ``pieces``, each JSON Lines file is cut into that many pieces instead,
    but none smaller than ``partition_size`` (so small files stay whole).
    """
    if isinstance(partition_size, bool) or not isinstance(partition_size, int):
        raise TypeError("partition_size is a number of bytes")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1 byte")
    files, problems = expand_paths(paths)
    if STDIN in files:
        raise ValueError("standard input cannot be shared out over Dask: use rrnkit.validate")
    parts: list[Partition] = []
    cuts: list[tuple[int, ...] | None] = []
    for number, source in enumerate(files):
        if Path(source).suffix.lower() not in STREAM_SUFFIXES:
            cuts.append(None)
            parts.append(Partition(len(parts), number, source, 0, last=True))
            continue
        try:
            size = os.stat(source).st_size
        except OSError:
            size = 0  # the scan reports why
        count = max(1, math.ceil(size / partition_size))
        step = partition_size
        if pieces is not None:
            count = min(count, pieces)
            step = math.ceil(size / count)
        cuts.append(tuple(step * k for k in range(1, count)))
        for piece in range(count):
            parts.append(Partition(len(parts), number, source, piece, piece + 1 == count))
    return Plan(path_problems=tuple(problems), parts=tuple(parts), cuts=tuple(cuts))


CHUNK = 1 << 20


def cut_and_fingerprint(source: str, cuts: Sequence[int]) -> Scan:
    """Fingerprint a JSON Lines file and find the line start at or after each cut.

    Pieces therefore never split a line, and each knows its first line's number.
    """
    digest = hashlib.sha256()
    starts = [(0, 0)]
    size = newlines = 0
    pending = iter(cuts)
    cut = next(pending, None)
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                while cut is not None and cut - 1 < size + len(chunk):
                    at = chunk.find(b"\n", max(cut - 1 - size, 0))
                    if at < 0:
                        break
                    starts.append((size + at + 1, newlines + chunk.count(b"\n", 0, at + 1)))
                    cut = next(pending, None)
                newlines += chunk.count(b"\n")
                size += len(chunk)
    except OSError as exc:
        return Scan(input=None, problem=unreadable(source, exc))
    while cut is not None:  # cuts past the last line start
        starts.append((size, newlines))
        cut = next(pending, None)
    found = InputFile(path=source, sha256=digest.hexdigest(), size=size, records=0)
    return Scan(input=found, problem=None, starts=tuple(starts))


def cut_at_line_starts(source: str, cuts: Sequence[int]) -> Scan:
    """Find the line start at or after each cut, reading only from the cuts on.

    Neither fingerprinted nor counted: every piece is then numbered from 0 as
    it is read, and :func:`numbered` counts the lines before each from the
    pieces' own counts. Reading the whole file here would be a pass that
    nothing else runs beside.
    """
    starts = [(0, 0)]
    try:
        with open(source, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            for cut in cuts:
                position = cut - 1  # so a line ending just before the cut starts a piece at it
                handle.seek(position)
                while block := handle.read(1 << 16):
                    at = block.find(b"\n")
                    if at >= 0:
                        position += at + 1
                        break
                    position += len(block)
                starts.append((min(position, size), 0))
    except OSError as exc:
        return Scan(input=None, problem=unreadable(source, exc))
    found = InputFile(path=source, sha256=None, size=size, records=0)
    return Scan(input=found, problem=None, starts=tuple(starts))


def fingerprint(source: str) -> str | None:
    """Return a file's SHA-256 (None if it cannot be read: its scan says why)."""
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def scan_file(
    plan: Plan, file: int, scan: Callable[[str, Sequence[int]], Scan] = cut_and_fingerprint
) -> Scan:
    """Scan one JSON Lines file of the plan (a task).

    See :func:`cut_and_fingerprint` and :func:`cut_at_line_starts`.
    """
    cuts = plan.cuts[file]
    assert cuts is not None
    source = next(part.source for part in plan.parts if part.file == file)
    return scan(source, cuts)
