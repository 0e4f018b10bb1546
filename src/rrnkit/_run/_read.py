"""Read: one partition read and validated; held reading; accepted records read again."""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import IO, cast

import attrs

from rrnkit._internal.digests import has_bit, id_digest
from rrnkit._run._ledger import Ledger
from rrnkit._run._plan import Partition, Plan, Scan
from rrnkit.convert import Migrations
from rrnkit.io import JsonLimits, Reader, ReadLog, RecordResult, iter_records, unreadable
from rrnkit.rules import Outcome, RuleSet


@attrs.frozen
class Settings:
    """What every task needs besides its partition, shared as one Dask value."""

    limits: JsonLimits | None
    migrations: Migrations
    check: bool
    ruleset: RuleSet | None = None
    as_of: dt.date | None = None
    keep: frozenset[Outcome] | None = None
    max_problems: int | None = None


@attrs.frozen
class ReadPart:
    """What reading one partition found, for the merge to take in reading order."""

    read: int = 0
    skipped: int = 0
    pseudonymised: int = 0
    """Valid records that are pseudonymised copies."""
    records: int = 0
    """Non-blank lines of a piece (its share of the file's record count)."""
    lines_read: int = 0
    """Lines of a piece, blank ones included (what the next piece's numbers start after)."""
    numbered_from: int = 0
    """The number of lines the piece's numbers were counted on from (see :func:`collect`)."""
    others: tuple[RecordResult, ...] = ()
    """Invalid records, and (when checking) valid held documents, in line order."""
    lines: array[int] = attrs.Factory(lambda: array("Q"))
    """Lines of valid documents not held: streamed ones (incidents) when checking, every
    valid one when validating; in order."""
    digests: array[int] = attrs.Factory(lambda: array("Q"))
    """The 64-bit digest of each one's id (checking: of the incident id; validating: of
    kind and id), for the ledger to find repeats."""
    log: ReadLog | None = None
    """Path problems and the fingerprint of a ``.json`` file (a piece's come from its scan)."""
    sha256: str | None = None
    """The SHA-256 of the bytes this partition read, to tell whether a later read matches."""
    interrupted: bool = False
    """Whether Ctrl-C stopped the reading: the part holds what was read before it."""


class Range:
    """A binary file seen only up to ``length`` bytes from where it stands."""

    def __init__(self, handle: IO[bytes], length: int) -> None:
        self._handle = handle
        self._left = length

    def _room(self, size: int) -> int:
        return self._left if size < 0 else min(size, self._left)

    def read(self, size: int = -1) -> bytes:
        """Read at most ``size`` bytes, never past the end of the range."""
        data = self._handle.read(self._room(size))
        self._left -= len(data)
        return data

    def readline(self, limit: int = -1) -> bytes:
        """Read one line of at most ``limit`` bytes, never past the end of the range."""
        room = self._room(limit)
        if room <= 0:
            return b""
        data = self._handle.readline(room)
        self._left -= len(data)
        return data


def piece_records(
    part: Partition,
    scan: Scan,
    settings: Settings,
    structure: bool | Callable[[str], bool],
    wanted: Callable[[int], bool] | None = None,
    finished: list[Reader] | None = None,
) -> Iterator[RecordResult | None]:
    """Read the records of one piece of a JSON Lines file, numbered as in the whole file.

    ``finished`` receives the reader as soon as it starts: once the piece is
    read, its count of non-blank lines and the fingerprint of its bytes. A
    file read whole (one piece) is always fingerprinted: that is the file's
    own fingerprint.
    """
    start, lines_before = scan.starts[part.piece]
    if part.piece + 1 < len(scan.starts):
        length = scan.starts[part.piece + 1][0] - start
    else:
        assert scan.input is not None
        length = scan.input.size - start
    whole = part.piece == 0 and part.last
    with open(part.source, "rb") as handle:
        handle.seek(start)
        reader = Reader(
            # a file read whole is read to its end, in raw blocks, as one process reads it
            handle if whole else cast(IO[bytes], Range(handle, length)),
            part.source,
            settings.limits or JsonLimits(),
            settings.migrations,
            structure,
            wanted,
            trusted=wanted is not None,
            # a check reads pieces again, comparing their fingerprints
            hashed=settings.check or whole,
            # a byte order mark may open a file, never a later piece of it
            at_start=start == 0,
        )
        if finished is not None:
            finished.append(reader)
        yield from reader.stream(first_number=lines_before)
        reader.finished = True


def read_partition(
    part: Partition,
    scan: Scan | None,
    settings: Settings,
    progress: Callable[[int], None] | None = None,
) -> ReadPart:
    """Read and validate one partition (a task); incidents are validated, not loaded.

    ``progress`` hears the records read so far, every :data:`PROGRESS_EVERY`.
    Ctrl-C stops the reading: the part then holds what was read before it,
    and says it was interrupted.
    """
    structure: bool | Callable[[str], bool] = STREAMED.__ne__ if settings.check else False
    if scan is not None and scan.input is None:
        return ReadPart()
    log: ReadLog | None = None
    finished: list[Reader] = []
    if scan is None:  # a .json file, read whole and fingerprinted in the log
        log = ReadLog()
        records: Iterable[RecordResult | None] = iter_records(
            [part.source],
            limits=settings.limits,
            migrations=settings.migrations,
            log=log,
            structure=structure,
        )
    else:
        records = piece_records(part, scan, settings, structure, finished=finished)
    read = skipped = pseudonymised = 0
    others: list[RecordResult] = []
    lines, digests = array("Q"), array("Q")
    interrupted = False
    check = settings.check
    try:
        for record in records:
            if record is None:
                skipped += 1
                continue
            read += 1
            pseudonymised += record.pseudonymised
            if record.problems:
                others.append(record)
            elif not check:  # validation: the ledger compares every document's kind and id
                lines.append(record.line)
                digests.append(id_digest(f"{record.kind}\x00{record.ident}"))
            elif record.kind == STREAMED:
                lines.append(record.line)
                digests.append(id_digest(record.ident or ""))
            else:
                others.append(record)
            if progress is not None and read % PROGRESS_EVERY == 0:
                progress(read)
    except OSError as exc:  # the file changed or went away after it was scanned
        log = ReadLog(path_problems=[unreadable(part.source, exc)])
    except KeyboardInterrupt:
        interrupted = True
        if isinstance(records, Generator):
            records.close()  # a .json file's log records what was read of it
    sha256: str | None = None
    if finished:
        sha256 = finished[0].sha256() if finished[0].finished else None
    elif log is not None and log.inputs:
        sha256 = log.inputs[0].sha256
    return ReadPart(
        read=read,
        skipped=skipped,
        pseudonymised=pseudonymised,
        records=sum(reader.records for reader in finished),
        lines_read=sum(reader.lines for reader in finished),
        numbered_from=0 if scan is None else scan.starts[part.piece][1],
        sha256=sha256,
        others=tuple(others),
        lines=lines,
        digests=digests,
        log=log,
        interrupted=interrupted,
    )


def numbered(plan: Plan, scans: list[Scan | None], reads: list[ReadPart]) -> list[Scan | None]:
    """Fill in the lines before each piece from the lines the pieces before it read."""
    before: dict[int, list[tuple[int, int]]] = {}
    lines: Counter[int] = Counter()
    for part, found in zip(plan.parts, reads, strict=True):
        scan = scans[part.file]
        if scan is None or scan.input is None:
            continue
        before.setdefault(part.file, []).append((scan.starts[part.piece][0], lines[part.file]))
        lines[part.file] += found.lines_read
    numbered: list[Scan | None] = []
    for file, scan in enumerate(scans):
        starts = before.get(file)
        if scan is not None and starts is not None:
            scan = attrs.evolve(scan, starts=tuple(starts))
        numbered.append(scan)
    return numbered


Progress = Callable[[int], None]
"""Called with the number of records read so far (about every thousand)."""


PROGRESS_EVERY = 1000


STREAMED = "incident"
"""The kind ``check`` streams (reads twice) rather than holds: there can be millions."""


def read_held(
    paths: Iterable[str | Path],
    *,
    keep: bool,
    limits: JsonLimits | None,
    migrations: Migrations,
    stdin: IO[bytes] | None,
    progress: Progress | None,
) -> Ledger:
    """Read everything as one held partition, every record through the ledger.

    For standard input, which cannot be read twice; with ``keep`` every valid
    document is built and held (a check), without it only validated.
    """
    got = Ledger(log=ReadLog())
    records = iter_records(
        paths, limits=limits, migrations=migrations, log=got.log, stdin=stdin, structure=keep
    )
    try:
        for record in records:
            if record is None:
                got.skipped += 1
                continue
            got.read += 1
            got.pseudonymised += record.pseudonymised
            if keep:
                got.take(record)
            else:  # validation holds nothing, but still finds repeated documents
                got.take_once(record)
            if progress is not None and got.read % PROGRESS_EVERY == 0:
                progress(got.read)
    except KeyboardInterrupt:
        got.interrupted = True
    finally:
        records.close()  # logs the file being read when the run stopped
    return got


def read_again(
    source: str,
    lines: bytearray,
    kind: str,
    limits: JsonLimits | None,
    migrations: Migrations,
    first: str | None,
    changed: list[str],
) -> Iterator[RecordResult]:
    """Read the documents of ``kind`` on the accepted ``lines`` of a file again, built.

    They were validated on the first read, so they are only parsed and built
    now; the file is added to ``changed`` when its SHA-256 differs from
    ``first`` (the first read's) or it can no longer be read.
    """

    def wanted(number: int) -> bool:
        return has_bit(lines, number)

    log = ReadLog()
    records = iter_records(
        [source],
        limits=limits,
        migrations=migrations,
        log=log,
        structure=kind.__eq__,
        wanted=wanted,
        trusted=True,
    )
    yield from accepted(records, kind, wanted)
    again = log.inputs[0].sha256 if log.inputs and not log.path_problems else None
    if again is None or again != first:
        changed.append(source)


def accepted(
    records: Iterable[RecordResult | None], kind: str, wanted: Callable[[int], bool]
) -> Iterator[RecordResult]:
    """Keep the structured documents of ``kind`` on the wanted lines, in reading order."""
    for record in records:
        if (
            record is not None
            and record.kind == kind
            and record.document is not None
            and wanted(record.line)  # also for .json files, which are read whole
        ):
            yield record


def accepted_records(
    part: Partition,
    scan: Scan | None,
    bits: bytearray,
    settings: Settings,
    first: str | None,
    changed: list[str],
) -> Iterator[RecordResult]:
    """Read one partition's accepted incidents again, loaded, in reading order.

    They are not validated again: the partition's source is added to
    ``changed`` when its bytes differ from ``first`` (the first read's
    fingerprint) or it can no longer be read.
    """
    if not any(bits):
        return
    if scan is None:  # a .json file, read whole
        limits, migrations = settings.limits, settings.migrations
        yield from read_again(part.source, bits, STREAMED, limits, migrations, first, changed)
        return

    def wanted(number: int) -> bool:
        return has_bit(bits, number)

    finished: list[Reader] = []
    records = piece_records(part, scan, settings, STREAMED.__eq__, wanted, finished)
    yield from accepted(records, STREAMED, wanted)
    again = finished[0].sha256() if finished else None
    if again is None or again != first:
        changed.append(part.source)
