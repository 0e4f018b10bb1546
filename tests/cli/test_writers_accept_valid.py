"""Every writer accepts every document the schema accepts, and never leaves half a file.

Writers: ``export`` (every table), ``mhsds export``, ``pseudonymise`` and
``study measures``. The generated documents carry what broke them before:
lone surrogates in free text (valid JSON text, not encodable as UTF-8) and
dates at the ends of the calendar (year 1, year 9999).
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rrnkit._internal.writing import atomic_text
from rrnkit.cli import cli
from rrnkit.model.values import add_months
from rrnkit.strategies import document_data
from samples import INCIDENT

KEY = "k" * 64
FREE_TEXT = frozenset(
    {
        "job_title",
        "location",
        "reason_detail",
        "description",
        "hospital_provider_spell_id",
        "name",
        "mental_disorder",
        "de_escalation_detail",
    }
)
"""Fields with no pattern: any text the schema accepts, lone surrogates included."""

SURROGATES = st.sampled_from(["\ud800", "\udfff", "\udc80", "=\ud83d"])


def _inject(data: Any, surrogate: str) -> Any:
    """Put a lone surrogate at the end of every non-empty free-text string (same length)."""
    if isinstance(data, dict):
        return {
            key: (
                value[:-1] + surrogate
                if key in FREE_TEXT and isinstance(value, str) and value
                else _inject(value, surrogate)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_inject(item, surrogate) for item in data]
    return data


def _edge_incident(ident: str, start: str, end: str, text: str) -> dict[str, Any]:
    data = json.loads(json.dumps(INCIDENT))
    data.update(id=ident, recorded_at=end, start=start, end=end, location=text)
    data["hospital_provider_spell_id"] = text
    data["staff"] = [{"staff_id": "s1", "job_title": text, "used_force": True}]
    for intervention in data["interventions"]:
        intervention.update(start=start, end=end, description=text)
    return data


YEAR_1 = _edge_incident("y1", "0001-01-01T00:10:00+00:00", "0001-01-01T00:20:00+00:00", "\ud800")
YEAR_1_AHEAD = _edge_incident(
    "y1-ahead", "0001-01-01T00:10:00+14:00", "0001-01-01T00:20:00+14:00", "a"
)
YEAR_9999 = _edge_incident(
    "y9999", "9999-12-31T23:10:00-12:00", "9999-12-31T23:20:00-12:00", "=\udfff"
)


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    assert "internal error" not in result.output
    return result


def _no_temporary_files(folder: Path) -> bool:
    return not any(p.name.endswith(".tmp") for p in folder.rglob("*"))


def _run_every_writer(folder: Path, documents: list[dict[str, Any]]) -> None:
    source = folder / "in.jsonl"
    # json.dumps escapes lone surrogates as \\uXXXX, as any JSON writer may
    source.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="ascii")
    assert _invoke("validate", str(source)).exit_code == 0  # the schema accepts them
    (folder / "key").write_text(KEY, encoding="ascii")
    os.chmod(folder / "key", 0o600)
    for table in ("incidents", "interventions", "staff", "training"):
        out = folder / f"{table}.csv"
        result = _invoke(
            "export", "--table", table, "--include-sensitive", "-o", str(out), str(source)
        )
        assert result.exit_code == 0, result.output
        out.read_bytes().decode("utf-8")  # written whole, as UTF-8
    result = _invoke(
        "export", "--table", "outcomes", "--as-of", "2026-01-01", "-o", str(folder / "o.csv"),
        str(source),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    if importlib.util.find_spec("pyarrow") is not None:
        parquet = str(folder / "staff.parquet")
        result = _invoke(
            "export", "--table", "staff", "--to", "parquet", "-o", parquet, str(source)
        )
        assert result.exit_code == 0, result.output
    result = _invoke("mhsds", "export", "-o", str(folder / "mhsds"), str(source))
    assert result.exit_code in (0, 1), result.output  # 1: an incident MHSDS cannot carry
    for name in ("MHS505.csv", "MHS515.csv"):
        (folder / "mhsds" / name).read_bytes().decode("utf-8")
    pseudonymised = folder / "pseudonymised"
    result = _invoke(
        "pseudonymise", "--key-file", str(folder / "key"), "-o", str(pseudonymised), str(source)
    )
    assert result.exit_code == 0, result.output
    if documents:
        assert _invoke("validate", str(pseudonymised)).exit_code == 0  # read back, still valid
    result = _invoke("study", "measures", str(source))
    assert result.exit_code == 0, result.output
    assert _no_temporary_files(folder)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(document_data(), max_size=3), SURROGATES)
@example([YEAR_1, YEAR_1_AHEAD, YEAR_9999], "\ud800")
def test_every_writer_accepts_every_valid_document(
    tmp_path_factory: pytest.TempPathFactory, documents: list[dict[str, Any]], surrogate: str
) -> None:
    folder = tmp_path_factory.mktemp("writers")
    _run_every_writer(folder, [_inject(d, surrogate) for d in documents])


def test_a_lone_surrogate_is_replaced_in_csv_and_kept_in_json(tmp_path: Path) -> None:
    _run_every_writer(tmp_path, [YEAR_1])
    staff = (tmp_path / "staff.csv").read_bytes().decode("utf-8")
    assert "\ufffd" in staff
    line = (tmp_path / "pseudonymised" / "incident.jsonl").read_text(encoding="utf-8")
    assert "\\ud800" in line  # escaped: reads back to the same string


def test_month_arithmetic_stops_at_the_ends_of_the_calendar() -> None:
    import datetime as dt

    assert add_months(dt.date(1, 3, 31), -12) == dt.date.min
    assert add_months(dt.date(9999, 12, 31), 1) == dt.date.max
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)


def test_study_periods_reach_the_last_day_of_the_calendar() -> None:
    import datetime as dt

    from rrnkit.study import months, quarters

    last = quarters(dt.date(9999, 8, 1), dt.date(9999, 12, 31))
    assert [(p.start, p.end) for p in last] == [
        (dt.date(9999, 7, 1), dt.date(9999, 9, 30)),
        (dt.date(9999, 10, 1), dt.date.max),
    ]
    assert months(dt.date(1, 1, 1), dt.date(1, 1, 1))[0].end == dt.date(1, 1, 31)


# No half-written output -------------------------------------------------------------


def test_atomic_text_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def write_half() -> None:
        with atomic_text(target) as handle:
            handle.write("half")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_half()
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_atomic_text_on_success_replaces_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with atomic_text(target) as handle:
        handle.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def _failing_rows(table: str) -> Any:
    from rrnkit.tabular import TABLES
    from rrnkit.tabular._table import Rows

    spec = TABLES[table]

    def generate() -> Iterator[tuple[Any, ...]]:
        yield tuple(None for _ in spec.columns)
        raise KeyboardInterrupt  # as if interrupted half-way

    return Rows(spec, spec.columns, generate())


def test_an_interrupted_table_leaves_no_file(tmp_path: Path) -> None:
    from rrnkit.tabular import write_csv

    target = tmp_path / "staff.csv"
    with pytest.raises(KeyboardInterrupt):
        write_csv(_failing_rows("staff"), target)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_mhsds_export_leaves_no_file(tmp_path: Path) -> None:
    from rrnkit.convert import load
    from rrnkit.mhsds import write_files

    def incidents() -> Iterator[Any]:
        yield load(json.loads(json.dumps(INCIDENT)))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_files(incidents(), tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_failed_export_command_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rrnkit.tabular

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(INCIDENT) + "\n", encoding="utf-8")
    monkeypatch.setattr(rrnkit.tabular, "tabulate", lambda *a, **k: _failing_rows("staff"))
    result = CliRunner().invoke(
        cli, ["export", "--table", "staff", "-o", str(tmp_path / "o.csv"), str(source)]
    )
    assert result.exit_code != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_failed_pseudonymise_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rrnkit.pseudonymise import Pseudonymiser

    source = tmp_path / "in.jsonl"
    second = json.loads(json.dumps(INCIDENT))
    second["id"] = "inc-2"
    source.write_text(json.dumps(INCIDENT) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    (tmp_path / "key").write_text(KEY, encoding="ascii")
    os.chmod(tmp_path / "key", 0o600)
    original = Pseudonymiser.document
    calls = iter(range(10))

    def fail_on_second(self: Pseudonymiser, document: Any) -> Any:
        if next(calls) == 1:
            raise RuntimeError("disk gone")
        return original(self, document)

    monkeypatch.setattr(Pseudonymiser, "document", fail_on_second)
    output = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["pseudonymise", "--key-file", str(tmp_path / "key"), "-o", str(output), str(source)]
    )
    assert isinstance(result.exception, RuntimeError)
    assert not output.exists() or list(output.iterdir()) == []


def test_study_write_text_is_atomic_and_replaces_surrogates(tmp_path: Path) -> None:
    from rrnkit.study import write_text

    target = tmp_path / "rates.csv"
    write_text(target, "a,\ud800\n")
    assert target.read_bytes() == "a,\ufffd\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rates.csv"]
