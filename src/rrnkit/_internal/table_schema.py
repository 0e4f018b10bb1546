"""Frictionless Table Schema descriptors for the CSV files rrnkit writes, and their rules.

Every CSV rrnkit writes (``rrnkit export``, ``mhsds export``, the ``study``
tables) gets a Table Schema (https://specs.frictionlessdata.io/table-schema/)
beside it, ``<table>.schema.json`` for ``<table>.csv``, so a reader in any
language knows each column's type: codes and identifiers stay strings (``"01"``
is not the number 1), dates are dates. One file per table rather than one
``datapackage.json`` per folder, because ``rrnkit export -o`` writes one table
at a time into any folder: a shared package file would have to be merged.

Besides the standard properties the schema carries one of rrnkit's own (the
standard allows others): ``rrnkit:neutralised``, true when text cells were
written spreadsheet-safe (a ``'`` before a leading ``=``, ``+``, ``-``, ``@``,
tab or carriage return, see :mod:`rrnkit._internal.writing`), so a reader
knows to drop that quote; and on a field, ``rrnkit:sensitive``, true for a
column that holds personal data (a linkage key).

:func:`check_schema` implements the standard's rules for the properties rrnkit
writes and reads; it is what the readers and the tests hold a schema to.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rrnkit._internal.writing import atomic_text

PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
"""The ``$schema`` of every descriptor rrnkit writes: Table Schema 2.0."""

NEUTRALISED = "rrnkit:neutralised"
"""The schema property that says text cells were written spreadsheet-safe."""

SUFFIX = ".schema.json"
"""What a CSV file's schema is named with, in place of ``.csv``."""

TYPES = frozenset(
    {
        "string",
        "number",
        "integer",
        "boolean",
        "object",
        "array",
        "list",
        "datetime",
        "date",
        "time",
        "year",
        "yearmonth",
        "duration",
        "geopoint",
        "geojson",
        "any",
    }
)
"""The field types of the Table Schema standard."""

FIELDS_MATCH = frozenset({"exact", "equal", "subset", "superset", "partial"})
"""The values ``fieldsMatch`` may take (``exact``, the default: same names, same order)."""

_CONSTRAINTS: Mapping[str, type | tuple[type, ...]] = {
    "required": bool,
    "unique": bool,
    "minLength": int,
    "maxLength": int,
    "minimum": (int, float, str),
    "maximum": (int, float, str),
    "exclusiveMinimum": (int, float, str),
    "exclusiveMaximum": (int, float, str),
    "jsonSchema": dict,
    "pattern": str,
    "enum": list,
}
"""Every constraint the standard defines, with the JSON type of its value."""


def field(
    name: str,
    type: str,
    *,
    description: str = "",
    required: bool = False,
    categories: Sequence[str] = (),
    true_values: Sequence[str] = (),
    false_values: Sequence[str] = (),
    **extra: Any,
) -> dict[str, Any]:
    """Return one field descriptor; a field with ``categories`` is also limited to them."""
    descriptor: dict[str, Any] = {"name": name, "type": type}
    if description:
        descriptor["description"] = description
    if type in ("date", "datetime", "time"):
        descriptor["format"] = "default"
    if true_values:
        descriptor["trueValues"] = list(true_values)
        descriptor["falseValues"] = list(false_values)
    if categories:
        descriptor["categories"] = list(categories)
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if categories:
        constraints["enum"] = list(categories)
    if constraints:
        descriptor["constraints"] = constraints
    descriptor.update(extra)
    return descriptor


def schema(fields: Iterable[Mapping[str, Any]], *, neutralised: bool) -> dict[str, Any]:
    """Return a Table Schema descriptor: the fields in CSV order, empty cells missing."""
    return {
        "$schema": PROFILE,
        "fields": [dict(f) for f in fields],
        "fieldsMatch": "exact",
        "missingValues": [""],
        NEUTRALISED: neutralised,
    }


def schema_path(csv_path: str | os.PathLike[str]) -> Path:
    """Return where the schema of a CSV file goes: ``x.csv`` -> ``x.schema.json`` beside it."""
    path = Path(csv_path)
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(stem + SUFFIX)


def dumps(descriptor: Mapping[str, Any]) -> str:
    """Return a descriptor as the JSON text rrnkit writes (indented, ending in a newline)."""
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def write_schema(csv_path: str | os.PathLike[str], descriptor: Mapping[str, Any]) -> Path:
    """Write the schema of a CSV file beside it, atomically; return its path."""
    target = schema_path(csv_path)
    with atomic_text(target, newline="\n") as handle:
        handle.write(dumps(descriptor))
    return target


def _unique_strings(value: Any) -> bool:
    return (
        isinstance(value, list)
        and all(isinstance(v, str) for v in value)
        and len(set(value)) == len(value)
    )


def _missing_values(value: Any) -> bool:
    if _unique_strings(value):
        return True
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return False
    values = [v.get("value") for v in value]
    return _unique_strings(values) and all(isinstance(v.get("label", ""), str) for v in value)


def _check_constraints(where: str, found: dict[str, Any], problems: list[str]) -> None:
    constraints = found.get("constraints")
    if constraints is None:
        return
    if not isinstance(constraints, dict):
        problems.append(f"{where}: constraints is not an object")
        return
    for key, value in constraints.items():
        expected = _CONSTRAINTS.get(key)
        if expected is None:
            problems.append(f"{where}: constraint {key!r} is not one the standard defines")
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(f"{where}: constraint {key} has a value of the wrong type")
    enum = constraints.get("enum")
    if isinstance(enum, list):
        if not enum:
            problems.append(f"{where}: constraint enum is empty")
        categories = found.get("categories")
        if isinstance(categories, list) and not all(v in categories for v in enum):
            problems.append(f"{where}: constraint enum is not a subset of its categories")


def _check_field(index: int, found: Any, names: set[str], problems: list[str]) -> None:
    where = f"field {index + 1}"
    if not isinstance(found, dict):
        problems.append(f"{where} is not an object")
        return
    name = found.get("name")
    if not isinstance(name, str) or not name:
        problems.append(f"{where} has no name")
    elif name in names:
        problems.append(f"{where}: the name {name!r} is used by an earlier field")
    else:
        names.add(name)
    kind = found.get("type", "any")
    if kind not in TYPES:
        problems.append(f"{where}: type {kind!r} is not a Table Schema type")
    if "format" in found and not isinstance(found["format"], str):
        problems.append(f"{where}: format is not a string")
    for key in ("trueValues", "falseValues"):
        if key in found and (kind != "boolean" or not _unique_strings(found[key])):
            problems.append(f"{where}: {key} is only for a boolean field, as a list of strings")
    if "categories" in found:
        categories = found["categories"]
        if kind not in ("string", "integer"):
            problems.append(f"{where}: categories are only for string and integer fields")
        elif not isinstance(categories, list) or len(
            {json.dumps(c, sort_keys=True) for c in categories}
        ) != len(categories):
            problems.append(f"{where}: categories are not a list of unique values")
    if "categoriesOrdered" in found and not isinstance(found["categoriesOrdered"], bool):
        problems.append(f"{where}: categoriesOrdered is not a boolean")
    if "missingValues" in found and not _missing_values(found["missingValues"]):
        problems.append(f"{where}: missingValues is not a list of unique strings")
    for key in ("title", "description"):
        if key in found and not isinstance(found[key], str):
            problems.append(f"{where}: {key} is not a string")
    _check_constraints(where, found, problems)


def check_schema(descriptor: Any, header: Sequence[str] | None = None) -> list[str]:
    """Return what is wrong with a Table Schema descriptor (empty when nothing is).

    Checks the rules of the standard for the schema's ``fields`` (each an
    object with a unique ``name``, a standard ``type``; ``format``,
    ``trueValues``/``falseValues``, ``categories`` and ``constraints`` of the
    right shape, ``enum`` within ``categories``), ``missingValues``,
    ``fieldsMatch`` and ``primaryKey``. Given a CSV ``header``, also that it
    matches the fields as ``fieldsMatch`` says (``exact``: the same names in
    the same order). Messages name fields by position and name, never a value.
    """
    if not isinstance(descriptor, dict):
        return ["the schema is not a JSON object"]
    problems: list[str] = []
    fields = descriptor.get("fields")
    if not isinstance(fields, list) or not fields:
        return ["the schema has no list of fields"]
    if "$schema" in descriptor and not isinstance(descriptor["$schema"], str):
        problems.append("$schema is not a string")
    names: set[str] = set()
    for index, found in enumerate(fields):
        _check_field(index, found, names, problems)
    if "missingValues" in descriptor and not _missing_values(descriptor["missingValues"]):
        problems.append("missingValues is not a list of unique strings")
    match = descriptor.get("fieldsMatch", "exact")
    if match not in FIELDS_MATCH:
        problems.append("fieldsMatch is not one of " + ", ".join(sorted(FIELDS_MATCH)))
    key = descriptor.get("primaryKey")
    if key is not None:
        keys = [key] if isinstance(key, str) else key
        if not isinstance(keys, list) or not all(k in names for k in keys):
            problems.append("primaryKey does not name fields of the schema")
    if NEUTRALISED in descriptor and not isinstance(descriptor[NEUTRALISED], bool):
        problems.append(f"{NEUTRALISED} is not a boolean")
    if header is not None and not problems:
        problems.extend(_check_header(list(header), fields, match))
    return problems


def _check_header(header: list[str], fields: list[dict[str, Any]], match: str) -> list[str]:
    names = [f["name"] for f in fields]
    if match == "exact":
        if header != names:
            return ["the CSV header does not name the schema's fields in order"]
        return []
    have, want = set(header), set(names)
    ok = {
        "equal": have == want,
        "subset": want <= have,
        "superset": have <= want,
        "partial": bool(have & want),
    }[match]
    return [] if ok else [f"the CSV header does not match the schema's fields ({match})"]


def load_schema(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a schema file (UTF-8 JSON); raise ``ValueError`` if it breaks :func:`check_schema`."""
    with open(path, encoding="utf-8") as handle:
        try:
            descriptor = json.load(handle)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{os.fspath(path)}: not JSON (line {exc.lineno})") from None
    problems = check_schema(descriptor)
    if problems:
        raise ValueError(f"{os.fspath(path)}: " + "; ".join(problems))
    result: dict[str, Any] = descriptor
    return result


# Reading cells back with a schema ---------------------------------------------------------

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|(?i:[+-]?inf|nan)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def categories_of(descriptor: Mapping[str, Any]) -> list[Any]:
    """Return a field's categories as plain values (objects give their ``value``)."""
    return [c["value"] if isinstance(c, dict) else c for c in descriptor.get("categories", ())]


def missing_values(schema_descriptor: Mapping[str, Any], descriptor: Mapping[str, Any]) -> set[str]:
    """Return the cells that mean a missing value in a field (the field's own list first)."""
    found = descriptor.get("missingValues", schema_descriptor.get("missingValues", [""]))
    return {v["value"] if isinstance(v, dict) else v for v in found}


def _parse(kind: str, descriptor: Mapping[str, Any]) -> Any:
    """Return a function from one cell's text to its value, raising ``ValueError``."""

    def checked(pattern: re.Pattern[str], make: Any) -> Any:
        def parse(text: str) -> Any:
            if not pattern.fullmatch(text):
                raise ValueError
            return make(text)

        return parse

    def moment(text: str) -> dt.datetime:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if value.utcoffset() is None:  # pragma: no cover - the pattern needs an offset
            raise ValueError
        return value

    if kind == "integer":
        return checked(_INTEGER, int)
    if kind == "number":
        return checked(_NUMBER, float)
    if kind == "date":
        return checked(_DATE, dt.date.fromisoformat)
    if kind == "time":
        return checked(_TIME, dt.time.fromisoformat)
    if kind == "datetime":
        return checked(_DATETIME, moment)
    if kind == "boolean":
        truth = dict.fromkeys(descriptor.get("trueValues", _TRUE), True)
        truth.update(dict.fromkeys(descriptor.get("falseValues", _FALSE), False))

        def boolean(text: str) -> bool:
            return truth[text]

        return boolean
    return str


def column_values(
    schema_descriptor: Mapping[str, Any], descriptor: Mapping[str, Any], cells: Iterable[str]
) -> list[Any]:
    """Read one column's cells as Python values by its field: None where missing.

    Text cells lose the ``'`` a spreadsheet-safe writer put before a formula
    lead when the schema says ``rrnkit:neutralised``. Types: ``integer`` int,
    ``number`` float, ``boolean`` bool, ``date`` ``datetime.date``, ``time``
    ``datetime.time``, ``datetime`` an aware ``datetime.datetime`` (the
    default format, with a UTC offset); any other type stays text. A cell
    that is not of its type, a missing value in a ``required`` field and a
    value outside ``categories`` or ``enum`` raise ``ValueError`` naming the
    column and the data row (from 1), never the value.
    """
    from rrnkit._internal.writing import restore_cell

    name = descriptor["name"]
    kind = descriptor.get("type", "any")
    missing = missing_values(schema_descriptor, descriptor)
    restore = kind == "string" and schema_descriptor.get(NEUTRALISED) is True
    constraints = descriptor.get("constraints", {})
    required = constraints.get("required") is True
    allowed = set(categories_of(descriptor)) | set(constraints.get("enum", ()))
    parse = _parse(kind, descriptor)
    values: list[Any] = []
    for row, cell in enumerate(cells, 1):
        if cell in missing:
            if required:
                raise ValueError(f"column {name}, row {row}: empty, but the column is required")
            values.append(None)
            continue
        try:
            value = parse(restore_cell(cell) if restore else cell)
        except (ValueError, KeyError):
            raise ValueError(
                f"column {name}, row {row}: not a value of type {kind} in its format"
            ) from None
        if allowed and value not in allowed:
            raise ValueError(f"column {name}, row {row}: not one of the column's categories")
        values.append(value)
    return values


def csv_header(path: str | os.PathLike[str]) -> list[str]:
    """Return the header line of a CSV file (UTF-8), or an empty list for an empty file."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for cells in csv.reader(handle):
            if cells:
                return cells
    return []
