"""Shared fixtures: small valid documents as JSON data."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Locally, properties explore new examples on every run; in CI they replay a fixed
# sequence, so a run is reproducible and a red CI always means the same thing.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

INCIDENT: dict[str, Any] = {
    "kind": "incident",
    "schema_version": "1.0",
    "id": "inc-1",
    "organisation_id": "org-1",
    "recorded_at": "2026-03-04T15:00:00+00:00",
    "start": "2026-03-04T14:05:00+00:00",
    "end": "2026-03-04T14:12:00+00:00",
    "reason": "10",
    "interventions": [
        {
            "id": "i1",
            "type": "07",
            "start": "2026-03-04T14:05:00+00:00",
            "end": "2026-03-04T14:12:00+00:00",
        }
    ],
    "patient": {"name": "Sam Example", "nhs_number": "9434765919"},
}


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
