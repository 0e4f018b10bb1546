"""Round trip: incident -> MHSDS rows (and CSV text) -> incident keeps what MHSDS carries.

Every field MHSDS carries comes back as the same instant or value (times to the
second); every field it lacks is reported as not carried by the export and is
never invented by the import.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from hypothesis import HealthCheck, given, note, settings

from rrnkit.convert import dump
from rrnkit.mhsds import (
    CARRIED_POINTERS,
    MHS505_COLUMNS,
    MHS515_COLUMNS,
    SUPPLIED_POINTERS,
    ExportedIncident,
    export_incident,
    import_rows,
    write_csv,
)
from rrnkit.mhsds._import import ImportLog, iter_import
from rrnkit.mhsds._loss import pattern_of
from rrnkit.mhsds._rows import RowLog, rows_from_csv
from rrnkit.model import Incident
from rrnkit.strategies import documents

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RECORDED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
ENVELOPE = ("/kind", "/schema_version")
DEFAULTS = {"/negligible": False}
"""Model defaults an imported incident holds although MHSDS does not carry them."""


def carried(incident: Incident) -> dict[str, Any]:
    """Every value MHSDS carries, by pointer; instants in UTC, to the whole second."""
    return {
        pointer: as_instant(value)
        for pointer, value in leaf_values_raw(incident).items()
        if pattern_of(pointer) in CARRIED_POINTERS
    }


def as_instant(value: Any) -> Any:
    """Turn an RFC 3339 text into a UTC instant to the second; other values unchanged."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.utcoffset() is not None:
            return moment.replace(microsecond=0).astimezone(dt.timezone.utc)
    return value


def check_round_trip(original: Incident, exported: ExportedIncident, back: Incident) -> None:
    lost = {(n.pointer, n.reason) for n in exported.not_carried}
    inexact = {p for p, reason in lost if reason in ("ambiguous-local-time", "out-of-range")}
    before, after = carried(original), carried(back)
    for pointer, value in before.items():
        if pointer not in inexact:
            note(pointer)
            assert after.get(pointer) == value
    assert set(after) <= set(before)  # nothing MHSDS carries is invented
    written = leaf_values_raw(back)
    for pointer, value in written.items():  # nor anything it does not carry
        if pointer in ENVELOPE or pointer in SUPPLIED_POINTERS:
            continue
        if pattern_of(pointer) not in CARRIED_POINTERS:
            assert DEFAULTS.get(pointer, object()) == value, pointer
    reported = {p for p, _ in lost}
    for pointer, value in leaf_values_raw(original).items():
        if pointer in ENVELOPE:
            continue
        if pattern_of(pointer) not in CARRIED_POINTERS:
            top = "/extensions" if pointer.startswith("/extensions/") else pointer
            assert top in reported, pointer
        elif isinstance(as_instant(value), dt.datetime) and "." in value[19:20]:
            assert (pointer, "sub-second") in lost


def leaf_values_raw(incident: Incident) -> dict[str, Any]:
    """Every value of a dumped incident by pointer, as written."""
    raw: dict[str, Any] = {}

    def walk(data: Any, pointer: str) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                walk(value, f"{pointer}/{key}")
        elif isinstance(data, list):
            for index, value in enumerate(data):
                walk(value, f"{pointer}/{index}")
        else:
            raw[pointer] = data

    walk(dump(incident), "")
    return raw


def refused_for_a_reason(exported: ExportedIncident) -> bool:
    return bool(exported.problems) and all(
        p.code in ("mhsds.out-of-range", "mhsds.duplicate-id") for p in exported.problems
    )


@SETTINGS
@given(documents("incident"))
def test_rows_round_trip_keeps_what_mhsds_carries(original: Incident) -> None:
    assert isinstance(original, Incident)
    exported = export_incident(original)
    if not exported.exported:
        assert refused_for_a_reason(exported)
        return
    assert exported.mhs505 is not None
    result = import_rows(
        [exported.mhs505], exported.mhs515, organisation_id="org-rt", recorded_at=RECORDED
    )
    assert result.problems == ()
    assert (result.read, result.valid, result.invalid) == (1 + len(exported.mhs515),) * 2 + (0,)
    (imported,) = result.incidents
    back = imported.incident
    assert back.organisation_id == "org-rt"
    assert back.recorded_at == RECORDED
    check_round_trip(original, exported, back)
    ambiguous = {n.pointer for n in exported.not_carried if n.reason == "ambiguous-local-time"}
    assert set(imported.ambiguous) <= ambiguous


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents("incident"))
def test_csv_text_round_trip_keeps_what_mhsds_carries(original: Incident) -> None:
    assert isinstance(original, Incident)
    exported = export_incident(original)
    mhs505, mhs515 = io.StringIO(newline=""), io.StringIO(newline="")
    summary = write_csv([exported], mhs505, mhs515)
    if not exported.exported:
        assert summary.exported == 0
        assert mhs505.getvalue().count("\n") == 1
        return
    rows = RowLog()
    log = ImportLog()
    mhs505.seek(0)
    mhs515.seek(0)
    incidents = list(
        iter_import(
            rows_from_csv(mhs505, "MHS505.csv", MHS505_COLUMNS, rows),
            rows_from_csv(mhs515, "MHS515.csv", MHS515_COLUMNS, rows),
            organisation_id="org-rt",
            recorded_at=RECORDED,
            log=log,
        )
    )
    assert rows.problems == []
    assert log.problems == []
    (imported,) = incidents
    check_round_trip(original, exported, imported.incident)
