"""The HTML report in a real browser (the system Chromium, driven by Playwright).

Each page loads from a file:// URL with every request recorded: the page
itself is the only request allowed. A console error or a page error fails
the test. Skipped, with the reason, only where Chromium or Playwright is absent.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _html_helpers import made_up_report
from click.testing import CliRunner

from rrnkit.cli import cli
from rrnkit.report import render

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "no chromium on PATH: the browser tests need Debian's chromium", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed"
)
pytest.importorskip("jinja2")

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "check.html"
    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLES), "--as-of", "2026-11-28", "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    return out


class Visit:
    """A page opened in a fresh context, with its requests and errors recorded."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def check_clean(self) -> None:
        assert self.requests == [self.url], "the page asked for something besides itself"
        assert self.errors == []

    def visible_rows(self) -> int:
        return int(self.page.locator("tr.finding:visible").count())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(path: Path, **context: Any) -> Visit:
        opened.append(Visit(browser, path, **context))
        return opened[-1]

    yield open_page
    for item in opened:
        item.check_clean()
        item.close()


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
    assert v.visible_rows() == 9
    assert page.get_by_text("It is not a certification body").is_visible()
    page.screenshot(path=str(tmp_path / "check-report.png"), full_page=True)
    print(f"screenshot: {tmp_path / 'check-report.png'}")


def test_filters_hide_what_does_not_match(visit: Any, examples_page: Path) -> None:
    v = visit(examples_page)
    page = v.page
    assert page.locator("#filters").is_visible()
    page.select_option("select[name=severity]", "warning")
    assert v.visible_rows() == 2
    severities = page.eval_on_selector_all(
        "tr.finding:not([hidden])", "rows => rows.map(r => r.dataset.severity)"
    )
    assert severities == ["warning", "warning"]
    # a rule with no visible finding is hidden whole
    assert page.locator("#rule-UOF-S6-A-REASON").is_hidden()
    page.select_option("select[name=severity]", "")
    page.select_option("select[name=framework]", "uof-act")
    assert v.visible_rows() == 5
    page.select_option("select[name=framework]", "")
    page.select_option("select[name=unit]", "ward-heather")
    assert v.visible_rows() == 2
    page.select_option("select[name=unit]", "")
    page.select_option("select[name=rule]", "RRN-STAFF-REFRESHER")
    assert v.visible_rows() == 1
    page.select_option("select[name=rule]", "")
    page.fill("input[name=q]", "prone")
    assert v.visible_rows() == 1
    assert "1 of 9 listed findings shown" in page.locator("#filter-status").inner_text()
    page.get_by_role("button", name="Show all").click()
    sync_api.expect(page.locator("tr.finding:visible")).to_have_count(9)  # reset runs after
    assert v.visible_rows() == 9


def test_everything_is_shown_with_scripts_off(visit: Any, examples_page: Path) -> None:
    v = visit(examples_page, java_script_enabled=False)
    assert v.page.locator("#filters").is_hidden()
    assert v.visible_rows() == 9
    assert v.page.locator("section.rule:visible").count() == 9


def test_print_shows_findings_and_no_controls(visit: Any, examples_page: Path) -> None:
    v = visit(examples_page)
    v.page.emulate_media(media="print")
    assert v.page.locator("#filters").is_hidden()
    assert v.visible_rows() == 9
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
    assert v.visible_rows() == 25
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


def test_invalid_documents_are_listed_with_their_places(visit: Any, tmp_path: Path) -> None:
    report = made_up_report(3, met=2, problems=2)
    out = tmp_path / "plain.html"
    out.write_text(render(report, "html", max_listed=None), encoding="utf-8")
    v = visit(out)
    assert v.visible_rows() == 3
    problems = v.page.locator("tr.problem:visible")
    assert problems.count() == 2
    assert problems.first.inner_text().startswith("incidents.jsonl:1")
