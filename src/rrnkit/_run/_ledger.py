"""The ledger: what a run has seen, and the one rule for what it accepts.

Every command that reads documents takes each record through a ledger, in
reading order: an invalid record is counted invalid with its problems; a valid
document whose kind and id were read before is a ``document.duplicate-id``
problem (the first one wins, the later one is counted invalid); every other
valid document is accepted. So records read = valid + invalid, whatever the
command, and a repeated document is handled alike everywhere.

Documents of the *streamed* kind (incidents, in a check) are not held: the
ledger keeps a 64-bit digest of each id with where it was first read, and a
bit per line of each source marking the accepted ones, so they can be read
again later. Held documents are kept whole, with where they were read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from rrnkit._internal.digests import DigestTable, id_digest, set_bit
from rrnkit.io import ReadLog, RecordResult, duplicate_id
from rrnkit.model import Document
from rrnkit.problems import Problem

__all__ = ["Ledger"]


@attrs.define
class Ledger:
    """Everything reading produced, in reading order, and what was accepted."""

    log: ReadLog
    """Path problems, and the fingerprint of each file read."""
    read: int = 0
    valid: int = 0
    skipped: int = 0
    """Blank lines passed over (neither valid nor invalid: they hold no record)."""
    pseudonymised: int = 0
    """Valid records read that are pseudonymised copies (names and free text removed)."""
    problems: list[Problem] = attrs.Factory(list)
    documents: list[Document] = attrs.Factory(list)
    """Accepted held documents, in reading order."""
    where: dict[tuple[str, str], RecordResult] = attrs.Factory(dict)
    """Where each accepted held document was read (its record, without the document)."""
    interrupted: bool = False
    streamed: str | None = None
    """The kind read twice instead of held (incidents), or None to hold everything."""
    first_seen: DigestTable = attrs.Factory(lambda: DigestTable())
    """Where each streamed document was first read (source number << 32 | line), by a
    64-bit digest of its id: 16 to 40 bytes a document."""
    accepted: dict[str, bytearray] = attrs.Factory(dict)
    """A bit per line of each source: set where a valid, first-seen streamed document is."""
    sources: list[str] = attrs.Factory(list)
    """Sources with streamed documents, in the order they were first met."""
    on_problem: Callable[[Problem], None] | None = None
    """Where problems go as they are found, instead of :attr:`problems` (a one-pass
    command prints them at once, so a bad stream takes no memory)."""

    def problem(self, problem: Problem) -> None:
        """Keep (or hand on) one problem."""
        if self.on_problem is not None:
            self.on_problem(problem)
        else:
            self.problems.append(problem)

    def take_once(self, record: RecordResult) -> bool:
        """Count one record read by a one-pass command; return whether it is accepted.

        The same rule as :meth:`take`, with no document held: a record with
        problems is invalid, a document whose kind and id were read before is a
        duplicate (the first wins), every other one is accepted and counted valid.
        """
        if record.problems:
            for problem in record.problems:
                self.problem(problem)
            return False
        digest = id_digest(f"{record.kind}\x00{record.ident}")
        seen = self.first_seen.get(digest)
        if seen is not None:
            first_source = self.sources[seen >> 32]
            self.problem(duplicate_id(record.source, record.line, first_source, seen & 0xFFFFFFFF))
            return False
        if not self.sources or self.sources[-1] != record.source:
            self.sources.append(record.source)
        self.first_seen[digest] = (len(self.sources) - 1) << 32 | record.line
        self.valid += 1
        return True

    @property
    def invalid(self) -> int:
        """Records read that were not accepted: invalid ones and duplicates."""
        return self.read - self.valid

    def take(self, record: RecordResult) -> None:
        """Count one held record as valid or invalid, keeping its document or its problems.

        Streamed documents (and every valid one when validating) come through
        :meth:`take_streamed` instead, by digest, without a document.
        """
        if record.problems:
            for problem in record.problems:
                self.problem(problem)
            return
        document = record.document
        if document is not None:
            key = (document.kind, document.id)
            first = self.where.get(key)
            if first is not None:
                self.problem(duplicate_id(record.source, record.line, first.source, first.line))
                return
            self.where[key] = attrs.evolve(record, document=None)
            self.documents.append(document)
        self.valid += 1

    def take_streamed(self, source: str, line: int, digest: int) -> bool:
        """Count a valid streamed document, unless a document with its id was read before.

        ``digest`` is :func:`~rrnkit._internal.digests.id_digest` of its id. Return whether it
        was accepted (first seen).
        """
        seen = self.first_seen.get(digest)
        if seen is not None:
            first_source = self.sources[seen >> 32]
            self.problem(duplicate_id(source, line, first_source, seen & 0xFFFFFFFF))
            return False
        bits = self.accepted.get(source)
        if bits is None:
            bits = self.accepted[source] = bytearray()
            self.sources.append(source)
        self.first_seen[digest] = (len(self.sources) - 1) << 32 | line
        set_bit(bits, line)
        self.valid += 1
        return True

    def report_changed(self, changed: Iterable[str]) -> None:
        """Report files that changed between two reads: results drawn from them are unreliable."""
        for source in dict.fromkeys(changed):
            message = "changed while it was being checked; check it again"
            self.log.path_problems.append(
                Problem(code="path.changed", message=message, source=source)
            )
