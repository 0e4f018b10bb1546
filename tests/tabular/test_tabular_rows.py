"""Rows have exactly the declared columns and types, one per incident, intervention, ..."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.io import iter_records
from rrnkit.model import (
    DOCUMENT_TYPES,
    Attendance,
    Bundle,
    Incident,
    InterventionType,
    TrainingEvent,
    is_sensitive,
)
from rrnkit.model.introspect import field_named, is_homogeneous_tuple, item_type, strip_optional
from rrnkit.report import evaluate, report_to_json
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.strategies import documents
from rrnkit.tabular import TABLES, Column, ColumnType, Rows, Table, as_rows, table, tabulate

ROOT = Path(__file__).parents[2]
AS_OF = dt.date(2026, 11, 28)
DOCUMENT_TABLES = [name for name, spec in TABLES.items() if spec.source != "report"]


def example_documents() -> list[Any]:
    return [r.document for r in iter_records([ROOT / "examples"]) if r and r.document]


def assert_typed(rows: Rows) -> list[tuple[Any, ...]]:
    """Every row has one value per declared column, each of the declared type."""
    got = list(rows)
    for row in got:
        assert len(row) == len(rows.columns)
        for column, value in zip(rows.columns, row, strict=True):
            assert column.check(value), (rows.table.name, column.name, type(value))
    return got


def incidents_in(docs: list[Any]) -> list[Incident]:
    found = []
    for doc in docs:
        inner = doc.documents if isinstance(doc, Bundle) else (doc,)
        found += [d for d in inner if isinstance(d, Incident)]
    return found


some_documents = st.lists(
    st.one_of(documents("incident"), documents("bundle"), documents("training-event")),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(some_documents, st.booleans())
def test_rows_match_the_declared_columns_and_counts(docs: list[Any], sensitive: bool) -> None:
    incidents = incidents_in(docs)
    counts = {
        "incidents": len(incidents),
        "interventions": sum(len(i.interventions) for i in incidents),
        "staff": sum(len(i.staff) for i in incidents),
    }
    for name, expected in counts.items():
        rows = tabulate(name, iter(docs), include_sensitive=sensitive)
        assert rows.columns == TABLES[name].columns_for(include_sensitive=sensitive)
        assert len(assert_typed(rows)) == expected, name
    events = [d for d in docs if isinstance(d, TrainingEvent)]
    events += [d for b in docs if isinstance(b, Bundle) for d in b.documents]
    attended = sum(
        1
        for e in events
        if isinstance(e, TrainingEvent)
        for learner in e.learners
        if learner.attendance is Attendance.ATTENDED
    )
    assert len(assert_typed(tabulate("training", docs))) == attended


@settings(max_examples=60, deadline=None)
@given(documents("incident"))
def test_derived_incident_columns(incident: Incident) -> None:
    row = next(tabulate("incidents", [incident]).dicts())
    assert row["incident_id"] == incident.id
    assert row["month"] == f"{incident.start.year:04d}-{incident.start.month:02d}"
    assert row["hour"] == incident.start.hour
    assert row["duration_minutes"] == incident.duration_minutes
    assert row["intervention_count"] == len(incident.interventions)
    assert row["staff_count"] == len(incident.staff)
    assert row["staff_used_force_count"] == sum(s.used_force for s in incident.staff)
    types = {i.type for i in incident.interventions}
    if not incident.interventions:
        assert row["is_prone"] is None
        assert row["is_physical"] is None
    else:
        assert row["is_prone"] == (InterventionType.PHYSICAL_PRONE in types)
        assert row["is_chemical"] == any(t.is_chemical for t in types)
        assert row["is_seclusion"] == (InterventionType.SECLUSION in types)


def test_example_incident_values() -> None:
    docs = example_documents()
    rows = {r["incident_id"]: r for r in tabulate("incidents", docs).dicts()}
    first = rows["inc-nm-2025-0001"]
    assert first["start"] == dt.datetime(2025, 3, 14, 19, 42, tzinfo=dt.timezone.utc)
    assert first["duration_minutes"] == 9
    assert first["reason"] == "10"
    assert first["is_physical"] is True
    assert first["is_prone"] is False
    assert first["staff_count"] == 3
    assert first["staff_used_force_count"] == 2
    assert first["any_injury"] is False
    assert first["patient_debrief_held"] is True
    assert "patient_nhs_number" not in first


def test_injury_flags_are_unknown_unless_every_intervention_says() -> None:
    incident = next(i for i in example_documents() if isinstance(i, Incident))
    first, *rest = incident.interventions
    unknown = attrs.evolve(first, injuries=None)
    changed = attrs.evolve(incident, interventions=(unknown, *rest))
    row = next(tabulate("incidents", [changed]).dicts())
    assert row["injury_patient"] is None
    assert row["any_injury"] is None
    injured = attrs.evolve(first, injuries=attrs.evolve(first.injuries, staff=True))
    row = next(tabulate("incidents", [attrs.evolve(incident, interventions=(injured,))]).dicts())
    assert row["injury_staff"] is True
    assert row["any_injury"] is True


def test_training_rows_take_the_course_level_when_the_course_is_given() -> None:
    docs = example_documents()
    events = [d for d in docs if isinstance(d, TrainingEvent)]
    with_courses = list(tabulate("training", docs).dicts())
    assert {r["course_level"] for r in with_courses} == {"initial", "refresher"}
    alone = list(tabulate("training", events).dicts())
    assert {r["course_level"] for r in alone} == {None}
    assert (
        len(alone)
        == len(with_courses)
        == sum(learner.attendance is Attendance.ATTENDED for e in events for learner in e.learners)
    )


def test_outcome_rows_follow_the_report() -> None:
    report = evaluate(example_documents(), ALL_PACKS, as_of=AS_OF)
    rows = assert_typed(tabulate("outcomes", report))
    assert len(rows) == len(report.results)
    named = [dict(zip(TABLES["outcomes"].columns_for(), row, strict=True)) for row in rows]
    for result, row in zip(report.results, named, strict=True):
        by_name = {c.name: v for c, v in row.items()}
        assert by_name["rule_id"] == result.rule_id
        assert by_name["outcome"] == result.outcome.value
        assert by_name["as_of"] == AS_OF
        assert by_name["citations"] == ", ".join(str(c) for c in result.citations)


def test_rows_are_made_lazily() -> None:
    def endless() -> Any:
        incident = next(d for d in example_documents() if isinstance(d, Incident))
        while True:
            yield incident

    rows = iter(tabulate("interventions", endless()))
    assert [next(rows)[0] for _ in range(5)] == ["inc-nm-2025-0001"] * 5


def test_wrong_sources_and_names_are_refused() -> None:
    report = evaluate([], ALL_PACKS, as_of=AS_OF)
    with pytest.raises(TypeError, match="Report"):
        tabulate("outcomes", [])
    with pytest.raises(TypeError, match="documents"):
        tabulate("incidents", report)
    with pytest.raises(TypeError, match="documents"):
        tabulate("incidents", example_documents()[0])
    with pytest.raises(KeyError, match="incidents, interventions"):
        table("incident")
    rows = tabulate("staff", [])
    assert as_rows(rows) is rows
    with pytest.raises(TypeError, match="already made"):
        as_rows(rows, include_sensitive=True)
    with pytest.raises(TypeError, match="give the documents"):
        as_rows("staff")


# ------------------------------------------------------------------ the specifications


def model_fields(kind: str, pointer: str) -> list[attrs.Attribute[Any]]:
    """The model fields a source pointer passes through (KeyError if it does not resolve)."""
    if ":" in pointer:
        kind, pointer = pointer.split(":", 1)
    type_: Any = DOCUMENT_TYPES[kind]
    found = []
    for token in pointer.split("/")[1:]:
        if token == "*":
            assert is_homogeneous_tuple(type_), pointer
            type_ = item_type(type_)
            continue
        field = field_named(type_, token)
        found.append(field)
        type_ = strip_optional(field.type)
    return found


@pytest.mark.parametrize("spec", TABLES.values(), ids=list(TABLES))
def test_column_specifications(spec: Table) -> None:
    names = [c.name for c in spec.columns]
    assert len(set(names)) == len(names)
    for column in spec.columns:
        assert column.description.endswith(".")
        assert column.sources
        assert (column.type is ColumnType.CODE) == bool(column.codes), column.name
    sensitive = [c for c in spec.columns if c.sensitive]
    assert spec.columns[len(spec.columns) - len(sensitive) :] == tuple(sensitive), (
        "sensitive columns come last, so the default columns are a prefix"
    )


@pytest.mark.parametrize("name", DOCUMENT_TABLES)
def test_sources_resolve_and_sensitivity_follows_the_model(name: str) -> None:
    spec = TABLES[name]
    for column in spec.columns:
        fields = [f for s in column.sources for f in model_fields(spec.source, s)]
        assert fields, column.name
        assert column.sensitive == any(is_sensitive(f) for f in fields), column.name


def test_outcome_sources_point_into_the_json_report() -> None:
    report = evaluate(example_documents(), ALL_PACKS, as_of=AS_OF)
    data = report_to_json(report)
    for column in TABLES["outcomes"].columns:
        for pointer in column.sources:
            node: Any = data
            for token in pointer.split("/")[1:]:
                if isinstance(node, list):
                    if not node:
                        break
                    node = node[0]
                else:
                    node = node[token]


def test_the_sensitive_columns_are_linkage_keys_only() -> None:
    sensitive = {c.name for spec in TABLES.values() for c in spec.columns if c.sensitive}
    assert sensitive == {"patient_nhs_number", "patient_local_id", "hospital_provider_spell_id"}


def test_column_check_refuses_the_wrong_type() -> None:
    column = TABLES["incidents"].column("start")
    assert not column.check(dt.datetime(2025, 1, 1))  # naive
    assert not column.check(None)
    assert TABLES["incidents"].column("end").check(None)
    assert not TABLES["incidents"].column("reason").check("00")
    assert not TABLES["incidents"].column("hour").check(True)
    assert isinstance(TABLES["incidents"].column("hour"), Column)
