"""The incident tables: one row per incident, per intervention, per staff involvement.

Times are as the record gives them, with their UTC offsets; ``month``,
``hour`` and ``weekday`` read the start on the record's own clock (the local
time the recorder wrote), so a night-time incident stays at night.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from rrnkit.model import (
    Debrief,
    Document,
    Incident,
    Injuries,
    Intervention,
    InterventionReason,
    InterventionType,
    StaffInvolvement,
    YesNoUnknown,
)
from rrnkit.tabular._column import Column, ColumnType, code_value, codes_of
from rrnkit.tabular._table import Table, documents_of

S = ColumnType.STRING
CODE = ColumnType.CODE
INT = ColumnType.INTEGER
BOOL = ColumnType.BOOLEAN
TIME = ColumnType.DATETIME

_TYPES = codes_of(InterventionType)
_REASONS = codes_of(InterventionReason)
_YES_NO = codes_of(YesNoUnknown)


def _incidents(documents: Iterable[Document]) -> Iterator[Incident]:
    for document in documents_of(documents):
        if isinstance(document, Incident):
            yield document


def _interventions(documents: Iterable[Document]) -> Iterator[tuple[Incident, Intervention]]:
    for incident in _incidents(documents):
        for intervention in incident.interventions:
            yield incident, intervention


def _staff(documents: Iterable[Document]) -> Iterator[tuple[Incident, int, StaffInvolvement]]:
    for incident in _incidents(documents):
        for position, involvement in enumerate(incident.staff):
            yield incident, position, involvement


# ------------------------------------------------------------------ derived values


def month(moment: dt.date | None) -> str | None:
    """Return ``YYYY-MM`` of a date or date-time (on its own clock), or None."""
    return None if moment is None else f"{moment.year:04d}-{moment.month:02d}"


def _hour(moment: dt.datetime) -> int:
    return moment.hour


def _weekday(moment: dt.datetime) -> int:
    return moment.isoweekday()


def _any_true(values: Iterable[bool | None]) -> bool | None:
    """Say True if any value is true, False if all are false (and there are some), else None."""
    seen = False
    unknown = False
    for value in values:
        seen = True
        if value is True:
            return True
        if value is None:
            unknown = True
    return None if unknown or not seen else False


def _has_type(test: Callable[[InterventionType], bool]) -> Callable[[Incident], bool | None]:
    def value(incident: Incident) -> bool | None:
        if not incident.interventions:
            return None  # what force was used is not recorded: neither yes nor no
        return any(test(i.type) for i in incident.interventions)

    return value


def _injury(name: str) -> Callable[[Intervention], bool | None]:
    def value(intervention: Intervention) -> bool | None:
        injuries = intervention.injuries
        if injuries is None:
            return None
        found: bool | None = getattr(injuries, name)
        return found

    return value


_Pair = tuple[Incident, Intervention]


def _is_type(test: Callable[[InterventionType], bool]) -> Callable[[_Pair], bool]:
    def value(pair: _Pair) -> bool:
        return test(pair[1].type)

    return value


def _intervention_injury(name: str) -> Callable[[_Pair], bool | None]:
    one = _injury(name)

    def value(pair: _Pair) -> bool | None:
        return one(pair[1])

    return value


def _any_injury(injuries: Injuries | None) -> bool | None:
    if injuries is None:
        return None
    return _any_true((injuries.patient, injuries.staff, injuries.other_person))


def _incident_injury(name: str) -> Callable[[Incident], bool | None]:
    one = _injury(name)

    def value(incident: Incident) -> bool | None:
        return _any_true(one(i) for i in incident.interventions)

    return value


def _prone_minutes(incident: Incident) -> int | None:
    if not incident.interventions:
        return None
    total = 0
    for intervention in incident.interventions:
        if intervention.type is InterventionType.PHYSICAL_PRONE:
            minutes = intervention.duration_minutes
            if minutes is None:
                return None
            total += minutes
    return total


def _debrief(which: str, name: str) -> Callable[[Incident], bool | None]:
    def value(incident: Incident) -> bool | None:
        debrief: Debrief | None = getattr(incident, which)
        if debrief is None:
            return None
        found: bool | None = getattr(debrief, name)
        return found

    return value


_IS = {
    "prone": lambda t: t is InterventionType.PHYSICAL_PRONE,
    "physical": lambda t: t.is_physical,
    "chemical": lambda t: t.is_chemical,
    "mechanical": lambda t: t is InterventionType.MECHANICAL,
    "seclusion": lambda t: t is InterventionType.SECLUSION,
    "segregation": lambda t: t is InterventionType.SEGREGATION,
}
_IS_WORDS = {
    "prone": "physical restraint in the prone position (MHSDS 01)",
    "physical": "physical restraint of any position (MHSDS 01, 07-13)",
    "chemical": "chemical restraint (MHSDS 14-17)",
    "mechanical": "mechanical restraint (MHSDS 04)",
    "seclusion": "seclusion (MHSDS 05)",
    "segregation": "long-term segregation (MHSDS 06)",
}
_INJURY_WORDS = {
    "patient": "the patient",
    "staff": "a member of staff",
    "other_person": "another person",
}


# ------------------------------------------------------------------ incidents


def _incident_columns() -> tuple[Column, ...]:
    columns = [
        Column(name="incident_id", type=S, nullable=False, sources=("/id",),
               description="The incident record's id.", value=lambda i: i.id),
        Column(name="organisation_id", type=S, nullable=False, sources=("/organisation_id",),
               description="The organisation that keeps the record.",
               value=lambda i: i.organisation_id),
        Column(name="unit_id", type=S, sources=("/unit_id",),
               description="The unit where it happened.", value=lambda i: i.unit_id),
        Column(name="recorded_at", type=TIME, nullable=False, sources=("/recorded_at",),
               description="When the record was created.", value=lambda i: i.recorded_at),
        Column(name="recorded_by", type=S, sources=("/recorded_by",),
               description="Staff id of who recorded it.", value=lambda i: i.recorded_by),
        Column(name="start", type=TIME, nullable=False, sources=("/start",),
               description="When the use of force started.", value=lambda i: i.start),
        Column(name="end", type=TIME, sources=("/end",),
               description="When it ended; missing while unrecorded.", value=lambda i: i.end),
        Column(name="duration_minutes", type=INT, derived=True, sources=("/start", "/end"),
               description="Whole minutes from start to end; missing when the end is not "
               "recorded.", value=lambda i: i.duration_minutes),
        Column(name="month", type=S, derived=True, nullable=False, sources=("/start",),
               description="Month of the start, YYYY-MM, on the record's own clock.",
               value=lambda i: month(i.start)),
        Column(name="hour", type=INT, derived=True, nullable=False, sources=("/start",),
               description="Hour of the start, 0-23, on the record's own clock.",
               value=lambda i: _hour(i.start)),
        Column(name="weekday", type=INT, derived=True, nullable=False, sources=("/start",),
               description="ISO day of the week of the start, 1 (Monday) to 7 (Sunday).",
               value=lambda i: _weekday(i.start)),
        Column(name="reason", type=CODE, codes=_REASONS, sources=("/reason",),
               description="MHSDS restrictive intervention reason code.",
               value=lambda i: code_value(i.reason)),
        Column(name="negligible", type=BOOL, nullable=False, sources=("/negligible",),
               description="Whether the recorder judged the force negligible.",
               value=lambda i: i.negligible),
        Column(name="intervention_count", type=INT, derived=True, nullable=False,
               sources=("/interventions",), description="Number of interventions recorded.",
               value=lambda i: len(i.interventions)),
    ]  # fmt: skip
    for kind, test in _IS.items():
        columns.append(
            Column(
                name=f"is_{kind}",
                type=BOOL,
                derived=True,
                sources=("/interventions/*/type",),
                description=f"Whether any intervention was {_IS_WORDS[kind]}; missing when "
                "no intervention is recorded.",
                value=_has_type(test),
            )
        )
    columns += [
        Column(name="prone_minutes", type=INT, derived=True,
               sources=("/interventions/*/type", "/interventions/*/start",
                        "/interventions/*/end"),
               description="Total whole minutes of prone restraint (0 when none); missing when "
               "no intervention is recorded or a prone one has no end.",
               value=_prone_minutes),
        Column(name="pain_inducing", type=BOOL, derived=True,
               sources=("/interventions/*/pain_inducing",),
               description="Whether any intervention used a pain-based technique; false only "
               "when every intervention records that none did.",
               value=lambda i: _any_true(x.pain_inducing for x in i.interventions)),
    ]  # fmt: skip
    for who, words in _INJURY_WORDS.items():
        columns.append(
            Column(
                name=f"injury_{who}",
                type=BOOL,
                derived=True,
                sources=(f"/interventions/*/injuries/{who}",),
                description=f"Whether {words} was injured in any intervention; false only when "
                "every intervention records no such injury.",
                value=_incident_injury(who),
            )
        )
    columns += [
        Column(name="any_injury", type=BOOL, derived=True,
               sources=("/interventions/*/injuries",),
               description="Whether anyone was injured; false only when every intervention "
               "records that nobody was.",
               value=lambda i: _any_true(_any_injury(x.injuries) for x in i.interventions)),
        Column(name="death_or_serious_injury", type=BOOL, sources=("/death_or_serious_injury",),
               description="Whether the patient died or was seriously injured as a result.",
               value=lambda i: i.death_or_serious_injury),
        Column(name="staff_count", type=INT, derived=True, nullable=False, sources=("/staff",),
               description="Number of people recorded as involved.",
               value=lambda i: len(i.staff)),
        Column(name="staff_used_force_count", type=INT, derived=True, nullable=False,
               sources=("/staff/*/used_force",),
               description="Number of people recorded as having used force.",
               value=lambda i: sum(1 for s in i.staff if s.used_force)),
        Column(name="non_unit_staff_count", type=INT, derived=True, nullable=False,
               sources=("/staff/*/unit_staff",),
               description="Number of people involved from outside the unit (e.g. police).",
               value=lambda i: sum(1 for s in i.staff if not s.unit_staff)),
        Column(name="de_escalation_count", type=INT, derived=True, nullable=False,
               sources=("/de_escalation",),
               description="Number of de-escalation techniques recorded.",
               value=lambda i: len(i.de_escalation)),
        Column(name="learning_disability", type=CODE, codes=_YES_NO,
               sources=("/patient/learning_disability",),
               description="Whether the patient has a learning disability.",
               value=lambda i: code_value(i.patient.learning_disability)),
        Column(name="autism", type=CODE, codes=_YES_NO, sources=("/patient/autism",),
               description="Whether the patient is autistic.",
               value=lambda i: code_value(i.patient.autism)),
        Column(name="care_plan_notification_sent", type=CODE, codes=_YES_NO,
               sources=("/care_plan_notification_sent",),
               description="Whether the care-plan notification was sent.",
               value=lambda i: code_value(i.care_plan_notification_sent)),
    ]  # fmt: skip
    for which, who in (("patient_debrief", "the patient"), ("staff_debrief", "staff")):
        for name, verb in (("offered", "offered"), ("held", "held")):
            columns.append(
                Column(
                    name=f"{which}_{name}",
                    type=BOOL,
                    sources=(f"/{which}/{name}",),
                    description=f"Whether a post-incident debrief with {who} was {verb}.",
                    value=_debrief(which, name),
                )
            )
    columns += [
        Column(name="patient_nhs_number", type=S, sensitive=True,
               sources=("/patient/nhs_number",),
               description="The patient's NHS number: a linkage key (personal data).",
               value=lambda i: i.patient.nhs_number),
        Column(name="patient_local_id", type=S, sensitive=True, sources=("/patient/local_id",),
               description="The local patient identifier: a linkage key (personal data).",
               value=lambda i: i.patient.local_id),
        Column(name="hospital_provider_spell_id", type=S, sensitive=True,
               sources=("/hospital_provider_spell_id",),
               description="The MHSDS hospital provider spell id: a linkage key (personal data).",
               value=lambda i: i.hospital_provider_spell_id),
    ]  # fmt: skip
    return tuple(columns)


INCIDENTS = Table(
    name="incidents",
    description="Uses of force, one row each, with derived counts and flags for analysis.",
    row="One incident record (incidents inside bundles included).",
    source="incident",
    columns=_incident_columns(),
    subjects=_incidents,
)

# ------------------------------------------------------------------ interventions


def _intervention_columns() -> tuple[Column, ...]:
    columns = [
        Column(name="incident_id", type=S, nullable=False, sources=("/id",),
               description="The incident record's id.", value=lambda p: p[0].id),
        Column(name="intervention_id", type=S, nullable=False, sources=("/interventions/*/id",),
               description="The intervention's id, unique within the incident.",
               value=lambda p: p[1].id),
        Column(name="organisation_id", type=S, nullable=False, sources=("/organisation_id",),
               description="The organisation that keeps the record.",
               value=lambda p: p[0].organisation_id),
        Column(name="unit_id", type=S, sources=("/unit_id",),
               description="The unit where it happened.", value=lambda p: p[0].unit_id),
        Column(name="type", type=CODE, codes=_TYPES, nullable=False,
               sources=("/interventions/*/type",),
               description="MHSDS restrictive intervention type code.",
               value=lambda p: p[1].type.value),
        Column(name="start", type=TIME, nullable=False, sources=("/interventions/*/start",),
               description="When it started.", value=lambda p: p[1].start),
        Column(name="end", type=TIME, sources=("/interventions/*/end",),
               description="When it ended; missing while unrecorded.", value=lambda p: p[1].end),
        Column(name="duration_minutes", type=INT, derived=True,
               sources=("/interventions/*/start", "/interventions/*/end"),
               description="Whole minutes from start to end; missing when the end is not "
               "recorded.", value=lambda p: p[1].duration_minutes),
        Column(name="month", type=S, derived=True, nullable=False,
               sources=("/interventions/*/start",),
               description="Month of the start, YYYY-MM, on the record's own clock.",
               value=lambda p: month(p[1].start)),
        Column(name="hour", type=INT, derived=True, nullable=False,
               sources=("/interventions/*/start",),
               description="Hour of the start, 0-23, on the record's own clock.",
               value=lambda p: _hour(p[1].start)),
    ]  # fmt: skip
    for kind, test in _IS.items():
        columns.append(
            Column(
                name=f"is_{kind}",
                type=BOOL,
                derived=True,
                nullable=False,
                sources=("/interventions/*/type",),
                description=f"Whether it was {_IS_WORDS[kind]}.",
                value=_is_type(test),
            )
        )
    columns += [
        Column(name="in_care_plan", type=BOOL, sources=("/interventions/*/in_care_plan",),
               description="Whether this type of force is in the care plan.",
               value=lambda p: p[1].in_care_plan),
        Column(name="pain_inducing", type=BOOL, sources=("/interventions/*/pain_inducing",),
               description="Whether a pain-based technique was used.",
               value=lambda p: p[1].pain_inducing),
    ]  # fmt: skip
    for who, words in _INJURY_WORDS.items():
        columns.append(
            Column(
                name=f"injury_{who}",
                type=BOOL,
                sources=(f"/interventions/*/injuries/{who}",),
                description=f"Whether {words} was injured.",
                value=_intervention_injury(who),
            )
        )
    columns += [
        Column(name="any_injury", type=BOOL, derived=True,
               sources=("/interventions/*/injuries",),
               description="Whether anyone was injured; false only when all three are "
               "recorded as not injured.", value=lambda p: _any_injury(p[1].injuries)),
        Column(name="vital_signs_observation_count", type=INT, derived=True, nullable=False,
               sources=("/interventions/*/vital_signs_observations",),
               description="Number of physical health observations recorded afterwards.",
               value=lambda p: len(p[1].vital_signs_observations)),
    ]  # fmt: skip
    return tuple(columns)


INTERVENTIONS = Table(
    name="interventions",
    description="Restrictive interventions, one row each (an incident may hold several).",
    row="One intervention of one incident.",
    source="incident",
    columns=_intervention_columns(),
    subjects=_interventions,
)

# ------------------------------------------------------------------ staff


def _staff_columns() -> tuple[Column, ...]:
    return (
        Column(name="incident_id", type=S, nullable=False, sources=("/id",),
               description="The incident record's id.", value=lambda t: t[0].id),
        Column(name="position", type=INT, derived=True, nullable=False, sources=("/staff",),
               description="Index of the person in the record's staff list, from 0 "
               "(as in the pointer /staff/N).", value=lambda t: t[1]),
        Column(name="organisation_id", type=S, nullable=False, sources=("/organisation_id",),
               description="The organisation that keeps the record.",
               value=lambda t: t[0].organisation_id),
        Column(name="unit_id", type=S, sources=("/unit_id",),
               description="The unit where it happened.", value=lambda t: t[0].unit_id),
        Column(name="staff_id", type=S, sources=("/staff/*/staff_id",),
               description="Pseudonymous staff identifier, linking to workforce and training.",
               value=lambda t: t[2].staff_id),
        Column(name="job_title", type=S, sources=("/staff/*/job_title",),
               description="Job title.", value=lambda t: t[2].job_title),
        Column(name="used_force", type=BOOL, nullable=False, sources=("/staff/*/used_force",),
               description="Whether this person used force (rather than observed).",
               value=lambda t: t[2].used_force),
        Column(name="unit_staff", type=BOOL, nullable=False, sources=("/staff/*/unit_staff",),
               description="Whether the person works in the unit.",
               value=lambda t: t[2].unit_staff),
    )  # fmt: skip


STAFF = Table(
    name="staff",
    description="Everyone recorded as involved in a use of force, one row per person per incident.",
    row="One staff involvement of one incident.",
    source="incident",
    columns=_staff_columns(),
    subjects=_staff,
)
