"""Synthetic organisations grow with the incidents, so rates per bed day stay realistic."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrnkit.cli import cli
from rrnkit.study import (
    INTERVENTIONS_PER_1000_OBD,
    BedDays,
    Month,
    OccupiedBedDays,
    measure,
)
from rrnkit.synth import SynthConfig, bed_days, generate

LOW, HIGH = 30.0, 50.0
"""Restrictive interventions per 1,000 occupied bed days a realistic service reports."""


def _interventions_per_1000_bed_days(config: SynthConfig) -> float:
    rows = BedDays(
        OccupiedBedDays(
            organisation_id=r.organisation_id,
            unit_id=r.unit_id,
            month=Month.parse(r.month),
            occupied_bed_days=r.occupied_bed_days,
        )
        for r in bed_days(config)
    )
    rate = measure(generate(config), bed_days=rows).rate(INTERVENTIONS_PER_1000_OBD)
    assert rate is not None
    assert rate.value is not None
    return rate.value


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    organisations=st.integers(1, 3),
    years=st.integers(1, 2),
    per_organisation_year=st.integers(300, 4000),
    seed=st.integers(0, 2**16),
)
def test_the_rate_per_bed_day_stays_realistic_whatever_the_size(
    organisations: int, years: int, per_organisation_year: int, seed: int
) -> None:
    # Bounded so one example stays quick: at most 8,000 incidents.
    per_organisation_year = min(per_organisation_year, 8000 // (organisations * years))
    config = SynthConfig(
        organisations=organisations,
        years=years,
        incidents=per_organisation_year * organisations * years,
        seed=seed,
    )
    assert LOW <= _interventions_per_1000_bed_days(config) <= HIGH


def test_bed_days_grow_with_the_incidents() -> None:
    small, large = SynthConfig(incidents=500), SynthConfig(incidents=5000)
    small_days = sum(r.occupied_bed_days for r in bed_days(small))
    large_days = sum(r.occupied_bed_days for r in bed_days(large))
    assert 7 < large_days / small_days < 13


def test_rrnkit_example_writes_data_whose_measured_rate_is_realistic(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "data"
    written = runner.invoke(cli, ["example", "--size", "4000", str(out)])
    assert written.exit_code == 0, written.output
    measured = runner.invoke(
        cli, ["study", "measures", str(out), "--bed-days", str(out / "bed-days.csv")]
    )
    assert measured.exit_code == 0, measured.output
    rows = {row["measure"]: row for row in csv.DictReader(io.StringIO(measured.stdout))}
    assert LOW <= float(rows[INTERVENTIONS_PER_1000_OBD]["value"]) <= HIGH
