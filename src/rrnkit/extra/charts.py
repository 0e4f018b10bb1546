"""Charts of study results as matplotlib figures and inline SVG.

Install with ``pip install 'rrnkit[report]'``. :func:`spc_figure` draws an
XmR chart from :func:`rrnkit.study.spc`, :func:`funnel_figure` a funnel plot
from :func:`rrnkit.study.funnel`, and :func:`series_figure` several series
over time (prone share, training currency, compliance by framework). Each
returns a :class:`matplotlib.figure.Figure` made without pyplot, so a
researcher can restyle or combine it; :func:`to_svg` turns one into inline
SVG text that is the same byte for byte on every run.

Meaning is never carried by colour alone: special-cause points, and units
beyond a funnel limit, have their own marker shapes and legend entries, and
series differ by marker and line style as well as colour. Every text taken
from input (labels, unit names) is drawn as plain text, never as mathtext.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

try:
    import matplotlib
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "rrnkit.extra.charts needs matplotlib: install it with pip install 'rrnkit[report]'"
    ) from exc

from rrnkit.study import Funnel, SpcChart

__all__ = ["funnel_figure", "series_figure", "spc_figure", "to_svg"]

# Colours follow Making Data Count's (grey common cause, orange concern, blue
# improvement, purple neither); each also has its own marker shape.
_GREY = "#7b7d7d"
_MARKERS: dict[str, tuple[str, str, str]] = {
    "improvement": ("D", "#1f62a8", "Special cause: improvement"),
    "concern": ("X", "#c2570c", "Special cause: concern"),
    "neutral": ("s", "#6a3d9a", "Special cause: no direction set"),
}
_SERIES_STYLES = [
    ("o", "-", "#1f62a8"),
    ("s", "--", "#c2570c"),
    ("^", "-.", "#2e7d32"),
    ("D", ":", "#6a3d9a"),
    ("v", "-", "#7b5b00"),
    ("P", "--", "#00695c"),
    ("X", "-.", "#ad1457"),
    ("*", ":", "#37474f"),
]
_FUNNEL_MARKERS: dict[str, tuple[str, str, str]] = {
    "within": ("o", _GREY, "Within the inner limits"),
    "above-inner": ("^", "#c2570c", "Above the inner limit"),
    "above-outer": ("^", "#8e2c00", "Above the outer limit"),
    "below-inner": ("v", "#1f62a8", "Below the inner limit"),
    "below-outer": ("v", "#0b3a6e", "Below the outer limit"),
}
_MAX_TICKS = 24


def _plain(text: str) -> str:
    """Escape the dollar signs matplotlib would read as mathtext."""
    return text.replace("$", r"\$")


def _figure(title: str) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(8.0, 4.5), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(_plain(title), loc="left")
    figure.set_label(title)
    return figure, axes


def _category_axis(axes: Axes, labels: Sequence[str]) -> None:
    step = max(1, math.ceil(len(labels) / _MAX_TICKS))
    ticks = list(range(0, len(labels), step))
    axes.set_xticks(ticks, [_plain(labels[i]) for i in ticks], rotation=45, ha="right")


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def spc_figure(chart: SpcChart, *, title: str, y_label: str) -> Figure:
    """Draw an XmR chart: values, mean, process limits, two-sigma lines, special causes.

    A rebase shows as a break in the mean and limit lines. Special-cause
    points are drawn over the line with a marker per reading (improvement,
    concern, or no direction set), each with a legend entry.
    """
    figure, axes = _figure(title)
    points = chart.points
    labels = [p.label for p in points]
    x = list(range(len(points)))
    axes.plot(
        x,
        [_nan(p.value) for p in points],
        color=_GREY,
        marker="o",
        markersize=4,
        linewidth=1.2,
        label="Value",
    )

    def stepped(attribute: str) -> list[float]:
        # A NaN where a period starts breaks the line, so each period has its own level.
        ys: list[float] = []
        for i, p in enumerate(points):
            ys.append(getattr(p, attribute))
            if i + 1 < len(points) and _period_changes(p, points[i + 1]):
                ys.append(math.nan)
        return ys

    xs: list[float] = []
    for i, p in enumerate(points):
        xs.append(i)
        if i + 1 < len(points) and _period_changes(p, points[i + 1]):
            xs.append(i + 0.5)
    axes.plot(xs, stepped("mean"), color="#222222", linewidth=1.2, label="Mean")
    axes.plot(
        xs, stepped("upper"), color="#222222", linestyle="--", linewidth=1, label="Process limits"
    )
    axes.plot(xs, stepped("lower"), color="#222222", linestyle="--", linewidth=1)
    axes.plot(
        xs,
        stepped("upper_two_sigma"),
        color="#999999",
        linestyle=":",
        linewidth=1,
        label="Two-sigma lines",
    )
    axes.plot(xs, stepped("lower_two_sigma"), color="#999999", linestyle=":", linewidth=1)
    for variation, (marker, colour, legend) in _MARKERS.items():
        chosen = [i for i, p in enumerate(points) if p.variation == variation]
        if chosen:
            axes.plot(
                chosen,
                [_nan(points[i].value) for i in chosen],
                linestyle="none",
                marker=marker,
                markersize=8,
                color=colour,
                markeredgecolor="#000000",
                markeredgewidth=0.6,
                label=legend,
            )
    _category_axis(axes, labels)
    axes.set_ylabel(_plain(y_label))
    direction = {
        "increase": "Higher is better",
        "decrease": "Lower is better",
        None: "No improvement direction set",
    }[chart.improvement]
    axes.set_xlabel(direction)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return figure


def _period_changes(before: Any, after: Any) -> bool:
    same = (before.mean, before.lower, before.upper) == (after.mean, after.lower, after.upper)
    return not same and not (math.isnan(before.mean) and math.isnan(after.mean))


def funnel_figure(funnel: Funnel, *, title: str, x_label: str, y_label: str) -> Figure:
    """Draw a funnel plot: units' rates against exposure, the target and each level's limits.

    Units beyond a limit have their own marker (up or down triangles) and
    legend entry, and are labelled beside their point.
    """
    figure, axes = _figure(title)
    exposures = [c.exposure for c in funnel.curve]
    axes.axhline(funnel.target, color="#222222", linewidth=1.2, label="Target")
    styles = ["--", ":", "-."]
    for n, level in enumerate(funnel.levels):
        style = styles[n % len(styles)]
        shown = f"{level:.1%}".replace(".0%", "%")
        axes.plot(
            exposures,
            [c.limits[n][2] for c in funnel.curve],
            color="#444444",
            linestyle=style,
            linewidth=1,
            label=f"{shown} limits",
        )
        axes.plot(
            exposures,
            [c.limits[n][1] for c in funnel.curve],
            color="#444444",
            linestyle=style,
            linewidth=1,
        )
    for position, (marker, colour, legend) in _FUNNEL_MARKERS.items():
        chosen = [p for p in funnel.points if p.position == position]
        if chosen:
            axes.plot(
                [p.exposure for p in chosen],
                [p.rate for p in chosen],
                linestyle="none",
                marker=marker,
                markersize=7,
                color=colour,
                markeredgecolor="#000000",
                markeredgewidth=0.5,
                label=legend,
            )
    for p in funnel.points:
        if p.position != "within":
            axes.annotate(
                _plain(p.label),
                (p.exposure, p.rate),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize="small",
            )
    axes.set_xlabel(_plain(x_label))
    axes.set_ylabel(_plain(y_label))
    axes.set_ylim(bottom=0)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return figure


def series_figure(
    series: Sequence[tuple[str, Sequence[tuple[str, float | None]]]],
    *,
    title: str,
    y_label: str,
    percent: bool = False,
) -> Figure:
    """Draw named series over shared labels (e.g. months), one line each.

    ``series`` is (name, [(label, value), ...]); labels are placed in the
    order first seen, and a missing value (None) leaves a gap. With
    ``percent`` the values are shares (0 to 1) shown as percentages.
    """
    figure, axes = _figure(title)
    labels: list[str] = []
    for _, values in series:
        for label, _ in values:
            if label not in labels:
                labels.append(label)
    where = {label: i for i, label in enumerate(labels)}
    for n, (name, values) in enumerate(series):
        marker, style, colour = _SERIES_STYLES[n % len(_SERIES_STYLES)]
        ys = [math.nan] * len(labels)
        for label, value in values:
            ys[where[label]] = _nan(value)
        axes.plot(
            range(len(labels)),
            ys,
            marker=marker,
            linestyle=style,
            color=colour,
            markersize=5,
            linewidth=1.4,
            label=_plain(name),
        )
    _category_axis(axes, labels)
    axes.set_ylabel(_plain(y_label))
    if percent:
        axes.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        axes.set_ylim(0, 1.05)
    if series:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return figure


_PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?")
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_TAG = re.compile(r"<[^<>]+>")
_ID = re.compile(r'(\sid="|\s(?:xlink:)?href="#|url\(#)')


def _prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every element id and every reference to one, inside tags only."""
    return _TAG.sub(lambda tag: _ID.sub(lambda m: m.group(1) + prefix, tag.group(0)), svg)


def to_svg(figure: Figure) -> str:
    """Return the figure as inline SVG text, the same on every run.

    No XML prolog or DOCTYPE (it goes inside an HTML page), no date, no
    external reference (text is drawn as ``<text>`` in the page's sans-serif
    font, not as font files or links), a ``<title>`` with the figure's title,
    and ``role="img"`` with an ``aria-label`` for screen readers. Element ids
    start with a digest of the title, so charts with different titles can sit
    on one page without sharing an id.
    """
    title = str(figure.get_label() or "Chart")
    salt = hashlib.sha256(title.encode("utf-8")).hexdigest()[:16]
    buffer = io.StringIO()
    with matplotlib.rc_context(
        {
            "svg.hashsalt": f"rrnkit-{salt}",
            "svg.fonttype": "none",
            "font.family": ["sans-serif"],
            "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
            "text.usetex": False,
        }
    ):
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Title": title, "Date": None, "Creator": None, "Format": None, "Type": None},
        )
    text = _METADATA.sub("", _PROLOG.sub("", buffer.getvalue()), count=1)
    text = _prefix_ids(text, f"c{salt[:8]}-")
    return text.replace("<svg ", f'<svg role="img" aria-label={quoteattr(title)} ', 1)
