"""Validate and check many files on Dask, with the same report as one process gives.

:func:`validate` and :func:`check` split the input into partitions (each
``.json`` file, and each piece of about ``partition_size`` bytes of a JSON
Lines file, cut at line starts) and run them as Dask tasks::

    from rrnkit.extra import dask as rrnkit_dask

    report = rrnkit_dask.check(["incidents/", "reference/"], as_of=date, scheduler="processes")

The run has the shape of :func:`rrnkit.check` with ``jobs``, spread over
tasks: every partition is read and validated in parallel (incidents are only
validated; reference documents are loaded); one task then walks the
partitions in reading order, exactly as one process reads the files, so the
first-seen document of each id is the same and every later one is reported as
a duplicate. The reference documents it keeps become one Dask value shared
by every partition of the second pass, which reads the accepted incidents of
its partition again (without validating them again: a partition whose SHA-256
differs from the first read's is reported as ``path.changed``) and evaluates
them. The calling process then merges the parts (results, counts and the
summaries rules fold over incidents) and evaluates the reference documents,
giving a :class:`~rrnkit.report.Report` equal to :func:`rrnkit.validate` or
:func:`rrnkit.check` on the same paths. ``check(jobs=N)`` runs the same steps
on forked processes without Dask (see :mod:`rrnkit._run`).

Every path must be readable under the same name by the caller, which lists
folders and sizes files, and by every Dask worker. Tasks and their results
travel between the caller's and the workers' processes in Dask's own
serialisation; input files are only ever parsed as JSON.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, cast

from rrnkit._internal.paths import as_path_list
from rrnkit._run import (
    Plan,
    Settings,
    check_arguments,
    collect,
    evaluate_partition,
    fingerprints_of,
    finish,
    hold,
    make_plan,
    read_partition,
    scan_file,
)
from rrnkit.convert import NO_MIGRATIONS, Migrations
from rrnkit.io import JsonLimits, Paths
from rrnkit.report import Report
from rrnkit.rules import RuleSet

try:
    from dask.base import get_scheduler
    from dask.threaded import get as threaded_get
except ImportError as error:  # pragma: no cover - exercised in a subprocess
    raise ImportError(
        "rrnkit.extra.dask needs Dask; install it with: pip install 'rrnkit[dask]'"
    ) from error

PARTITION_SIZE = 64 << 20
"""Default bytes of a JSON Lines file per partition (a ``.json`` file is always one)."""

__all__ = ["PARTITION_SIZE", "check", "validate"]


def _graph(plan: Plan, settings: Settings) -> tuple[dict[Any, Any], list[Any]]:
    """Lay the run out as one Dask task graph; return it and the keys the caller gathers.

    The graph is written out whole, once, rather than built by chaining
    ``dask.delayed`` calls, whose cost would grow with the square of the
    number of partitions. Settings, the plan and the held reference documents
    are one key each, shared by every task that needs them.
    """
    token = uuid.uuid4().hex
    plan_key, settings_key = f"rrnkit-plan-{token}", f"rrnkit-settings-{token}"
    collect_key, held_key = f"rrnkit-collect-{token}", f"rrnkit-held-{token}"
    graph: dict[Any, Any] = {plan_key: plan, settings_key: settings}
    scans: list[Any] = []
    for file, cuts in enumerate(plan.cuts):
        scans.append(None if cuts is None else (f"rrnkit-scan-{token}", file))
        if cuts is not None:
            graph[scans[-1]] = (scan_file, plan_key, file)
    reads = []
    for part in plan.parts:
        key = (f"rrnkit-read-{token}", part.number)
        graph[key] = (read_partition, part, scans[part.file], settings_key)
        reads.append(key)
    graph[collect_key] = (collect, plan_key, scans, reads, settings_key)
    if not settings.check:
        return graph, [collect_key]
    graph[held_key] = (hold, collect_key, reads)
    fingerprints_key = f"rrnkit-fingerprints-{token}"
    graph[fingerprints_key] = (fingerprints_of, reads)
    evaluated = []
    for part in plan.parts:
        key = (f"rrnkit-evaluate-{token}", part.number)
        graph[key] = (evaluate_partition, part, scans[part.file], held_key, settings_key)
        evaluated.append(key)
    scanned = [key for key in scans if key is not None]
    return graph, [collect_key, scanned, evaluated, fingerprints_key]


def _run(
    paths: list[str],
    settings: Settings,
    partition_size: int,
    scheduler: Any,
    num_workers: int | None,
) -> Report:
    options: dict[str, Any] = {}
    if num_workers is not None:
        options["num_workers"] = num_workers
    plan = make_plan(paths, partition_size)
    graph, keys = _graph(plan, settings)
    # The scheduler's own ``get`` hands the values straight back here, where the
    # last step runs, so the results cross from the workers once.
    chosen = cast(Callable[..., Any], get_scheduler)(scheduler=scheduler)  # untyped in Dask
    get: Callable[..., Any] = chosen or threaded_get
    return finish(cast(list[Any], get(graph, keys, **options)), plan, settings)


def validate(
    paths: Paths,
    *,
    scheduler: Any = None,
    num_workers: int | None = None,
    partition_size: int = PARTITION_SIZE,
    limits: JsonLimits | None = None,
    max_problems: int | None = None,
    migrations: Migrations = NO_MIGRATIONS,
) -> Report:
    """Validate every document under ``paths`` on Dask; return what :func:`rrnkit.validate` does.

    ``scheduler`` is any Dask scheduler: a name (``"processes"``,
    ``"threads"``, ``"synchronous"``), a ``dask.distributed.Client``, or None
    for Dask's default. ``num_workers`` sizes a local pool. Each ``.json``
    file is one partition and each JSON Lines file is cut, at line starts,
    into pieces of about ``partition_size`` bytes. Standard input is refused.
    ``paths`` is one path (``str`` or ``os.PathLike[str]``) or an iterable of
    them (:data:`rrnkit.io.Paths`), as for :func:`rrnkit.validate`: a string
    is one path, and ``bytes`` or an item that is not a path raises
    :class:`TypeError` before any task is made.
    """
    path_list = as_path_list(paths)
    settings = Settings(
        limits=limits, migrations=migrations, check=False, max_problems=max_problems
    )
    return _run(path_list, settings, partition_size, scheduler, num_workers)


def check(
    paths: Paths,
    *,
    as_of: dt.date,
    ruleset: RuleSet | None = None,
    outcomes: str = "all",
    scheduler: Any = None,
    num_workers: int | None = None,
    partition_size: int = PARTITION_SIZE,
    limits: JsonLimits | None = None,
    max_problems: int | None = None,
    migrations: Migrations = NO_MIGRATIONS,
) -> Report:
    """Validate and evaluate every document under ``paths`` on Dask, as :func:`rrnkit.check`.

    The report equals :func:`rrnkit.check` on the same paths: the same counts,
    problems (duplicate ids across partitions included) and results in the
    same order. ``scheduler``, ``num_workers`` and ``partition_size`` are as
    for :func:`validate`; the other arguments (``paths`` among them) are those
    of :func:`rrnkit.check`.
    """
    path_list = as_path_list(paths)
    chosen, keep = check_arguments(as_of, ruleset, outcomes)
    settings = Settings(
        limits=limits,
        migrations=migrations,
        check=True,
        ruleset=chosen,
        as_of=as_of,
        keep=keep,
        max_problems=max_problems,
    )
    return _run(path_list, settings, partition_size, scheduler, num_workers)
