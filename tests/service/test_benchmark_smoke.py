"""``benchmarks/service.py --smoke`` works: it runs, stops by itself, and its fault figures hold.

No timing is asserted (speed belongs to the benchmark's own output); what is
asserted is behaviour the script observes: every load request answered 200,
the slow client stopped by the time limit (503), oversized bodies refused
with 413 (the declared one before any byte of it), cut-off and abandoned
uploads logged as 204, and after each fault the worker free again and a
normal check answered.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "service.py"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_service_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "service.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "req/s" in done.stdout
    results = json.loads(out.read_text("utf-8"))
    assert results["single"]["requests"] == 300
    assert results["single"]["statuses"] == {"200": 300}
    assert results["upload"]["statuses"] == {"200": 2}
    assert len(results["memory"]) == results["settings"]["workers"] == 2
    assert all(m["peak_mb"] > 0 for m in results["memory"])
    faults = {f["fault"]: f for f in results["faults"]}
    assert faults["slow client (20 B/s)"]["status"] == 503
    assert (
        faults["slow client (20 B/s)"]["body_sent_bytes"]
        < faults["slow client (20 B/s)"]["body_bytes"]
    )
    assert faults["oversized, declared"]["status"] == 413
    assert faults["oversized, chunked"]["status"] == 413
    chunked = faults["oversized, chunked"]
    assert chunked["body_sent_bytes"] < chunked["body_bytes"]  # refused before it was all sent
    assert faults["truncated upload"]["logged"] == ["204"]
    assert faults["disconnect while running"]["logged"] in (["204"], ["200"])
    for fault in results["faults"]:
        assert fault["ready_again_s"] is not None, fault["fault"]
        assert fault["then_normal_check"] == 200, fault["fault"]
    assert results["fault_server_alive"] is True
    assert results["load_log_errors"] == results["fault_log_errors"] == 0
