"""The reference world: organisations, providers, workforce, training and plans.

Built once, in memory (it is small next to the incidents): every organisation
gets units and a workforce that turns over, a certified provider with
trainers, a TNA, a training schedule that keeps each member of staff in date
(full programme every fourth training, refreshers between), evaluations and a
two-year action plan. Planted gaps (lapsed staff, a trainer's lapsed
authorisation, an unevaluated event, an overdue action) are chosen with their
own random stream, so changing ``gap_share`` leaves the rest of the world alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections.abc import Sequence
from typing import TypeVar

import attrs

from rrnkit.model import (
    Accreditation,
    AccreditationBody,
    ActionPlan,
    ActionStatus,
    AffiliateArrangement,
    Attendance,
    Authorisation,
    CareExperience,
    Certification,
    CertificationScope,
    CommissionedTraining,
    CompetenceOutcome,
    ContactFrequency,
    ContentArea,
    CoreStrategy,
    Course,
    CpdEntry,
    DeliveryModel,
    Document,
    Evaluation,
    EvaluationLevel,
    EvaluationMethod,
    EvaluationResult,
    ExternalIdentifier,
    FollowUpAction,
    Identifier,
    IncidentDataReview,
    Learner,
    LifeSupportCertificate,
    LifeSupportLevel,
    LifeSupportProvision,
    MeasurableOutcome,
    Organisation,
    OrganisationType,
    Period,
    PlanAction,
    PlanReview,
    Population,
    Priority,
    Qualification,
    QualificationField,
    ResponsiblePerson,
    RiskFactor,
    RiskFactorLevel,
    RoleHolder,
    RrnMembership,
    Seniority,
    Setting,
    SpecialistModule,
    StaffGroup,
    StaffGroupNeed,
    StaffMember,
    TechniqueCategory,
    Trainer,
    TrainerType,
    TrainerUpdate,
    TrainingEvent,
    TrainingNeedsAnalysis,
    Unit,
    UseOfForcePolicy,
)
from rrnkit.model.values import add_months
from rrnkit.synth import _data
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._courses import courses

T = TypeVar("T")
DAY = dt.timedelta(days=1)
MAX_LEARNERS = 12
"""Two trainers at the courses' 1:6 ratio."""
NEVER = 10**9
"""A day number after any the generator uses."""


def stream(config: SynthConfig, name: str) -> random.Random:
    """Return the random stream ``name`` of a configuration (each concern has its own)."""
    return random.Random(f"rrnkit.synth:{config.seed}:{name}")  # noqa: S311 - not for secrets


def gap_count(population: int, share: float) -> int:
    """Return how many of ``population`` get a planted gap: the share, at least one if any."""
    if share <= 0 or population == 0:
        return 0
    return min(population, max(1, round(population * share)))


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def _name(rng: random.Random, doctor: bool = False) -> str:
    name = f"{_pick(rng, _data.GIVEN_NAMES)} {_pick(rng, _data.SURNAMES)}"
    return f"Dr {name}" if doctor else name


def place(index: int, offset: int) -> tuple[str, str]:
    """Return an invented place name and a short code, unique for each index."""
    stems, ends = _data.PLACE_STEMS, _data.PLACE_ENDS
    size = len(stems) * len(ends)
    j = (index + offset) % size
    a = j % len(stems)
    b = (j // len(stems) + 3 * a) % len(ends)
    name = stems[a][0] + ends[b][0]
    code = stems[a][1] + ends[b][1]
    lap = index // size
    if lap:
        return f"{name} {lap + 1}", f"{code}{lap + 1}"
    return name, code


@attrs.define(eq=False)
class Person:
    """A member of staff: who they are, when they were in post and when they trained."""

    number: int
    name: str
    title: str
    group: StaffGroup
    unit: int | None
    start: dt.date
    end: dt.date | None
    force: bool
    observer: bool
    staff_id: str = ""
    trainings: list[tuple[dt.date, dt.date, bool, bool]] = attrs.Factory(list)
    """Attended events as (start, end, full programme?, found competent?)."""
    elig_from: int = NEVER
    """Day number from which the person is trained (ignoring any planted lapse)."""
    elig_until: int = NEVER
    """Last day number in post."""
    lapse_from: int = NEVER
    """Day number from which a planted lapse leaves the person out of date."""

    def in_post(self, day: dt.date) -> bool:
        """Tell whether the person was in post on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.define(eq=False)
class TrainerPlan:
    """A trainer, with the days they are booked and any planted gaps in authorisation."""

    id: str
    name: str
    associate: bool
    staff: Person | None = None
    qualification: tuple[str, str] = ("BSc (Hons) Nursing (Mental Health)", "health")
    authorised_from: dt.date | None = None
    busy: set[dt.date] = attrs.Factory(set)
    holes: list[tuple[str, dt.date, dt.date]] = attrs.Factory(list)


@attrs.define(eq=False)
class Provider:
    """An invented certified training provider."""

    index: int
    id: str
    slug: str
    code: str
    name: str
    initial: Course
    refresher: Course
    certified_on: dt.date
    trainers: list[TrainerPlan] = attrs.Factory(list)
    affiliates: list[AffiliateArrangement] = attrs.Factory(list)


@attrs.define(eq=False)
class UnitPlan:
    """A unit, with the staff who may be involved in its incidents."""

    org: OrgPlan
    index: int
    id: str
    kind: _data.UnitKind
    name: str
    short: str
    beds: int
    force: list[Person] = attrs.Factory(list)
    observers: list[Person] = attrs.Factory(list)


@attrs.define(eq=False)
class OrgPlan:
    """A care organisation and everything generated for it."""

    index: int
    id: str
    code: str
    slug: str
    name: str
    short: str
    nhs: bool
    provider: Provider
    units: list[UnitPlan] = attrs.Factory(list)
    people: list[Person] = attrs.Factory(list)
    security: list[Person] = attrs.Factory(list)
    associate: TrainerPlan | None = None
    approved_on: dt.date | None = None
    events: list[TrainingEvent] = attrs.Factory(list)
    settings: tuple[Setting, ...] = ()
    populations: tuple[Population, ...] = ()
    weight: float = 0.0


@attrs.define(eq=False)
class World:
    """Every reference document, and what the incident generator needs to know."""

    config: SynthConfig
    orgs: list[OrgPlan]
    providers: list[Provider]
    documents: list[Document]


# ---------------------------------------------------------------------------
# Organisations, units, workforce
# ---------------------------------------------------------------------------


def _units(rng: random.Random, org: OrgPlan) -> None:
    if org.nhs:
        acute = ["acute-mixed", "acute-female", "acute-male"]
        keys = [_pick(rng, acute) for _ in range(rng.randint(2, 4))] + ["picu"]
        keys += [key for key, chance in _data.NHS_TRUST_UNITS if rng.random() < chance]
    else:
        keys = rng.sample(_data.INDEPENDENT_UNITS, rng.randint(2, 4))
    names = rng.sample(_data.WARD_NAMES, len(keys))
    for i, (key, ward) in enumerate(zip(keys, names, strict=True)):
        kind = _data.UNIT_KINDS[key]
        org.units.append(
            UnitPlan(
                org=org,
                index=i,
                id=f"ward-{ward.lower()}",
                kind=kind,
                name=kind.label.format(n=ward),
                short=kind.short.format(n=ward),
                beds=rng.randint(*kind.beds),
            )
        )
    settings: list[Setting] = []
    populations: list[Population] = []
    for unit in org.units:
        settings += [s for s in (unit.kind.setting,) if s not in settings]
        populations += [p for p in unit.kind.populations if p not in populations]
    org.settings = tuple(settings)
    org.populations = tuple(populations)
    org.weight = sum(u.beds * u.kind.rate for u in org.units)


def _workforce(rng: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    t0, end = config.training_start, config.end
    slots: list[tuple[_data.Role, int | None, str]] = []
    for unit in org.units:
        for role in _data.UNIT_ROLES:
            title = role.title
            if title == "Staff Nurse":
                title = _data.STAFF_NURSE_TITLES.get(unit.kind.key, title)
            slots += [(role, unit.index, title)] * role.posts
    for role in _data.ORGANISATION_ROLES:
        slots += [(role, None, role.title)] * role.posts
    people: list[Person] = []
    for role, unit_index, title in slots:
        start = t0 - _days(rng, 60, 365 * 14)
        while True:
            person = Person(
                number=len(people),
                name=_name(rng, doctor=role.group is StaffGroup.MEDICAL),
                title=title,
                group=role.group,
                unit=unit_index,
                start=start,
                end=None,
                force=role.force,
                observer=role.observer,
            )
            people.append(person)
            leave = max(start, t0) + dt.timedelta(days=int(rng.expovariate(1 / 2200)))
            if leave > end:
                break
            person.end = leave
            start = leave + _days(rng, 14, 90)
            if start > end - dt.timedelta(days=80):
                break
    people.sort(key=lambda p: (p.start, p.number))
    for n, person in enumerate(people, 1):
        person.staff_id = f"{org.code.upper()}-S{n:04d}"
    org.people = people
    for person in people:
        if person.unit is None:
            if person.group is StaffGroup.SECURITY:
                org.security.append(person)
            continue
        unit = org.units[person.unit]
        if person.force:
            unit.force.append(person)
        if person.observer:
            unit.observers.append(person)


# ---------------------------------------------------------------------------
# Training schedule
# ---------------------------------------------------------------------------


def _sessions(rng: random.Random, config: SynthConfig) -> dict[bool, list[dt.date]]:
    """Return the dates an organisation's sessions may start, every 28 days, per course."""
    shift = rng.randrange(14)
    found: dict[bool, list[dt.date]] = {True: [], False: []}
    base = config.training_start + dt.timedelta(days=shift)
    while base <= config.end:
        monday = base + dt.timedelta(days=(7 - base.weekday()) % 7)
        found[True].append(monday)
        found[False].append(monday + dt.timedelta(days=8))
        base += dt.timedelta(days=28)
    return found


NOT_YET_COMPETENT = 0.02
"""Share of trainings after which a learner is found not yet competent (and re-booked)."""


def _schedule(rng: random.Random, org: OrgPlan, config: SynthConfig, clock_origin: dt.date) -> None:
    """Give each member of staff trainings that keep them in date while in post.

    Everyone who works on a unit trains, administrators too (the Use of Force Act
    s.5 covers every member of staff in a unit). A learner found not yet competent
    is re-booked onto the next session of the same course, which they pass; the
    spacing keeps the last competent training within 12 months even then. No
    training runs past the end of the period.
    """
    sessions = _sessions(rng, config)
    end = config.end
    first_deadline = config.start - dt.timedelta(days=45)
    for person in org.people:
        if person.start < config.training_start:
            wanted = _between(rng, config.training_start, first_deadline)
        else:
            wanted = person.start + _days(rng, 7, 30)
        k = 0
        retake = False
        while True:
            full = k % 4 == 0
            dates = sessions[full]
            i = bisect.bisect_left(dates, wanted)
            if i == len(dates):
                break
            begin = dates[i]
            finish = begin + dt.timedelta(days=4 if full else 1)
            if finish > end or (person.end is not None and begin > person.end):
                break
            competent = retake or rng.random() >= NOT_YET_COMPETENT
            person.trainings.append((begin, finish, full, competent))
            if competent:
                wanted = finish + _days(rng, 270, 300)
                k += 1
            else:
                wanted = finish + DAY
            retake = not competent
        passed = [t for t in person.trainings if t[3]]
        if passed:
            person.elig_from = (passed[0][1] - clock_origin).days
        if person.end is not None:
            person.elig_until = (person.end - clock_origin).days


def _lapse(gap: random.Random, org: OrgPlan, config: SynthConfig, clock_origin: dt.date) -> None:
    """Plant lapsed training: some long-serving staff stop attending refreshers."""
    candidates = [
        p
        for p in org.people
        if p.force and p.end is None and p.start < config.training_start and p.trainings
    ]
    low = config.start - dt.timedelta(days=183)
    high = add_months(config.end, -13)
    for person in gap.sample(candidates, gap_count(len(candidates), config.gap_share)):
        cutoff = _between(gap, low, high) if high > low else high
        person.trainings = [t for t in person.trainings if t[1] <= cutoff]
        passed = [t for t in person.trainings if t[3]]
        if passed:
            last = passed[-1][1]
            lapse = add_months(last, 12) + DAY
            while add_months(lapse - DAY, -12) > last:
                lapse -= DAY
            while add_months(lapse, -12) <= last:
                lapse += DAY
        else:
            lapse = config.training_start
        person.lapse_from = (lapse - clock_origin).days


# ---------------------------------------------------------------------------
# Providers and trainers
# ---------------------------------------------------------------------------


def _providers(rng: random.Random, config: SynthConfig, offset: int) -> list[Provider]:
    providers = []
    for k in range(math.ceil(config.organisations / 4)):
        place_name, code = place(k, offset + 97)
        slug = place_name.lower().replace(" ", "-")
        brand = _data.COURSE_BRANDS[(k + offset) % len(_data.COURSE_BRANDS)]
        provider_id = f"org-{slug}-training"
        version = f"{rng.randint(2, 6)}.{rng.randint(0, 4)}"
        initial, refresher = courses(provider_id, slug, brand, version)
        providers.append(
            Provider(
                index=k,
                id=provider_id,
                slug=slug,
                code=f"{code}t",
                name=f"{place_name} {_pick(rng, _data.PROVIDER_BRANDS)}",
                initial=initial,
                refresher=refresher,
                certified_on=_certified_on(rng, config),
            )
        )
    return providers


CERTIFICATE_MONTHS = 36
"""A BILD ACT certificate lasts 3 years."""


def _certified_on(rng: random.Random, config: SynthConfig) -> dt.date:
    """Return the date the provider's current certificate began.

    One 3-year certificate covers all training when the training records span 3
    years or less (``years`` up to 2). When they span longer, the provider was
    recertified every 3 years; the record holds the current certificate, the one
    in date at the end of the period (renewed at most 60 days after the start of
    the last 3 years), and the earlier ones in ``earlier_certifications``.
    """
    latest = config.training_start
    earliest = add_months(config.end, -CERTIFICATE_MONTHS) + DAY
    if earliest <= latest:
        return _between(rng, max(earliest, latest - dt.timedelta(days=500)), latest)
    return earliest + _days(rng, 0, 60)


def _senior_trainers(rng: random.Random, provider: Provider, orgs_served: int) -> None:
    for n in range(1, 3 + 2 * orgs_served):
        provider.trainers.append(
            TrainerPlan(
                id=f"trainer-{provider.code}-{n:03d}",
                name=_name(rng),
                associate=False,
                qualification=_pick(rng, _data.TRAINER_QUALIFICATIONS),
            )
        )


def _associate(rng: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    """Make the organisation an approved affiliate with its own associate trainer."""
    approved = config.training_start + _days(rng, 90, 240)
    holders = [
        p for p in org.people if p.title == "Practice Development Nurse" and p.in_post(approved)
    ]
    if not holders:
        return
    staff = holders[0]
    org.approved_on = approved
    org.associate = TrainerPlan(
        id=f"trainer-{org.code}-001",
        name=staff.name,
        associate=True,
        staff=staff,
        authorised_from=approved + _days(rng, 10, 30),
    )
    org.provider.affiliates.append(
        AffiliateArrangement(
            organisation_id=Identifier(org.id), name=org.name, approved_on=approved
        )
    )


def _chain(
    first: dt.date, last: dt.date, months: int, step: tuple[int, int], rng: random.Random
) -> list[tuple[dt.date, dt.date]]:
    """Return renewed periods of ``months`` from ``first`` that cover up to ``last``."""
    periods = []
    begin = first
    while True:
        until = add_months(begin, months) - DAY
        periods.append((begin, until))
        if until >= last:
            return periods
        begin = begin + dt.timedelta(days=min(rng.randint(*step), (until - begin).days))


def _subtract(
    periods: list[tuple[dt.date, dt.date]], holes: list[tuple[dt.date, dt.date]]
) -> list[tuple[dt.date, dt.date]]:
    for low, high in holes:
        cut: list[tuple[dt.date, dt.date]] = []
        for begin, until in periods:
            if until < low or begin > high:
                cut.append((begin, until))
                continue
            if begin < low:
                cut.append((begin, low - DAY))
            if until > high:
                cut.append((high + DAY, until))
        periods = cut
    return periods


def _trainer_document(
    rng: random.Random,
    plan: TrainerPlan,
    provider: Provider,
    org: OrgPlan | None,
    config: SynthConfig,
) -> Trainer:
    t0, end = config.training_start, config.end
    first = plan.authorised_from or t0 - _days(rng, 60, 700)
    qualification, field = plan.qualification
    qualifications = [
        Qualification(
            title=qualification,
            field=QualificationField(field),
            awarded_on=first - _days(rng, 365 * 3, 365 * 20),
        )
    ]
    if plan.associate:
        qualifications.append(
            Qualification(
                title=f"Certified associate trainer programme ({provider.name})",
                field=QualificationField.TRAINING,
                awarded_on=first - _days(rng, 1, 9),
            )
        )
    else:
        qualifications.append(
            Qualification(
                title="Level 3 Award in Education and Training",
                field=QualificationField.TRAINING,
                awarded_on=first - _days(rng, 100, 2000),
            )
        )
    life_support = [
        LifeSupportCertificate(
            level=LifeSupportLevel.IMMEDIATE_LIFE_SUPPORT, issued_on=begin, expires_on=until
        )
        for begin, until in _chain(first - _days(rng, 30, 300), end, 12, (330, 360), rng)
    ]
    course_ids = [provider.refresher.id] if plan.associate else [
        provider.initial.id, provider.refresher.id,
    ]  # fmt: skip
    authorisations = []
    for course_id in course_ids:
        months = 24 if plan.associate else 36
        periods = _chain(first, end, months, (300, 700), rng)
        holes = [(low, high) for c, low, high in plan.holes if c == course_id]
        for begin, until in _subtract(periods, holes):
            authorisations.append(
                Authorisation(
                    course_id=Identifier(course_id),
                    valid_from=begin,
                    valid_until=until,
                    authorised_by=Identifier(provider.id),
                )
            )
    authorisations.sort(key=lambda a: (a.course_id, a.valid_from))
    cpd: list[CpdEntry] = []
    day = min(first, t0) - _days(rng, 30, 120)
    while day <= end:
        activity, hours = _data.CPD_ACTIVITIES[len(cpd) % len(_data.CPD_ACTIVITIES)]
        cpd.append(CpdEntry(completed_on=day, activity=activity, hours=hours))
        day += _days(rng, 90, 150)
    updates: list[TrainerUpdate] = []
    day = first - _days(rng, 0, 30)
    while day <= end:
        course = course_ids[len(updates) % len(course_ids)]
        updates.append(
            TrainerUpdate(
                completed_on=day,
                provider_id=Identifier(provider.id),
                course_id=Identifier(course),
            )
        )
        day += _days(rng, 300, 350)
    return Trainer(
        id=Identifier(plan.id),
        name=plan.name,
        trainer_type=TrainerType.ASSOCIATE if plan.associate else TrainerType.SENIOR,
        employing_organisation_id=Identifier(org.id if org is not None else provider.id),
        staff_id=Identifier(plan.staff.staff_id) if plan.staff is not None else None,
        certifying_organisation_id=Identifier(provider.id),
        qualifications=tuple(qualifications),
        life_support=tuple(life_support),
        care_experience=CareExperience(
            months=rng.randint(36, 240), as_at=first - _days(rng, 10, 200)
        ),
        authorisations=tuple(authorisations),
        cpd=tuple(cpd),
        updates=tuple(updates),
    )


# ---------------------------------------------------------------------------
# Events and evaluations
# ---------------------------------------------------------------------------


def _events(rng: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    provider = org.provider
    groups: dict[tuple[dt.date, bool], list[tuple[Person, bool]]] = {}
    for person in org.people:
        for begin, _, full, competent in person.trainings:
            groups.setdefault((begin, full), []).append((person, competent))
    seniors = provider.trainers
    for (begin, full), learners in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        course = provider.initial if full else provider.refresher
        finish = begin + dt.timedelta(days=4 if full else 1)
        days = {begin + dt.timedelta(days=n) for n in range((finish - begin).days + 1)}
        chunks = math.ceil(len(learners) / MAX_LEARNERS)
        size = math.ceil(len(learners) / chunks)
        for c in range(chunks):
            chunk = learners[c * size : (c + 1) * size]
            free = [t for t in seniors if not t.busy & days]
            pair = rng.sample(free if len(free) >= 2 else seniors, 2)
            associate = org.associate
            if (
                associate is not None
                and associate.staff is not None
                and not full
                and associate.authorised_from is not None
                and begin >= associate.authorised_from
                and associate.staff.in_post(finish)
                and all(associate.staff is not p for p, _ in chunk)
                and not associate.busy & days
                and rng.random() < 0.5
            ):
                pair[1] = associate
            for trainer in pair:
                trainer.busy |= days
            level = "initial" if full else "refresher"
            suffix = f"-{c + 1}" if chunks > 1 else ""
            org.events.append(
                TrainingEvent(
                    id=Identifier(f"event-{org.code}-{begin.isoformat()}-{level}{suffix}"),
                    course_id=course.id,
                    course_version=course.version,
                    provider_id=Identifier(provider.id),
                    commissioning_organisation_id=Identifier(org.id),
                    delivery_model=DeliveryModel.PROVIDER_DELIVERED,
                    start_date=begin,
                    end_date=finish,
                    setting=org.settings[0],
                    populations=org.populations,
                    specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
                    location=f"{org.short} Education Centre, Training Suite {c + 1}",
                    trainer_ids=tuple(Identifier(t.id) for t in pair),
                    learners=tuple(
                        Learner(
                            staff_id=Identifier(p.staff_id),
                            organisation_id=Identifier(org.id),
                            staff_group=p.group,
                            attendance=Attendance.ATTENDED,
                            competence=CompetenceOutcome.COMPETENT
                            if competent
                            else CompetenceOutcome.NOT_YET_COMPETENT,
                        )
                        for p, competent in chunk
                    ),
                )
            )


def _authorisation_gaps(gap: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    """Plant events delivered by a trainer whose authorisation had lapsed."""
    by_id = {t.id: t for t in org.provider.trainers}
    events = [e for e in org.events if e.trainer_ids[0] in by_id]
    for event in gap.sample(events, gap_count(len(events), config.gap_share)):
        trainer = by_id[event.trainer_ids[0]]
        trainer.holes.append(
            (
                event.course_id,
                event.start_date - _days(gap, 1, 10),
                event.end_date + _days(gap, 1, 10),
            )
        )


_RESULTS = (
    ("Mean learner rating of the course", 4.1, 4.9, "1-5", 1),
    ("Mean post-course knowledge test score", 78, 96, "percent", 0),
    ("Learners more confident to de-escalate without force", 70, 95, "percent", 0),
)
_FOLLOW_UPS = (
    "Add admission scenarios to the de-escalation practice module.",
    "Feed post-incident debrief themes into the next refresher.",
    "Give more practice time to the supported supine hold and transition to seated.",
    "Share the learners' feedback on the lived-experience session with the co-trainers.",
)


def _evaluations(
    rng: random.Random, gap: random.Random, org: OrgPlan, config: SynthConfig
) -> list[Evaluation]:
    finished = [e for e in org.events if e.end_date <= config.end]
    skipped = {e.id for e in gap.sample(finished, gap_count(len(finished), config.gap_share))}
    evaluations = []
    for event in org.events:
        if event.id in skipped:
            continue
        completed = event.end_date + _days(rng, 7, 21)
        if event.end_date <= config.end:
            completed = min(completed, config.end)
        actions = []
        if rng.random() < 0.25:
            due = completed + _days(rng, 30, 120)
            actions.append(
                FollowUpAction(
                    description=_pick(rng, _FOLLOW_UPS),
                    owner=f"Senior trainer, {org.provider.name}",
                    due_on=due,
                    status=ActionStatus.COMPLETED
                    if due <= config.end
                    else ActionStatus.IN_PROGRESS,
                )
            )
        evaluations.append(
            Evaluation(
                id=Identifier(event.id.replace("event-", "eval-", 1)),
                training_event_id=event.id,
                completed_on=completed,
                methods=(
                    EvaluationMethod.LEARNER_FEEDBACK,
                    EvaluationMethod.KNOWLEDGE_TEST,
                    EvaluationMethod.OBSERVED_PRACTICE,
                ),
                level=EvaluationLevel.LEARNING,
                respondents=max(1, len(event.learners) - rng.randint(0, 1)),
                results=tuple(
                    EvaluationResult(
                        measure=measure,
                        value=round(rng.uniform(low, high), digits),
                        unit=unit,
                    )
                    for measure, low, high, unit, digits in _RESULTS
                ),
                actions=tuple(actions),
            )
        )
    return evaluations


# ---------------------------------------------------------------------------
# Organisation documents, TNA, action plan
# ---------------------------------------------------------------------------

_ALL_AREAS = tuple(ContentArea)
_TECHNIQUES = (
    TechniqueCategory.DISENGAGEMENT,
    TechniqueCategory.GUIDING_OR_ESCORT,
    TechniqueCategory.STANDING_HOLD,
    TechniqueCategory.SEATED_HOLD,
    TechniqueCategory.FLOOR_SUPINE,
)
_CONTACT = {
    StaffGroup.REGISTERED_NURSE: ContactFrequency.FREQUENT,
    StaffGroup.HEALTHCARE_SUPPORT_WORKER: ContactFrequency.FREQUENT,
    StaffGroup.ADMINISTRATIVE: ContactFrequency.RARE,
}
_RISKS = (
    (RiskFactorLevel.POPULATION, "Most inpatients have histories of trauma, and many have "
     "experienced restraint or police detention before admission; force risks "
     "re-traumatisation."),
    (RiskFactorLevel.POPULATION, "Black patients are restrained more often than others in "
     "national data; the analysis asks for bias-aware de-escalation practice."),
    (RiskFactorLevel.SERVICE, "The PICU receives out-of-hours transfers at short notice; rapid "
     "tranquillisation and floor holds cluster in the first 72 hours after admission."),
    (RiskFactorLevel.SERVICE, "Long bedroom corridors with poor sight lines mean incidents "
     "often start out of sight of staff."),
    (RiskFactorLevel.INDIVIDUAL, "A small number of patients each year have a raised body "
     "mass index, cardiac or respiratory conditions, so positional asphyxia and physical "
     "health monitoring need emphasis."),
    (RiskFactorLevel.INDIVIDUAL, "A few patients account for most restraints; their positive "
     "behaviour support plans need to be known by every member of staff."),
)  # fmt: skip


def _holder(org: OrgPlan, title: str, day: dt.date) -> Person | None:
    for person in org.people:
        if person.title == title and person.in_post(day):
            return person
    return None


def _tna(
    rng: random.Random, org: OrgPlan, config: SynthConfig, incidents_per_year: float
) -> TrainingNeedsAnalysis:
    completed = config.training_start - _days(rng, 40, 70)
    authorised = completed + _days(rng, 2, 6)
    author = _holder(org, "Clinical Nurse Specialist, Restrictive Practice Reduction", completed)
    lead = _holder(org, "Head of Restrictive Practice Reduction", completed)
    data_end = completed - _days(rng, 1, 25)
    groups: dict[StaffGroup, int] = {}
    for person in org.people:
        groups[person.group] = groups.get(person.group, 0) + person.in_post(completed)
    needs = []
    for group in StaffGroup:
        if group not in groups:
            continue
        contact = _CONTACT.get(group, ContactFrequency.OCCASIONAL)
        admin = group is StaffGroup.ADMINISTRATIVE
        needs.append(
            StaffGroupNeed(
                staff_group=group,
                headcount=groups[group],
                contact=contact,
                content_areas=_ALL_AREAS[:4] if admin else _ALL_AREAS,
                restrictive_techniques=_TECHNIQUES[:1] if admin else _TECHNIQUES,
            )
        )
    reviews = []
    day = add_months(completed, 12)
    while day <= config.end:
        reviews.append(day)
        day = add_months(day, 12)
    last_review = reviews[-1] if reviews else None
    return TrainingNeedsAnalysis(
        id=Identifier(f"tna-{org.code}-{completed.year}"),
        commissioning_organisation_id=Identifier(org.id),
        provider_id=Identifier(org.provider.id),
        author=RoleHolder(
            staff_id=Identifier(author.staff_id) if author else None,
            name=author.name if author else _name(rng),
            job_title="Clinical Nurse Specialist, Restrictive Practice Reduction",
            organisation_id=Identifier(org.id),
        ),
        authoriser=RoleHolder(
            staff_id=Identifier(lead.staff_id) if lead else None,
            name=lead.name if lead else _name(rng),
            job_title="Head of Restrictive Practice Reduction and Positive Behaviour Support",
            organisation_id=Identifier(org.id),
            restrictive_practice_lead=True,
        ),
        completed_on=completed,
        authorised_on=authorised,
        last_reviewed_on=last_review,
        review_due=add_months(last_review or completed, 12),
        incident_data=IncidentDataReview(
            period=Period(start=add_months(data_end, -24) + DAY, end=data_end),
            incident_count=round(incidents_per_year * 2 * rng.uniform(1.05, 1.3)),
        ),
        settings=org.settings,
        staff_groups=tuple(needs),
        risk_factors=tuple(
            RiskFactor(level=level, description=text, anonymised=True)
            for level, text in rng.sample(_RISKS, 4)
        ),
        risk_levels_considered=tuple(RiskFactorLevel),
        required_content_areas=_ALL_AREAS,
        required_specialist_modules=(SpecialistModule.FLOOR_RESTRAINT,),
        life_support=LifeSupportProvision(in_place=True, guideline="Resuscitation Council UK"),
        data_anonymised=True,
        sent_to_provider_on=authorised + _days(rng, 1, 7),
    )


_PRIORITIES = (
    ("p1-leadership", "Board-level leadership and governance of restrictive practice reduction",
     CoreStrategy.LEADERSHIP,
     (("Quarterly restrictive practice report to the Quality Committee, presented by the "
       "Responsible Person.", "Chief Nurse"),
      ("Review and republish the Use of Force policy after consultation with patients, carers "
       "and staff.", "Head of Restrictive Practice Reduction")),
     ("Restrictive practice reports received by the Quality Committee", "reports per year",
      1, 4)),
    ("p2-data", "Use ward-level data to inform practice", CoreStrategy.USE_OF_DATA,
     (("Ward dashboard of restrictive interventions built from MHSDS-aligned incident "
       "records.", "Head of Clinical Information"),
      ("Monthly ward data huddles reviewing restraint, prone and seclusion figures.",
       "Ward Managers")),
     ("Restraints per 1,000 occupied bed days (MHS96), all inpatient wards",
      "per 1,000 occupied bed days", 14.2, 10.0)),
    ("p3-workforce", "A workforce trained in certified, prevention-focused training built on "
     "our TNA", CoreStrategy.WORKFORCE_DEVELOPMENT,
     (("Annual refresher for every inpatient staff member, tracked monthly by ward managers.",
       "Head of Restrictive Practice Reduction"),
      ("Train an associate trainer under the provider's approved affiliate arrangement.",
       "Head of Learning and Development")),
     ("Inpatient staff in date with certified training", "percent", 62, 95)),
    ("p4-tools", "Restraint reduction tools on every ward",
     CoreStrategy.RESTRAINT_REDUCTION_TOOLS,
     (("Implement Safewards interventions on every ward.", "Ward Managers"),
      ("Every patient with a restrictive intervention has a trauma-informed safety and "
       "positive behaviour support plan.", "Consultant Clinical Psychologist")),
     ("Patients subject to restrictive intervention with a current safety or PBS plan",
      "percent", 40, 90)),
    ("p5-inclusion", "Full inclusion of people who use our services and their families",
     CoreStrategy.INCLUSION_OF_PEOPLE_AND_FAMILIES,
     (("Lived-experience educators co-deliver the initial programme and review the "
       "curriculum.", "Patient Experience and Involvement Lead"),
      ("Carers' forum reviews anonymised restraint data twice a year.", "Carer Lead")),
     ("Patients reporting they felt safe on the ward (community meeting survey)", "percent",
      58, 80)),
    ("p6-debrief", "Rigorous post-incident support, debrief and learning",
     CoreStrategy.DEBRIEFING,
     (("Introduce a post-incident debrief template with a patient review within 72 hours.",
       "Consultant Clinical Psychologist"),
      ("Feed debrief themes into refresher training through the provider.",
       "Head of Restrictive Practice Reduction")),
     ("Incidents with a patient debrief within 72 hours", "percent", 35, 90)),
)  # fmt: skip


def _action_plan(
    rng: random.Random, gap: random.Random, org: OrgPlan, config: SynthConfig
) -> ActionPlan:
    end = config.end
    begin = add_months(end, -20).replace(day=1)
    period = Period(start=begin, end=add_months(begin, 24) - DAY)
    due_dates = [
        [begin + _days(rng, 60, 700) for _ in actions] for _, _, _, actions, _ in _PRIORITIES
    ]
    passed = [(i, j) for i, dues in enumerate(due_dates) for j, due in enumerate(dues) if due < end]
    overdue = set(gap.sample(passed, gap_count(len(passed), config.gap_share)))
    priorities = []
    for i, (ident, title, strategy, actions, outcome) in enumerate(_PRIORITIES):
        plan_actions = []
        for j, (text, owner) in enumerate(actions):
            due = due_dates[i][j]
            if due < end and (i, j) not in overdue:
                status, completed = ActionStatus.COMPLETED, max(begin, due - _days(rng, 0, 40))
            elif due < end or due - dt.timedelta(days=180) <= end:
                status, completed = ActionStatus.IN_PROGRESS, None
            else:
                status, completed = ActionStatus.NOT_STARTED, None
            plan_actions.append(
                PlanAction(
                    id=Identifier(f"a{i + 1}.{j + 1}"),
                    description=text,
                    owner=owner,
                    due_on=due,
                    status=status,
                    completed_on=completed,
                )
            )
        measure, unit, baseline, target = outcome
        priorities.append(
            Priority(
                id=Identifier(ident),
                title=title,
                strategies=(strategy,),
                actions=tuple(plan_actions),
                outcomes=(
                    MeasurableOutcome(
                        measure=measure,
                        unit=unit,
                        baseline=float(baseline),
                        baseline_on=begin - DAY,
                        target=float(target),
                        target_on=period.end,
                    ),
                ),
            )
        )
    reviews = []
    day = add_months(begin, 4)
    while day <= end:
        reviews.append(
            PlanReview(
                reviewed_on=day,
                reviewed_by="Restrictive Practice Reduction Group, chaired by the Chief Nurse",
            )
        )
        day = add_months(day, 4)
    return ActionPlan(
        id=Identifier(f"action-plan-{org.code}-{begin.year}-{period.end.year}"),
        organisation_id=Identifier(org.id),
        title=f"{org.short} restraint reduction action plan {begin.year}-{period.end.year} "
        "(RRN organisational membership)",
        period=period,
        published_on=begin + _days(rng, 5, 20),
        priorities=tuple(priorities),
        reviews=tuple(reviews),
    )


def _organisation(
    rng: random.Random, org: OrgPlan, plan: ActionPlan, config: SynthConfig
) -> Organisation:
    end = config.end
    reviewed = end - _days(rng, 20, 300)
    identifiers = (
        (ExternalIdentifier(system="ods", value=f"X{org.code.upper()[:2]}{org.index % 10}"),)
        if org.nhs
        else (ExternalIdentifier(system="cqc-provider", value=f"1-EX{rng.randint(10**6, 10**7)}"),)
    )
    commissioned_from = config.training_start - _days(rng, 7, 30)
    return Organisation(
        id=Identifier(org.id),
        name=org.name,
        organisation_type=OrganisationType.NHS_TRUST
        if org.nhs
        else OrganisationType.INDEPENDENT_HOSPITAL,
        identifiers=identifiers,
        settings=org.settings,
        populations=org.populations,
        units=tuple(
            Unit(
                id=Identifier(u.id),
                name=u.name,
                setting=u.kind.setting,
                beds=u.beds,
                is_mental_health_unit=True,
            )
            for u in org.units
        ),
        workforce=tuple(
            StaffMember(
                staff_id=Identifier(p.staff_id),
                name=p.name,
                job_title=p.title,
                staff_group=p.group,
                unit_id=Identifier(org.units[p.unit].id) if p.unit is not None else None,
                start_date=p.start,
                end_date=p.end,
            )
            for p in org.people
        ),
        responsible_person=ResponsiblePerson(
            name=_name(rng),
            job_title="Chief Nurse and Executive Director of Quality"
            if org.nhs
            else "Hospital Director",
            appointed_on=min(dt.date(2022, 3, 31), config.training_start),
            employed_by_organisation=True,
            seniority=Seniority.BOARD,
        ),
        use_of_force_policy=UseOfForcePolicy(
            title="Use of Force and Restrictive Practice Reduction Policy (Mental Health Units "
            f"(Use of Force) Act 2018), version {rng.randint(2, 5)}",
            published_on=min(reviewed, config.training_start) - _days(rng, 30, 400),
            consultation_held=True,
            last_reviewed_on=reviewed,
            next_review_due=add_months(reviewed, 12),
            sets_out_reduction_steps=True,
            unit_ids=tuple(Identifier(u.id) for u in org.units),
        ),
        rrn_membership=RrnMembership(
            joined_on=min(plan.period.start, config.training_start) - _days(rng, 30, 300),
            action_plan_id=plan.id,
            action_plan_published=True,
        ),
        commissioned_training=tuple(
            CommissionedTraining(
                provider_id=Identifier(org.provider.id),
                course_id=course.id,
                delivery_model=DeliveryModel.PROVIDER_DELIVERED,
                start_date=commissioned_from,
            )
            for course in (org.provider.initial, org.provider.refresher)
        ),
    )


_SCOPE_SETTINGS = tuple(dict.fromkeys(kind.setting for kind in _data.UNIT_KINDS.values()))
_SCOPE_POPULATIONS = tuple(
    dict.fromkeys(p for kind in _data.UNIT_KINDS.values() for p in kind.populations)
)


def _certificate(provider: Provider, number: str, certified_on: dt.date) -> Certification:
    return Certification(
        certificate_number=number,
        certifying_body="BILD ACT",
        certified_on=certified_on,
        expires_on=add_months(certified_on, CERTIFICATE_MONTHS) - DAY,
        accreditation=Accreditation(body=AccreditationBody.UKAS, standard="ISO/IEC 17065:2012"),
        scope=CertificationScope(
            settings=_SCOPE_SETTINGS,
            populations=_SCOPE_POPULATIONS,
            specialist_modules=(
                SpecialistModule.FLOOR_RESTRAINT,
                SpecialistModule.RESTRICTIVE_ESCORT,
                SpecialistModule.RAPID_TRANQUILLISATION_SUPPORT,
            ),
        ),
        affiliates=tuple(provider.affiliates),
    )


def _earlier_certificates(
    provider: Provider, serial: int, config: SynthConfig
) -> tuple[Certification, ...]:
    """Return the certificates before the current one, back to the training records' start.

    Each ran for three years and was renewed the day it ended, so every day of
    training is covered by exactly one certificate.
    """
    earlier: list[Certification] = []
    began = provider.certified_on
    while began > config.training_start:
        began = add_months(began, -CERTIFICATE_MONTHS)
        earlier.append(_certificate(provider, f"ACT-EXAMPLE-{began.year}-{serial:04d}", began))
    return tuple(earlier)


def _provider_document(rng: random.Random, provider: Provider, config: SynthConfig) -> Organisation:
    company = ExternalIdentifier(system="companies-house", value=f"EX{rng.randint(10**5, 10**6)}")
    serial = rng.randint(1, 9999)
    return Organisation(
        id=Identifier(provider.id),
        name=provider.name,
        organisation_type=OrganisationType.TRAINING_PROVIDER,
        identifiers=(company,),
        settings=_SCOPE_SETTINGS,
        populations=_SCOPE_POPULATIONS,
        certification=_certificate(
            provider,
            f"ACT-EXAMPLE-{provider.certified_on.year}-{serial:04d}",
            provider.certified_on,
        ),
        earlier_certifications=_earlier_certificates(provider, serial, config),
    )


# ---------------------------------------------------------------------------
# The whole world
# ---------------------------------------------------------------------------


def build_world(config: SynthConfig, clock_origin: dt.date) -> World:
    """Generate every reference document of a configuration, and the plans behind them."""
    rng = stream(config, "reference")
    gap = stream(config, "reference-gaps")
    offset = rng.randrange(1000)
    providers = _providers(rng, config, offset)
    orgs: list[OrgPlan] = []
    for i in range(config.organisations):
        place_name, code = place(i, offset)
        nhs = rng.random() < 0.75
        slug = place_name.lower().replace(" ", "-")
        org = OrgPlan(
            index=i,
            id=f"org-{slug}-mh" if nhs else f"org-{slug}-hospital",
            code=code,
            slug=slug,
            name=f"{place_name} Mental Health NHS Foundation Trust"
            if nhs
            else f"{place_name} House Independent Hospital",
            short=place_name if nhs else f"{place_name} House",
            nhs=nhs,
            provider=providers[i // 4],
        )
        _units(rng, org)
        _workforce(rng, org, config)
        _schedule(rng, org, config, clock_origin)
        orgs.append(org)
    for provider in providers:
        _senior_trainers(rng, provider, sum(1 for o in orgs if o.provider is provider))
    for org in orgs:
        _lapse(gap, org, config, clock_origin)
        if rng.random() < 0.5:
            _associate(rng, org, config)
        _events(rng, org, config)
        _authorisation_gaps(gap, org, config)
    total_weight = sum(o.weight for o in orgs)
    documents: list[Document] = []
    tnas: list[Document] = []
    plans: list[ActionPlan] = []
    evaluations: list[Document] = []
    for org in orgs:
        per_year = config.incidents / config.years * org.weight / total_weight
        tnas.append(_tna(rng, org, config, per_year))
        plans.append(_action_plan(rng, gap, org, config))
        evaluations += _evaluations(rng, gap, org, config)
    documents += [
        _organisation(rng, org, plan, config) for org, plan in zip(orgs, plans, strict=True)
    ]
    documents += [_provider_document(rng, p, config) for p in providers]
    documents += tnas
    for provider in providers:
        documents += [provider.initial, provider.refresher]
    for provider in providers:
        for plan in provider.trainers:
            documents.append(_trainer_document(rng, plan, provider, None, config))
        for org in orgs:
            if org.provider is provider and org.associate is not None:
                documents.append(_trainer_document(rng, org.associate, provider, org, config))
    for org in orgs:
        documents += org.events
    documents += evaluations
    documents += plans
    return World(config=config, orgs=orgs, providers=providers, documents=documents)
