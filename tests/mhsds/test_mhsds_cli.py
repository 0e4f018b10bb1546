"""The ``mhsds export`` and ``mhsds import`` commands, invoked through click's runner."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from rrnkit.cli._mhsds import mhsds
from rrnkit.io import iter_records

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_export_then_import_the_examples(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "mhsds"
    exported = runner.invoke(mhsds, ["export", str(EXAMPLES), "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "Read 29 records in 18 files: 29 valid, 0 invalid." in exported.output
    assert "Exported 12 incidents (24 interventions)" in exported.output
    assert "  /patient/name: 12 (MHSDS has no column for this field)" in exported.output
    back = tmp_path / "back.jsonl"
    arguments = ["import", str(out), "--organisation-id", "org-northmoor-mh"]
    imported = runner.invoke(
        mhsds, [*arguments, "--recorded-at", "incident-end", "--output", str(back)]
    )
    assert imported.exit_code == 0, imported.output
    assert "Read 36 rows in 2 files: 36 valid, 0 invalid. Wrote 12 incidents" in imported.output
    assert "/patient/name" in imported.output
    results = [r for r in iter_records([back]) if r is not None]
    assert len(results) == 12
    assert all(r.valid for r in results)


def test_export_reports_invalid_documents_with_their_location(tmp_path: Path) -> None:
    source = tmp_path / "incidents.jsonl"
    lines = (EXAMPLES / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["patient"]["name"] = "ZQ-NAME-QZ"
    broken["start"] = "not a date ZQ-START-QZ"
    source.write_text("\n".join([lines[0], json.dumps(broken)]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(mhsds, ["export", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"{source}:2: /start:" in result.output
    assert "ZQ-" not in result.output
    assert "Read 2 records in 1 file: 1 valid, 1 invalid." in result.output
    rows = (tmp_path / "o" / "MHS505.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2


def test_export_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        mhsds, ["export", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2


def test_import_reports_bad_rows_and_exits_1(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "mhsds"
    runner.invoke(mhsds, ["export", str(EXAMPLES / "incidents.jsonl"), "--out", str(out)])
    path = out / "MHS505.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[3][6] = "42"  # RestrictiveIntReason of the third incident, on line 4
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = runner.invoke(
        mhsds,
        [
            "import",
            str(out),
            "--organisation-id",
            "org-northmoor-mh",
            "--recorded-at",
            "2026-01-01T00:00:00+00:00",
            "--output",
            str(tmp_path / "back.jsonl"),
        ],
    )
    assert result.exit_code == 1
    assert f"{path}:4: /RestrictiveIntReason: mhsds.code:" in result.output
    assert "HPS-NM" not in result.output


def test_import_needs_the_fields_mhsds_lacks(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "mhsds"
    runner.invoke(mhsds, ["export", str(EXAMPLES / "incidents.jsonl"), "--out", str(out)])
    base = ["import", str(out), "--output", str(tmp_path / "b.jsonl")]
    missing = runner.invoke(mhsds, [*base, "--organisation-id", "org-1"])
    assert missing.exit_code == 2
    naive = runner.invoke(
        mhsds, [*base, "--organisation-id", "org-1", "--recorded-at", "2026-01-01T00:00:00"]
    )
    assert naive.exit_code == 2
    assert "UTC offset" in naive.output
    absent = runner.invoke(
        mhsds,
        [
            "import",
            str(tmp_path),
            "--organisation-id",
            "o",
            "--recorded-at",
            "incident-start",
            "--output",
            str(tmp_path / "b.jsonl"),
        ],
    )
    assert absent.exit_code == 2


def _import(out: Path, back: Path) -> object:
    return CliRunner().invoke(
        mhsds,
        [
            "import",
            str(out),
            "--organisation-id",
            "org-northmoor-mh",
            "--recorded-at",
            "incident-start",
            "--output",
            str(back),
        ],
    )


def _exported(tmp_path: Path) -> Path:
    out = tmp_path / "mhsds"
    CliRunner().invoke(mhsds, ["export", str(EXAMPLES / "incidents.jsonl"), "--out", str(out)])
    return out


def test_import_of_an_empty_mhs505_names_it_and_exits_1(tmp_path: Path) -> None:
    out = _exported(tmp_path)
    (out / "MHS505.csv").write_bytes(b"")
    result: Any = _import(out, tmp_path / "back.jsonl")
    assert result.exit_code == 1
    assert f"{out / 'MHS505.csv'}:1: /: mhsds.empty:" in result.output
    assert "mhsds.orphan" not in result.output
    assert "Wrote 0 incidents" in result.output


def test_import_of_a_renamed_optional_column_exits_1_and_names_it(tmp_path: Path) -> None:
    out = _exported(tmp_path)
    path = out / "MHS505.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("RestrictiveIntReason,", "Reason,", 1), encoding="utf-8")
    result: Any = _import(out, tmp_path / "back.jsonl")
    assert result.exit_code == 1
    assert f"{path}:1: /: mhsds.unknown-column:" in result.output
    assert "did you mean RestrictiveIntReason?" in result.output
    assert "HPS-" not in result.output


def test_import_names_missing_optional_columns_among_what_was_not_carried(
    tmp_path: Path,
) -> None:
    out = _exported(tmp_path)
    path = out / "MHS505.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index("RestrictiveIntReason")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([r[:at] + r[at + 1 :] for r in rows])
    result: Any = _import(out, tmp_path / "back.jsonl")
    assert result.exit_code == 0, result.output
    assert "Columns the headers lack: MHS505.RestrictiveIntReason." in result.output
    not_carried = result.output.split("left absent (or the model's default):")[1]
    assert "/reason" in not_carried
