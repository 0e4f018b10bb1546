"""Open rrnkit's HTML pages in a real browser: the system Chromium, driven by Playwright.

Shared by the browser tests of every page (tests/report, tests/extra). A page
is opened from a ``file://`` URL in a fresh context that routes every request:
the page itself is the only one let through; anything else is recorded and
aborted, and :meth:`Visit.check_clean` fails the test on it, as on any
console error, uncaught page error or dialog (``alert``). :meth:`Visit.accessibility` runs
axe-core (pinned in tests/js, injected from the local file, so no network) over
the WCAG 2.0, 2.1 and 2.2 A and AA rules. Screenshots go to a temporary folder
and their paths are printed in the run's summary (see tests/conftest.py).

Tests skip, saying why, only where Chromium or Playwright is absent.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium")
"""The system Chromium (Debian's ``chromium``); Playwright never downloads a browser here."""

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""The axe-core rule tags a page is scanned with: WCAG 2.x, levels A and AA."""

BLOCKING = frozenset({"serious", "critical"})
"""Violation impacts that fail a test; ``minor`` and ``moderate`` ones are printed."""

SCREENSHOTS: list[Path] = []
"""Every screenshot saved in this run, printed in the terminal summary."""


def playwright_api() -> ModuleType:
    """Return ``playwright.sync_api``, or skip the calling test module, saying why."""
    if CHROMIUM is None:
        pytest.skip(
            "no chromium on PATH: the browser tests need Debian's chromium (apt-get install"
            " chromium)",
            allow_module_level=True,
        )
    return pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is not installed"
    )


@contextmanager
def chromium() -> Iterator[Any]:
    """Launch the system Chromium headless; close it on the way out."""
    sync_api = playwright_api()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


class Visit:
    """A page opened from a file in a fresh browser context, its requests and errors recorded."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(**context)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url, wait_until="load")

    def _route(self, route: Any) -> None:
        """Record every request; let only the page itself through."""
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        """A page of ours never opens a dialog: record it as an error and dismiss it."""
        self.errors.append(f"dialog ({dialog.type}): {dialog.message}")
        dialog.dismiss()

    def check_clean(self) -> None:
        """Fail unless the page asked for nothing but itself and logged no error."""
        assert self.requests == [self.url], f"the page asked for more than itself: {self.requests}"
        assert self.errors == [], self.errors

    def accessibility(self, node_modules: Path) -> list[dict[str, Any]]:
        """Run axe-core over the page as it stands; return its violations.

        axe.min.js is read from ``node_modules`` and added as an inline script
        (the pages' Content-Security-Policy allows inline scripts and nothing
        fetched), so the scan makes no request.
        """
        script = node_modules / "axe-core" / "axe.min.js"
        if not script.is_file():
            pytest.skip(f"axe-core is not installed in {node_modules}")
        self.page.add_script_tag(path=str(script))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            list(AXE_TAGS),
        )
        violations: list[dict[str, Any]] = result["violations"]
        return violations

    def check_accessible(self, node_modules: Path) -> None:
        """Fail on any serious or critical axe-core violation; print the others."""
        violations = self.accessibility(node_modules)
        for violation in violations:
            if violation["impact"] not in BLOCKING:
                print(f"axe-core ({violation['impact']}): {describe(violation)}")
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        assert blocking == [], "\n".join(describe(v) for v in blocking)

    def screenshot(self, folder: Path, name: str) -> Path:
        """Save a full-page screenshot as ``folder/name``, print its path and return it."""
        path = folder / name
        self.page.screenshot(path=str(path), full_page=True)
        SCREENSHOTS.append(path)
        print(f"screenshot: {path}")
        return path

    def close(self) -> None:
        """Close the page's context."""
        self.context.close()


def describe(violation: dict[str, Any]) -> str:
    """One line for an axe-core violation: rule, impact, help and the first elements."""
    targets = [node["target"] for node in violation["nodes"][:3]]
    more = len(violation["nodes"]) - len(targets)
    return (
        f"{violation['id']} [{violation['impact']}] {violation['help']}: "
        f"{json.dumps(targets)}{f' and {more} more' if more > 0 else ''}"
    )


@contextmanager
def visits(browser: Any) -> Iterator[Any]:
    """Yield a function that opens pages; on the way out each is checked clean and closed."""
    opened: list[Visit] = []

    def open_page(path: Path, **context: Any) -> Visit:
        opened.append(Visit(browser, path, **context))
        return opened[-1]

    try:
        yield open_page
        for item in opened:
            item.check_clean()
    finally:
        for item in opened:
            item.close()
