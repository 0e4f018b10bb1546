"""The generator's configuration: one frozen value, so a run is named by it alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from rrnkit.model.values import add_months


def _share(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1")


def _plain_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TypeError(f"{attribute.name} must be a date (not a date-time)")


@attrs.frozen
class SynthConfig:
    """What to generate: how many organisations and incidents, over which years, with what flaws.

    The same configuration always gives the same documents, byte for byte.
    ``invalid_share`` of the incident records come out invalid (JSON output
    only); ``gap_share`` of incidents, and about that share of staff, events
    and plan actions (at least one of each kind when the share is above zero),
    carry compliance gaps that the rule packs should find. With
    ``gap_share=0`` every shipped rule is met when checked ``as_of=config.end``
    (for ``years`` up to 2: a longer period outlasts one 3-year certificate).
    """

    organisations: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    """Number of care organisations (each with its own units, workforce, TNA and plan)."""
    incidents: int = attrs.field(default=100, validator=attrs.validators.ge(0))
    """Number of incident records, spread over every organisation's units and the years.

    Each organisation gets enough wards for its share (about 24 incidents per
    1,000 occupied bed days), so rates per bed day stay realistic at any size.
    """
    start: dt.date = attrs.field(default=dt.date(2024, 1, 1), validator=_plain_date)
    """First day incidents can fall on; training records begin 12 months earlier."""
    years: int = attrs.field(default=1, validator=[attrs.validators.ge(1), attrs.validators.le(50)])
    """Length of the incident period in years."""
    invalid_share: float = attrs.field(default=0.0, converter=float, validator=_share)
    """Share of incident records made invalid in realistic ways (JSON output only)."""
    gap_share: float = attrs.field(default=0.05, converter=float, validator=_share)
    """Share of incidents (and of staff, events and actions) with a compliance gap."""
    seed: int = attrs.field(default=0, validator=attrs.validators.instance_of(int))
    """Seed of every random choice; the clock and global random state are never used."""

    @property
    def end(self) -> dt.date:
        """Return the last day of the incident period: the natural ``as_of`` for checks."""
        return add_months(self.start, 12 * self.years) - dt.timedelta(days=1)

    @property
    def training_start(self) -> dt.date:
        """Return the first day training records may fall on (12 months before ``start``)."""
        return add_months(self.start, -12)
