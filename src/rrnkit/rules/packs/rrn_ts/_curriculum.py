"""RRN Training Standards section 2 and 1.3.2: the curriculum."""

from collections import defaultdict
from typing import Any

from rrnkit.model import (
    ContentArea,
    Course,
    ModuleFocus,
    TrainingEvent,
)
from rrnkit.rules import (
    Context,
    Parameter,
    Verdict,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)
from rrnkit.rules._training import tnas_of
from rrnkit.rules.packs.rrn_ts._common import (
    COURSE,
    DEFAULT_CONTENT_AREAS,
    EVENT,
    PREVENTIVE,
)


@rule(
    id="RRN-COURSE-PREVENTION-SHARE",
    title="Prevention and de-escalation take most of the course",
    cites=["rrn-ts:2"],
    applies_to=COURSE,
    parameters=[
        Parameter(
            name="prevention_share",
            default=0.5,
            description="Least share of teaching time for prevention and de-escalation.",
            confirmed=False,
            minimum=0.0,
            maximum=1.0,
        )
    ],
    tags=["curriculum"],
    reading=(
        "Section 2: training focuses on prevention and de-escalation, not only "
        "intervention. rrnkit reads 'focus' as teaching time: prevention and de-escalation "
        "modules take at least the set share (0.5, rrnkit's choice: the standard gives no "
        "figure) and more time than any other single focus. Not applicable to a course "
        "with no restrictive component."
    ),
)
def course_prevention_share(course: Course, context: Context) -> Verdict:
    """Show that prevention and de-escalation have at least the set share and the largest one."""
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component")
    if not course.modules:
        return insufficient_evidence("the course lists no modules", "/modules")
    threshold: float = context.param("prevention_share")
    share = course.preventive_minutes / course.total_minutes
    by_focus: dict[ModuleFocus, int] = defaultdict(int)
    for module in course.modules:
        if module.focus not in PREVENTIVE:
            by_focus[module.focus] += module.minutes
    largest_other = max(by_focus.items(), key=lambda kv: (kv[1], kv[0].value), default=None)
    is_largest = largest_other is None or course.preventive_minutes >= largest_other[1]
    evidence: dict[str, Any] = {
        "share": round(share, 4),
        "threshold": threshold,
        "preventive_minutes": course.preventive_minutes,
        "total_minutes": course.total_minutes,
        "largest_other_focus": largest_other[0].value if largest_other else None,
    }
    if share >= threshold and is_largest:
        return met("prevention and de-escalation lead the course", "/modules", **evidence)
    return not_met(
        "prevention and de-escalation do not take the required share", "/modules", **evidence
    )


@rule(
    id="RRN-COURSE-NO-HARMFUL-TECHNIQUES",
    title="No technique restricts breathing or circulation, uses pain, or is planned prone",
    cites=["rrn-ts:2", "pp-care:no-prone", "pp-care:no-pain"],
    applies_to=COURSE,
    tags=["curriculum", "techniques"],
    reading=(
        "Techniques never taught: those that restrict airway, breathing or circulation, "
        "deliberate use of pain, and planned prone restraint (Positive and Proactive Care; "
        "the standards' section 2 as reported). Met when no listed technique is so "
        "flagged; insufficient when a restrictive course lists no techniques."
    ),
)
def course_no_harmful_techniques(course: Course, context: Context) -> Verdict:
    """Show that the course teaches no airway-restricting, pain-based or planned prone technique."""
    if not course.techniques:
        if course.restrictive_component:
            return insufficient_evidence(
                "the course has a restrictive component but lists no techniques", "/techniques"
            )
        return not_applicable("the course teaches no physical techniques")
    pointers: list[str] = []
    offending: dict[str, list[str]] = {}
    for i, technique in enumerate(course.techniques):
        flags = [
            name
            for name, flagged in (
                (
                    "restricts-airway-breathing-circulation",
                    technique.restricts_airway_breathing_circulation,
                ),
                ("pain-based", technique.pain_based),
                ("planned-prone", technique.planned_prone),
            )
            if flagged
        ]
        if flags:
            pointers.append(f"/techniques/{i}")
            offending[technique.id] = flags
    if offending:
        return not_met("the course teaches harmful techniques", *pointers, techniques=offending)
    return met("no harmful technique is taught", "/techniques", count=len(course.techniques))


@rule(
    id="RRN-COURSE-TECHNIQUES-JUSTIFIED",
    title="Specialist modules delivered are required by the TNA",
    cites=["rrn-ts:1.1.1", "rrn-ts:2"],
    applies_to=EVENT,
    tags=["curriculum", "tna"],
    reading=(
        "1.1.1 and section 2: restrictive techniques and specialist modules are taught "
        "only where the TNA shows the need. Each specialist module delivered at the event "
        "must be required by a TNA of the commissioning organisation completed by the "
        "event's end (for that provider, or for none named). Insufficient when no such TNA "
        "exists."
    ),
)
def course_techniques_justified(event: TrainingEvent, context: Context) -> Verdict:
    """Show that every specialist module delivered is required by the organisation's TNA."""
    if not event.specialist_modules:
        return not_applicable("no specialist modules were delivered")
    tnas = [
        tna
        for tna in tnas_of(context, event.commissioning_organisation_id)
        if tna.provider_id in (None, event.provider_id) and tna.completed_on <= event.end_date
    ]
    if not tnas:
        return insufficient_evidence(
            "no training needs analysis of the commissioning organisation precedes the event",
            "/specialist_modules",
            commissioning_organisation_id=event.commissioning_organisation_id,
        )
    required = {m for tna in tnas for m in tna.required_specialist_modules}
    tna_ids = [tna.id for tna in tnas]
    unjustified = [
        (i, module) for i, module in enumerate(event.specialist_modules) if module not in required
    ]
    if unjustified:
        return not_met(
            "specialist modules were delivered that the analysis does not require",
            *(f"/specialist_modules/{i}" for i, _ in unjustified),
            unjustified=[m.value for _, m in unjustified],
            tna_ids=tna_ids,
        )
    return met(
        "every specialist module is required by the analysis",
        "/specialist_modules",
        tna_ids=tna_ids,
    )


@rule(
    id="RRN-COURSE-CONTENT",
    title="The course covers the minimum content areas",
    cites=["rrn-ts:1.3.2"],
    applies_to=COURSE,
    parameters=[
        Parameter(
            name="required_content_areas",
            default=DEFAULT_CONTENT_AREAS,
            description="Content area codes every restrictive-intervention course covers.",
            confirmed=False,
            choices=ContentArea,
            min_items=1,
        )
    ],
    tags=["curriculum"],
    reading=(
        "1.3.2: minimum content every course covers. The standard's own list was not seen: "
        "the content areas required are a parameter (rrnkit's default list of five), "
        "marked unconfirmed."
    ),
)
def course_content(course: Course, context: Context) -> Verdict:
    """Show that the course's modules cover every required content area."""
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component")
    if not course.modules:
        return insufficient_evidence("the course lists no modules", "/modules")
    required: tuple[str, ...] = context.param("required_content_areas")
    covered = {area.value for area in course.content_areas}
    missing = [area for area in required if area not in covered]
    if missing:
        return not_met("required content areas are missing", "/modules", missing=missing)
    return met("every required content area is covered", "/modules", required=list(required))


@rule(
    id="RRN-COURSE-LIVED-EXPERIENCE",
    title="People with lived experience shape or deliver the course",
    cites=["rrn-ts:2"],
    applies_to=COURSE,
    tags=["curriculum"],
    reading=(
        "Section 2 (reported): people with lived experience help design or deliver the "
        "training. Met when either is recorded; insufficient when neither is recorded "
        "either way."
    ),
)
def course_lived_experience(course: Course, context: Context) -> Verdict:
    """Show that people with lived experience helped design or deliver the course."""
    if not course.restrictive_component:
        return not_applicable("the course has no restrictive component")
    lived = course.lived_experience
    if lived is None:
        return insufficient_evidence(
            "lived-experience involvement is not recorded", "/lived_experience"
        )
    evidence = {"in_design": lived.in_design, "in_delivery": lived.in_delivery}
    if lived.in_design or lived.in_delivery:
        return met("lived experience is involved", "/lived_experience", **evidence)
    return not_met("no lived-experience involvement", "/lived_experience", **evidence)


CURRICULUM_RULES = (
    course_prevention_share,
    course_no_harmful_techniques,
    course_techniques_justified,
    course_content,
    course_lived_experience,
)
"""The curriculum rules, in evaluation order."""
