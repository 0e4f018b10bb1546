"""One validate or check over a request body, as ``rrnkit check -`` runs over standard input.

The body is spooled as it arrives (in memory up to a megabyte, then in an
anonymous temporary file), so however large it is the service never holds it
whole; it is then given to :func:`rrnkit.api.validate` or
:func:`rrnkit.api.check` as their standard input, so the report is byte for
byte what the command line writes for the same bytes. The run happens in a
worker thread; a deadline, or a client that went away, stops it at its next
read of the body.
"""

from __future__ import annotations

import tempfile
import threading
import time
from typing import IO, Any

import attrs

from rrnkit.io import STDIN
from rrnkit.report import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, write_report
from rrnkit.service._query import Query

__all__ = ["EXIT_NAMES", "Finished", "StoppableBody", "Stopped", "run_report", "spool"]

MEMORY_SPOOL = 1 << 20
"""Body bytes (and report bytes) held in memory before they go to a temporary file."""

EXIT_NAMES = {
    EXIT_OK: "ok",
    EXIT_FAILED: "failed",
    EXIT_USAGE: "usage",
    EXIT_INTERRUPTED: "interrupted",
}
"""The meaning of each exit code, as the ``Rrnkit-Exit`` response header names it."""


def spool() -> IO[bytes]:
    """Return an empty spool for a request body: memory first, an anonymous file past a megabyte."""
    return tempfile.SpooledTemporaryFile(max_size=MEMORY_SPOOL)


class Stopped(Exception):
    """The run was stopped: past its deadline, or its client went away."""


class StoppableBody:
    """A spooled body read as standard input, refusing to go on past a deadline or a stop.

    The reading pipeline reads standard input through ``read``, ``read1`` and
    ``readline``; each checks the clock and the stop flag first, so a run over
    a large body ends soon after it is no longer wanted.
    """

    def __init__(self, body: IO[bytes], deadline: float, stop: threading.Event) -> None:
        """Wrap ``body`` (rewound), stopping at ``deadline`` (``time.monotonic``) or on ``stop``."""
        self._body = body
        self._deadline = deadline
        self._stop = stop

    def _go_on(self) -> None:
        if self._stop.is_set() or time.monotonic() > self._deadline:
            raise Stopped

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (all that is left when negative)."""
        self._go_on()
        return self._body.read(size)

    def read1(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes, as ``read``."""
        self._go_on()
        return self._body.read(size)

    def readline(self, limit: int = -1) -> bytes:
        """Read one line, at most ``limit`` bytes of it."""
        self._go_on()
        return self._body.readline(limit)


@attrs.frozen
class Finished:
    """A finished run: its exit code and the report, written to a spool (rewound)."""

    exit_code: int
    report: IO[bytes]


def run_report(query: Query, body: IO[bytes], fmt: str, deadline: float, stop: Any) -> Finished:
    """Validate or check the spooled ``body`` as standard input; write the report as ``fmt``.

    Runs in a worker thread. Raises :class:`Stopped` past ``deadline`` or once
    ``stop`` (a ``threading.Event``) is set.
    """
    from rrnkit.api import check, validate
    from rrnkit.report import outcomes_to_keep

    body.seek(0)
    stdin: Any = StoppableBody(body, deadline, stop)
    rules: Any = ()
    if query.check:
        assert query.as_of is not None
        assert query.ruleset is not None
        report = check(
            STDIN,
            as_of=query.as_of,
            ruleset=query.ruleset,
            max_problems=query.max_problems,
            stdin=stdin,
            outcomes=outcomes_to_keep(fmt, query.outcomes),
        )
        rules = query.ruleset.rules
        code = report.exit_code(query.fail_on)
    else:
        report = validate(STDIN, max_problems=query.max_problems, stdin=stdin)
        code = report.exit_code()
    if stop.is_set() or time.monotonic() > deadline:
        raise Stopped
    out = spool()
    try:

        def write(text: str) -> None:
            out.write(text.encode("utf-8"))

        write_report(report, fmt, write, rules)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    return Finished(code, out)
