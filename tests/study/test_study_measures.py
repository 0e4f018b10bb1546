"""Study measures: hand-computed examples for each measure, then properties."""

from __future__ import annotations

import datetime as dt

import pytest
from study_helpers import bed_days, incident, intervention, training_event

from rrnkit.model import ProtectedCharacteristic
from rrnkit.study import (
    AGE_BAND,
    AUTISM,
    INCIDENTS_PER_1000_OBD,
    INTERVENTION_TYPE,
    INTERVENTIONS_PER_1000_OBD,
    LEARNING_DISABILITY,
    MEASURES,
    MONTH,
    ORGANISATION,
    OTHER_PERSON_INJURY_SHARE,
    PATIENT_DEBRIEF_SHARE,
    PATIENT_INJURY_SHARE,
    PRONE_OVER_LIMIT_SHARE,
    PRONE_PER_1000_OBD,
    PRONE_SHARE,
    RAPID_TRANQUILLISATION_PER_1000_OBD,
    SECLUSION_DURATION,
    SEGREGATION_DURATION,
    STAFF_DEBRIEF_SHARE,
    STAFF_INJURY_SHARE,
    TRAINED_STAFF_SHARE,
    UNIT,
    YEAR,
    MeasureSettings,
    MeasureTally,
    age_band,
    characteristic,
    measure,
)

T = "2025-03-04T14:05:00+00:00"


def test_interventions_per_1000_bed_days_counts_each_intervention_once() -> None:
    incidents = [
        incident("a", interventions=[intervention("07", T), intervention("01", T)]),
        incident("b", interventions=[intervention("14", T)]),
        incident("c", interventions=[]),
    ]
    result = measure(incidents, bed_days=bed_days(("org-a", "ward-1", "2025-03", 400)))
    row = result.rate(INTERVENTIONS_PER_1000_OBD)
    assert row is not None
    assert (row.numerator, row.denominator, row.per) == (3, 400, 1000)
    assert row.value == pytest.approx(7.5)  # 3 / 400 * 1000
    incidents_row = result.rate(INCIDENTS_PER_1000_OBD)
    assert incidents_row is not None
    assert (incidents_row.numerator, incidents_row.value) == (3, pytest.approx(7.5))
    prone = result.rate(PRONE_PER_1000_OBD)
    rt = result.rate(RAPID_TRANQUILLISATION_PER_1000_OBD)
    assert prone is not None
    assert rt is not None
    assert (prone.numerator, prone.value) == (1, pytest.approx(2.5))
    assert (rt.numerator, rt.value) == (1, pytest.approx(2.5))


def test_zero_bed_days_give_no_value_and_a_quiet_month_gives_zero() -> None:
    incidents = [incident("a", interventions=[intervention("07", T)])]
    table = bed_days(("org-a", "ward-1", "2025-03", 0), ("org-a", "ward-1", "2025-04", 300))
    result = measure(incidents, [MONTH], bed_days=table)
    march = result.rate(INTERVENTIONS_PER_1000_OBD, month="2025-03")
    april = result.rate(INTERVENTIONS_PER_1000_OBD, month="2025-04")
    assert march is not None
    assert april is not None
    assert (march.numerator, march.denominator, march.value) == (1, 0, None)
    assert (april.numerator, april.denominator, april.value) == (0, 300, 0.0)


def test_missing_bed_days_make_the_rate_undefined_and_count_the_records_left_out() -> None:
    incidents = [
        incident("a", interventions=[intervention("07", T)]),
        incident("b", unit_id="ward-2", interventions=[intervention("07", T)]),
    ]
    result = measure(incidents, bed_days=bed_days(("org-a", "ward-1", "2025-03", 100)))
    row = result.rate(INTERVENTIONS_PER_1000_OBD)
    assert row is not None
    assert (row.numerator, row.denominator, row.value, row.unknown) == (2, None, None, 1)
    by_unit = measure(incidents, [UNIT], bed_days=bed_days(("org-a", "ward-1", "2025-03", 100)))
    one = by_unit.rate(INTERVENTIONS_PER_1000_OBD, unit="ward-1")
    two = by_unit.rate(INTERVENTIONS_PER_1000_OBD, unit="ward-2")
    assert one is not None
    assert two is not None
    assert (one.value, two.value, two.unknown) == (pytest.approx(10.0), None, 1)


def test_organisation_wide_bed_days_cover_every_unit_but_not_a_unit_breakdown() -> None:
    incidents = [
        incident("a", interventions=[intervention("07", T)]),
        incident("b", unit_id="ward-2", interventions=[intervention("07", T)]),
    ]
    table = bed_days(("org-a", None, "2025-03", 500))
    overall = measure(incidents, bed_days=table).rate(INTERVENTIONS_PER_1000_OBD)
    assert overall is not None
    assert (overall.numerator, overall.denominator, overall.value) == (2, 500, pytest.approx(4))
    by_unit = measure(incidents, [UNIT], bed_days=table)
    row = by_unit.rate(INTERVENTIONS_PER_1000_OBD, unit="ward-1")
    assert row is not None
    assert row.value is None
    assert row.unknown == 1


def test_patient_groups_have_no_bed_day_denominator() -> None:
    incidents = [incident("a", interventions=[intervention("07", T)])]
    result = measure(
        incidents, [LEARNING_DISABILITY], bed_days=bed_days(("org-a", "ward-1", "2025-03", 100))
    )
    row = result.rate(INTERVENTIONS_PER_1000_OBD, learning_disability="not-recorded")
    assert row is not None
    assert (row.numerator, row.denominator, row.value) == (1, None, None)


def test_intervention_type_shares_the_bed_days() -> None:
    incidents = [
        incident("a", interventions=[intervention("07", T), intervention("01", T)]),
        incident("b", interventions=[intervention("07", T)]),
    ]
    result = measure(
        incidents, [INTERVENTION_TYPE], bed_days=bed_days(("org-a", "ward-1", "2025-03", 200))
    )
    standing = result.rate(INTERVENTIONS_PER_1000_OBD, intervention_type="07")
    prone = result.rate(INTERVENTIONS_PER_1000_OBD, intervention_type="01")
    assert standing is not None
    assert prone is not None
    assert (standing.numerator, standing.denominator, standing.value) == (2, 200, 10.0)
    assert (prone.numerator, prone.denominator, prone.value) == (1, 200, 5.0)
    # An incident counts once under each type it included, so those groups overlap.
    both = result.rate(INCIDENTS_PER_1000_OBD, intervention_type="07")
    assert both is not None
    assert both.numerator == 2


def test_prone_share_and_prone_over_the_limit() -> None:
    incidents = [
        incident(
            "a",
            interventions=[
                intervention("01", T, 10),  # exactly the limit: not over
                intervention("01", T, 11),  # over
                intervention("01", T, None),  # no end: unknown
                intervention("07", T, 30),
                intervention("14", T, 1),  # chemical: not physical
            ],
        )
    ]
    result = measure(incidents)
    share = result.rate(PRONE_SHARE)
    over = result.rate(PRONE_OVER_LIMIT_SHARE)
    assert share is not None
    assert over is not None
    assert (share.numerator, share.denominator, share.value) == (3, 4, 0.75)
    assert (over.numerator, over.denominator, over.unknown, over.value) == (1, 2, 1, 0.5)
    stricter = measure(incidents, settings=MeasureSettings(prone_limit_minutes=5))
    row = stricter.rate(PRONE_OVER_LIMIT_SHARE)
    assert row is not None
    assert row.numerator == 2


def test_a_share_with_nothing_to_judge_is_none_not_zero() -> None:
    result = measure([incident("a", interventions=[intervention("01", T, None)])])
    over = result.rate(PRONE_OVER_LIMIT_SHARE)
    assert over is not None
    assert (over.numerator, over.denominator, over.value, over.unknown) == (0, 0, None, 1)


def test_seclusion_and_segregation_durations_with_unknown_ends() -> None:
    incidents = [
        incident(
            "a",
            interventions=[
                intervention("05", T, 60),
                intervention("05", T, 120),
                intervention("05", T, 300),
                intervention("05", T, 90),
                intervention("05", T, None),
                intervention("06", T, None),
            ],
        )
    ]
    result = measure(incidents)
    [seclusion] = result.durations_of(SECLUSION_DURATION)
    assert (seclusion.count, seclusion.unknown_end, seclusion.total_minutes) == (4, 1, 570)
    assert seclusion.mean_minutes == 142.5
    assert seclusion.median_minutes == 105.0  # (90 + 120) / 2
    [segregation] = result.durations_of(SEGREGATION_DURATION)
    assert (segregation.count, segregation.unknown_end) == (0, 1)
    assert segregation.mean_minutes is None
    assert segregation.median_minutes is None


def test_debrief_shares_leave_unrecorded_debriefs_out() -> None:
    incidents = [
        incident("a", patient_debrief={"held": True}, staff_debrief={"held": False}),
        incident("b", patient_debrief={"held": False}, staff_debrief={"offered": True}),
        incident("c"),
    ]
    result = measure(incidents)
    patient = result.rate(PATIENT_DEBRIEF_SHARE)
    staff = result.rate(STAFF_DEBRIEF_SHARE)
    assert patient is not None
    assert staff is not None
    assert (patient.numerator, patient.denominator, patient.unknown, patient.value) == (
        1,
        2,
        1,
        0.5,
    )
    assert (staff.numerator, staff.denominator, staff.unknown, staff.value) == (0, 1, 2, 0.0)


def test_injury_shares_per_intervention() -> None:
    incidents = [
        incident(
            "a",
            interventions=[
                intervention("07", T, injuries={"patient": True, "staff": False}),
                intervention("09", T, injuries={"patient": False, "staff": True}),
                intervention("05", T),
            ],
        )
    ]
    result = measure(incidents)
    patient, staff, other = (
        result.rate(PATIENT_INJURY_SHARE),
        result.rate(STAFF_INJURY_SHARE),
        result.rate(OTHER_PERSON_INJURY_SHARE),
    )
    assert patient is not None
    assert staff is not None
    assert other is not None
    assert (patient.numerator, patient.denominator, patient.unknown) == (1, 2, 1)
    assert (staff.numerator, staff.denominator, staff.unknown) == (1, 2, 1)
    assert (other.numerator, other.denominator, other.value, other.unknown) == (0, 0, None, 3)


def _staff(*people: tuple[str | None, bool, bool]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for staff_id, used_force, unit_staff in people:
        person: dict[str, object] = {"used_force": used_force, "unit_staff": unit_staff}
        if staff_id is not None:
            person["staff_id"] = staff_id
        out.append(person)
    return out


def test_training_currency_at_incident_start_reuses_the_rules_completions() -> None:
    reference = [
        training_event("ev-1", ["s-current", "s-same-day"], dt.date(2024, 6, 1)),
        training_event("ev-2", ["s-same-day"], dt.date(2025, 3, 4)),
        training_event("ev-3", ["s-lapsed"], dt.date(2024, 3, 3)),
        training_event("ev-4", ["s-future"], dt.date(2025, 3, 5)),
    ]
    staff = _staff(
        ("s-current", True, True),  # trained 2024-06-01: current
        ("s-same-day", True, True),  # trained on the incident's day: current
        ("s-lapsed", True, True),  # 2024-03-03 is before 2024-03-04: lapsed
        ("s-future", True, True),  # trained the day after: not yet
        (None, True, True),  # no staff id: unknown
        ("s-observer", False, True),  # did not use force: not counted
        ("s-other", True, False),  # not unit staff: not counted (as PPC-TRAINED-STAFF)
    )
    result = measure([incident("a", staff=staff)], reference=reference)
    row = result.rate(TRAINED_STAFF_SHARE)
    assert row is not None
    assert (row.numerator, row.denominator, row.unknown, row.value) == (2, 4, 1, 0.5)
    longer = measure(
        [incident("a", staff=staff)],
        reference=reference,
        settings=MeasureSettings(refresher_interval_months=13),
    ).rate(TRAINED_STAFF_SHARE)
    assert longer is not None
    assert longer.numerator == 3
    assert measure([incident("a", staff=staff)]).rate(TRAINED_STAFF_SHARE) is None


def test_an_incident_across_month_end_counts_where_each_record_started() -> None:
    # Starts 23:55 on 31 January; its second intervention starts after midnight on 1 February.
    crossing = incident(
        "a",
        start="2025-01-31T23:55:00+00:00",
        end="2025-02-01T00:20:00+00:00",
        interventions=[
            intervention("07", "2025-01-31T23:55:00+00:00", 6),
            intervention("05", "2025-02-01T00:03:00+00:00", 17),
        ],
    )
    table = bed_days(("org-a", "ward-1", "2025-01", 100), ("org-a", "ward-1", "2025-02", 100))
    result = measure([crossing], [MONTH], bed_days=table)

    def numerator(name: str, month: str) -> int:
        row = result.rate(name, month=month)
        assert row is not None
        return row.numerator

    assert numerator(INCIDENTS_PER_1000_OBD, "2025-01") == 1
    assert numerator(INCIDENTS_PER_1000_OBD, "2025-02") == 0
    assert numerator(INTERVENTIONS_PER_1000_OBD, "2025-01") == 1
    assert numerator(INTERVENTIONS_PER_1000_OBD, "2025-02") == 1
    [seclusion] = result.durations_of(SECLUSION_DURATION)
    assert seclusion.group == (("month", "2025-02"),)


def test_month_is_the_date_as_recorded_with_its_offset() -> None:
    # 00:30 on 1 April in BST is 23:30 on 31 March in UTC: it counts in April, as recorded.
    late = incident(
        "a",
        start="2025-04-01T00:30:00+01:00",
        interventions=[intervention("07", "2025-04-01T00:30:00+01:00")],
    )
    result = measure([late], [MONTH])
    [row] = result.of(PRONE_SHARE)
    assert row.group == (("month", "2025-04"),)


def test_patient_dimensions() -> None:
    patient = {
        "date_of_birth": "2000-03-05",
        "learning_disability": "yes",
        "characteristics": [
            {"characteristic": "sex", "value": " female "},
            {"characteristic": "race", "value": "A Very Particular Description"},
        ],
    }
    # Born 5 March 2000: 24 on 4 March 2025, the incident's day.
    one = incident("a", patient=patient, interventions=[intervention("07", T)])
    sex = characteristic(ProtectedCharacteristic.SEX, ["Female", "Male"])
    race = characteristic(ProtectedCharacteristic.RACE, ["White British"])
    religion = characteristic(ProtectedCharacteristic.RELIGION_OR_BELIEF)
    recorded = characteristic(ProtectedCharacteristic.RACE)
    result = measure([one], [AGE_BAND, LEARNING_DISABILITY, AUTISM, sex, race, religion])
    [row] = result.of(PRONE_SHARE)
    assert row.group == (
        ("age_band", "18-24"),
        ("learning_disability", "yes"),
        ("autism", "not-recorded"),
        ("sex", "Female"),
        ("race", "other"),
        ("religion-or-belief", "not-recorded"),
    )
    [presence] = measure([one], [recorded]).of(PRONE_SHARE)
    assert presence.group == (("race", "recorded"),)
    assert "Particular" not in repr(result)


def test_age_from_a_recorded_age_and_custom_bands() -> None:
    aged = incident(
        "a",
        patient={"characteristics": [{"characteristic": "age", "value": "70"}]},
        interventions=[intervention("07", T)],
    )
    unknown = incident("b", interventions=[intervention("07", T)])
    result = measure([aged, unknown], [age_band([18, 65])])
    assert [r.group for r in result.of(PRONE_SHARE)] == [
        (("age_band", "65+"),),
        (("age_band", "unknown"),),
    ]
    with pytest.raises(ValueError, match="ascending"):
        age_band([65, 18])


def test_dimensions_are_named_once_and_rows_come_in_measure_order() -> None:
    with pytest.raises(ValueError, match="once"):
        MeasureTally([YEAR, YEAR])
    table = bed_days(("org-a", "ward-1", "2025-03", 10))
    result = measure([incident("a", interventions=[intervention("05", T)])], bed_days=table)
    order = list(MEASURES)
    positions = [order.index(r.measure) for r in result.rates]
    assert positions == sorted(positions)
    assert result.incidents == 1


def test_non_incident_documents_are_skipped() -> None:
    event = training_event("ev-1", ["s1"], dt.date(2025, 1, 1))
    result = measure([event, incident("a", interventions=[intervention("07", T)])])
    assert result.incidents == 1
    assert [r.measure for r in result.rates if r.measure == PRONE_SHARE] == [PRONE_SHARE]
    assert measure([event], [ORGANISATION]).rates == ()
