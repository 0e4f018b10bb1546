"""Starting a real ``rrnkit serve`` on a free local port, for the fixtures in conftest.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

START_WITHIN = 30.0
"""Seconds a server may take to answer /readyz before the test fails."""
CALL_TIMEOUT = 30.0
"""Seconds any one call to a live server may take."""


def free_port() -> int:
    """Return a port on 127.0.0.1 nothing listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """One running ``rrnkit serve``: its address, process and log."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=CALL_TIMEOUT, **kwargs)  # type: ignore[arg-type]

    def stop(self) -> int:
        """Stop the server (SIGTERM, then SIGKILL after 15 s); return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        return int(self.process.returncode)


def start(args: list[str], log: Path) -> Server:
    for _ in range(5):  # a port free when chosen may be taken before uvicorn binds it
        port = free_port()
        handle = log.open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "rrnkit", "serve", "--port", str(port), *args],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        handle.close()
        server = Server(process, port, log)
        deadline = time.monotonic() + START_WITHIN
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{server.base_url}/readyz", timeout=2).status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        server.stop()
        if "address already in use" not in server.log().lower():
            raise AssertionError(f"rrnkit serve did not start:\n{server.log()}")
    raise AssertionError("no free port found for rrnkit serve")
