"""Funnel plots: the pure-Python Poisson distribution against high-precision sums, and the limits.

The reference Poisson probabilities are summed with :mod:`decimal` at 60
significant digits, independently of the log-space sums under test.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.study import funnel
from rrnkit.study._funnel import poisson_cdf, poisson_limit, poisson_quantile


def _exact_cdf(count: int, mean: float) -> float:
    with localcontext() as context:
        context.prec = 60
        m = Decimal(mean)
        term = (-m).exp()
        total = term
        for k in range(1, count + 1):
            term = term * m / k
            total += term
        return float(total)


@pytest.mark.parametrize(
    ("count", "mean"),
    [(0, 0.5), (3, 0.5), (4, 10.0), (17, 10.0), (29, 50.0), (72, 50.0), (250, 300.0),
     (300, 300.0), (360, 300.0), (900, 1000.0), (1100, 1000.0), (4790, 5000.0)],
)  # fmt: skip
def test_cdf_matches_a_high_precision_sum(count: int, mean: float) -> None:
    exact = _exact_cdf(count, mean)
    # Relative 1e-10: the log of a term is a difference of numbers near count x log(mean).
    assert poisson_cdf(count, mean) == pytest.approx(exact, rel=1e-10, abs=1e-15)


def test_cdf_edges() -> None:
    assert poisson_cdf(-1, 3.0) == 0.0
    assert poisson_cdf(0, 0.0) == 1.0
    assert poisson_cdf(0, 2.0) == pytest.approx(math.exp(-2.0))
    with pytest.raises(ValueError, match="mean"):
        poisson_cdf(1, -1.0)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=0.01, max_value=2000.0),
    st.sampled_from([0.001, 0.025, 0.5, 0.975, 0.999]),
)
def test_the_quantile_is_the_smallest_count_reaching_p(mean: float, p: float) -> None:
    r = poisson_quantile(p, mean)
    assert _exact_cdf(r, mean) >= p * (1 - 1e-12)
    assert r == 0 or _exact_cdf(r - 1, mean) < p * (1 + 1e-12)


def test_known_quantiles() -> None:
    # Checked with the exact sums: P(Y <= 16) = 0.9730 < 0.975 <= P(Y <= 17) = 0.9857 for mean 10.
    assert poisson_quantile(0.975, 10.0) == 17
    assert poisson_quantile(0.025, 10.0) == 4
    assert _exact_cdf(16, 10.0) < 0.975 <= _exact_cdf(17, 10.0)
    assert _exact_cdf(3, 10.0) < 0.025 <= _exact_cdf(4, 10.0)


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.05, max_value=5000.0), st.sampled_from([0.001, 0.025, 0.975, 0.999]))
def test_the_interpolated_limit_sits_between_the_counts_around_p(mean: float, p: float) -> None:
    # Spiegelhalter (2005), appendix A.1.1: the limit is r - a with a in [0, 1), so a count
    # falls below it with probability P(Y <= r - 1) < p.
    limit = poisson_limit(p, mean)
    r = poisson_quantile(p, mean)
    assert r - 1 < limit <= r
    assert poisson_cdf(math.ceil(limit) - 1, mean) < p


def test_the_interpolation_is_linear_in_p_between_counts() -> None:
    mean, r = 10.0, 17
    below, at = poisson_cdf(r - 1, mean), poisson_cdf(r, mean)
    assert poisson_limit(at, mean) == pytest.approx(r)
    middle = (below + at) / 2
    assert poisson_limit(middle, mean) == pytest.approx(r - 0.5)


@pytest.mark.parametrize("mean", [1e4, 1e6])
def test_large_means_follow_the_normal_approximation(mean: float) -> None:
    # For a large mean the Poisson is close to normal: mean +/- z sqrt(mean), skew below 1.
    z = 3.090232306167813  # the 0.999 normal quantile
    assert abs(poisson_limit(0.999, mean) - (mean + z * math.sqrt(mean))) < 2.5
    assert abs(poisson_limit(0.001, mean) - (mean - z * math.sqrt(mean))) < 2.5


UNITS = [
    ("ward-a", 10, 5000.0),
    ("ward-b", 40, 8000.0),
    ("ward-c", 3, 2000.0),
    ("ward-d", 90, 9000.0),
]


def test_target_rate_and_positions() -> None:
    plot = funnel(UNITS)
    assert plot.target == pytest.approx(143 / 24000 * 1000)
    assert plot.levels == (0.95, 0.998)
    assert [p.rate for p in plot.points] == pytest.approx([2.0, 5.0, 1.5, 10.0])
    assert [p.position for p in plot.points] == [
        "below-outer",
        "within",
        "below-inner",
        "above-outer",
    ]
    assert plot.phi is None
    assert "Spiegelhalter" in plot.method
    assert "pooled" in plot.method


def test_limits_are_the_interpolated_quantiles_at_each_exposure() -> None:
    plot = funnel(UNITS)
    rate = 143 / 24000
    for point in plot.points:
        mean = rate * point.exposure
        for level, lower, upper in point.limits:
            tail = (1 - level) / 2
            expected_low = max(0.0, poisson_limit(tail, mean) / point.exposure * 1000)
            assert lower == pytest.approx(expected_low)
            assert upper == pytest.approx(poisson_limit(1 - tail, mean) / point.exposure * 1000)


def test_a_given_target_is_used() -> None:
    plot = funnel(UNITS, target=5.0, per=1000)
    assert plot.target == 5.0
    assert "given target" in plot.method
    assert all(lo <= 5.0 <= hi for p in plot.points for _, lo, hi in p.limits)


def test_overdispersion_widens_the_limits_by_root_phi() -> None:
    plain = funnel(UNITS)
    adjusted = funnel(UNITS, overdispersion=True)
    rate = 143 / 24000
    z = sorted((c - rate * e) / math.sqrt(rate * e) for _, c, e in UNITS)
    # Four units: 10 % of 4 rounds down to none winsorised.
    phi = sum(v * v for v in z) / 4
    assert adjusted.phi == pytest.approx(phi)
    assert phi > 1
    target = plain.target
    for p, q in zip(plain.points, adjusted.points, strict=True):
        for (_, _, hi), (_, _, hi_adj) in zip(p.limits, q.limits, strict=True):
            assert hi_adj - target == pytest.approx(math.sqrt(phi) * (hi - target))
    assert "phi" in adjusted.method


def test_overdispersion_winsorises_the_most_extreme_tenth() -> None:
    units = [(f"u{i}", 20 + i, 1000.0) for i in range(9)] + [("outlier", 400, 1000.0)]
    plot = funnel(units, overdispersion=True)
    rate = sum(c for _, c, _ in units) / 10000
    z = sorted((c - rate * 1000) / math.sqrt(rate * 1000) for _, c, _ in units)
    z = [z[1], *z[1:9], z[8]]
    assert plot.phi == pytest.approx(sum(v * v for v in z) / 10)


def test_no_overdispersion_adjustment_when_phi_is_not_above_one() -> None:
    units = [(f"u{i}", 50, 1000.0) for i in range(5)]
    plot = funnel(units, overdispersion=True)
    assert plot.phi == 0.0
    assert plot.points == funnel(units).points
    assert "not widened" in plot.method


@pytest.mark.parametrize(
    ("units", "options"),
    [
        ([], {}),
        ([("a", -1, 10.0)], {}),
        ([("a", 1.5, 10.0)], {}),
        ([("a", 1, 0.0)], {}),
        ([("a", 1, 10.0)], {"levels": (1.0,)}),
        ([("a", 1, 10.0)], {"target": -1.0}),
    ],
)
def test_bad_input_is_refused(
    units: list[tuple[str, int, float]], options: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match=r"unit|count|exposure|level|target"):
        funnel(units, **options)  # type: ignore[arg-type]


UNIT_LISTS = st.lists(
    st.tuples(
        st.text(min_size=1, max_size=5),
        st.integers(min_value=0, max_value=300),
        st.floats(min_value=50.0, max_value=50000.0),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(UNIT_LISTS, st.booleans())
def test_funnel_properties(units: list[tuple[str, int, float]], overdispersion: bool) -> None:
    plot = funnel(units, overdispersion=overdispersion)
    assert len(plot.points) == len(units)
    exposures = [c.exposure for c in plot.curve]
    assert exposures == sorted(exposures)
    assert (
        exposures[0] <= min(e for _, _, e in units) <= max(e for _, _, e in units) <= exposures[-1]
    )
    for row in [*plot.points, *plot.curve]:
        (_, inner_low, inner_high), (_, outer_low, outer_high) = row.limits
        assert 0.0 <= outer_low <= inner_low <= plot.target <= inner_high <= outer_high
    for p in plot.points:
        (_, inner_low, inner_high), (_, outer_low, outer_high) = p.limits
        expected = (
            "above-outer" if p.rate > outer_high
            else "above-inner" if p.rate > inner_high
            else "below-outer" if p.rate < outer_low
            else "below-inner" if p.rate < inner_low
            else "within"
        )  # fmt: skip
        assert p.position == expected


@settings(max_examples=30, deadline=None)
@given(UNIT_LISTS, st.sampled_from([1.0, 100.0, 1000.0]))
def test_per_only_scales_rates_and_limits(units: list[tuple[str, int, float]], per: float) -> None:
    base = funnel(units, per=1.0)
    scaled = funnel(units, per=per)
    assert scaled.target == pytest.approx(base.target * per)
    for p, q in zip(base.points, scaled.points, strict=True):
        assert q.rate == pytest.approx(p.rate * per)
        assert q.position == p.position
