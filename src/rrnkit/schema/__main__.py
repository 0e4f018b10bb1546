"""Regenerate the committed schemas: ``python -m rrnkit.schema [DIR]`` (default ``schemas``)."""

from __future__ import annotations

import sys
from pathlib import Path

from rrnkit.schema import write_schemas


def main(argv: list[str]) -> int:
    """Write every schema into the folder named by ``argv`` (or ``schemas``)."""
    target = Path(argv[0]) if argv else Path("schemas")
    for path in write_schemas(target):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
