"""Dimensions: what study measures are broken down by (unit, month, type, patient group).

A dimension gives each counted record (an incident, one of its
interventions, or a member of staff involved) a value, such as ``2025-03``
for :data:`MONTH`. Values are plain strings, so rows can be written to CSV and
re-aggregated. Time is the record's own calendar date as recorded (the date
part of its RFC 3339 start, in the offset it was written with): an incident
counts in the month it started, and each intervention in the month *it*
started, as MHSDS counts restrictive intervention types by their own start.

Dimensions never reveal a sensitive value: age bands come from the date of
birth without showing it, and :func:`characteristic` shows only category
labels the caller supplies, never what a record says.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Callable, Sequence

import attrs

from rrnkit.model import Incident, Intervention, ProtectedCharacteristic, YesNoUnknown
from rrnkit.study._month import Month

NOT_RECORDED = "not-recorded"
"""The value of a patient dimension the record leaves empty."""
UNKNOWN = "unknown"
"""The value of a dimension that cannot be worked out from the record (e.g. an age)."""
NO_INTERVENTION = "none"
"""The intervention type of an incident recorded without any intervention."""


class Exposure(enum.Enum):
    """How a dimension relates to occupied bed days, the denominator of rates per bed day."""

    SPLITS = "splits"
    """Bed days are counted along it too (organisation, unit, time)."""
    SHARED = "shared"
    """Every value shares the same bed days (intervention type): the rate per bed day of one
    type is that type's count over all bed days."""
    UNKNOWN = "unknown"
    """Bed days are not counted along it (patient groups): rates per bed day are undefined."""


@attrs.frozen
class Record:
    """One thing a measure counts, as dimensions see it."""

    incident: Incident
    intervention: Intervention | None
    """The intervention counted; None for incident-level and staff-level measures."""
    month: Month
    """The month of the intervention's start, or of the incident's start."""
    day: dt.date
    """The calendar date of that start, as recorded."""


@attrs.frozen
class Dimension:
    """A way of breaking measures down: a name and how to find a record's value(s).

    ``of`` returns one value for most dimensions; an incident-level record
    broken down by intervention type has one value per type it included, and
    so counts once under each (those groups overlap).
    """

    name: str
    of: Callable[[Record], tuple[str, ...]] = attrs.field(eq=False, repr=False)
    exposure: Exposure = Exposure.UNKNOWN
    of_cell: Callable[[str, str | None, Month], str] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    """For dimensions that split bed days: the value of a bed-day cell (organisation, unit,
    month)."""


def _one(value: str) -> tuple[str, ...]:
    return (value,)


def _time(name: str, label: Callable[[Month], str]) -> Dimension:
    return Dimension(
        name,
        lambda record: _one(label(record.month)),
        Exposure.SPLITS,
        lambda organisation, unit, month: label(month),
    )


ORGANISATION = Dimension(
    "organisation",
    lambda record: _one(record.incident.organisation_id),
    Exposure.SPLITS,
    lambda organisation, unit, month: organisation,
)
"""The organisation that keeps the record."""

UNIT = Dimension(
    "unit",
    lambda record: _one(record.incident.unit_id or ""),
    Exposure.SPLITS,
    lambda organisation, unit, month: unit or "",
)
"""The unit where it happened ("" when the record names none, or for organisation-wide
bed days). Use it with :data:`ORGANISATION`: unit ids are unique only inside one."""

MONTH = _time("month", str)
"""The calendar month, ``YYYY-MM``."""

QUARTER = _time("quarter", lambda month: month.quarter)
"""The calendar quarter, ``YYYY-Qn``."""

YEAR = _time("year", lambda month: str(month.year))
"""The calendar year, ``YYYY``."""

FINANCIAL_YEAR = _time("financial_year", lambda month: month.financial_year)
"""The UK financial year (April to March), ``YYYY-YY``; NHS statistics use it."""


def _types(record: Record) -> tuple[str, ...]:
    if record.intervention is not None:
        return (record.intervention.type.value,)
    codes = sorted({i.type.value for i in record.incident.interventions})
    return tuple(codes) or (NO_INTERVENTION,)


INTERVENTION_TYPE = Dimension("intervention_type", _types, Exposure.SHARED)
"""The MHSDS restrictive intervention type code (``01`` prone ... ``17``). An incident-level
measure counts an incident once under each type it included."""


def _answer(value: YesNoUnknown | None) -> tuple[str, ...]:
    return _one(NOT_RECORDED if value is None else value.value)


LEARNING_DISABILITY = Dimension(
    "learning_disability", lambda record: _answer(record.incident.patient.learning_disability)
)
"""Whether the patient has a learning disability: yes, no, not-known or not-recorded."""

AUTISM = Dimension("autism", lambda record: _answer(record.incident.patient.autism))
"""Whether the patient is autistic: yes, no, not-known or not-recorded."""


def _age(record: Record) -> int | None:
    """Return the patient's age in whole years on the day (date of birth, else recorded age)."""
    patient = record.incident.patient
    day = record.day
    born = patient.date_of_birth
    if born is not None:
        if born > day:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    for recorded in patient.characteristics:
        if recorded.characteristic is ProtectedCharacteristic.AGE:
            text = recorded.value.strip()
            if text.isascii() and text.isdigit() and len(text) <= 3:
                return int(text)
    return None


DEFAULT_AGE_BANDS = (0, 18, 25, 35, 45, 55, 65)
"""Lower bounds of the default age bands: 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65+."""


def age_band(lower_bounds: Sequence[int] = DEFAULT_AGE_BANDS) -> Dimension:
    """Return a dimension of age bands on the day, from ascending lower bounds.

    The age comes from the patient's date of birth, or else a recorded age
    characteristic; without either the value is ``unknown``. Labels are
    ``18-24`` and, for the last band, ``65+``; ages below the first bound are
    ``unknown`` too.
    """
    bounds = tuple(lower_bounds)
    if not bounds or any(b < 0 for b in bounds) or list(bounds) != sorted(set(bounds)):
        raise ValueError("age bands need ascending, distinct, non-negative lower bounds")
    labels = [f"{low}-{high - 1}" for low, high in itertools.pairwise(bounds)] + [f"{bounds[-1]}+"]

    def of(record: Record) -> tuple[str, ...]:
        age = _age(record)
        if age is None or age < bounds[0]:
            return (UNKNOWN,)
        band = sum(1 for low in bounds if low <= age) - 1
        return (labels[band],)

    return Dimension("age_band", of)


AGE_BAND = age_band()
"""Age bands on the day (see :data:`DEFAULT_AGE_BANDS`)."""

OTHER = "other"
"""The value of :func:`characteristic` for a recorded value outside the given categories."""


def characteristic(which: ProtectedCharacteristic, categories: Sequence[str] = ()) -> Dimension:
    """Return a dimension of one recorded (protected) characteristic, without revealing values.

    Records hold characteristics in the patient's own words, which are
    sensitive. The value is one of ``categories`` when the recorded value
    matches it (ignoring case and surrounding spaces), ``other`` when a value
    is recorded but matches none, and ``not-recorded`` otherwise; with no
    categories it is only ``recorded`` or ``not-recorded``. No record's own
    wording ever becomes a value.
    """
    labels = {c.strip().casefold(): c for c in categories}
    if len(labels) != len(categories):
        raise ValueError("categories must differ (ignoring case and spaces)")

    def of(record: Record) -> tuple[str, ...]:
        for recorded in record.incident.patient.characteristics:
            if recorded.characteristic is which:
                if not labels:
                    return ("recorded",)
                return (labels.get(recorded.value.strip().casefold(), OTHER),)
        return (NOT_RECORDED,)

    return Dimension(which.value, of)


DIMENSIONS: dict[str, Dimension] = {
    d.name: d
    for d in (
        ORGANISATION,
        UNIT,
        MONTH,
        QUARTER,
        YEAR,
        FINANCIAL_YEAR,
        INTERVENTION_TYPE,
        LEARNING_DISABILITY,
        AUTISM,
        AGE_BAND,
    )
}
"""The ready-made dimensions by name (``characteristic(...)`` makes more)."""
