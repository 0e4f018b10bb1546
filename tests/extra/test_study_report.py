"""The study page: every section, numbers equal to rrnkit.study's own, escaping, the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")

from study_page import count, rate, share, tables_of

import rrnkit
from rrnkit._internal.html import MISSING_EXTRA
from rrnkit.cli import cli
from rrnkit.extra.study_report import build_study_report, study_report
from rrnkit.study import (
    INTERVENTIONS_PER_1000_OBD,
    MONTH,
    ORGANISATION,
    PRONE_SHARE,
    TRAINED_STAFF_SHARE,
    UNIT,
    funnel,
    measure_paths,
    read_bed_days,
    spc,
)
from rrnkit.synth import BED_DAYS_FILE, SynthConfig, write

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BED_DAYS = EXAMPLES / "bed-days.csv"
AS_OF = dt.date(2026, 11, 28)
SECTIONS = ("spc", "funnel", "prone", "training", "compliance")


@pytest.fixture(scope="module")
def page() -> str:
    return build_study_report([str(EXAMPLES)], bed_days=str(BED_DAYS), as_of=AS_OF)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    write(SynthConfig(organisations=3, incidents=400, years=1, seed=7), folder)
    return folder


def test_the_page_has_every_section_and_the_header(page: str) -> None:
    for section in SECTIONS:
        assert f'<section id="{section}"' in page
    assert f"rrnkit {rrnkit.__version__}" in page
    assert "2026-11-28" in page
    assert "not a certification body" in page
    digest = hashlib.sha256(BED_DAYS.read_bytes()).hexdigest()
    incidents = hashlib.sha256((EXAMPLES / "incidents.jsonl").read_bytes()).hexdigest()
    rows = {row[0]: row for row in tables_of(page)["inputs"]}
    assert rows[str(BED_DAYS)][1:] == ["bed days", digest]
    assert rows[str(EXAMPLES / "incidents.jsonl")][1:] == ["records", incidents]
    # every chart is inline SVG inside a figure with a caption; nothing is fetched
    assert page.count("<figure") == page.count("<figcaption") == page.count("<svg")
    assert page.count("<svg") >= 3 + 4  # three units' SPC charts, funnel, two shares, compliance
    local = page.replace("http://www.w3.org/", "")  # SVG's namespace names, never fetched
    for fetch in ("http://", "https://", " src=", ' href="/', "@import"):
        assert fetch not in local, fetch
    assert re.findall(r"url\((?!#)", page) == []  # only references inside the page


def test_spc_tables_hold_the_measures_and_the_chart(page: str) -> None:
    bed_days = read_bed_days(BED_DAYS)
    measures = measure_paths([EXAMPLES], [ORGANISATION, UNIT, MONTH], bed_days=bed_days)
    rows = measures.of(INTERVENTIONS_PER_1000_OBD)
    tables = tables_of(page)
    units = sorted({r.value_of("unit") for r in rows})
    assert len(units) == 3
    for n, unit in enumerate(units, 1):
        table = tables[f"spc-{n}-table"]
        mine = {r.value_of("month"): r for r in rows if r.value_of("unit") == unit}
        window = [row[0] for row in table]
        assert window[0] == "2025-01"
        assert window[-1] == "2026-11"
        assert set(mine) <= set(window)
        chart = spc([(m, mine[m].value if m in mine else None) for m in window])
        for cells, point in zip(table, chart.points, strict=True):
            month, numerator, denominator, value, mean, lower, upper, signals = cells
            assert month == point.label
            assert count(numerator) == mine[month].numerator
            assert count(denominator) == mine[month].denominator
            assert value == rate(mine[month].value)
            assert (mean, lower, upper) == (rate(point.mean), rate(point.lower), rate(point.upper))
            if point.special_cause:
                assert signals.startswith(f"special cause ({point.variation})")
                assert all(signal in signals for signal in point.signals)
                assert f"{month}: {point.variation}" in page  # in the caption, in words
            else:
                assert signals == "common cause"
        assert chart.method in page


def test_the_funnel_table_holds_each_units_rate_and_limits(page: str) -> None:
    bed_days = read_bed_days(BED_DAYS)
    rows = measure_paths([EXAMPLES], [ORGANISATION, UNIT], bed_days=bed_days).of(
        INTERVENTIONS_PER_1000_OBD
    )
    units = sorted(
        (f"{r.value_of('organisation')} / {r.value_of('unit')}", r.numerator, r.denominator)
        for r in rows
    )
    expected = funnel([(label, n, float(d or 0)) for label, n, d in units])
    table = tables_of(page)["funnel-table"]
    assert len(table) == len(expected.points) == 3
    for cells, point in zip(table, expected.points, strict=True):
        assert cells[0] == point.label
        assert count(cells[1]) == point.count
        assert count(cells[2]) == point.exposure
        assert cells[3] == rate(point.rate)
        limits = [rate(x) for _level, lower, upper in point.limits for x in (lower, upper)]
        assert cells[4:-1] == limits
        assert cells[-1] == point.position
    assert expected.method in page


@pytest.mark.parametrize(
    ("table", "measure"), [("prone-table", PRONE_SHARE), ("training-table", TRAINED_STAFF_SHARE)]
)
def test_share_tables_hold_the_study_measures_by_month(page: str, table: str, measure: str) -> None:
    rows = {
        r.value_of("month"): r
        for r in measure_paths([EXAMPLES], [MONTH], bed_days=read_bed_days(BED_DAYS)).of(measure)
    }
    shown = tables_of(page)[table]
    assert rows, "the examples hold no row of the measure"
    assert {cells[0] for cells in shown} >= set(rows)
    for month, numerator, denominator, value, unknown in shown:
        row = rows.get(month)
        if row is None:  # a month without any: nothing to share
            assert (numerator, denominator, value) == ("0", "0", "n/a")
            continue
        assert (count(numerator), count(denominator)) == (row.numerator, row.denominator)
        assert value == share(row.value)
        assert count(unknown) == row.unknown


def test_compliance_table_is_what_study_trend_counts(page: str) -> None:
    result = CliRunner().invoke(
        cli,
        ["study", "trend", str(EXAMPLES), "--from", "2025-01-01", "--to", AS_OF.isoformat()],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()[1:]
    expected = [line.split(",") for line in lines]
    shown = tables_of(page)["compliance-table"]
    assert len(shown) == len(expected) > 0
    for cells, (start, as_of, group, *counts, met_share) in zip(shown, expected, strict=True):
        assert cells[:3] == [start, as_of, group]
        assert [count(c) for c in cells[3:8]] == [int(c) for c in counts]
        assert cells[8] == share(float(met_share) if met_share else None)


def test_synthetic_organisations_compared(synthetic: Path) -> None:
    bed_days = synthetic / BED_DAYS_FILE
    html = build_study_report(
        [synthetic], bed_days=bed_days, by="organisation", as_of=dt.date(2024, 12, 31)
    )
    rows = measure_paths([synthetic], [ORGANISATION], bed_days=read_bed_days(bed_days)).of(
        INTERVENTIONS_PER_1000_OBD
    )
    tables = tables_of(html)
    shown = {cells[0]: cells for cells in tables["funnel-table"]}
    assert set(shown) == {r.value_of("organisation") for r in rows}
    assert len(shown) == 3
    for row in rows:
        cells = shown[row.value_of("organisation")]
        assert (count(cells[1]), count(cells[2])) == (row.numerator, row.denominator)
        assert cells[3] == rate(row.value)
    assert len([t for t in tables if t.startswith("spc-")]) == 3
    for n in (1, 2, 3):
        assert [cells[0] for cells in tables[f"spc-{n}-table"]][:2] == ["2024-01", "2024-02"]


def test_markup_in_a_file_name_is_shown_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    marked = '<em id="planted">x<em>.jsonl'
    (folder / "incidents.jsonl").rename(folder / marked)
    html = build_study_report([folder], bed_days=BED_DAYS, as_of=AS_OF)
    assert '<em id="planted">' not in html
    assert "&lt;em id=&#34;planted&#34;&gt;x&lt;em&gt;.jsonl" in html


def test_the_window_ends_with_the_as_of_month() -> None:
    found = study_report([EXAMPLES], bed_days=BED_DAYS, as_of=dt.date(2025, 12, 1))
    tables = tables_of(found.html)
    assert [cells[0] for cells in tables["spc-1-table"]][-1] == "2025-12"
    lines = (EXAMPLES / "incidents.jsonl").read_text("utf-8").splitlines()
    later = sum(1 for line in lines if json.loads(line)["start"] >= "2026-01")
    assert found.left_out == later > 0
    assert found.incidents == 12 - later


# ------------------------------------------------------------------ the command line


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["study", "report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_command_writes_the_page(tmp_path: Path, page: str) -> None:
    out = tmp_path / "study.html"
    code, _, stderr = run(
        str(EXAMPLES), "--bed-days", str(BED_DAYS), "--as-of", "2026-11-28", "-o", str(out)
    )
    assert (code, stderr) == (0, "")
    html = out.read_text("utf-8")
    assert html == page
    assert [p.name for p in tmp_path.iterdir()] == ["study.html"]  # no temporary file left


def test_a_bad_bed_days_row_is_located_and_the_rest_is_drawn(tmp_path: Path) -> None:
    bed_days = tmp_path / "bed-days.csv"
    bed_days.write_text(BED_DAYS.read_text() + "org-northmoor-mh,ward-heather,2026-13,1\n")
    out = tmp_path / "study.html"
    code, _, stderr = run(
        str(EXAMPLES), "--bed-days", str(bed_days), "--as-of", "2026-11-28", "-o", str(out)
    )
    assert code == 1
    assert f"{bed_days}:71: /month: bed-days.month:" in stderr
    assert "2026-13" not in stderr
    assert "<code>bed-days.month</code> &times; 1" in out.read_text("utf-8")


@pytest.mark.parametrize("missing", ["records", "bed days"])
def test_a_missing_path_is_a_usage_error_and_writes_nothing(tmp_path: Path, missing: str) -> None:
    out = tmp_path / "study.html"
    paths = [str(tmp_path / "nowhere")] if missing == "records" else [str(EXAMPLES)]
    bed_days = str(tmp_path / "nowhere.csv") if missing == "bed days" else str(BED_DAYS)
    code, _, stderr = run(*paths, "--bed-days", bed_days, "-o", str(out))
    assert code == 2
    assert "path.not-found" in stderr
    assert not out.exists()


def test_an_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "study.html"
    code, _, stderr = run(str(EXAMPLES), "--bed-days", str(BED_DAYS), "-o", str(out))
    assert code == 2
    assert "cannot write" in stderr
    assert not out.parent.exists()


def test_a_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    out = str(tmp_path / "study.html")
    assert run(str(EXAMPLES), "--bed-days", str(BED_DAYS), "-o", out, "--by", "ward")[0] == 2
    assert (
        run(str(EXAMPLES), "--bed-days", str(BED_DAYS), "-o", out, "--as-of", "2026-02-30")[0] == 2
    )
    assert run(str(EXAMPLES), "-o", out)[0] == 2  # --bed-days is required


def test_the_missing_report_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # as if Jinja2 were not installed
    with pytest.raises(ImportError, match=r"rrnkit\[report\]"):
        build_study_report([EXAMPLES], bed_days=BED_DAYS, as_of=AS_OF)
    code, _, stderr = run(
        str(EXAMPLES), "--bed-days", str(BED_DAYS), "-o", str(tmp_path / "study.html")
    )
    assert code == 2
    assert MISSING_EXTRA in " ".join(stderr.split())


def test_standard_input_is_refused_as_a_path_problem(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["study", "report", "-", "--bed-days", str(BED_DAYS), "-o", str(tmp_path / "s.html")],
        input=io.BytesIO(b""),
    )
    assert result.exit_code == 2
    assert "standard input" in result.stderr


def test_charts_beyond_the_cap_are_summarised(monkeypatch: pytest.MonkeyPatch) -> None:
    import rrnkit.extra.study_report as module

    monkeypatch.setattr(module, "MAX_SPC_CHARTS", 1)
    html = build_study_report([EXAMPLES], bed_days=BED_DAYS, as_of=AS_OF)
    tables = tables_of(html)
    # the unit with the most interventions is drawn; the others are one row each
    rows = measure_paths([EXAMPLES], [ORGANISATION, UNIT], bed_days=read_bed_days(BED_DAYS)).of(
        INTERVENTIONS_PER_1000_OBD
    )
    busiest = max(rows, key=lambda r: r.numerator).value_of("unit")
    drawn = [t for t in tables if t.startswith("spc-") and t[4:-6].isdigit()]
    assert len(drawn) == 1
    assert html.count("Numbers for the SPC chart of") == 1
    assert f"Numbers for the SPC chart of org-northmoor-mh / {busiest}<" in html
    others = {cells[0]: cells for cells in tables["spc-others-table"]}
    assert len(others) == 2
    for row in rows:
        label = f"{row.value_of('organisation')} / {row.value_of('unit')}"
        if label in others:
            assert (count(others[label][1]), count(others[label][2])) == (
                row.numerator,
                row.denominator,
            )
    assert html.count("<svg") == 1 + 4
