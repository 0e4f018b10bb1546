"""Calendar months: the unit occupied bed days are counted in."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def _month_number(instance: Month, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 12:
        raise ValueError("month must be between 1 and 12")


@attrs.frozen(order=True)
class Month:
    """A calendar month, written ``YYYY-MM``; ordered in time."""

    year: int = attrs.field(validator=[attrs.validators.instance_of(int), attrs.validators.ge(1)])
    month: int = attrs.field(validator=[attrs.validators.instance_of(int), _month_number])

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM`` (e.g. ``2025-03``); raise ValueError for anything else."""
        found = _MONTH.fullmatch(text)
        if found is None:
            raise ValueError("a month is written YYYY-MM")
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        """Return the month a date (or a date-time's own calendar date) falls in."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> dt.date:
        """The month's first day."""
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The month's last day."""
        return dt.date(self.year, self.month, self.days)

    @property
    def days(self) -> int:
        """Number of days in the month (28 to 31)."""
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def quarter(self) -> str:
        """The calendar quarter, e.g. ``2025-Q1`` for January to March 2025."""
        return f"{self.year:04d}-Q{(self.month - 1) // 3 + 1}"

    @property
    def financial_year(self) -> str:
        """The UK financial year (April to March), e.g. ``2024-25`` for April 2024."""
        first = self.year if self.month >= 4 else self.year - 1
        return f"{first:04d}-{(first + 1) % 100:02d}"

    def next(self) -> Month:
        """Return the following month."""
        if self.month == 12:
            return Month(self.year + 1, 1)
        return Month(self.year, self.month + 1)

    def __str__(self) -> str:
        """Write the month as ``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Month, last: Month) -> list[Month]:
    """Return every month from ``first`` to ``last``, both included (empty if last < first)."""
    found: list[Month] = []
    month = first
    while month <= last:
        found.append(month)
        month = month.next()
    return found
