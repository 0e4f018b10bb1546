"""Code tables: the official MHSDS codes and rrnkit's own controlled vocabularies.

MHSDS codes keep their official two-digit string values ("01", "10"), so that
files exchanged with NHS systems need no translation. rrnkit's own vocabularies
use lower-case hyphenated values; each has an ``OTHER`` member where real data
will not fit a fixed list.
"""

from __future__ import annotations

import enum


class Code(enum.Enum):
    """Base of every code table: members are singletons, hashed by identity in C.

    Enum's own hash goes through Python; rules look codes up in sets millions
    of times in a large run.
    """

    __hash__ = object.__hash__


class InterventionType(Code):
    """MHSDS restrictive intervention type (MHS515); codes 02 and 03 are not valid."""

    PHYSICAL_PRONE = "01"
    MECHANICAL = "04"
    SECLUSION = "05"
    SEGREGATION = "06"
    PHYSICAL_STANDING = "07"
    PHYSICAL_RESTRICTIVE_ESCORT = "08"
    PHYSICAL_SUPINE = "09"
    PHYSICAL_SIDE = "10"
    PHYSICAL_SEATED = "11"
    PHYSICAL_KNEELING = "12"
    PHYSICAL_OTHER = "13"
    CHEMICAL_RAPID_TRANQUILLISATION = "14"
    CHEMICAL_INJECTION_NON_RAPID = "15"
    CHEMICAL_ORAL = "16"
    CHEMICAL_OTHER = "17"

    @property
    def is_physical(self) -> bool:
        """Manual (physical) restraint of any position, prone included."""
        return self in _PHYSICAL

    @property
    def is_chemical(self) -> bool:
        """Chemical restraint (medication given to control behaviour)."""
        return self in _CHEMICAL

    @property
    def is_isolation(self) -> bool:
        """Isolation: seclusion or long-term segregation (Use of Force Act s.1)."""
        return self in (InterventionType.SECLUSION, InterventionType.SEGREGATION)

    @property
    def never_negligible(self) -> bool:
        """Types the statutory guidance says are never negligible force."""
        return self in _NEVER_NEGLIGIBLE


_PHYSICAL = frozenset(
    {
        InterventionType.PHYSICAL_PRONE,
        InterventionType.PHYSICAL_STANDING,
        InterventionType.PHYSICAL_RESTRICTIVE_ESCORT,
        InterventionType.PHYSICAL_SUPINE,
        InterventionType.PHYSICAL_SIDE,
        InterventionType.PHYSICAL_SEATED,
        InterventionType.PHYSICAL_KNEELING,
        InterventionType.PHYSICAL_OTHER,
    }
)
_CHEMICAL = frozenset(
    {
        InterventionType.CHEMICAL_RAPID_TRANQUILLISATION,
        InterventionType.CHEMICAL_INJECTION_NON_RAPID,
        InterventionType.CHEMICAL_ORAL,
        InterventionType.CHEMICAL_OTHER,
    }
)
_NEVER_NEGLIGIBLE = _CHEMICAL | {
    InterventionType.PHYSICAL_PRONE,
    InterventionType.MECHANICAL,
    InterventionType.SECLUSION,
    InterventionType.SEGREGATION,
}


class InterventionReason(Code):
    """MHSDS restrictive intervention reason (MHS505)."""

    PREVENT_VIOLENCE_TO_OTHERS = "10"
    PREVENT_SERIOUS_INTENTIONAL_SELF_HARM = "11"
    PREVENT_SERIOUS_ACCIDENTAL_SELF_INJURY = "12"
    ADMINISTER_MEDICINES_OR_TREATMENT = "13"
    FACILITATE_PERSONAL_CARE = "14"
    FACILITATE_NASOGASTRIC_FEEDING = "15"
    PREVENT_EXTREME_PROLONGED_OVERACTIVITY = "16"
    PREVENT_OTHERWISE_DANGEROUS_BEHAVIOUR = "17"
    SEARCH_FOR_SAFETY_OF_OTHERS = "18"
    PREVENT_ABSCONDING_FROM_LAWFUL_CUSTODY = "19"
    OTHER = "98"
    NOT_KNOWN = "99"


class OrganisationType(Code):
    """What kind of organisation a record describes."""

    NHS_TRUST = "nhs-trust"
    INDEPENDENT_HOSPITAL = "independent-hospital"
    CARE_HOME = "care-home"
    SUPPORTED_LIVING = "supported-living"
    SCHOOL = "school"
    COLLEGE = "college"
    CHILDRENS_HOME = "childrens-home"
    SECURE_SETTING = "secure-setting"
    LOCAL_AUTHORITY = "local-authority"
    TRAINING_PROVIDER = "training-provider"
    OTHER = "other"


class Setting(Code):
    """A kind of service in which staff may meet distressed people."""

    MENTAL_HEALTH_INPATIENT = "mental-health-inpatient"
    LEARNING_DISABILITY_AUTISM_INPATIENT = "learning-disability-autism-inpatient"
    SECURE_FORENSIC = "secure-forensic"
    ACUTE_HOSPITAL = "acute-hospital"
    EMERGENCY_DEPARTMENT = "emergency-department"
    COMMUNITY_HEALTH = "community-health"
    CARE_HOME = "care-home"
    SUPPORTED_LIVING = "supported-living"
    SPECIAL_SCHOOL = "special-school"
    MAINSTREAM_SCHOOL = "mainstream-school"
    CHILDRENS_RESIDENTIAL = "childrens-residential"
    OTHER = "other"


class Population(Code):
    """A group of people a service supports."""

    ADULTS = "adults"
    OLDER_ADULTS = "older-adults"
    CHILDREN_AND_YOUNG_PEOPLE = "children-and-young-people"
    LEARNING_DISABILITY = "learning-disability"
    AUTISM = "autism"
    DEMENTIA = "dementia"
    MENTAL_HEALTH = "mental-health"
    FORENSIC = "forensic"
    OTHER = "other"


class StaffGroup(Code):
    """A staff group, as a training needs analysis counts them."""

    REGISTERED_NURSE = "registered-nurse"
    HEALTHCARE_SUPPORT_WORKER = "healthcare-support-worker"
    MEDICAL = "medical"
    ALLIED_HEALTH_PROFESSIONAL = "allied-health-professional"
    PSYCHOLOGY = "psychology"
    SOCIAL_CARE_SUPPORT_WORKER = "social-care-support-worker"
    TEACHER = "teacher"
    TEACHING_ASSISTANT = "teaching-assistant"
    SECURITY = "security"
    MANAGER = "manager"
    ADMINISTRATIVE = "administrative"
    ESTATES_AND_FACILITIES = "estates-and-facilities"
    OTHER = "other"


class ContentArea(Code):
    """A curriculum content area: RRN Training Standards areas and Use of Force Act s.5 topics."""

    HUMAN_RIGHTS_AND_LAW = "human-rights-and-law"
    BEHAVIOUR_AS_COMMUNICATION = "behaviour-as-communication"
    TRAUMA_INFORMED_CARE = "trauma-informed-care"
    POSITIVE_BEHAVIOUR_SUPPORT = "positive-behaviour-support"
    DE_ESCALATION = "de-escalation"
    RISKS_OF_RESTRAINT = "risks-of-restraint"
    RESTRICTIVE_TECHNIQUES = "restrictive-techniques"
    POST_INCIDENT_SUPPORT = "post-incident-support"
    RECORDING = "recording"
    IMMEDIATE_LIFE_SUPPORT = "immediate-life-support"
    UOF_5A_PATIENT_INVOLVEMENT = "uof-5a-patient-involvement"
    UOF_5B_WISHES_AND_FEELINGS = "uof-5b-wishes-and-feelings"
    UOF_5C_DIVERSITY = "uof-5c-diversity"
    UOF_5D_DISCRIMINATION = "uof-5d-discrimination"
    UOF_5E_AVOIDING_FORCE = "uof-5e-avoiding-force"
    UOF_5F_RISKS_OF_FORCE = "uof-5f-risks-of-force"
    UOF_5G_IMPACT_OF_TRAUMA = "uof-5g-impact-of-trauma"
    UOF_5H_IMPACT_ON_HEALTH = "uof-5h-impact-on-health"
    UOF_5I_IMPACT_ON_DEVELOPMENT = "uof-5i-impact-on-development"
    UOF_5J_SAFETY = "uof-5j-safety"
    UOF_5K_LEGAL_AND_ETHICAL = "uof-5k-legal-and-ethical"


class ModuleFocus(Code):
    """What a course module is for; prevention and de-escalation should take most time."""

    PREVENTION = "prevention"
    DE_ESCALATION = "de-escalation"
    LAW_AND_RIGHTS = "law-and-rights"
    RESTRICTIVE_INTERVENTION = "restrictive-intervention"
    POST_INCIDENT = "post-incident"
    LIFE_SUPPORT = "life-support"
    OTHER = "other"


class CourseLevel(Code):
    """Where a course sits in the training cycle."""

    INITIAL = "initial"
    REFRESHER = "refresher"
    FULL_RECERTIFICATION = "full-recertification"
    SPECIALIST = "specialist"
    TRAIN_THE_TRAINER = "train-the-trainer"


class SpecialistModule(Code):
    """A specialist module that a training needs analysis must justify."""

    FLOOR_RESTRAINT = "floor-restraint"
    MECHANICAL_RESTRAINT = "mechanical-restraint"
    SECLUSION_AND_SEGREGATION = "seclusion-and-segregation"
    RESTRICTIVE_ESCORT = "restrictive-escort"
    RAPID_TRANQUILLISATION_SUPPORT = "rapid-tranquillisation-support"
    CLINICAL_HOLDING = "clinical-holding"
    VEHICLE_TRANSPORT = "vehicle-transport"
    OTHER = "other"


class TechniqueCategory(Code):
    """What a taught physical technique does, from least to most restrictive."""

    DISENGAGEMENT = "disengagement"
    GUIDING_OR_ESCORT = "guiding-or-escort"
    STANDING_HOLD = "standing-hold"
    SEATED_HOLD = "seated-hold"
    KNEELING_HOLD = "kneeling-hold"
    FLOOR_SUPINE = "floor-supine"
    FLOOR_PRONE = "floor-prone"
    FLOOR_SIDE = "floor-side"
    MECHANICAL = "mechanical"
    OTHER = "other"

    @property
    def is_restrictive(self) -> bool:
        """Whether the technique restricts movement (disengagement does not)."""
        return self is not TechniqueCategory.DISENGAGEMENT


class RiskLevel(Code):
    """A provider's risk classification of a technique."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class TrainerType(Code):
    """A trainer's standing: senior trainers deliver across organisations."""

    SENIOR = "senior"
    ASSOCIATE = "associate"


class QualificationField(Code):
    """The field of a trainer's professional or vocational qualification."""

    HEALTH = "health"
    SOCIAL_CARE = "social-care"
    EDUCATION = "education"
    TRAINING = "training"
    OTHER = "other"


class LifeSupportLevel(Code):
    """A first aid or life support certificate's level."""

    FIRST_AID = "first-aid"
    BASIC_LIFE_SUPPORT = "basic-life-support"
    IMMEDIATE_LIFE_SUPPORT = "immediate-life-support"


class DeliveryModel(Code):
    """Who delivers commissioned training, which decides whether it is certified."""

    PROVIDER_DELIVERED = "provider-delivered"
    """The certified provider's own trainers deliver it."""
    AFFILIATE_INTERNAL = "affiliate-internal"
    """The organisation's own trainers deliver it under an approved affiliate arrangement."""
    INTERNAL_NON_CERTIFIED = "internal-non-certified"
    """In-house delivery outside any affiliate arrangement: not certified."""


class Attendance(Code):
    """Whether a learner attended the whole event."""

    ATTENDED = "attended"
    PARTIAL = "partial"
    ABSENT = "absent"


class CompetenceOutcome(Code):
    """The result of a learner's competence assessment."""

    COMPETENT = "competent"
    NOT_YET_COMPETENT = "not-yet-competent"
    NOT_ASSESSED = "not-assessed"


class AssessmentMethod(Code):
    """How learners' competence is assessed."""

    OBSERVED_PRACTICE = "observed-practice"
    SCENARIO = "scenario"
    KNOWLEDGE_TEST = "knowledge-test"
    REFLECTIVE_ACCOUNT = "reflective-account"


class EvaluationMethod(Code):
    """How a training event was evaluated."""

    LEARNER_FEEDBACK = "learner-feedback"
    KNOWLEDGE_TEST = "knowledge-test"
    OBSERVED_PRACTICE = "observed-practice"
    FOLLOW_UP = "follow-up"
    INCIDENT_DATA_REVIEW = "incident-data-review"


class EvaluationLevel(Code):
    """Kirkpatrick-style evaluation level."""

    REACTION = "1-reaction"
    LEARNING = "2-learning"
    BEHAVIOUR = "3-behaviour"
    RESULTS = "4-results"


class ContactFrequency(Code):
    """How often a staff group meets distressed people or challenging situations."""

    FREQUENT = "frequent"
    OCCASIONAL = "occasional"
    RARE = "rare"
    NONE = "none"


class RiskFactorLevel(Code):
    """The level at which a training needs analysis identifies a risk (RRN TS 1.1.4)."""

    POPULATION = "population"
    SERVICE = "service"
    INDIVIDUAL = "individual"


class CoreStrategy(Code):
    """The Six Core Strategies for reducing restrictive practice."""

    LEADERSHIP = "leadership"
    USE_OF_DATA = "use-of-data"
    WORKFORCE_DEVELOPMENT = "workforce-development"
    RESTRAINT_REDUCTION_TOOLS = "restraint-reduction-tools"
    INCLUSION_OF_PEOPLE_AND_FAMILIES = "inclusion-of-people-and-families"
    DEBRIEFING = "debriefing"


class ActionStatus(Code):
    """Where an action plan's action stands."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    DROPPED = "dropped"


class MonitoringRisk(Code):
    """A circumstance in which NICE NG10 asks for observations every 15 minutes.

    They apply after rapid tranquillisation.
    """

    BNF_MAXIMUM_EXCEEDED = "bnf-maximum-exceeded"
    ASLEEP_OR_SEDATED = "asleep-or-sedated"
    ILLICIT_DRUGS_OR_ALCOHOL = "illicit-drugs-or-alcohol"
    PRE_EXISTING_PHYSICAL_HEALTH_PROBLEM = "pre-existing-physical-health-problem"
    HARMED_BY_RESTRICTIVE_INTERVENTION = "harmed-by-restrictive-intervention"


class Seniority(Code):
    """How senior a post is in its organisation (the s.2(2) responsible person's level)."""

    BOARD = "board"
    """A member of the board (executive or non-executive director)."""
    EXECUTIVE = "executive"
    """Reports to the board; leads a directorate or function."""
    SENIOR_MANAGER = "senior-manager"
    MANAGER = "manager"
    OTHER = "other"


class AccreditationBody(Code):
    """A national accreditation body that accredits certification bodies."""

    UKAS = "ukas"
    """United Kingdom Accreditation Service."""
    OTHER = "other"


class ProtectedCharacteristic(Code):
    """A relevant characteristic under the Equality Act 2010 (Use of Force Act s.6(5)(k))."""

    AGE = "age"
    DISABILITY = "disability"
    GENDER_REASSIGNMENT = "gender-reassignment"
    MARRIAGE_OR_CIVIL_PARTNERSHIP = "marriage-or-civil-partnership"
    PREGNANCY_OR_MATERNITY = "pregnancy-or-maternity"
    RACE = "race"
    RELIGION_OR_BELIEF = "religion-or-belief"
    SEX = "sex"
    SEXUAL_ORIENTATION = "sexual-orientation"


class DeEscalationTechnique(Code):
    """An effort made to avoid force (Use of Force Act s.6(5)(o))."""

    VERBAL_DE_ESCALATION = "verbal-de-escalation"
    DISTRACTION = "distraction"
    REDUCED_STIMULATION = "reduced-stimulation"
    OFFER_OF_SPACE = "offer-of-space"
    CHOICE_OFFERED = "choice-offered"
    SENSORY_STRATEGY = "sensory-strategy"
    PERSON_CENTRED_PLAN_FOLLOWED = "person-centred-plan-followed"
    ORAL_MEDICATION_OFFERED = "oral-medication-offered"
    OTHER = "other"


class YesNoUnknown(Code):
    """An answer that may be recorded as not known (s.6 asks some items 'if known')."""

    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not-known"
