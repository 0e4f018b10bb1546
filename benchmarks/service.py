"""Load and fault run of ``rrnkit serve``: throughput, latency, memory per worker, bad clients.

    python benchmarks/service.py                      # 20,000 requests, 2 workers
    python benchmarks/service.py --workers 4 --out benchmarks/results/service.json
    python benchmarks/service.py --smoke              # a few hundred requests, under a minute

It starts its own ``rrnkit serve --workers N`` on a free port of 127.0.0.1
(never another address), measures, and stops it (SIGTERM); everything is
bounded by request counts and by ``--max-seconds`` of wall time, after which
any phase still running stops early and says so.

Load (the server as started with ``--workers N``):

- ``single``: ``--requests`` checks of one incident (``POST /v1/check``,
  ``as_of``), ``--concurrency`` at once over keep-alive connections:
  requests per second held, p50/p95/p99 latency, statuses;
- ``upload``: ``--uploads`` checks of a JSON Lines body of ``--incidents``
  synthetic incidents with their reference documents (``rrnkit.synth``,
  seeded), two at once: uploads and incidents per second, MB/s, latency;
- ``memory``: of each worker process, resident memory at the start, after
  the first thousand single checks and after all of them, and its peak
  (``VmHWM`` of ``/proc/PID/status``), so growth over the run shows; and the
  CPU time each worker spent on the single checks (its share of the load:
  a keep-alive connection stays with the worker that accepted it).

Faults (a second server, one worker, ``--max-in-flight 1`` so that a ready
``/readyz`` means nothing is in flight, a short time limit and a 1 MiB body
limit): a body trickled slowly past the time limit; a declared oversized body
and a chunked one that never ends (413, and how much was sent before it); an
upload cut off half way; a client that goes away while its check runs. After
each, the time until ``/readyz`` answers 200 again (the worker freed, no
request in flight) and whether a normal check then succeeds.

It prints a table and, with ``--out``, writes the figures as JSON. Figures
come from one small noisy machine: compare within a run. No test asserts a
timing; ``tests/test_benchmarks_service.py`` runs ``--smoke`` to check the
script works.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
AS_OF = "2026-11-28"
START_WITHIN = 60.0
FAULT_TIME_LIMIT = 3.0
FAULT_MAX_BODY = 4 << 20


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """One ``rrnkit serve`` on 127.0.0.1, its log in a file."""

    def __init__(self, args: list[str], log: Path) -> None:
        self.port = free_port()
        self.log_path = log
        self.seen = 0
        """Log lines already accounted for."""
        with log.open("wb") as handle:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "rrnkit",
                    "serve",
                    "--host",
                    HOST,
                    "--port",
                    str(self.port),
                    *args,
                ],
                stdout=handle,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        deadline = time.monotonic() + START_WITHIN
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"rrnkit serve stopped:\n{self.log()}")
            if ready(self.port) == 200 and len(self.workers()) >= self.expected_workers(args):
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"rrnkit serve did not become ready:\n{self.log()}")

    @staticmethod
    def expected_workers(args: list[str]) -> int:
        return int(args[args.index("--workers") + 1]) if "--workers" in args else 1

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def workers(self) -> list[int]:
        """The processes that answer requests: uvicorn's worker children, else the server itself."""
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            ppid = int(stat.rpartition(")")[2].split()[1])
            if ppid == self.process.pid and b"resource_tracker" not in cmdline:
                children.append(int(entry.name))
        return sorted(children) or [self.process.pid]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        return int(self.process.returncode)


@contextmanager
def serving(args: list[str], log: Path) -> Iterator[Server]:
    server = Server(args, log)
    try:
        yield server
    finally:
        server.stop()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (0 without /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_kib(pid: int) -> dict[str, int]:
    """``VmRSS`` and ``VmHWM`` (peak resident) of a process, in KiB (empty without /proc)."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    except OSError:
        pass
    return found


# ------------------------------------------------------------------ a small HTTP/1.1 client


def request_head(method: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Read one response; its status, body length and whether the server keeps the connection."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split()[1])
    length = None
    chunked = False
    keep = True
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            keep = False
    size = 0
    if chunked:
        while True:
            chunk = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(chunk + 2)
            size += chunk
            if chunk == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
        size = length
    return status, size, keep


def ready(port: int) -> int:
    """The status of ``GET /readyz`` (0 if no answer)."""
    try:
        with socket.create_connection((HOST, port), timeout=5) as conn:
            conn.sendall(request_head("GET", "/readyz", {"Connection": "close"}))
            data = b""
            while chunk := conn.recv(4096):
                data += chunk
        return int(data.split(b" ", 2)[1])
    except (OSError, ValueError, IndexError):
        return 0


def percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    if not ordered:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": ordered[-1] * 1000,
    }


async def load(
    port: int,
    path: str,
    body: bytes,
    media: str,
    total: int,
    concurrency: int,
    deadline: float,
    on_done: Any = None,
) -> dict[str, Any]:
    """Send ``total`` POSTs, ``concurrency`` at once on keep-alive connections; their figures."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    sent = 0
    out_bytes = 0
    head = request_head("POST", path, {"Content-Type": media, "Content-Length": str(len(body))})

    async def one_connection() -> None:
        nonlocal sent, out_bytes
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while sent < total and time.monotonic() < deadline:
                sent += 1
                started = time.perf_counter()
                writer.write(head + body)
                await writer.drain()
                status, size, keep = await read_response(reader)
                latencies.append(time.perf_counter() - started)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                out_bytes += size
                if on_done is not None:
                    on_done(len(latencies))
                if not keep:
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
        finally:
            writer.close()

    started = time.perf_counter()
    tasks = []
    for _ in range(concurrency):  # one at a time, so each worker may accept some of them
        tasks.append(asyncio.create_task(one_connection()))
        await asyncio.sleep(0.02)
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - started
    done = len(latencies)
    return {
        "requests": done,
        "stopped_early": done < total,
        "concurrency": concurrency,
        "seconds": wall,
        "requests_per_s": done / wall if wall else 0.0,
        "statuses": statuses,
        "body_bytes": len(body),
        "report_bytes_mean": out_bytes / done if done else 0,
        **percentiles(latencies),
    }


# ------------------------------------------------------------------ data


def one_incident() -> bytes:
    root = Path(__file__).resolve().parents[1]
    first = (root / "examples" / "incidents.jsonl").read_bytes().splitlines()[0]
    return first + b"\n"


def upload_body(incidents: int, folder: Path) -> tuple[bytes, str]:
    """Synthetic incidents with their reference documents, as one JSON Lines body; its as_of."""
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(organisations=1, incidents=incidents, years=2, seed=20261128)
    write(config, folder)
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".json":
            parts.append(json.dumps(json.loads(path.read_bytes())).encode() + b"\n")
        elif path.suffix in (".jsonl", ".ndjson"):
            parts.append(path.read_bytes().rstrip(b"\n") + b"\n")
    as_of = getattr(config, "end", None)
    return b"".join(parts), str(as_of) if as_of else AS_OF


# ------------------------------------------------------------------ faults


def _connect(port: int) -> socket.socket:
    return socket.create_connection((HOST, port), timeout=30)


def _answer(conn: socket.socket, wait: float) -> tuple[int, bytes]:
    """Wait up to ``wait`` seconds for a response head; its status and the bytes read."""
    conn.settimeout(wait)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    return status, data


def until_ready(port: int, within: float = 30.0) -> float | None:
    """Return seconds until ``/readyz`` is 200 (none in flight at --max-in-flight 1), or None."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        if ready(port) == 200:
            return time.monotonic() - started
        time.sleep(0.02)
    return None


def normal_check(port: int) -> int:
    async def go() -> int:
        result = await load(
            port, f"/v1/check?as_of={AS_OF}", one_incident(), "application/x-ndjson", 1, 1,
            time.monotonic() + 30,
        )  # fmt: skip
        return int(next(iter(result["statuses"]), 0))

    return asyncio.run(go())


def after(server: Server, fault: dict[str, Any]) -> dict[str, Any]:
    """Wait until the worker is free; note what the log says of the fault, then a normal check."""
    fault["ready_again_s"] = until_ready(server.port)
    lines = server.log().splitlines()[server.seen :]
    fault["logged"] = [
        line.split()[5] for line in lines if " rrnkit.service POST " in line
    ]  # the status the service logged for the faulty request (204: client gone)
    server.seen += len(lines)
    fault["then_normal_check"] = normal_check(server.port)
    server.seen = len(server.log().splitlines())
    return fault


def slow_client(server: Server) -> dict[str, Any]:
    """A body trickled at 20 bytes a second: the time limit ends it."""
    port = server.port
    body = one_incident()
    conn = _connect(port)
    started = time.monotonic()
    with conn:
        conn.sendall(
            request_head(
                "POST",
                f"/v1/check?as_of={AS_OF}",
                {"Content-Type": "application/x-ndjson", "Content-Length": str(len(body))},
            )
        )
        sent = 0
        conn.setblocking(False)
        status = 0
        while sent < len(body) and time.monotonic() - started < FAULT_TIME_LIMIT * 4:
            try:
                data = conn.recv(65536)
                if data:
                    status = int(data.split(b" ", 2)[1])
                break
            except BlockingIOError:
                pass
            conn.send(body[sent : sent + 2])
            sent += 2
            time.sleep(0.1)
        answered = time.monotonic() - started
        if not status:
            status, _ = _answer(conn, FAULT_TIME_LIMIT * 2)
            answered = time.monotonic() - started
    return after(
        server,
        {
            "fault": "slow client (20 B/s)",
            "status": status,
            "answered_after_s": answered,
            "body_sent_bytes": sent,
            "body_bytes": len(body),
        },
    )


def oversized_declared(server: Server) -> dict[str, Any]:
    """Content-Length 4 times the limit: 413 before any of the body is sent."""
    port = server.port
    conn = _connect(port)
    started = time.monotonic()
    with conn:
        conn.sendall(
            request_head(
                "POST",
                "/v1/validate",
                {"Content-Type": "application/x-ndjson", "Content-Length": str(FAULT_MAX_BODY * 4)},
            )
        )
        status, _ = _answer(conn, 10)
    return after(
        server,
        {
            "fault": "oversized, declared",
            "status": status,
            "answered_after_s": time.monotonic() - started,
            "body_sent_bytes": 0,
            "body_bytes": FAULT_MAX_BODY * 4,
        },
    )


def oversized_streamed(server: Server) -> dict[str, Any]:
    """A chunked body meant to be 4 times the limit: 413 once the limit is passed."""
    port = server.port
    conn = _connect(port)
    started = time.monotonic()
    chunk = b" " * 0x8000
    meant = FAULT_MAX_BODY * 4
    sent = 0
    status = 0
    with conn:
        conn.sendall(
            request_head(
                "POST",
                "/v1/validate",
                {"Content-Type": "application/x-ndjson", "Transfer-Encoding": "chunked"},
            )
        )
        while sent < meant:
            if select.select([conn], [], [], 0)[0]:
                break  # the server answered: stop sending
            try:
                conn.sendall(b"8000\r\n" + chunk + b"\r\n")
            except OSError:
                break  # the server answered and closed
            sent += len(chunk)
        if not status:
            status, _ = _answer(conn, 10)
    return after(
        server,
        {
            "fault": "oversized, chunked",
            "status": status,
            "answered_after_s": time.monotonic() - started,
            "body_sent_bytes": sent,
            "body_bytes": meant,
        },
    )


def truncated(server: Server, body: bytes) -> dict[str, Any]:
    """Half the declared body, then the connection closed."""
    port = server.port
    part = body[: min(len(body), FAULT_MAX_BODY // 2) // 2]
    conn = _connect(port)
    started = time.monotonic()
    with conn:
        conn.sendall(
            request_head(
                "POST",
                f"/v1/check?as_of={AS_OF}",
                {"Content-Type": "application/x-ndjson", "Content-Length": str(len(part) * 2)},
            )
        )
        conn.sendall(part)
        time.sleep(0.2)
    return after(
        server,
        {
            "fault": "truncated upload",
            "status": None,
            "answered_after_s": time.monotonic() - started,
            "body_sent_bytes": len(part),
            "body_bytes": len(part) * 2,
        },
    )


def gone_while_running(server: Server, body: bytes) -> dict[str, Any]:
    """The whole body sent, then the client goes away while its check runs."""
    port = server.port
    conn = _connect(port)
    started = time.monotonic()
    with conn:
        conn.sendall(
            request_head(
                "POST",
                f"/v1/check?as_of={AS_OF}",
                {"Content-Type": "application/x-ndjson", "Content-Length": str(len(body))},
            )
            + body
        )
        time.sleep(0.1)
    return after(
        server,
        {
            "fault": "disconnect while running",
            "status": None,
            "answered_after_s": time.monotonic() - started,
            "body_sent_bytes": len(body),
            "body_bytes": len(body),
        },
    )


# ------------------------------------------------------------------ the run


def run(args: argparse.Namespace) -> dict[str, Any]:
    deadline = time.monotonic() + args.max_seconds
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "workers": args.workers,
            "requests": args.requests,
            "concurrency": args.concurrency,
            "incidents": args.incidents,
            "uploads": args.uploads,
            "max_in_flight": args.max_in_flight,
        },
    }
    with tempfile.TemporaryDirectory(prefix="rrnkit-service-bench-") as tmp:
        folder = Path(tmp)
        big, big_as_of = upload_body(args.incidents, folder / "synth")
        server_args = [
            "--workers", str(args.workers), "--max-in-flight", str(args.max_in_flight),
            "--time-limit", "120",
        ]  # fmt: skip
        with serving(server_args, folder / "load.log") as server:
            workers = server.workers()
            results["settings"]["worker_pids"] = len(workers)
            before = {pid: memory_kib(pid) for pid in workers}
            cpu_before = {pid: cpu_seconds(pid) for pid in workers}
            early: dict[int, dict[str, int]] = {}

            def note(done: int) -> None:
                if done == min(1000, args.requests // 2) and not early:
                    early.update({pid: memory_kib(pid) for pid in workers})

            results["single"] = asyncio.run(
                load(
                    server.port, f"/v1/check?as_of={AS_OF}", one_incident(),
                    "application/x-ndjson", args.requests, args.concurrency, deadline, note,
                )
            )  # fmt: skip
            final = {pid: memory_kib(pid) for pid in workers}
            cpu = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in workers}
            results["memory"] = [
                {
                    "worker": index + 1,
                    "start_rss_mb": before[pid].get("VmRSS", 0) / 1024,
                    "early_rss_mb": early.get(pid, {}).get("VmRSS", 0) / 1024,
                    "end_rss_mb": final[pid].get("VmRSS", 0) / 1024,
                    "peak_mb": final[pid].get("VmHWM", 0) / 1024,
                    "cpu_s": cpu[pid],
                }
                for index, pid in enumerate(workers)
            ]
            results["upload"] = asyncio.run(
                load(
                    server.port, f"/v1/check?as_of={big_as_of}&outcomes=findings", big,
                    "application/x-ndjson", args.uploads, min(2, args.uploads), deadline,
                )
            )  # fmt: skip
            upload = results["upload"]
            upload["incidents"] = args.incidents
            upload["incidents_per_s"] = upload["requests"] * args.incidents / upload["seconds"]
            upload["mb_per_s"] = upload["requests"] * len(big) / upload["seconds"] / 1e6
            results["upload_memory"] = [
                {"worker": i + 1, "peak_mb": memory_kib(pid).get("VmHWM", 0) / 1024}
                for i, pid in enumerate(workers)
            ]
            load_log = server.log()
        results["load_log_errors"] = load_log.count(" error=")
        fault_args = [
            "--workers", "1", "--max-in-flight", "1", "--time-limit", str(FAULT_TIME_LIMIT),
            "--max-body-bytes", str(FAULT_MAX_BODY),
        ]  # fmt: skip
        fault_body = big[: FAULT_MAX_BODY - 1]
        fault_body = fault_body[: fault_body.rfind(b"\n") + 1]
        with serving(fault_args, folder / "faults.log") as server:
            server.seen = len(server.log().splitlines())
            results["faults"] = [
                slow_client(server),
                oversized_declared(server),
                oversized_streamed(server),
                truncated(server, fault_body),
                gone_while_running(server, fault_body),
            ]
            results["fault_server_alive"] = server.process.poll() is None
            fault_log = server.log()
        results["fault_log_errors"] = fault_log.count(" error=")
        results["fault_statuses_logged"] = sorted(
            {line.split()[5] for line in fault_log.splitlines() if " rrnkit.service " in line}
        )
    return results


def table(results: dict[str, Any]) -> str:
    s = results["settings"]
    machine = results["machine"]
    lines = [
        f"rrnkit serve --workers {s['workers']} --max-in-flight {s['max_in_flight']}  "
        f"({machine['cpus']} CPUs, Python {machine['python']})",
        "",
        f"{'load':<28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8}  statuses",
    ]
    for name, key in (
        (f"single incident, c={s['concurrency']}", "single"),
        (f"{s['incidents']:,}-incident upload, c=2", "upload"),
    ):
        r = results[key]
        lines.append(
            f"{name:<28} {r['requests']:>8} {r['requests_per_s']:>8.1f} {r['p50_ms']:>8.1f} "
            f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f}  "
            + ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
            + (" (stopped early)" if r["stopped_early"] else "")
        )
    u = results["upload"]
    lines.append(
        f"{'':<28} upload body {u['body_bytes'] / 1e6:.1f} MB: "
        f"{u['incidents_per_s']:,.0f} incidents/s, {u['mb_per_s']:.1f} MB/s"
    )
    lines += [
        "",
        f"memory per worker (MB)      {'start':>8} {'early':>8} {'end':>8} {'peak':>8} "
        f"{'peak after uploads':>20} {'CPU s (single)':>15}",
    ]
    for m, u_m in zip(results["memory"], results["upload_memory"], strict=True):
        lines.append(
            f"{'worker ' + str(m['worker']):<27} {m['start_rss_mb']:>8.1f} "
            f"{m['early_rss_mb']:>8.1f} {m['end_rss_mb']:>8.1f} {m['peak_mb']:>8.1f} "
            f"{u_m['peak_mb']:>20.1f} {m['cpu_s']:>15.1f}"
        )
    lines += [
        "",
        f"faults (1 worker, --max-in-flight 1, --time-limit {FAULT_TIME_LIMIT:g}, "
        f"--max-body-bytes {FAULT_MAX_BODY})",
        f"{'fault':<28} {'status':>6} {'answer s':>9} {'body sent/meant':>22} "
        f"{'ready again s':>14} {'logged':>7} {'next check':>10}",
    ]
    for f in results["faults"]:
        ready_again = "never" if f["ready_again_s"] is None else f"{f['ready_again_s']:.2f}"
        lines.append(
            f"{f['fault']:<28} {f['status'] or '-':>6} {f['answered_after_s']:>9.2f} "
            f"{str(f['body_sent_bytes']) + '/' + str(f['body_bytes']):>22} {ready_again:>14} "
            f"{','.join(f['logged']) or '-':>7} {f['then_normal_check']:>10}"
        )
    lines += [
        "",
        f"fault server alive after faults: {results['fault_server_alive']}; statuses logged: "
        f"{', '.join(results['fault_statuses_logged'])}; 500s/errors logged: "
        f"load {results['load_log_errors']}, faults {results['fault_log_errors']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=20_000, help="single-incident checks")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-in-flight", type=int, default=8, help="per worker, as serve's")
    parser.add_argument("--incidents", type=int, default=10_000, help="incidents per upload")
    parser.add_argument("--uploads", type=int, default=10)
    parser.add_argument("--max-seconds", type=float, default=1800, help="wall time bound")
    parser.add_argument("--smoke", action="store_true", help="300 requests, small uploads")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.smoke:
        args.requests, args.incidents, args.uploads = 300, 500, 2
        args.max_seconds = min(args.max_seconds, 50)
    results = run(args)
    print(table(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
