"""Planning each organisation's units and workforce, and when each member of staff trains.

Units come from the organisation's kind (NHS trust or independent hospital);
the workforce turns over during the period; every member of staff gets a
training schedule that keeps them in date while in post. Planted lapses (staff
who stop attending refreshers) draw from the gaps stream.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterator

from rrnkit.model import Population, Setting, StaffGroup
from rrnkit.model.values import add_months
from rrnkit.synth import _data
from rrnkit.synth._config import SynthConfig
from rrnkit.synth._draw import gap_count, person_name, pick, random_date, random_days
from rrnkit.synth._plans import DAY, OrgPlan, Person, UnitPlan

__all__ = ["NOT_YET_COMPETENT", "plan_lapses", "plan_training", "plan_units", "plan_workforce"]


def _site(rng: random.Random, org: OrgPlan) -> list[str]:
    """Return the kinds of unit on one hospital site of the organisation, in planning order."""
    if org.nhs:
        acute = ["acute-mixed", "acute-female", "acute-male"]
        keys = [pick(rng, acute) for _ in range(rng.randint(2, 4))] + ["picu"]
        return keys + [key for key, chance in _data.NHS_TRUST_UNITS if rng.random() < chance]
    return rng.sample(_data.INDEPENDENT_UNITS, rng.randint(2, 4))


def _ward_names(rng: random.Random) -> Iterator[str]:
    """Yield distinct ward names: every name once in a random order, then numbered again."""
    names = rng.sample(_data.WARD_NAMES, len(_data.WARD_NAMES))
    yield from names
    for round_ in itertools.count(2):
        yield from (f"{name} {round_}" for name in names)


def _sized_units(
    rng: random.Random, org: OrgPlan, beds: float
) -> Iterator[tuple[int, _data.UnitKind, int]]:
    """Yield (site, kind, beds) of units, site by site, until the beds are nearest ``beds``."""
    total = 0
    for site in itertools.count():
        for key in _site(rng, org):
            kind = _data.UNIT_KINDS[key]
            size = rng.randint(*kind.beds)
            if total and total + size / 2 > beds:
                return
            total += size
            yield site, kind, size


def plan_units(rng: random.Random, org: OrgPlan, beds: float) -> None:
    """Give the organisation units with about ``beds`` beds, and the settings and populations.

    Units come a hospital site at a time (an NHS trust's acute wards, PICU and
    some specialist units; an independent hospital's few specialist units)
    until the beds are nearest ``beds``; an organisation has at least one unit.
    """
    names = _ward_names(rng)
    for site, kind, size in _sized_units(rng, org, beds):
        ward = next(names)
        org.units.append(
            UnitPlan(
                org=org,
                index=len(org.units),
                id=f"ward-{ward.lower().replace(' ', '-')}",
                kind=kind,
                name=kind.label.format(n=ward),
                short=kind.short.format(n=ward),
                beds=size,
                site=site,
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


def plan_workforce(rng: random.Random, org: OrgPlan, config: SynthConfig) -> None:
    """Fill every post with staff who come and go over the period, and assign them to units."""
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
        start = t0 - random_days(rng, 60, 365 * 14)
        while True:
            person = Person(
                number=len(people),
                name=person_name(rng, doctor=role.group is StaffGroup.MEDICAL),
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
            start = leave + random_days(rng, 14, 90)
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


def plan_training(
    rng: random.Random, org: OrgPlan, config: SynthConfig, clock_origin: dt.date
) -> None:
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
            wanted = random_date(rng, config.training_start, first_deadline)
        else:
            wanted = person.start + random_days(rng, 7, 30)
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
                wanted = finish + random_days(rng, 270, 300)
                k += 1
            else:
                wanted = finish + DAY
            retake = not competent
        passed = [t for t in person.trainings if t[3]]
        if passed:
            person.elig_from = (passed[0][1] - clock_origin).days
        if person.end is not None:
            person.elig_until = (person.end - clock_origin).days


def plan_lapses(
    gap: random.Random, org: OrgPlan, config: SynthConfig, clock_origin: dt.date
) -> None:
    """Plant lapsed training: some long-serving staff stop attending refreshers."""
    candidates = [
        p
        for p in org.people
        if p.force and p.end is None and p.start < config.training_start and p.trainings
    ]
    low = config.start - dt.timedelta(days=183)
    high = add_months(config.end, -13)
    for person in gap.sample(candidates, gap_count(len(candidates), config.gap_share)):
        cutoff = random_date(gap, low, high) if high > low else high
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
