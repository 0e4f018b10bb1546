"""The MHSDS columns rrnkit reads and writes, as data: one table per MHSDS table.

Each column names the rrnkit field it carries as a JSON Pointer into an
incident (``*`` stands for any intervention's index), so the documentation,
the export, the import and the tests all read one specification.
"""

from __future__ import annotations

import enum

import attrs


class ColumnType(enum.Enum):
    """How a column's cells are written."""

    IDENTIFIER = "identifier"
    TEXT = "text"
    DATE = "date"
    TIME = "time"
    REASON_CODE = "reason-code"
    TYPE_CODE = "type-code"
    YES_NO = "yes-no"


@attrs.frozen(kw_only=True)
class Column:
    """One MHSDS column and the rrnkit field it carries."""

    table: str
    """The MHSDS table: ``MHS505`` or ``MHS515``."""
    name: str
    """The column name as the data set spells it."""
    pointer: str
    """The rrnkit field, as a JSON Pointer into an incident (``*``: any intervention)."""
    type: ColumnType
    """How cells are written."""
    description: str
    """What the column holds, in words."""
    carried: bool = True
    """False when rrnkit cannot fill the column (it is written empty)."""
    sensitive: bool = False
    """True when the value identifies a person: never echoed in a message."""
    required: bool = False
    """True when a row without a value cannot be read back into an incident."""


MHS505 = "MHS505"
"""MHS505 Restrictive Intervention Incident: one row per incident."""
MHS515 = "MHS515"
"""MHS515 Restrictive Intervention Type: one row per intervention."""

MHS505_COLUMNS: tuple[Column, ...] = (
    Column(
        table=MHS505,
        name="RestrictiveIntIncID",
        pointer="/id",
        type=ColumnType.IDENTIFIER,
        description="The incident's id.",
        required=True,
    ),
    Column(
        table=MHS505,
        name="HospProvSpellID",
        pointer="/hospital_provider_spell_id",
        type=ColumnType.TEXT,
        description="The hospital provider spell the incident happened in (sensitive).",
        sensitive=True,
    ),
    Column(
        table=MHS505,
        name="StartDateRestrictiveIntInc",
        pointer="/start",
        type=ColumnType.DATE,
        description="Date the incident started, UK local time (YYYY-MM-DD).",
        required=True,
    ),
    Column(
        table=MHS505,
        name="StartTimeRestrictiveIntInc",
        pointer="/start",
        type=ColumnType.TIME,
        description="Time the incident started, UK local time (HH:MM:SS).",
        required=True,
    ),
    Column(
        table=MHS505,
        name="EndDateRestrictiveIntInc",
        pointer="/end",
        type=ColumnType.DATE,
        description="Date the incident ended, UK local time; empty while unrecorded.",
    ),
    Column(
        table=MHS505,
        name="EndTimeRestrictiveIntInc",
        pointer="/end",
        type=ColumnType.TIME,
        description="Time the incident ended, UK local time; empty while unrecorded.",
    ),
    Column(
        table=MHS505,
        name="RestrictiveIntReason",
        pointer="/reason",
        type=ColumnType.REASON_CODE,
        description="MHSDS reason code (10-19, 98, 99).",
    ),
    Column(
        table=MHS505,
        name="RestrictiveIntPIReviewHeldPat",
        pointer="/patient_debrief/held",
        type=ColumnType.YES_NO,
        description="Whether the post-incident review with the patient was held (Y/N).",
    ),
    Column(
        table=MHS505,
        name="RestrictiveIntPIReviewNotHeldReasPat",
        pointer="/patient_debrief/reason_not_held",
        type=ColumnType.TEXT,
        description="MHSDS code for why the review with the patient was not held; rrnkit "
        "holds only free text (sensitive), so this column is always written empty.",
        carried=False,
        sensitive=True,
    ),
    Column(
        table=MHS505,
        name="RestrictiveIntPIReviewHeldCarePers",
        pointer="/staff_debrief/held",
        type=ColumnType.YES_NO,
        description="Whether the post-incident review with care staff was held (Y/N).",
    ),
)
"""The MHS505 Restrictive Intervention Incident columns, in the data set's order."""

MHS515_COLUMNS: tuple[Column, ...] = (
    Column(
        table=MHS515,
        name="RestrictiveIntTypeID",
        pointer="/interventions/*/id",
        type=ColumnType.IDENTIFIER,
        description="The intervention's id (unique within its incident).",
        required=True,
    ),
    Column(
        table=MHS515,
        name="RestrictiveIntIncID",
        pointer="/id",
        type=ColumnType.IDENTIFIER,
        description="The id of the incident the intervention belongs to.",
        required=True,
    ),
    Column(
        table=MHS515,
        name="RestrictiveIntType",
        pointer="/interventions/*/type",
        type=ColumnType.TYPE_CODE,
        description="MHSDS restrictive intervention type code (01, 04-17).",
        required=True,
    ),
    Column(
        table=MHS515,
        name="StartDateRestrictiveIntType",
        pointer="/interventions/*/start",
        type=ColumnType.DATE,
        description="Date the intervention started, UK local time (YYYY-MM-DD).",
        required=True,
    ),
    Column(
        table=MHS515,
        name="StartTimeRestrictiveIntType",
        pointer="/interventions/*/start",
        type=ColumnType.TIME,
        description="Time the intervention started, UK local time (HH:MM:SS).",
        required=True,
    ),
    Column(
        table=MHS515,
        name="EndDateRestrictiveIntType",
        pointer="/interventions/*/end",
        type=ColumnType.DATE,
        description="Date the intervention ended, UK local time; empty while unrecorded.",
    ),
    Column(
        table=MHS515,
        name="EndTimeRestrictiveIntType",
        pointer="/interventions/*/end",
        type=ColumnType.TIME,
        description="Time the intervention ended, UK local time; empty while unrecorded.",
    ),
    Column(
        table=MHS515,
        name="RestraintInjuryPatient",
        pointer="/interventions/*/injuries/patient",
        type=ColumnType.YES_NO,
        description="Whether the patient was injured (Y/N).",
    ),
    Column(
        table=MHS515,
        name="RestraintInjuryCarePers",
        pointer="/interventions/*/injuries/staff",
        type=ColumnType.YES_NO,
        description="Whether a member of care staff was injured (Y/N).",
    ),
    Column(
        table=MHS515,
        name="RestraintInjuryOtherPers",
        pointer="/interventions/*/injuries/other_person",
        type=ColumnType.YES_NO,
        description="Whether another person was injured (Y/N).",
    ),
)
"""The MHS515 Restrictive Intervention Type columns, in the data set's order."""

COLUMNS: tuple[Column, ...] = MHS505_COLUMNS + MHS515_COLUMNS
"""Every column of both tables."""

CARRIED_POINTERS: frozenset[str] = frozenset(c.pointer for c in COLUMNS if c.carried) | {
    "/interventions"
}
"""Incident fields MHSDS carries (``*`` for any intervention index)."""

SUPPLIED_POINTERS: tuple[str, ...] = ("/organisation_id", "/recorded_at")
"""Required incident fields MHSDS lacks, which an import must be given explicitly."""


def markdown_table(columns: tuple[Column, ...]) -> str:
    """Render columns as a Markdown table (column, rrnkit field, type, description)."""
    lines = ["| column | rrnkit field | type | description |", "|---|---|---|---|"]
    for column in columns:
        field = f"`{column.pointer}`" if column.carried else f"not carried (`{column.pointer}`)"
        lines.append(f"| `{column.name}` | {field} | {column.type.value} | {column.description} |")
    return "\n".join(lines) + "\n"
