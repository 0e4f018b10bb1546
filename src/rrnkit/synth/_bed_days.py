"""Occupied bed days of the generated units, by month, for rates per 1,000 occupied bed days.

Every unit has a row for every calendar month of the incident period (a
partial first or last month counts only its days inside the period). A
month's occupied bed days are the unit's beds times the days counted times
an occupancy drawn between 82% and 98%, so they never exceed the beds and are
never zero: every incident's unit and month has bed days. The draws come from
their own random stream, so adding bed days changed no other generated file.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from rrnkit.synth._capacity import OCCUPANCY
from rrnkit.synth._draw import stream
from rrnkit.synth._world import World


class BedDayCount(NamedTuple):
    """Occupied bed days of one generated unit in one calendar month."""

    organisation_id: str
    unit_id: str
    month: str
    """The calendar month, ``YYYY-MM``."""
    occupied_bed_days: int


def _months(first: dt.date, last: dt.date) -> Iterator[tuple[str, int]]:
    """Yield each month touching [first, last] with the number of its days inside it."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start = max(first, dt.date(year, month, 1))
        end = min(last, dt.date(year, month, calendar.monthrange(year, month)[1]))
        yield f"{year:04d}-{month:02d}", (end - start).days + 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def bed_day_counts(world: World) -> Iterator[BedDayCount]:
    """Yield the occupied bed days of every unit, organisation by organisation, month by month."""
    config = world.config
    rng = stream(config, "bed-days")
    low, high = OCCUPANCY
    months = list(_months(config.start, config.end))
    for org in world.orgs:
        for unit in org.units:
            for month, days in months:
                occupancy = low + (high - low) * rng.random()
                occupied = max(1, min(unit.beds * days, round(unit.beds * days * occupancy)))
                yield BedDayCount(org.id, unit.id, month, occupied)
