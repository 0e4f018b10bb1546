"""Planning providers, their trainers, associate trainers and the training events.

Each certified provider serves up to four organisations with senior trainers;
half the organisations become approved affiliates with an associate trainer
of their own. Events group the staff trained on the same day, two trainers
each. Planted gaps in trainers' authorisations draw from the gaps stream.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from rrnkit.model import (
    AffiliateArrangement,
    Attendance,
    CompetenceOutcome,
    DeliveryModel,
    Identifier,
    Learner,
    SpecialistModule,
    TrainingEvent,
)
from rrnkit.model.values import add_months
from rrnkit.synth import _data
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._courses import courses
from rrnkit.synth._draw import gap_count, person_name, pick, place, random_date, random_days
from rrnkit.synth._plans import CERTIFICATE_MONTHS, DAY, OrgPlan, Person, Provider, TrainerPlan

__all__ = [
    "MAX_LEARNERS",
    "plan_associate",
    "plan_authorisation_gaps",
    "plan_events",
    "plan_providers",
    "plan_senior_trainers",
]

MAX_LEARNERS = 12
"""Two trainers at the courses' 1:6 ratio."""


def plan_providers(rng: random.Random, config: SynthConfig, offset: int) -> list[Provider]:
    """Return the certified providers, one for every four organisations, with their courses."""
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
                name=f"{place_name} {pick(rng, _data.PROVIDER_BRANDS)}",
                initial=initial,
                refresher=refresher,
                certified_on=_certified_on(rng, config),
            )
        )
    return providers


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
        return random_date(rng, max(earliest, latest - dt.timedelta(days=500)), latest)
    return earliest + random_days(rng, 0, 60)


def plan_senior_trainers(rng: random.Random, provider: Provider, orgs_served: int) -> None:
    """Give the provider enough senior trainers for the organisations it serves."""
    for n in range(1, 3 + 2 * orgs_served):
        provider.trainers.append(
            TrainerPlan(
                id=f"trainer-{provider.code}-{n:03d}",
                name=person_name(rng),
                associate=False,
                qualification=pick(rng, _data.TRAINER_QUALIFICATIONS),
            )
        )


def plan_associate(rng: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    """Make the organisation an approved affiliate with its own associate trainer."""
    approved = config.training_start + random_days(rng, 90, 240)
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
        authorised_from=approved + random_days(rng, 10, 30),
    )
    org.provider.affiliates.append(
        AffiliateArrangement(
            organisation_id=Identifier(org.id), name=org.name, approved_on=approved
        )
    )


def plan_events(rng: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    """Group the organisation's planned trainings into events, each with two free trainers."""
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


def plan_authorisation_gaps(gap: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    """Plant events delivered by a trainer whose authorisation had lapsed."""
    by_id = {t.id: t for t in org.provider.trainers}
    events = [e for e in org.events if e.trainer_ids[0] in by_id]
    for event in gap.sample(events, gap_count(len(events), config.gap_share)):
        trainer = by_id[event.trainer_ids[0]]
        trainer.holes.append(
            (
                event.course_id,
                event.start_date - random_days(gap, 1, 10),
                event.end_date + random_days(gap, 1, 10),
            )
        )
