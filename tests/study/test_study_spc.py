"""The XmR chart against NHSRplotthedots' own test expectations, and its properties.

Worked examples cite the file of nhs-r-community/NHSRplotthedots (release
0.2.0) they come from. Its tests draw ``set.seed(123); rnorm(20)``; those 20
values are written out below (R's first 20 standard normals for seed 123), and
the snapshot of ``ptd_spc_standard`` confirms them through the mean it prints.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.study import SpcChart, spc

RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
    1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
    1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
    1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


def _series(values: list[float | None]) -> list[tuple[str, float | None]]:
    return [(f"p{i + 1:02d}", v) for i, v in enumerate(values)]


def _chart(values: list[float | None], **options: object) -> SpcChart:
    return spc(_series(values), **options)  # type: ignore[arg-type]


def _flagged(chart: SpcChart, signal: str) -> list[int]:
    return [i + 1 for i, p in enumerate(chart.points) if signal in p.signals]


def _first(chart: SpcChart) -> tuple[float, float, float]:
    p = chart.points[0]
    return (p.mean, p.lower, p.upper)


# tests/testthat/_snaps/ptd_spc_standard.md, "it returns expected values" (r1, r2, r3).


def test_mean_and_limits_with_screening() -> None:
    mean, lower, upper = _first(_chart(RNORM_123, screen_outliers=True))
    assert mean == pytest.approx(0.1416238, abs=5e-8)
    assert lower == pytest.approx(-3.01138, abs=5e-6)
    assert upper == pytest.approx(3.294627, abs=5e-7)


def test_screening_leaves_out_a_large_moving_range() -> None:
    values: list[float | None] = list(RNORM_123)
    values[14] = 10.0
    screened = _first(_chart(values, screen_outliers=True))
    unscreened = _first(_chart(values, screen_outliers=False))
    assert screened == pytest.approx((0.6694159, -2.383666, 3.722497), abs=5e-7)
    assert unscreened == pytest.approx((0.6694159, -4.596625, 5.935457), abs=5e-7)
    # ... and the unscreened limits are wider (same test).
    assert unscreened[2] - unscreened[1] > screened[2] - screened[1]


# tests/testthat/_snaps/ptd_spc.md, "it outputs expected content": two groups of 10 points
# (facets there; a rebase gives each period its own mean and limits in the same way).


def test_each_period_has_its_own_mean_and_limits() -> None:
    chart = _chart(RNORM_123, screen_outliers=True, rebase=["p11"])
    first, second = chart.points[0], chart.points[10]
    assert (first.mean, first.lower, first.upper) == pytest.approx((0.0746, -2.60, 2.75), abs=5e-3)
    assert (second.mean, second.lower, second.upper) == pytest.approx(
        (0.209, -3.28, 3.70), abs=5e-3
    )
    assert all(p.mean == first.mean for p in chart.points[:10])
    assert all(p.mean == second.mean for p in chart.points[10:])


def test_a_rebase_at_the_first_point_changes_nothing() -> None:
    assert _chart(RNORM_123, rebase=["p01"]).points == _chart(RNORM_123).points


# tests/testthat/test-ptd_spc_standard.R, "it only reports special cause for 2of3 points
# close to the limits when they are on the same side of the mean".


def test_two_near_points_on_opposite_sides_are_common_cause() -> None:
    values: list[float | None] = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    chart = _chart(values, improvement="increase")
    assert [p.variation for p in chart.points[-2:]] == ["common", "common"]


# tests/testthat/test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean and
# ptd_part_of_seven_trend: the sides of the mean below are theirs; values are chosen to
# give those sides.


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0] * 6 + [-6.0], []),
        ([1.0] * 8 + [-8.0], [1, 2, 3, 4, 5, 6, 7, 8]),
        ([-1.0] * 8 + [8.0], [1, 2, 3, 4, 5, 6, 7, 8]),
    ],
)
def test_a_run_of_seven_on_one_side_is_a_shift(values: list[float], expected: list[int]) -> None:
    assert _flagged(_chart(list(values)), "shift") == expected


def test_a_point_on_the_mean_breaks_a_run() -> None:
    # Mean 0: three above, one exactly on the mean, four above, then a balancing low point.
    values: list[float | None] = [1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, -7.0]
    assert _chart(values).points[3].mean == 0.0
    assert _flagged(_chart(values), "shift") == []


# ptd_seven_point_trend with ptd_part_of_seven_trend (same file): 6 rises make a trend
# of 7 points; an equal neighbour breaks it.


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 2, 3, 4, 5, 6], []),
        ([1.0, 2, 3, 3, 4, 5, 6], []),
        ([1.0, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7]),
        ([2.0, 1, 2, 3, 4, 5, 6, 7, 3], [2, 3, 4, 5, 6, 7, 8]),
        ([7.0, 6, 5, 4, 3, 2, 1], [1, 2, 3, 4, 5, 6, 7]),
        ([2.0, 7, 6, 5, 4, 3, 2, 1, 3], [2, 3, 4, 5, 6, 7, 8]),
    ],
)
def test_seven_points_each_higher_or_lower_are_a_trend(
    values: list[float], expected: list[int]
) -> None:
    assert _flagged(_chart(list(values)), "trend") == expected


def test_a_trend_reads_by_its_direction() -> None:
    rising = _chart([1.0, 2, 3, 4, 5, 6, 7], improvement="increase")
    falling = _chart([7.0, 6, 5, 4, 3, 2, 1], improvement="increase")
    trend_only = [p for p in rising.points if p.signals == ("trend",)]
    assert trend_only
    assert {p.variation for p in trend_only} == {"improvement"}
    assert {p.variation for p in falling.points if p.signals == ("trend",)} == {"concern"}


# ptd_two_in_three and ptd_part_of_two_in_three (same file). Twelve alternating baseline
# points fix mean 0.5 and average moving range 1: two-sigma lines at 0.5 +/- 1.7733 and
# limits at 0.5 +/- 2.66. After them, 2.5 is near the upper limit (N), 0.6 is above the
# mean but not near (a), 0.4 below it (b).
_BASE: list[float | None] = [0.0, 1.0] * 6
N, A, B = 2.5, 0.6, 0.4


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ([N, A, N], [13, 15]),  # c(1, 0, 1), all above: the near points
        ([A, N, N], [14, 15]),  # c(0, 1, 1)
        ([N, N, A], [13, 14]),  # c(1, 1, 0)
        ([A, A, N, A, N, A, A], [15, 17]),  # g
        ([A, A, N, N, A, A, A], [15, 16]),  # h
        ([N, A, A, N], []),  # c(1, 0, 0, 1): never two in three
        ([N, A, A, N, N], [16, 17]),  # c(1, 0, 0, 1, 1)
        ([N, B, N], []),  # opposite sides of the mean
        ([A, N, B, N, A], []),
    ],
)
def test_two_of_three_beyond_two_sigma(tail: list[float], expected: list[int]) -> None:
    chart = _chart([*_BASE, *tail], baseline=12)
    assert chart.points[0].mean == 0.5
    assert chart.points[0].upper_two_sigma == pytest.approx(0.5 + 2.66 * 2 / 3)
    assert _flagged(chart, "two-of-three") == expected


# The direction of a special-cause point (ptd_point_type, same file).


@pytest.mark.parametrize(
    ("improvement", "high", "low"),
    [
        ("increase", "improvement", "concern"),
        ("decrease", "concern", "improvement"),
        (None, "neutral", "neutral"),
    ],
)
def test_outside_points_read_by_the_improvement_direction(
    improvement: str | None, high: str, low: str
) -> None:
    chart = _chart([*_BASE, 5.0, -4.0], baseline=12, improvement=improvement)
    assert [p.signals for p in chart.points[-2:]] == [("outside-limits",), ("outside-limits",)]
    assert [p.variation for p in chart.points[-2:]] == [high, low]
    assert {p.variation for p in chart.points[:12]} == {"common"}


# tests/testthat/test-ptd_add_short_group_warnings.R: 11 points warn, 12 do not.


def test_fewer_than_twelve_values_warn() -> None:
    assert len(_chart(RNORM_123[:11]).warnings) == 1
    assert _chart(RNORM_123[:12]).warnings == ()
    assert len(_chart(RNORM_123, rebase=["p16"]).warnings) == 1


def test_a_missing_value_is_kept_and_left_out() -> None:
    values: list[float | None] = list(RNORM_123)
    values[4] = None
    chart = _chart(values)
    present = [v for v in values if v is not None]
    assert len(chart.points) == 20
    missing = chart.points[4]
    assert missing.value is None
    assert not missing.special_cause
    assert missing.variation == "common"
    assert missing.mean == pytest.approx(math.fsum(present) / 19)
    ranges = [abs(b - a) for a, b in itertools.pairwise(values) if a is not None and b is not None]
    assert missing.upper - missing.mean == pytest.approx(2.66 * math.fsum(ranges) / 17)


def test_a_missing_value_breaks_a_run_and_a_trend() -> None:
    run = _chart([1.0] * 4 + [None] + [1.0] * 4 + [-8.0])
    assert _flagged(run, "shift") == []
    trend = _chart([1.0, 2, 3, None, 4, 5, 6, 7])
    assert _flagged(trend, "trend") == []


def test_a_baseline_fixes_the_mean_and_limits() -> None:
    chart = _chart(RNORM_123, baseline=12)
    assert chart.points[0].mean == pytest.approx(math.fsum(RNORM_123[:12]) / 12)
    assert len({(p.mean, p.lower, p.upper) for p in chart.points}) == 1
    assert "first 12 points" in chart.method


@pytest.mark.parametrize(
    "options",
    [{"rebase": ["nope"]}, {"baseline": 1}, {"improvement": "up"}],
)
def test_bad_options_are_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"rebase|baseline|improvement"):
        _chart(RNORM_123, **options)


def test_values_must_be_finite_and_labels_unique() -> None:
    with pytest.raises(ValueError, match="finite"):
        _chart([1.0, math.nan])
    with pytest.raises(ValueError, match="unique"):
        spc([("a", 1.0), ("a", 2.0)])


def test_the_method_says_how_the_limits_were_computed() -> None:
    assert "2.66" in _chart(RNORM_123).method
    assert "3.267" in _chart(RNORM_123, screen_outliers=True).method


# Properties.

VALUES = st.lists(
    st.one_of(
        st.none(),
        st.integers(min_value=0, max_value=60).map(float),
    ),
    min_size=3,
    max_size=40,
)
_SETTINGS = settings(max_examples=60, deadline=None)


def _shape(chart: SpcChart) -> list[tuple[tuple[str, ...], str]]:
    return [(p.signals, p.variation) for p in chart.points]


@_SETTINGS
@given(VALUES, st.integers(min_value=-1000, max_value=1000), st.booleans())
def test_shifting_all_values_shifts_mean_and_limits(
    values: list[float | None], shift: int, screen: bool
) -> None:
    before = _chart(values, screen_outliers=screen)
    after = _chart([None if v is None else v + shift for v in values], screen_outliers=screen)
    for p, q in zip(before.points, after.points, strict=True):
        if math.isnan(p.mean):
            continue
        assert q.mean == pytest.approx(p.mean + shift, abs=1e-9)
        if not math.isnan(p.upper):
            assert q.upper == pytest.approx(p.upper + shift, abs=1e-9)
            assert q.lower == pytest.approx(p.lower + shift, abs=1e-9)
    # Integer values and shifts are exact in binary, so the signals are the same too.
    assert _shape(after) == _shape(before)


@_SETTINGS
@given(VALUES, st.sampled_from([2.0, 4.0, 0.5]))
def test_scaling_all_values_scales_mean_and_limits(
    values: list[float | None], factor: float
) -> None:
    before = _chart(values)
    after = _chart([None if v is None else v * factor for v in values])
    for p, q in zip(before.points, after.points, strict=True):
        if not math.isnan(p.upper):
            assert (q.mean, q.lower, q.upper) == pytest.approx(
                (p.mean * factor, p.lower * factor, p.upper * factor)
            )
    assert _shape(after) == _shape(before)


@_SETTINGS
@given(VALUES)
def test_reversing_the_order_keeps_limits_and_outside_points(values: list[float | None]) -> None:
    forward = _chart(values)
    backward = spc(list(reversed(_series(values))))
    p, q = forward.points[0], backward.points[0]
    if not math.isnan(p.upper):
        assert (q.mean, q.lower, q.upper) == pytest.approx((p.mean, p.lower, p.upper))
    outside = {x.label for x in forward.points if "outside-limits" in x.signals}
    assert outside == {x.label for x in backward.points if "outside-limits" in x.signals}
    trend = {x.label for x in forward.points if "trend" in x.signals}
    assert trend == {x.label for x in backward.points if "trend" in x.signals}


@_SETTINGS
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(3, 30))
def test_a_constant_series_has_zero_width_limits_and_no_signal(value: float, n: int) -> None:
    chart = _chart([value] * n)
    for p in chart.points:
        assert p.mean == p.lower == p.upper == value
        assert not p.special_cause
        assert p.variation == "common"


@_SETTINGS
@given(VALUES, st.sampled_from(["increase", "decrease", None]), st.booleans())
def test_flags_say_what_the_numbers_show(
    values: list[float | None], improvement: str | None, screen: bool
) -> None:
    chart = _chart(values, improvement=improvement, screen_outliers=screen)
    for p in chart.points:
        assert p.special_cause == bool(p.signals)
        assert (p.variation == "common") == (not p.special_cause)
        if p.value is None:
            assert not p.special_cause
        if "outside-limits" in p.signals:
            assert p.value is not None
            assert p.value > p.upper or p.value < p.lower
        elif p.value is not None and not math.isnan(p.upper):
            assert p.lower <= p.value <= p.upper
        if "two-of-three" in p.signals:
            assert p.value is not None
            assert p.value > p.upper_two_sigma or p.value < p.lower_two_sigma
        if p.special_cause and improvement is None:
            assert p.variation == "neutral"
        if p.special_cause and improvement is not None:
            assert p.variation in ("improvement", "concern")
