"""What every top-level document has: kind, schema version, id and extensions."""

from __future__ import annotations

from typing import Any

import attrs

from rrnkit._internal.patterns import EXTENSION_NAMESPACE_PATTERN
from rrnkit.model._meta import FieldProblem, constrained, doc, portable_regex
from rrnkit.model.values import Identifier, valid_identifier

SCHEMA_VERSION = "1.0"
"""The interchange format version this release writes and validates."""

_NAMESPACE = portable_regex(EXTENSION_NAMESPACE_PATTERN)


def _valid_extensions(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for key in value:
        if not _NAMESPACE.match(key):
            raise FieldProblem(
                attribute.name,
                "value.extension-namespace",
                "has a key that is not a dotted namespace such as 'org.example'",
            )


def _current_version(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Attrs validator: a document in memory is of the version this release builds."""
    if value != SCHEMA_VERSION:
        raise FieldProblem(
            attribute.name,
            "document.unsupported-version",
            f"must be {SCHEMA_VERSION}, the version this release builds "
            "(older documents are migrated when loaded)",
        )


@attrs.frozen(kw_only=True, field_transformer=constrained)
class DocumentBase:
    """Fields every top-level document shares; subclasses add ``kind``."""

    schema_version: str = attrs.field(
        default=SCHEMA_VERSION,
        validator=_current_version,
        metadata=doc(
            "Interchange format version (MAJOR.MINOR) the document was written for.",
            pattern="^[0-9]+\\.[0-9]+$",
        ),
    )
    id: Identifier = attrs.field(
        validator=valid_identifier,
        metadata=doc("Stable identifier of this document, unique within its kind."),
    )
    extensions: dict[str, dict[str, Any]] = attrs.field(
        factory=dict,
        hash=False,
        validator=_valid_extensions,
        metadata=doc(
            "Data outside the standard model, keyed by a dotted namespace the "
            "extension's owner controls (e.g. 'org.example'); carried through untouched."
        ),
    )
