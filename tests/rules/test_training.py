"""The shared training index: the latest attended training on or before a date."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rrnkit.model import CourseLevel
from rrnkit.rules import Context, Index
from rrnkit.rules._training import _KEY, Completion, last_training

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
