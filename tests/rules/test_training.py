"""Shared training notions: completions, the latest one, who is in scope, when training is due."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rrnkit.model import (
    AssessmentMethod,
    Attendance,
    CompetenceOutcome,
    ContactFrequency,
    Course,
    CourseLevel,
    DeliveryModel,
    Document,
    Learner,
    Organisation,
    OrganisationType,
    RoleHolder,
    Setting,
    StaffGroup,
    StaffGroupNeed,
    StaffMember,
    TrainingEvent,
    TrainingNeedsAnalysis,
)
from rrnkit.rules import Context, Index
from rrnkit.rules._training import (
    _KEY,
    Completion,
    completions,
    first_training_due,
    last_training,
    staff_in_scope,
)

DAYS = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31))
LEVELS = st.sampled_from([None, *CourseLevel])


@given(
    st.lists(st.tuples(DAYS, LEVELS), max_size=12),
    DAYS,
    st.one_of(st.none(), st.sets(st.sampled_from(list(CourseLevel)), min_size=1)),
)
def test_last_training_is_the_latest_of_the_wanted_levels_on_or_before_the_day(
    attended: list[tuple[dt.date, CourseLevel | None]],
    day: dt.date,
    levels: set[CourseLevel] | None,
) -> None:
    held = sorted(
        (Completion(end, f"e{n}", level) for n, (end, level) in enumerate(attended)),
        key=lambda c: (c.end_date, c.event_id),
    )
    index = Index([])
    index.derived(_KEY, lambda _: {("org", "s1"): held})
    context = Context(as_of=day, index=index)
    expected = max(
        (c.end_date for c in held if c.end_date <= day and (levels is None or c.level in levels)),
        default=None,
    )
    assert last_training(context, "org", "s1", day, levels=levels) == expected
    assert last_training(context, "org", "someone-else", day) is None


# Who is in scope, and when a first training falls due

GROUPS = st.sampled_from(list(StaffGroup))
UNITS = st.sampled_from([None, "u1", "u2"])


@st.composite
def staff_members(draw: st.DrawFn, n: int) -> StaffMember:
    start = draw(DAYS)
    end = draw(st.one_of(st.none(), st.dates(min_value=start, max_value=dt.date(2027, 12, 31))))
    return StaffMember(
        staff_id=f"s{n}",
        job_title="Worker",
        staff_group=draw(GROUPS),
        unit_id=draw(UNITS),
        start_date=start,
        end_date=end,
    )


@st.composite
def workforces(draw: st.DrawFn) -> tuple[StaffMember, ...]:
    size = draw(st.integers(min_value=0, max_value=8))
    return tuple(draw(staff_members(n)) for n in range(size))


def organisation(workforce: tuple[StaffMember, ...]) -> Organisation:
    return Organisation(
        id="org",
        name="Org",
        organisation_type=OrganisationType.NHS_TRUST,
        workforce=workforce,
    )


def no_contact_tna(groups: set[StaffGroup], completed_on: dt.date) -> TrainingNeedsAnalysis:
    return TrainingNeedsAnalysis(
        id="tna",
        commissioning_organisation_id="org",
        author=RoleHolder(job_title="Lead", organisation_id="org"),
        completed_on=completed_on,
        staff_groups=tuple(
            StaffGroupNeed(staff_group=g, headcount=1, contact=ContactFrequency.NONE)
            for g in sorted(groups, key=lambda g: g.value)
        ),
    )


@given(
    workforces(),
    DAYS,
    st.sets(GROUPS.map(lambda g: g.value), max_size=3),
    st.sets(GROUPS, max_size=3),
    DAYS,
    st.one_of(st.none(), st.sets(st.sampled_from(["u1", "u2"]), max_size=2)),
)
def test_staff_in_scope_are_in_post_and_not_left_out(
    workforce: tuple[StaffMember, ...],
    as_of: dt.date,
    excluded: set[str],
    no_contact: set[StaffGroup],
    tna_completed: dt.date,
    units: set[str] | None,
) -> None:
    org = organisation(workforce)
    docs: list[Document] = [org, no_contact_tna(no_contact, tna_completed)]
    context = Context(as_of=as_of, index=Index(docs))
    scope = staff_in_scope(org, context, excluded_groups=excluded, units=units)
    tna_applies = tna_completed <= as_of
    left_out_by_tna = {g.value for g in no_contact} if tna_applies else set()
    for i, person in scope.members:
        assert workforce[i] is person
        assert person.in_post(as_of)
        assert person.staff_group.value not in excluded
        assert person.staff_group.value not in left_out_by_tna
        assert units is None or person.unit_id is None or person.unit_id in units
    # everyone else in post, of those units, was left out for a stated reason
    judged = {i for i, _ in scope.members}
    for i, person in enumerate(workforce):
        if i in judged or not person.in_post(as_of):
            continue
        if units is not None and person.unit_id is not None and person.unit_id not in units:
            continue
        group = person.staff_group.value
        assert group in excluded | left_out_by_tna
        assert group in scope.left_out
        reason = scope.left_out[group]
        if group in excluded:
            assert "excluded_staff_groups" in reason
        else:
            assert "training needs analysis tna" in reason
    assert set(scope.left_out) <= excluded | left_out_by_tna


def test_staff_in_scope_by_default_is_everyone_in_post() -> None:
    workforce = tuple(
        StaffMember(
            staff_id=f"s{n}", job_title="Worker", staff_group=group, start_date=dt.date(2020, 1, 1)
        )
        for n, group in enumerate(StaffGroup)
    )
    org = organisation(workforce)
    context = Context(as_of=dt.date(2026, 1, 1), index=Index([org]))
    scope = staff_in_scope(org, context, excluded_groups=())
    # administrative staff included: a group is left out only by an explicit choice
    assert [m for _, m in scope.members] == list(workforce)
    assert scope.left_out == {}


@given(
    staff_members(0),
    st.integers(min_value=0, max_value=400),
    st.one_of(st.none(), DAYS),
)
def test_first_training_due_is_never_before_start_or_not_before_plus_grace(
    person: StaffMember, grace: int, not_before: dt.date | None
) -> None:
    due = first_training_due(person, grace, not_before=not_before)
    grace_period = dt.timedelta(days=grace)
    assert due >= person.start_date + grace_period
    if not_before is not None:
        assert due >= not_before + grace_period
        assert due == max(person.start_date, not_before) + grace_period
    else:
        assert due == person.start_date + grace_period
        assert first_training_due(person, grace) == due


# What counts as a completed training


def course(assessed: bool) -> Course:
    return Course(
        id="course",
        provider_id="prov",
        title="Course",
        version="1",
        level=CourseLevel.INITIAL,
        restrictive_component=True,
        total_minutes=600,
        assessment_methods=(AssessmentMethod.OBSERVED_PRACTICE,) if assessed else (),
    )


def attended(competence: CompetenceOutcome, attendance: Attendance) -> TrainingEvent:
    return TrainingEvent(
        id="ev",
        course_id="course",
        course_version="1",
        provider_id="prov",
        commissioning_organisation_id="org",
        delivery_model=DeliveryModel.PROVIDER_DELIVERED,
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 3),
        setting=Setting.MENTAL_HEALTH_INPATIENT,
        trainer_ids=("tr",),
        learners=(
            Learner(
                staff_id="s1",
                organisation_id="org",
                staff_group=StaffGroup.REGISTERED_NURSE,
                attendance=attendance,
                competence=competence,
            ),
        ),
    )


@pytest.mark.parametrize(
    ("competence", "course_known", "assessed", "competent"),
    [
        (CompetenceOutcome.COMPETENT, True, True, True),
        (CompetenceOutcome.COMPETENT, False, False, True),
        (CompetenceOutcome.NOT_YET_COMPETENT, True, False, False),
        (CompetenceOutcome.NOT_YET_COMPETENT, True, True, False),
        # not assessed: completed only where the course assesses no competence
        (CompetenceOutcome.NOT_ASSESSED, True, True, False),
        (CompetenceOutcome.NOT_ASSESSED, True, False, True),
        (CompetenceOutcome.NOT_ASSESSED, False, False, False),
    ],
)
def test_completion_competent(
    competence: CompetenceOutcome, course_known: bool, assessed: bool, competent: bool
) -> None:
    docs: list[Document] = [attended(competence, Attendance.ATTENDED)]
    if course_known:
        docs.append(course(assessed))
    context = Context(as_of=dt.date(2026, 11, 28), index=Index(docs))
    (completion,) = completions(context, "org", "s1")
    assert completion.competent is competent
    assert (completion.event_id, completion.end_date) == ("ev", dt.date(2026, 3, 3))
    assert completion.level is (CourseLevel.INITIAL if course_known else None)


@pytest.mark.parametrize("attendance", [Attendance.PARTIAL, Attendance.ABSENT])
def test_only_full_attendance_is_a_completion(attendance: Attendance) -> None:
    docs: list[Document] = [attended(CompetenceOutcome.COMPETENT, attendance), course(False)]
    context = Context(as_of=dt.date(2026, 11, 28), index=Index(docs))
    assert completions(context, "org", "s1") == []


def test_completion_defaults_to_competent() -> None:
    assert Completion(dt.date(2026, 1, 1), "ev", None).competent
