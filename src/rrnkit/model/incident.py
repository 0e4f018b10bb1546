"""Incidents: one use of force, recorded as the Use of Force Act s.6(5)(a)-(p) requires.

Most fields are optional in the format, because real records are incomplete;
rules report which s.6 items are missing rather than the format rejecting the
record. Fields that identify the patient or staff, or hold free text, are
sensitive: rrnkit never echoes their values.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from rrnkit.model._document import DocumentBase
from rrnkit.model._meta import constrained, doc
from rrnkit.model.codes import (
    DeEscalationTechnique,
    InterventionReason,
    InterventionType,
    MonitoringRisk,
    ProtectedCharacteristic,
    YesNoUnknown,
)
from rrnkit.model.values import (
    Identifier,
    NhsNumber,
    aware,
    each,
    not_before,
    valid_identifier,
    valid_nhs_number,
)


@attrs.frozen(kw_only=True, field_transformer=constrained)
class RecordedCharacteristic:
    """A relevant (protected) characteristic recorded for the patient (s.6(5)(k))."""

    characteristic: ProtectedCharacteristic = attrs.field(
        metadata=doc("Which Equality Act 2010 characteristic.")
    )
    value: str = attrs.field(
        metadata=doc("As the patient describes it.", sensitive=True, minLength=1, maxLength=200)
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class RightsInformation:
    """Information about their rights in relation to the use of force given to a patient (s.4)."""

    given_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the information was given; absent if it was not.")
    )
    refused: bool = attrs.field(
        default=False, metadata=doc("Whether the patient refused the information (s.4).")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Patient:
    """The person force was used on."""

    name: str | None = attrs.field(
        default=None,
        metadata=doc("Full name (s.6(5)(e)).", sensitive=True, minLength=1, maxLength=200),
    )
    nhs_number: NhsNumber | None = attrs.field(
        default=None,
        validator=valid_nhs_number,
        metadata=doc(
            "NHS number, the consistent identifier (s.6(5)(g)); ten digits with a "
            "modulus-11 check digit.",
            sensitive=True,
        ),
    )
    local_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("Local pseudonymous patient identifier.", sensitive=True),
    )
    date_of_birth: dt.date | None = attrs.field(
        default=None, metadata=doc("Date of birth.", sensitive=True)
    )
    age_band: str | None = attrs.field(
        default=None,
        metadata=doc(
            "Age band at the incident's start, in whole years: 'LOW-HIGH' (both included) "
            "or 'LOW+' (e.g. '18-24', '65+'); pseudonymised records carry it in place of "
            "the date of birth.",
            pattern="^[0-9]{1,3}(-[0-9]{1,3}|\\+)$",
        ),
    )
    mental_disorder: str | None = attrs.field(
        default=None,
        metadata=doc("Mental disorder, if known (s.6(5)(j)).", sensitive=True, minLength=1),
    )
    mental_disorder_not_known: bool | None = attrs.field(
        default=None,
        metadata=doc(
            "The recorder states the patient's mental disorder is not known (s.6(5)(j) asks "
            "for it only 'if known')."
        ),
    )
    characteristics: tuple[RecordedCharacteristic, ...] = attrs.field(
        default=(), metadata=doc("Relevant characteristics, if known (s.6(5)(k)).")
    )
    characteristics_not_known: tuple[ProtectedCharacteristic, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Relevant characteristics the recorder states are not known (s.6(5)(k) asks for "
            "them only 'if known')."
        ),
    )
    rights_information: RightsInformation | None = attrs.field(
        default=None,
        metadata=doc("Information about their rights given to the patient (Use of Force Act s.4)."),
    )
    learning_disability: YesNoUnknown | None = attrs.field(
        default=None, metadata=doc("Whether the patient has a learning disability (s.6(5)(l)).")
    )
    autism: YesNoUnknown | None = attrs.field(
        default=None, metadata=doc("Whether the patient is autistic (s.6(5)(l)).")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class StaffInvolvement:
    """One member of staff who used force (s.6(5)(h)), or another person involved (s.6(5)(i))."""

    staff_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("Pseudonymous staff identifier linking to workforce and training records."),
    )
    name: str | None = attrs.field(
        default=None, metadata=doc("Full name.", sensitive=True, minLength=1, maxLength=200)
    )
    job_title: str | None = attrs.field(
        default=None, metadata=doc("Job title.", minLength=1, maxLength=200)
    )
    used_force: bool = attrs.field(
        default=True, metadata=doc("Whether this person used force (rather than observed).")
    )
    unit_staff: bool = attrs.field(
        default=True, metadata=doc("Whether the person works in the unit.")
    )
    non_unit_reason: str | None = attrs.field(
        default=None,
        metadata=doc(
            "Why a person from outside the unit (e.g. police) was involved (s.6(5)(i)).",
            sensitive=True,
            minLength=1,
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Injuries:
    """Whether anyone was injured, as MHSDS MHS515 records it."""

    patient: bool | None = attrs.field(default=None, metadata=doc("The patient was injured."))
    staff: bool | None = attrs.field(default=None, metadata=doc("A member of staff was injured."))
    other_person: bool | None = attrs.field(
        default=None, metadata=doc("Another person was injured.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Intervention:
    """One restrictive intervention within the incident (MHSDS MHS515)."""

    id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("Identifier, unique within the incident.")
    )
    type: InterventionType = attrs.field(
        metadata=doc("MHSDS restrictive intervention type code (s.6(5)(c)).")
    )
    start: dt.datetime = attrs.field(
        validator=aware, metadata=doc("When it started (RFC 3339 with offset).")
    )
    end: dt.datetime | None = attrs.field(
        default=None,
        validator=[aware, not_before("start")],
        metadata=doc("When it ended; absent while unrecorded."),
    )
    in_care_plan: bool | None = attrs.field(
        default=None, metadata=doc("Whether this type of force is in the care plan (s.6(5)(d)).")
    )
    description: str | None = attrs.field(
        default=None,
        metadata=doc("How the force was used (s.6(5)(f)).", sensitive=True, minLength=1),
    )
    pain_inducing: bool | None = attrs.field(
        default=None, metadata=doc("Whether a pain-based technique was used.")
    )
    pain_justification: str | None = attrs.field(
        default=None,
        metadata=doc(
            "Why a pain-based technique was used (e.g. the immediate rescue of a person), "
            "when one was.",
            sensitive=True,
            minLength=1,
        ),
    )
    injuries: Injuries | None = attrs.field(
        default=None, metadata=doc("Injury indicators for this intervention.")
    )
    vital_signs_observations: tuple[dt.datetime, ...] = attrs.field(
        default=(),
        validator=each(aware),
        metadata=doc("Times physical health observations were taken afterwards (NICE NG10)."),
    )
    monitoring_risks_assessed: bool | None = attrs.field(
        default=None,
        metadata=doc(
            "After rapid tranquillisation: whether the record states which of NICE NG10's "
            "higher-risk circumstances apply (none, when the list below is empty)."
        ),
    )
    monitoring_risks: tuple[MonitoringRisk, ...] = attrs.field(
        default=(),
        metadata=doc(
            "After rapid tranquillisation: the NICE NG10 higher-risk circumstances that apply "
            "(they call for observations every 15 minutes)."
        ),
    )
    no_further_concerns_at: dt.datetime | None = attrs.field(
        default=None,
        validator=aware,
        metadata=doc(
            "After rapid tranquillisation: when staff judged there were no further concerns "
            "about the patient's physical health, so monitoring could stop (NICE QS154)."
        ),
    )

    @property
    def duration_minutes(self) -> int | None:
        """Whole minutes from start to end, when the end is recorded."""
        if self.end is None:
            return None
        return int((self.end - self.start).total_seconds() // 60)


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Debrief:
    """An immediate post-incident debrief with the patient or with staff (NICE QS154)."""

    offered: bool | None = attrs.field(default=None, metadata=doc("Whether it was offered."))
    offered_at: dt.datetime | None = attrs.field(
        default=None, validator=aware, metadata=doc("When it was offered.")
    )
    held: bool | None = attrs.field(default=None, metadata=doc("Whether it took place."))
    held_at: dt.datetime | None = attrs.field(
        default=None, validator=aware, metadata=doc("When it took place.")
    )
    reason_not_held: str | None = attrs.field(
        default=None,
        metadata=doc("Why it did not take place.", sensitive=True, minLength=1),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class PostIncidentReview:
    """The formal post-incident review, distinct from the immediate debrief (NICE NG10)."""

    held: bool | None = attrs.field(default=None, metadata=doc("Whether it took place."))
    held_at: dt.datetime | None = attrs.field(
        default=None, validator=aware, metadata=doc("When it took place.")
    )
    external: bool | None = attrs.field(
        default=None,
        metadata=doc("Whether someone not involved in the incident led it."),
    )
    reason_not_held: str | None = attrs.field(
        default=None,
        metadata=doc("Why it did not take place.", sensitive=True, minLength=1),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Investigation:
    """An investigation of a death or serious injury (Use of Force Act s.9)."""

    reference: str = attrs.field(
        metadata=doc(
            "The investigation's reference (e.g. its patient safety incident number).",
            minLength=1,
            maxLength=200,
        )
    )
    commissioned_on: dt.date = attrs.field(metadata=doc("Date the investigation was commissioned."))
    guidance: str | None = attrs.field(
        default=None,
        metadata=doc(
            "The investigation guidance it follows (e.g. the framework's name).",
            minLength=1,
            maxLength=300,
        ),
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Retention:
    """What the records system says about keeping this record (Use of Force Act s.6(6))."""

    delete_after: dt.date | None = attrs.field(
        default=None, metadata=doc("The first date the records system will delete it.")
    )
    deleted_on: dt.date | None = attrs.field(
        default=None, metadata=doc("Date the record was deleted, for a record kept as a stub.")
    )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class Incident(DocumentBase):
    """A record of one use of force on a patient (Use of Force Act s.6)."""

    kind: Literal["incident"] = attrs.field(
        default="incident", metadata=doc("Document kind: always 'incident'.")
    )
    organisation_id: Identifier = attrs.field(
        validator=valid_identifier, metadata=doc("The organisation that keeps the record.")
    )
    unit_id: Identifier | None = attrs.field(
        default=None,
        validator=valid_identifier,
        metadata=doc("The unit where it happened (s.6(5)(b) place)."),
    )
    location: str | None = attrs.field(
        default=None,
        metadata=doc("Where in the unit (s.6(5)(b) place).", sensitive=True, minLength=1),
    )
    hospital_provider_spell_id: str | None = attrs.field(
        default=None,
        metadata=doc("MHSDS hospital provider spell identifier.", sensitive=True, minLength=1),
    )
    recorded_at: dt.datetime = attrs.field(
        validator=aware, metadata=doc("When the record was created (kept 3 years from then).")
    )
    recorded_by: Identifier | None = attrs.field(
        default=None, validator=valid_identifier, metadata=doc("Staff id of who recorded it.")
    )
    start: dt.datetime = attrs.field(
        validator=aware, metadata=doc("When the use of force started (s.6(5)(b)).")
    )
    end: dt.datetime | None = attrs.field(
        default=None,
        validator=[aware, not_before("start")],
        metadata=doc("When it ended (s.6(5)(b) duration)."),
    )
    reason: InterventionReason | None = attrs.field(
        default=None, metadata=doc("MHSDS reason code (s.6(5)(a)).")
    )
    reason_detail: str | None = attrs.field(
        default=None,
        metadata=doc(
            "The reason in the recorder's words (s.6(5)(a)).", sensitive=True, minLength=1
        ),
    )
    interventions: tuple[Intervention, ...] = attrs.field(
        default=(), metadata=doc("Each type of force used (s.6(5)(c), (d), (f)).")
    )
    negligible: bool = attrs.field(
        default=False,
        metadata=doc("Whether the recorder judged the force negligible under the guidance."),
    )
    patient: Patient = attrs.field(factory=Patient, metadata=doc("The patient."))
    staff: tuple[StaffInvolvement, ...] = attrs.field(
        default=(), metadata=doc("Everyone who used force or was involved (s.6(5)(h), (i)).")
    )
    de_escalation: tuple[DeEscalationTechnique, ...] = attrs.field(
        default=(), metadata=doc("Efforts made to avoid force (s.6(5)(o)).")
    )
    de_escalation_detail: str | None = attrs.field(
        default=None,
        metadata=doc("Efforts to avoid force, in words (s.6(5)(o)).", sensitive=True, minLength=1),
    )
    outcome: str | None = attrs.field(
        default=None,
        metadata=doc("The outcome of the use of force (s.6(5)(m)).", sensitive=True, minLength=1),
    )
    death_or_serious_injury: bool | None = attrs.field(
        default=None,
        metadata=doc("Whether the patient died or was seriously injured as a result (s.6(5)(n))."),
    )
    care_plan_notification_sent: YesNoUnknown | None = attrs.field(
        default=None,
        metadata=doc("Whether the care-plan notification was sent (s.6(5)(p))."),
    )
    care_plan_names_someone_to_notify: bool | None = attrs.field(
        default=None,
        metadata=doc(
            "Whether the patient's care plan names anyone to be notified of a use of force "
            "(s.6(5)(p) '(if any)'); false makes (p) not applicable."
        ),
    )
    patient_debrief: Debrief | None = attrs.field(
        default=None, metadata=doc("Immediate post-incident debrief involving the patient.")
    )
    staff_debrief: Debrief | None = attrs.field(
        default=None, metadata=doc("Immediate post-incident debrief with care staff.")
    )
    post_incident_review: PostIncidentReview | None = attrs.field(
        default=None,
        metadata=doc("The formal post-incident review (NICE NG10), not the immediate debrief."),
    )
    investigation: Investigation | None = attrs.field(
        default=None,
        metadata=doc("The investigation of a death or serious injury (Use of Force Act s.9)."),
    )
    retention: Retention | None = attrs.field(
        default=None,
        metadata=doc("Deletion dates the records system holds for this record (s.6(6))."),
    )

    @property
    def duration_minutes(self) -> int | None:
        """Whole minutes from start to end, when the end is recorded."""
        if self.end is None:
            return None
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def stated_span(self) -> tuple[dt.datetime, dt.datetime] | None:
        """When the use of force started and ended, as the record states it.

        The incident's own start and end when it has an end; otherwise, when every
        intervention states its end, from the incident's start (or the earliest
        intervention start, if earlier) to the latest intervention end. None when
        the record does not state when the force ended.
        """
        if self.end is not None:
            return self.start, self.end
        if not self.interventions or any(i.end is None for i in self.interventions):
            return None
        start = min(self.start, *(i.start for i in self.interventions))
        end = max(i.end for i in self.interventions if i.end is not None)
        return start, end
