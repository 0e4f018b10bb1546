"""Reading JSON Lines in blocks: the same lines, limits and fingerprint as reading line by line."""

from __future__ import annotations

import hashlib
import io
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.convert import NO_MIGRATIONS
from rrnkit.io import JsonLimits, _fingerprint, _read

LINE = st.one_of(
    st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")),
    st.sampled_from([b"", b" ", b"\r", b"{}", b"{}\r", b"x" * 9, b"y" * 10, b"z" * 11]),
)


def by_readline(data: bytes, limit: int) -> list[bytes | None]:
    """What the reader gave when it read one line at a time (its earlier way)."""
    handle = io.BytesIO(data)
    lines: list[bytes | None] = []
    while raw := handle.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := handle.readline(3)) and not rest.endswith(b"\n"):
                pass
            lines.append(None)
        else:
            lines.append(raw.removesuffix(b"\n"))
    return lines


def reader(data: bytes, limit: int) -> _read.Reader:
    limits = JsonLimits(max_record_bytes=limit)
    return _read.Reader(io.BytesIO(data), "x.jsonl", limits, NO_MIGRATIONS)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(LINE, max_size=12),
    end=st.sampled_from([b"", b"\n", b"\r\n"]),
    limit=st.integers(1, 11),
    block=st.integers(1, 9),
    first=st.booleans(),
)
def test_blocks_split_as_readline_does(
    lines: list[bytes],
    end: bytes,
    limit: int,
    block: int,
    first: bool,
) -> None:
    """Lines across block edges, over-long lines, CRLF and a last line with no line feed."""
    data = b"\n".join(lines) + (end if lines else b"")
    read = reader(data, limit)
    head = read._readline(limit + 1) if first else b""  # as standard input starts
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_read, "_CHUNK", block)
        got = list(read._lines(head))
    assert got == by_readline(data, limit)
    assert read.size == len(data)
    assert read.fingerprint.hexdigest() == hashlib.sha256(data).hexdigest()


def test_large_reads_are_hashed_on_a_helper_that_ends() -> None:
    data = bytes(range(256)) * 4096 * 3  # 3 MiB, given in large reads
    fingerprint = _fingerprint.Fingerprint()
    fingerprint.update(b"small, hashed at once")
    before = threading.active_count()
    for at in range(0, len(data), _fingerprint.LARGE):
        fingerprint.update(data[at : at + _fingerprint.LARGE])
    assert threading.active_count() == before + 1
    expected = hashlib.sha256(b"small, hashed at once" + data).hexdigest()
    assert fingerprint.hexdigest() == expected
    assert threading.active_count() == before
    fingerprint.update(b"more")  # a settled fingerprint goes on hashing
    more = hashlib.sha256(b"small, hashed at once" + data + b"more").hexdigest()
    assert fingerprint.hexdigest() == more


def test_an_interrupted_read_leaves_no_thread(tmp_path: Path) -> None:
    """A reader closed part-way (Ctrl-C, a caller stopping early) settles its helper."""
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"{}\n" * (1 << 20))
    before = threading.active_count()
    records = _read.iter_records([path])
    next(records)
    assert threading.active_count() == before + 1
    records.close()
    assert threading.active_count() == before


def test_a_helper_that_fails_neither_hangs_the_reader_nor_hides_it() -> None:
    class Broken:
        def update(self, data: bytes) -> None:
            raise MemoryError

        def hexdigest(self) -> str:
            return "never"

    fingerprint = _fingerprint.Fingerprint()
    fingerprint._digest = Broken()  # type: ignore[assignment]
    met: list[BaseException] = []

    def read() -> None:
        for _ in range(3 * _fingerprint._WAITING):  # more than the queue holds
            fingerprint.update(bytes(_fingerprint.LARGE))
        try:
            fingerprint.hexdigest()
        except MemoryError as exc:
            met.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "the reader hangs once the helper has failed"
    assert len(met) == 1
