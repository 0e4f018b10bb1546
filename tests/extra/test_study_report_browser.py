"""The study page in a real browser (system Chromium): no request, no console error, charts drawn.

The shared helper tests/_browser.py opens the page from a ``file://`` URL in a
fresh context (fixture ``visit``): every request is routed and recorded, and
any other than the page itself, a console error, a page error or a dialog
fails the test. axe-core finds no serious or critical WCAG 2 A/AA violation.
Skips, saying why, only when Playwright or Chromium is absent.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from _browser import playwright_api

sync_api = playwright_api()
pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")

from rrnkit.extra.study_report import write_study_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page_file = tmp_path_factory.mktemp("page") / "study.html"
    write_study_report(page_file, [EXAMPLES], bed_days=EXAMPLES / "bed-days.csv", as_of=AS_OF)
    return page_file


@pytest.fixture
def page(visit: Any, page_file: Path) -> Any:
    return visit(page_file).page


def test_the_page_loads_clean_and_is_screenshotted(
    visit: Any, page_file: Path, tmp_path: Path
) -> None:
    v = visit(page_file)
    v.check_clean()  # nothing asked for but the page; no console error
    assert v.screenshot(tmp_path, "study.png").stat().st_size > 0
    # the stylesheet applies whole (escaped, its quoted font names voided the font rules)
    assert v.page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")


def test_no_serious_or_critical_accessibility_violation(
    visit: Any, page_file: Path, js_tools: Path
) -> None:
    visit(page_file).check_accessible(js_tools)


def test_every_chart_renders_with_a_size(page: Any) -> None:
    sizes = page.eval_on_selector_all(
        "figure svg",
        "nodes => nodes.map(n => [n.getBoundingClientRect().width,"
        " n.getBoundingClientRect().height])",
    )
    assert len(sizes) >= 7
    assert all(width > 0 and height > 0 for width, height in sizes), sizes
    # each chart has a caption and an accessible name
    assert page.locator("figure:not(:has(figcaption))").count() == 0
    assert page.locator("figure svg:not([aria-label])").count() == 0


def test_headings_and_landmarks(page: Any) -> None:
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1
    headings = page.locator("h2").all_inner_texts()
    assert [h.split(":")[0] for h in headings] == [
        "Restrictive interventions per 1,000 occupied bed days",
        "Funnel plot",
        "Prone restraint as a share of physical restraint",
        "Staff training currency when force was used",
        "Compliance over time by framework",
    ]
    assert page.locator("h3").count() == 3  # one SPC chart per unit
    # tables say what they hold, and their header cells say what they head
    assert page.locator("table:not(:has(caption))").count() == 0
    assert page.locator("th:not([scope])").count() == 0
    assert page.get_by_text("not a certification body").is_visible()


def test_special_cause_is_told_in_words(page: Any) -> None:
    special = page.locator("table.spc tr.special")
    assert special.count() > 0
    for text in special.all_inner_texts():
        assert "special cause (" in text


def test_a_file_named_with_markup_is_shown_as_text(visit: Any, tmp_path: Path) -> None:
    """A real file whose name is an HTML element: listed by name, never made an element."""
    name = "<img src=x onerror=alert(1)>.jsonl"
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    try:
        (folder / "incidents.jsonl").rename(folder / name)
    except OSError:  # pragma: no cover - a file system that refuses the name
        pytest.skip("this file system does not allow '<', '>' or '=' in a file name")
    out = tmp_path / "study.html"
    write_study_report(out, [folder], bed_days=folder / "bed-days.csv", as_of=AS_OF)
    v = visit(out)
    assert v.page.locator("img").count() == 0
    v.page.locator("details summary").first.click()  # the inputs list is folded at first
    shown = v.page.get_by_text(name)
    assert shown.count() == 1
    assert shown.is_visible()
    assert v.page.locator("h3").count() == 3  # its incidents are drawn as before
