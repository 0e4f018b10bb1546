"""The synthetic data generator: deterministic, valid, realistic, and planting what it says."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import rrnkit
from rrnkit.convert import dump, load
from rrnkit.model import Incident, is_valid_nhs_number
from rrnkit.report import evaluate
from rrnkit.rules import Outcome
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.schema import validate
from rrnkit.synth import CORRUPTION_KINDS, FILES, SynthConfig, generate, generate_json, write
from rrnkit.synth._incidents import Incidents

SMALL = SynthConfig(organisations=2, incidents=400, years=2, seed=3)
MIX = SynthConfig(organisations=3, incidents=6000, years=2, gap_share=0.0, seed=11)
PHYSICAL = {"01", "07", "08", "09", "10", "11", "12", "13"}


def _minutes(start: str, end: str) -> float:
    delta = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
    return delta.total_seconds() / 60


@pytest.fixture(scope="module")
def mix() -> list[dict[str, Any]]:
    return [d for d in generate_json(MIX) if d["kind"] == "incident"]


# ------------------------------------------------------------------ determinism


def test_the_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    config = SynthConfig(incidents=300, invalid_share=0.1, gap_share=0.1, seed=5)
    first = write(config, tmp_path / "a")
    second = write(config, tmp_path / "b")
    assert first == second
    for name in FILES.values():
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_different_seed_gives_different_data(tmp_path: Path) -> None:
    write(SynthConfig(incidents=50, seed=1), tmp_path / "a")
    write(SynthConfig(incidents=50, seed=2), tmp_path / "b")
    for name in ("incidents.jsonl", "organisations.jsonl", "training-events.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes()


def test_invalid_share_changes_only_the_records_it_corrupts() -> None:
    base = SynthConfig(incidents=500, seed=9)
    clean = list(generate_json(base))
    dirty = list(generate_json(SynthConfig(incidents=500, invalid_share=0.2, seed=9)))
    assert len(clean) == len(dirty)
    assert sum(a != b for a, b in zip(clean, dirty, strict=True)) == 100


def test_generate_gives_the_documents_generate_json_gives() -> None:
    config = SynthConfig(incidents=60, seed=4)
    documents = list(generate(config))
    assert [dump(d) for d in documents] == list(generate_json(config))
    assert isinstance(documents[-1], Incident)


# ------------------------------------------------------------------ validity


def test_every_reference_document_and_a_sample_of_incidents_load_and_validate() -> None:
    data = list(generate_json(SMALL))
    kinds = Counter(d["kind"] for d in data)
    assert kinds["organisation"] == 3  # two care organisations and their provider
    for kind in ("training-needs-analysis", "action-plan"):
        assert kinds[kind] == 2
    assert kinds["course"] == 2
    assert kinds["trainer"] >= 6
    # the default gap_share leaves about 5% of events unevaluated
    assert 0 < kinds["training-event"] - kinds["evaluation"] <= 0.1 * kinds["training-event"]
    assert kinds["evaluation"] > 20
    assert kinds["incident"] == 400
    first_incident = next(i for i, d in enumerate(data) if d["kind"] == "incident")
    assert all(d["kind"] != "incident" for d in data[:first_incident])
    for item in data[:first_incident] + data[first_incident::2]:
        assert validate(item, item["kind"]) == [], item["id"]
        assert dump(load(item)) == item, item["id"]


def test_patients_have_valid_test_range_nhs_numbers(mix: list[dict[str, Any]]) -> None:
    numbers = {i["patient"]["nhs_number"] for i in mix}
    assert all(n.startswith("999") and is_valid_nhs_number(n) for n in numbers)
    # one number per person: the same number always carries the same name
    names = {(i["patient"]["nhs_number"], i["patient"]["name"]) for i in mix}
    assert len(names) == len(numbers)


def test_invalid_share_gives_that_share_of_invalid_records(tmp_path: Path) -> None:
    config = SynthConfig(incidents=1000, invalid_share=0.1, seed=6)
    counts = write(config, tmp_path)
    report = rrnkit.validate([tmp_path])
    assert report.read == sum(counts.values())
    assert report.invalid == 100
    found = {(p.code, p.pointer.rsplit("/", 1)[-1]) for p in report.problems}
    assert {
        ("value.unknown-code", "type"),  # intervention type "02"
        ("value.naive-datetime", "start"),  # a date-time without a UTC offset
        ("value.nhs-number", "nhs_number"),  # a wrong check digit
        ("field.unknown", "severity"),
        ("field.required", "start"),
    } <= found
    assert len(CORRUPTION_KINDS) == 5


def test_write_returns_the_lines_written(tmp_path: Path) -> None:
    counts = write(SynthConfig(organisations=2, incidents=120, seed=8), tmp_path)
    assert set(counts) == set(FILES.values())
    for name, count in counts.items():
        lines = (tmp_path / name).read_text("utf-8").splitlines()
        assert len(lines) == count, name
        for line in lines[:20]:
            compact = json.dumps(json.loads(line), separators=(",", ":"), ensure_ascii=False)
            assert line == compact
    assert counts["incidents.jsonl"] == 120


# ------------------------------------------------------------------ compliance gaps


def test_with_no_gaps_every_rule_is_met() -> None:
    config = SynthConfig(organisations=2, incidents=600, years=2, gap_share=0.0, seed=2)
    report = evaluate(list(generate(config)), ALL_PACKS, as_of=config.end)
    outcomes = Counter(r.outcome for r in report.results)
    assert set(outcomes) == {Outcome.MET, Outcome.NOT_APPLICABLE}
    assert outcomes[Outcome.MET] > 5000


def test_gaps_are_planted_at_the_share_asked_for_and_the_rules_find_them() -> None:
    config = SynthConfig(organisations=2, incidents=2000, years=2, gap_share=0.1, seed=4)
    report = evaluate(list(generate(config)), ALL_PACKS, as_of=config.end)
    unmet = [r for r in report.results if r.outcome is Outcome.NOT_MET]
    with_gaps = {r.subject_id for r in unmet if r.subject_kind == "incident"}
    assert len(with_gaps) == 200
    assert {r.rule_id for r in unmet} >= {
        "UOF-S6-A-REASON",
        "UOF-S6-M-OUTCOME",
        "UOF-S6-P-NOTIFICATION",
        "NICE-PRONE-DURATION",
        "NICE-MANUAL-RESTRAINT-DURATION",
        "PPC-DEBRIEF-PATIENT",
        "PPC-TRAINED-STAFF",
        "RRN-STAFF-REFRESHER",
        "UOF-S5-REFRESHER",
        "RRN-TRAINER-AUTHORISED",
        "RRN-EVENT-EVALUATED",
        "PLAN-OVERDUE-ACTIONS",
    }
    assert not [r for r in report.results if r.outcome is Outcome.ERROR]


# ------------------------------------------------------------------ realism


def test_the_intervention_mix_is_realistic(mix: list[dict[str, Any]]) -> None:
    n = len(mix)
    share = Counter()
    for incident in mix:
        for code in {i["type"] for i in incident["interventions"]}:
            share[code] += 1 / n
    physical = sum(1 for i in mix if any(v["type"] in PHYSICAL for v in i["interventions"]))
    assert physical / n > 0.85
    assert 0.005 < share["01"] < 0.06  # prone: a small share
    assert 0.05 < share["14"] < 0.2  # rapid tranquillisation
    assert 0.03 < share["05"] < 0.2  # seclusion
    assert share["04"] < 0.01  # mechanical: rare
    assert not {"02", "03"} & set(share)
    reasons = Counter(i["reason"] for i in mix)
    assert (reasons["10"] + reasons["11"] + reasons["17"]) / n > 0.85
    assert reasons.most_common(1)[0][0] == "10"


def test_durations_staff_and_debriefs_are_realistic(mix: list[dict[str, Any]]) -> None:
    holds = [
        _minutes(v["start"], v["end"])
        for i in mix
        for v in i["interventions"]
        if v["type"] in PHYSICAL
    ]
    seclusions = [
        _minutes(v["start"], v["end"]) for i in mix for v in i["interventions"] if v["type"] == "05"
    ]
    assert max(holds) <= 10  # no gaps planted: every hold within NICE's 10 minutes
    assert statistics.median(holds) <= 6
    assert statistics.median(seclusions) >= 120
    assert all(2 <= len(i["staff"]) <= 5 for i in mix)
    for incident in mix:
        for person in incident["staff"]:
            assert person.get("staff_id") or person["job_title"] == "Police Constable"
    held = sum(i["patient_debrief"]["held"] for i in mix) / len(mix)
    assert all(i["patient_debrief"]["offered"] for i in mix)
    assert 0.7 < held < 0.95


def test_incidents_peak_in_the_afternoon_and_evening(mix: list[dict[str, Any]]) -> None:
    hours = Counter(int(i["start"][11:13]) for i in mix)
    late = sum(hours[h] for h in range(14, 22)) / len(mix)  # 8 of 24 hours
    night = sum(hours[h] for h in range(8)) / len(mix)
    assert late > 0.45
    assert night < 0.15
    ids = [i["id"] for i in mix if i["organisation_id"] == mix[0]["organisation_id"]]
    starts = [dt.datetime.fromisoformat(i["start"]) for i in mix]
    assert starts == sorted(starts)  # generated in time order
    assert len(set(ids)) == len(ids)
    years = Counter(s.year for s in starts)
    assert years[2024] > years[2025] > 0.3 * len(mix)  # spread over the years, slowly falling


def test_a_minority_of_patients_account_for_most_incidents(mix: list[dict[str, Any]]) -> None:
    per_patient = sorted(Counter(i["patient"]["nhs_number"] for i in mix).values(), reverse=True)
    top = per_patient[: len(per_patient) // 5]
    assert sum(top) / len(mix) > 0.5


def test_records_are_about_three_kilobytes(mix: list[dict[str, Any]]) -> None:
    # Debrief times, the formal review, rights information, characteristics not known and
    # monitoring after rapid tranquillisation took records from about 2 KB to about 3 KB.
    sizes = [len(json.dumps(i, separators=(",", ":"), ensure_ascii=False).encode()) for i in mix]
    assert 2200 < statistics.mean(sizes) < 3400
    assert min(sizes) > 1500


# ------------------------------------------------------------------ streaming and configuration


def test_incidents_are_generated_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    # The reference world is built first (it grows with the incidents, as the organisations'
    # wards do); incidents are made only as they are taken.
    made = 0
    render = Incidents._render

    def counting(self: Incidents, *args: Any) -> dict[str, Any]:
        nonlocal made
        made += 1
        return render(self, *args)

    monkeypatch.setattr(Incidents, "_render", counting)
    stream = generate_json(SynthConfig(incidents=20_000, seed=1))
    head = list(itertools.islice((d for d in stream if d["kind"] == "incident"), 10))
    assert len(head) == 10
    assert made == 10


@pytest.mark.parametrize(
    "values",
    [
        {"organisations": 0},
        {"incidents": -1},
        {"years": 0},
        {"invalid_share": 1.5},
        {"gap_share": -0.1},
        {"start": dt.datetime(2024, 1, 1)},
    ],
)
def test_bad_configurations_are_refused(values: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        SynthConfig(**values)


def test_the_end_is_the_last_day_of_the_period() -> None:
    assert SynthConfig(start=dt.date(2024, 1, 1), years=2).end == dt.date(2025, 12, 31)
