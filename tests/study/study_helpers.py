"""Small incidents and bed days built by hand, for the study tests."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from rrnkit.convert import load
from rrnkit.model import Incident, TrainingEvent
from rrnkit.study import BedDays, Month, OccupiedBedDays

BASE: dict[str, Any] = {
    "kind": "incident",
    "schema_version": "1.0",
    "id": "inc-1",
    "organisation_id": "org-a",
    "unit_id": "ward-1",
    "recorded_at": "2025-03-04T15:00:00+00:00",
    "start": "2025-03-04T14:05:00+00:00",
    "end": "2025-03-04T14:12:00+00:00",
    "interventions": [],
    "patient": {"name": "Sam Example", "nhs_number": "9434765919"},
}


def intervention(
    code: str,
    start: str = "2025-03-04T14:05:00+00:00",
    minutes: int | None = 5,
    *,
    ident: str = "i1",
    injuries: dict[str, bool] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": ident, "type": code, "start": start}
    if minutes is not None:
        begun = dt.datetime.fromisoformat(start)
        data["end"] = (begun + dt.timedelta(minutes=minutes)).isoformat()
    if injuries is not None:
        data["injuries"] = injuries
    return data


def incident(ident: str = "inc-1", **changes: Any) -> Incident:
    data = copy.deepcopy(BASE)
    data["id"] = ident
    interventions = changes.pop("interventions", None)
    if interventions is not None:
        data["interventions"] = [{**i, "id": f"i{n}"} for n, i in enumerate(interventions, 1)]
    patient = changes.pop("patient", None)
    if patient is not None:
        data["patient"].update(patient)
    data.update(changes)
    if "start" in changes and "end" not in changes:
        data["end"] = changes["start"]
    document = load(data)
    assert isinstance(document, Incident)
    return document


def bed_days(*cells: tuple[str, str | None, str, int]) -> BedDays:
    return BedDays(
        OccupiedBedDays(
            organisation_id=org, unit_id=unit, month=Month.parse(month), occupied_bed_days=days
        )
        for org, unit, month, days in cells
    )


def training_event(
    ident: str, staff: list[str], end: dt.date, organisation: str = "org-a"
) -> TrainingEvent:
    data = {
        "kind": "training-event",
        "schema_version": "1.0",
        "id": ident,
        "course_id": "course-1",
        "course_version": "1",
        "provider_id": "prov-1",
        "commissioning_organisation_id": organisation,
        "delivery_model": "provider-delivered",
        "start_date": end.isoformat(),
        "end_date": end.isoformat(),
        "setting": "mental-health-inpatient",
        "trainer_ids": ["tr-1"],
        "learners": [
            {
                "staff_id": s,
                "organisation_id": organisation,
                "staff_group": "registered-nurse",
                "attendance": "attended",
                "competence": "competent",
            }
            for s in staff
        ],
    }
    document = load(data)
    assert isinstance(document, TrainingEvent)
    return document
