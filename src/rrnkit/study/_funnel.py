"""Funnel plots of counts per exposure (Spiegelhalter 2005), with exact Poisson limits.

Spiegelhalter DJ, "Funnel plots for comparing institutional performance",
*Statistics in Medicine* 2005; 24:1185-1202: each unit's rate is plotted
against its exposure, with control limits around the target that narrow as
exposure grows. For a count the limits are quantiles of the Poisson
distribution of a count with mean target x exposure, interpolated between
the discrete counts as the paper's appendix (A.1.1) describes. Limits made
so are probability-based prediction limits; Manktelow and Seaton (BMC Med
Res Methodol 2012; 12:98 and PLoS ONE 2012, doi:10.1371/journal.pone.0045723)
found such limits keep close to their nominal probability, where limits built
from confidence intervals for the unit's own rate do not.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = [
    "Funnel",
    "FunnelCurve",
    "FunnelPoint",
    "Position",
    "funnel",
    "poisson_cdf",
    "poisson_limit",
    "poisson_quantile",
]

Position = Literal["above-outer", "above-inner", "within", "below-inner", "below-outer"]
"""Where a unit's rate falls against the inner (lowest level) and outer (highest level) limits."""

_CURVE_POINTS = 100
_WINSOR = 0.1


@attrs.frozen(kw_only=True)
class FunnelPoint:
    """One unit on a funnel plot: its count, exposure, rate and limits at its exposure."""

    label: str
    """The unit's (or organisation's) label."""
    count: int
    """The number of events (e.g. restrictive interventions)."""
    exposure: float
    """The exposure (e.g. occupied bed days)."""
    rate: float
    """count / exposure x per."""
    limits: tuple[tuple[float, float, float], ...]
    """(level, lower, upper) rate limits at this unit's exposure, one per level."""
    position: Position
    """Where the rate falls: strictly beyond a limit is outside it."""


@attrs.frozen(kw_only=True)
class FunnelCurve:
    """The limits at one exposure, for drawing the funnel's smooth lines."""

    exposure: float
    """The exposure."""
    limits: tuple[tuple[float, float, float], ...]
    """(level, lower, upper) rate limits at this exposure, one per level."""


@attrs.frozen(kw_only=True)
class Funnel:
    """A funnel plot: target, units, limit curves, and how the limits were computed."""

    target: float
    """The target rate per ``per`` (the pooled rate unless one was given)."""
    per: float
    """Rates are per this much exposure (1,000 occupied bed days)."""
    points: tuple[FunnelPoint, ...]
    """The units, in the order given."""
    curve: tuple[FunnelCurve, ...]
    """Limits at exposures spread geometrically across the units' range, for drawing."""
    levels: tuple[float, ...]
    """The limit levels, ascending (0.95 and 0.998: about 2 and 3 standard deviations)."""
    method: str
    """Plain English: how the target and limits were computed."""
    phi: float | None
    """The over-dispersion factor estimated (None unless asked for); applied only when above 1."""


def poisson_cdf(count: int, mean: float) -> float:
    """Return P(Y <= count) for Y ~ Poisson(mean), summed in log space.

    Terms are added from ``count`` towards the bulk of the distribution until
    they no longer change the sum (at most about 40 standard deviations), or
    the upper tail is summed and subtracted when ``count`` is above the mean,
    so the cost grows with the square root of the mean, not the mean.
    """
    if mean < 0 or not math.isfinite(mean):
        raise ValueError("a Poisson mean is a finite number, 0 or more")
    if count < 0:
        return 0.0
    if mean == 0:
        return 1.0
    if count <= mean:
        return _sum_terms(count, mean, -1)
    return max(0.0, 1.0 - _sum_terms(count + 1, mean, 1))


def _log_pmf(k: int, mean: float) -> float:
    return k * math.log(mean) - mean - math.lgamma(k + 1)


def _sum_terms(start: int, mean: float, step: int) -> float:
    """Sum the probabilities from ``start`` away from the mode (step -1 down, +1 up).

    Each term comes from the one before by a ratio (k / mean down, mean / (k + 1)
    up), scaled by the first term's probability, worked out once in log space.
    """
    total, term, k = 0.0, 1.0, start
    while k >= 0 and term > 1e-17 * total:
        total += term
        term *= k / mean if step < 0 else mean / (k + 1)
        k += step
    return total * math.exp(_log_pmf(start, mean))


def _quantile(p: float, mean: float) -> tuple[int, float, float]:
    """Return the smallest r with P(Y <= r) >= p, with P(Y <= r) and P(Y <= r - 1)."""
    z = statistics.NormalDist().inv_cdf(p)
    # Cornish-Fisher: the normal quantile corrected for the Poisson's skew, 1 / sqrt(mean).
    r = max(0, math.floor(mean + z * math.sqrt(mean) + (z * z - 1) / 6))
    at = poisson_cdf(r, mean)
    below = poisson_cdf(r - 1, mean)
    while r > 0 and below >= p:
        r, at = r - 1, below
        below = poisson_cdf(r - 1, mean)
    while at < p:
        r, below = r + 1, at
        at = poisson_cdf(r, mean)
    return r, at, below


def poisson_quantile(p: float, mean: float) -> int:
    """Return the smallest count r with P(Y <= r) >= p for Y ~ Poisson(mean)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if mean == 0:
        return 0
    return _quantile(p, mean)[0]


def poisson_limit(p: float, mean: float) -> float:
    """Return Spiegelhalter's interpolated p-quantile of a Poisson(mean) count.

    With r the smallest count whose cumulative probability reaches p, the
    limit is r - a, a = (P(Y <= r) - p) / (P(Y = r)), which moves smoothly
    with the mean (Spiegelhalter 2005, appendix A.1.1). It can fall below
    zero for a small mean; callers truncate a rate at zero.
    """
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if mean == 0:
        return 0.0
    r, at, below = _quantile(p, mean)
    return r - (at - p) / (at - below)


def funnel(
    units: Iterable[tuple[str, int, float]],
    *,
    per: float = 1000.0,
    target: float | None = None,
    levels: tuple[float, ...] = (0.95, 0.998),
    overdispersion: bool = False,
) -> Funnel:
    """Compute a funnel plot of counts per exposure with exact Poisson limits.

    ``units`` are (label, count, exposure). The target rate is the pooled
    rate, total count / total exposure x ``per``, unless ``target`` (per
    ``per``) is given. At exposure E the level-L limits are Spiegelhalter's
    interpolated (1 - L)/2 and (1 + L)/2 quantiles of a Poisson count with
    mean target x E / per, divided by E and multiplied by ``per``; a lower
    limit below zero is shown as zero.

    With ``overdispersion``, phi is the mean of the units' squared Poisson
    z-scores (count - expected) / sqrt(expected), the 10 % most extreme at
    each end first pulled in to the 10th and 90th percentiles (Spiegelhalter's
    multiplicative model, winsorised as in his 2005 *Quality and Safety in
    Health Care* paper on over-dispersion); when phi is above 1 each limit's
    distance from the target is multiplied by sqrt(phi).

    Raises ValueError for no units, a negative count, an exposure that is not
    positive, a level outside (0, 1), or a negative target.
    """
    given = list(units)
    if any(count != int(count) for _, count, _ in given):
        raise ValueError("counts must be whole numbers")
    rows = [(str(label), int(count), float(exposure)) for label, count, exposure in given]
    if not rows:
        raise ValueError("a funnel plot needs at least one unit")
    if any(count < 0 for _, count, _ in rows):
        raise ValueError("counts must be 0 or more")
    if any(not (exposure > 0 and math.isfinite(exposure)) for _, _, exposure in rows):
        raise ValueError("exposures must be positive finite numbers")
    if not levels or any(not 0.0 < level < 1.0 for level in levels):
        raise ValueError("levels must be probabilities strictly between 0 and 1")
    if not per > 0:
        raise ValueError("per must be positive")
    ordered = tuple(sorted(set(levels)))
    if target is None:
        rate = sum(c for _, c, _ in rows) / math.fsum(e for _, _, e in rows)
    else:
        if target < 0 or not math.isfinite(target):
            raise ValueError("the target must be a finite rate, 0 or more")
        rate = target / per
    phi = _phi(rows, rate) if overdispersion else None
    scale = math.sqrt(phi) if phi is not None and phi > 1 else 1.0

    def limits(exposure: float) -> tuple[tuple[float, float, float], ...]:
        mean = rate * exposure
        out = []
        for level in ordered:
            tail = (1 - level) / 2
            low = rate + scale * (poisson_limit(tail, mean) / exposure - rate)
            high = rate + scale * (poisson_limit(1 - tail, mean) / exposure - rate)
            out.append((level, max(0.0, low) * per, high * per))
        return tuple(out)

    points = []
    for label, count, exposure in rows:
        at = limits(exposure)
        value = count / exposure * per
        points.append(
            FunnelPoint(
                label=label,
                count=count,
                exposure=exposure,
                rate=value,
                limits=at,
                position=_position(value, at),
            )
        )
    low_e = min(e for _, _, e in rows) / 2
    high_e = max(e for _, _, e in rows) * 1.1
    ratio = (high_e / low_e) ** (1 / (_CURVE_POINTS - 1))
    curve = tuple(
        FunnelCurve(exposure=low_e * ratio**i, limits=limits(low_e * ratio**i))
        for i in range(_CURVE_POINTS)
    )
    return Funnel(
        target=rate * per,
        per=per,
        points=tuple(points),
        curve=curve,
        levels=ordered,
        method=_method(target is None, ordered, phi),
        phi=phi,
    )


def _position(rate: float, limits: tuple[tuple[float, float, float], ...]) -> Position:
    _, inner_low, inner_high = limits[0]
    _, outer_low, outer_high = limits[-1]
    if rate > outer_high:
        return "above-outer"
    if rate > inner_high:
        return "above-inner"
    if rate < outer_low:
        return "below-outer"
    if rate < inner_low:
        return "below-inner"
    return "within"


def _phi(rows: list[tuple[str, int, float]], rate: float) -> float:
    """Spiegelhalter's multiplicative over-dispersion factor from winsorised z-scores."""
    z = sorted(
        (count - rate * exposure) / math.sqrt(rate * exposure)
        for _, count, exposure in rows
        if rate * exposure > 0
    )
    if not z:
        return 1.0
    cut = math.floor(_WINSOR * len(z))
    if cut:
        z = [min(max(v, z[cut]), z[-cut - 1]) for v in z]
    return math.fsum(v * v for v in z) / len(z)


def _method(pooled: bool, levels: tuple[float, ...], phi: float | None) -> str:
    shown = " and ".join(f"{level:.1%}".replace(".0%", "%") for level in levels)
    centre = "the pooled rate (total count over total exposure)" if pooled else "the given target"
    text = (
        f"Target: {centre}. {shown} limits: exact Poisson prediction limits for a count with "
        "mean target times exposure, interpolated between counts as in Spiegelhalter (2005, "
        "appendix A.1.1), lower limits below zero shown as zero."
    )
    if phi is None:
        return text
    if phi > 1:
        return text + (
            f" Over-dispersion: phi = {phi:.3g} (mean squared z-score, 10% winsorised) is above "
            "1, so each limit's distance from the target is multiplied by its square root."
        )
    return text + (
        f" Over-dispersion: phi = {phi:.3g} (mean squared z-score, 10% winsorised) is not "
        "above 1, so the limits are not widened."
    )
