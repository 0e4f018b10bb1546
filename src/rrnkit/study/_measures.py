"""Standard restraint-reduction measures, counted in one pass over incidents.

Every measure is a typed row with its numerator and denominator as well as
its value, so a study can re-aggregate (sum numerators and denominators, then
divide). A rate with no denominator to speak of (zero bed days, no recorded
debrief status) has the value None, never 0. What each measure counts is in
:data:`MEASURES`; the module reference in ``docs/tutorials/research-study.md``
gives worked examples.

Incidents are read once and never held: :class:`MeasureTally` keeps only
counts per group (and, for seclusion and segregation, how many episodes
lasted each whole number of minutes), so any number of incidents streamed
from :func:`rrnkit.io.iter_records` fits in little memory.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from rrnkit.model import Document, Incident, Injuries, InterventionType
from rrnkit.problems import Problem
from rrnkit.rules import Context, Index, force_users_training, no_training_evidence
from rrnkit.study._bed_days import BedDays
from rrnkit.study._dimensions import UNIT, Dimension, Exposure, Record
from rrnkit.study._month import Month

INCIDENTS_PER_1000_OBD = "incidents-per-1000-obd"
"""Measure id: incidents per 1,000 occupied bed days."""
INTERVENTIONS_PER_1000_OBD = "restrictive-interventions-per-1000-obd"
"""Measure id: restrictive interventions per 1,000 occupied bed days."""
PRONE_PER_1000_OBD = "prone-per-1000-obd"
"""Measure id: prone restraints per 1,000 occupied bed days."""
RAPID_TRANQUILLISATION_PER_1000_OBD = "rapid-tranquillisation-per-1000-obd"
"""Measure id: rapid tranquillisation per 1,000 occupied bed days."""
PRONE_SHARE = "prone-share-of-physical"
"""Measure id: prone restraints as a share of physical restraints."""
PRONE_OVER_LIMIT_SHARE = "prone-over-limit-share"
"""Measure id: prone restraints longer than the limit, as a share of prone restraints."""
PATIENT_DEBRIEF_SHARE = "patient-debrief-held-share"
"""Measure id: incidents with a patient debrief held, as a share."""
STAFF_DEBRIEF_SHARE = "staff-debrief-held-share"
"""Measure id: incidents with a staff debrief held, as a share."""
PATIENT_INJURY_SHARE = "patient-injury-share"
"""Measure id: interventions in which the patient was injured, as a share."""
STAFF_INJURY_SHARE = "staff-injury-share"
"""Measure id: interventions in which a member of staff was injured, as a share."""
OTHER_PERSON_INJURY_SHARE = "other-person-injury-share"
"""Measure id: interventions in which another person was injured, as a share."""
TRAINED_STAFF_SHARE = "staff-training-current-share"
"""Measure id: staff who used force with training in date, as a share."""
SECLUSION_DURATION = "seclusion-duration"
"""Measure id: minutes of seclusion (count, total, mean and median)."""
SEGREGATION_DURATION = "segregation-duration"
"""Measure id: minutes of long-term segregation (count, total, mean and median)."""

MEASURES: dict[str, str] = {
    INCIDENTS_PER_1000_OBD: (
        "Incidents (MHSDS MHS505 records) that started in the group, per 1,000 occupied bed days."
    ),
    INTERVENTIONS_PER_1000_OBD: (
        "Restrictive interventions (MHSDS MHS515 records: each type used in an incident counts "
        "once) that started in the group, per 1,000 occupied bed days: the basis of the MHSDS "
        "measure MHS96."
    ),
    PRONE_PER_1000_OBD: "Prone restraints (type 01) per 1,000 occupied bed days.",
    RAPID_TRANQUILLISATION_PER_1000_OBD: (
        "Rapid tranquillisation (type 14, chemical injection) per 1,000 occupied bed days."
    ),
    PRONE_SHARE: (
        "Prone restraints (type 01) as a share of all physical restraints (types 01 and 07-13)."
    ),
    PRONE_OVER_LIMIT_SHARE: (
        "Prone restraints that lasted longer than the limit (default 10 minutes) as a share of "
        "prone restraints with a recorded end; those without an end are unknown."
    ),
    PATIENT_DEBRIEF_SHARE: (
        "Incidents whose patient debrief is recorded as held, as a share of incidents that record "
        "whether it was held; the others are unknown."
    ),
    STAFF_DEBRIEF_SHARE: (
        "Incidents whose staff debrief is recorded as held, as a share of incidents that record "
        "whether it was held; the others are unknown."
    ),
    PATIENT_INJURY_SHARE: (
        "Interventions in which the patient was injured, as a share of interventions that record "
        "the patient injury indicator; the others are unknown."
    ),
    STAFF_INJURY_SHARE: (
        "Interventions in which a member of staff was injured, as a share of interventions that "
        "record the staff injury indicator; the others are unknown."
    ),
    OTHER_PERSON_INJURY_SHARE: (
        "Interventions in which another person was injured, as a share of interventions that "
        "record that indicator; the others are unknown."
    ),
    TRAINED_STAFF_SHARE: (
        "Unit staff who used force (as rule PPC-TRAINED-STAFF selects them) whose latest attended "
        "training ended on or before the incident's start date and within the refresher interval "
        "(default 12 months) before it, as a share of those with a staff id; those without are "
        "unknown."
    ),
    SECLUSION_DURATION: (
        "Minutes of seclusion (type 05) with a recorded end: count, total, mean and median; "
        "episodes without an end are counted as unknown ends."
    ),
    SEGREGATION_DURATION: (
        "Minutes of long-term segregation (type 06) with a recorded end: count, total, mean and "
        "median; episodes without an end are counted as unknown ends."
    ),
}
"""Every measure id, with exactly what it counts, in the order results list them."""

_ORDER = {name: n for n, name in enumerate(MEASURES)}
_INCIDENT_RATES = (INCIDENTS_PER_1000_OBD,)
_INTERVENTION_RATES = (
    INTERVENTIONS_PER_1000_OBD,
    PRONE_PER_1000_OBD,
    RAPID_TRANQUILLISATION_PER_1000_OBD,
)
_PRONE = InterventionType.PHYSICAL_PRONE
_RT = InterventionType.CHEMICAL_RAPID_TRANQUILLISATION
_NO_INJURIES = Injuries()
_DURATIONS = {
    InterventionType.SECLUSION: SECLUSION_DURATION,
    InterventionType.SEGREGATION: SEGREGATION_DURATION,
}

Group = tuple[tuple[str, str], ...]
"""A group: (dimension name, value) pairs, in the order the dimensions were asked for."""


@attrs.frozen(kw_only=True)
class MeasureSettings:
    """The figures measures depend on; the defaults follow the rule packs' parameters."""

    prone_limit_minutes: int = attrs.field(default=10, validator=attrs.validators.ge(0))
    """Prone restraint longer than this many whole minutes counts as over the limit (NICE NG10
    as secondary sources read it, and Assuring Transformation's split; configurable)."""
    refresher_interval_months: int = attrs.field(default=12, validator=attrs.validators.ge(1))
    """Training is current when the latest attended training ended within this many months before
    the incident (RRN Training Standards refresher, as sources report it; configurable)."""
    per_bed_days: int = attrs.field(default=1000, validator=attrs.validators.ge(1))
    """Rates per bed day are given per this many occupied bed days."""


@attrs.frozen(kw_only=True)
class Rate:
    """One measure for one group: a numerator over a denominator, with the value worked out."""

    measure: str
    """The measure id (see :data:`MEASURES`)."""
    group: Group
    numerator: int
    denominator: int | None
    """None when the denominator is not defined for the group: bed days not counted for a patient
    group, or missing for some of the group's records (see ``unknown``)."""
    value: float | None
    """``numerator / denominator * per``; None when the denominator is None or zero."""
    per: int = 1
    """1 for a share; 1000 for a rate per 1,000 occupied bed days."""
    unknown: int = 0
    """Records left out of numerator and denominator because what the measure needs is missing
    (for rates per bed day: records whose unit and month have no bed days)."""

    def value_of(self, dimension: str) -> str:
        """Return the group's value of one dimension."""
        return dict(self.group)[dimension]


@attrs.frozen(kw_only=True)
class DurationSummary:
    """How long seclusion or segregation lasted, for one group, in whole minutes."""

    measure: str
    group: Group
    count: int
    """Episodes with a recorded end."""
    unknown_end: int
    """Episodes without a recorded end (left out of every figure but this one)."""
    total_minutes: int
    """Sum of the durations: with ``count``, re-aggregates to a mean."""
    mean_minutes: float | None
    """None when no episode has an end."""
    median_minutes: float | None
    """None when no episode has an end (medians do not re-aggregate: recount instead)."""

    def value_of(self, dimension: str) -> str:
        """Return the group's value of one dimension."""
        return dict(self.group)[dimension]


@attrs.frozen(kw_only=True)
class Measures:
    """Every measure of a study, by group, in a stable order."""

    by: tuple[str, ...]
    """The dimensions' names, in the order asked for."""
    settings: MeasureSettings
    rates: tuple[Rate, ...]
    durations: tuple[DurationSummary, ...]
    incidents: int
    """Incidents counted."""
    problems: tuple[Problem, ...] = ()
    """Problems with the inputs (bed days, invalid records); their records were left out."""
    invalid: int = 0
    """Invalid records read (by :func:`measure_paths`), left out of every measure."""

    def of(self, measure: str) -> list[Rate]:
        """Return one measure's rows, in group order."""
        return [r for r in self.rates if r.measure == measure]

    def durations_of(self, measure: str) -> list[DurationSummary]:
        """Return one duration measure's rows, in group order."""
        return [d for d in self.durations if d.measure == measure]

    def rate(self, measure: str, **group: str) -> Rate | None:
        """Return the row of a measure whose group has exactly these values, or None."""
        for row in self.rates:
            if row.measure == measure and dict(row.group) == group:
                return row
        return None


def _ratio(numerator: int, denominator: int | None, per: int) -> float | None:
    if not denominator:
        return None
    return numerator * per / denominator


def _median(counts: Counter[int]) -> float | None:
    """Return the median of values given as value -> how many times it occurs."""
    total = sum(counts.values())
    if total == 0:
        return None
    ordered = sorted(counts)
    wanted = ((total - 1) // 2, total // 2)
    found: list[int] = []
    seen = 0
    for value in ordered:
        seen += counts[value]
        while len(found) < 2 and wanted[len(found)] < seen:
            found.append(value)
        if len(found) == 2:
            break
    return (found[0] + found[1]) / 2


class MeasureTally:
    """Counts measures as incidents are added one at a time; :meth:`result` gives the rows.

    ``by`` are the dimensions to break measures down by (none: one overall
    row per measure). ``bed_days`` enables rates per occupied bed day;
    ``reference`` (documents or an index holding training events and courses)
    enables the training-currency measure. Adding incidents in any order
    gives the same result.
    """

    def __init__(
        self,
        by: Sequence[Dimension] = (),
        *,
        bed_days: BedDays | None = None,
        reference: Iterable[Document] | Index | None = None,
        settings: MeasureSettings | None = None,
    ) -> None:
        """Prepare empty counts."""
        self.by = tuple(by)
        names = [d.name for d in self.by]
        if len(set(names)) != len(names):
            raise ValueError("each dimension may be given once")
        self.settings = settings or MeasureSettings()
        self.bed_days = bed_days
        if reference is None or isinstance(reference, Index):
            self._index = reference
        else:
            self._index = Index(reference)
        self._by_unit = UNIT in self.by
        self.incidents = 0
        self._numerators: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self._denominators: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self._unknown: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self._seen: dict[str, set[tuple[str, ...]]] = {"incident": set(), "intervention": set()}
        self._uncovered: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self._minutes: dict[tuple[str, tuple[str, ...]], Counter[int]] = {}
        self._unknown_end: Counter[tuple[str, tuple[str, ...]]] = Counter()

    def _groups(self, record: Record) -> list[tuple[str, ...]]:
        return list(itertools.product(*(d.of(record) for d in self.by)))

    def _covered(self, incident: Incident, month: Month) -> bool:
        """Tell whether bed days are given for the unit and month a record belongs to."""
        assert self.bed_days is not None
        cell = self.bed_days.cell_of(incident.organisation_id, incident.unit_id, month)
        return cell is not None and (not self._by_unit or cell.unit_id == incident.unit_id)

    def _share(self, measure: str, groups: list[tuple[str, ...]], answer: bool | None) -> None:
        for group in groups:
            key = (measure, group)
            if answer is None:
                self._unknown[key] += 1
            else:
                self._denominators[key] += 1
                self._numerators[key] += answer

    def _exposed(self, family: str, groups: list[tuple[str, ...]], covered: bool) -> None:
        seen = self._seen[family]
        for group in groups:
            seen.add(group)
            if not covered:
                self._uncovered[(family, group)] += 1

    def add(self, incident: Incident) -> None:
        """Count one incident, its interventions and the staff who used force."""
        self.incidents += 1
        start = incident.start
        month = Month.of(start)
        record = Record(incident, None, month, start.date())
        groups = self._groups(record)
        counting_bed_days = self.bed_days is not None
        if counting_bed_days:
            self._exposed("incident", groups, self._covered(incident, month))
            for group in groups:
                self._numerators[(INCIDENTS_PER_1000_OBD, group)] += 1
        patient, staff = incident.patient_debrief, incident.staff_debrief
        self._share(PATIENT_DEBRIEF_SHARE, groups, None if patient is None else patient.held)
        self._share(STAFF_DEBRIEF_SHARE, groups, None if staff is None else staff.held)
        if self._index is not None:
            self._training(incident, record.day, groups)
        for intervention in incident.interventions:
            istart = intervention.start
            imonth = Month.of(istart)
            groups = self._groups(Record(incident, intervention, imonth, istart.date()))
            kind = intervention.type
            if counting_bed_days:
                self._exposed("intervention", groups, self._covered(incident, imonth))
                for group in groups:
                    self._numerators[(INTERVENTIONS_PER_1000_OBD, group)] += 1
                    self._numerators[(PRONE_PER_1000_OBD, group)] += kind is _PRONE
                    self._numerators[(RAPID_TRANQUILLISATION_PER_1000_OBD, group)] += kind is _RT
            if kind.is_physical:
                self._share(PRONE_SHARE, groups, kind is _PRONE)
            minutes = intervention.duration_minutes
            if kind is _PRONE:
                over = None if minutes is None else minutes > self.settings.prone_limit_minutes
                self._share(PRONE_OVER_LIMIT_SHARE, groups, over)
            injuries = intervention.injuries or _NO_INJURIES
            self._share(PATIENT_INJURY_SHARE, groups, injuries.patient)
            self._share(STAFF_INJURY_SHARE, groups, injuries.staff)
            self._share(OTHER_PERSON_INJURY_SHARE, groups, injuries.other_person)
            duration = _DURATIONS.get(kind)
            if duration is not None:
                for group in groups:
                    key = (duration, group)
                    if minutes is None:
                        self._unknown_end[key] += 1
                    else:
                        self._minutes.setdefault(key, Counter())[minutes] += 1

    def _training(self, incident: Incident, day: dt.date, groups: list[tuple[str, ...]]) -> None:
        """Count each unit staff member who used force as trained on the day, or not."""
        assert self._index is not None
        context = Context(as_of=day, index=self._index)
        # With no training recorded for the organisation at all, currency is unknown, not "no".
        recorded = no_training_evidence(context, incident.organisation_id) is None
        months = self.settings.refresher_interval_months
        for user in force_users_training(context, incident, day, months):
            self._share(TRAINED_STAFF_SHARE, groups, user.in_date if recorded else None)

    def result(self) -> Measures:
        """Return every measure's rows, ordered by measure and then by group."""
        names = tuple(d.name for d in self.by)

        def named(group: tuple[str, ...]) -> Group:
            return tuple(zip(names, group, strict=True))

        rates: list[Rate] = [*self._bed_day_rates(named)]
        shares = {*self._denominators, *self._unknown}
        for measure, group in shares:
            key = (measure, group)
            denominator = self._denominators[key]
            rates.append(
                Rate(
                    measure=measure,
                    group=named(group),
                    numerator=self._numerators[key],
                    denominator=denominator,
                    value=_ratio(self._numerators[key], denominator, 1),
                    unknown=self._unknown[key],
                )
            )
        rates.sort(key=lambda r: (_ORDER[r.measure], tuple(v for _, v in r.group)))
        durations = []
        for key in sorted({*self._minutes, *self._unknown_end}, key=lambda k: (_ORDER[k[0]], k[1])):
            minutes = self._minutes.get(key, Counter())
            count = sum(minutes.values())
            total = sum(m * n for m, n in minutes.items())
            durations.append(
                DurationSummary(
                    measure=key[0],
                    group=named(key[1]),
                    count=count,
                    unknown_end=self._unknown_end[key],
                    total_minutes=total,
                    mean_minutes=total / count if count else None,
                    median_minutes=_median(minutes),
                )
            )
        problems = () if self.bed_days is None else self.bed_days.problems
        return Measures(
            by=names,
            settings=self.settings,
            rates=tuple(rates),
            durations=tuple(durations),
            incidents=self.incidents,
            problems=problems,
        )

    def _bed_day_rates(self, named: Callable[[tuple[str, ...]], Group]) -> list[Rate]:
        """Rates per occupied bed day, for every group seen and every group with bed days."""
        if self.bed_days is None:
            return []
        per = self.settings.per_bed_days
        splitting = [n for n, d in enumerate(self.by) if d.exposure is Exposure.SPLITS]
        cell_values = [self.by[n].of_cell for n in splitting]
        undefined = any(d.exposure is Exposure.UNKNOWN for d in self.by)
        exposure: Counter[tuple[str, ...]] = Counter()
        for row in self.bed_days:
            cell = tuple(
                value(row.organisation_id, row.unit_id, row.month)
                for value in cell_values
                if value is not None
            )
            exposure[cell] += row.occupied_bed_days
        # Groups made only of dimensions bed days are counted along get a row even when
        # nothing happened in them: a month without restraint is a rate of zero.
        only_splitting = len(splitting) == len(self.by)
        rows: list[Rate] = []
        for family, measures in (
            ("incident", _INCIDENT_RATES),
            ("intervention", _INTERVENTION_RATES),
        ):
            groups = set(self._seen[family])
            if only_splitting:
                groups |= set(exposure)
            for group in groups:
                uncovered = self._uncovered[(family, group)]
                denominator: int | None = None
                if not undefined and not uncovered:
                    denominator = exposure[tuple(group[n] for n in splitting)]
                for measure in measures:
                    numerator = self._numerators[(measure, group)]
                    rows.append(
                        Rate(
                            measure=measure,
                            group=named(group),
                            numerator=numerator,
                            denominator=denominator,
                            value=_ratio(numerator, denominator, per),
                            per=per,
                            unknown=uncovered,
                        )
                    )
        return rows


def measure(
    incidents: Iterable[Document],
    by: Sequence[Dimension] = (),
    *,
    bed_days: BedDays | None = None,
    reference: Iterable[Document] | Index | None = None,
    settings: MeasureSettings | None = None,
) -> Measures:
    """Count every measure over ``incidents`` in one pass, broken down ``by`` dimensions.

    Documents other than incidents are skipped, so the output of
    :func:`rrnkit.synth.generate` can be passed as it is; pass the training
    records (training events and courses) as ``reference`` for the
    training-currency measure, and ``bed_days`` for rates per bed day.
    """
    tally = MeasureTally(by, bed_days=bed_days, reference=reference, settings=settings)
    for document in incidents:
        if isinstance(document, Incident):
            tally.add(document)
    return tally.result()
