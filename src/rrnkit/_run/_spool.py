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
from rrnkit._run._packed import Packed, Unpacker, pack
from rrnkit.convert import fast_dumps, loads_own
from rrnkit.report import UNMET, result_json
from rrnkit.rules import Result, RuleSet

__all__ = ["SPOOL_LIMIT", "ResultSpool"]

HELD_PART = 1 << 30
"""The partition number the held documents' results are filed under: after every other."""

MERGE_FAN_IN = 128
"""Most runs read at once (each an open file); more are first merged into longer runs."""

SPOOL_LIMIT = 50_000
"""Results a spool holds in memory before it writes a sorted run to disk."""

_UNMET = frozenset(outcome.value for outcome in UNMET)
"""The outcomes a report lists, locates and caps as findings."""
_Key = tuple[int, str, int, int]
_Entry = tuple[_Key, Packed]


def _ready(packed: Packed) -> Packed:
    """Make a packed result's evidence plain JSON data."""
    evidence = json_ready(packed[7], f"evidence of {packed[0]}")
    return (*packed[:7], evidence, *packed[8:])


def _key(entry: _Entry) -> _Key:
    return entry[0]


def _dumps(entry: _Entry) -> bytes:
    """Write one entry as a JSON line (orjson where it can, else the standard library)."""
    fast = fast_dumps(entry)
    if fast is not None:
        return fast
    return json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _loads(line: bytes) -> Any:
    """Read one entry back, as JSON (never anything else)."""
    return loads_own(line)


def _read_run(path: str) -> Iterator[_Entry]:
    """Yield the entries of one run file, in order, one at a time."""
    with open(path, "rb") as handle:
        for line in handle:
            key, packed = _loads(line)
            packed[6] = tuple(packed[6])  # pointers
            yield tuple(key), tuple(packed)


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

    def add(self, results: Iterable[Result], part: int = 0) -> None:
        """Add results made while judging partition ``part`` (held documents: the last)."""
        # evidence is made JSON data once, here: what the writers write and the runs hold
        self.add_packed((_ready(packed), part) for packed in pack(list(results)))

    def add_packed(self, entries: Iterable[tuple[Packed, int]]) -> None:
        """Add results packed elsewhere (a worker), each with its partition number."""
        position, made = self._position, self._made
        for packed, part in entries:
            self._held.append(((position[packed[0]], packed[5], part, next(made)), packed))
            self._count += 1
            if packed[1] in _UNMET:
                self._findings += 1
            if len(self._held) >= self._limit:
                self._spill()
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

    def _spill(self) -> None:
        """Sort what is held and write it out as one run."""
        folder = self.folder()
        self._held.sort(key=_key)
        fd, path = tempfile.mkstemp(dir=folder, suffix=".run")
        with os.fdopen(fd, "wb") as handle:
            for entry in self._held:
                handle.write(_dumps(entry))
                handle.write(b"\n")
        self._runs.append(path)
        self._held = []

    def _entries(self) -> Iterator[_Entry]:
        if not self._sorted:
            self._held.sort(key=_key)
            self._sorted = True
        if not self._runs:
            return iter(self._held)
        self._merge_down()
        streams = [_read_run(path) for path in self._runs]
        return heapq.merge(*streams, iter(self._held), key=_key)

    def _merge_down(self) -> None:
        """Merge runs into fewer, longer ones until at most :data:`MERGE_FAN_IN` are left.

        Reading merges every run at once, each an open file: a very large run
        would otherwise open more files than the system allows.
        """
        while len(self._runs) > MERGE_FAN_IN:
            batch, self._runs = self._runs[:MERGE_FAN_IN], self._runs[MERGE_FAN_IN:]
            fd, path = tempfile.mkstemp(dir=self.folder(), suffix=".run")
            with os.fdopen(fd, "wb") as handle:
                merged = heapq.merge(*(_read_run(run) for run in batch), key=_key)
                for entry in merged:
                    handle.write(_dumps(entry))
                    handle.write(b"\n")
            for run in batch:
                os.unlink(run)
            self._runs.append(path)

    # ------------------------------------------------------------------ reading

    def __iter__(self) -> Iterator[Result]:
        """Give the results back in the report's order, reading runs as needed."""
        return map(Unpacker(self._ruleset), self._shown())

    def _shown(self) -> Iterator[Packed]:
        """Yield the packed results in order, skipping the findings past the cap."""
        room = self._room
        for _, packed in self._entries():
            if room is not None and packed[1] in _UNMET:
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
                list(pointers),
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
