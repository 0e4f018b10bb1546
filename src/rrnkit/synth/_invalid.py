"""Realistic ways an incident record goes wrong on its way out of a care system.

Each corruption makes the record fail ``rrnkit validate`` for one plain
reason, as exports from real systems do: a retired code, a local time with no
offset, a mistyped NHS number, a column the format does not have, a lost field.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

Corruption = Callable[[dict[str, Any], random.Random], None]


def _retired_code(data: dict[str, Any], rng: random.Random) -> None:
    """Write an intervention type as "02", a code MHSDS does not use."""
    interventions = data["interventions"]
    interventions[int(rng.random() * len(interventions))]["type"] = "02"


def _naive_time(data: dict[str, Any], rng: random.Random) -> None:
    """Drop the UTC offset from the start, as a spreadsheet export does."""
    data["start"] = data["start"][:19]


def _nhs_check_digit(data: dict[str, Any], rng: random.Random) -> None:
    """Mistype the NHS number's check digit."""
    patient = data["patient"]
    number = patient["nhs_number"]
    wrong = (int(number[9]) + 1 + int(rng.random() * 9)) % 10
    patient["nhs_number"] = number[:9] + str(wrong)


_UNKNOWN_FIELDS = (
    ("severity", "moderate"),
    ("ward_name", "see unit_id"),
    ("datix_reference", "W123456"),
    ("incident_type", "restraint"),
)


def _unknown_field(data: dict[str, Any], rng: random.Random) -> None:
    """Add a column from the source system that the format does not have."""
    name, value = _UNKNOWN_FIELDS[int(rng.random() * len(_UNKNOWN_FIELDS))]
    data[name] = value


def _missing_start(data: dict[str, Any], rng: random.Random) -> None:
    """Lose the required start time."""
    del data["start"]


CORRUPTIONS: tuple[tuple[str, Corruption], ...] = (
    ("unknown-intervention-code", _retired_code),
    ("naive-date-time", _naive_time),
    ("bad-nhs-check-digit", _nhs_check_digit),
    ("unknown-field", _unknown_field),
    ("missing-start", _missing_start),
)
"""Every way a record is made invalid, by name."""


def corrupt(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Make an incident record invalid in one realistic way (changes ``data`` in place)."""
    _, how = CORRUPTIONS[int(rng.random() * len(CORRUPTIONS))]
    how(data, rng)
    return data
