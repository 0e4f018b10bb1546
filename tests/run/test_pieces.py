"""Pieces for forked workers: found near the cuts, numbered from the pieces' own counts."""

from __future__ import annotations

import tempfile

from hypothesis import example, given, settings
from hypothesis import strategies as st

from rrnkit._run._collect import shifted
from rrnkit._run._plan import Partition, Plan, cut_and_fingerprint, cut_at_line_starts
from rrnkit._run._read import Settings, numbered, read_partition
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
# a byte order mark opening a later piece is not the file's: it is read, not skipped
@example(lines=[b""] * 13 + [b"\xef\xbb\xbf"], end=b"", cuts=[13])
def test_pieces_found_without_counting_are_numbered_as_a_counting_scan_numbers_them(
    lines: list[bytes], end: bytes, cuts: list[int]
) -> None:
    data = b"\n".join(lines) + end
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(data)
        handle.flush()
        counted = cut_and_fingerprint(handle.name, cuts)
        found = cut_at_line_starts(handle.name, cuts)
        assert found.input is not None
        assert counted.input is not None
        assert found.input.size == counted.input.size == len(data)
        assert [start for start, _ in found.starts] == [start for start, _ in counted.starts]
        parts = tuple(Partition(k, 0, handle.name, k, k == len(cuts)) for k in range(len(cuts) + 1))
        plan = Plan(path_problems=(), parts=parts, cuts=(tuple(cuts),))
        every = Settings(limits=None, migrations=NO_MIGRATIONS, check=False)
        relative = [read_partition(part, found, every) for part in parts]
        absolute = [read_partition(part, counted, every) for part in parts]
    scan = numbered(plan, [found], relative)[0]
    assert scan is not None
    # (a piece starting at the end is empty: what its lines would be numbered from is moot)
    assert [s for s in scan.starts if s[0] < len(data)] == [
        s for s in counted.starts if s[0] < len(data)
    ]
    for part, piece, whole in zip(parts, relative, absolute, strict=True):
        moved = shifted(piece, scan.starts[part.piece][1] - piece.numbered_from)
        assert moved.others == whole.others  # the same records, problems and lines
        assert moved.lines_read == whole.lines_read
