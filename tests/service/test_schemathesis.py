"""Schemathesis against the live service: every operation, from the description it serves.

The description is loaded from the running server's ``/openapi.json``, and
every request is sent to that server over HTTP. Each operation is tried in
Schemathesis's examples, coverage and fuzzing phases, in positive and
negative modes, with all its standard checks: no 5xx, statuses, media types,
headers and bodies as documented, schema-valid requests accepted and
schema-invalid ones refused, methods not described refused with 405.

Bounded and reproducible: a fixed number of examples per operation,
a deadline per example, Hypothesis derandomised (the same cases every run),
no example database. Three runs: a server without a token, and one with a
token called with it and without it (every ``/v1`` answer then a documented
401).

``/v1/check`` may refuse with 400 a request its description permits: whether
a rule parameter's value is in range, or belongs to a rule the selection
keeps, depends on the catalogue and on the other parameters, which no JSON
Schema can say; its 400 response says so, and the check that schema-valid
requests are accepted takes 400 from that operation only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from service_live import CALL_TIMEOUT, Server
from service_live import start as start_service

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, settings  # noqa: E402

TOKEN = "schemathesis-token-0123456789abcdef"
MAX_EXAMPLES = 25
"""Examples per operation and phase: the run stays well under two minutes on two cores."""
DEADLINE_MS = 5_000
"""The longest one example (a request and its checks) may take."""

BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    deadline=DEADLINE_MS,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def _config(headers: dict[str, str] | None = None) -> Any:
    """Every standard check, both generation modes, every per-operation phase."""
    return schemathesis.Config.from_dict(
        {
            "headers": headers or {},
            "request-timeout": CALL_TIMEOUT,
            "generation": {"mode": "all"},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
            },
            "checks": {"enabled": True},
            "operations": [
                {
                    # rule parameters refused by range or selection: described, not typable
                    "include-path": "/v1/check",
                    "checks": {
                        "positive_data_acceptance": {
                            "expected-statuses": ["2XX", "400", "401", "404"]
                        }
                    },
                }
            ],
        }
    )


def _load(server: Server, headers: dict[str, str] | None = None) -> Any:
    return schemathesis.openapi.from_url(
        f"{server.base_url}/openapi.json", config=_config(headers), timeout=CALL_TIMEOUT
    )


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request: pytest.FixtureRequest) -> None:
    """Schemathesis 4's lazy schemas name each case's node through ``_nodeid``, gone in pytest 9."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture(scope="module")
def secured_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A live service with a token file."""
    folder = tmp_path_factory.mktemp("secured")
    token_file = folder / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    server = start_service(["--token-file", str(token_file)], folder / "server.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def open_api(live_server: Server) -> Any:
    """The description of the service without a token, as it serves it."""
    return _load(live_server)


@pytest.fixture
def secured_api(secured_server: Server) -> Any:
    """The description of the service with a token, called with the token."""
    return _load(secured_server, {"Authorization": f"Bearer {TOKEN}"})


@pytest.fixture
def secured_api_no_token(secured_server: Server) -> Any:
    """The description of the service with a token, called without one."""
    return _load(secured_server)


open_schema = schemathesis.pytest.from_fixture("open_api")
secured_schema = schemathesis.pytest.from_fixture("secured_api")
unauthorised_schema = schemathesis.pytest.from_fixture("secured_api_no_token")


@open_schema.parametrize()
@BOUNDED
def test_the_service_without_a_token_keeps_its_description(case: Any) -> None:
    case.call_and_validate(timeout=CALL_TIMEOUT)


@secured_schema.parametrize()
@BOUNDED
def test_the_service_with_a_token_keeps_its_description(case: Any) -> None:
    case.call_and_validate(timeout=CALL_TIMEOUT)


@unauthorised_schema.parametrize()
@settings(BOUNDED, max_examples=5)
def test_without_the_token_every_answer_is_documented(case: Any) -> None:
    response = case.call_and_validate(timeout=CALL_TIMEOUT)
    described = case.method.upper() == case.operation.method.upper()
    if case.path.startswith("/v1/") and described:  # not e.g. an OPTIONS the coverage phase sends
        assert response.status_code == 401


def test_the_secured_description_documents_401(secured_server: Server) -> None:
    with secured_server.client() as client:
        description = client.get("/openapi.json").json()
    for path, item in description["paths"].items():
        for operation in item.values():
            assert ("401" in operation["responses"]) == path.startswith("/v1/"), path


def test_the_open_description_has_no_security(live_server: Server) -> None:
    with live_server.client() as client:
        description = client.get("/openapi.json").json()
    assert "securitySchemes" not in description.get("components", {})
    for item in description["paths"].values():
        for operation in item.values():
            assert "401" not in operation["responses"]


def test_the_patterns_take_the_names_the_service_takes(live_server: Server) -> None:
    from rrnkit.rules.packs import ALL_PACKS, PACKS

    with live_server.client() as client:
        description = client.get("/openapi.json").json()
    parameters = description["paths"]["/v1/check"]["post"]["parameters"]
    items = {
        p["name"]: re.compile(p["schema"]["items"]["pattern"])
        for p in parameters
        if p["name"] in ("rules", "exclude", "param")
    }
    for name in (*PACKS, *ALL_PACKS.ids, "uof-act, practice", ""):
        assert items["rules"].search(name), name
        assert items["exclude"].search(name), name
    assert not items["rules"].search("uof-actt")
    assert items["param"].search("prone_limit_minutes=5")
    assert items["param"].search("NICE-PRONE-DURATION:prone_limit_minutes=5")
    assert not items["param"].search("nonsense")
    assert not items["param"].search("NO-SUCH-RULE:prone_limit_minutes=5")


def test_a_max_problems_of_thousands_of_digits_caps_nothing(live_server: Server) -> None:
    """Found by fuzzing: Python refuses to parse such an int; it was a 500."""
    body = b'{"kind": "incident"}\n{"kind": "incident"}\n'
    with live_server.client() as client:
        answers = [
            client.post(
                "/v1/validate",
                params=params,
                content=body,
                headers={"content-type": "application/x-ndjson"},
            )
            for params in ({"max_problems": "9" * 5000}, {"max_problems": "0" * 40 + "1"}, {})
        ]
    huge, one, unlimited = answers
    assert huge.status_code == one.status_code == 200
    assert huge.content == unlimited.content
    assert len(one.json()["problems"]) == 1 < len(unlimited.json()["problems"])
