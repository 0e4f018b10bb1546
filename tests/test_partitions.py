"""Pieces for forked workers: found near the cuts, numbered from the pieces' own counts."""

from __future__ import annotations

import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit._partitions import (
    _numbered,
    _Partition,
    _Plan,
    _read_partition,
    _scan,
    _Settings,
    _shifted,
    _starts,
)
from rrnkit.convert import NO_MIGRATIONS

LINES = st.lists(
    st.one_of(
        st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")),
        st.sampled_from([b"", b"{}", b'{"kind": "incident"}']),
    ),
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(
    lines=LINES,
    end=st.sampled_from([b"", b"\n"]),
    cuts=st.lists(st.integers(1, 300), max_size=5).map(sorted),
)
def test_pieces_found_without_counting_are_numbered_as_a_counting_scan_numbers_them(
    lines: list[bytes], end: bytes, cuts: list[int]
) -> None:
    data = b"\n".join(lines) + end
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(data)
        handle.flush()
        counted = _scan(handle.name, cuts)
        found = _starts(handle.name, cuts)
        assert found.input is not None
        assert counted.input is not None
        assert found.input.size == counted.input.size == len(data)
        assert [start for start, _ in found.starts] == [start for start, _ in counted.starts]
        parts = tuple(
            _Partition(k, 0, handle.name, k, k == len(cuts)) for k in range(len(cuts) + 1)
        )
        plan = _Plan(path_problems=(), parts=parts, cuts=(tuple(cuts),))
        every = _Settings(limits=None, migrations=NO_MIGRATIONS, check=False)
        relative = [_read_partition(part, found, every) for part in parts]
        absolute = [_read_partition(part, counted, every) for part in parts]
    numbered = _numbered(plan, [found], relative)[0]
    assert numbered is not None
    # (a piece starting at the end is empty: what its lines would be numbered from is moot)
    assert [s for s in numbered.starts if s[0] < len(data)] == [
        s for s in counted.starts if s[0] < len(data)
    ]
    for part, piece, whole in zip(parts, relative, absolute, strict=True):
        moved = _shifted(piece, numbered.starts[part.piece][1] - piece.numbered_from)
        assert moved.others == whole.others  # the same records, problems and lines
        assert moved.lines_read == whole.lines_read
