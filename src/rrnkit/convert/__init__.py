"""JSON interchange: load documents into the model and dump them back.

``load`` checks the envelope, migrates older versions, and structures the data
with one strict converter; every problem comes back in one
:class:`~rrnkit.problems.DocumentError` with JSON Pointers. ``dump`` gives
JSON-ready data that ``load`` reads back to an equal object.

Reading JSON text is here too: :func:`parse_json` parses strictly within
:class:`JsonLimits`, :func:`fast_loads` takes the fast path where it is certain
to agree, and :func:`locate_all` finds the line and column of JSON Pointers.
"""

from __future__ import annotations

from typing import Any, TypeVar

from rrnkit.convert._converter import converter, problems_from
from rrnkit.convert._fast import fast_dumps, fast_loads, fast_reader, loads_own
from rrnkit.convert._limits import JsonLimits, JsonSyntaxError
from rrnkit.convert._locate import locate_all
from rrnkit.convert._parse import parse_json
from rrnkit.convert._trusted import structurer
from rrnkit.convert.envelope import NO_MIGRATIONS, Migration, Migrations, read_envelope, upgrade
from rrnkit.model import DOCUMENT_TYPES, Document
from rrnkit.problems import DocumentError

__all__ = [
    "NO_MIGRATIONS",
    "JsonLimits",
    "JsonSyntaxError",
    "Migration",
    "Migrations",
    "converter",
    "dump",
    "fast_dumps",
    "fast_loads",
    "fast_reader",
    "load",
    "load_checked",
    "loads_own",
    "locate_all",
    "parse_json",
    "structure",
]

T = TypeVar("T")


def structure(data: Any, cls: type[T]) -> T:
    """Structure JSON data into ``cls`` strictly, or raise :class:`DocumentError`."""
    try:
        return converter.structure(data, cls)
    except Exception as exc:  # every cattrs/attrs error becomes located problems
        raise DocumentError(problems_from(exc)) from None


def load(data: Any, *, migrations: Migrations = NO_MIGRATIONS) -> Document:
    """Load one document of any kind from parsed JSON data.

    Raises :class:`~rrnkit.problems.DocumentError` listing every problem found.
    """
    kind, problems = read_envelope(data, migrations=migrations)
    if problems:
        raise DocumentError(problems)
    return structure(upgrade(data, kind, migrations), DOCUMENT_TYPES[kind])


def load_checked(data: dict[str, Any]) -> Document:
    """Structure a current-version document the schema and schema-free checks accepted.

    Much faster than :func:`load`: it builds the objects without checking
    again what was checked (see :mod:`rrnkit.convert._trusted`). Data that is
    not valid after all, or a kind it cannot build (a bundle), goes to :func:`load`.
    """
    try:
        document: Document = structurer(DOCUMENT_TYPES[data["kind"]])(data)
    except Exception:  # not valid after all: let load find and locate every problem
        return load(data)
    return document


def dump(document: Document) -> dict[str, Any]:
    """Return a document as JSON-ready data (kind and schema_version first)."""
    data: dict[str, Any] = converter.unstructure(document)
    return {"kind": data.pop("kind"), "schema_version": data.pop("schema_version"), **data}
