"""Statistical process control: the XmR (individuals) chart as NHS England's *Making Data Count*.

The arithmetic and the special-cause rules follow the NHS-R community's R
package NHSRplotthedots (``R/ptd_spc_standard.R`` and
``R/ptd_calculate_point_type.R``, release 0.2.0), which implements *Making
Data Count*; ``tests/study/test_study_spc.py`` ports its test expectations.
Where the R package leaves a case open (missing values) the choice made here
is documented on :func:`spc`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

__all__ = [
    "LIMIT_SIGMAS",
    "MOVING_RANGE_SCREEN",
    "SHORT_SERIES",
    "Improvement",
    "Signal",
    "SpcChart",
    "SpcPoint",
    "Variation",
    "spc",
]

Improvement = Literal["increase", "decrease"]
"""Which way is better: ``"increase"`` (training currency) or ``"decrease"`` (restraint)."""
Signal = Literal["outside-limits", "shift", "trend", "two-of-three"]
"""A special-cause rule a point is part of."""
Variation = Literal["common", "improvement", "concern", "neutral"]
"""How a point reads: common cause, or special cause for the better, the worse, or neither."""

LIMIT_SIGMAS = 2.66
"""Process limits sit this many average moving ranges from the mean (3 / d2, d2 = 1.128)."""
MOVING_RANGE_SCREEN = 3.267
"""With screening, moving ranges of this many average moving ranges or more are left out (D4)."""
SHORT_SERIES = 12
"""Fewer values than this in a period give a warning: its limits are not yet reliable."""
_RUN = 7
_SIGNALS: tuple[Signal, ...] = ("outside-limits", "shift", "trend", "two-of-three")


@attrs.frozen(kw_only=True)
class SpcPoint:
    """One point of an XmR chart with the mean and limits of its period and how it reads."""

    label: str
    """The point's label, e.g. a month ``2025-03``."""
    value: float | None
    """The measured value; None when missing (kept as a point, left out of every calculation)."""
    mean: float
    """The centre line of the point's period (NaN when the period has no value)."""
    lower: float
    """The lower process limit, mean - 2.66 x average moving range; not truncated at zero."""
    upper: float
    """The upper process limit, mean + 2.66 x average moving range."""
    lower_two_sigma: float
    """Mean - (2/3)(2.66) x average moving range: beyond it, a point is near the lower limit."""
    upper_two_sigma: float
    """Mean + (2/3)(2.66) x average moving range: beyond it, a point is near the upper limit."""
    special_cause: bool
    """True when the point is part of at least one special-cause signal."""
    signals: tuple[Signal, ...]
    """Every special-cause rule the point is part of, in the order of :data:`Signal`."""
    variation: Variation
    """``"common"``, or for a special-cause point ``"improvement"``/``"concern"`` by the
    direction of the rule that reads first (outside limits, trend, two of three, shift) against
    the improvement direction, or ``"neutral"`` when no direction is set."""


@attrs.frozen(kw_only=True)
class SpcChart:
    """An XmR chart: its points, the improvement direction, warnings and how it was computed."""

    points: tuple[SpcPoint, ...]
    """The points in the order given."""
    improvement: Improvement | None
    """The improvement direction; None when neither direction is better."""
    warnings: tuple[str, ...]
    """Plain-English warnings (short periods, periods without values); no input values."""
    method: str
    """One plain-English sentence: how the mean and limits were computed."""


@attrs.frozen
class _Period:
    mean: float
    amr: float
    baseline_values: int


def spc(
    points: Iterable[tuple[str, float | None]],
    *,
    improvement: Improvement | None = "decrease",
    baseline: int | None = None,
    screen_outliers: bool = False,
    rebase: Sequence[str] = (),
) -> SpcChart:
    """Compute an XmR chart with *Making Data Count*'s special-cause signals.

    Each period (the whole series, or the stretches that ``rebase`` labels
    start) gets its own mean and limits: the mean of its values (of its first
    ``baseline`` points when given, then fixed), the average of the moving
    ranges |x(i) - x(i-1)| among those points (with ``screen_outliers``,
    moving ranges of 3.267 x that average or more are left out and the average
    taken again, once), process limits mean +/- 2.66 x AMR and two-sigma lines
    mean +/- (2/3)(2.66) x AMR. The limits are not truncated at zero, as in
    NHSRplotthedots.

    Special-cause rules, each within a period: a point beyond a process limit
    (strictly); 7 or more consecutive points on the same side of the mean (a
    point exactly on the mean breaks the run); 7 or more consecutive points
    each strictly higher (or each strictly lower) than the one before (6 rises
    make a trend of 7 points; an equal neighbour breaks it); two of three
    consecutive points beyond the same two-sigma line but inside the limit,
    all three on the same side of the mean (only the points beyond two sigma
    are flagged).

    A missing value (None) stays a point with its period's mean and limits,
    is never special cause, and is left out of the mean. No moving range
    spans it, and it breaks runs, trends and two-of-three windows, as a
    missing value does in NHSRplotthedots (whose comparisons with NA never
    hold).

    Raises ValueError when a rebase label is not a point's label, labels
    repeat, ``baseline`` is below 2, or a value is not finite.
    """
    if improvement not in ("increase", "decrease", None):
        raise ValueError('improvement must be "increase", "decrease" or None')
    if baseline is not None and baseline < 2:
        raise ValueError("baseline must be at least 2 points")
    labels: list[str] = []
    values: list[float | None] = []
    for label, value in points:
        if value is not None:
            value = float(value)
            if not math.isfinite(value):
                raise ValueError("SPC values must be finite numbers or None")
        labels.append(label)
        values.append(value)
    if len(set(labels)) != len(labels):
        raise ValueError("SPC point labels must be unique")
    starts = {0}
    for label in rebase:
        if label not in labels:
            raise ValueError("a rebase label is not the label of a point")
        starts.add(labels.index(label))
    bounds = [*sorted(starts), len(labels)]
    out: list[SpcPoint] = []
    warnings: list[str] = []
    baselines: list[int] = []
    for number, (start, end) in enumerate(itertools.pairwise(bounds), start=1):
        if start == end:
            continue
        segment = values[start:end]
        period = _period(segment, baseline, screen_outliers)
        baselines.append(period.baseline_values)
        where = "The series" if len(bounds) == 2 else f"Period {number} (from {labels[start]})"
        present = sum(v is not None for v in segment)
        if present == 0:
            warnings.append(f"{where} has no values: it has no mean and no limits.")
        elif math.isnan(period.amr):
            warnings.append(f"{where} has no moving range: it has a mean but no limits.")
        elif present < SHORT_SERIES:
            warnings.append(
                f"{where} has {present} values, fewer than {SHORT_SERIES}: its limits are "
                "provisional and will move as values are added."
            )
        if baseline is not None and period.baseline_values < SHORT_SERIES and present:
            warnings.append(
                f"{where}: the limits rest on {period.baseline_values} values, fewer than "
                f"{SHORT_SERIES}."
            )
        out.extend(_classify(labels[start:end], segment, period, improvement))
    return SpcChart(
        points=tuple(out),
        improvement=improvement,
        warnings=tuple(warnings),
        method=_method(len(bounds) - 1, baseline, screen_outliers),
    )


def _period(values: list[float | None], baseline: int | None, screen: bool) -> _Period:
    fixed = values if baseline is None else values[:baseline]
    present = [v for v in fixed if v is not None]
    if not present:
        return _Period(math.nan, math.nan, 0)
    # A constant stretch has exactly its value as mean, so no point sits off a zero-width line.
    mean = present[0] if min(present) == max(present) else math.fsum(present) / len(present)
    ranges = [abs(b - a) for a, b in itertools.pairwise(fixed) if a is not None and b is not None]
    if not ranges:
        return _Period(mean, math.nan, len(present))
    amr = math.fsum(ranges) / len(ranges)
    if screen:
        kept = [r for r in ranges if r < MOVING_RANGE_SCREEN * amr]
        amr = math.fsum(kept) / len(kept) if kept else 0.0
    return _Period(mean, amr, len(present))


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _part_of(ends: list[int]) -> list[bool]:
    """Points in the 7 ending at a flagged point (``ptd_part_of_seven_trend``)."""
    return [any(ends[i : i + _RUN]) for i in range(len(ends))]


def _classify(
    labels: list[str],
    values: list[float | None],
    period: _Period,
    improvement: Improvement | None,
) -> list[SpcPoint]:
    n = len(values)
    mean, amr = period.mean, period.amr
    width = LIMIT_SIGMAS * amr
    lower, upper = mean - width, mean + width
    near_lower, near_upper = mean - width * 2 / 3, mean + width * 2 / 3
    side = [0 if v is None or math.isnan(mean) else _sign(v - mean) for v in values]
    outside = [v is not None and (v > upper or v < lower) for v in values]
    near = [
        v is not None and not outside[i] and (v < near_lower or v > near_upper)
        for i, v in enumerate(values)
    ]
    # ptd_seven_point_one_side_mean: the 7th point of a run on one side.
    run_ends = [
        side[i]
        if i >= _RUN - 1 and side[i] != 0 and len(set(side[i - _RUN + 1 : i + 1])) == 1
        else 0
        for i in range(n)
    ]
    steps = [0 if a is None or b is None else _sign(b - a) for a, b in itertools.pairwise(values)]
    # ptd_seven_point_trend: the 7th point of 6 rises (or falls) in a row.
    trend_ends = [
        steps[i - 1]
        if i >= _RUN - 1 and steps[i - 1] != 0 and len(set(steps[i - _RUN + 1 : i])) == 1
        else 0
        for i in range(n)
    ]
    in_run, in_trend = _part_of(run_ends), _part_of(trend_ends)
    # ptd_two_in_three: a window of 3 on one side of the mean with 2 or more near a limit.
    windows = [sum(near[j : j + 3]) >= 2 and abs(sum(side[j : j + 3])) == 3 for j in range(n - 2)]
    in_two = [
        near[i] and any(windows[j] for j in range(max(0, i - 2), min(i + 1, n - 2)))
        for i in range(n)
    ]
    result = []
    for i in range(n):
        flags = (outside[i], in_run[i], in_trend[i], in_two[i])
        signals = tuple(s for s, on in zip(_SIGNALS, flags, strict=True) if on)
        # The rule that reads first gives the direction: outside limits, trend, two of three, run.
        if outside[i]:
            direction = 1 if side[i] == 1 else -1
        elif in_trend[i]:
            # NHSRplotthedots: the step after the point when the next point is in the trend
            # too, otherwise the step before it.
            after = i + 1 < n and in_trend[i + 1]
            step = steps[i] if after else (steps[i - 1] if i > 0 else 0)
            direction = 1 if step == 1 else -1
        else:
            direction = 1 if side[i] > 0 else -1
        variation: Variation
        if not signals:
            variation = "common"
        elif improvement is None:
            variation = "neutral"
        else:
            better = 1 if improvement == "increase" else -1
            variation = "improvement" if direction * better > 0 else "concern"
        result.append(
            SpcPoint(
                label=labels[i],
                value=values[i],
                mean=mean,
                lower=lower,
                upper=upper,
                lower_two_sigma=near_lower,
                upper_two_sigma=near_upper,
                special_cause=bool(signals),
                signals=signals,
                variation=variation,
            )
        )
    return result


def _method(periods: int, baseline: int | None, screen: bool) -> str:
    centre = (
        "the mean of the values"
        if baseline is None
        else f"the mean of the first {baseline} points' values, then held fixed"
    )
    screened = " (moving ranges of 3.267 times their average or more left out)" if screen else ""
    scope = "" if periods == 1 else f"Each of {periods} periods has its own limits: "
    text = (
        f"{scope}centre line {centre}; process limits the mean plus or minus 2.66 times the "
        f"average moving range{screened}, and two-sigma lines plus or minus 1.77 times it; "
        "limits are not truncated at zero."
    )
    return text[0].upper() + text[1:]
