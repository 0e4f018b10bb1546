"""The result spool: every outcome of a run kept in bounded memory, given back in order.

A check that keeps every outcome (``--outcomes all``) makes one result per rule
and subject: tens of millions in a large run. The spool holds at most
``limit`` of them; past that it sorts what it holds and writes it to a run file
in a private temporary folder, and when read it merges the sorted runs
(an external merge sort), so memory stays flat whatever the number of records.

The order is the report's documented order: by the rule's position in the rule
set, then by subject id, then as the results were made (partitions in reading
order, the held documents' results last). Run files are JSON Lines (a result's
evidence is JSON data already) that this process wrote into a folder only it
can read; they are removed with the spool, and never parsed as anything but JSON.
"""

from __future__ import annotations

import heapq
import itertools
import json
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from rrnkit._internal.json_data import json_ready
from rrnkit._run._packed import FINDING_VALUES, Packed, Unpacker
from rrnkit.convert import fast_dumps, loads_own
from rrnkit.report import result_json
from rrnkit.rules import Result, RuleSet

__all__ = ["SPOOL_LIMIT", "ResultSpool"]

HELD_PART = 1 << 30
"""The partition number the held documents' results are filed under: after every other."""

MERGE_FAN_IN = 128
"""Most runs read at once (each an open file); more are first merged into longer runs."""

SPOOL_LIMIT = 50_000
"""Results a spool holds in memory before it writes a sorted run to disk."""

_Key = tuple[int, str, int, int]
_Entry = tuple[_Key, bytes]
"""A result as the spool holds it: its place in the order, and its line.

A line is one JSON array: the rule's position, the partition, the count made so
far, then the packed result (:data:`~rrnkit._run._packed.Packed`). Held as
bytes, a result costs a few hundred bytes and nothing to the garbage
collector, and a run file is these lines in order."""

_PACKED = 3
"""Where the packed result starts in a line's values."""
_SUBJECT_ID = _PACKED + 5


def _encode(values: tuple[Any, ...] | list[Any]) -> bytes:
    """Write a line: JSON values and a newline (orjson where it can, else the standard library).

    orjson writes enums, dates, tuples and non-finite floats as
    :func:`~rrnkit._internal.json_data.json_ready` makes them; what it cannot
    write (an integer beyond 64 bits, a lone surrogate) goes the slow way,
    escaped so that the line stays one line of ASCII.
    """
    fast = fast_dumps(values)
    if fast is not None:
        # a new bytes object of the line's own size: orjson's is a 4 KiB buffer,
        # and 50,000 of those held would take 200 MB for 10 MB of lines
        return fast + b"\n"
    ready = json_ready(values, f"evidence of {values[_PACKED]}")
    return json.dumps(ready, ensure_ascii=True).encode("ascii") + b"\n"


def _decode(line: bytes) -> list[Any]:
    """Read a line this spool wrote back (as JSON, never anything else)."""
    try:
        values: list[Any] = loads_own(line)
    except ValueError:  # a lone surrogate, written escaped, which orjson refuses
        values = json.loads(line)
    return values


def _read_run(path: str) -> Iterator[tuple[_Key, list[Any]]]:
    """Yield the values of one run file's lines, each with its key, in order, one at a time."""
    with open(path, "rb") as handle:
        for line in handle:
            try:  # as _decode does, inline: this runs once per result of a large run
                values = loads_own(line)
            except ValueError:
                values = json.loads(line)
            yield (values[0], values[_SUBJECT_ID], values[1], values[2]), values


class ResultSpool(Sequence[Result]):
    """Results of a run, held up to a bound and spilled to disk past it, read in order."""

    def __init__(
        self, ruleset: RuleSet, *, limit: int | None = None, folder: str | None = None
    ) -> None:
        """Make an empty spool for the results of ``ruleset``'s rules.

        It holds at most ``limit`` results in memory (:data:`SPOOL_LIMIT`).
        With ``folder`` (a worker's, in its caller's folder) runs are written
        there and the caller removes them; otherwise the spool makes a private
        folder of its own and removes it when it goes.
        """
        limit = SPOOL_LIMIT if limit is None else limit
        if limit < 1:
            raise ValueError("a spool holds at least one result in memory")
        self._ruleset = ruleset
        self._position = {rule.id: n for n, rule in enumerate(ruleset.rules)}
        self._limit = limit
        self._held: list[_Entry] = []
        self._runs: list[str] = []
        self._folder: str | None = folder
        self._count = 0
        self._findings = 0
        self._room: int | None = None
        self._made = itertools.count()
        self._sorted = True

    # ------------------------------------------------------------------ writing

    def add(self, results: Iterable[Packed], part: int = 0) -> None:
        """Add packed results made while judging partition ``part`` (held documents: the last)."""
        position, made, held, limit = self._position, self._made, self._held, self._limit
        for packed in results:
            n, at, outcome = next(made), position[packed[0]], packed[1]
            held.append(((at, packed[5], part, n), _encode((at, part, n, *packed))))
            self._count += 1
            if outcome in FINDING_VALUES:
                self._findings += 1
            if len(held) >= limit:
                self._spill()
                held = self._held
        self._sorted = False

    def seal(self) -> tuple[list[str], int, int]:
        """Write out what is held (a worker's last step); return its runs and counts."""
        if self._held:
            self._spill()
        return list(self._runs), self._count, self._findings

    def adopt_runs(self, runs: Iterable[str], count: int, findings: int) -> None:
        """Take over runs a worker sealed into this spool's folder."""
        self._runs.extend(runs)
        self._count += count
        self._findings += findings

    def folder(self) -> str:
        """Return the folder runs go to, making it (and its removal) on first use."""
        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="rrnkit-results-")
            weakref.finalize(self, shutil.rmtree, self._folder, True)
        return self._folder

    def cap_findings(self, room: int) -> int:
        """Give back at most ``room`` findings (the first, in order); return how many go."""
        self._room = max(0, room)
        return max(0, self._findings - self._room)

    @property
    def findings(self) -> int:
        """How many results are findings (not met, or a rule error)."""
        return self._findings

    def _write_run(self, lines: Iterable[bytes]) -> str:
        """Write lines (in order) as one run file in the spool's folder; return its path."""
        fd, path = tempfile.mkstemp(dir=self.folder(), suffix=".run")
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(lines)
        return path

    def _spill(self) -> None:
        """Sort what is held and write it out as one run."""
        self._held.sort()  # keys are unique: the lines are never compared
        self._runs.append(self._write_run(line for _, line in self._held))
        self._held = []

    def _entries(self) -> Iterator[tuple[_Key, list[Any]]]:
        """Yield every result's line values with its key, in order."""
        if not self._sorted:
            self._held.sort()  # keys are unique: the lines are never compared
            self._sorted = True
        held = ((key, _decode(line)) for key, line in self._held)
        if not self._runs:
            return held
        self._merge_down()
        return heapq.merge(*map(_read_run, self._runs), held)

    def _merge_down(self) -> None:
        """Merge runs into fewer, longer ones until at most :data:`MERGE_FAN_IN` are left.

        Reading merges every run at once, each an open file: a very large run
        would otherwise open more files than the system allows.
        """
        while len(self._runs) > MERGE_FAN_IN:
            batch, self._runs = self._runs[:MERGE_FAN_IN], self._runs[MERGE_FAN_IN:]
            merged = heapq.merge(*map(_read_run, batch))
            self._runs.append(self._write_run(_encode(values) for _, values in merged))
            for run in batch:
                os.unlink(run)

    # ------------------------------------------------------------------ reading

    def __iter__(self) -> Iterator[Result]:
        """Give the results back in the report's order, reading runs as needed."""
        return map(Unpacker(self._ruleset), self._shown())

    def _shown(self) -> Iterator[list[Any]]:
        """Yield the packed results in order, skipping the findings past the cap."""
        room = self._room
        for _, values in self._entries():
            packed = values[_PACKED:]
            if room is not None and packed[1] in FINDING_VALUES:
                if room == 0:
                    continue
                room -= 1
            yield packed

    def json_items(self) -> Iterator[dict[str, Any]]:
        """Give the results back as report JSON, in order, straight from their plain values.

        What :func:`rrnkit.report.write_report` writes for a spool: the same as
        :func:`rrnkit.report.result_to_json` of each result, without building them.
        """
        citations = {r.id: [str(c) for c in r.citations] for r in self._ruleset.rules}
        authorities = {
            r.id: None if r.authority is None else r.authority.value for r in self._ruleset.rules
        }
        for packed in self._shown():
            rule_id, outcome, severity, message, kind, ident, pointers, evidence, source, line = (
                packed
            )
            yield result_json(
                rule_id,
                outcome,
                severity,
                authorities[rule_id],
                message,
                citations[rule_id],
                kind,
                ident,
                pointers,
                evidence,
                source,
                line,
            )

    def __len__(self) -> int:
        """Return how many results the spool gives back (after any cap on findings)."""
        if self._room is None:
            return self._count
        return self._count - max(0, self._findings - self._room)

    @overload
    def __getitem__(self, index: int) -> Result: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Result]: ...

    def __getitem__(self, index: int | slice) -> Result | Sequence[Result]:
        """Return one result, or a slice as a tuple (reading the spool up to it)."""
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("result index out of range")
        return next(itertools.islice(iter(self), index, None))

    def __eq__(self, other: object) -> bool:
        """Compare as sequences: the same results in the same order."""
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """Say how many results, and how many runs are on disk."""
        return f"ResultSpool({self._count} results, {len(self._runs)} runs on disk)"

    def __reduce__(self) -> Any:
        """Refuse pickling: run files belong to this process."""
        raise TypeError("a result spool cannot be pickled; read it into a tuple first")
