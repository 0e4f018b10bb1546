"""Incident scenarios: what happened, which interventions followed, and how it was written up.

Each scenario is a believable sequence of MHSDS intervention types with the
reason, descriptions, efforts to avoid force and outcomes a ward would record.
Weights are relative; ``boost`` scales them by unit archetype (seclusion is
commoner in a PICU, personal care holds on an older adults' ward).
"""

from __future__ import annotations

from typing import NamedTuple


class Step(NamedTuple):
    """One intervention of a scenario."""

    type: str
    """MHSDS intervention type code."""
    duration: str
    """Duration kind, see ``_incidents.DURATIONS``."""
    descriptions: tuple[str, ...]


class Scenario(NamedTuple):
    """A kind of incident with its wording."""

    key: str
    weight: float
    reason: str
    """MHSDS reason code."""
    details: tuple[str, ...]
    steps: tuple[Step, ...]
    min_force: int
    rooms: tuple[str, ...]
    techniques: tuple[str, ...]
    """Efforts to avoid force that fit the scenario (two to four are recorded)."""
    efforts: tuple[str, ...]
    outcomes: tuple[str, ...]
    """Outcome wording; ``{seclusion}`` is replaced by the seclusion's length."""
    boost: dict[str, float] | None = None


STANDING = Step(
    "07",
    "hold",
    (
        "Two staff used a standing hold, open hands on the upper arms, to move the patient "
        "away from the other person.",
        "Standing hold by two staff to prevent further blows.",
        "Two-person standing hold with open-hand support while the patient was guided to a "
        "quieter area.",
        "Standing hold by two staff; the nurse in charge led the communication throughout.",
    ),
)
BRIEF_STANDING = Step(
    "07",
    "brief",
    (
        "Standing hold by two staff to separate the patient from the other person.",
        "Brief two-person standing hold to take the object from the patient's hands.",
        "Two staff held the patient's arms in a standing hold, open palms, until the patient "
        "stopped.",
    ),
)
SEATED = Step(
    "11",
    "hold",
    (
        "Supported seated hold on a sofa while a third member of staff talked the patient "
        "down; released as breathing settled.",
        "Seated hold on the bed edge by two staff; hands held at the wrist with open palms.",
        "Two-person seated hold on a beanbag with a cushion behind the patient's head.",
        "Seated hold on a chair with one member of staff kneeling alongside to maintain eye "
        "contact and reassurance.",
    ),
)
ESCORT = Step(
    "08",
    "escort",
    (
        "Restrictive escort by two staff, holding the patient's arms, to the patient's bedroom.",
        "Two staff escorted the patient by the arms to the low-stimulus lounge.",
        "Restrictive escort by two staff along the corridor away from other patients.",
    ),
)
SUPINE = Step(
    "09",
    "floor",
    (
        "Patient went to the floor; held supine with a staff member supporting the head and "
        "monitoring breathing throughout.",
        "Supported supine floor hold with head support; released to sitting as the patient calmed.",
        "Supine hold on a mattress with a third member of staff monitoring airway, breathing "
        "and colour.",
    ),
)
SIDE = Step(
    "10",
    "floor",
    (
        "Patient was supported to the floor and held on their side in the recovery position, "
        "with a staff member at the head.",
        "Side-lying hold on the floor with breathing monitored throughout; released to sitting.",
    ),
)
PRONE_BRIEF = Step(
    "01",
    "prone",
    (
        "Patient fell forward during the hold and was briefly held prone on the floor before "
        "staff turned the patient to supine.",
        "Patient rolled face down while being supported to the floor; staff turned the patient "
        "onto their side as soon as it was safe.",
    ),
)
RAPID_TRANQUILLISATION = Step(
    "14",
    "inject",
    (
        "Intramuscular rapid tranquillisation given by the nurse in charge under the trust "
        "protocol, as prescribed.",
        "Intramuscular rapid tranquillisation as prescribed, after oral medication was refused.",
        "Intramuscular lorazepam given as rapid tranquillisation under the protocol, after "
        "medical review.",
    ),
)
SECLUSION = Step(
    "05",
    "seclusion",
    (
        "Seclusion in the seclusion suite with continuous observation and medical review "
        "within the hour.",
        "Seclusion with continuous observation; medical review within the hour and nursing "
        "reviews every two hours.",
        "Seclusion in the de-escalation suite, door locked, with a member of staff observing "
        "through the vision panel at all times.",
    ),
)
KNEELING = Step(
    "12",
    "hold",
    (
        "Two staff knelt beside the patient, who was sitting on the floor, holding the "
        "patient's forearms with open hands.",
    ),
)
OTHER_PHYSICAL = Step(
    "13",
    "brief",
    (
        "Two staff held the patient's hands away from the wound dressing while it was replaced.",
        "Staff held the patient's wrists while the ligature was cut with a ligature knife.",
    ),
)
DEPOT = Step(
    "15",
    "inject",
    (
        "Prescribed intramuscular depot antipsychotic given under the Mental Health Act "
        "treatment certificate.",
    ),
)
ORAL = Step(
    "16",
    "oral",
    (
        "Prescribed oral medication given to reduce the patient's distress and aggression, "
        "accepted after discussion.",
    ),
)
MECHANICAL = Step(
    "04",
    "mechanical",
    (
        "Emergency response belt applied to the patient's wrists during transfer to "
        "seclusion, under the mechanical restraint protocol.",
    ),
)
SEGREGATION = Step(
    "06",
    "segregation",
    (
        "Long-term segregation in the self-contained area, with daily medical review and "
        "weekly multidisciplinary review.",
    ),
)

VIOLENCE_ROOMS = ("day room", "dining room", "lounge", "corridor outside the nursing office")
SELF_HARM_ROOMS = ("bedroom corridor", "bathroom", "quiet lounge", "garden")
DANGER_ROOMS = ("kitchen", "garden", "courtyard", "activity room", "lobby")
EXIT_ROOMS = ("entrance airlock", "lobby", "garden", "courtyard")
CLINIC_ROOMS = ("clinic room", "bedroom corridor")

VIOLENCE_DETAILS = (
    "Patient threw a chair towards another patient during an argument about the television "
    "and continued to advance on them.",
    "Patient punched a member of staff and attempted to strike others nearby.",
    "Patient assaulted another patient and continued to threaten serious violence despite "
    "de-escalation.",
    "Patient threw cutlery and a tray at staff and other patients.",
    "Patient attacked a member of staff with a fist and kicked at staff trying to help.",
    "Patient repeatedly struck a nurse while trying to leave through the airlock.",
    "Patient grabbed another patient by the hair and would not let go when asked.",
)
SELF_HARM_DETAILS = (
    "Patient was using a broken plastic item to cut their forearm and did not stop when asked.",
    "Patient tied a ligature and resisted staff removing it.",
    "Patient repeatedly hit their head against the wall and could not stop when asked.",
    "Patient was trying to swallow batteries taken from a remote control.",
    "Patient was scratching an existing wound with a sharp edge and refused to hand it over.",
)
DANGER_DETAILS = (
    "Patient tried to pour boiling water over themselves and towards staff at the hot-water "
    "dispenser.",
    "Patient barricaded the lounge and was breaking a window with a chair.",
    "Patient climbed onto the garden fence and was trying to get over the top.",
    "Patient was smashing furniture and throwing the pieces around the room.",
)
VIOLENCE_EFFORTS = (
    "Staff spoke calmly, asked other patients to leave the room and offered the patient the "
    "quiet lounge before the assault.",
    "Staff introduced themselves, explained what was happening, offered oral medication and a "
    "quiet bedroom; the patient declined and became more distressed.",
    "Staff lowered the lights and noise, offered oral medication and time with a trusted "
    "nurse; the patient refused.",
    "Staff used the patient's preferred name, gave space and offered a walk in the garden "
    "with staff.",
    "Staff followed the positive behaviour support plan: reduced demands, offered a drink and "
    "the sensory room.",
)
SELF_HARM_EFFORTS = (
    "Staff followed the patient's safety plan: offered a distraction box, the sensory room "
    "and to hand the item over.",
    "Staff spoke to the patient through the door and asked them to remove the ligature.",
    "Staff used the patient's easy-read plan: weighted blanket offered, lights dimmed, "
    "favourite music.",
    "Staff sat with the patient, offered a hot drink and time with a nurse of their choice.",
)
DANGER_EFFORTS = (
    "Staff asked the patient to put the kettle down and offered to make the drink together.",
    "Staff spoke through the door and offered the patient choices about where to spend the "
    "morning.",
    "Staff gave the patient space, moved other patients away and offered a phone call to family.",
)
CALM_OUTCOMES = (
    "Patient calmed, accepted time in the quiet lounge with a member of staff; no injuries. "
    "Care plan reviewed the next morning.",
    "Patient released after a few minutes, no injuries; one-to-one observation for the rest "
    "of the shift.",
    "Patient settled and talked with the nurse in charge about what had happened; no injuries.",
    "Patient calmed and phoned a relative; no injuries. Information about the use of force "
    "was given again.",
)
SELF_HARM_OUTCOMES = (
    "Superficial wounds cleaned and dressed by the nurse; patient spent the afternoon with a "
    "staff member of their choice.",
    "Ligature removed, no marks on the neck; medical review within the hour and observations "
    "increased.",
    "Patient settled; no injury found on medical review and the safety plan was updated with "
    "the patient.",
)
RT_OUTCOMES = (
    "Patient settled within 30 minutes of rapid tranquillisation; physical observations "
    "within normal range.",
    "Patient slept after rapid tranquillisation; observations within normal range.",
    "Patient calmed after rapid tranquillisation; physical observations normal and the "
    "medical team reviewed the care plan the next day.",
)
SECLUSION_OUTCOMES = (
    "Seclusion ended after {seclusion} when the patient was calm; no injuries.",
    "Seclusion ended after {seclusion}; the patient helped plan their care for the next day. "
    "No injuries.",
    "Seclusion ended after {seclusion} following a multidisciplinary review; the patient "
    "returned to the ward.",
)

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "standing",
        22,
        "10",
        VIOLENCE_DETAILS,
        (STANDING,),
        2,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "reduced-stimulation", "choice-offered"),
        VIOLENCE_EFFORTS,
        CALM_OUTCOMES,
    ),
    Scenario(
        "standing-seated",
        12,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, SEATED),
        2,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "reduced-stimulation", "distraction"),
        VIOLENCE_EFFORTS,
        CALM_OUTCOMES,
    ),
    Scenario(
        "seated-self-harm",
        12,
        "11",
        SELF_HARM_DETAILS,
        (SEATED,),
        2,
        SELF_HARM_ROOMS,
        ("verbal-de-escalation", "person-centred-plan-followed", "choice-offered", "distraction"),
        SELF_HARM_EFFORTS,
        SELF_HARM_OUTCOMES,
        {"camhs": 3.0, "acute-female": 2.0, "ld": 1.5},
    ),
    Scenario(
        "other-self-harm",
        2,
        "11",
        SELF_HARM_DETAILS,
        (OTHER_PHYSICAL,),
        2,
        SELF_HARM_ROOMS,
        ("verbal-de-escalation", "person-centred-plan-followed", "sensory-strategy"),
        SELF_HARM_EFFORTS,
        SELF_HARM_OUTCOMES,
        {"camhs": 3.0, "acute-female": 2.0},
    ),
    Scenario(
        "escort",
        7,
        "17",
        DANGER_DETAILS,
        (ESCORT,),
        2,
        DANGER_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "choice-offered"),
        DANGER_EFFORTS,
        CALM_OUTCOMES,
    ),
    Scenario(
        "standing-escort",
        8,
        "17",
        DANGER_DETAILS,
        (BRIEF_STANDING, ESCORT),
        2,
        DANGER_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "reduced-stimulation", "distraction"),
        DANGER_EFFORTS,
        CALM_OUTCOMES,
    ),
    Scenario(
        "standing-supine",
        9,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, SUPINE),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "oral-medication-offered", "choice-offered"),
        VIOLENCE_EFFORTS,
        CALM_OUTCOMES,
        {"older": 0.3, "camhs": 0.6},
    ),
    Scenario(
        "standing-side",
        4,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, SIDE),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "reduced-stimulation"),
        VIOLENCE_EFFORTS,
        CALM_OUTCOMES,
        {"older": 0.3},
    ),
    Scenario(
        "supine-rapid-tranquillisation",
        5,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, SUPINE, RAPID_TRANQUILLISATION),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "oral-medication-offered", "offer-of-space"),
        VIOLENCE_EFFORTS,
        RT_OUTCOMES,
        {"picu": 2.5, "older": 0.2, "camhs": 0.3, "ld": 0.5},
    ),
    Scenario(
        "standing-rapid-tranquillisation",
        4,
        "10",
        VIOLENCE_DETAILS,
        (STANDING, RAPID_TRANQUILLISATION),
        2,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "oral-medication-offered", "reduced-stimulation"),
        VIOLENCE_EFFORTS,
        RT_OUTCOMES,
        {"picu": 2.5, "older": 0.2, "camhs": 0.3, "ld": 0.5},
    ),
    Scenario(
        "prone-brief",
        2.2,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, PRONE_BRIEF, SUPINE),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "oral-medication-offered"),
        VIOLENCE_EFFORTS,
        CALM_OUTCOMES,
        {"picu": 1.5, "older": 0.1, "camhs": 0.5},
    ),
    Scenario(
        "prone-rapid-tranquillisation",
        0.8,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, PRONE_BRIEF, RAPID_TRANQUILLISATION, SUPINE),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "oral-medication-offered", "offer-of-space"),
        VIOLENCE_EFFORTS,
        RT_OUTCOMES,
        {"picu": 2.0, "older": 0.1, "camhs": 0.2},
    ),
    Scenario(
        "escort-seclusion",
        4,
        "10",
        VIOLENCE_DETAILS,
        (BRIEF_STANDING, ESCORT, SECLUSION),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "oral-medication-offered", "choice-offered"),
        VIOLENCE_EFFORTS,
        SECLUSION_OUTCOMES,
        {"picu": 3.0, "forensic": 2.5, "older": 0.1, "camhs": 0.5, "ld": 1.5},
    ),
    Scenario(
        "rapid-tranquillisation-seclusion",
        1.5,
        "10",
        VIOLENCE_DETAILS,
        (STANDING, RAPID_TRANQUILLISATION, SECLUSION),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "oral-medication-offered", "reduced-stimulation"),
        VIOLENCE_EFFORTS,
        SECLUSION_OUTCOMES,
        {"picu": 3.0, "forensic": 2.0, "older": 0.0, "camhs": 0.2},
    ),
    Scenario(
        "danger-seclusion",
        1.5,
        "17",
        DANGER_DETAILS,
        (BRIEF_STANDING, SECLUSION),
        2,
        DANGER_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "choice-offered"),
        DANGER_EFFORTS,
        SECLUSION_OUTCOMES,
        {"picu": 3.0, "forensic": 2.0, "older": 0.0},
    ),
    Scenario(
        "kneeling-self-harm",
        1.2,
        "11",
        SELF_HARM_DETAILS,
        (KNEELING,),
        2,
        SELF_HARM_ROOMS,
        ("verbal-de-escalation", "person-centred-plan-followed", "sensory-strategy"),
        SELF_HARM_EFFORTS,
        SELF_HARM_OUTCOMES,
    ),
    Scenario(
        "oral-medication",
        1.5,
        "17",
        DANGER_DETAILS,
        (ORAL,),
        2,
        DANGER_ROOMS,
        ("verbal-de-escalation", "offer-of-space", "reduced-stimulation"),
        DANGER_EFFORTS,
        CALM_OUTCOMES,
    ),
    Scenario(
        "depot",
        1.2,
        "13",
        (
            "Patient refused prescribed depot medication given under the Mental Health Act "
            "and tried to leave the clinic room.",
            "Patient declined treatment authorised on a second opinion certificate and "
            "pushed staff away.",
        ),
        (SEATED, DEPOT),
        2,
        CLINIC_ROOMS,
        ("verbal-de-escalation", "choice-offered", "person-centred-plan-followed"),
        (
            "Staff explained the treatment, offered a different time and a member of staff "
            "of the patient's choice; the patient declined.",
        ),
        CALM_OUTCOMES,
        {"forensic": 2.0, "acute-male": 1.5},
    ),
    Scenario(
        "personal-care",
        1.0,
        "14",
        (
            "Patient was soiled and distressed and pushed staff away during personal care "
            "needed to prevent skin breakdown.",
        ),
        (SEATED,),
        2,
        ("bedroom corridor", "bathroom"),
        ("verbal-de-escalation", "person-centred-plan-followed", "choice-offered"),
        (
            "Staff offered personal care at a time of the patient's choosing, with a familiar "
            "member of staff and music the patient likes.",
        ),
        CALM_OUTCOMES,
        {"older": 8.0, "ld": 2.0, "camhs": 0.0},
    ),
    Scenario(
        "search",
        1.0,
        "18",
        (
            "Patient returned from leave with an item believed to be a blade and would not "
            "hand it over.",
        ),
        (BRIEF_STANDING,),
        2,
        EXIT_ROOMS,
        ("verbal-de-escalation", "choice-offered"),
        ("Staff explained the search policy and asked the patient to hand the item over.",),
        CALM_OUTCOMES,
        {"forensic": 2.0, "older": 0.2},
    ),
    Scenario(
        "absconding",
        2.0,
        "19",
        (
            "Detained patient tried to push past staff through the airlock to leave the ward.",
            "Detained patient ran towards the open garden gate during escorted leave.",
        ),
        (ESCORT,),
        2,
        EXIT_ROOMS,
        ("verbal-de-escalation", "choice-offered", "other"),
        (
            "Staff talked with the patient about their leave plan and offered a phone call to "
            "their named nurse.",
        ),
        CALM_OUTCOMES,
        {"older": 0.5},
    ),
    Scenario(
        "mechanical",
        0.25,
        "10",
        VIOLENCE_DETAILS,
        (STANDING, MECHANICAL, SECLUSION),
        3,
        VIOLENCE_ROOMS,
        ("verbal-de-escalation", "oral-medication-offered", "offer-of-space"),
        VIOLENCE_EFFORTS,
        SECLUSION_OUTCOMES,
        {
            "acute-mixed": 0.0,
            "acute-female": 0.0,
            "acute-male": 0.0,
            "older": 0.0,
            "camhs": 0.0,
            "picu": 0.3,
            "forensic": 4.0,
            "ld": 2.0,
        },
    ),
    Scenario(
        "segregation",
        0.15,
        "16",
        (
            "Patient's extreme and prolonged over-activity and repeated assaults meant they "
            "could not safely mix with other patients.",
        ),
        (SEGREGATION,),
        2,
        ("de-escalation room",),
        ("verbal-de-escalation", "person-centred-plan-followed", "sensory-strategy"),
        (
            "A multidisciplinary plan of reduced stimulation and one-to-one support was "
            "followed for a week before segregation.",
        ),
        (
            "Segregation ended after a multidisciplinary review; the patient returned to the "
            "ward with a new positive behaviour support plan.",
        ),
        {
            "acute-mixed": 0.0,
            "acute-female": 0.0,
            "acute-male": 0.0,
            "older": 0.0,
            "camhs": 0.0,
            "picu": 0.0,
            "forensic": 3.0,
            "ld": 4.0,
        },
    ),
)
"""Every scenario; ``boost`` keys are unit archetype keys (a missing key means 1)."""

PRONE_LONG_DESCRIPTIONS = (
    "Patient fell forward during the hold and was held prone on the floor; staff could not "
    "safely turn the patient to supine until the patient's kicking reduced.",
    "Patient went to the floor face down and was held prone while staff waited for more help "
    "to arrive.",
)
"""How a prolonged, unplanned prone hold is described."""

NON_UNIT_REASONS = (
    "Responded to the personal alarm from a neighbouring ward because two ward staff were "
    "already escorting patients.",
    "Came from a neighbouring ward to help when the emergency alarm sounded.",
)
"""Why a member of staff from another unit was involved."""

SECURITY_REASONS = (
    "Site security officer responded to the ward's emergency alarm because two ward staff were "
    "already escorting patients off the ward.",
)
"""Why a site security officer was involved."""

POLICE_REASONS = (
    "Police officers attended after a 999 call about a weapon and used force before ward "
    "staff could take over.",
)
"""Why police officers were involved."""

DECLINED_PATIENT_DEBRIEF = (
    "The patient declined a debrief; it was offered again the next day.",
    "The patient was asleep and then declined; the named nurse will offer it again.",
    "The patient was transferred to another hospital before the debrief could take place.",
)
"""Why a patient debrief did not take place."""

DECLINED_STAFF_DEBRIEF = ("The staff debrief was folded into the next morning's safety huddle.",)
"""Why a staff debrief did not take place."""

REVIEW_NOT_HELD = (
    "The review was not convened: the ward's senior staff were redeployed that week.",
    "The review was postponed twice and then closed without being held.",
)
"""Why a formal post-incident review did not take place (a planted gap)."""
