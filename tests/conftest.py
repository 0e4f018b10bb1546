"""Shared fixtures: small valid documents as JSON data."""

from __future__ import annotations

import copy
import os
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
