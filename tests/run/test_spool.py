"""The result spool: every outcome in bounded memory, read back in the report's order."""

from __future__ import annotations

import copy
import datetime as dt
import gc
import json
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve as attrs_evolve
from hypothesis import given, settings
from hypothesis import strategies as st

import rrnkit
import rrnkit._run._spool as spool_module
from rrnkit._run import ResultSpool
from rrnkit._run._packed import pack
from rrnkit.rules import Outcome, Result, Severity
from rrnkit.rules.packs import ALL_PACKS

RULES = ALL_PACKS.rules[:6]
SUBSETS = ALL_PACKS.select(ids=[r.id for r in RULES])
OUTCOMES = [Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.ERROR]


def result(rule: int, subject: str, outcome: Outcome, n: int) -> Result:
    chosen = RULES[rule]
    return Result(
        rule_id=chosen.id,
        outcome=outcome,
        severity=Severity.ERROR,
        message=f"message {n}",
        citations=chosen.citations,
        subject_kind="incident",
        subject_id=subject,
        pointers=(f"/p/{n}",),
        evidence={"n": n, "list": [n, "x"], "nested": {"ok": True, "none": None}},
        authority=chosen.authority,
    )


ADDED = st.lists(
    st.tuples(
        st.integers(0, len(RULES) - 1),
        st.sampled_from(["a", "b", "c", "d"]),
        st.sampled_from(OUTCOMES),
        st.integers(0, 3),  # partition
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(added=ADDED, limit=st.integers(1, 8), fan_in=st.integers(2, 4))
def test_a_spool_gives_back_what_was_added_in_the_report_order(
    added: list[tuple[int, str, Outcome, int]], limit: int, fan_in: int
) -> None:
    # few runs read at once: more are merged into longer runs first
    spool_module.MERGE_FAN_IN, fan_in_was = fan_in, spool_module.MERGE_FAN_IN
    try:
        check_order(added, limit)
    finally:
        spool_module.MERGE_FAN_IN = fan_in_was


def check_order(added: list[tuple[int, str, Outcome, int]], limit: int) -> None:
    spool = ResultSpool(SUBSETS, limit=limit)
    made = []
    for n, (rule, subject, outcome, part) in enumerate(added):
        made.append((rule, subject, part, n, result(rule, subject, outcome, n)))
        spool.add(pack([made[-1][-1]]), part)
    expected = [r for *_, r in sorted(made, key=lambda m: m[:4])]
    assert list(spool) == expected  # by rule, then subject id, then partition, then as made
    assert len(spool) == len(expected)
    assert spool == tuple(expected)
    if expected:
        assert spool[0] == expected[0]
        assert spool[-1] == expected[-1]
        assert spool[1:3] == tuple(expected[1:3])


@settings(max_examples=60, deadline=None)
@given(added=ADDED, limit=st.integers(1, 8), room=st.integers(0, 10))
def test_a_capped_spool_keeps_the_first_findings_and_every_other_outcome(
    added: list[tuple[int, str, Outcome, int]], limit: int, room: int
) -> None:
    spool = ResultSpool(SUBSETS, limit=limit)
    for n, (rule, subject, outcome, part) in enumerate(added):
        spool.add(pack([result(rule, subject, outcome, n)]), part)
    whole = list(spool)
    findings = [r for r in whole if r.outcome in (Outcome.NOT_MET, Outcome.ERROR)]
    dropped = spool.cap_findings(room)
    assert dropped == max(0, len(findings) - room)
    kept = [
        r
        for r in whole
        if r.outcome not in (Outcome.NOT_MET, Outcome.ERROR) or r in findings[:room]
    ]
    assert list(spool) == kept
    assert len(spool) == len(kept)


def test_a_spool_refuses_to_travel_and_cleans_up_after_itself() -> None:
    spool = ResultSpool(SUBSETS, limit=1)
    spool.add(pack([result(0, "a", Outcome.MET, 0), result(1, "b", Outcome.MET, 1)]))
    folder = Path(spool.folder())
    assert list(folder.iterdir())  # past the limit, runs are on disk
    with pytest.raises(TypeError, match="cannot be pickled"):
        copy.copy(spool)  # nor pickled: its runs belong to this process
    del spool
    gc.collect()
    assert not folder.exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_outcome_kept_past_the_bound_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A check keeping every outcome spills to disk past the bound; the report does not change."""
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(incidents=150, invalid_share=0.05, gap_share=0.3, seed=5)
    write(config, tmp_path / "data")
    held = rrnkit.check([tmp_path / "data"], as_of=config.end, stream_incidents=False)
    monkeypatch.setattr(spool_module, "SPOOL_LIMIT", 97)  # many runs on disk
    spooled = rrnkit.check([tmp_path / "data"], as_of=config.end, jobs=jobs)
    assert spooled == held
    assert list(spooled.results) == list(held.results)
    capped = rrnkit.check([tmp_path / "data"], as_of=config.end, jobs=jobs, max_problems=5)
    assert capped == rrnkit.check(
        [tmp_path / "data"], as_of=config.end, stream_incidents=False, max_problems=5
    )


def test_reports_written_in_pieces_are_what_json_dumps_writes(tmp_path: Path) -> None:
    from rrnkit.report import render, report_to_json, write_report

    report = rrnkit.check(["examples/"], as_of=dt.date(2026, 11, 28))
    pieces: list[str] = []
    write_report(report, "json", pieces.append)
    text = "".join(pieces)
    # written a batch at a time, never whole: no piece holds more than 256 results
    assert len(report.results) > 256
    assert max(piece.count('"rule_id"') for piece in pieces) <= 256
    assert len(pieces) > len(report.results) // 256
    assert text == render(report, "json")
    data: Any = json.loads(text)
    assert data == json.loads(json.dumps(report_to_json(report)))


@pytest.mark.parametrize("limit", [1, 1000])
def test_values_orjson_cannot_write_come_back_unchanged(limit: int) -> None:
    """An integer beyond 64 bits and a lone surrogate take the slow way, on disk or not."""
    unusual = {"big": 2**70, "text": "a\ud800b", "when": dt.date(2026, 1, 2), "t": (1, 2)}
    made = [
        attrs_evolve(result(0, "a", Outcome.NOT_MET, 0), evidence=unusual),
        result(0, "b", Outcome.MET, 1),
    ]
    spool = ResultSpool(SUBSETS, limit=limit)
    spool.add(pack(made))
    back = list(spool)
    assert back[0].evidence == {"big": 2**70, "text": "a\ud800b", "when": "2026-01-02", "t": [1, 2]}
    assert back[1] == made[1]
    assert [item["evidence"] for item in spool.json_items()] == [back[0].evidence, made[1].evidence]
