"""The HTML report: every finding located, input text inert, exact counts, a bounded page."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from _html_helpers import RULES, Page, made_up_report
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import rrnkit
from rrnkit.cli import cli
from rrnkit.report import FORMATS, HTML_MAX_LISTED, LISTED, Report, render, write_report
from rrnkit.rules import Result
from rrnkit.rules.packs import ALL_PACKS

pytest.importorskip("jinja2")

EXAMPLES = Path(__file__).parents[2] / "examples"
EXAMPLES_AS_OF = "2026-11-28"

SIZE_BOUND = 2_000_000
"""The bound docs/reference/report-format.md states for a page at the default cap."""


@pytest.fixture(scope="module")
def examples_report() -> Report:
    import datetime as dt

    return rrnkit.check(EXAMPLES, as_of=dt.date.fromisoformat(EXAMPLES_AS_OF))


def test_html_is_a_report_format() -> None:
    assert "html" in FORMATS


def test_every_finding_of_the_examples_is_listed_and_located(examples_report: Report) -> None:
    page = Page(render(examples_report, "html", ALL_PACKS.rules))
    findings = [r for r in examples_report.results if r.outcome in LISTED]
    assert len(findings) == 9
    assert len(page.rows) == len(findings)
    text = " ".join("".join(page.text).split())
    for result in findings:
        assert f"{result.source}:{result.line}" in text
        for pointer in result.pointers:
            assert pointer in text
        assert result.message in text
        assert f"rule-{result.rule_id}" in page.by_id
    assert "9 findings" in page.of("findings-count")
    assert "more not listed" not in page.of("findings-count")


def test_header_names_version_rule_set_as_of_inputs_and_disclaimer(
    examples_report: Report,
) -> None:
    html = render(examples_report, "html", ALL_PACKS.rules)
    text = " ".join("".join(Page(html).text).split())
    assert rrnkit.__version__ in text
    assert f"{examples_report.ruleset_id}, version {examples_report.ruleset_version}" in text
    assert EXAMPLES_AS_OF in text
    for item in examples_report.inputs:
        assert item.sha256 is not None
        assert item.sha256 in text
    assert "It is not a certification body and certifies no one." in text
    # a citation links to its source, and the rule's reading is shown
    assert 'href="https://www.legislation.gov.uk/ukpga/2018/27/section/6"' in html
    reading = next(r.reading for r in ALL_PACKS.rules if r.id == "UOF-S6-A-REASON")
    assert " ".join(reading.split()) in text


def test_summary_counts_are_the_reports(examples_report: Report) -> None:
    html = render(examples_report, "html", ALL_PACKS.rules)
    page = Page(html)
    summary = page.of("summary")
    counts = examples_report.counts
    # the framework table's footer is every outcome, exactly
    totals = " ".join(str(counts[o]) for o in counts)
    assert f"Every rule outcome {totals}" in summary
    for authority, n in examples_report.unmet_by_authority.items():
        if n:
            assert authority is not None
            assert re.search(rf"{authority.words}( \d+){{5}} {n}\b", summary), authority
    for words in (
        "statute",
        "statutory guidance",
        "national standard",
        "voluntary commitment",
        "good-practice guidance",
    ):
        assert re.search(rf"{words}( \d+){{6}}", summary), words  # every class shown
    assert "breakdown-note" not in page.by_id  # every outcome held: the tables are exact


def test_input_text_is_shown_as_text_never_as_markup() -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    report = made_up_report(3, problems=1, message=hostile, source=f"{hostile}.jsonl")
    report = attrs.evolve(
        report, inputs=(rrnkit.report.InputFile(path=hostile, sha256=None, size=1, records=1),)
    )
    html = render(report, "html", ALL_PACKS.rules)
    page = Page(html)
    assert page.tags["script"] == 1  # only the page's own filter script
    assert page.tags["img"] == 0
    assert hostile in "".join(page.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_control_characters_and_lone_surrogates_are_escaped() -> None:
    report = made_up_report(1, source="bad\udcff\x1b[31mname.jsonl")
    html = render(report, "html")
    html.encode("utf-8")  # a lone surrogate never stops the page being written
    assert "\x1b" not in html
    assert r"bad\udcff\x1b[31mname.jsonl" in html


@settings(max_examples=25, deadline=None)
@given(
    findings=st.integers(0, 40),
    problems=st.integers(0, 15),
    cap=st.one_of(st.none(), st.integers(0, 60)),
)
def test_the_cap_lists_problems_first_and_counts_the_rest(
    findings: int, problems: int, cap: int | None
) -> None:
    report = made_up_report(findings, met=3, problems=problems)
    page = Page(render(report, "html", max_listed=cap))
    listed_problems = problems if cap is None else min(problems, cap)
    listed_findings = findings if cap is None else min(findings, cap - listed_problems)
    assert page.problem_rows == listed_problems
    assert len(page.rows) == listed_findings
    said = page.of("findings-count")
    assert said.startswith(f"{findings} finding")
    assert f"{listed_findings} listed" in said
    left = findings - listed_findings
    assert (f"and {left} more not listed" in said) is (left > 0)
    assert (f"and {problems - listed_problems} more not listed" in page.of("problems-count")) is (
        problems > listed_problems
    )


def test_the_page_is_bounded_whatever_the_size_of_the_run() -> None:
    """At the default cap, long messages and paths: under the stated bound, and no bigger
    for a run ten times the size (the listed findings' lines and rules differ a little)."""
    long_message = "the record does not state the reason for the use of force " * 5  # 300 chars
    long_path = "evidence/" + "ward-records/" * 15 + "incidents.jsonl"  # 200 chars
    sizes = []
    for findings in (2_000, 20_000):
        report = made_up_report(findings, message=long_message, source=long_path)
        pieces: list[str] = []
        write_report(report, "html", pieces.append)
        html = "".join(pieces)
        assert len(Page(html).rows) == HTML_MAX_LISTED
        sizes.append(len(html.encode("utf-8")))
    assert sizes[0] <= SIZE_BOUND
    assert sizes[1] <= sizes[0] * 1.02
    print(f"page at the cap: {sizes} bytes")


class OneShot(Sequence[Result]):
    """Results that can be read once, in order, and never indexed: a spool's contract."""

    def __init__(self, results: Sequence[Result]) -> None:
        self.results = results
        self.reads = 0

    def __iter__(self) -> Iterator[Result]:
        self.reads += 1
        assert self.reads == 1, "results read twice"
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: Any) -> Any:
        raise AssertionError("results indexed")


def test_results_are_read_once_in_order() -> None:
    report = made_up_report(30, met=10)
    spool = OneShot(report.results)
    html = render(attrs.evolve(report, results=spool), "html", max_listed=5)
    assert spool.reads == 1
    assert len(Page(html).rows) == 5


def test_a_report_holding_only_findings_says_its_tables_count_what_it_holds() -> None:
    report = made_up_report(5, met=5)
    findings_only = attrs.evolve(
        report, results=tuple(r for r in report.results if r.outcome in LISTED)
    )
    page = Page(render(findings_only, "html"))
    assert "5 outcomes this report holds, of 10" in page.of("breakdown-note")


def test_findings_are_grouped_by_rule_with_their_filter_data() -> None:
    report = made_up_report(12)
    page = Page(render(report, "html"))
    assert [row["data-rule"] for row in page.rows] == sorted(
        (row["data-rule"] for row in page.rows), key=[r.id for r in RULES].index
    )
    for row in page.rows:
        rule = next(r for r in RULES if r.id == row["data-rule"])
        assert row["data-severity"] == rule.severity.value
        assert set(str(row["data-frameworks"]).split()) == {c.framework for c in rule.citations}


def test_units_come_from_the_caller() -> None:
    report = made_up_report(4)
    page = Page(
        render_units(report, lambda r: "ward-<b>" if r.subject_id.endswith(("0", "2")) else None)
    )
    assert [row["data-unit"] for row in page.rows].count("ward-<b>") == 2


def render_units(report: Report, unit_of: Any) -> str:
    pieces: list[str] = []
    write_report(report, "html", pieces.append, unit_of=unit_of)
    return "".join(pieces)


def test_a_validate_report_lists_its_problems() -> None:
    report = attrs.evolve(made_up_report(0, problems=3), command="validate", results=())
    page = Page(render(report, "html"))
    assert page.problem_rows == 3
    assert page.tags["script"] == 0  # nothing to filter
    assert "findings" not in page.by_id


# ----------------------------------------------------------------------- command line


def test_check_writes_a_page_with_units(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLES), "--as-of", EXAMPLES_AS_OF, "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    page = Page(out.read_text("utf-8"))
    assert len(page.rows) == 9
    units = {row["data-unit"] for row in page.rows}
    assert {"ward-bracken", "ward-heather", "ward-kestrel-picu"} <= units


def test_max_problems_caps_the_page_not_the_counts(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["check", str(EXAMPLES), "--as-of", EXAMPLES_AS_OF, "--format", "html"]
    result = CliRunner().invoke(cli, [*args, "--max-problems", "4", "-o", str(out)])
    assert result.exit_code == 1, result.output
    page = Page(out.read_text("utf-8"))
    assert len(page.rows) == 4
    assert "9 findings" in page.of("findings-count")
    assert "and 5 more not listed" in page.of("findings-count")
    assert "breakdown-note" not in page.by_id  # counted every outcome, capped only the list


def test_validate_writes_a_page() -> None:
    result = CliRunner().invoke(cli, ["validate", str(EXAMPLES), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("command", ["check", "validate"])
def test_without_jinja2_html_is_a_usage_error_naming_the_extra(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    result = CliRunner().invoke(cli, [command, str(EXAMPLES), "--format", "html"])
    assert result.exit_code == 2
    assert "rrnkit[report]" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
