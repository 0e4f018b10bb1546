"""Compliance over time: outcome counts per period and framework or pack."""

from __future__ import annotations

import datetime as dt

import pytest
from study_helpers import incident, intervention

from rrnkit.model import Period
from rrnkit.rules import RuleSet, met, rule
from rrnkit.rules.packs.practice import patient_debrief, prone_duration
from rrnkit.study import ComplianceCount, compliance_over_time, months, quarters
from rrnkit.synth import SynthConfig, generate


@rule(id="LOCAL-ANY", title="Always met", cites=["mhsds:MHS505"], applies_to="incident")
def _always(subject: object, context: object) -> object:
    """Meet every incident."""
    return met("fine")


RULES = RuleSet(id="study-test", rules=(prone_duration, patient_debrief, _always))
LONG = incident(
    "a",
    start="2025-02-10T10:00:00+00:00",
    interventions=[intervention("01", "2025-02-10T10:00:00+00:00", 12)],
)
SHORT = incident(
    "b",
    start="2025-05-10T10:00:00+00:00",
    interventions=[intervention("01", "2025-05-10T10:00:00+00:00", 5)],
    patient_debrief={"offered": True, "offered_at": "2025-05-10T12:00:00+00:00"},
)


def _cells(rows: list[ComplianceCount]) -> dict[tuple[str, str], tuple[int, ...]]:
    return {
        (r.as_of.isoformat(), r.group): (
            r.met,
            r.not_met,
            r.not_applicable,
            r.insufficient_evidence,
            r.error,
        )
        for r in rows
    }


def test_periods_judge_their_own_incidents_per_framework() -> None:
    rows = compliance_over_time(
        [SHORT, LONG], RULES, quarters(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    )
    assert [r.as_of for r in rows] == [dt.date(2025, 3, 31)] * 4 + [dt.date(2025, 6, 30)] * 4
    # Q1: LONG's prone restraint is over 10 minutes (nice-ng10 not met); its patient debrief
    # is unrecorded (insufficient evidence under nice-qs154, nice-ng10 and pp-care).
    # Q2: SHORT's debrief was offered two hours after the force ended (met under all three).
    assert _cells(rows) == {
        ("2025-03-31", "mhsds"): (1, 0, 0, 0, 0),
        ("2025-03-31", "nice-ng10"): (0, 1, 0, 1, 0),
        ("2025-03-31", "nice-qs154"): (0, 0, 0, 1, 0),
        ("2025-03-31", "pp-care"): (0, 0, 0, 1, 0),
        ("2025-06-30", "mhsds"): (1, 0, 0, 0, 0),
        ("2025-06-30", "nice-ng10"): (2, 0, 0, 0, 0),
        ("2025-06-30", "nice-qs154"): (1, 0, 0, 0, 0),
        ("2025-06-30", "pp-care"): (1, 0, 0, 0, 0),
    }
    first = rows[1]
    assert (first.judged, first.met_share) == (1, 0.0)
    assert rows[2].met_share is None  # nothing judged: never 0, never 1
    assert rows[4].met_share == 1.0


def test_cumulative_judges_every_incident_up_to_the_date_and_packs_group_rules() -> None:
    periods = quarters(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    rows = compliance_over_time([LONG, SHORT], RULES, periods, by="pack", incidents="cumulative")
    assert _cells(rows) == {
        ("2025-03-31", "practice"): (0, 1, 0, 1, 0),
        ("2025-03-31", "study-test"): (1, 0, 0, 0, 0),
        ("2025-06-30", "practice"): (2, 1, 0, 1, 0),
        ("2025-06-30", "study-test"): (2, 0, 0, 0, 0),
    }


def test_the_same_documents_in_any_order_give_the_same_rows() -> None:
    config = SynthConfig(organisations=1, incidents=60, years=1, gap_share=0.2, seed=5)
    documents = list(generate(config))
    periods = quarters(config.start, config.end)
    from rrnkit.rules.packs import ALL_PACKS

    forward = compliance_over_time(documents, ALL_PACKS, periods)
    backward = compliance_over_time(list(reversed(documents)), ALL_PACKS, periods)
    assert forward == backward
    assert len({r.as_of for r in forward}) == 4
    assert sum(r.not_met for r in forward) > 0


def test_periods() -> None:
    assert quarters(dt.date(2024, 2, 15), dt.date(2024, 7, 1)) == [
        Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 31)),
        Period(start=dt.date(2024, 4, 1), end=dt.date(2024, 6, 30)),
        Period(start=dt.date(2024, 7, 1), end=dt.date(2024, 9, 30)),
    ]
    assert [p.end for p in months(dt.date(2024, 1, 31), dt.date(2024, 3, 1))] == [
        dt.date(2024, 1, 31),
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 31),
    ]
    with pytest.raises(ValueError, match="before"):
        quarters(dt.date(2024, 2, 1), dt.date(2024, 1, 1))
    with pytest.raises(ValueError, match="framework"):
        compliance_over_time([], RULES, [], by="rule")  # type: ignore[arg-type]
