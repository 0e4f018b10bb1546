"""The worked study end to end (smaller), and the ``rrnkit study`` commands."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
from click.testing import CliRunner

from rrnkit.cli._study import study
from rrnkit.study import (
    INCIDENTS_PER_1000_OBD,
    INTERVENTIONS_PER_1000_OBD,
    PRONE_SHARE,
    STUDY_CONFIG,
    run_worked_study,
)

SMALL = attrs.evolve(STUDY_CONFIG, incidents=600, years=2)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_worked_study_writes_consistent_tables(tmp_path: Path) -> None:
    done = run_worked_study(tmp_path, SMALL)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "compliance-by-quarter.csv",
        "compliance-by-quarter.schema.json",
        "data",
        "durations-by-organisation-year.csv",
        "durations-by-organisation-year.schema.json",
        "rates-by-organisation-year.csv",
        "rates-by-organisation-year.schema.json",
        "summary.md",
    ]
    rates = _rows(tmp_path / "rates-by-organisation-year.csv")
    organisations = {r["organisation"] for r in rates}
    assert len(organisations) == 3
    assert {r["year"] for r in rates} == {"2024", "2025"}
    incidents = [r for r in rates if r["measure"] == INCIDENTS_PER_1000_OBD]
    assert len(incidents) == 6  # 3 organisations x 2 years
    assert sum(int(r["numerator"]) for r in incidents) == done.measures.incidents == 600
    for row in rates:
        if row["measure"] == INTERVENTIONS_PER_1000_OBD:
            expected = int(row["numerator"]) * 1000 / int(row["denominator"])
            assert abs(float(row["value"]) - expected) < 1e-5
        if row["measure"] == PRONE_SHARE:
            assert int(row["numerator"]) <= int(row["denominator"])
    bed_days = _rows(tmp_path / "data" / "bed-days.csv")
    total = sum(int(r["occupied_bed_days"]) for r in bed_days)
    assert sum(int(r["denominator"]) for r in incidents) == total
    compliance = _rows(tmp_path / "compliance-by-quarter.csv")
    assert len({r["as_of"] for r in compliance}) == 8  # two years of quarters
    for row in compliance:
        judged = int(row["met"]) + int(row["not_met"]) + int(row["error"])
        share = row["met_share"]
        assert (share == "") == (judged == 0)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.count("| org-") == 9  # three tables of three organisations
    again = tmp_path / "again"
    run_worked_study(again, SMALL)
    for name in ("rates-by-organisation-year.csv", "compliance-by-quarter.csv", "summary.md"):
        assert (again / name).read_bytes() == (tmp_path / name).read_bytes()


def test_study_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "study"
    result = runner.invoke(
        study, ["example", "--incidents", "200", "--years", "1", "--organisations", "2", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = out / "data"
    result = runner.invoke(
        study,
        ["measures", str(data), "--bed-days", str(data / "bed-days.csv"), "--by", "unit,quarter"],
    )
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0]
    assert header == "measure,unit,quarter,numerator,denominator,value,per,unknown"
    result = runner.invoke(study, ["measures", str(data), "--by", "ward"])
    assert result.exit_code == 2
    result = runner.invoke(
        study, ["measures", str(data), "--output-dir", str(tmp_path / "m"), "--by", "year"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "rates.csv").is_file()
    assert (tmp_path / "m" / "durations.csv").is_file()
    result = runner.invoke(
        study, ["trend", str(data), "--from", "2024-01-01", "--to", "2024-12-31", "--by", "pack"]
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 1 + 4 * 5  # 4 quarters x 5 packs


def test_bad_bed_days_and_missing_paths_set_the_exit_code(tmp_path: Path) -> None:
    runner = CliRunner()
    beds = tmp_path / "beds.csv"
    beds.write_text("organisation_id,unit_id,month,occupied_bed_days\norg-a,w,2025-1,9\n")
    examples = str(Path(__file__).parents[2] / "examples")
    result = runner.invoke(study, ["measures", examples, "--bed-days", str(beds)])
    assert result.exit_code == 1
    assert "bed-days.month" in result.output
    result = runner.invoke(study, ["measures", str(tmp_path / "absent")])
    assert result.exit_code == 2


def test_study_outputs_hold_no_personal_values(tmp_path: Path) -> None:
    import re

    from rrnkit.synth._data import GIVEN_NAMES, SURNAMES

    run_worked_study(tmp_path, attrs.evolve(SMALL, incidents=200, years=1))
    runner = CliRunner()
    result = runner.invoke(
        study,
        [
            "measures",
            str(tmp_path / "data"),
            "--by",
            "organisation,unit,age_band,learning_disability,autism,intervention_type",
        ],
    )
    assert result.exit_code == 0, result.output
    outputs = [result.output] + [
        p.read_text(encoding="utf-8") for p in tmp_path.iterdir() if p.is_file()
    ]
    for text in outputs:
        assert not re.search(r"999[0-9]{7}", text)  # synthetic NHS numbers
        assert not re.search(rf"\b({'|'.join(GIVEN_NAMES)}) ({'|'.join(SURNAMES)})\b", text)
