"""The column specification is consistent with MHSDS and with the model."""

from __future__ import annotations

import attrs

from rrnkit.mhsds import (
    CARRIED_POINTERS,
    MHS505_COLUMNS,
    MHS515_COLUMNS,
    SUPPLIED_POINTERS,
    ColumnType,
    markdown_table,
    uncarried_fields,
)
from rrnkit.model import Incident, Intervention
from rrnkit.model.introspect import fields_of, strip_optional

MHS505_NAMES = [
    "RestrictiveIntIncID",
    "HospProvSpellID",
    "StartDateRestrictiveIntInc",
    "StartTimeRestrictiveIntInc",
    "EndDateRestrictiveIntInc",
    "EndTimeRestrictiveIntInc",
    "RestrictiveIntReason",
    "RestrictiveIntPIReviewHeldPat",
    "RestrictiveIntPIReviewNotHeldReasPat",
    "RestrictiveIntPIReviewHeldCarePers",
]
MHS515_NAMES = [
    "RestrictiveIntTypeID",
    "RestrictiveIntIncID",
    "RestrictiveIntType",
    "StartDateRestrictiveIntType",
    "StartTimeRestrictiveIntType",
    "EndDateRestrictiveIntType",
    "EndTimeRestrictiveIntType",
    "RestraintInjuryPatient",
    "RestraintInjuryCarePers",
    "RestraintInjuryOtherPers",
]


def test_the_tables_have_the_data_sets_column_names_in_order() -> None:
    assert [c.name for c in MHS505_COLUMNS] == MHS505_NAMES
    assert [c.name for c in MHS515_COLUMNS] == MHS515_NAMES


def resolves(pointer: str) -> bool:
    """Tell whether a pointer names a field of the incident model."""
    cls: type = Incident
    tokens = pointer.strip("/").split("/")
    if tokens[:2] == ["interventions", "*"]:
        cls, tokens = Intervention, tokens[2:]
    for token in tokens:
        names = {f.name: f for f in fields_of(cls)}
        if token not in names:
            return False
        type_ = strip_optional(names[token].type)
        cls = type_ if attrs.has(type_) else object
    return True


def test_every_column_names_a_model_field() -> None:
    for column in MHS505_COLUMNS + MHS515_COLUMNS:
        assert resolves(column.pointer), column.name


def test_only_the_review_reason_is_not_carried_and_it_is_sensitive() -> None:
    not_carried = [c.name for c in MHS505_COLUMNS + MHS515_COLUMNS if not c.carried]
    assert not_carried == ["RestrictiveIntPIReviewNotHeldReasPat"]
    sensitive = {c.name for c in MHS505_COLUMNS if c.sensitive}
    assert sensitive == {"HospProvSpellID", "RestrictiveIntPIReviewNotHeldReasPat"}


def test_dates_and_times_come_in_pairs_for_the_same_field() -> None:
    for columns in (MHS505_COLUMNS, MHS515_COLUMNS):
        dates = [c.pointer for c in columns if c.type is ColumnType.DATE]
        times = [c.pointer for c in columns if c.type is ColumnType.TIME]
        assert dates == times
        assert len(dates) == 2


def test_uncarried_fields_and_carried_pointers_partition_the_incident() -> None:
    uncarried = set(uncarried_fields())
    assert not uncarried & CARRIED_POINTERS
    assert set(SUPPLIED_POINTERS) <= uncarried
    assert "/patient/name" in uncarried
    assert "/interventions/*/description" in uncarried
    assert "/patient_debrief/reason_not_held" in uncarried


def test_the_markdown_table_lists_every_column() -> None:
    text = markdown_table(MHS505_COLUMNS)
    for name in MHS505_NAMES:
        assert f"`{name}`" in text
    assert "not carried" in text
