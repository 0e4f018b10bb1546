"""The study page in a real browser (system Chromium): no request, no console error, charts drawn.

Skips only when Playwright or Chromium is absent. The page is loaded from a
``file://`` URL; every request the browser makes is recorded, and any other
than the page itself fails the test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")
sync_api = pytest.importorskip("playwright.sync_api")

from rrnkit.extra.study_report import write_study_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no system Chromium to drive")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("page")
    page_file = folder / "study.html"
    write_study_report(
        page_file, [EXAMPLES], bed_days=EXAMPLES / "bed-days.csv", as_of=dt.date(2026, 11, 28)
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context()
            page = context.new_page()
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(page_file.as_uri(), wait_until="load")
            page.screenshot(path=str(folder / "study.png"), full_page=True)
            yield page, page_file, requests, errors
        finally:
            browser.close()


def test_the_page_requests_nothing_but_itself(loaded) -> None:  # type: ignore[no-untyped-def]
    _page, page_file, requests, _errors = loaded
    assert requests == [page_file.as_uri()]


def test_no_console_error(loaded) -> None:  # type: ignore[no-untyped-def]
    assert loaded[3] == []


def test_every_chart_renders_with_a_size(loaded) -> None:  # type: ignore[no-untyped-def]
    page = loaded[0]
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


def test_headings_and_landmarks(loaded) -> None:  # type: ignore[no-untyped-def]
    page = loaded[0]
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


def test_special_cause_is_told_in_words(loaded) -> None:  # type: ignore[no-untyped-def]
    page = loaded[0]
    special = page.locator("table.spc tr.special")
    assert special.count() > 0
    for text in special.all_inner_texts():
        assert "special cause (" in text
