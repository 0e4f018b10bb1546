"""Incidents, generated lazily as JSON-ready dicts in the exact form ``rrnkit.convert.dump`` writes.

Each incident is drawn in three steps. The plan takes every draw from the
incident stream (time, unit, patient, scenario, durations, staff, wording), so
the stream stays aligned whatever happens next; a planted gap then changes
the plan with draws from its own stream; rendering only formats. Times are
drawn in order (sorted uniforms mapped through a day and hour profile), so
ids count up through each organisation's year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections.abc import Callable, Iterator
from typing import Any

from rrnkit.model import StaffGroup, nhs_number_check_digit
from rrnkit.model.values import add_months
from rrnkit.synth import _data, _scenarios
from rrnkit.synth._clock import DAY, Clock
from rrnkit.synth._draw import stream
from rrnkit.synth._plans import NEVER, OrgPlan, Person, UnitPlan
from rrnkit.synth._world import World

SURNAMES = _data.SURNAMES

HOUR_WEIGHTS = (
    2.0, 1.5, 1.2, 1.0, 0.8, 0.8, 1.2, 2.0, 3.0, 3.5, 4.0, 4.5,
    5.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.0, 7.0, 6.5, 6.0, 4.5, 3.0,
)  # fmt: skip
"""Relative incident rate by local hour: low overnight, peaking late afternoon and evening."""

WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.02, 0.95, 0.93)
"""Relative incident rate Monday to Sunday."""

YEARLY_TREND = -0.08
"""Change in the incident rate per year: services are reducing restraint."""

PHYSICAL = frozenset({"01", "07", "08", "09", "10", "11", "12", "13"})

GAP_KINDS = (
    ("record-items", 4.0),
    ("manual-over-10", 3.0),
    ("prone-over-10", 1.5),
    ("no-debrief", 1.5),
    ("late-debrief", 0.5),
    ("late-review", 1.0),
    ("rt-observations", 1.0),
    ("rights-not-given", 0.5),
    ("lapsed-staff", 1.5),
)
"""Compliance gaps planted in incidents, with relative weights."""

_NOTHING: frozenset[str] = frozenset()

RECORD_ITEMS = (
    "reason",
    "outcome",
    "notification",
    "job_title",
    "care_plan",
    "ld_autism",
    "autism_not_known",
)
"""Use of Force Act s.6(5) items a gap may leave out (or, for autism, record as not known)."""

CHARACTERISTICS = (
    "age",
    "disability",
    "gender-reassignment",
    "marriage-or-civil-partnership",
    "pregnancy-or-maternity",
    "race",
    "religion-or-belief",
    "sex",
    "sexual-orientation",
)
"""The nine relevant characteristics (s.6(5)(k)); a record marks those it does not state
as not known."""

MONITORING_RISKS = (
    ("asleep-or-sedated", 0.5),
    ("pre-existing-physical-health-problem", 0.2),
    ("illicit-drugs-or-alcohol", 0.15),
    ("bnf-maximum-exceeded", 0.1),
    ("harmed-by-restrictive-intervention", 0.05),
)
"""NICE NG10's higher-risk circumstances after rapid tranquillisation, with relative weights."""

RIGHTS_REFUSED = 0.03
"""Share of admissions where the patient refused information about their rights (s.4)."""

DISORDER_NOT_KNOWN = 0.01
"""Share of patients whose mental disorder the record states is not known (s.6(5)(j))."""

NOBODY_TO_NOTIFY = 0.15
"""Share of patients whose care plan names no one to be notified of a use of force."""

HIGHER_RISK_SHARE = 0.35
"""Share of rapid tranquillisations after which a higher-risk circumstance applies."""

SERIOUS_INJURY_SHARE = 0.05
"""Share of incidents with an injured patient where the injury is serious (then investigated)."""

INVESTIGATION_GUIDANCE = "Patient Safety Incident Response Framework (NHS England, 2022)"
"""The investigation guidance a serious-injury investigation names."""

Rand = Callable[[], float]


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _table(weights: list[float]) -> tuple[list[float], float]:
    """Return cumulative weights ending in infinity (so a draw never falls off) and the total."""
    cum = _cumulative(weights)
    total = cum[-1]
    cum[-1] = math.inf
    return cum, total


def _duration(kind: str, rng: random.Random) -> int:
    """Draw an intervention's length in minutes; physical holds stay within 10 minutes."""
    r = rng.random
    if kind == "brief":
        return 1 + int(r() * 4)
    if kind == "hold":
        return 2 + int(7.99 * r() ** 1.5)
    if kind == "escort":
        return 2 + int(6.99 * r())
    if kind == "floor":
        return 2 + int(7.99 * r() ** 1.3)
    if kind == "prone":
        return 1 + int(3.99 * r())
    if kind == "inject":
        return 1
    if kind == "oral":
        return 1 + int(2.99 * r())
    if kind == "seclusion":
        return min(72 * 60, 45 + int(200 * math.exp(0.9 * rng.gauss(0.0, 1.0))))
    if kind == "mechanical":
        return 10 + int(35 * r())
    if kind == "segregation":
        return DAY * (2 + int(8 * r())) + int(r() * DAY)
    raise ValueError(f"unknown duration kind {kind!r}")


_RISK_CUM, _RISK_TOTAL = _table([w for _, w in MONITORING_RISKS])


def _rt_monitoring(r: Rand) -> tuple[tuple[str, ...], list[int]]:
    """Draw the higher-risk circumstances after rapid tranquillisation and the observations.

    Observations, in minutes from the injection, come every 10 to 15 minutes when
    a higher-risk circumstance applies and every 40 to 60 minutes otherwise, for
    one to three or four hours; the last is when staff judged there were no
    further concerns.
    """
    if r() < HIGHER_RISK_SHARE:
        first = bisect.bisect_right(_RISK_CUM, r() * _RISK_TOTAL)
        chosen = {first}
        if r() < 0.2:
            chosen.add(bisect.bisect_right(_RISK_CUM, r() * _RISK_TOTAL))
        risks = tuple(MONITORING_RISKS[i][0] for i in sorted(chosen))
        interval, length = 15, 60 + int(r() * 120)
    else:
        risks, interval, length = (), 60, 60 + int(r() * 180)
    low = interval * 2 // 3
    observations: list[int] = []
    t = 0
    while t < length:
        t += low + int(r() * (interval - low + 1))
        observations.append(t)
    return risks, observations


def _within_manual_limit(steps: list[_Step]) -> None:
    """Shorten holds so each continuous manual restraint, across positions, lasts 10 minutes.

    Physical interventions that start within a minute of the end of the restraint
    so far are one episode (as NICE-MANUAL-RESTRAINT-DURATION times them); the
    longest hold of an episode over the limit loses a minute until it fits.
    """
    while True:
        m = 0
        episodes: list[tuple[int, int, list[_Step]]] = []
        for n, step in enumerate(steps):
            if n:
                m += step.pause
            end = m + step.minutes
            if step.type in PHYSICAL:
                if episodes and m <= episodes[-1][1] + 1:
                    first, last, members = episodes[-1]
                    episodes[-1] = (first, max(last, end), [*members, step])
                else:
                    episodes.append((m, end, [step]))
            m = end
        over = [members for first, last, members in episodes if last - first > MANUAL_LIMIT]
        if not over:
            return
        longest = max(over[0], key=lambda s: s.minutes)
        if longest.minutes <= 1:
            return
        longest.minutes -= 1


MANUAL_LIMIT = 10
"""Longest continuous manual restraint, in minutes, when no gap is planted (NICE NG10)."""


class _Patient:
    """A patient as every record of them repeats it."""

    __slots__ = (
        "autism", "born", "born_md", "born_year", "chars", "disorder", "learning_disability",
        "local_id", "name", "nhs_number", "not_known", "notify", "rights", "spell",
    )  # fmt: skip

    name: str
    nhs_number: str
    local_id: str
    born: str
    born_year: int
    born_md: int
    disorder: str | None
    chars: list[tuple[str, str]]
    not_known: list[str]
    """Relevant characteristics other than age the record does not state (not known)."""
    learning_disability: str
    autism: str
    notify: bool
    """Whether the care plan names someone to be notified of a use of force."""
    rights: str | None
    """Date (ISO) the patient was given information about their rights; None if refused."""
    spell: str

    def __init__(self, **values: Any) -> None:
        for key, value in values.items():
            setattr(self, key, value)

    def again(self, spell: str, rights: str | None) -> _Patient:
        """Return the same patient readmitted under a new spell, told their rights again."""
        values = {key: getattr(self, key) for key in self.__slots__}
        values["spell"] = spell
        values["rights"] = rights
        return _Patient(**values)


class _Pool:
    """The patients restrained on one unit in one year; a few account for most incidents."""

    __slots__ = ("cum", "patients", "total")

    def __init__(self, patients: list[_Patient]) -> None:
        self.patients = patients
        self.cum, self.total = _table([1.0 / (k + 1) ** 1.1 for k in range(len(patients))])


class _Unit:
    """A unit as the incident generator sees it."""

    __slots__ = (
        "first_lapse", "force", "observers", "org", "others", "plan", "pools", "scenario_cum",
        "scenario_total", "scenarios",
    )  # fmt: skip

    def __init__(self, plan: UnitPlan) -> None:
        self.plan = plan
        self.org: OrgPlan = plan.org
        self.force = plan.force
        self.observers = plan.observers
        # Responders come from the other units on the same hospital site.
        self.others = [
            p for u in plan.org.units if u is not plan and u.site == plan.site for p in u.force
        ]
        weights = []
        self.scenarios = []
        for scenario in _scenarios.SCENARIOS:
            boost = (scenario.boost or {}).get(plan.kind.key, 1.0)
            if boost > 0:
                self.scenarios.append(scenario)
                weights.append(scenario.weight * boost)
        self.scenario_cum, self.scenario_total = _table(weights)
        self.pools: list[_Pool] = []
        involved = [*self.force, *self.others, *self.observers, *plan.org.security]
        self.first_lapse = min((p.lapse_from for p in involved), default=NEVER)


def _eligible(person: Person, day: int) -> bool:
    return person.elig_from <= day <= person.elig_until


def _draw(pool: list[Person], day: int, chosen: list[Person], r: Rand) -> Person | None:
    """Pick someone in post and trained on ``day``, not already chosen."""
    n = len(pool)
    if n == 0:
        return None
    for _ in range(24):
        person = pool[int(r() * n)]
        if person.elig_from <= day <= person.elig_until and person not in chosen:
            return person
    for person in pool:
        if person.elig_from <= day <= person.elig_until and person not in chosen:
            return person
    return None


class Incidents:
    """The lazily generated incidents of one configuration."""

    def __init__(self, world: World, clock: Clock) -> None:
        """Prepare the tables; nothing is drawn per incident until iteration."""
        config = world.config
        self.config = config
        self.clock = clock
        self.count = config.incidents
        self.gaps_wanted = round(config.incidents * config.gap_share)
        units = [_Unit(u) for org in world.orgs for u in org.units]
        self.units = units
        self.unit_cum, self.unit_total = _table([u.plan.beds * u.plan.kind.rate for u in units])
        self._patients(stream(config, "patients"))
        days = (config.end - config.start).days + 1
        day_weights = []
        self.day_year: list[int] = []
        self.day_md: list[int] = []
        self.day_pool: list[int] = []
        boundaries = [add_months(config.start, 12 * y) for y in range(1, config.years + 1)]
        for d in range(days):
            day = config.start + dt.timedelta(days=d)
            trend = max(0.2, 1.0 + YEARLY_TREND * d / 365.25)
            day_weights.append(trend * WEEKDAY_WEIGHTS[day.weekday()])
            self.day_year.append(day.year)
            self.day_md.append(day.month * 100 + day.day)
            self.day_pool.append(bisect.bisect_right(boundaries, day))
        total = sum(day_weights)
        self.day_w = [w / total for w in day_weights]
        self.day_cum = [c / total for c in _cumulative(day_weights)]
        hour_total = sum(HOUR_WEIGHTS)
        self.hour_w = [w / hour_total for w in HOUR_WEIGHTS]
        self.hour_cum = [c / hour_total for c in _cumulative(list(HOUR_WEIGHTS))]

    def _patients(self, rng: random.Random) -> None:
        """Make each unit's yearly pools of patients (some readmitted the next year)."""
        config = self.config
        next_nhs = rng.randrange(0, 400_000)
        local: dict[str, int] = {}
        spells: dict[tuple[str, int], int] = {}
        ethnicities = [e for e, _ in _data.ETHNICITIES]
        ethnicity_cum = _cumulative([float(w) for _, w in _data.ETHNICITIES])

        def nhs_number() -> str:
            nonlocal next_nhs
            while True:
                first_nine = f"999{next_nhs % 1_000_000:06d}"
                next_nhs += 1
                check = nhs_number_check_digit(first_nine)
                if check is not None:
                    return f"{first_nine}{check}"

        def spell(org: OrgPlan, year: int) -> str:
            key = (org.code, year)
            spells[key] = spells.get(key, 0) + 1
            return f"HPS-{org.code.upper()}-{year % 100:02d}{spells[key]:04d}"

        def rights(year_start: dt.date) -> str | None:
            # Told on admission (a few days later for some), before the year's incidents.
            if rng.random() < RIGHTS_REFUSED:
                return None
            admitted = year_start - dt.timedelta(days=rng.randint(8, 300))
            later = rng.randint(1, 7) if rng.random() < 0.25 else 0
            return (admitted + dt.timedelta(days=later)).isoformat()

        for unit in self.units:
            kind = unit.plan.kind
            org = unit.org
            previous: list[_Patient] = []
            for y in range(config.years):
                year_start = add_months(config.start, 12 * y)
                size = max(4, round(unit.plan.beds * kind.pool * rng.uniform(0.8, 1.2)))
                patients = [
                    p.again(spell(org, year_start.year), rights(year_start))
                    for p in previous[: size // 3]
                    if rng.random() < 0.4
                ]
                while len(patients) < size:
                    local[org.code] = local.get(org.code, 0) + 1
                    if kind.sex == "X":
                        sex = "Male" if rng.random() < 0.6 else "Female"
                    else:
                        sex = "Female" if kind.sex == "F" else "Male"
                    age = rng.randint(kind.ages[0], kind.ages[1] - 1)
                    born = year_start - dt.timedelta(days=age * 365 + rng.randint(0, 364))
                    ethnicity = ethnicities[
                        bisect.bisect_right(ethnicity_cum, rng.random() * ethnicity_cum[-1])
                    ]
                    u = rng.random()
                    ld = "yes" if u < kind.learning_disability else "no"
                    u = rng.random()
                    autism = "yes" if u < kind.autism else "no"
                    chars = [("sex", sex), ("race", ethnicity)]
                    if ld == "yes":
                        chars.append(("disability", "Learning disability"))
                    elif autism == "yes":
                        chars.append(("disability", "Autism"))
                    if rng.random() < 0.3:
                        chars.append(("religion-or-belief", rng.choice(_data.RELIGIONS)))
                    if rng.random() < 0.08:
                        chars.append(("sexual-orientation", rng.choice(_data.ORIENTATIONS)))
                    chars.sort(key=lambda c: CHARACTERISTICS.index(c[0]))
                    stated = {c for c, _ in chars}
                    disorder: str | None = rng.choice(_data.DISORDERS[kind.disorders])
                    if rng.random() < DISORDER_NOT_KNOWN:
                        disorder = None
                    patients.append(
                        _Patient(
                            name=f"{rng.choice(_data.GIVEN_NAMES)} {rng.choice(_data.SURNAMES)}",
                            nhs_number=nhs_number(),
                            local_id=f"{org.code.upper()}-P{local[org.code]:05d}",
                            born=born.isoformat(),
                            born_year=born.year,
                            born_md=born.month * 100 + born.day,
                            disorder=disorder,
                            chars=chars,
                            not_known=[
                                c for c in CHARACTERISTICS if c != "age" and c not in stated
                            ],
                            learning_disability=ld,
                            autism=autism,
                            notify=rng.random() >= NOBODY_TO_NOTIFY,
                            rights=rights(year_start),
                            spell=spell(org, year_start.year),
                        )
                    )
                unit.pools.append(_Pool(patients))
                previous = patients

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Yield every incident, in time order, as JSON-ready data."""
        rng = stream(self.config, "incidents")
        gap_rng = stream(self.config, "incident-gaps")
        r = rng.random
        n = self.count
        wanted = self.gaps_wanted
        chosen = 0
        x = 0.0
        ids: dict[tuple[str, int], int] = {}
        day_cum, day_w = self.day_cum, self.day_w
        hour_cum, hour_w = self.hour_cum, self.hour_w
        last_day = len(day_cum) - 1
        for i in range(n):
            # The least of the n - i uniforms above x: n sorted uniforms, drawn in order.
            x = 1.0 - (1.0 - x) * r() ** (1.0 / (n - i))
            d = min(bisect.bisect_right(day_cum, x), last_day)
            f = min(max((x - (day_cum[d - 1] if d else 0.0)) / day_w[d], 0.0), 0.999999)
            h = min(bisect.bisect_right(hour_cum, f), 23)
            within = (f - (hour_cum[h - 1] if h else 0.0)) / hour_w[h]
            minute = min(max(int(within * 60), 0), 59)
            plan = self._plan(rng, d, h * 60 + minute)
            if wanted > chosen and gap_rng.random() * (n - i) < wanted - chosen:
                chosen += 1
                self._gap(plan, gap_rng)
            org = plan.unit.org
            year = self.day_year[d]
            key = (org.code, year)
            ids[key] = ids.get(key, 0) + 1
            yield self._render(plan, f"inc-{org.code}-{year}-{ids[key]:05d}")

    # ------------------------------------------------------------------ plan

    def _plan(self, rng: random.Random, d: int, minute_of_day: int) -> _Plan:
        r = rng.random
        unit = self.units[bisect.bisect_right(self.unit_cum, r() * self.unit_total)]
        pool = unit.pools[self.day_pool[d]]
        patient = pool.patients[bisect.bisect_right(pool.cum, r() * pool.total)]
        scenario = unit.scenarios[bisect.bisect_right(unit.scenario_cum, r() * unit.scenario_total)]
        day = d + 1  # the clock's day number of the local date
        planned = r() < 0.8
        steps: list[_Step] = []
        has_rt = False
        for step in scenario.steps:
            code = step.type
            minutes = _duration(step.duration, rng)
            pause = 1 + int(r() * 3) if steps and (code == "05" or code == "06") else 0
            descriptions = step.descriptions
            description = descriptions[int(r() * len(descriptions))]
            observations: list[int] | None = None
            risks: tuple[str, ...] = ()
            if code in PHYSICAL:
                patient_hurt = r() < 0.03
                staff_hurt = r() < 0.04
            else:
                patient_hurt = staff_hurt = False
                if code == "14":
                    has_rt = True
                    risks, observations = _rt_monitoring(r)
            step_ = _Step(
                code,
                minutes,
                pause,
                description,
                planned and code != "01",
                patient_hurt,
                staff_hurt,
                observations,
            )
            step_.risks = risks
            steps.append(step_)
        _within_manual_limit(steps)
        serious = any(s.patient_injured for s in steps) and r() < SERIOUS_INJURY_SHARE
        # Staff: force users from the unit, sometimes a responder, plus observers.
        force_count = scenario.min_force + (r() < 0.2) + (r() < 0.05)
        if force_count > 4:
            force_count = 4
        u = r()
        observer_count = 0 if u < 0.6 else (1 if u < 0.97 else 2)
        if has_rt and observer_count == 0:
            observer_count = 1
        if observer_count > 4 - force_count:
            observer_count = 4 - force_count
        people: list[Person] = []
        for _ in range(force_count):
            person = _draw(unit.force, day, people, r)
            if person is not None:
                people.append(person)
        staff = [_Staff(p, True, True, None) for p in people]
        u = r()
        responder_reason = _scenarios.NON_UNIT_REASONS[int(r() * 2)]
        if u < 0.07 and len(staff) > 1:
            person = _draw(unit.others, day, people, r)
            if person is not None:
                people.append(person)
                staff[-1] = _Staff(person, True, False, responder_reason)
        elif u < 0.09 and len(staff) < 4:
            person = _draw(unit.org.security, day, people, r)
            if person is not None:
                people.append(person)
                staff.append(_Staff(person, True, False, _scenarios.SECURITY_REASONS[0]))
        police = r() < 0.004
        for _ in range(observer_count):
            person = _draw(unit.observers, day, people, r)
            if person is not None:
                people.append(person)
                staff.append(_Staff(person, False, True, None))
        if police:
            staff.append(_Staff(None, True, False, _scenarios.POLICE_REASONS[0]))
        police_name = f"PC {SURNAMES[int(r() * len(SURNAMES))]}"
        # Choose the wording and the record's timings.
        # The scenario's first effort (verbal de-escalation, mostly) and one to three more.
        techniques = scenario.techniques
        others = len(techniques) - 1
        first = int(r() * others)
        more = min(others, 1 + int(r() * 3))
        chosen = [0, *sorted(1 + (first + j) % others for j in range(more))]
        rooms = scenario.rooms
        details = scenario.details
        efforts = scenario.efforts
        outcomes = scenario.outcomes
        u = r()
        plan = _Plan(
            unit,
            patient,
            scenario,
            d,
            self.clock.utc_minute(day * DAY + minute_of_day),
            steps,
            staff,
            police_name,
            f"{unit.plan.short} {rooms[int(r() * len(rooms))]}",
            details[int(r() * len(details))],
            [techniques[j] for j in chosen],
            efforts[int(r() * len(efforts))],
            outcomes[int(r() * len(outcomes))],
            15 + int(r() * 150),
            "yes" if u < 0.95 else "no",
            r(),
            30 + int(r() * 1380),
            _scenarios.DECLINED_PATIENT_DEBRIEF[int(r() * 3)],
            r(),
            15 + int(r() * 100),
        )
        plan.patient_offer_lead = int(r() * 180)
        plan.review_after = 4 * 60 + int(r() * 66 * 60)
        plan.review_external = r() < 0.3
        plan.investigation_days = 1 + int(r() * 9) if serious else -1
        return plan

    # ------------------------------------------------------------------ gaps

    def _gap(self, plan: _Plan, rng: random.Random) -> None:
        """Plant one compliance gap (falling back to missing record items)."""
        r = rng.random
        total = sum(w for _, w in GAP_KINDS)
        u = r() * total
        kind = GAP_KINDS[-1][0]
        for name, weight in GAP_KINDS:
            if u < weight:
                kind = name
                break
            u -= weight
        steps = plan.steps
        physical = [s for s in steps if s.type in PHYSICAL and s.type != "01"]
        if kind == "manual-over-10" and physical:
            physical[int(r() * len(physical))].minutes = min(60, 11 + int(rng.expovariate(1 / 7)))
            return
        if kind == "prone-over-10":
            long = min(30, 11 + int(rng.expovariate(1 / 5)))
            text = _scenarios.PRONE_LONG_DESCRIPTIONS[int(r() * 2)]
            prone = [s for s in steps if s.type == "01"]
            floor = [s for s in steps if s.type in ("09", "10")]
            target = prone[0] if prone else (floor[0] if floor else None)
            if target is not None:
                target.type, target.minutes, target.description = "01", long, text
                target.planned = False
                return
            if physical:
                at = steps.index(physical[0]) + 1
                steps.insert(at, _Step("01", long, 0, text, False, False, False, None))
                return
        if kind == "no-debrief":
            plan.patient_debrief = -1.0
            return
        if kind == "late-debrief":
            plan.staff_debrief = 0.0
            plan.staff_debrief_after = 25 * 60 + int(r() * 47 * 60)
            return
        if kind == "late-review":
            if r() < 0.5:
                plan.review_after = 73 * 60 + int(r() * 96 * 60)
            else:
                plan.review_after = -1
                plan.review_reason = _scenarios.REVIEW_NOT_HELD[int(r() * 2)]
            return
        if kind == "rt-observations":
            for step in steps:
                observations = step.observations
                if observations is not None:
                    # One observation, then none until well past the interval the risks set.
                    interval = 15 if step.risks else 60
                    late = observations[0] + interval + 5 + int(r() * interval)
                    step.observations = [observations[0], late]
                    return
        if kind == "rights-not-given":
            plan.rights_not_given = True
            return
        if kind == "lapsed-staff" and self._lapsed(plan, rng):
            return
        items = [i for i in RECORD_ITEMS if plan.patient.notify or i != "notification"]
        rng.shuffle(items)
        plan.missing = frozenset(items[: 1 + int(r() * 3)])

    def _lapsed(self, plan: _Plan, rng: random.Random) -> bool:
        """Put a member of staff whose training has lapsed into the incident."""
        day = plan.day
        involved = [s.person for s in plan.staff]
        users = [i for i, s in enumerate(plan.staff) if s.used_force and s.unit_staff]
        lapsed = [
            p for p in plan.unit.force if p.lapse_from < day <= p.elig_until and p not in involved
        ]
        if not users or not lapsed:
            return False
        person = lapsed[int(rng.random() * len(lapsed))]
        plan.staff[users[-1]] = _Staff(person, True, True, None, lapsed=True)
        return True

    # ------------------------------------------------------------------ render

    def _render(self, plan: _Plan, ident: str) -> dict[str, Any]:
        render = self.clock.render
        unit = plan.unit
        org = unit.org
        patient = plan.patient
        missing = plan.missing
        # Leave out anyone whose training lapsed unless the gap put them there on purpose.
        staff = self._in_date(plan)
        interventions = []
        m = plan.start
        started = render(m)
        ended = started
        for n, step in enumerate(plan.steps, 1):
            if n > 1:
                m += step.pause
                started = ended if not step.pause else render(m)
            end = m + step.minutes
            ended = render(end)
            intervention: dict[str, Any] = {
                "id": f"ri{n}",
                "type": step.type,
                "start": started,
                "end": ended,
                "in_care_plan": step.planned,
                "description": step.description,
                "pain_inducing": False,
                "injuries": {
                    "patient": step.patient_injured,
                    "staff": step.staff_injured,
                    "other_person": False,
                },
            }
            observations = step.observations
            if observations is not None:
                intervention["vital_signs_observations"] = [render(m + t) for t in observations]
                intervention["monitoring_risks_assessed"] = True
                if step.risks:
                    intervention["monitoring_risks"] = list(step.risks)
                intervention["no_further_concerns_at"] = render(m + observations[-1])
            if n == 1 and "care_plan" in missing:
                del intervention["in_care_plan"]
            interventions.append(intervention)
            m = end
        finish = m
        d = plan.d
        md = self.day_md[d]
        age = self.day_year[d] - patient.born_year - (md < patient.born_md)
        characteristics = [{"characteristic": "age", "value": str(age)}]
        characteristics += [{"characteristic": c, "value": v} for c, v in patient.chars]
        patient_data: dict[str, Any] = {
            "name": patient.name,
            "nhs_number": patient.nhs_number,
            "local_id": patient.local_id,
            "date_of_birth": patient.born,
        }
        if patient.disorder is not None:
            patient_data["mental_disorder"] = patient.disorder
        patient_data["mental_disorder_not_known"] = patient.disorder is None
        patient_data["characteristics"] = characteristics
        patient_data["characteristics_not_known"] = list(patient.not_known)
        if plan.rights_not_given:
            patient_data["rights_information"] = {"refused": False}
        elif patient.rights is None:
            patient_data["rights_information"] = {"refused": True}
        else:
            patient_data["rights_information"] = {"given_on": patient.rights, "refused": False}
        patient_data["learning_disability"] = patient.learning_disability
        patient_data["autism"] = patient.autism
        if "ld_autism" in missing:
            del patient_data["learning_disability"]
        if "autism_not_known" in missing:
            patient_data["autism"] = "not-known"
        staff_data = []
        recorder = None
        for s in staff:
            person = s.person
            entry: dict[str, Any]
            if person is None:
                entry = {"name": plan.police_name, "job_title": "Police Constable"}
            else:
                entry = {
                    "staff_id": person.staff_id,
                    "name": person.name,
                    "job_title": person.title,
                }
                if (
                    recorder is None
                    and s.unit_staff
                    and person.group is StaffGroup.REGISTERED_NURSE
                ):
                    recorder = person.staff_id
            entry["used_force"] = s.used_force
            entry["unit_staff"] = s.unit_staff
            if s.reason is not None:
                entry["non_unit_reason"] = s.reason
            staff_data.append(entry)
        if "job_title" in missing:
            for entry in staff_data:
                if entry["used_force"] and "staff_id" in entry:
                    del entry["job_title"]
                    break
        if recorder is None:
            recorder = next(
                (e["staff_id"] for e in staff_data if "staff_id" in e and e["unit_staff"]), None
            )
        scenario = plan.scenario
        outcome = plan.outcome
        if "{seclusion}" in outcome:
            seclusion = sum(s.minutes for s in plan.steps if s.type == "05")
            hours, minutes = divmod(seclusion, 60)
            outcome = outcome.replace(
                "{seclusion}",
                f"{hours} hour{'s' if hours != 1 else ''} {minutes} minutes"
                if hours
                else f"{minutes} minutes",
            )
        data: dict[str, Any] = {
            "kind": "incident",
            "schema_version": "1.0",
            "id": ident,
            "organisation_id": org.id,
            "unit_id": unit.plan.id,
            "location": plan.location,
            "hospital_provider_spell_id": patient.spell,
            "recorded_at": render(finish + plan.recorded_after),
        }
        if recorder is not None:
            data["recorded_by"] = recorder
        data["start"] = interventions[0]["start"]
        data["end"] = ended
        if "reason" not in missing:
            data["reason"] = scenario.reason
            data["reason_detail"] = plan.detail
        data["interventions"] = interventions
        data["negligible"] = False
        data["patient"] = patient_data
        data["staff"] = staff_data
        data["de_escalation"] = plan.techniques
        data["de_escalation_detail"] = plan.effort
        if "outcome" not in missing:
            data["outcome"] = outcome
        data["death_or_serious_injury"] = plan.investigation_days >= 0
        if patient.notify:
            if "notification" not in missing:
                data["care_plan_notification_sent"] = plan.notification
            data["care_plan_names_someone_to_notify"] = True
        else:
            data["care_plan_names_someone_to_notify"] = False
        u = plan.patient_debrief
        after = plan.patient_debrief_after
        if u < 0:
            data["patient_debrief"] = {"offered": False, "held": False}
        elif u < 0.84:
            data["patient_debrief"] = {
                "offered": True,
                "offered_at": render(finish + after - min(after, plan.patient_offer_lead)),
                "held": True,
                "held_at": render(finish + after),
            }
        else:
            data["patient_debrief"] = {
                "offered": True,
                "offered_at": render(finish + after),
                "held": False,
                "reason_not_held": plan.patient_reason,
            }
        after = plan.staff_debrief_after
        if plan.staff_debrief < 0.96:
            data["staff_debrief"] = {
                "offered": True,
                "offered_at": render(finish + after - min(after, 10)),
                "held": True,
                "held_at": render(finish + after),
            }
        else:
            data["staff_debrief"] = {
                "offered": True,
                "offered_at": render(finish + after),
                "held": False,
                "reason_not_held": _scenarios.DECLINED_STAFF_DEBRIEF[0],
            }
        if plan.review_after >= 0:
            data["post_incident_review"] = {
                "held": True,
                "held_at": render(finish + plan.review_after),
                "external": plan.review_external,
            }
        else:
            data["post_incident_review"] = {"held": False, "reason_not_held": plan.review_reason}
        if plan.investigation_days >= 0:
            data["investigation"] = {
                "reference": f"PSII-{ident.removeprefix('inc-').upper()}",
                "commissioned_on": self.clock.dates[plan.day + plan.investigation_days],
                "guidance": INVESTIGATION_GUIDANCE,
            }
        return data

    def _in_date(self, plan: _Plan) -> list[_Staff]:
        """Swap out staff whose planted lapse has begun, unless the gap chose them."""
        day = plan.day
        staff = plan.staff
        if day < plan.unit.first_lapse:
            return staff
        if not any(
            s.person is not None and s.person.lapse_from <= day and not s.lapsed for s in staff
        ):
            return staff
        involved = [s.person for s in staff]
        kept: list[_Staff] = []
        for s in staff:
            person = s.person
            if person is None or s.lapsed or person.lapse_from > day:
                kept.append(s)
                continue
            pool = plan.unit.force if s.unit_staff else plan.unit.others
            if not s.used_force:
                pool = plan.unit.observers
            for other in pool:
                if _eligible(other, day) and other.lapse_from > day and other not in involved:
                    involved.append(other)
                    kept.append(_Staff(other, s.used_force, s.unit_staff, s.reason))
                    break
        if not any(s.used_force for s in kept):
            return staff
        return kept


class _Step:
    """One intervention of a planned incident."""

    __slots__ = (
        "description", "minutes", "observations", "patient_injured", "pause", "planned",
        "risks", "staff_injured", "type",
    )  # fmt: skip

    def __init__(
        self,
        type_: str,
        minutes: int,
        pause: int,
        description: str,
        planned: bool,
        patient_injured: bool,
        staff_injured: bool,
        observations: list[int] | None,
    ) -> None:
        self.type = type_
        self.minutes = minutes
        self.pause = pause
        self.description = description
        self.planned = planned
        self.patient_injured = patient_injured
        self.staff_injured = staff_injured
        self.observations = observations
        self.risks: tuple[str, ...] = ()


class _Staff:
    """Someone involved in a planned incident (``person`` None for a police officer)."""

    __slots__ = ("lapsed", "person", "reason", "unit_staff", "used_force")

    def __init__(
        self,
        person: Person | None,
        used_force: bool,
        unit_staff: bool,
        reason: str | None,
        *,
        lapsed: bool = False,
    ) -> None:
        self.person = person
        self.used_force = used_force
        self.unit_staff = unit_staff
        self.reason = reason
        self.lapsed = lapsed


class _Plan:
    """Everything drawn for one incident before it is written."""

    __slots__ = (
        "d", "day", "detail", "effort", "investigation_days", "location", "missing",
        "notification", "outcome", "patient", "patient_debrief", "patient_debrief_after",
        "patient_offer_lead", "patient_reason", "police_name", "recorded_after",
        "review_after", "review_external", "review_reason", "rights_not_given", "scenario",
        "staff", "staff_debrief", "staff_debrief_after", "start", "steps", "techniques", "unit",
    )  # fmt: skip

    d: int
    day: int
    detail: str
    effort: str
    location: str
    missing: frozenset[str]
    notification: str
    outcome: str
    patient: _Patient
    patient_debrief: float
    patient_debrief_after: int
    patient_reason: str
    police_name: str
    recorded_after: int
    scenario: _scenarios.Scenario
    staff: list[_Staff]
    staff_debrief: float
    staff_debrief_after: int
    start: int
    steps: list[_Step]
    techniques: list[str]
    unit: _Unit
    patient_offer_lead: int
    """Minutes before the patient debrief it was offered (declined: minutes after it was due)."""
    review_after: int
    """Minutes after the force ended the formal review was held; -1 when it was not."""
    review_external: bool
    review_reason: str
    investigation_days: int
    """Days after the incident a serious-injury investigation was commissioned; -1 if none."""
    rights_not_given: bool

    def __init__(
        self,
        unit: _Unit,
        patient: _Patient,
        scenario: _scenarios.Scenario,
        d: int,
        start: int,
        steps: list[_Step],
        staff: list[_Staff],
        police_name: str,
        location: str,
        detail: str,
        techniques: list[str],
        effort: str,
        outcome: str,
        recorded_after: int,
        notification: str,
        patient_debrief: float,
        patient_debrief_after: int,
        patient_reason: str,
        staff_debrief: float,
        staff_debrief_after: int,
    ) -> None:
        self.unit = unit
        self.patient = patient
        self.scenario = scenario
        self.d = d
        self.day = d + 1
        self.start = start
        self.steps = steps
        self.staff = staff
        self.police_name = police_name
        self.location = location
        self.detail = detail
        self.techniques = techniques
        self.effort = effort
        self.outcome = outcome
        self.recorded_after = recorded_after
        self.notification = notification
        self.patient_debrief = patient_debrief
        self.patient_debrief_after = patient_debrief_after
        self.patient_reason = patient_reason
        self.staff_debrief = staff_debrief
        self.staff_debrief_after = staff_debrief_after
        self.missing = _NOTHING
        self.patient_offer_lead = 0
        self.review_after = 0
        self.review_external = False
        self.review_reason = ""
        self.investigation_days = -1
        self.rights_not_given = False
