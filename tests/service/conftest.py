"""A live ``rrnkit serve`` on a free local port, as a client would meet it.

``live_server`` (and ``base_url``) is the service with default settings, one
for the session; ``start_server`` starts one with any ``rrnkit serve``
options. Each server is a real uvicorn in a subprocess on 127.0.0.1, its log
in a file the test can read; teardown stops it (SIGTERM, then SIGKILL)
whatever the test did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from service_live import Server
from service_live import start as start_service


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start ``rrnkit serve`` with the options given; every server is stopped at teardown."""
    started: list[Server] = []

    def start(*args: str) -> Server:
        server = start_service(list(args), tmp_path / f"server-{len(started)}.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A live service with default settings (no token), shared by the session's tests."""
    server = start_service([], tmp_path_factory.mktemp("service") / "server.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def base_url(live_server: Server) -> str:
    """The base URL of the shared live service, e.g. http://127.0.0.1:PORT."""
    return live_server.base_url
