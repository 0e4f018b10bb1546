"""How many beds each generated organisation needs, so rates stay realistic at any size.

Incidents are a configured count, and bed days follow from the beds of the
units generated; with a fixed world, more incidents would only make the rates
climb (8,000 incidents a year in one trust of about 95 beds is 450
restrictive interventions per 1,000 occupied bed days). So each organisation
gets enough beds for its share of the incidents at
:data:`INCIDENTS_PER_1000_BED_DAYS`: about 1.7 restrictive interventions per
incident make that about 40 interventions per 1,000 occupied bed days, inside
the 30 to 50 that English mental-health inpatient services report. An
organisation has at least one ward, so with very few incidents (under about
100 a year per organisation) the rates fall below that.
"""

from __future__ import annotations

from rrnkit.synth._config import SynthConfig

__all__ = ["INCIDENTS_PER_1000_BED_DAYS", "OCCUPANCY", "beds_wanted"]

INCIDENTS_PER_1000_BED_DAYS = 24.0
"""Incidents per 1,000 occupied bed days the generated organisations are sized for."""

OCCUPANCY = (0.82, 0.98)
"""Lowest and highest share of beds occupied in a month."""

_DAYS_PER_YEAR = 365.25


def beds_wanted(config: SynthConfig) -> float:
    """Return the beds one organisation needs for its share of the incidents at the target rate."""
    per_year = config.incidents / config.years / config.organisations
    occupancy = sum(OCCUPANCY) / 2
    return per_year * 1000 / (INCIDENTS_PER_1000_BED_DAYS * _DAYS_PER_YEAR * occupancy)
