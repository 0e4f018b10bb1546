"""The two courses every invented provider publishes: a 5-day initial programme and a refresher.

Modelled on ``examples/course-*.json``: prevention and de-escalation take more
than half the time, every RRN content area and Use of Force Act s.5 topic is
covered, and no technique is harmful.
"""

from __future__ import annotations

from rrnkit.model import (
    AssessmentMethod,
    ContentArea,
    Course,
    CourseLevel,
    Identifier,
    LivedExperience,
    Module,
    ModuleFocus,
    RiskLevel,
    SpecialistModule,
    Technique,
    TechniqueCategory,
    TrainerLearnerRatio,
)

C = ContentArea
F = ModuleFocus
FLOOR = SpecialistModule.FLOOR_RESTRAINT

_INITIAL: tuple[tuple[str, str, int, ModuleFocus, tuple[ContentArea, ...]], ...] = (
    ("m01", "Human rights, law and the Mental Health Units (Use of Force) Act 2018", 180,
     F.LAW_AND_RIGHTS,
     (C.HUMAN_RIGHTS_AND_LAW, C.UOF_5C_DIVERSITY, C.UOF_5D_DISCRIMINATION,
      C.UOF_5K_LEGAL_AND_ETHICAL)),
    ("m02", "Understanding distress: behaviour as communication and trauma-informed care", 240,
     F.PREVENTION,
     (C.BEHAVIOUR_AS_COMMUNICATION, C.TRAUMA_INFORMED_CARE, C.UOF_5B_WISHES_AND_FEELINGS,
      C.UOF_5G_IMPACT_OF_TRAUMA)),
    ("m03", "Positive behaviour support and co-produced safety planning", 240, F.PREVENTION,
     (C.POSITIVE_BEHAVIOUR_SUPPORT, C.UOF_5A_PATIENT_INVOLVEMENT, C.UOF_5B_WISHES_AND_FEELINGS,
      C.UOF_5C_DIVERSITY)),
    ("m04", "Lived experience: what force feels like and what helped", 120, F.PREVENTION,
     (C.TRAUMA_INFORMED_CARE, C.UOF_5G_IMPACT_OF_TRAUMA, C.UOF_5H_IMPACT_ON_HEALTH,
      C.UOF_5I_IMPACT_ON_DEVELOPMENT)),
    ("m05", "De-escalation and safety-focused communication", 420, F.DE_ESCALATION,
     (C.DE_ESCALATION, C.UOF_5E_AVOIDING_FORCE, C.UOF_5J_SAFETY)),
    ("m06", "Scenario practice: de-escalation on the ward, the PICU and at admission", 150,
     F.DE_ESCALATION, (C.DE_ESCALATION, C.UOF_5E_AVOIDING_FORCE, C.UOF_5A_PATIENT_INVOLVEMENT)),
    ("m07", "Risks of restrictive intervention and physical health monitoring", 120,
     F.RESTRICTIVE_INTERVENTION,
     (C.RISKS_OF_RESTRAINT, C.UOF_5F_RISKS_OF_FORCE, C.UOF_5H_IMPACT_ON_HEALTH,
      C.UOF_5I_IMPACT_ON_DEVELOPMENT)),
    ("m08", "Disengagement, standing and seated holds and restrictive escort", 270,
     F.RESTRICTIVE_INTERVENTION, (C.RESTRICTIVE_TECHNIQUES, C.UOF_5J_SAFETY)),
    ("m09", "Floor restraint (specialist): supported supine hold and safe transition", 150,
     F.RESTRICTIVE_INTERVENTION,
     (C.RESTRICTIVE_TECHNIQUES, C.RISKS_OF_RESTRAINT, C.UOF_5F_RISKS_OF_FORCE)),
    ("m10", "Post-incident support, debrief, learning and recording", 120, F.POST_INCIDENT,
     (C.POST_INCIDENT_SUPPORT, C.RECORDING, C.UOF_5A_PATIENT_INVOLVEMENT)),
    ("m11", "Immediate life support during and after restrictive intervention", 60,
     F.LIFE_SUPPORT, (C.IMMEDIATE_LIFE_SUPPORT, C.RISKS_OF_RESTRAINT)),
)  # fmt: skip

_REFRESHER: tuple[tuple[str, str, int, ModuleFocus, tuple[ContentArea, ...]], ...] = (
    ("r01", "Law, rights and Use of Force Act update", 90, F.LAW_AND_RIGHTS,
     (C.HUMAN_RIGHTS_AND_LAW, C.UOF_5C_DIVERSITY, C.UOF_5D_DISCRIMINATION,
      C.UOF_5K_LEGAL_AND_ETHICAL)),
    ("r02", "Trauma, behaviour as communication and lived-experience reflection", 150,
     F.PREVENTION,
     (C.BEHAVIOUR_AS_COMMUNICATION, C.TRAUMA_INFORMED_CARE, C.UOF_5B_WISHES_AND_FEELINGS,
      C.UOF_5G_IMPACT_OF_TRAUMA, C.UOF_5H_IMPACT_ON_HEALTH, C.UOF_5I_IMPACT_ON_DEVELOPMENT)),
    ("r03", "Positive behaviour support plans and learning from our incidents", 90,
     F.PREVENTION, (C.POSITIVE_BEHAVIOUR_SUPPORT, C.UOF_5A_PATIENT_INVOLVEMENT)),
    ("r04", "De-escalation scenarios with competence assessment", 240, F.DE_ESCALATION,
     (C.DE_ESCALATION, C.UOF_5E_AVOIDING_FORCE, C.UOF_5J_SAFETY)),
    ("r05", "Risks of restraint and physical health monitoring", 60, F.RESTRICTIVE_INTERVENTION,
     (C.RISKS_OF_RESTRAINT, C.UOF_5F_RISKS_OF_FORCE, C.UOF_5H_IMPACT_ON_HEALTH)),
    ("r06", "Physical skills refresh with competence assessment", 120,
     F.RESTRICTIVE_INTERVENTION, (C.RESTRICTIVE_TECHNIQUES, C.UOF_5J_SAFETY)),
    ("r07", "Floor restraint (specialist) refresh", 60, F.RESTRICTIVE_INTERVENTION,
     (C.RESTRICTIVE_TECHNIQUES, C.RISKS_OF_RESTRAINT, C.UOF_5F_RISKS_OF_FORCE)),
    ("r08", "Post-incident support, debrief and recording", 60, F.POST_INCIDENT,
     (C.POST_INCIDENT_SUPPORT, C.RECORDING)),
    ("r09", "Immediate life support in restrictive interventions", 30, F.LIFE_SUPPORT,
     (C.IMMEDIATE_LIFE_SUPPORT,)),
)  # fmt: skip

_TECHNIQUES: tuple[tuple[str, str, TechniqueCategory, RiskLevel, bool], ...] = (
    ("t-disengage", "Personal safety disengagement (wrist, clothing and hair releases)",
     TechniqueCategory.DISENGAGEMENT, RiskLevel.LOW, False),
    ("t-escort", "Two-person guiding and restrictive escort", TechniqueCategory.GUIDING_OR_ESCORT,
     RiskLevel.MEDIUM, False),
    ("t-standing", "Two-person standing hold with open-hand support",
     TechniqueCategory.STANDING_HOLD, RiskLevel.MEDIUM, False),
    ("t-seated", "Two-person seated hold (chair or bed edge)", TechniqueCategory.SEATED_HOLD,
     RiskLevel.MEDIUM, False),
    ("t-floor-supine",
     "Supported supine floor hold with head support and planned transition to seated",
     TechniqueCategory.FLOOR_SUPINE, RiskLevel.HIGH, True),
)  # fmt: skip


def _modules(
    table: tuple[tuple[str, str, int, ModuleFocus, tuple[ContentArea, ...]], ...],
) -> tuple[Module, ...]:
    return tuple(
        Module(
            id=Identifier(ident),
            title=title,
            minutes=minutes,
            focus=focus,
            content_areas=areas,
            specialist_module=FLOOR if "Floor restraint" in title else None,
        )
        for ident, title, minutes, focus, areas in table
    )


TECHNIQUES = tuple(
    Technique(
        id=Identifier(ident),
        name=name,
        category=category,
        risk=risk,
        specialist_module=FLOOR if floor else None,
    )
    for ident, name, category, risk, floor in _TECHNIQUES
)
"""Techniques both courses teach; none restricts breathing, uses pain or is planned prone."""

INITIAL_MODULES = _modules(_INITIAL)
REFRESHER_MODULES = _modules(_REFRESHER)


def _course(
    provider_id: str,
    ident: str,
    title: str,
    version: str,
    level: CourseLevel,
    modules: tuple[Module, ...],
    assessment: tuple[AssessmentMethod, ...],
) -> Course:
    return Course(
        id=Identifier(ident),
        provider_id=Identifier(provider_id),
        title=title,
        version=version,
        level=level,
        restrictive_component=True,
        total_minutes=sum(m.minutes for m in modules),
        modules=modules,
        techniques=TECHNIQUES,
        ratio=TrainerLearnerRatio(trainers=1, learners=6),
        lived_experience=LivedExperience(in_design=True, in_delivery=True),
        assessment_methods=assessment,
    )


def courses(provider_id: str, slug: str, brand: str, version: str) -> tuple[Course, Course]:
    """Build a provider's initial and refresher courses."""
    observed = (
        AssessmentMethod.OBSERVED_PRACTICE,
        AssessmentMethod.SCENARIO,
        AssessmentMethod.KNOWLEDGE_TEST,
    )
    initial = _course(
        provider_id,
        f"course-{slug}-ri-initial",
        f"{brand}: restrictive intervention reduction, initial programme "
        "(inpatient mental health and learning disability services, 5 days)",
        version,
        CourseLevel.INITIAL,
        INITIAL_MODULES,
        (*observed, AssessmentMethod.REFLECTIVE_ACCOUNT),
    )
    refresher = _course(
        provider_id,
        f"course-{slug}-ri-refresher",
        f"{brand}: annual refresher with competence assessment "
        "(inpatient mental health and learning disability services, 2 days)",
        version,
        CourseLevel.REFRESHER,
        REFRESHER_MODULES,
        observed,
    )
    return initial, refresher
