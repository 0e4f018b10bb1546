"""Every CSV a command writes has its Table Schema beside it; reports are written whole.

``export -o``, ``mhsds export``, ``study measures --output-dir``, ``study trend
-o`` and ``study example`` each write ``<table>.schema.json`` beside
``<table>.csv`` (valid, naming the CSV's header, and saying whether text was
neutralised: ``--csv-raw`` on every one of them). ``check``/``validate
--output`` write through a temporary file, so a failed run leaves no half
report.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli
from rrnkit.tabular import check_table_schema, schema_path
from samples import INCIDENT

EXAMPLES = str(Path(__file__).resolve().parents[2] / "examples")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def schema_of(path: Path) -> dict[str, Any]:
    """The schema beside a CSV file, checked against its header."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    schema: dict[str, Any] = json.loads(schema_path(path).read_text(encoding="utf-8"))
    assert check_table_schema(schema, header) == ()
    return schema


@pytest.mark.parametrize("raw", [False, True])
def test_export_writes_the_schema_beside_the_csv(tmp_path: Path, raw: bool) -> None:
    out = tmp_path / "incidents.csv"
    flags = ["--csv-raw"] if raw else []
    result = invoke("export", "--table", "incidents", "-o", str(out), *flags, EXAMPLES)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incidents.csv", "incidents.schema.json"]
    assert schema_of(out)["rrnkit:neutralised"] is not raw


def test_export_to_standard_output_writes_no_file(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--table", "staff", EXAMPLES)
    assert result.exit_code == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("raw", [False, True])
def test_mhsds_export_writes_a_schema_per_table(tmp_path: Path, raw: bool) -> None:
    flags = ["--csv-raw"] if raw else []
    result = invoke("mhsds", "export", "--out", str(tmp_path), *flags, EXAMPLES)
    assert result.exit_code == 0, result.output
    for table in ("MHS505", "MHS515"):
        assert schema_of(tmp_path / f"{table}.csv")["rrnkit:neutralised"] is not raw


@pytest.mark.parametrize("raw", [False, True])
def test_study_commands_take_csv_raw_and_write_schemas(tmp_path: Path, raw: bool) -> None:
    flags = ["--csv-raw"] if raw else []
    out = tmp_path / "measures"
    result = invoke("study", "measures", "--by", "organisation,month", "--output-dir", str(out),
                    *flags, EXAMPLES)  # fmt: skip
    assert result.exit_code == 0, result.output
    rates = schema_of(out / "rates.csv")
    assert rates["rrnkit:neutralised"] is not raw
    assert [f["type"] for f in rates["fields"][:3]] == ["string"] * 3  # measure and labels
    assert schema_of(out / "durations.csv")["rrnkit:neutralised"] is not raw
    trend = tmp_path / "trend.csv"
    result = invoke("study", "trend", "--from", "2025-01-01", "--to", "2025-06-30",
                    "-o", str(trend), *flags, EXAMPLES)  # fmt: skip
    assert result.exit_code == 0, result.output
    types = {f["name"]: f["type"] for f in schema_of(trend)["fields"]}
    assert (types["period_start"], types["met"], types["met_share"]) == (
        "date",
        "integer",
        "number",
    )


def test_study_example_takes_csv_raw_and_writes_schemas(tmp_path: Path) -> None:
    result = invoke("study", "example", "--organisations", "1", "--years", "1",
                    "--incidents", "40", "--csv-raw", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    tables = sorted(tmp_path.glob("*.csv"))
    assert len(tables) == 3
    for table in tables:
        assert schema_of(table)["rrnkit:neutralised"] is False


@pytest.mark.parametrize("command", ["check", "validate"])
def test_a_failed_report_leaves_the_old_output_and_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    import rrnkit.report

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(INCIDENT) + "\n", encoding="utf-8")
    output = tmp_path / "report.json"
    output.write_text("old", encoding="utf-8")
    real = rrnkit.report.write_report

    def fail_half_way(report: Any, fmt: str, write: Any, *args: Any, **kwargs: Any) -> None:
        write("x" * (2 << 20))  # past the block size, so a piece reaches the file
        raise RuntimeError("disk gone")

    monkeypatch.setattr(rrnkit.report, "write_report", fail_half_way)
    with pytest.raises(RuntimeError):
        invoke(command, "--format", "json", "-o", str(output), str(source))
    assert output.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "report.json"]
    monkeypatch.setattr(rrnkit.report, "write_report", real)
    result = CliRunner().invoke(cli, [command, "--format", "json", "-o", str(output), str(source)])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(output.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "report.json"]
