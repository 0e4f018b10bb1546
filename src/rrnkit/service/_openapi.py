"""The service's OpenAPI 3.1 description, generated from the published schemas.

The document schemas and the report schema are the JSON Schema 2020-12 files
``rrnkit schema export`` writes. OpenAPI 3.1's schema objects are 2020-12, but
tools resolve ``$ref`` against the description, not against a schema's own
``$id``: so each schema goes in as a component without ``$id`` and
``$schema``, its ``$defs`` become components of their own (one component per
name when two schemas define it alike, else prefixed by the schema's name),
and its ``#/$defs/NAME`` references point at them. The schemas say the same
as the published files; ``GET /v1/schemas/{kind}`` serves those unchanged.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from rrnkit._version import __version__
from rrnkit.service._problems import PROBLEM_MEDIA_TYPE, PROBLEMS
from rrnkit.service._query import CHECK_PARAMETERS

__all__ = ["OPENAPI_VERSION", "openapi", "openapi_text", "schema_ids", "schema_text"]

OPENAPI_VERSION = "3.1.0"
"""The OpenAPI version the description is written in."""

_DEFS = "#/$defs/"
_COMPONENTS = "#/components/schemas/"


@functools.cache
def _schemas() -> dict[str, tuple[str, Callable[[], str]]]:
    """Every published schema by name: the document kinds, then the report."""
    from rrnkit.report import REPORT_SCHEMA_ID, render_report_schema
    from rrnkit.schema import KINDS, render, schema_id

    found: dict[str, tuple[str, Callable[[], str]]] = {
        kind: (schema_id(kind), functools.partial(render, kind)) for kind in KINDS
    }
    found["report"] = (REPORT_SCHEMA_ID, render_report_schema)
    return found


def schema_ids() -> dict[str, str]:
    """Return each published schema's name (a document kind, or ``report``) and ``$id``."""
    return {name: ident for name, (ident, _) in _schemas().items()}


@functools.cache
def schema_text(name: str) -> str:
    """Return the published schema ``name`` as ``rrnkit schema show NAME`` prints it."""
    return _schemas()[name][1]()


def _rewrite(value: Any, names: dict[str, str]) -> Any:
    """Point ``#/$defs/NAME`` references at the components ``names`` gives them."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith(_DEFS):
                out[key] = _COMPONENTS + names[item[len(_DEFS) :]]
            else:
                out[key] = _rewrite(item, names)
        return out
    if isinstance(value, list):
        return [_rewrite(item, names) for item in value]
    return value


def _components() -> dict[str, Any]:
    """Every published schema and its definitions as OpenAPI components."""
    components: dict[str, Any] = {}
    for name in _schemas():
        schema = json.loads(schema_text(name))
        defs = schema.pop("$defs", {})
        schema.pop("$id", None)
        schema.pop("$schema", None)
        names = {def_name: def_name for def_name in defs}
        clash = any(
            def_name in components and components[def_name] != _rewrite(definition, names)
            for def_name, definition in defs.items()
        )
        if clash:  # defined otherwise elsewhere: this schema's definitions get its name
            names = {def_name: f"{name}.{def_name}" for def_name in defs}
        for def_name, definition in defs.items():
            components[names[def_name]] = _rewrite(definition, names)
        components[name] = _rewrite(schema, names)
    components["ProblemDetails"] = _PROBLEM_DETAILS
    return components


_PROBLEM_DETAILS: dict[str, Any] = {
    "type": "object",
    "description": "An HTTP error as RFC 9457 problem details. Never holds a value from the "
    "request's body or headers.",
    "properties": {
        "type": {
            "type": "string",
            "enum": sorted({p.uri for p in PROBLEMS.values()}),
            "description": "The kind of error, as urn:rrnkit:problem:NAME.",
        },
        "title": {"type": "string", "description": "The kind of error, in words."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What was wrong with this request."},
        "instance": {
            "type": "string",
            "pattern": "^urn:uuid:[0-9a-f-]{36}$",
            "description": "urn:uuid: and the request id (the X-Request-Id header).",
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
    "additionalProperties": False,
}

_SARIF = {
    "type": "object",
    "description": "A SARIF 2.1.0 log, as rrnkit check --format sarif writes "
    "(https://docs.oasis-open.org/sarif/sarif/v2.1.0/).",
    "properties": {"version": {"const": "2.1.0"}, "runs": {"type": "array"}},
    "required": ["version", "runs"],
}

_REQUEST_ID = {
    "description": "The request's id: the instance of any problem, and the log line's id.",
    "schema": {"type": "string", "format": "uuid"},
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _COMPONENTS + name}


def _problem(status: int, description: str, **headers: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"X-Request-Id": _REQUEST_ID, **headers},
        "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref("ProblemDetails")}},
    }


_RETRY_AFTER = {
    "description": "Seconds to wait before trying again.",
    "schema": {"type": "integer", "minimum": 0},
}
_ALLOW = {"description": "The methods the path takes.", "schema": {"type": "string"}}
_ACCEPT_POST = {"description": "The media types accepted.", "schema": {"type": "string"}}


def _common(secured: bool) -> dict[str, Any]:
    responses = {
        "404": _problem(404, "Nothing is served at this path."),
        "405": _problem(405, "The path does not take this method.", Allow=_ALLOW),
        "500": _problem(500, "The service failed; the problem holds no traceback or value."),
    }
    if secured:
        responses["401"] = _problem(
            401,
            "The service has a token and the request carried no valid one.",
            **{
                "WWW-Authenticate": {
                    "description": "Bearer.",
                    "schema": {"type": "string"},
                }
            },
        )
    return responses


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"X-Request-Id": _REQUEST_ID},
        "content": {"application/json": {"schema": schema}},
    }


_PARAMETERS: dict[str, dict[str, Any]] = {
    "as_of": {
        "description": "Judge the evidence as of this date (default: today). Always in the "
        "report. As rrnkit check --as-of.",
        "schema": {"type": "string", "format": "date"},
    },
    "rules": {
        "description": "Evaluate only these packs or rules (repeatable; comma-separated names "
        "allowed). Packs: rrn-ts, bild-act, uof-act, rrn-membership, practice; rule ids as "
        "GET /v1/rules lists them. As --rules.",
        "schema": {"type": "array", "items": {"type": "string", "pattern": "{names}"}},
        "style": "form",
        "explode": True,
    },
    "exclude": {
        "description": "Leave out these packs or rules (repeatable; comma-separated names "
        "allowed). As --exclude.",
        "schema": {"type": "array", "items": {"type": "string", "pattern": "{names}"}},
        "style": "form",
        "explode": True,
    },
    "param": {
        "description": "Set a rule parameter, [RULE_ID:]NAME=VALUE (repeatable); VALUE is read "
        "as JSON, else as text. As --param. A value of the wrong type or out of the "
        "parameter's range, or a parameter of no rule selected, is refused with 400: "
        "GET /v1/rules gives each parameter's type and range.",
        "schema": {"type": "array", "items": {"type": "string", "pattern": "{params}"}},
        "style": "form",
        "explode": True,
    },
    "fail_on": {
        "description": "The severity at which unmet rules make the exit code 1. As --fail-on.",
        "schema": {"type": "string", "enum": ["error", "warning", "never"], "default": "error"},
    },
    "outcomes": {
        "description": "Report every rule outcome, or only findings; counts cover every "
        "outcome. As --outcomes.",
        "schema": {"type": "string", "enum": ["all", "findings"], "default": "all"},
    },
    "max_problems": {
        "description": "List at most N problems and unmet rules; counts stay exact. "
        "As --max-problems.",
        "schema": {"type": "integer", "minimum": 0},
    },
}


def _alternatives(names: Any) -> str:
    """``A|B|...``, longest first; the names need no escaping (checked), in Python or ECMA-262."""
    found = sorted(set(names), key=lambda n: (-len(n), n))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", name) for name in found)
    return "|".join(found)


def _patterns() -> dict[str, str]:
    """Return the patterns of the ``rules``/``exclude`` names and of ``param``, from the packs."""
    from rrnkit.rules.packs import ALL_PACKS, PACKS

    names = _alternatives([*PACKS, *ALL_PACKS.ids])
    rule_ids = _alternatives(ALL_PACKS.ids)
    parameters = _alternatives(p["name"] for r in _catalogue() for p in r["parameters"])
    return {
        # names separated by commas; blanks and spaces around a name are dropped
        "{names}": rf"^\s*(?:(?:{names})\s*)?(?:,\s*(?:(?:{names})\s*)?)*$",
        "{params}": rf"^(?:(?:{rule_ids}):)?(?:{parameters})=",
    }


def _catalogue() -> list[dict[str, Any]]:
    from rrnkit.rules.catalogue import rule_to_json
    from rrnkit.rules.packs import ALL_PACKS

    return [rule_to_json(rule) for rule in ALL_PACKS.rules]


def _query_parameter(name: str, patterns: dict[str, str]) -> dict[str, Any]:
    """Return the description of query parameter ``name``, its patterns filled in."""
    described = json.loads(json.dumps(_PARAMETERS[name]))
    items = described["schema"].get("items", {})
    if items.get("pattern") in patterns:
        items["pattern"] = patterns[items["pattern"]]
    return {"name": name, "in": "query", "required": False, **described}


_BODY_DESCRIPTION = (
    "The documents, read exactly as `rrnkit {command} -` reads standard input: a complete "
    "JSON value on the first non-blank line means JSON Lines (one document a line), "
    "otherwise the whole body is one document. Reference documents for a check (organisation, "
    "courses, trainers, ...) come in the same body: a bundle document, or JSON Lines of "
    "several kinds. Any bytes are accepted: what does not parse or fails the interchange "
    "format is reported in the 200 report, as the command line reports it. The body is read "
    "as it arrives; past the size limit the request is refused with 413 at once."
)


def _run_operation(command: str, secured: bool) -> dict[str, Any]:
    names = CHECK_PARAMETERS if command == "check" else ("max_problems",)
    body_schema = {"description": "Any JSON value (or text): see the request body's description."}
    responses: dict[str, Any] = {
        "200": {
            "description": "The report, exactly as `rrnkit "
            + command
            + " - --format json` (or `--format sarif`) writes for the same body. "
            "Invalid documents and unmet rules are reported here, not as HTTP errors; "
            "the exit code the command line would give is in the Rrnkit-Exit-Code header.",
            "headers": {
                "X-Request-Id": _REQUEST_ID,
                "Rrnkit-Exit-Code": {
                    "description": "The command line's exit code for this report: 0 all "
                    "valid and no unmet rule at or above fail_on; 1 invalid documents or "
                    "unmet rules.",
                    "schema": {"type": "integer", "enum": [0, 1, 2, 130]},
                    "required": True,
                },
                "Rrnkit-Exit": {
                    "description": "The exit code's meaning: ok, failed, usage or interrupted.",
                    "schema": {"type": "string", "enum": ["ok", "failed", "usage", "interrupted"]},
                    "required": True,
                },
            },
            "content": {
                "application/json": {"schema": _ref("report")},
                "application/sarif+json": {"schema": _SARIF},
            },
        },
        "204": {
            "description": "Never received: the client went away before its answer (mid-upload, "
            "or while its run was under way). The log records the request with this status.",
            "headers": {"X-Request-Id": _REQUEST_ID},
        },
        "400": _problem(
            400,
            "A query parameter cannot be used: an unknown one, one given twice that takes one "
            "value, a date that does not exist, an unknown rule or pack (with the nearest known "
            "name), or a rule parameter the selected rules refuse (wrong type, out of range, "
            "of no rule selected).",
        ),
        "413": _problem(413, "The body is larger than the service's limit."),
        "415": _problem(
            415,
            "The body is not application/json, application/x-ndjson or application/jsonl.",
            **{"Accept-Post": _ACCEPT_POST},
        ),
        "503": _problem(
            503,
            "The worker is running as many requests as it takes, or the request passed the "
            "time limit.",
            **{"Retry-After": _RETRY_AFTER},
        ),
        **_common(secured),
    }
    return {
        "operationId": command,
        "summary": (
            "Validate documents against the interchange format"
            if command == "validate"
            else "Validate documents, then check them against the rule packs"
        ),
        "parameters": [_query_parameter(name, _patterns()) for name in names],
        "requestBody": {
            "required": True,
            "description": _BODY_DESCRIPTION.format(command=command),
            "content": {
                "application/json": {"schema": body_schema},
                "application/x-ndjson": {"schema": {"type": "string"}},
                "application/jsonl": {"schema": {"type": "string"}},
            },
        },
        "responses": responses,
    }


def _rule_schema() -> dict[str, Any]:
    nullable_string = {"type": ["string", "null"]}
    return {
        "type": "object",
        "description": "A rule's catalogue entry, as rrnkit rules --format json lists it.",
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "citations": {"type": "array", "items": {"type": "string"}},
            "frameworks": {"type": "array", "items": {"type": "string"}},
            "authority": nullable_string,
            "applies_to": {"type": "string"},
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "met_means": {"type": "string"},
            "reading": nullable_string,
            "per_item": {"type": "boolean"},
            "parameters": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "default": {},
                        "description": {"type": "string"},
                        "confirmed_by_sources": {"type": "boolean"},
                        "allowed": {"type": "string"},
                        "minimum": {},
                        "maximum": {},
                        "choices": {"type": ["array", "null"]},
                        "min_items": {"type": ["integer", "null"]},
                    },
                    "required": ["name", "default", "description", "confirmed_by_sources"],
                },
            },
        },
        "required": [
            "id",
            "title",
            "citations",
            "frameworks",
            "authority",
            "applies_to",
            "severity",
            "tags",
            "met_means",
            "reading",
            "per_item",
            "parameters",
        ],
        "additionalProperties": False,
    }


def _get(summary: str, ok: dict[str, Any], secured: bool, **extra: Any) -> dict[str, Any]:
    return {"get": {"summary": summary, "responses": {"200": ok, **_common(secured)}, **extra}}


@functools.cache
def openapi(secured: bool = True) -> dict[str, Any]:
    """Return the OpenAPI 3.1 description of the service (``secured``: it needs a token)."""
    names = list(schema_ids())
    status = {
        "type": "object",
        "properties": {"status": {"type": "string"}},
        "required": ["status"],
    }
    security: list[dict[str, list[str]]] = [{"bearer": []}] if secured else []
    v1 = {"security": security}
    paths: dict[str, Any] = {
        "/v1/validate": {"post": {**_run_operation("validate", secured), **v1}},
        "/v1/check": {"post": {**_run_operation("check", secured), **v1}},
        "/v1/rules": _get(
            "The rule catalogue",
            _json({"type": "array", "items": _ref("RuleEntry")}, "Every shipped rule."),
            secured,
            operationId="listRules",
            **v1,
        ),
        "/v1/rules/{rule_id}": _get(
            "One rule of the catalogue (404 for an unknown id)",
            _json(_ref("RuleEntry"), "The rule."),
            secured,
            operationId="getRule",
            parameters=[
                {"name": "rule_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            **v1,
        ),
        "/v1/schemas": _get(
            "The published JSON Schemas (2020-12): names, ids and where to get them",
            _json(
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string", "enum": names},
                            "id": {"type": "string"},
                            "url": {"type": "string"},
                        },
                        "required": ["name", "id", "url"],
                        "additionalProperties": False,
                    },
                },
                "Every published schema.",
            ),
            secured,
            operationId="listSchemas",
            **v1,
        ),
        "/v1/schemas/{kind}": _get(
            "One published JSON Schema, as rrnkit schema show KIND prints it (404 for an "
            "unknown name)",
            {
                "description": "The schema (JSON Schema 2020-12).",
                "headers": {"X-Request-Id": _REQUEST_ID},
                "content": {"application/schema+json": {"schema": {"type": "object"}}},
            },
            secured,
            operationId="getSchema",
            parameters=[
                {"name": "kind", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            **v1,
        ),
        "/healthz": _get(
            "Liveness: the process answers", _json(status, "Alive."), False, operationId="healthz"
        ),
        "/readyz": {
            "get": {
                "summary": "Readiness: started, and a validate or check would be taken now",
                "operationId": "readyz",
                "responses": {
                    "200": _json(status, "Ready."),
                    "503": _json(status, "Starting, or every slot of this worker is busy."),
                    **_common(False),
                },
            }
        },
        "/openapi.json": _get(
            "This description",
            _json({"type": "object"}, "The OpenAPI 3.1 description."),
            False,
            operationId="openapi",
        ),
    }
    components: dict[str, Any] = {"schemas": {**_components(), "RuleEntry": _rule_schema()}}
    if secured:
        components["securitySchemes"] = {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "The token in the service's token file (rrnkit serve --token-file).",
            }
        }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "rrnkit service",
            "version": __version__,
            "summary": "Validate and check restraint-reduction evidence over HTTP.",
            "description": "rrnkit's validation and cited compliance checks as an HTTP API. "
            "rrnkit checks evidence against published standards; it is not a certification "
            "body and certifies no one. Reports and errors never show the values of fields, "
            "which may hold personal data.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": components,
    }


@functools.cache
def openapi_text(secured: bool = True) -> str:
    """Return :func:`openapi` as JSON text."""
    return json.dumps(openapi(secured), indent=2, ensure_ascii=False) + "\n"
