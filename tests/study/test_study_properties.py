"""Properties of the study measures: additivity, order invariance, disjoint unions."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from study_helpers import bed_days, incident, intervention

from rrnkit.model import Incident
from rrnkit.study import (
    INCIDENTS_PER_1000_OBD,
    INTERVENTIONS_PER_1000_OBD,
    MONTH,
    ORGANISATION,
    UNIT,
    BedDays,
    Measures,
    measure,
)

CODES = ["01", "05", "06", "07", "09", "14", "16"]
UNITS = ["ward-1", "ward-2"]
ORGS = ["org-a", "org-b"]
MONTHS = ["2025-01", "2025-02", "2025-03"]


@st.composite
def incidents(draw: st.DrawFn, organisation: str | None = None) -> Incident:
    org = organisation or draw(st.sampled_from(ORGS))
    month = draw(st.sampled_from(MONTHS))
    day = draw(st.integers(1, 28))
    start = f"{month}-{day:02d}T{draw(st.integers(0, 23)):02d}:00:00+00:00"
    items = [
        intervention(
            code,
            start,
            draw(st.one_of(st.none(), st.integers(0, 30))),
            injuries=draw(
                st.one_of(
                    st.none(),
                    st.fixed_dictionaries({"patient": st.booleans(), "staff": st.booleans()}),
                )
            ),
        )
        for code in draw(st.lists(st.sampled_from(CODES), max_size=4))
    ]
    debrief = draw(st.one_of(st.none(), st.fixed_dictionaries({"held": st.booleans()})))
    extra = {"patient_debrief": debrief} if debrief is not None else {}
    return incident(
        f"inc-{draw(st.uuids()).hex}",
        organisation_id=org,
        unit_id=draw(st.sampled_from(UNITS)),
        start=start,
        interventions=items,
        **extra,
    )


def _table(orgs: list[str]) -> BedDays:
    return bed_days(
        *(
            (org, unit, month, 100 + 40 * ORGS.index(org) + 20 * UNITS.index(unit) + m)
            for org in orgs
            for unit in UNITS
            for m, month in enumerate(MONTHS)
        )
    )


def _figures(result: Measures) -> list[tuple[object, ...]]:
    return [
        (r.measure, r.group, r.numerator, r.denominator, r.value, r.unknown) for r in result.rates
    ] + [
        (d.measure, d.group, d.count, d.unknown_end, d.total_minutes, d.median_minutes)
        for d in result.durations
    ]


@settings(max_examples=25, deadline=None)
@given(st.lists(incidents(), max_size=12))
def test_per_unit_numerators_and_denominators_sum_to_the_overall_ones(
    found: list[Incident],
) -> None:
    table = _table(ORGS)
    overall = {r.measure: r for r in measure(found, bed_days=table).rates}
    split = measure(found, [ORGANISATION, UNIT, MONTH], bed_days=table)
    numerators: dict[str, int] = defaultdict(int)
    denominators: dict[str, int] = defaultdict(int)
    for row in split.rates:
        numerators[row.measure] += row.numerator
        denominators[row.measure] += row.denominator or 0
    for name, row in overall.items():
        assert numerators[name] == row.numerator, name
        assert denominators[name] == (row.denominator or 0), name
    assert overall[INTERVENTIONS_PER_1000_OBD].numerator == sum(len(i.interventions) for i in found)
    assert overall[INCIDENTS_PER_1000_OBD].numerator == len(found)


@settings(max_examples=25, deadline=None)
@given(st.lists(incidents(), max_size=10), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_document_order(found: list[Incident], rng: object) -> None:
    table = _table(ORGS)
    shuffled = list(found)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    by = [ORGANISATION, MONTH]
    assert _figures(measure(found, by, bed_days=table)) == _figures(
        measure(shuffled, by, bed_days=table)
    )


@settings(max_examples=25, deadline=None)
@given(
    st.lists(incidents("org-a"), max_size=8),
    st.lists(incidents("org-b"), max_size=8),
)
def test_a_union_of_two_organisations_adds_their_numerators_and_denominators(
    first: list[Incident], second: list[Incident]
) -> None:
    a = {r.measure: r for r in measure(first, bed_days=_table(["org-a"])).rates}
    b = {r.measure: r for r in measure(second, bed_days=_table(["org-b"])).rates}
    union = measure([*first, *second], bed_days=_table(["org-a", "org-b"]))
    for row in union.rates:
        parts = [p for p in (a.get(row.measure), b.get(row.measure)) if p is not None]
        assert row.numerator == sum(p.numerator for p in parts), row.measure
        assert row.unknown == sum(p.unknown for p in parts), row.measure
        if row.denominator is not None:
            assert row.denominator == sum(p.denominator or 0 for p in parts), row.measure
            expected = row.numerator * row.per / row.denominator if row.denominator else None
            assert row.value == expected


def test_an_empty_study_has_only_bed_day_rows_of_zero() -> None:
    result = measure([], [MONTH], bed_days=_table(["org-a"]))
    assert {r.numerator for r in result.rates} == {0}
    assert {r.value for r in result.rates} == {0.0}
    assert result.durations == ()
    assert sorted({r.value_of("month") for r in result.rates}) == MONTHS
