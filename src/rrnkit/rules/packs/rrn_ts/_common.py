"""Names, helpers and derived indexes the RRN Training Standards rules share."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rrnkit.model import (
    CourseLevel,
    Evaluation,
    Incident,
    ModuleFocus,
    QualificationField,
    TrainingEvent,
)
from rrnkit.rules import Context, Fold, Index

ORGANISATION = "organisation"
TNA = "training-needs-analysis"
COURSE = "course"
TRAINER = "trainer"
EVENT = "training-event"

PREVENTIVE = frozenset({ModuleFocus.PREVENTION, ModuleFocus.DE_ESCALATION})
FULL_PROGRAMME = frozenset({CourseLevel.INITIAL, CourseLevel.FULL_RECERTIFICATION})
CARE_FIELDS = frozenset(
    {QualificationField.HEALTH, QualificationField.SOCIAL_CARE, QualificationField.EDUCATION}
)
DEFAULT_CONTENT_AREAS: tuple[str, ...] = (
    "human-rights-and-law",
    "trauma-informed-care",
    "positive-behaviour-support",
    "risks-of-restraint",
    "post-incident-support",
)
"""Content areas RRN-COURSE-CONTENT asks of every restrictive course by default."""


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return every day from ``start`` to ``end``, both included."""
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def iso(day: dt.date | None) -> str | None:
    """Return the ISO form of a date, or None."""
    return day.isoformat() if day is not None else None


def _add_incident_staff(found: dict[str, set[str]], incident: Incident) -> None:
    staff = found.setdefault(incident.organisation_id, set())
    staff.update(p.staff_id for p in incident.staff if p.staff_id is not None)


def _merge_incident_staff(
    first: dict[str, set[str]], second: dict[str, set[str]]
) -> dict[str, set[str]]:
    merged = {org: set(staff) for org, staff in first.items()}
    for org, staff in second.items():
        merged.setdefault(org, set()).update(staff)
    return merged


INCIDENT_STAFF = Fold(
    key="rrn-ts:incident-staff-by-org",
    kind="incident",
    start=dict,
    step=_add_incident_staff,
    merge=_merge_incident_staff,
)
"""Staff ids seen in each organisation's incidents: small however many incidents there are."""


def _events_by_org_provider(index: Index) -> dict[tuple[str, str], list[TrainingEvent]]:
    found: dict[tuple[str, str], list[TrainingEvent]] = defaultdict(list)
    for event in index.of_kind(EVENT):
        found[(event.commissioning_organisation_id, event.provider_id)].append(event)
    return dict(found)


def events_by_org_provider(context: Context) -> dict[tuple[str, str], list[TrainingEvent]]:
    """Return training events by (commissioning organisation, provider), built once per run."""
    return context.index.derived("rrn-ts:events-by-org-provider", _events_by_org_provider)


def _evaluations_by_event(index: Index) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    evaluation: Evaluation
    for evaluation in index.of_kind("evaluation"):
        found[evaluation.training_event_id].append(evaluation.id)
    return dict(found)


def evaluations_by_event(context: Context) -> dict[str, list[str]]:
    """Return evaluation ids by the training event they evaluate, built once per run."""
    return context.index.derived("rrn-ts:evaluations-by-event", _evaluations_by_event)
