"""UK local date and time cells: instants to ``YYYY-MM-DD`` / ``HH:MM:SS`` and back.

MHSDS writes wall-clock times in UK local time without an offset, so one hour
each October happens twice. Writing such a time loses which of the two was
meant; it is written, and reported as not carried. Reading picks the first
occurrence (British Summer Time) unless that would put an end before its start.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
"""The time zone MHSDS dates and times are written in."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}\Z")


class CellError(ValueError):
    """A date or time cell cannot be read; carries a stable code, never the cell."""

    def __init__(self, code: str, message: str) -> None:
        """Record a problem code and a message safe to show."""
        super().__init__(message)
        self.code = code
        self.message = message


def uk_local(instant: dt.datetime) -> dt.datetime | None:
    """Return ``instant`` as UK local time (whole seconds), or None when out of range."""
    try:
        return instant.replace(microsecond=0).astimezone(UK)
    except (OverflowError, ValueError):
        return None


def is_ambiguous(local: dt.datetime) -> bool:
    """Tell whether a UK local time happens twice (the hour the clocks go back)."""
    other = local.replace(fold=1 - local.fold)
    return other.utcoffset() != local.utcoffset()


def date_cell(local: dt.datetime) -> str:
    """Write the date of a local time as ``YYYY-MM-DD``."""
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d}"


def time_cell(local: dt.datetime) -> str:
    """Write the time of a local time as ``HH:MM:SS``."""
    return f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"


def parse_date(cell: str) -> dt.date:
    """Read a ``YYYY-MM-DD`` cell, or raise :class:`CellError`."""
    if not _DATE.match(cell):
        raise CellError("mhsds.date", "is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise CellError("mhsds.date", "is not a real calendar date") from None


def parse_time(cell: str) -> dt.time:
    """Read an ``HH:MM:SS`` cell, or raise :class:`CellError`."""
    if not _TIME.match(cell):
        raise CellError("mhsds.time", "is not a time written HH:MM:SS")
    try:
        return dt.time.fromisoformat(cell)
    except ValueError:
        raise CellError("mhsds.time", "is not a real time of day") from None


def _fixed(local: dt.datetime) -> dt.datetime:
    """Return the same instant with a fixed offset (UTC when the offset has seconds)."""
    offset = local.utcoffset()
    assert offset is not None
    zone = dt.timezone(offset) if offset.seconds % 60 == 0 else dt.timezone.utc
    try:
        return local.astimezone(zone)
    except OverflowError:
        raise CellError("mhsds.out-of-range", "is outside the dates rrnkit can hold") from None


def candidates(day: dt.date, time: dt.time) -> tuple[dt.datetime, ...]:
    """Return the instants a UK wall-clock time may mean: one, two (October), or none (March)."""
    naive = dt.datetime.combine(day, time)
    found: list[dt.datetime] = []
    for fold in (0, 1):
        local = naive.replace(tzinfo=UK, fold=fold)
        try:
            back = local.astimezone(dt.timezone.utc).astimezone(UK)
        except OverflowError:
            continue
        if back.replace(tzinfo=None) == naive:
            instant = _fixed(local)
            if instant not in found:
                found.append(instant)
    return tuple(found)
