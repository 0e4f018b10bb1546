"""Charts: figures carry the chart's numbers; the SVG is inline, deterministic and offline."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from typing import Any
from xml.etree import ElementTree

import pytest

pytest.importorskip("matplotlib")

from rrnkit.extra.charts import funnel_figure, series_figure, spc_figure, to_svg
from rrnkit.study import funnel, spc

_SVG = "{http://www.w3.org/2000/svg}"
_BASE = [3.0, 4.0, 3.0, 5.0, 4.0, 3.0, 4.0, 5.0, 4.0, 3.0, 4.0, 4.0]


def _chart(values: list[float | None], **options: Any) -> Any:
    return spc([(f"2025-{i + 1:02d}", v) for i, v in enumerate(values)], **options)


def _line(figure: Any, label: str) -> Any:
    (line,) = [x for x in figure.axes[0].get_lines() if x.get_label() == label]
    return line


def _legend(figure: Any) -> list[str]:
    return [t.get_text() for t in figure.axes[0].get_legend().get_texts()]


def test_spc_figure_carries_the_chart_numbers() -> None:
    chart = _chart([*_BASE, 12.0, None, 4.0], rebase=[])
    figure = spc_figure(chart, title="Interventions", y_label="per 1,000 OBD")
    values = _line(figure, "Value").get_ydata()
    assert [None if math.isnan(v) else v for v in values] == [p.value for p in chart.points]
    mean = [v for v in _line(figure, "Mean").get_ydata() if not math.isnan(v)]
    assert mean == [p.mean for p in chart.points]
    upper = [v for v in _line(figure, "Process limits").get_ydata() if not math.isnan(v)]
    assert upper == [p.upper for p in chart.points]
    concern = _line(figure, "Special cause: concern")
    assert list(concern.get_xdata()) == [
        i for i, p in enumerate(chart.points) if p.variation == "concern"
    ]
    assert concern.get_marker() != _line(figure, "Value").get_marker()


def test_special_cause_markers_appear_only_with_a_signal() -> None:
    quiet = spc_figure(_chart(_BASE), title="Quiet", y_label="rate")
    assert not [t for t in _legend(quiet) if t.startswith("Special cause")]
    signal = _chart([*_BASE, 12.0, 0.0], improvement="increase", baseline=12)
    loud = spc_figure(signal, title="Loud", y_label="rate")
    assert {"Special cause: improvement", "Special cause: concern"} <= set(_legend(loud))
    svg = to_svg(loud)
    assert "Special cause: improvement" in svg
    assert "Special cause: concern" in svg
    neutral = spc_figure(_chart([*_BASE, 12.0], improvement=None), title="N", y_label="rate")
    assert "Special cause: no direction set" in _legend(neutral)


def test_a_rebase_breaks_the_mean_line() -> None:
    chart = _chart([*_BASE, *[v + 10 for v in _BASE]], rebase=["2025-13"])
    mean = list(_line(spc_figure(chart, title="T", y_label="y"), "Mean").get_ydata())
    assert sum(math.isnan(v) for v in mean) == 1


def test_funnel_figure_carries_the_funnel_numbers() -> None:
    plot = funnel([("a", 10, 5000.0), ("b", 40, 8000.0), ("c", 3, 2000.0), ("d", 90, 9000.0)])
    figure = funnel_figure(plot, title="Units", x_label="occupied bed days", y_label="rate")
    above = _line(figure, "Above the outer limit")
    assert list(above.get_ydata()) == [p.rate for p in plot.points if p.position == "above-outer"]
    limit = _line(figure, "99.8% limits")
    assert list(limit.get_xdata()) == [c.exposure for c in plot.curve]
    assert list(limit.get_ydata()) == [c.limits[1][2] for c in plot.curve]
    assert "Target" in _legend(figure)
    labels = {t.get_text() for t in figure.axes[0].texts}
    assert labels == {p.label for p in plot.points if p.position != "within"}


def test_series_figure_one_line_per_series_with_gaps() -> None:
    figure = series_figure(
        [
            ("Prone share", [("2025-01", 0.1), ("2025-02", None), ("2025-03", 0.3)]),
            ("Training current", [("2025-02", 0.8), ("2025-03", 0.9)]),
        ],
        title="Shares",
        y_label="share",
        percent=True,
    )
    prone = list(_line(figure, "Prone share").get_ydata())
    assert prone[0] == 0.1
    assert math.isnan(prone[1])
    assert prone[2] == 0.3
    trained = list(_line(figure, "Training current").get_ydata())
    assert math.isnan(trained[0])
    assert trained[1:] == [0.8, 0.9]
    lines = [_line(figure, "Prone share"), _line(figure, "Training current")]
    assert lines[0].get_marker() != lines[1].get_marker()
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert "%" in to_svg(figure)


def _figures() -> list[Any]:
    chart = _chart([*_BASE, 12.0])
    plot = funnel([("a", 10, 5000.0), ("b", 40, 8000.0)])
    return [
        spc_figure(chart, title="Restrictive interventions", y_label="per 1,000 OBD"),
        funnel_figure(plot, title="Units compared", x_label="OBD", y_label="rate"),
        series_figure([("x", [("2025-01", 1.0)])], title="Over time", y_label="y"),
    ]


@pytest.mark.parametrize("n", range(3))
def test_svg_is_inline_deterministic_and_offline(n: int) -> None:
    first, second = to_svg(_figures()[n]), to_svg(_figures()[n])
    assert first == second
    assert first.startswith("<svg ")
    assert "<?xml" not in first
    assert "DOCTYPE" not in first
    # Only namespace names mention http; nothing is fetched.
    mentions = set(re.findall(r"https?://[^\"'\s)]*", first))
    assert mentions <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert not re.search(r"(href|src)=\"(?!#)", first)
    assert "url(" not in first.replace("url(#", "")
    root = ElementTree.fromstring(first)
    assert root.get("role") == "img"
    title = root.find(f"{_SVG}title")
    assert title is not None
    assert title.text == root.get("aria-label")
    assert title.text in {"Restrictive interventions", "Units compared", "Over time"}
    assert title.text in "".join(root.itertext())


def test_input_text_is_shown_as_text_never_markup() -> None:
    label = '<b onload="x()">Ward $1$ & co</b>'
    chart = spc([(label, 1.0), ("2025-02", 2.0), ("2025-03", 1.5)])
    svg = to_svg(spc_figure(chart, title=f"Unit {label}", y_label=label))
    root = ElementTree.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("}b") or e.tag == "b"]
    assert root.get("aria-label") == f"Unit {label}"
    assert any(label in (t or "") for t in root.itertext())


def test_charts_with_different_titles_do_not_share_ids() -> None:
    a, b = (to_svg(series_figure([("x", [("m", 1.0)])], title=t, y_label="y")) for t in "AB")
    ids = re.compile(r'\sid="([^"]+)"')
    assert ids.findall(a)
    assert not set(ids.findall(a)) & set(ids.findall(b))
    for svg in (a, b):
        defined = set(ids.findall(svg))
        assert set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg)) <= defined


def test_import_rrnkit_does_not_import_matplotlib() -> None:
    code = "import sys, rrnkit, rrnkit.study; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
