"""A client in another language: Node posts the examples and checks every answer with Ajv.

``client.mjs`` uses Node's built-in fetch against the live server and
validates each report against ``schemas/report.schema.json`` (Ajv's 2020-12
validator, with ajv-formats) and each error against the RFC 9457 shape. It
exits 1 on any answer that breaks the service's promises; these tests fail
then. They skip only where Node is missing (or the pinned tools cannot be
installed, as ``js_tools`` says).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from service_live import Server

CLIENT = Path(__file__).with_name("client.mjs")
TOKEN = "node-client-token-0123456789abcdef"
RUN_WITHIN = 120


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed")
    return found


def run_client(node: str, js_tools: Path, base_url: str, *token: str) -> tuple[int, Any, str]:
    """Run the Node client; its exit code, JSON summary (None if none) and standard error."""
    done = subprocess.run(
        [node, str(CLIENT), base_url, str(js_tools), *token],
        capture_output=True,
        text=True,
        timeout=RUN_WITHIN,
        check=False,
    )
    try:
        summary = json.loads(done.stdout)
    except ValueError:
        summary = None
    return done.returncode, summary, done.stderr


def assert_examples_reported(summary: Any) -> None:
    reports = summary["reports"]
    for name in (
        "check examples as JSON Lines",
        "check examples, findings only",
        "check examples as a bundle",
    ):
        assert reports[name]["command"] == "check"
        assert reports[name]["counts"]["invalid"] == 0
        assert reports[name]["outcomes"]["not_met"] == 9  # the examples' planted gaps
        assert reports[name]["exit_code"] == 1
    assert reports["validate examples as JSON Lines"]["counts"] == {
        "read": 29,
        "valid": 29,
        "invalid": 0,
        "skipped": 0,
        "pseudonymised": 0,
    }
    assert reports["validate examples as JSON Lines"]["exit_code"] == 0
    assert reports["validate one document"]["counts"]["valid"] == 1
    assert reports["validate a body that is not JSON"]["counts"]["invalid"] == 1
    assert reports["validate a body that is not JSON"]["exit_code"] == 1


def test_node_client_validates_every_answer(node: str, js_tools: Path, live_server: Server) -> None:
    code, summary, errors = run_client(node, js_tools, live_server.base_url)
    assert code == 0, errors
    assert_examples_reported(summary)
    assert {name: p["status"] for name, p in summary["problems"].items()} == {
        "a date that does not exist": 400,
        "an unknown rule pack": 400,
        "a body of another media type": 415,
        "an unknown rule": 404,
        "a method the path does not take": 405,
    }


def test_node_client_with_a_token(
    node: str, js_tools: Path, start_server: Any, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    server = start_server("--token-file", str(token_file))
    code, summary, errors = run_client(node, js_tools, server.base_url, TOKEN)
    assert code == 0, errors
    assert_examples_reported(summary)
    assert summary["problems"]["no token"] == {
        "status": 401,
        "type": "urn:rrnkit:problem:unauthorised",
    }


class _Impostor(BaseHTTPRequestHandler):
    """A server that breaks the promises: a report of the wrong shape, errors as plain text."""

    def _answer(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("content-type", media)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self._answer(200, "application/json", b'{"report_format": "0.9"}')

    def do_GET(self) -> None:
        self._answer(404, "text/plain", b"not found")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def impostor() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Impostor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_node_client_fails_on_answers_that_break_the_promises(
    node: str, js_tools: Path, impostor: str
) -> None:
    code, _, errors = run_client(node, js_tools, impostor)
    assert code == 1
    assert "not a valid report" in errors
    assert "expected application/problem+json" in errors
