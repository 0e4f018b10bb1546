"""Age bands: a date of birth coarsened to whole-year bands at a given date."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

_UK = ZoneInfo("Europe/London")

DEFAULT_AGE_BANDS: tuple[int, ...] = (0, 18, 25, 35, 45, 55, 65)
"""Lower bounds of the default bands: 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65+."""


def check_bands(bands: Sequence[int]) -> tuple[int, ...]:
    """Return band lower bounds as a tuple, or raise if they are not 0, then increasing."""
    bounds = tuple(bands)
    if not bounds or bounds[0] != 0:
        raise ValueError("age bands must start at 0")
    if any(not isinstance(b, int) or isinstance(b, bool) for b in bounds):
        raise TypeError("age band bounds must be whole years")
    if any(low >= high for low, high in itertools.pairwise(bounds)):
        raise ValueError("age band bounds must increase")
    if bounds[-1] > 999:
        raise ValueError("age band bounds must be below 1000")
    return bounds


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Return age in whole years on ``day`` (29 February birthdays count from 1 March)."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def age_band(
    date_of_birth: dt.date, on: dt.date, bands: Sequence[int] = DEFAULT_AGE_BANDS
) -> str | None:
    """Return the band ('18-24', '65+') holding the age on ``on``; None before birth."""
    bounds = check_bands(bands)
    age = age_on(date_of_birth, on)
    if age < 0:
        return None
    for low, high in itertools.pairwise(bounds):
        if low <= age < high:
            return f"{low}-{high - 1}"
    return f"{bounds[-1]}+"


def uk_date(instant: dt.datetime) -> dt.date:
    """Return the UK local date of an instant (its own date when out of range)."""
    try:
        return instant.astimezone(_UK).date()
    except (OverflowError, ValueError):
        return instant.date()
