"""The envelope (``kind`` and ``schema_version``) and migrations between versions.

A migration is a pure function from a document's JSON data at one version to
its data at the next; a :class:`Migrations` registry chains them until the
document reaches :data:`~rrnkit.model.SCHEMA_VERSION`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from rrnkit.model import DOCUMENT_TYPES, SCHEMA_VERSION
from rrnkit.problems import DocumentError, Problem, join_pointer

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""A pure function taking a document's data at one version to the next version."""

_VERSION = re.compile(r"^[0-9]+\.[0-9]+$")


@attrs.frozen
class Migrations:
    """An immutable registry of migrations keyed by (kind, from-version)."""

    steps: Mapping[tuple[str, str], tuple[str, Migration]] = attrs.field(factory=dict)

    def register(self, kind: str, from_version: str, to_version: str, fn: Migration) -> Migrations:
        """Return a registry that also migrates ``kind`` from one version to another."""
        if kind not in DOCUMENT_TYPES:
            raise ValueError(f"unknown document kind {kind!r}")
        steps = dict(self.steps)
        steps[(kind, from_version)] = (to_version, fn)
        return Migrations(steps)

    def supports(self, kind: str, version: str) -> bool:
        """Tell whether a document of ``kind`` at ``version`` can be read."""
        seen = set()
        while version != SCHEMA_VERSION:
            if (kind, version) in seen or (kind, version) not in self.steps:
                return False
            seen.add((kind, version))
            version = self.steps[(kind, version)][0]
        return True

    def migrate(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """Apply migrations until ``data`` is at the current schema version."""
        version = data["schema_version"]
        while version != SCHEMA_VERSION:
            to_version, fn = self.steps[(kind, version)]
            data = fn(dict(data))
            data["schema_version"] = to_version
            version = to_version
        return data


NO_MIGRATIONS = Migrations()
"""The registry this release ships: 1.0 is the only version so far."""


def read_envelope(
    data: Any,
    pointer: str = "",
    *,
    allowed: Mapping[str, Any] = DOCUMENT_TYPES,
    migrations: Migrations = NO_MIGRATIONS,
) -> tuple[str, list[Problem]]:
    """Check the envelope of a document; return its kind and any problems."""
    if type(data) is not dict:
        return "", [
            Problem(
                code="document.not-an-object",
                message="a document must be a JSON object",
                pointer=pointer,
            )
        ]
    kind = data.get("kind")
    problems: list[Problem] = []
    if "kind" not in data:
        problems.append(
            Problem(code="document.kind-missing", message="has no kind", pointer=pointer)
        )
    elif type(kind) is not str or kind not in allowed:
        known = ", ".join(allowed)
        problems.append(
            Problem(
                code="document.unknown-kind",
                message=f"is not a known kind (known: {known})",
                pointer=join_pointer(pointer, "kind"),
            )
        )
    version = data.get("schema_version")
    if "schema_version" not in data:
        problems.append(
            Problem(
                code="document.version-missing", message="has no schema_version", pointer=pointer
            )
        )
    elif type(version) is not str or not _VERSION.match(version):
        problems.append(
            Problem(
                code="document.version-invalid",
                message="must be written MAJOR.MINOR",
                pointer=join_pointer(pointer, "schema_version"),
            )
        )
    elif not problems and not migrations.supports(str(kind), version):
        problems.append(
            Problem(
                code="document.unsupported-version",
                message=f"is not a version this release reads (it reads {SCHEMA_VERSION})",
                pointer=join_pointer(pointer, "schema_version"),
            )
        )
    return (str(kind) if not problems else ""), problems


def upgrade(
    data: dict[str, Any], kind: str, migrations: Migrations = NO_MIGRATIONS
) -> dict[str, Any]:
    """Migrate a document (and, for a bundle, each document in it) to the current version.

    Raises :class:`~rrnkit.problems.DocumentError` when an envelope is wrong.
    """
    data = migrations.migrate(kind, data)
    if kind == "bundle" and type(data.get("documents")) is list:
        members = []
        problems: list[Problem] = []
        allowed = {k: v for k, v in DOCUMENT_TYPES.items() if k != "bundle"}
        for index, member in enumerate(data["documents"]):
            member_kind, member_problems = read_envelope(
                member, join_pointer("/documents", index), allowed=allowed, migrations=migrations
            )
            problems.extend(member_problems)
            members.append(member if member_problems else migrations.migrate(member_kind, member))
        if problems:
            raise DocumentError(problems)
        data = {**data, "documents": members}
    return data
