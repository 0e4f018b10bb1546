"""Synthetic occupied bed days: one row per unit and month, within the beds, covering incidents."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from rrnkit.model import Incident, Organisation
from rrnkit.study import (
    MONTH,
    ORGANISATION,
    UNIT,
    BedDays,
    Month,
    OccupiedBedDays,
    measure,
    read_bed_days,
)
from rrnkit.synth import BED_DAYS_FILE, FILES, SynthConfig, bed_days, generate, write

CONFIG = SynthConfig(organisations=2, incidents=300, years=1, start=dt.date(2024, 3, 15), seed=8)


def test_every_unit_has_a_row_for_every_month_within_its_beds() -> None:
    organisations = [d for d in generate(CONFIG) if isinstance(d, Organisation)]
    beds = {(o.id, u.id): u.beds for o in organisations for u in o.units if u.beds}
    rows = bed_days(CONFIG)
    months = sorted({r.month for r in rows})
    assert months[0] == "2024-03"
    assert months[-1] == "2025-03"
    assert len(rows) == len(beds) * len(months)
    for row in rows:
        year, month = map(int, row.month.split("-"))
        days = calendar.monthrange(year, month)[1]
        if row.month == "2024-03":
            days = 17  # 15 to 31 March
        elif row.month == "2025-03":
            days = 14
        capacity = beds[(row.organisation_id, row.unit_id)] * days
        assert 0.8 * capacity <= row.occupied_bed_days <= capacity


def test_every_incident_and_intervention_falls_in_a_unit_month_with_bed_days() -> None:
    table = read_bed_days_from(CONFIG)
    incidents = [d for d in generate(CONFIG) if isinstance(d, Incident)]
    result = measure(incidents, [ORGANISATION, UNIT, MONTH], bed_days=table)
    assert all(r.unknown == 0 and r.value is not None for r in result.rates if r.per == 1000)
    for one in incidents:
        assert table.get(one.organisation_id, one.unit_id, Month.of(one.start))


def read_bed_days_from(config: SynthConfig) -> BedDays:
    return BedDays(
        OccupiedBedDays(
            organisation_id=r.organisation_id,
            unit_id=r.unit_id,
            month=Month.parse(r.month),
            occupied_bed_days=r.occupied_bed_days,
        )
        for r in bed_days(config)
    )


def test_write_puts_the_same_rows_in_a_csv_beside_the_documents(tmp_path: Path) -> None:
    counts = write(CONFIG, tmp_path / "a")
    write(CONFIG, tmp_path / "b")
    assert set(counts) == set(FILES.values())  # the counts are of documents, as before
    lines = (tmp_path / "a" / BED_DAYS_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(bed_days(CONFIG))
    first = (tmp_path / "a" / BED_DAYS_FILE).read_bytes()
    assert first == (tmp_path / "b" / BED_DAYS_FILE).read_bytes()
    table = read_bed_days(tmp_path / "a" / BED_DAYS_FILE)
    assert table.problems == ()
    assert list(table) == list(read_bed_days_from(CONFIG))
