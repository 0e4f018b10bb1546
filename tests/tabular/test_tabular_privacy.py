"""No sensitive value reaches a default table: sentinels planted in every sensitive field.

Each sentinel names its field, so a leak says which field leaked. With
``include_sensitive=True`` the linkage keys (and only they) do appear.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from rrnkit.cli._export import export
from rrnkit.convert import dump
from rrnkit.io import iter_records
from rrnkit.model import is_sensitive
from rrnkit.model.introspect import fields_of, strip_optional
from rrnkit.model.values import NhsNumber
from rrnkit.report import evaluate
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.tabular import TABLES, tabulate, write_csv

ROOT = Path(__file__).parents[2]
MARK = "ZQ-"
NHS = "9434765919"
BIRTH = dt.date(1917, 3, 29)
LITERALS = (NHS, BIRTH.isoformat())


def sentinel(cls: type, name: str) -> str:
    return f"{MARK}{cls.__name__}-{name}-QZ"


def plant(value: Any) -> Any:
    """Set every sensitive field, everywhere in a model object, to its sentinel."""
    if attrs.has(type(value)):
        changes = {}
        for field in fields_of(type(value)):
            if not field.init:
                continue
            current = getattr(value, field.name)
            if is_sensitive(field):
                type_ = strip_optional(field.type)
                if type_ is NhsNumber:
                    changes[field.name] = NHS
                elif type_ is dt.date:
                    changes[field.name] = BIRTH
                else:
                    changes[field.name] = sentinel(type(value), field.name)
            else:
                changes[field.name] = plant(current)
        return attrs.evolve(value, **changes)
    if isinstance(value, tuple):
        return tuple(plant(item) for item in value)
    return value


def leaks(text: str) -> list[str]:
    found = re.findall(re.escape(MARK) + r"[^\s\"',]{0,80}", text)
    return found + [literal for literal in LITERALS if literal in text]


@pytest.fixture(scope="module")
def planted() -> list[Any]:
    docs = [r.document for r in iter_records([ROOT / "examples"]) if r and r.document]
    return [plant(d) for d in docs]


def csv_text(name: str, docs: list[Any], sensitive: bool) -> str:
    source: Any = docs
    if TABLES[name].source == "report":
        source = evaluate(docs, ALL_PACKS, as_of=dt.date(2026, 11, 28))
    out = io.StringIO()
    write_csv(tabulate(name, source, include_sensitive=sensitive), out)
    return out.getvalue()


def test_the_sentinels_are_in_the_documents(planted: list[Any]) -> None:
    text = json.dumps([dump(d) for d in planted])
    for field in (
        "Patient-name",
        "Patient-mental_disorder",
        "RecordedCharacteristic-value",
        "StaffInvolvement-name",
        "Intervention-description",
        "Incident-location",
        "Incident-outcome",
        "Debrief-reason_not_held",
    ):
        assert f"{MARK}{field}-QZ" in text
    assert NHS in text
    assert BIRTH.isoformat() in text


@pytest.mark.parametrize("name", list(TABLES))
def test_no_sensitive_value_in_a_default_table(name: str, planted: list[Any]) -> None:
    text = csv_text(name, planted, sensitive=False)
    assert text.count("\n") > 1, "the table has rows"
    assert leaks(text) == []


def test_include_sensitive_adds_the_linkage_keys_only(planted: list[Any]) -> None:
    text = csv_text("incidents", planted, sensitive=True)
    found = set(leaks(text))
    assert found == {NHS, "ZQ-Patient-local_id-QZ", "ZQ-Incident-hospital_provider_spell_id-QZ"}


def test_no_sensitive_value_from_the_command_line(planted: list[Any], tmp_path: Path) -> None:
    good = tmp_path / "planted.jsonl"
    good.write_text("".join(json.dumps(dump(d)) + "\n" for d in planted), encoding="utf-8")
    broken = dump(next(d for d in planted if d.kind == "incident"))
    broken["patient"]["name"] = [sentinel(dict, "wrong-type")]
    broken["outcome"] = 7
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken, indent=2), encoding="utf-8")
    runner = CliRunner()
    for name in TABLES:
        extra = ["--as-of", "2026-11-28"] if name == "outcomes" else []
        result = runner.invoke(export, ["--table", name, *extra, str(good), str(bad)])
        assert result.exit_code == 1, result.output
        assert leaks(result.stdout) == [], name
        assert leaks(result.stderr) == [], name
        assert f"{bad}:" in result.stderr
