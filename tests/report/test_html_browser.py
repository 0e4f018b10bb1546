"""The HTML report in a real browser (the system Chromium, driven by Playwright).

Each page loads from a file:// URL with every request routed and recorded: the
page itself is the only request allowed. A console error, a page error or a
dialog fails the test; axe-core finds no serious or critical violation of
WCAG 2 A/AA. The shared helper is tests/_browser.py (fixtures ``visit`` and
``js_tools`` in tests/conftest.py). Skipped, with the reason, only where
Chromium or Playwright is absent.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from _html_helpers import made_up_report
from click.testing import CliRunner

from _browser import playwright_api
from rrnkit.cli import cli
from rrnkit.report import render
from samples import INCIDENT

sync_api = playwright_api()
pytest.importorskip("jinja2")

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "check.html"
    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLES), "--as-of", "2026-11-28", "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    return out


def visible_rows(v: Any) -> int:
    return int(v.page.locator("tr.finding:visible").count())


def test_page_loads_with_landmarks_headings_and_findings(
    visit: Any, examples_page: Path, tmp_path: Path
) -> None:
    v = visit(examples_page)
    page = v.page
    for role in ("banner", "main", "contentinfo", "search"):
        assert page.get_by_role(role).count() == 1, role
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
    )
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels  # none skipped
    assert page.locator("table:not(:has(caption))").count() == 0
    assert page.locator("thead th:not([scope])").count() == 0
    assert visible_rows(v) == 9
    assert page.get_by_text("It is not a certification body").is_visible()
    # the stylesheet applies whole (escaped, its quoted font names voided the font rules)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    assert v.screenshot(tmp_path, "check-report.png").stat().st_size > 0


def test_no_serious_or_critical_accessibility_violation(
    visit: Any, examples_page: Path, js_tools: Path
) -> None:
    v = visit(examples_page)
    assert v.page.locator("#filters").is_visible()  # scanned with its controls showing
    v.check_accessible(js_tools)


def test_accessibility_holds_with_a_filter_applied_and_invalid_documents(
    visit: Any, tmp_path: Path, js_tools: Path
) -> None:
    report = made_up_report(6, met=2, problems=2)
    out = tmp_path / "mixed.html"
    out.write_text(render(report, "html"), encoding="utf-8")
    v = visit(out)
    v.page.fill("input[name=q]", "nothing matches this")
    assert visible_rows(v) == 0
    v.check_accessible(js_tools)


def test_the_scan_finds_what_it_should(visit: Any, tmp_path: Path, js_tools: Path) -> None:
    """The scan is live: a page with an unlabelled control and faint text fails it."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<h1>t</h1><select></select><p style="color:#ccc">faint</p></main></body></html>',
        encoding="utf-8",
    )
    found = {x["id"]: x["impact"] for x in visit(bad).accessibility(js_tools)}
    assert found.get("select-name") == "critical"
    assert found.get("color-contrast") == "serious"


def test_filters_hide_what_does_not_match(visit: Any, examples_page: Path) -> None:
    v = visit(examples_page)
    page = v.page
    assert page.locator("#filters").is_visible()
    page.select_option("select[name=severity]", "warning")
    assert visible_rows(v) == 2
    severities = page.eval_on_selector_all(
        "tr.finding:not([hidden])", "rows => rows.map(r => r.dataset.severity)"
    )
    assert severities == ["warning", "warning"]
    # a rule with no visible finding is hidden whole
    assert page.locator("#rule-UOF-S6-A-REASON").is_hidden()
    page.select_option("select[name=severity]", "")
    page.select_option("select[name=framework]", "uof-act")
    assert visible_rows(v) == 5
    page.select_option("select[name=framework]", "")
    page.select_option("select[name=unit]", "ward-heather")
    assert visible_rows(v) == 2
    page.select_option("select[name=unit]", "")
    page.select_option("select[name=rule]", "RRN-STAFF-REFRESHER")
    assert visible_rows(v) == 1
    page.select_option("select[name=rule]", "")
    page.fill("input[name=q]", "prone")
    assert visible_rows(v) == 1
    assert "1 of 9 listed findings shown" in page.locator("#filter-status").inner_text()
    page.get_by_role("button", name="Show all").click()
    sync_api.expect(page.locator("tr.finding:visible")).to_have_count(9)  # reset runs after
    assert visible_rows(v) == 9


def test_everything_is_shown_with_scripts_off(visit: Any, examples_page: Path) -> None:
    v = visit(examples_page, java_script_enabled=False)
    assert v.page.locator("#filters").is_hidden()
    assert visible_rows(v) == 9
    assert v.page.locator("section.rule:visible").count() == 9


def test_print_shows_findings_and_no_controls(visit: Any, examples_page: Path) -> None:
    v = visit(examples_page)
    v.page.emulate_media(media="print")
    assert v.page.locator("#filters").is_hidden()
    assert visible_rows(v) == 9
    v.page.pdf(path=str(examples_page.with_suffix(".pdf")))  # prints without error


def test_a_large_run_lists_up_to_the_cap(visit: Any, tmp_path: Path) -> None:
    """A synthetic run's page (rrnkit.synth) at a small cap: rows listed, the rest counted."""
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(incidents=300, gap_share=0.3, seed=18)
    data = tmp_path / "data"
    write(config, data)
    out = tmp_path / "large.html"
    result = CliRunner().invoke(
        cli,
        ["check", str(data), "--as-of", config.end.isoformat(), "--format", "html",
         "--max-problems", "25", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    v = visit(out)
    assert visible_rows(v) == 25
    said = v.page.locator("#findings-count").inner_text()
    total = int(said.split(" ", 1)[0])
    assert total > 25
    assert f"and {total - 25} more not listed" in said


def test_hostile_names_stay_text_in_the_browser(visit: Any, tmp_path: Path) -> None:
    hostile = "<img src=x onerror=\"document.title='owned'\">"
    report = made_up_report(2, source=f"{hostile}.jsonl", message=hostile)
    out = tmp_path / "hostile.html"
    out.write_text(render(report, "html"), encoding="utf-8")
    v = visit(out)
    assert v.page.locator("main img").count() == 0
    assert "owned" not in v.page.title()
    assert v.page.get_by_text(f"{hostile}.jsonl:1").count() == 1


def test_a_file_named_with_markup_is_shown_as_text(visit: Any, tmp_path: Path) -> None:
    """A real file whose name is an HTML element: listed by name, never made an element."""
    name = "<img src=x onerror=alert(1)>.jsonl"
    data = tmp_path / "data"
    data.mkdir()
    try:
        hostile = data / name
        gap = {k: v for k, v in INCIDENT.items() if k != "reason"}  # a finding: no reason
        broken = {"kind": "incident", "schema_version": "1.0"}  # a problem: fields missing
        hostile.write_text(f"{json.dumps(gap)}\n{json.dumps(broken)}\n", encoding="utf-8")
    except OSError:  # pragma: no cover - a file system that refuses the name
        pytest.skip("this file system does not allow '<', '>' or '=' in a file name")
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(
        cli, ["check", str(data), "--as-of", "2026-11-28", "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    v = visit(out)
    assert v.page.locator("img").count() == 0
    assert visible_rows(v) >= 1
    shown = v.page.get_by_text(name)
    assert shown.count() >= 3  # a finding, a problem and the inputs table
    for n in range(shown.count()):
        assert shown.nth(n).is_visible()
    assert v.page.locator("tr.finding").first.inner_text().find(name) != -1


def test_invalid_documents_are_listed_with_their_places(visit: Any, tmp_path: Path) -> None:
    report = made_up_report(3, met=2, problems=2)
    out = tmp_path / "plain.html"
    out.write_text(render(report, "html", max_listed=None), encoding="utf-8")
    v = visit(out)
    assert visible_rows(v) == 3
    problems = v.page.locator("tr.problem:visible")
    assert problems.count() == 2
    assert problems.first.inner_text().startswith("incidents.jsonl:1")
