"""A calendar date, not a date-time: the check every ``as_of`` argument goes through.

``datetime.datetime`` is a subclass of ``datetime.date``, so ``isinstance``
alone lets a date-time through where a day is meant; rules then compare it
with dates and fail or misjudge. This module imports nothing of rrnkit's, so
any layer can use it.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["require_date"]


def require_date(value: object, name: str = "as_of") -> dt.date:
    """Return ``value`` if it is a ``datetime.date`` and not a ``datetime.datetime``.

    Raises ``TypeError`` naming the argument and what it got; for a date-time it
    says how to take its day (``.date()``), since the time would be ignored.
    """
    if isinstance(value, dt.datetime):
        raise TypeError(
            f"{name} must be a date, not a datetime: rules judge evidence as of a day "
            f"(pass {name}.date() for the date-time's own day)"
        )
    if not isinstance(value, dt.date):
        raise TypeError(
            f"{name} must be a date (datetime.date), not {type(value).__name__}: "
            "rules never read the clock"
        )
    return value
