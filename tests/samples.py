"""Small valid documents as JSON data, shared by tests (import as ``from samples import ...``).

Kept out of ``conftest.py``: several directories have a conftest, so
``from conftest import`` would name whichever one was imported first.
"""

from __future__ import annotations

from typing import Any

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
