"""The JSON report's schema, generated from the report classes' field metadata.

Like the document schemas (``rrnkit.schema``), the report's JSON Schema 2020-12
is generated at first use from attrs classes: each field of ``Report``,
``Result``, ``Problem``, ``InputFile`` and ``RuleSummary`` gives its property
its type (from the annotation), its description and any extra keywords (from
its metadata, see ``rrnkit._internal.fields``). A field added to one of them
reaches the schema without editing it; a field without a description stops
the generator.

The JSON form is not one-to-one with the classes, so the few places where it
differs are declared once, here, in :data:`_SHAPES`: a key that gathers
several fields into one object (``subject``, ``ruleset``, ``counts``), and a
key whose schema is written out because the renderer derives it
(``report_format``, the counts by outcome, severity and authority, each
rule's cited clauses). Fields a shape does not place come last, in class
order. Optional values are written ``null`` in a report (every key is always
present), unlike documents, where an absent value is left out.
"""

from __future__ import annotations

import enum
import functools
import json
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Union, get_args, get_origin

import attrs

from rrnkit._internal.fields import description_of, schema_extras, summary_of
from rrnkit.model import Authority, StandardRef
from rrnkit.model.refs import CLAUSE_PATTERN, FRAMEWORK_ID_PATTERN
from rrnkit.report._report import Report, RuleSummary
from rrnkit.rules import Outcome, Result, Severity
from rrnkit.schema import DIALECT, scalar_schema, schema_id

__all__ = ["REPORT_FORMAT", "REPORT_SCHEMA_ID", "UNCITED", "render_report_schema", "report_schema"]

REPORT_FORMAT = "1.0"
"""Version of the JSON report shape; a reader refuses any other."""

REPORT_SCHEMA_ID = schema_id("report", REPORT_FORMAT)
"""``$id`` of the report's JSON Schema (an identifier only, never fetched)."""

UNCITED = "uncited"
"""The ``unmet_by_authority`` key counting rules that cite nothing (so have no authority)."""

_NULL_NOTE = " Null when there is none."


# --------------------------------------------------------------------------- shapes


@attrs.frozen
class _Group:
    """A key of the JSON form gathering several fields of the class into one object."""

    key: str
    description: str
    members: Mapping[str, str]
    """JSON key to field name, in the JSON form's order."""
    nullable: bool = False


@attrs.frozen
class _Written:
    """A key the renderer derives from ``consumes``, its schema written out here."""

    key: str
    consumes: tuple[str, ...]
    schema: Callable[[_Builder], dict[str, Any]]


@attrs.frozen
class _Shape:
    """How one class is written in the JSON form: its ``$defs`` name and placed keys."""

    name: str
    keys: tuple[str | _Group | _Written, ...] = ()


def _count(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "description": description}


def _closed(
    description: str, properties: dict[str, Any], *, nullable: bool = False
) -> dict[str, Any]:
    """Build an object schema with exactly ``properties``, all required (every key is written)."""
    return {
        "type": ["object", "null"] if nullable else "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _report_format(builder: _Builder) -> dict[str, Any]:
    return {
        "type": "string",
        "const": REPORT_FORMAT,
        "description": "Version of this report shape.",
    }


def _outcomes(builder: _Builder) -> dict[str, Any]:
    return _closed(
        "Exact number of results per outcome, before any cap (every outcome listed).",
        {o.value: _count(f"Results with outcome {o.value}.") for o in Outcome},
    )


def _unmet_by_severity(builder: _Builder) -> dict[str, Any]:
    return _closed(
        "Exact number of unmet results per severity, before any cap (every severity listed).",
        {s.value: _count(f"Unmet results of severity {s.value}.") for s in Severity},
    )


def _unmet_by_authority(builder: _Builder) -> dict[str, Any]:
    return _closed(
        "Exact number of unmet results per authority of their rule, before any cap "
        f"(every authority listed, strongest first; {UNCITED} counts rules citing nothing).",
        {
            **{
                a.value: _count(f"Unmet results of rules whose authority is {a.words}.")
                for a in sorted(Authority, key=lambda a: -a.rank)
            },
            UNCITED: _count("Unmet results of rules that cite nothing."),
        },
    )


def _cited_clauses(builder: _Builder) -> dict[str, Any]:
    """Write a rule's citations each with its framework's authority (both fields zipped)."""
    builder.defs.setdefault(
        "CitedClause",
        _closed(
            "One clause a rule cites, with its framework's authority.",
            {
                "citation": {
                    **builder.type_schema(StandardRef),
                    "description": "framework:clause.",
                },
                "framework": {
                    "type": "string",
                    "pattern": FRAMEWORK_ID_PATTERN,
                    "description": "The framework's id (rrnkit's or one the caller registered).",
                },
                "clause": {
                    "type": "string",
                    "pattern": CLAUSE_PATTERN,
                    "description": "The clause within the framework.",
                },
                "authority": {
                    **builder.type_schema(Authority | None),
                    "description": "The framework's authority.",
                },
            },
        ),
    )
    return {
        "type": "array",
        "description": "The clauses the rule rests on, in the rule's order, with their authority.",
        "items": builder.ref("CitedClause"),
    }


_SHAPES: dict[type, _Shape] = {
    Report: _Shape(
        "Report",
        (
            _Written("report_format", (), _report_format),
            "command",
            "rrnkit_version",
            "as_of",
            _Group(
                "ruleset",
                "The rule set evaluated, or null when no rules ran.",
                {"id": "ruleset_id", "version": "ruleset_version"},
                nullable=True,
            ),
            "parameters",
            "rules",
            "inputs",
            _Group(
                "counts",
                "Records read, and how many were valid, invalid, skipped or pseudonymised copies.",
                {
                    "read": "read",
                    "valid": "valid",
                    "invalid": "invalid",
                    "skipped": "skipped",
                    "pseudonymised": "pseudonymised",
                },
            ),
            _Written("outcomes", ("outcome_counts",), _outcomes),
            _Written("unmet_by_severity", ("unmet_counts",), _unmet_by_severity),
            _Written("unmet_by_authority", ("unmet_authority_counts",), _unmet_by_authority),
            "partial",
            "not_shown",
            "interrupted",
            "notes",
            "path_problems",
            "problems",
            "results",
        ),
    ),
    Result: _Shape(
        "Result",
        (
            "rule_id",
            "outcome",
            "severity",
            "authority",
            "message",
            "citations",
            _Group(
                "subject",
                "The document judged (kind collection, id *, for rules over all documents).",
                {"kind": "subject_kind", "id": "subject_id"},
            ),
        ),
    ),
    RuleSummary: _Shape(
        "Rule",
        (
            "id",
            "title",
            "severity",
            "authority",
            _Written("citations", ("citations", "authorities"), _cited_clauses),
        ),
    ),
}
"""Where the JSON form differs from the classes; every other field maps by name."""


# --------------------------------------------------------------------------- the builder


def _citation_pattern() -> str:
    """``framework:clause`` for any framework id of the safe form, a caller's own included."""
    return f"^{FRAMEWORK_ID_PATTERN[1:-1]}:{CLAUSE_PATTERN[1:]}"


class _Builder:
    """Collects ``$defs`` while walking the report classes from ``Report``."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self._nullable_enums: dict[str, bool] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, type_: Any) -> dict[str, Any]:
        """Return the schema of a value of ``type_`` as the JSON report writes it."""
        origin, args = get_origin(type_), get_args(type_)
        if origin in (Union, types.UnionType):
            (inner,) = [a for a in args if a is not type(None)]
            return self._nullable(inner)
        scalar = scalar_schema(type_)
        if scalar is not None:
            return scalar
        if type_ is Any:
            return {}  # any JSON value
        if type_ is StandardRef:
            self.defs.setdefault(
                "Citation",
                {
                    "type": "string",
                    "pattern": _citation_pattern(),
                    "description": "A citation written framework:clause, e.g. uof-act:6(5)(a).",
                },
            )
            return self.ref("Citation")
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return self._enum(type_, nullable=False)
        if origin is tuple or origin is Sequence:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is Mapping and args[0] is str:
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if attrs.has(type_):
            name = _SHAPES.get(type_, _Shape(type_.__name__)).name
            if name not in self.defs:
                self.defs[name] = {}  # reserve against recursion
                self.defs[name] = self.object_schema(type_)
            return self.ref(name)
        raise TypeError(f"no JSON Schema mapping for {type_!r} in the report")

    def _nullable(self, type_: Any) -> dict[str, Any]:
        """Return the schema of ``type_`` or null: a report writes every key, null when unknown."""
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return self._enum(type_, nullable=True)
        schema = self.type_schema(type_)
        if isinstance(schema.get("type"), str):
            return {**schema, "type": [schema["type"], "null"]}
        raise TypeError(f"no nullable JSON Schema mapping for {type_!r} in the report")

    def _enum(self, type_: type[enum.Enum], *, nullable: bool) -> dict[str, Any]:
        """One ``$defs`` entry per enum, listing its values (and null where it is optional)."""
        name = type_.__name__
        if self._nullable_enums.setdefault(name, nullable) is not nullable:
            raise TypeError(f"{name} is used both with and without null in the report")
        values: list[Any] = [member.value for member in type_]
        self.defs[name] = {
            "type": ["string", "null"] if nullable else "string",
            "enum": [*values, None] if nullable else values,
            "description": summary_of(type_) + (_NULL_NOTE if nullable else ""),
        }
        return self.ref(name)

    def field_schema(self, cls: type, field: attrs.Attribute[Any]) -> dict[str, Any]:
        """Return a field's property: its type's schema, declared keywords and description."""
        description = description_of(field)
        if not description:
            raise ValueError(
                f"{cls.__name__}.{field.name} has no description: "
                "give it metadata=doc(...) (rrnkit._internal.fields)"
            )
        return {**self.type_schema(field.type), **schema_extras(field), "description": description}

    def object_schema(self, cls: type) -> dict[str, Any]:
        """Return the closed object a class is written as: placed keys first, then the rest."""
        shape = _SHAPES.get(cls, _Shape(cls.__name__))
        fields = {f.name: f for f in attrs.fields(attrs.resolve_types(cls))}
        placed: list[str] = []

        def take(name: str) -> attrs.Attribute[Any]:
            if name not in fields or name in placed:
                raise ValueError(f"{cls.__name__}: the JSON shape places {name!r} wrongly")
            placed.append(name)
            field: attrs.Attribute[Any] = fields[name]
            return field

        properties: dict[str, Any] = {}
        for key in shape.keys:
            if isinstance(key, str):
                properties[key] = self.field_schema(cls, take(key))
            elif isinstance(key, _Group):
                members = {k: self.field_schema(cls, take(n)) for k, n in key.members.items()}
                properties[key.key] = _closed(key.description, members, nullable=key.nullable)
            else:
                for name in key.consumes:
                    take(name)
                properties[key.key] = key.schema(self)
        for name, field in fields.items():
            if name not in placed:
                properties[name] = self.field_schema(cls, field)
        return _closed(summary_of(cls), properties)


# --------------------------------------------------------------------------- the schema


@functools.cache
def _schema_text() -> str:
    builder = _Builder()
    report = builder.object_schema(Report)
    schema = {
        "$schema": DIALECT,
        "$id": REPORT_SCHEMA_ID,
        "title": f"rrnkit report, format {REPORT_FORMAT}",
        "description": (
            "What one rrnkit run found (rrnkit validate, rrnkit check or evaluate): "
            "the files read, input counts, every problem and every rule outcome."
        ),
        **{k: v for k, v in report.items() if k != "description"},
        "$defs": dict(sorted(builder.defs.items())),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def report_schema() -> dict[str, Any]:
    """Return (a fresh copy of) the JSON Schema (2020-12) of the JSON report form.

    It is generated from the report classes' field metadata, so a field's type
    and description cannot drift from the code; outcome, severity and
    authority values come from their enums. A citation may name any
    framework id of the safe form
    (:data:`~rrnkit.model.refs.FRAMEWORK_ID_PATTERN`), so a report citing a
    framework the caller registered still validates.
    """
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def render_report_schema() -> str:
    """Return the report schema as the exact text committed under ``schemas/``."""
    return _schema_text()
