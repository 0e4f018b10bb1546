"""rrnkit's benchmark suite: speed and memory, measured as ratios within one run.

    python benchmarks/run.py                  # 10k and 100k incident records
    python benchmarks/run.py --million        # also 1M records
    python benchmarks/run.py --smoke          # 10k records, one repeat (CI: no timing asserted)

For each size it measures records/s, MB/s and peak RSS of: the parse floor
(orjson, one loop), the baseline (pure-Python jsonschema over the published
schema, on a capped sample because it is slow), ``rrnkit validate``,
``rrnkit check`` with every rule pack keeping every outcome (row ``check``:
what ``--format json --outcomes all`` keeps) and keeping only findings (row
``check_findings``: what the default text report and ``--outcomes findings``
keep), and both with ``--jobs 2`` (validate, and check keeping findings).
Row ``check_json`` is ``check --format json --outcomes all`` written to a file
(every outcome kept and written: the run that must stay in bounded memory), and
``check_json_jobs2`` the same with ``--jobs 2``. Row ``check_no_rules`` is
check with an empty rule set: what reading,
validating, indexing and building the documents cost before any rule runs,
so the rest of ``check_findings`` is the rules' own share. Each
run is a fresh process; each figure is the median of several repeats, taken
in interleaved rounds. Then ``import rrnkit`` is timed against importing
attrs, cattrs and jsonschema. It prints a table and writes JSON to
``benchmarks/results/latest.json``. Machines are small and noisy: compare
ratios from one run, never single figures across runs.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASELINE_SAMPLE = 5_000


def make_data(size: int, root: Path) -> Path:
    """Write ``size`` synthetic incidents and their reference documents (seeded)."""
    from rrnkit.synth import SynthConfig, write

    target = root / f"n{size}"
    reference = target / "reference"
    reference.mkdir(parents=True)
    write(SynthConfig(organisations=1, incidents=size, years=2, seed=20261128), target)
    # everything but the incident stream is reference data for check
    for path in target.iterdir():
        if path.is_file() and path.name != "incidents.jsonl":
            path.rename(reference / path.name)
    return target


def measure(mode: str, data: Path, *extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "_measure.py"), mode, str(data), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def interleaved(
    plan: dict[str, tuple[int, str, tuple[str, ...]]], data: Path
) -> dict[str, dict[str, Any]]:
    """Run every measure of ``plan`` (name: repeats, mode, arguments) in rounds.

    Round k runs the k-th repeat of each measure in turn, so a machine that
    slows down for a while slows every measure a little rather than the
    repeats of one: the ratios between measures of one run hold up better.
    """
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in plan}
    for round_ in range(max(repeats for repeats, _, _ in plan.values())):
        for name, (repeats, mode, extra) in plan.items():
            if round_ < repeats:
                runs[name].append(measure(mode, data, *extra))
    return {name: median_of(found) for name, found in runs.items()}


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Summarise the repeats of one measure by their median time."""
    seconds = statistics.median(r["seconds"] for r in runs)
    first = runs[0]
    return {
        "records": first["records"],
        "seconds": seconds,
        "records_per_s": first["records"] / seconds,
        "mb_per_s": first["bytes"] / seconds / 1e6,
        "peak_mb": max(r["peak_kib"] for r in runs) / 1024,
        "runs": [r["seconds"] for r in runs],
    }


def import_times(repeat: int) -> dict[str, float]:
    def wall(code: str) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    bare = wall("pass")
    rrnkit = wall("import rrnkit") - bare
    deps = wall("import attrs, cattrs, jsonschema") - bare
    return {"rrnkit_s": rrnkit, "deps_s": deps, "ratio": rrnkit / deps}


def backend() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "rrnkit", "--version"], capture_output=True, text=True
    )
    return done.stdout.strip() or done.stderr.strip()


def _has_jobs(command: str) -> bool:
    """Tell whether this rrnkit's validate or check can spread work over processes (--jobs)."""
    import inspect

    import rrnkit

    return "jobs" in inspect.signature(getattr(rrnkit, command)).parameters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--million", action="store_true", help="also measure 1,000,000 records")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="10k records, one repeat")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    repeat = args.repeat
    if args.smoke:
        sizes, repeat = [10_000], 1
    elif args.million:
        sizes.append(1_000_000)

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            data = make_data(size, Path(tmp))
            sample = str(min(size, BASELINE_SAMPLE))
            plan: dict[str, tuple[int, str, tuple[str, ...]]] = {
                "floor": (repeat, "floor", ()),
                "baseline": (max(1, min(repeat, 3)), "baseline", (sample,)),
                "validate": (repeat, "validate", ()),
                "check": (repeat, "check", ("1", "all")),
                "check_findings": (repeat, "check", ("1", "findings")),
                "check_no_rules": (repeat, "check", ("1", "findings", "none")),
                "check_json": (repeat, "check_json", ("1",)),
            }
            if _has_jobs("check"):
                plan["check_jobs2"] = (repeat, "check", ("2", "findings"))
            if _has_jobs("validate"):
                plan["validate_jobs2"] = (repeat, "validate", ("2",))
            if _has_jobs("check"):
                plan["check_json_jobs2"] = (repeat, "check_json", ("2",))
            results = interleaved(plan, data)
            floor = results["floor"]["records_per_s"]
            base = results["baseline"]["records_per_s"]
            for name, result in results.items():
                result["vs_floor"] = result["records_per_s"] / floor
                result["vs_baseline"] = result["records_per_s"] / base
                rows.append({"size": size, "measure": name, **result})
    imports = import_times(max(3, repeat))
    summary = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": __import__("os").cpu_count(),
        "rrnkit": backend(),
        "repeat": repeat,
        "rows": rows,
        "import": imports,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(
        f"{summary['rrnkit']}; Python {summary['python']} on {summary['cpus']} CPUs;"
        f" median of {repeat}"
    )
    header = f"{'records':>9} {'measure':14} {'rec/s':>10} {'MB/s':>8} {'x floor':>8} {'x base':>8} {'peak MB':>8}"  # noqa: E501
    print(header)
    for row in rows:
        print(
            f"{row['size']:>9} {row['measure']:14} {row['records_per_s']:>10.0f} "
            f"{row['mb_per_s']:>8.2f} {row['vs_floor']:>8.3f} {row['vs_baseline']:>8.1f} "
            f"{row['peak_mb']:>8.1f}"
        )
    print(
        f"import rrnkit {imports['rrnkit_s'] * 1000:.0f} ms; attrs+cattrs+jsonschema "
        f"{imports['deps_s'] * 1000:.0f} ms; ratio {imports['ratio']:.2f}"
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
