"""Run the worked restraint-reduction study on synthetic data: ``python run_study.py OUT_DIR``.

Generates three synthetic organisations' evidence over three years
(rrnkit.synth, seeded), then writes to OUT_DIR:

- ``data/``: the documents (JSON Lines) and ``bed-days.csv``;
- ``rates-by-organisation-year.csv``: every rate and share by organisation
  and year, with numerators and denominators;
- ``durations-by-organisation-year.csv``: seclusion and segregation minutes;
- ``compliance-by-quarter.csv``: outcome counts per framework at each
  quarter's end;
- ``summary.md``: the headline tables.

The same as ``rrnkit study example OUT_DIR``. Everything is invented.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rrnkit.study import INTERVENTIONS_PER_1000_OBD, run_worked_study


def main(argv: list[str]) -> int:
    """Run the study into the folder named on the command line."""
    if len(argv) != 1:
        print("usage: python run_study.py OUT_DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    study = run_worked_study(Path(argv[0]))
    for path in study.files:
        print(path)
    rows = study.measures.of(INTERVENTIONS_PER_1000_OBD)
    print(f"{study.measures.incidents} incidents; {len(rows)} organisation-years measured")
    print(f"finished in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
