"""The plans behind the reference documents: organisations, units, staff, providers, trainers.

Plans are mutable and hold what the documents do not: which staff may be
involved in a unit's incidents, the trainings each person attended, the days
from which they are in date and any planted lapse. They are made by the
planning modules (``_plan_workforce``, ``_plan_training``), turned into model
objects by the building modules (``_build_*``) and read by the incident
generator.
"""

from __future__ import annotations

import datetime as dt

import attrs

from rrnkit.model import (
    AffiliateArrangement,
    Course,
    Population,
    Setting,
    StaffGroup,
    TrainingEvent,
)
from rrnkit.synth import _data

__all__ = [
    "CERTIFICATE_MONTHS",
    "DAY",
    "NEVER",
    "OrgPlan",
    "Person",
    "Provider",
    "TrainerPlan",
    "UnitPlan",
]

DAY = dt.timedelta(days=1)
"""One day, for date arithmetic."""
NEVER = 10**9
"""A day number after any the generator uses."""
CERTIFICATE_MONTHS = 36
"""A BILD ACT certificate lasts 3 years."""


@attrs.define(eq=False)
class Person:
    """A member of staff: who they are, when they were in post and when they trained."""

    number: int
    name: str
    title: str
    group: StaffGroup
    unit: int | None
    start: dt.date
    end: dt.date | None
    force: bool
    observer: bool
    staff_id: str = ""
    trainings: list[tuple[dt.date, dt.date, bool, bool]] = attrs.Factory(list)
    """Attended events as (start, end, full programme?, found competent?)."""
    elig_from: int = NEVER
    """Day number from which the person is trained (ignoring any planted lapse)."""
    elig_until: int = NEVER
    """Last day number in post."""
    lapse_from: int = NEVER
    """Day number from which a planted lapse leaves the person out of date."""

    def in_post(self, day: dt.date) -> bool:
        """Tell whether the person was in post on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.define(eq=False)
class TrainerPlan:
    """A trainer, with the days they are booked and any planted gaps in authorisation."""

    id: str
    name: str
    associate: bool
    staff: Person | None = None
    qualification: tuple[str, str] = ("BSc (Hons) Nursing (Mental Health)", "health")
    authorised_from: dt.date | None = None
    busy: set[dt.date] = attrs.Factory(set)
    holes: list[tuple[str, dt.date, dt.date]] = attrs.Factory(list)


@attrs.define(eq=False)
class Provider:
    """An invented certified training provider."""

    index: int
    id: str
    slug: str
    code: str
    name: str
    initial: Course
    refresher: Course
    certified_on: dt.date
    trainers: list[TrainerPlan] = attrs.Factory(list)
    affiliates: list[AffiliateArrangement] = attrs.Factory(list)


@attrs.define(eq=False)
class UnitPlan:
    """A unit, with the staff who may be involved in its incidents."""

    org: OrgPlan
    index: int
    id: str
    kind: _data.UnitKind
    name: str
    short: str
    beds: int
    site: int = 0
    """Which of the organisation's hospital sites the unit is on (responders come from there)."""
    force: list[Person] = attrs.Factory(list)
    observers: list[Person] = attrs.Factory(list)


@attrs.define(eq=False)
class OrgPlan:
    """A care organisation and everything generated for it."""

    index: int
    id: str
    code: str
    slug: str
    name: str
    short: str
    nhs: bool
    provider: Provider
    units: list[UnitPlan] = attrs.Factory(list)
    people: list[Person] = attrs.Factory(list)
    security: list[Person] = attrs.Factory(list)
    associate: TrainerPlan | None = None
    approved_on: dt.date | None = None
    events: list[TrainingEvent] = attrs.Factory(list)
    settings: tuple[Setting, ...] = ()
    populations: tuple[Population, ...] = ()
    weight: float = 0.0
