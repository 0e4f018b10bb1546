"""Generate JSON Schema 2020-12 documents from the attrs model.

The model is the one source of truth: each field's type, description and
declared constraints become a property schema. Only standard 2020-12 keywords
are used, and every pattern is written in the subset that ECMA-262, RE2 and
Python agree on (``[0-9]``, never the backslash-d class), so validators in any language agree.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from rrnkit._internal.fields import description_of, is_sensitive, schema_extras, summary_of
from rrnkit._internal.patterns import EXTENSION_NAMESPACE_PATTERN
from rrnkit._internal.strict import DATE_PATTERN, DATETIME_PATTERN
from rrnkit.model import DOCUMENT_TYPES, SCHEMA_VERSION, Record
from rrnkit.model.values import (
    IDENTIFIER_DESCRIPTION,
    IDENTIFIER_PATTERN,
    NHS_NUMBER_PATTERN,
    Identifier,
    NhsNumber,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of every published schema: JSON Schema 2020-12."""
BASE_URI = "https://schemas.rrnkit.org"
"""Base of every schema ``$id``; an identifier only, never fetched."""


SENSITIVE_NOTE = " Sensitive: rrnkit never echoes this value."


_KIND_NOTE = "The member document's kind, which decides the schema it must meet."


def schema_id(kind: str, version: str = SCHEMA_VERSION) -> str:
    """Return the versioned ``$id`` of a kind's schema."""
    return f"{BASE_URI}/{version}/{kind}.schema.json"


def scalar_schema(type_: Any) -> dict[str, Any] | None:
    """Return the schema of a scalar type (str, bool, int, float, date, date-time), else None.

    Shared by the document schemas and the report's, so a date is written and
    checked one way everywhere (``YYYY-MM-DD``, RFC 3339 with an offset).
    """
    if type_ is str:
        return {"type": "string"}
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is int:
        return {"type": "integer"}
    if type_ is float:
        return {"type": "number"}
    if type_ is dt.datetime:
        return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
    if type_ is dt.date:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    return None


class _Builder:
    """Collects ``$defs`` while walking the model from one root class."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, type_: Any) -> dict[str, Any]:
        if type_ is Identifier:
            self.defs.setdefault(
                "Identifier",
                {
                    "type": "string",
                    "pattern": IDENTIFIER_PATTERN,
                    "description": IDENTIFIER_DESCRIPTION,
                },
            )
            return self.ref("Identifier")
        if type_ is NhsNumber:
            return {"type": "string", "pattern": NHS_NUMBER_PATTERN}
        scalar = scalar_schema(type_)
        if scalar is not None:
            return scalar
        if type_ == Record:
            return self.record_schema()
        origin = get_origin(type_)
        args = get_args(type_)
        if origin is Literal:
            return {"const": args[0]}
        if origin in (Union, types.UnionType):
            (inner,) = [a for a in args if a is not type(None)]
            return self.type_schema(inner)
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is dict:
            return {
                "type": "object",
                "propertyNames": {"pattern": EXTENSION_NAMESPACE_PATTERN},
                "additionalProperties": {"type": "object"},
            }
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            if type_.__name__ not in self.defs:
                self.defs[type_.__name__] = {
                    "type": "string",
                    "enum": [member.value for member in type_],
                    "description": summary_of(type_),
                }
            return self.ref(type_.__name__)
        if attrs.has(type_):
            self.class_schema(type_)
            return self.ref(type_.__name__)
        raise TypeError(f"no JSON Schema mapping for {type_!r}")

    def record_schema(self) -> dict[str, Any]:
        """Documents in a bundle: dispatch on ``kind`` so errors stay precise everywhere."""
        kinds = [kind for kind in DOCUMENT_TYPES if kind != "bundle"]
        branches = []
        for kind in kinds:
            cls = DOCUMENT_TYPES[kind]
            self.class_schema(cls)
            branches.append(
                {
                    "if": {
                        "type": "object",
                        "properties": {"kind": {"const": kind, "description": _KIND_NOTE}},
                        "required": ["kind"],
                    },
                    "then": self.ref(cls.__name__),
                }
            )
        return {
            "type": "object",
            "properties": {"kind": {"enum": kinds, "description": _KIND_NOTE}},
            "required": ["kind"],
            "allOf": branches,
        }

    def class_schema(self, cls: type) -> None:
        name = cls.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # reserve against recursion
        fields = attrs.fields(attrs.resolve_types(cls))
        lead = {"kind": 0, "schema_version": 1}
        order = sorted(fields, key=lambda f: lead.get(f.name, 2))
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in order:
            prop = self.type_schema(field.type)
            if field.name == "schema_version":
                prop = {"type": "string", "const": SCHEMA_VERSION}
            prop = {**prop, **schema_extras(field)} if field.name != "schema_version" else prop
            prop["description"] = description_of(field)
            if is_sensitive(field):
                prop["description"] += SENSITIVE_NOTE
            properties[field.name] = prop
            if field.default is attrs.NOTHING or field.name in ("kind", "schema_version"):
                required.append(field.name)
        self.defs[name] = {
            "type": "object",
            "description": summary_of(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def generate_schema(kind: str) -> dict[str, Any]:
    """Generate the JSON Schema document of one document kind."""
    cls = DOCUMENT_TYPES[kind]
    builder = _Builder()
    builder.class_schema(cls)
    return {
        "$schema": DIALECT,
        "$id": schema_id(kind),
        "title": f"rrnkit {kind} document, version {SCHEMA_VERSION}",
        "description": summary_of(cls),
        "$ref": f"#/$defs/{cls.__name__}",
        "$defs": dict(sorted(builder.defs.items())),
    }
