"""Times as whole minutes, written as RFC 3339 with the UK offset of the moment.

Minute 0 is midnight UTC on the day before the incident period, so every time
the generator uses is a non-negative integer. Rendering picks GMT (+00:00) or
BST (+01:00) by the instant, so the written times always keep their order.
"""

from __future__ import annotations

import bisect
import datetime as dt

DAY = 1440
"""Minutes in a day."""


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


class Clock:
    """Turns minute counts into written date-times and days into dates, quickly."""

    def __init__(self, first_day: dt.date, days: int) -> None:
        """Prepare tables for ``days`` days from ``first_day`` (day 0, minute 0)."""
        self.dates = [(first_day + dt.timedelta(days=d)).isoformat() for d in range(days + 2)]
        self.hhmm = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
        changes: list[int] = []
        offsets = [0]
        for year in range(first_day.year, first_day.year + days // 365 + 3):
            for month, offset in ((3, 60), (10, 0)):
                # The clocks change at 01:00 UTC on the last Sunday of March and October.
                minute = (_last_sunday(year, month) - first_day).days * DAY + 60
                changes.append(minute)
                offsets.append(offset)
        # Before the first change (March of the first year) the UK is on GMT.
        self._changes = changes
        self._offsets = offsets
        # Per day: 0 (GMT all day), 60 (BST all day) or -1 (the clocks change that day).
        self._day_offsets = []
        for d in range(days + 2):
            first, last = self.offset(d * DAY), self.offset(d * DAY + DAY - 1)
            self._day_offsets.append(first if first == last else -1)

    def offset(self, minute: int) -> int:
        """Return the UK offset from UTC, in minutes, at an instant."""
        return self._offsets[bisect.bisect_right(self._changes, minute)]

    def render(self, minute: int) -> str:
        """Write an instant as local UK time with its offset, e.g. 2025-03-14T19:42:00+00:00."""
        offset = self._day_offsets[minute // DAY]
        if offset < 0:
            offset = self._offsets[bisect.bisect_right(self._changes, minute)]
        if offset:
            local = minute + 60
            return f"{self.dates[local // DAY]}T{self.hhmm[local % DAY]}:00+01:00"
        return f"{self.dates[minute // DAY]}T{self.hhmm[minute % DAY]}:00+00:00"

    def utc_minute(self, local_minute: int) -> int:
        """Return the instant of a local wall-clock minute (the hour that repeats: the first)."""
        return local_minute - self.offset(local_minute - 60)
