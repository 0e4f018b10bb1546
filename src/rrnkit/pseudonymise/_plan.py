"""What pseudonymisation does to each field, read from the model's metadata.

Person identifiers are listed here, because the model marks them as links
rather than as sensitive. Every field the model marks sensitive is handled by
its metadata: unless listed here, it is removed (an optional field left absent,
a required text replaced by :data:`WITHHELD`), so a sensitive field added to
the model later is removed without any change here.
"""

from __future__ import annotations

import enum
import functools
from typing import Any

import attrs

from rrnkit.model import (
    Incident,
    Investigation,
    Learner,
    Patient,
    PriorTraining,
    ResponsiblePerson,
    RoleHolder,
    StaffInvolvement,
    StaffMember,
    Trainer,
    TrainingEvent,
    is_sensitive,
)
from rrnkit.model import introspect as info
from rrnkit.model.documents import DOCUMENT_TYPES

WITHHELD = "withheld"
"""Text put in place of a required sensitive text field (its value is removed)."""


class Action(enum.Enum):
    """What happens to one field."""

    KEEP = "keep"
    """Copied unchanged."""
    RECURSE = "recurse"
    """Nested model objects, each treated field by field."""
    PSEUDONYMISE = "pseudonymise"
    """Replaced by a keyed pseudonym (every item, for a list of identifiers)."""
    REMOVE = "remove"
    """Left absent (optional) or replaced by :data:`WITHHELD` (required text)."""
    PATIENT_ID = "patient-id"
    """The patient's pseudonym, from the NHS number (else the local id)."""
    AGE_BAND = "age-band"
    """Removed; the age band at the incident's start is written instead."""
    EXTENSIONS = "extensions"
    """Removed unless extensions are explicitly kept (they may hold anything)."""


@attrs.frozen
class Treatment:
    """An action and, for pseudonyms, the namespace that keeps kinds of id apart."""

    action: Action
    namespace: str | None = None


PERSON_IDENTIFIERS: dict[tuple[type, str], str] = {
    (StaffInvolvement, "staff_id"): "staff",
    (Incident, "recorded_by"): "staff",
    (StaffMember, "staff_id"): "staff",
    (ResponsiblePerson, "staff_id"): "staff",
    (Trainer, "staff_id"): "staff",
    (Learner, "staff_id"): "staff",
    (RoleHolder, "staff_id"): "staff",
    (PriorTraining, "judged_by"): "staff",
    (Trainer, "id"): "trainer",
    (TrainingEvent, "trainer_ids"): "trainer",
}
"""Every field holding a person's identifier, with its namespace. A staff id is
pseudonymised alike wherever it appears (workforce, incidents, learners, trainers,
role holders), and so is a trainer id (trainer documents, training events)."""

RECORD_IDENTIFIERS: dict[tuple[type, str], str] = {
    (Incident, "id"): "incident",
    (Incident, "hospital_provider_spell_id"): "spell",
    (Investigation, "reference"): "investigation",
}
"""Identifiers of records about a patient: pseudonymised, so incidents of one
spell still group together, but no one can look the record up in the source."""

_PATIENT: dict[tuple[type, str], Action] = {
    (Patient, "nhs_number"): Action.REMOVE,
    (Patient, "local_id"): Action.PATIENT_ID,
    (Patient, "date_of_birth"): Action.REMOVE,
    (Patient, "age_band"): Action.AGE_BAND,
}


def _holds_objects(type_: Any) -> bool:
    type_ = info.strip_optional(type_)
    if info.is_homogeneous_tuple(type_):
        type_ = info.item_type(type_)
    return attrs.has(type_) or info.is_record_union(type_)


def _removal(cls: type, field: attrs.Attribute[Any]) -> Treatment:
    """Treat a sensitive field nothing else claims: remove it, or fail loudly."""
    if info.is_optional(field.type) or field.default is not attrs.NOTHING:
        return Treatment(Action.REMOVE)
    if field.type is str:
        return Treatment(Action.REMOVE)
    raise TypeError(f"no way to remove the sensitive field {cls.__name__}.{field.name}")


def treatment(cls: type, field: attrs.Attribute[Any]) -> Treatment:
    """Return what pseudonymisation does to one field of a model class."""
    key = (cls, field.name)
    if key in PERSON_IDENTIFIERS:
        return Treatment(Action.PSEUDONYMISE, PERSON_IDENTIFIERS[key])
    if key in RECORD_IDENTIFIERS:
        return Treatment(Action.PSEUDONYMISE, RECORD_IDENTIFIERS[key])
    if key in _PATIENT:
        return Treatment(_PATIENT[key], "patient" if _PATIENT[key] is Action.PATIENT_ID else None)
    if field.name == "extensions" and info.is_document(cls):
        return Treatment(Action.EXTENSIONS)
    if is_sensitive(field):
        return _removal(cls, field)
    if _holds_objects(field.type):
        return Treatment(Action.RECURSE)
    return Treatment(Action.KEEP)


@functools.cache
def plan(cls: type) -> tuple[tuple[attrs.Attribute[Any], Treatment], ...]:
    """Return every field of a model class with its treatment."""
    return tuple((field, treatment(cls, field)) for field in info.fields_of(cls))


def model_classes() -> tuple[type, ...]:
    """Return every model class reachable from the document kinds."""
    seen: list[type] = []
    todo: list[Any] = list(DOCUMENT_TYPES.values())
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        for field in info.fields_of(cls):
            todo.extend(_classes_in(field.type))
    return tuple(seen)


def _classes_in(type_: Any) -> list[type]:
    if isinstance(type_, type) and attrs.has(type_):
        return [type_]
    found: list[type] = []
    for arg in getattr(type_, "__args__", ()):
        found.extend(_classes_in(arg))
    return found


def treatments() -> dict[str, Treatment]:
    """Return the treatment of every field that is not copied unchanged, by 'Class.field'."""
    return {
        f"{cls.__name__}.{field.name}": t
        for cls in model_classes()
        for field, t in plan(cls)
        if t.action not in (Action.KEEP, Action.RECURSE)
    }
