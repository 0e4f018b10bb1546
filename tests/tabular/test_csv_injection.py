"""CSV a spreadsheet cannot be attacked through: one rule (OWASP's) in every CSV writer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from rrnkit._internal.writing import CsvWriter, neutralise_cell, restore_cell
from rrnkit.cli import cli
from rrnkit.mhsds import export_incidents
from rrnkit.mhsds import write_csv as mhsds_write_csv
from rrnkit.study import durations_csv, rates_csv
from rrnkit.study._measures import DurationSummary, Rate
from rrnkit.tabular import TABLES, read_csv, write_csv
from rrnkit.tabular._column import ColumnType
from rrnkit.tabular._table import Rows
from samples import INCIDENT

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = tuple(f"{lead}1+cmd|' /C calc'!A0" for lead in DANGEROUS)


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_lead_gets_a_quote_and_the_cell_is_quoted(payload: str) -> None:
    out = io.StringIO()
    CsvWriter(out).writerow([payload, "plain"])
    line = out.getvalue()
    assert line.startswith("\"'")  # quoted, with the ' before the lead
    assert cells(line) == [["'" + payload, "plain"]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_raw_writes_the_cell_as_it_is(payload: str) -> None:
    out = io.StringIO()
    CsvWriter(out, raw=True).writerow([payload])
    assert cells(out.getvalue()) == [[payload]]


def test_numeric_columns_are_never_changed() -> None:
    out = io.StringIO()
    CsvWriter(out, text=[False, True]).writerow(["-3", "-3"])
    assert out.getvalue() == '-3,"\'-3"\r\n'


@given(st.text())
def test_restore_undoes_neutralise_exactly(text: str) -> None:
    safe = neutralise_cell(text)
    assert restore_cell(safe) == text
    assert safe[:1] not in DANGEROUS


def _row_of(table: Any, text: str) -> tuple[Any, ...]:
    values: dict[ColumnType, Any] = {ColumnType.INTEGER: -3, ColumnType.BOOLEAN: False}
    return tuple(
        text if c.type in (ColumnType.STRING, ColumnType.CODE) else values.get(c.type)
        for c in table.columns
    )


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_table_neutralises_text_and_reads_back(name: str, payload: str) -> None:
    table = TABLES[name]
    row = _row_of(table, payload)
    out = io.StringIO(newline="")
    write_csv(Rows(table, table.columns, iter([row])), out)
    _header, written = cells(out.getvalue())
    for column, cell in zip(table.columns, written, strict=True):
        if column.type is ColumnType.INTEGER:
            assert cell == "-3"  # a number stays a number
        elif column.type in (ColumnType.STRING, ColumnType.CODE):
            assert cell == "'" + payload
    back = list(read_csv(io.StringIO(out.getvalue(), newline=""), table))
    assert back == [row]
    raw = io.StringIO(newline="")
    write_csv(Rows(table, table.columns, iter([row])), raw, raw=True)
    assert payload in cells(raw.getvalue())[1]
    assert list(read_csv(io.StringIO(raw.getvalue(), newline=""), table, raw=True)) == [row]


def _incident(payload: str) -> dict[str, Any]:
    data = json.loads(json.dumps(INCIDENT))
    data["hospital_provider_spell_id"] = payload
    data["staff"] = [{"staff_id": "s1", "job_title": payload, "used_force": True}]
    return data


def _write_input(folder: Path, name: str, payload: str) -> Path:
    path = folder / name
    path.write_text(json.dumps(_incident(payload)) + "\n", encoding="utf-8")
    return path


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "internal error" not in result.output
    return result


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    ("table", "column", "extra"),
    [
        ("staff", "job_title", ()),
        ("incidents", "hospital_provider_spell_id", ("--include-sensitive",)),
    ],
)
def test_export_neutralises_free_text(
    tmp_path: Path, payload: str, table: str, column: str, extra: tuple[str, ...]
) -> None:
    source = _write_input(tmp_path, "in.jsonl", payload)
    for raw, expected in ((False, "'" + payload), (True, payload)):
        out = tmp_path / f"{table}-{raw}.csv"
        flags = ("--csv-raw",) if raw else ()
        result = _invoke("export", "--table", table, *extra, *flags, "-o", str(out), str(source))
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
        assert rows[0][column] == expected


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_export_outcomes_neutralises_the_source_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lead: str
) -> None:
    monkeypatch.chdir(tmp_path)
    name = _write_input(tmp_path, f"{lead}in.jsonl", "ordinary").name
    common = ("export", "--table", "outcomes", "--as-of", "2026-04-01", "-o", "out.csv")
    for flags, prefix in (((), "'" + lead), (("--csv-raw",), lead)):
        result = _invoke(*common, *flags, "--", name)
        assert result.exit_code in (0, 1)
        text = (tmp_path / "out.csv").read_bytes().decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert rows
        assert all(row["source"].startswith(prefix + "in.jsonl") for row in rows)


def test_export_on_standard_output_neutralises_too(tmp_path: Path) -> None:
    source = _write_input(tmp_path, "in.jsonl", "=1+1")
    result = _invoke("export", "--table", "staff", str(source))
    assert result.exit_code == 0
    assert '"\'=1+1"' in result.stdout
    raw = _invoke("export", "--table", "staff", "--csv-raw", str(source))
    assert ",=1+1," in raw.stdout


def test_csv_raw_is_refused_for_parquet(tmp_path: Path) -> None:
    source = _write_input(tmp_path, "in.jsonl", "x")
    result = _invoke(
        "export", "--table", "staff", "--to", "parquet", "--csv-raw", "-o", "x.parquet", str(source)
    )
    assert result.exit_code == 2


@pytest.mark.parametrize("payload", PAYLOADS)
def test_mhsds_export_neutralises_every_cell(tmp_path: Path, payload: str) -> None:
    source = _write_input(tmp_path, "in.jsonl", payload)
    for raw, expected in ((False, "'" + payload), (True, payload)):
        out = tmp_path / f"mhsds-{raw}"
        flags = ("--csv-raw",) if raw else ()
        result = _invoke("mhsds", "export", *flags, "-o", str(out), str(source))
        assert result.exit_code == 0, result.output
        text = (out / "MHS505.csv").read_bytes().decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert rows[0]["HospProvSpellID"] == expected


def test_mhsds_write_csv_api_has_the_raw_option() -> None:
    from rrnkit.convert import load

    incident = load(_incident("@SUM(A1)"))
    for raw, expected in ((False, '"\'@SUM(A1)"'), (True, ",@SUM(A1),")):
        mhs505, mhs515 = io.StringIO(newline=""), io.StringIO(newline="")
        mhsds_write_csv(export_incidents([incident]), mhs505, mhs515, raw=raw)  # type: ignore[list-item]
        assert expected in mhs505.getvalue()


def test_study_csv_neutralises_text_but_not_numbers() -> None:
    rate = Rate(
        measure="m", group=(("unit", "=evil"),), numerator=-3, denominator=None, value=-0.5, per=1
    )
    text = rates_csv([rate], ["unit"])
    assert cells(text)[1][:4] == ["m", "'=evil", "-3", ""]
    assert '"\'=evil"' in text
    assert cells(rates_csv([rate], ["unit"], raw=True))[1][1] == "=evil"
    summary = DurationSummary(
        measure="d",
        group=(("unit", "@x"),),
        count=1,
        unknown_end=0,
        total_minutes=1,
        mean_minutes=1.0,
        median_minutes=1.0,
    )
    assert cells(durations_csv([summary], ["unit"]))[1][1] == "'@x"
