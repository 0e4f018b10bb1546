"""The live service's endpoints, called over HTTP as a client would, and the CLI they mirror."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for
from service_live import CALL_TIMEOUT, Server

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-28"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0" / "sarif-schema-2.1.0.json"
PROBLEM_MEDIA = "application/problem+json"


def examples_stream() -> bytes:
    """Every example document as one JSON Lines stream (reference documents and incidents)."""
    lines = []
    for path in sorted(EXAMPLES.rglob("*.json")):
        lines.append(json.dumps(json.loads(path.read_text("utf-8"))).encode())
    lines.append((EXAMPLES / "incidents.jsonl").read_bytes().rstrip(b"\n"))
    return b"\n".join(lines) + b"\n"


def cli(command: str, body: bytes, *args: str) -> tuple[int, bytes]:
    """Run ``rrnkit COMMAND - ARGS`` with ``body`` on standard input; exit code and output."""
    done = subprocess.run(
        [sys.executable, "-m", "rrnkit", command, "-", *args],
        input=body,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout


def assert_problem(response: httpx.Response, status: int, name: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA
    problem = response.json()
    assert set(problem) == {"type", "title", "status", "detail", "instance"}
    assert problem["type"] == f"urn:rrnkit:problem:{name}"
    assert problem["status"] == status
    assert problem["instance"] == f"urn:uuid:{response.headers['x-request-id']}"
    assert "Traceback" not in response.text
    return dict(problem)


# ------------------------------------------------------------------ equality with the CLI

BODIES = {
    "every example as JSON Lines": examples_stream(),
    "organisation (one document)": (EXAMPLES / "organisation.json").read_bytes(),
    "incidents.jsonl": (EXAMPLES / "incidents.jsonl").read_bytes(),
    "not JSON": b'{"kind": "incident", \n oops\n',
    "empty": b"",
}


@pytest.mark.parametrize("name", list(BODIES))
def test_check_report_is_the_cli_s_for_the_same_bytes(live_server: Server, name: str) -> None:
    body = BODIES[name]
    media = (
        "application/x-ndjson" if name.startswith(("every", "incidents")) else "application/json"
    )
    with live_server.client() as client:
        response = client.post(
            "/v1/check", params={"as_of": AS_OF}, content=body, headers={"content-type": media}
        )
    code, expected = cli("check", body, "--format", "json", "--as-of", AS_OF)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == expected
    assert response.headers["rrnkit-exit-code"] == str(code)
    assert response.headers["rrnkit-exit"] == {0: "ok", 1: "failed"}[code]


def test_the_examples_are_checked_with_their_planted_gaps(live_server: Server) -> None:
    with live_server.client() as client:
        response = client.post(
            "/v1/check",
            params={"as_of": AS_OF, "outcomes": "findings"},
            content=examples_stream(),
            headers={"content-type": "application/x-ndjson"},
        )
    report = response.json()
    assert report["counts"]["invalid"] == 0
    assert report["outcomes"]["not_met"] == 9
    assert {r["outcome"] for r in report["results"]} == {"not_met"}
    assert response.headers["rrnkit-exit-code"] == "1"


def test_query_parameters_mirror_the_cli_options(live_server: Server) -> None:
    body = examples_stream()
    params = [
        ("as_of", AS_OF),
        ("rules", "uof-act,practice"),
        ("exclude", "UOF-S6-A-REASON"),
        ("param", "prone_limit_minutes=5"),
        ("fail_on", "never"),
        ("outcomes", "findings"),
        ("max_problems", "3"),
    ]
    with live_server.client() as client:
        response = client.post(
            "/v1/check", params=params, content=body, headers={"content-type": "application/json"}
        )
    code, expected = cli(
        "check", body, "--format", "json", "--as-of", AS_OF, "--rules", "uof-act,practice",
        "--exclude", "UOF-S6-A-REASON", "--param", "prone_limit_minutes=5", "--fail-on", "never",
        "--outcomes", "findings", "--max-problems", "3",
    )  # fmt: skip
    assert code == 0
    assert response.content == expected
    assert response.headers["rrnkit-exit-code"] == "0"
    assert json.loads(expected)["ruleset"]["id"] == (
        "rrnkit-all[rules=practice,uof-act;exclude=UOF-S6-A-REASON]"
    )


def test_validate_report_is_the_cli_s(live_server: Server) -> None:
    body = examples_stream() + b'{"kind": "incident"}\n'
    with live_server.client() as client:
        response = client.post(
            "/v1/validate", content=body, headers={"content-type": "application/x-ndjson"}
        )
    code, expected = cli("validate", body, "--format", "json")
    assert code == 1
    assert response.status_code == 200
    assert response.content == expected
    assert response.headers["rrnkit-exit"] == "failed"


@cache
def _sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    return validator_for(schema)(schema)


def test_sarif_on_request_is_official_sarif_and_the_cli_s(live_server: Server) -> None:
    body = examples_stream()
    with live_server.client() as client:
        response = client.post(
            "/v1/check",
            params={"as_of": AS_OF},
            content=body,
            headers={"content-type": "application/x-ndjson", "accept": "application/sarif+json"},
        )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sarif+json"
    log = response.json()
    errors = [e.message for e in _sarif_validator().iter_errors(log)]
    assert errors == []
    assert response.content == cli("check", body, "--format", "sarif", "--as-of", AS_OF)[1]
    assert sum(r["kind"] == "fail" for r in log["runs"][0]["results"]) == 9


def test_reports_validate_against_the_report_component(live_server: Server) -> None:
    with live_server.client() as client:
        description = client.get("/openapi.json").json()
        response = client.post(
            "/v1/check",
            params={"as_of": AS_OF},
            content=BODIES["not JSON"],
            headers={"content-type": "application/json"},
        )
    # the component, its references resolved within the description it sits in
    schema = {"$ref": "#/components/schemas/report", "components": description["components"]}
    errors = list(Draft202012Validator(schema).iter_errors(response.json()))
    assert errors == []
    assert response.json()["counts"]["invalid"] == 1


# ------------------------------------------------------------------ catalogue and schemas


def test_rules_and_one_rule(live_server: Server) -> None:
    from rrnkit.rules.packs import ALL_PACKS

    with live_server.client() as client:
        rules = client.get("/v1/rules").json()
        one = client.get("/v1/rules/NICE-PRONE-DURATION")
        missing = client.get("/v1/rules/NICE-PRONE-DURATIO")
    assert [r["id"] for r in rules] == list(ALL_PACKS.ids)
    rule = one.json()
    assert rule == next(r for r in rules if r["id"] == "NICE-PRONE-DURATION")
    assert rule["frameworks"] == ["nice-ng10"]
    assert rule["parameters"][0]["name"] == "prone_limit_minutes"
    assert_problem(missing, 404, "not-found")


def test_schemas_are_the_published_files(live_server: Server) -> None:
    with live_server.client() as client:
        listed = client.get("/v1/schemas").json()
        assert {s["name"] for s in listed} == {
            p.name.removesuffix(".schema.json") for p in (ROOT / "schemas").glob("*.json")
        }
        for item in listed:
            got = client.get(f"/v1/schemas/{item['name']}")
            assert got.headers["content-type"] == "application/schema+json"
            published = ROOT / "schemas" / f"{item['name']}.schema.json"
            assert got.text == published.read_text("utf-8")
            assert got.json()["$id"] == item["id"]
        assert_problem(client.get("/v1/schemas/memo"), 404, "not-found")


def test_health_readiness_and_openapi(live_server: Server) -> None:
    with live_server.client() as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").json() == {"status": "ready"}
        description = client.get("/openapi.json").json()
    assert description["openapi"] == "3.1.0"
    assert "report" in description["components"]["schemas"]
    assert "incident" in description["components"]["schemas"]
    pytest.importorskip("openapi_spec_validator")
    from openapi_spec_validator import validate

    validate(description)


def test_every_reference_in_the_description_resolves(live_server: Server) -> None:
    with live_server.client() as client:
        description = client.get("/openapi.json").json()
    refs: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            refs.extend(v for k, v in value.items() if k == "$ref")
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(description)
    assert refs
    schemas = description["components"]["schemas"]
    for ref in refs:
        assert ref.startswith("#/components/schemas/")
        assert ref.removeprefix("#/components/schemas/") in schemas
    assert "$id" not in json.dumps(schemas)


# ------------------------------------------------------------------ HTTP errors


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"as_of": "2026-02-30"}, "as_of is not a date"),
        ({"as_of": AS_OF, "rules": "uof-actt"}, "did you mean 'uof-act'"),
        ({"as_of": AS_OF, "exclude": "NOPE"}, "unknown pack or rule id"),
        ({"as_of": AS_OF, "param": "prone_limit_minutes=-3"}, "prone_limit_minutes"),
        ({"as_of": AS_OF, "param": "nonsense"}, "is not NAME=VALUE"),
        ({"as_of": AS_OF, "fail_on": "sometimes"}, "fail_on is one of"),
        ({"as_of": AS_OF, "outcomes": "some"}, "outcomes is one of"),
        ({"max_problems": "-1"}, "max_problems is a whole number"),
        ({"asof": AS_OF}, "unknown query parameter asof"),
    ],
)
def test_bad_query_parameters_are_400(
    live_server: Server, params: dict[str, str], said: str
) -> None:
    with live_server.client() as client:
        response = client.post(
            "/v1/check", params=params, content=b"{}", headers={"content-type": "application/json"}
        )
    assert said in assert_problem(response, 400, "bad-query-parameter")["detail"]


def test_validate_takes_only_its_own_parameters(live_server: Server) -> None:
    with live_server.client() as client:
        response = client.post(
            "/v1/validate",
            params={"as_of": AS_OF},
            content=b"{}",
            headers={"content-type": "application/json"},
        )
    assert_problem(response, 400, "bad-query-parameter")


@pytest.mark.parametrize("media", [None, "text/plain", "application/xml", "multipart/form-data"])
def test_other_media_types_are_415(live_server: Server, media: str | None) -> None:
    headers = {} if media is None else {"content-type": media}
    with live_server.client() as client:
        response = client.post("/v1/validate", content=b"{}", headers=headers)
    assert_problem(response, 415, "unsupported-media-type")
    assert "application/x-ndjson" in response.headers["accept-post"]


def test_unknown_paths_and_methods(live_server: Server) -> None:
    with live_server.client() as client:
        assert_problem(client.get("/v2/check"), 404, "not-found")
        response = client.get("/v1/check")
        assert_problem(response, 405, "method-not-allowed")
        assert response.headers["allow"] == "POST"
        assert_problem(client.delete("/v1/rules"), 405, "method-not-allowed")


def test_a_declared_body_over_the_limit_is_413_before_it_is_read(
    start_server: Any,
) -> None:
    server = start_server("--max-body-bytes", "1000")
    with server.client() as client:
        response = client.post(
            "/v1/validate", content=b" " * 1001, headers={"content-type": "application/json"}
        )
        assert_problem(response, 413, "body-too-large")
        fits = client.post(
            "/v1/validate", content=b" " * 1000, headers={"content-type": "application/json"}
        )
        assert fits.status_code == 200
    assert "POST /v1/validate 413" in server.log()
    assert CALL_TIMEOUT  # every call above is bounded by it
