"""Fixed vocabularies: invented names and places, unit archetypes, roles and patient details.

Every name is made up and obviously fictional. Nothing here is drawn from
real records; the clinical wording follows the style of ``examples/``.
"""

from __future__ import annotations

from typing import NamedTuple

from rrnkit.model.codes import Population, Setting, StaffGroup

GIVEN_NAMES: tuple[str, ...] = (
    "Alex", "Bailey", "Cameron", "Charlie", "Dana", "Drew", "Eden", "Eli", "Emery", "Finley",
    "Frankie", "Gray", "Harper", "Hayden", "Indy", "Jamie", "Jesse", "Jordan", "Jules", "Kai",
    "Kendall", "Lee", "Logan", "Morgan", "Nico", "Oakley", "Parker", "Quinn", "Reese", "Riley",
    "Robin", "Rowan", "Sage", "Sam", "Sky", "Tatum", "Toby", "Val", "Wren", "Zion",
)  # fmt: skip
"""Given names that fit anyone; paired with an obviously made-up surname."""

SURNAMES: tuple[str, ...] = (
    "Example", "Specimen", "Testperson", "Placeholder", "Fictitious", "Mockdata", "Dummy",
    "Sampleton", "Notreal", "Madeup", "Invented", "Exampleton", "Imaginary", "Exemplar",
    "Fictional", "Demo", "Illustration", "Dummyname", "Testcase", "Pretend", "Exemplary",
    "Mockup", "Unreal", "Nobody", "Testington", "Mockford", "Fakeley", "Samplewood", "Draftley",
    "Prototype", "Synthetic", "Madeupson", "Nonesuch", "Figment", "Fabricated", "Hypothetical",
    "Simulated", "Notareal", "Testdata", "Lorem",
)  # fmt: skip
"""Surnames no one has: every person in synthetic data is visibly invented."""

PLACE_STEMS: tuple[tuple[str, str], ...] = (
    ("Grey", "gr"), ("Fallow", "fa"), ("High", "hi"), ("Wether", "we"), ("Brindle", "br"),
    ("Oak", "oa"), ("Salt", "sa"), ("Lark", "la"), ("Mere", "me"), ("Stone", "st"),
    ("Yarrow", "ya"), ("Hollow", "ho"), ("Keston", "ke"), ("Dun", "du"), ("Elder", "el"),
    ("Fox", "fo"), ("Gloam", "gl"), ("Harrow", "ha"), ("Ivy", "iv"), ("Amber", "am"),
)  # fmt: skip
"""First halves of invented place names, with a two-letter code."""

PLACE_ENDS: tuple[tuple[str, str], ...] = (
    ("marsh", "m"), ("dene", "d"), ("carr", "c"), ("fold", "f"), ("combe", "b"),
    ("haven", "h"), ("garth", "g"), ("wick", "w"), ("moor", "r"), ("fell", "l"),
)  # fmt: skip
"""Second halves of invented place names, with a one-letter code."""

PROVIDER_BRANDS: tuple[str, ...] = (
    "Positive Practice Training Ltd",
    "Safer Care Training Ltd",
    "Calm Approaches Training Ltd",
    "Person-Centred Safety Training CIC",
    "Least Restrictive Practice Training Ltd",
)
"""How invented training providers style themselves."""

COURSE_BRANDS: tuple[str, ...] = (
    "Safer Care Together",
    "Calm and Connected",
    "Positive Connections",
    "Safety Through Understanding",
    "Working Together Safely",
)
"""Invented programme names for the providers' courses."""

WARD_NAMES: tuple[str, ...] = (
    "Alder", "Birch", "Cedar", "Elm", "Hazel", "Juniper", "Larch", "Willow", "Holly", "Aspen",
    "Hawthorn", "Maple", "Linden", "Sycamore", "Yew", "Curlew", "Dipper", "Heron", "Lapwing",
    "Merlin", "Osprey", "Plover", "Skylark", "Swift", "Kingfisher", "Bluebell", "Foxglove",
    "Gorse", "Sorrel", "Thistle", "Clover", "Primrose", "Teasel", "Harebell", "Campion",
    "Burdock", "Bilberry", "Cowslip", "Tansy", "Vetch",
)  # fmt: skip
"""Ward names: trees, birds and wild flowers, as many trusts name them."""


class UnitKind(NamedTuple):
    """An archetype of inpatient unit: how it is named, how busy it is, who it treats."""

    key: str
    label: str
    """Unit name pattern; ``{n}`` is the ward name."""
    short: str
    """How staff refer to it in free text; ``{n}`` is the ward name."""
    setting: Setting
    populations: tuple[Population, ...]
    beds: tuple[int, int]
    rate: float
    """Incidents per bed, relative to an adult acute ward."""
    pool: float
    """Patients restrained per bed per year (a small pool means many repeats)."""
    sex: str
    """'F', 'M' or 'X' (mixed)."""
    ages: tuple[int, int]
    learning_disability: float
    """Share of patients with a learning disability."""
    autism: float
    """Share of patients who are autistic."""
    disorders: str
    """Which mental disorder list to draw from."""


MH = Setting.MENTAL_HEALTH_INPATIENT
ADULTS = (Population.ADULTS, Population.MENTAL_HEALTH)

UNIT_KINDS: dict[str, UnitKind] = {
    kind.key: kind
    for kind in (
        UnitKind("acute-mixed", "{n} Ward (adult acute, mixed sex)", "{n} Ward", MH, ADULTS,
                 (16, 22), 1.0, 2.0, "X", (18, 64), 0.03, 0.06, "adult"),
        UnitKind("acute-female", "{n} Ward (adult acute, female)", "{n} Ward", MH, ADULTS,
                 (16, 22), 1.1, 2.0, "F", (18, 64), 0.03, 0.07, "adult"),
        UnitKind("acute-male", "{n} Ward (adult acute, male)", "{n} Ward", MH, ADULTS,
                 (16, 22), 1.0, 2.0, "M", (18, 64), 0.03, 0.06, "adult"),
        UnitKind("picu", "{n} Psychiatric Intensive Care Unit", "{n} PICU", MH, ADULTS,
                 (8, 12), 3.5, 4.0, "X", (18, 60), 0.04, 0.08, "acute"),
        UnitKind("older", "{n} Ward (older adults, functional)", "{n} Ward", MH,
                 (Population.OLDER_ADULTS, Population.MENTAL_HEALTH, Population.DEMENTIA),
                 (14, 18), 0.5, 1.5, "X", (65, 92), 0.02, 0.03, "older"),
        UnitKind("ld", "{n} Assessment and Treatment Unit (learning disability and autism)",
                 "{n} Unit", Setting.LEARNING_DISABILITY_AUTISM_INPATIENT,
                 (Population.ADULTS, Population.LEARNING_DISABILITY, Population.AUTISM),
                 (6, 10), 2.8, 0.9, "X", (18, 55), 0.85, 0.6, "ld"),
        UnitKind("forensic", "{n} Ward (low secure forensic, male)", "{n} Ward",
                 Setting.SECURE_FORENSIC,
                 (Population.ADULTS, Population.MENTAL_HEALTH, Population.FORENSIC),
                 (12, 16), 1.3, 0.9, "M", (19, 60), 0.05, 0.08, "forensic"),
        UnitKind("camhs", "{n} Unit (young people's mental health inpatient)", "{n} Unit", MH,
                 (Population.CHILDREN_AND_YOUNG_PEOPLE, Population.MENTAL_HEALTH),
                 (10, 14), 2.2, 2.5, "X", (13, 17), 0.03, 0.2, "young"),
    )
}  # fmt: skip
"""Every unit archetype, by key."""

NHS_TRUST_UNITS: tuple[tuple[str, float], ...] = (
    ("older", 0.5),
    ("ld", 0.3),
    ("forensic", 0.3),
    ("camhs", 0.25),
)
"""Optional units an NHS trust has, beside its acute wards and PICU, with their chance."""

INDEPENDENT_UNITS: tuple[str, ...] = ("ld", "forensic", "acute-male", "picu", "camhs")
"""Units an independent hospital chooses from."""

ROOMS: dict[str, tuple[str, ...]] = {
    "any": (
        "day room", "dining room", "bedroom corridor", "lounge", "garden", "quiet lounge",
        "kitchen", "corridor outside the nursing office", "entrance airlock", "activity room",
        "courtyard", "clinic room", "bathroom", "lobby", "de-escalation room",
    ),
}  # fmt: skip
"""Places in a unit where incidents happen."""


class Role(NamedTuple):
    """A post on a unit's establishment."""

    title: str
    group: StaffGroup
    posts: int
    force: bool
    """Whether post holders usually carry out holds."""
    observer: bool
    """Whether post holders are often present without using force."""


RN = StaffGroup.REGISTERED_NURSE
HCSW = StaffGroup.HEALTHCARE_SUPPORT_WORKER

UNIT_ROLES: tuple[Role, ...] = (
    Role("Ward Manager", RN, 1, True, True),
    Role("Deputy Ward Manager", RN, 1, True, True),
    Role("Charge Nurse", RN, 2, True, True),
    Role("Staff Nurse", RN, 5, True, False),
    Role("Senior Healthcare Support Worker", HCSW, 2, True, False),
    Role("Healthcare Support Worker", HCSW, 7, True, False),
    Role("Consultant Psychiatrist", StaffGroup.MEDICAL, 1, False, True),
    Role("Specialty Doctor", StaffGroup.MEDICAL, 1, False, True),
    Role("Occupational Therapist", StaffGroup.ALLIED_HEALTH_PROFESSIONAL, 1, False, True),
    Role("Clinical Psychologist", StaffGroup.PSYCHOLOGY, 1, False, True),
    Role("Ward Administrator", StaffGroup.ADMINISTRATIVE, 1, False, False),
)
"""The establishment of each unit (23 posts), so the workforce grows with the units."""

STAFF_NURSE_TITLES: dict[str, str] = {
    "ld": "Learning Disability Nurse",
    "camhs": "Staff Nurse (Children and Young People)",
    "forensic": "Staff Nurse (Forensic)",
}
"""Unit archetypes whose staff nurses carry a specialist title."""

ORGANISATION_ROLES: tuple[Role, ...] = (
    Role("Head of Restrictive Practice Reduction", StaffGroup.MANAGER, 1, False, False),
    Role("Clinical Nurse Specialist, Restrictive Practice Reduction", RN, 1, False, False),
    Role("Practice Development Nurse", RN, 1, False, False),
    Role("Security Officer", StaffGroup.SECURITY, 2, False, False),
)
"""Posts outside any unit."""

DISORDERS: dict[str, tuple[str, ...]] = {
    "adult": (
        "Paranoid schizophrenia (ICD-10 F20.0)",
        "Schizoaffective disorder (ICD-10 F25.1)",
        "Bipolar affective disorder, current episode manic with psychotic symptoms (ICD-10 F31.2)",
        "Emotionally unstable personality disorder (ICD-10 F60.3)",
        "Severe depressive episode with psychotic symptoms (ICD-10 F32.3)",
        "Acute polymorphic psychotic disorder (ICD-10 F23.1)",
        "First-episode psychosis, not yet specified (ICD-10 F29)",
        "Mental and behavioural disorder due to use of cannabinoids, psychotic (ICD-10 F12.5)",
    ),
    "acute": (
        "Paranoid schizophrenia (ICD-10 F20.0)",
        "Bipolar affective disorder, current episode manic with psychotic symptoms (ICD-10 F31.2)",
        "Acute polymorphic psychotic disorder (ICD-10 F23.1)",
        "Schizoaffective disorder (ICD-10 F25.1)",
        "Mental and behavioural disorder due to use of stimulants, psychotic (ICD-10 F15.5)",
    ),
    "older": (
        "Severe depressive episode with psychotic symptoms (ICD-10 F32.3)",
        "Late-onset paranoid schizophrenia (ICD-10 F20.0)",
        "Bipolar affective disorder, current episode manic (ICD-10 F31.1)",
        "Delirium superimposed on dementia (ICD-10 F05.1)",
    ),
    "ld": (
        "Mild learning disability with challenging behaviour (ICD-10 F70.1)",
        "Moderate learning disability with challenging behaviour (ICD-10 F71.1)",
        "Childhood autism with anxiety disorder (ICD-10 F84.0, F41.9)",
        "Mild learning disability with psychotic disorder (ICD-10 F70.1, F29)",
    ),
    "forensic": (
        "Paranoid schizophrenia (ICD-10 F20.0)",
        "Schizoaffective disorder (ICD-10 F25.1)",
        "Dissocial personality disorder with psychosis (ICD-10 F60.2, F29)",
    ),
    "young": (
        "Anorexia nervosa (ICD-10 F50.0)",
        "Severe depressive episode without psychotic symptoms (ICD-10 F32.2)",
        "First-episode psychosis, not yet specified (ICD-10 F29)",
        "Emerging emotionally unstable personality disorder (ICD-10 F60.3)",
    ),
}
"""Mental disorders as records state them, by unit archetype."""

ETHNICITIES: tuple[tuple[str, int], ...] = (
    ("White British", 62),
    ("White Irish", 2),
    ("White - any other White background", 6),
    ("Black British - Caribbean", 6),
    ("Black British - African", 6),
    ("Asian British - Pakistani", 4),
    ("Asian British - Indian", 3),
    ("Asian British - Bangladeshi", 2),
    ("Mixed - White and Black Caribbean", 3),
    ("Mixed - White and Black African", 2),
    ("Any other ethnic group", 2),
    ("Not stated", 2),
)
"""Ethnic categories with weights that over-represent Black patients, as restraint data do."""

RELIGIONS: tuple[str, ...] = (
    "No religion", "Christian", "Muslim", "Hindu", "Sikh", "Jewish", "Buddhist", "Not stated",
)  # fmt: skip
"""Religion or belief, when the record states it."""

ORIENTATIONS: tuple[str, ...] = ("Heterosexual", "Gay", "Lesbian", "Bisexual", "Not stated")
"""Sexual orientation, when the record states it."""

CPD_ACTIVITIES: tuple[tuple[str, float], ...] = (
    ("Safewards model: train the facilitator", 7),
    ("Autism and sensory needs in mental health wards", 3.5),
    ("Reflective practice supervision (quarterly)", 6),
    ("Post-incident debrief facilitation skills", 4),
    ("Trauma-informed care masterclass", 6),
    ("Positional asphyxia and physical health monitoring update", 3),
    ("Co-delivery with an expert by experience", 7),
    ("Positive behaviour support practitioner workshop", 7),
    ("Restrictive practice reduction group: case reviews", 5),
    ("Human rights based approaches in inpatient care", 3),
)
"""Continuing professional development a trainer might record."""

TRAINER_QUALIFICATIONS: tuple[tuple[str, str], ...] = (
    ("Diploma of Higher Education in Nursing (Mental Health)", "health"),
    ("BSc (Hons) Nursing (Mental Health)", "health"),
    ("BSc (Hons) Nursing (Learning Disabilities)", "health"),
    ("BSc (Hons) Occupational Therapy", "health"),
    ("Level 5 Diploma in Leadership for Health and Social Care", "social-care"),
    ("PGCE (Further Education)", "education"),
)
"""A trainer's professional qualification (each in health, social care or education)."""
