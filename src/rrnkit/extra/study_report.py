"""The study page: SPC chart, funnel plot and trends from the study measures, as one HTML file.

:func:`build_study_report` reads incident records (and the training records
beside them) through the run pipeline, counts :mod:`rrnkit.study`'s
measures with occupied bed days, and lays out one self-contained page:

- an XmR (individuals) chart of restrictive interventions per 1,000 occupied
  bed days by month, per organisation or per unit (:func:`rrnkit.study.spc`);
- a funnel plot of each unit's (or organisation's) rate against its occupied
  bed days with 95 % and 99.8 % limits (:func:`rrnkit.study.funnel`);
- prone restraint as a share of physical restraint, and staff whose
  training was current when they used force, by month;
- compliance over time by framework, as ``rrnkit study trend`` counts it.

Each chart is inline SVG (matplotlib, through :mod:`rrnkit.extra.charts`)
with its numbers beside it in a table and the method its limits come from.
The page fetches nothing, needs no script, and shows only counts, codes,
ids and file names (escaped), never a record's value. It needs the optional
``report`` extra (Jinja2 and matplotlib): ``pip install 'rrnkit[report]'``.

The window is every month from the first with data to the month holding
``as_of``; incidents that start after that month, and bed days of later
months, are left out of every figure (and counted on the page).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from rrnkit._internal.html import MISSING_EXTRA, environment
from rrnkit._internal.paths import StrPath, as_path, as_path_list
from rrnkit._internal.writing import atomic_text, replace_surrogates
from rrnkit._run import read_held, without_stdin
from rrnkit._version import __version__
from rrnkit.convert import NO_MIGRATIONS
from rrnkit.io import Paths
from rrnkit.model import Document, Incident
from rrnkit.problems import Problem
from rrnkit.rules import Index
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.study import (
    INTERVENTIONS_PER_1000_OBD,
    MONTH,
    ORGANISATION,
    PRONE_SHARE,
    TRAINED_STAFF_SHARE,
    UNIT,
    BedDays,
    ComplianceCount,
    Dimension,
    MeasureSettings,
    MeasureTally,
    Month,
    Rate,
    compliance_over_time,
    months,
    months_between,
    quarters,
    read_bed_days,
)

if TYPE_CHECKING:
    from rrnkit.study import Funnel, SpcChart

__all__ = [
    "BY",
    "MAX_SPC_CHARTS",
    "StudyReport",
    "build_study_report",
    "study_report",
    "write_study_report",
]

BY: dict[str, tuple[Dimension, ...]] = {
    "unit": (ORGANISATION, UNIT),
    "organisation": (ORGANISATION,),
}
"""What the SPC charts and the funnel plot compare: units (within their organisation) or
organisations."""

_WHOLE_ORGANISATION = "whole organisation"

MAX_SPC_CHARTS = 24
"""SPC charts drawn at most, for the units (or organisations) with the most interventions; the
others are summarised in one table (their special-cause months in words), so the page stays
readable and its size bounded (about 40 kB a chart)."""


@attrs.frozen(kw_only=True)
class InputDigest:
    """One input file the page was built from, with its SHA-256 when the run gives one."""

    path: str
    sha256: str | None
    role: str
    """``records`` or ``bed days``."""


@attrs.frozen(kw_only=True)
class SpcRow:
    """One month of one SPC chart: the measure's row and the chart's point."""

    month: str
    numerator: int | None
    denominator: int | None
    point: Any
    """The :class:`rrnkit.study.SpcPoint` of this month."""


@attrs.frozen(kw_only=True)
class SpcSection:
    """The SPC chart of one organisation or unit."""

    label: str
    anchor: str
    chart: Any
    """The :class:`rrnkit.study.SpcChart`, or None when it could not be drawn (see ``note``)."""
    rows: tuple[SpcRow, ...]
    svg: str
    note: str = ""
    special: tuple[str, ...] = ()
    """Each special-cause month, in words."""
    drawn: bool = True
    """False beyond :data:`MAX_SPC_CHARTS`: summarised in one table instead of drawn."""
    interventions: int = 0
    bed_days: int = 0


@attrs.frozen(kw_only=True)
class SeriesRow:
    """One period of a share over time: numerator, denominator, value, unknown."""

    label: str
    numerator: int
    denominator: int | None
    value: float | None
    unknown: int


@attrs.frozen(kw_only=True)
class StudyReport:
    """Everything the study page shows, and what reading the inputs found.

    :func:`study_report` computes it; :attr:`html` is the page. ``problems``
    are the located problems met (path problems first): a caller (the
    command line) reports them and chooses its exit code.
    """

    html: str
    problems: tuple[Problem, ...]
    path_problems: tuple[Problem, ...]
    """Problems with the paths themselves (missing or unreadable files)."""
    incidents: int
    """Incidents counted (those in the window)."""
    read: int
    valid: int
    invalid: int
    left_out: int
    """Incidents that started after the window (the month holding ``as_of``)."""


def _digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _group_label(group: dict[str, str], by: str) -> str:
    organisation = group["organisation"]
    if by == "organisation":
        return organisation
    return f"{organisation} / {group['unit'] or _WHOLE_ORGANISATION}"


def _anchor(n: int) -> str:
    return f"spc-{n + 1}"


def _rate(value: float | None) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.2f}"


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _count(value: int | None) -> str:
    return "n/a" if value is None else f"{value:,}"


def _signals_text(point: Any) -> str:
    if not point.special_cause:
        return "common cause"
    return f"special cause ({point.variation}): " + "; ".join(point.signals)


def _svg(figure: Any, to_svg: Callable[[Any], str]) -> str:
    """Return a figure as inline SVG markup (``to_svg`` labels it for assistive technology)."""
    text = to_svg(figure)
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


@attrs.frozen
class _Counted:
    """The measures the page needs, counted in one pass over the incidents."""

    by_group_month: list[Rate]
    by_group: list[Rate]
    by_month_prone: list[Rate]
    by_month_trained: list[Rate]
    incidents: int


def _count_measures(
    incidents: list[Incident],
    reference: Index,
    bed_days: BedDays,
    dimensions: tuple[Dimension, ...],
    settings: MeasureSettings,
) -> _Counted:
    per_month = MeasureTally((*dimensions, MONTH), bed_days=bed_days, settings=settings)
    per_group = MeasureTally(dimensions, bed_days=bed_days, settings=settings)
    overall = MeasureTally((MONTH,), reference=reference, settings=settings)
    for incident in incidents:
        per_month.add(incident)
        per_group.add(incident)
        overall.add(incident)
    month_rows, group_rows, overall_rows = per_month.result(), per_group.result(), overall.result()
    return _Counted(
        by_group_month=month_rows.of(INTERVENTIONS_PER_1000_OBD),
        by_group=group_rows.of(INTERVENTIONS_PER_1000_OBD),
        by_month_prone=overall_rows.of(PRONE_SHARE),
        by_month_trained=overall_rows.of(TRAINED_STAFF_SHARE),
        incidents=overall_rows.incidents,
    )


def _spc_sections(
    rows: list[Rate], window: list[Month], by: str, charts: Any, study: Any
) -> list[SpcSection]:
    names = [d.name for d in BY[by]]
    groups: dict[tuple[str, ...], dict[str, Rate]] = {}
    for row in rows:
        key = tuple(row.value_of(name) for name in names)
        groups.setdefault(key, {})[row.value_of("month")] = row
    totals = {key: sum(r.numerator for r in by_month.values()) for key, by_month in groups.items()}
    ranked = sorted(groups, key=lambda key: (-totals[key], key))
    drawn = set(ranked[:MAX_SPC_CHARTS])
    sections = []
    for n, key in enumerate(sorted(groups)):
        label = _group_label(dict(zip(names, key, strict=True)), by)
        by_month = groups[key]
        in_window = [r for m, r in by_month.items() if Month.parse(m) in set(window)]
        interventions = sum(r.numerator for r in in_window)
        bed_days = sum(r.denominator or 0 for r in in_window)
        labels = [str(m) for m in window]
        points = [(m, by_month[m].value if m in by_month else None) for m in labels]
        title = f"{label}: interventions, XmR chart"
        try:
            chart: SpcChart = study.spc(points, improvement="decrease")
        except ValueError as error:
            sections.append(
                SpcSection(
                    label=label,
                    anchor=_anchor(n),
                    chart=None,
                    rows=(),
                    svg="",
                    note=f"No chart: {error}",
                )
            )
            continue
        svg = ""
        if key in drawn:
            figure = charts.spc_figure(
                chart, title=title, y_label="interventions per 1,000 occupied bed days"
            )
            svg = _svg(figure, charts.to_svg)
        spc_rows = []
        for point in chart.points:
            rate = by_month.get(point.label)
            spc_rows.append(
                SpcRow(
                    month=point.label,
                    numerator=None if rate is None else rate.numerator,
                    denominator=None if rate is None else rate.denominator,
                    point=point,
                )
            )
        special = tuple(
            f"{p.label}: {p.variation}, {'; '.join(p.signals)}"
            for p in chart.points
            if p.special_cause
        )
        sections.append(
            SpcSection(
                label=label,
                anchor=_anchor(n),
                chart=chart,
                rows=tuple(spc_rows),
                svg=svg,
                special=special,
                drawn=key in drawn,
                interventions=interventions,
                bed_days=bed_days,
            )
        )
    return sections


def _funnel(rows: list[Rate], by: str, overdispersion: bool, charts: Any, study: Any) -> Any:
    names = [d.name for d in BY[by]]
    units = [
        (
            _group_label({name: row.value_of(name) for name in names}, by),
            row.numerator,
            row.denominator,
        )
        for row in rows
        if row.denominator
    ]
    units.sort()
    if len(units) < 2:
        return (
            None,
            "",
            (f"A funnel plot compares two or more with occupied bed days; {len(units)} here."),
        )
    funnel: Funnel = study.funnel(
        [(label, count, float(exposure)) for label, count, exposure in units],
        per=1000.0,
        overdispersion=overdispersion,
    )
    noun = "unit" if by == "unit" else "organisation"
    title = f"Restrictive interventions per 1,000 occupied bed days by {noun}"
    figure = charts.funnel_figure(
        funnel, title=title, x_label="occupied bed days", y_label="per 1,000 occupied bed days"
    )
    return funnel, _svg(figure, charts.to_svg), ""


def _series(rows: list[Rate], window: list[Month]) -> list[SeriesRow]:
    by_month = {row.value_of("month"): row for row in rows}
    out = []
    for month in map(str, window):
        row = by_month.get(month)
        if row is None:
            out.append(SeriesRow(label=month, numerator=0, denominator=0, value=None, unknown=0))
        else:
            out.append(
                SeriesRow(
                    label=month,
                    numerator=row.numerator,
                    denominator=row.denominator,
                    value=row.value,
                    unknown=row.unknown,
                )
            )
    return out


def _window(counted: _Counted, bed_days: BedDays, last: Month) -> list[Month]:
    seen = [Month.parse(r.value_of("month")) for r in counted.by_group_month]
    seen += [Month.parse(r.value_of("month")) for r in counted.by_month_prone]
    seen += [row.month for row in bed_days]
    seen = [m for m in seen if m <= last]
    if not seen:
        return []
    return months_between(min(seen), last if max(seen) < last else max(seen))


def study_report(
    paths: Paths,
    *,
    bed_days: StrPath | BedDays,
    by: Literal["unit", "organisation"] = "unit",
    as_of: dt.date | None = None,
    every: Literal["quarter", "month"] = "quarter",
    settings: MeasureSettings | None = None,
    overdispersion: bool = False,
) -> StudyReport:
    """Read the inputs, count the measures, draw the charts and return the page with what was found.

    ``paths`` are files and folders of rrnkit documents (incidents, and the
    training events and courses the training-currency measure needs);
    ``bed_days`` a bed-days CSV file (see :func:`rrnkit.study.read_bed_days`)
    or a :class:`rrnkit.study.BedDays` table. ``by`` chooses what the SPC
    charts and the funnel plot compare; ``as_of`` (default today) ends the
    window and is the date compliance is judged at the end of; ``every`` is
    the length of each compliance period. ``overdispersion`` widens the
    funnel's limits by Spiegelhalter's multiplicative factor. Raises
    :class:`ImportError` naming the ``report`` extra when Jinja2 or
    matplotlib is missing, and :class:`ValueError` for an unknown ``by`` or
    ``every``.
    """
    if by not in BY:
        raise ValueError("by is 'unit' or 'organisation'")
    if every not in ("quarter", "month"):
        raise ValueError("every is 'quarter' or 'month'")
    try:
        import rrnkit.study as study
        from rrnkit.extra import charts
    except ImportError as error:  # pragma: no cover - the report extra is missing
        raise ImportError(MISSING_EXTRA) from error
    env = environment(__package__ or "rrnkit.extra")  # fails first if Jinja2 is missing
    day = as_of if as_of is not None else dt.date.today()
    last = Month.of(day)
    settings = settings or MeasureSettings()

    inputs: list[InputDigest] = []
    files, path_problems = without_stdin(
        as_path_list(paths), "the study page cannot read standard input; give the records as files"
    )
    ledger = read_held(
        files, keep=True, limits=None, migrations=NO_MIGRATIONS, stdin=None, progress=None
    )
    path_problems += ledger.log.path_problems
    inputs += [InputDigest(path=f.path, sha256=f.sha256, role="records") for f in ledger.log.inputs]
    if isinstance(bed_days, BedDays):
        table = bed_days
    else:
        source = as_path(bed_days, "bed_days")
        table = read_bed_days(source)
        path_problems += [p for p in table.problems if p.code.startswith("path.")]
        inputs.append(InputDigest(path=source, sha256=_digest(source), role="bed days"))
    bed_problems = [p for p in table.problems if not p.code.startswith("path.")]
    windowed = BedDays(row for row in table if row.month <= last)

    documents: list[Document] = ledger.documents
    held = [d for d in documents if not isinstance(d, Incident)]
    incidents = [d for d in documents if isinstance(d, Incident)]
    within = [i for i in incidents if Month.of(i.start.date()) <= last]
    counted = _count_measures(within, Index(held), windowed, BY[by], settings)
    window = _window(counted, windowed, last)

    spc_sections = _spc_sections(counted.by_group_month, window, by, charts, study)
    funnel, funnel_svg, funnel_note = _funnel(counted.by_group, by, overdispersion, charts, study)
    prone = _series(counted.by_month_prone, window)
    trained = _series(counted.by_month_trained, window)
    prone_svg = _share_figure(
        prone, "Prone restraint as a share of physical restraint", "prone share", charts
    )
    trained_svg = _share_figure(
        trained,
        "Staff who used force with training current, as a share",
        "training current",
        charts,
    )

    compliance: list[ComplianceCount] = []
    if window:
        periods = (quarters if every == "quarter" else months)(window[0].first_day, day)
        compliance = compliance_over_time(
            [*held, *within], ALL_PACKS, periods, by="framework", incidents="period"
        )
    compliance_svg = _compliance_figure(compliance, charts)

    problems = (*path_problems, *ledger.problems, *bed_problems)
    template = env.get_template("study_report.html.j2")
    html = template.render(
        version=__version__,
        as_of=day,
        by=by,
        every=every,
        settings=settings,
        inputs=inputs,
        read=ledger.read,
        valid=ledger.valid,
        invalid=ledger.read - ledger.valid,
        incidents=len(within),
        left_out=len(incidents) - len(within),
        bed_days_total=windowed.total,
        problem_codes=_codes(problems),
        window=window,
        spc_sections=spc_sections,
        funnel=funnel,
        funnel_svg=funnel_svg,
        funnel_note=funnel_note,
        prone=prone,
        prone_svg=prone_svg,
        trained=trained,
        trained_svg=trained_svg,
        compliance=compliance,
        compliance_svg=compliance_svg,
        rate=_rate,
        share=_share,
        count=_count,
        signals_text=_signals_text,
    )
    return StudyReport(
        html=html,
        problems=problems,
        path_problems=tuple(path_problems),
        incidents=len(within),
        read=ledger.read,
        valid=ledger.valid,
        invalid=ledger.read - ledger.valid,
        left_out=len(incidents) - len(within),
    )


def _codes(problems: Sequence[Problem]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.code] = counts.get(problem.code, 0) + 1
    return sorted(counts.items())


def _share_figure(rows: list[SeriesRow], title: str, name: str, charts: Any) -> str:
    if not any(r.value is not None for r in rows):
        return ""
    figure = charts.series_figure(
        [(name, [(r.label, r.value) for r in rows])], title=title, y_label="share", percent=True
    )
    return _svg(figure, charts.to_svg)


def _compliance_figure(counts: list[ComplianceCount], charts: Any) -> str:
    if not any(c.met_share is not None for c in counts):
        return ""
    title = "Rules met among those judged, by framework"
    series: dict[str, list[tuple[str, float | None]]] = {}
    for c in counts:
        series.setdefault(c.group, []).append((c.as_of.isoformat(), c.met_share))
    figure = charts.series_figure(list(series.items()), title=title, y_label="met", percent=True)
    return _svg(figure, charts.to_svg)


def build_study_report(
    paths: Paths,
    *,
    bed_days: StrPath | BedDays,
    by: Literal["unit", "organisation"] = "unit",
    as_of: dt.date | None = None,
    every: Literal["quarter", "month"] = "quarter",
    settings: MeasureSettings | None = None,
    overdispersion: bool = False,
) -> str:
    """Return the study page as HTML text (see :func:`study_report` for the arguments)."""
    return study_report(
        paths,
        bed_days=bed_days,
        by=by,
        as_of=as_of,
        every=every,
        settings=settings,
        overdispersion=overdispersion,
    ).html


def write_study_report(
    output: StrPath,
    paths: Paths,
    *,
    bed_days: StrPath | BedDays,
    by: Literal["unit", "organisation"] = "unit",
    as_of: dt.date | None = None,
    every: Literal["quarter", "month"] = "quarter",
    settings: MeasureSettings | None = None,
    overdispersion: bool = False,
) -> StudyReport:
    """Build the study page and write it to ``output`` atomically; return what was found.

    Nothing is written when a path cannot be read (see
    :attr:`StudyReport.path_problems`): a page missing an input would mislead.
    The file is replaced only once it is complete (a temporary file beside it
    is renamed into place). Raises :class:`OSError` when it cannot be written.
    """
    report = study_report(
        paths,
        bed_days=bed_days,
        by=by,
        as_of=as_of,
        every=every,
        settings=settings,
        overdispersion=overdispersion,
    )
    if not report.path_problems:
        with atomic_text(as_path(output, "output"), newline="\n") as handle:
            handle.write(replace_surrogates(report.html))
    return report
