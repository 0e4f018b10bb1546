"""One measurement in a fresh process: time the work itself, report peak RSS.

Run by ``benchmarks/run.py``; prints one JSON object. Timing excludes the
interpreter's start and imports; peak RSS is the largest of the process's and
of any worker process it forked.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

AS_OF = dt.date(2026, 11, 28)


def floor(incidents: Path) -> int:
    import orjson

    count = 0
    with incidents.open("rb") as handle:
        for line in handle:
            orjson.loads(line)
            count += 1
    return count


def baseline(incidents: Path, limit: int) -> int:
    import json as std_json

    import jsonschema

    from rrnkit.schema import schema_for

    validator = jsonschema.Draft202012Validator(schema_for("incident"))
    count = 0
    with incidents.open("rb") as handle:
        for line in handle:
            for _error in validator.iter_errors(std_json.loads(line)):
                pass
            count += 1
            if count >= limit:
                break
    return count


def validate(incidents: Path, jobs: int) -> int:
    import rrnkit

    report = rrnkit.validate([incidents], **({"jobs": jobs} if jobs != 1 else {}))
    assert report.read == report.valid + report.invalid
    return report.read


def check(incidents: Path, reference: Path, jobs: int, outcomes: str, rules: str) -> int:
    import rrnkit
    from rrnkit.rules import RuleSet
    from rrnkit.rules.packs import ALL_PACKS

    kwargs: dict[str, object] = {"jobs": jobs} if jobs != 1 else {}
    # "none": an empty rule set, to measure what check costs before any rule runs
    ruleset = ALL_PACKS if rules == "all" else RuleSet(id="none")
    report = rrnkit.check(
        [reference, incidents], as_of=AS_OF, outcomes=outcomes, ruleset=ruleset, **kwargs
    )
    return report.read


def check_json(incidents: Path, reference: Path, jobs: int) -> int:
    """What ``rrnkit check --format json --outcomes all -o FILE`` does: every outcome, written."""
    import os
    import tempfile

    import rrnkit
    from rrnkit import report as reports

    kwargs: dict[str, object] = {"jobs": jobs} if jobs != 1 else {}
    found = rrnkit.check([reference, incidents], as_of=AS_OF, outcomes="all", **kwargs)
    fd, target = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(reports, "write_report"):  # written in pieces
                reports.write_report(found, "json", handle.write)
            else:  # an rrnkit from before the pieces: rendered whole
                handle.write(reports.render(found, "json"))
    finally:
        os.unlink(target)
    return found.read


def main(argv: list[str]) -> None:
    mode, data = argv[0], Path(argv[1])
    incidents = data / "incidents.jsonl"
    # Imports are measured on their own (see run.py); time the work itself.
    import jsonschema  # noqa: F401
    import orjson  # noqa: F401

    import rrnkit.api  # noqa: F401

    started = time.perf_counter()
    if mode == "floor":
        records = floor(incidents)
    elif mode == "baseline":
        records = baseline(incidents, int(argv[2]))
    elif mode == "validate":
        records = validate(incidents, int(argv[2]) if len(argv) > 2 else 1)
    elif mode == "check_json":
        records = check_json(incidents, data / "reference", int(argv[2]))
    elif mode == "check":
        rules = argv[4] if len(argv) > 4 else "all"
        records = check(incidents, data / "reference", int(argv[2]), argv[3], rules)
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - started
    size = incidents.stat().st_size
    if mode == "baseline":
        size = int(size * records / max(1, sum(1 for _ in incidents.open("rb"))))
    # the largest of this process and any worker it forked (--jobs): each must fit
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({"records": records, "seconds": seconds, "bytes": size, "peak_kib": peak_kib}))


if __name__ == "__main__":
    main(sys.argv[1:])
