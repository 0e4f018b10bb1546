"""What the command line runs, as two library calls: :func:`validate` and :func:`check`.

Both read files, folders or standard input, never raise for bad input, and
return a :class:`~rrnkit.report.Report`; care software embeds exactly what
``rrnkit validate`` and ``rrnkit check`` do. Both are short facades over the
run pipeline (``rrnkit._run``): one process, or ``jobs`` forked ones.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import IO

from rrnkit._internal.paths import as_path_list
from rrnkit._run import (
    Ledger,
    Progress,
    Settings,
    can_fork,
    check_arguments,
    check_held,
    check_report,
    forked,
    run_serial,
    validate_held,
    validate_report,
)
from rrnkit.convert import NO_MIGRATIONS, Migrations
from rrnkit.io import STDIN, JsonLimits, Paths
from rrnkit.report import Report
from rrnkit.rules import RuleSet


def validate(
    paths: Paths,
    *,
    limits: JsonLimits | None = None,
    max_problems: int | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Report:
    """Validate every document under ``paths`` (``"-"`` is standard input).

    ``paths`` is one path (``str`` or ``os.PathLike[str]``) or an iterable of
    them (:data:`rrnkit.io.Paths`): ``"examples/"``, ``Path("examples")`` and
    ``["examples/"]`` are the same run; a string is always one path. ``bytes``
    paths (decode them with ``os.fsdecode``), a non-iterable, or an item that
    is not a path raise :class:`TypeError`; no paths at all give an empty
    report. Folders are read recursively (``.json``, ``.jsonl``, ``.ndjson``).
    Returns a report with every problem located by file, line and JSON Pointer;
    ``report.exit_code()`` is what ``rrnkit validate`` exits with. With ``jobs``
    above 1, files are shared out in pieces over that many processes where the
    platform can fork (same report; standard input is read in one).
    """
    path_list = as_path_list(paths)
    if can_fork(path_list, stdin, jobs):
        return forked(
            path_list,
            jobs,
            progress,
            lambda got: validate_report(got, max_problems),
            limits=limits,
            migrations=migrations,
            check=False,
            max_problems=max_problems,
        )
    if stdin is not None or STDIN in path_list:
        return validate_held(
            path_list,
            limits=limits,
            max_problems=max_problems,
            migrations=migrations,
            stdin=stdin,
            progress=progress,
        )
    settings = Settings(limits, migrations, check=False, max_problems=max_problems)
    return run_serial(path_list, settings, progress)


def check(
    paths: Paths,
    *,
    as_of: dt.date,
    ruleset: RuleSet | None = None,
    limits: JsonLimits | None = None,
    max_problems: int | None = None,
    migrations: Migrations = NO_MIGRATIONS,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
    outcomes: str = "all",
    stream_incidents: bool = True,
    jobs: int = 1,
) -> Report:
    """Validate every document under ``paths``, then evaluate rules over the valid ones.

    ``paths`` is as for :func:`validate`: one path or an iterable of them
    (:data:`rrnkit.io.Paths`), a string always one path, ``bytes`` refused.
    ``ruleset`` defaults to every shipped pack. ``as_of`` is required: rules
    never read the clock. ``outcomes="findings"`` keeps only results that need
    attention (not met, insufficient evidence, rule errors) while still counting
    every outcome, which large runs need. Incidents in files are read a second
    time rather than held (``stream_incidents=False`` holds them: same report,
    more memory); the second read does not validate them again, and a file
    whose SHA-256 changed in between gets a ``path.changed`` problem. With
    ``jobs`` above 1, files are shared out in pieces over that many forked
    processes where the platform can fork (same report; progress is heard once
    reading is done); ``jobs`` below 1 raises ValueError. Returns what
    ``rrnkit check`` prints.
    """
    path_list = as_path_list(paths)
    ruleset, keep = check_arguments(as_of, ruleset, outcomes)
    # Incidents are read twice rather than held, so memory stays flat however
    # many there are; standard input cannot be read twice, so there they are held.
    held = not stream_incidents or stdin is not None or STDIN in path_list
    if held:
        return check_held(
            path_list,
            ruleset=ruleset,
            as_of=as_of,
            keep=keep,
            limits=limits,
            max_problems=max_problems,
            migrations=migrations,
            stdin=stdin,
            progress=progress,
        )
    if can_fork(path_list, stdin, jobs):

        def interrupted(got: Ledger) -> Report:
            return check_report(got, ruleset, as_of, [], Counter(), max_problems)

        return forked(
            path_list,
            jobs,
            progress,
            interrupted,
            limits=limits,
            migrations=migrations,
            check=True,
            ruleset=ruleset,
            as_of=as_of,
            keep=keep,
            max_problems=max_problems,
        )
    settings = Settings(
        limits,
        migrations,
        check=True,
        ruleset=ruleset,
        as_of=as_of,
        keep=keep,
        max_problems=max_problems,
    )
    return run_serial(path_list, settings, progress)


__all__ = ["STDIN", "Progress", "check", "validate"]
