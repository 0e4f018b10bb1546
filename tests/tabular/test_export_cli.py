"""``rrnkit export``: tables on stdout or in files, located problems, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import rrnkit
from rrnkit.cli._export import TABLE_NAMES, export
from rrnkit.tabular import TABLES

ROOT = Path(__file__).parents[2]
EXAMPLES = str(ROOT / "examples")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(export, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_the_command_offers_every_table() -> None:
    assert tuple(TABLES) == TABLE_NAMES


def test_csv_on_standard_output() -> None:
    code, out, err = run("--table", "interventions", EXAMPLES)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [c.name for c in TABLES["interventions"].columns_for()]
    assert len(rows) == 1 + 24
    assert "read 29 records in 18 files: 29 valid, 0 invalid; wrote 24 interventions rows" in err


def test_invalid_records_are_located_and_the_valid_ones_exported(tmp_path: Path) -> None:
    lines = (ROOT / "examples" / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["start"] = "yesterday"
    lines[1] = json.dumps(broken)
    lines.append(lines[0])  # the same incident again
    source = tmp_path / "incidents.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, err = run("--table", "incidents", "--output", str(out), str(source))
    assert code == 1
    assert stdout == ""
    assert f"{source}:2: /start: " in err
    assert f"{source}:13: /id: document.duplicate-id" in err
    assert "yesterday" not in err
    assert "read 13 records in 1 file: 11 valid, 2 invalid; wrote 11 incidents rows" in err
    assert out.read_text(encoding="utf-8").count("\n") == 1 + 11


def test_standard_input_and_sensitive_columns() -> None:
    data = (ROOT / "examples" / "incidents.jsonl").read_bytes()
    code, out, _ = run("--table", "incidents", "--include-sensitive", "-", stdin=data)
    assert code == 0
    header = out.split("\n")[0].split(",")
    assert header[-3:] == ["patient_nhs_number", "patient_local_id", "hospital_provider_spell_id"]
    code, out, _ = run("--table", "incidents", "-", stdin=data)
    assert "patient_nhs_number" not in out


def test_outcomes_and_training(tmp_path: Path) -> None:
    code, out, err = run("--table", "outcomes", "--as-of", "2026-11-28", EXAMPLES)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    # One row per outcome: one outcome per rule and subject, as the report counts them.
    assert len(rows) == sum(rrnkit.check([EXAMPLES], as_of=dt.date(2026, 11, 28)).counts.values())
    assert {r["as_of"] for r in rows} == {"2026-11-28"}
    assert sum(r["outcome"] == "not_met" for r in rows) == 9
    code, out, _ = run("--table", "training", EXAMPLES)
    assert code == 0
    assert len(list(csv.DictReader(io.StringIO(out)))) == 23


def test_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "staff.parquet"
    code, out, err = run("--table", "staff", "--to", "parquet", "-o", str(target), EXAMPLES)
    assert code == 0, err
    assert out == ""
    table = pq.read_table(target)
    assert table.num_rows == 37
    assert table.column_names == [c.name for c in TABLES["staff"].columns_for()]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--table", "incidents", "--to", "parquet", EXAMPLES], "--to parquet needs --output"),
        (["--table", "incidents", "--as-of", "2026-11-28", EXAMPLES], "only to --table outcomes"),
        (["--table", "incident", EXAMPLES], "'incident' is not one of"),
        (["--table", "incidents"], "Missing argument 'PATHS...'"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert message in err


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.delitem(sys.modules, "rrnkit.extra.arrow", raising=False)
    code, _, err = run("--table", "staff", "--to", "parquet", "-o", str(tmp_path / "x"), EXAMPLES)
    assert code == 2
    assert "pip install 'rrnkit[arrow]'" in err


def test_missing_path_and_unwritable_output(tmp_path: Path) -> None:
    code, out, err = run("--table", "incidents", str(tmp_path / "nowhere"), EXAMPLES)
    assert code == 2
    assert "path.not-found" in err
    assert out.count("\n") == 1 + 12  # the other paths are still exported
    code, _, err = run("--table", "staff", "-o", str(tmp_path / "no" / "dir.csv"), EXAMPLES)
    assert code == 2
    assert "cannot write" in err
