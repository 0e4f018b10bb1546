"""Shared fixtures: small valid documents as JSON data."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from samples import INCIDENT

# Locally, properties explore new examples on every run; in CI they replay a fixed
# sequence, so a run is reproducible and a red CI always means the same thing.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def incident() -> dict[str, Any]:
    """A small valid incident, fresh for each test."""
    return copy.deepcopy(INCIDENT)


JS_TOOLS = Path(__file__).parent / "js"
"""Where the JavaScript tools the tests drive are pinned (package.json, package-lock.json)."""


@pytest.fixture(scope="session")
def js_tools() -> Path:
    """Return ``tests/js/node_modules``, installing the pinned tools with ``npm ci`` if absent.

    Ajv (the Node client of the service) and axe-core (the pages' accessibility
    scan) come from the lock file, so a fresh clone needs no extra step beyond
    Node and npm. Tests that need them skip, saying why, where Node or npm is
    missing or the install fails.
    """
    modules = JS_TOOLS / "node_modules"
    if (modules / ".package-lock.json").exists():
        return modules
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("Node and npm are not installed: the JavaScript test tools cannot run")
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=JS_TOOLS,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"npm ci in tests/js failed: {done.stderr.strip()[-500:]}")
    return modules


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """The system Chromium, launched once for the run's browser tests (skips if absent)."""
    from _browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def visit(chromium_browser: Any) -> Iterator[Any]:
    """Open pages with ``visit(path, **context)``; each must ask for nothing else, log no error."""
    from _browser import visits

    with visits(chromium_browser) as open_page:
        yield open_page


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """List the screenshots the browser tests saved, so a CI log shows where they are."""
    import sys

    browser = sys.modules.get("_browser")
    shots = getattr(browser, "SCREENSHOTS", [])
    if shots:
        terminalreporter.section("screenshots")
        for path in shots:
            terminalreporter.write_line(str(path))
