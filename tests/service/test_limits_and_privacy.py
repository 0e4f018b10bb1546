"""The live service's promises: token, bounded bodies and work, disconnects, SIGTERM, privacy."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from service_live import Server
from test_endpoints import AS_OF, assert_problem, examples_stream

TESTS = Path(__file__).resolve().parents[1]
SOCKET_TIMEOUT = 20.0


def raw_request(server: Server, path: str, headers: dict[str, str]) -> socket.socket:
    """Open a connection and send a POST's head only; the caller sends (or withholds) the body."""
    conn = socket.create_connection(("127.0.0.1", server.port), timeout=SOCKET_TIMEOUT)
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    return conn


def read_response(conn: socket.socket) -> tuple[int, bytes]:
    """Read until the server closes or the response is complete; its status and bytes."""
    data = b""
    while True:
        try:
            chunk = conn.recv(65536)
        except (ConnectionResetError, TimeoutError):
            break
        if not chunk:
            break
        data += chunk
        if data.endswith(b"\r\n0\r\n\r\n") or (b"content-length" in data and _complete(data)):
            break
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1") else 0
    return status, data


def _complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def dechunk(body: bytes) -> bytes:
    """Join the chunks of a chunked HTTP/1.1 body."""
    out = b""
    while True:
        size, _, rest = body.partition(b"\r\n")
        length = int(size, 16)
        if length == 0:
            return out
        out += rest[:length]
        body = rest[length + 2 :]


def wait_until_free(server: Server, attempts: int = 100) -> Any:
    """Poll a small validate until it is not 503 (bounded); return the last response."""
    with server.client() as client:
        for _ in range(attempts):
            response = client.post(
                "/v1/validate", content=b"{}", headers={"content-type": "application/json"}
            )
            if response.status_code != 503:
                return response
            time.sleep(0.05)
    return response


# ------------------------------------------------------------------ token


def test_token_is_required_on_v1_and_compared(start_server: Any, tmp_path: Path) -> None:
    token = "s3cret-token-for-the-test-0123456789"
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    token_file.chmod(0o600)
    server = start_server("--token-file", str(token_file))
    with server.client() as client:
        for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": token}):
            response = client.get("/v1/rules", headers=headers)
            assert_problem(response, 401, "unauthorised")
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert token not in response.text
        response = client.post(
            "/v1/check",
            params={"as_of": AS_OF},
            content=b"{}",
            headers={"content-type": "application/json"},
        )
        assert_problem(response, 401, "unauthorised")
        good = {"authorization": f"Bearer {token}"}
        assert client.get("/v1/rules", headers=good).status_code == 200
        assert client.get("/healthz").status_code == 200  # probes need no token
        description = client.get("/openapi.json").json()
    assert description["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert token not in server.log()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_token_file_anyone_can_read_is_refused(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("s3cret-token-for-the-test-0123456789\n")
    token_file.chmod(0o644)
    done = subprocess.run(
        [sys.executable, "-m", "rrnkit", "serve", "--token-file", str(token_file)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert b"chmod 600" in done.stderr
    assert b"s3cret" not in done.stderr + done.stdout


# ------------------------------------------------------------------ bounded


def test_413_while_streaming_without_waiting_for_the_rest(start_server: Any) -> None:
    server = start_server("--max-body-bytes", "100000")
    conn = raw_request(
        server,
        "/v1/validate",
        {"Content-Type": "application/x-ndjson", "Transfer-Encoding": "chunked"},
    )
    with conn:
        for _ in range(4):  # 4 x 32 KiB: past the limit, and the body never ends
            conn.sendall(b"8000\r\n" + b" " * 0x8000 + b"\r\n")
        status, data = read_response(conn)
    assert status == 413
    assert b"urn:rrnkit:problem:body-too-large" in data


def test_disconnect_mid_upload_frees_the_worker_and_busy_is_503(start_server: Any) -> None:
    server = start_server("--max-in-flight", "1")
    conn = raw_request(
        server,
        "/v1/check?as_of=2026-11-28",
        {"Content-Type": "application/x-ndjson", "Content-Length": "1000000"},
    )
    conn.sendall(b'{"kind": "incident"}\n' * 10)  # a part of the body, then nothing
    with server.client() as client:
        for _ in range(100):  # until the server has taken the upload's slot
            busy = client.post(
                "/v1/validate", content=b"{}", headers={"content-type": "application/json"}
            )
            if busy.status_code == 503:
                break
            time.sleep(0.05)
        assert_problem(busy, 503, "busy")
        assert busy.headers["retry-after"] == "1"
        assert client.get("/readyz").status_code == 503
    conn.close()  # the client goes away mid-upload
    assert wait_until_free(server).status_code == 200
    assert "POST /v1/check 204" in server.log()


def test_a_slow_upload_passes_the_time_limit(start_server: Any) -> None:
    server = start_server("--time-limit", "1", "--max-in-flight", "1")
    conn = raw_request(
        server, "/v1/validate", {"Content-Type": "application/json", "Content-Length": "100"}
    )
    with conn:
        conn.sendall(b"{")
        status, data = read_response(conn)
    assert status == 503
    assert b"urn:rrnkit:problem:time-limit" in data
    assert wait_until_free(server).status_code == 200


def test_sigterm_finishes_the_request_in_flight(start_server: Any) -> None:
    server = start_server()
    body = examples_stream()
    conn = raw_request(
        server,
        "/v1/check?as_of=2026-11-28&outcomes=findings",
        {"Content-Type": "application/x-ndjson", "Content-Length": str(len(body))},
    )
    with conn:
        conn.sendall(body[:100])
        time.sleep(0.3)  # the request is under way before the signal
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        conn.sendall(body[100:])
        status, data = read_response(conn)
    assert status == 200
    report = json.loads(dechunk(data.partition(b"\r\n\r\n")[2]))
    assert report["outcomes"]["not_met"] == 9
    # it stops by itself (uvicorn ends by raising the signal again, as the shell expects)
    assert server.process.wait(timeout=30) in (0, -signal.SIGTERM)
    assert "Finished server process" in server.log()


def test_memory_and_files_stay_bounded_over_many_requests(live_server: Server) -> None:
    """Open files of the worker do not grow with requests (spools are closed)."""
    fd_dir = Path(f"/proc/{live_server.process.pid}/fd")
    if not fd_dir.exists():
        pytest.skip("no /proc")
    body = examples_stream()
    with live_server.client() as client:

        def some() -> None:
            for _ in range(10):
                client.post(
                    "/v1/check",
                    params={"as_of": AS_OF, "outcomes": "findings"},
                    content=body * 20,  # 20 copies: past the in-memory spool, to a file
                    headers={"content-type": "application/x-ndjson"},
                )

        some()
        before = len(list(fd_dir.iterdir()))
        some()
        after = len(list(fd_dir.iterdir()))
    assert after <= before


# ------------------------------------------------------------------ privacy


def _privacy_module() -> Any:
    spec = importlib.util.spec_from_file_location("_privacy_sentinels", TESTS / "test_privacy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_privacy_sentinels"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("which", ["valid", "invalid"])
def test_no_sentinel_in_responses_or_logs(live_server: Server, tmp_path: Path, which: str) -> None:
    privacy = _privacy_module()
    folder = tmp_path / which
    folder.mkdir()
    inputs = privacy.write_valid(folder) if which == "valid" else privacy.write_invalid(folder)
    assert privacy.leaks(inputs.stream.decode("utf-8", "replace"))  # the detector sees them
    secret = privacy.MARK + "header-and-query-QZ"
    seen = []
    with live_server.client() as client:
        for path, params in (("/v1/validate", {}), ("/v1/check", {"as_of": AS_OF})):
            for accept in ("application/json", "application/sarif+json"):
                response = client.post(
                    path,
                    params=params,
                    content=inputs.stream,
                    headers={
                        "content-type": "application/x-ndjson",
                        "accept": accept,
                        "x-patient-name": secret,
                    },
                )
                assert response.status_code == 200
                seen.append(response.text)
                seen.append(json.dumps(dict(response.headers)))
        # problems: a sentinel in a query value, a header and the body
        for params in ({"as_of": secret}, {"as_of": AS_OF, "fail_on": secret}):
            response = client.post(
                "/v1/check",
                params=params,
                content=inputs.stream,
                headers={"content-type": "application/x-ndjson", "x-patient-name": secret},
            )
            assert response.status_code == 400
            seen.append(response.text)
        response = client.post(
            "/v1/check", content=inputs.stream, headers={"content-type": "text/plain"}
        )
        assert response.status_code == 415
        seen.append(response.text)
    seen.append(live_server.log())
    assert privacy.leaks("\n".join(seen)) == []
