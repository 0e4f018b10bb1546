"""Build: the report of a run, from the ledger and the evaluated results."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from rrnkit._internal.dates import require_date
from rrnkit._run._evaluate import FINDINGS, PackedPart, Part, merge_parts
from rrnkit._run._ledger import Ledger
from rrnkit._run._locate import locate_results
from rrnkit._run._packed import FINDING_VALUES, OUTCOME, Packed, unpack
from rrnkit._run._plan import Plan, Scan
from rrnkit._run._read import Settings, accepted_records
from rrnkit._run._spool import ResultSpool
from rrnkit.model import Document
from rrnkit.problems import Problem
from rrnkit.report import Report, count_fields, pseudonymised_note, summarise
from rrnkit.rules import Outcome, OutcomeCounts, Result, RuleSet


def reading_fields(got: Ledger) -> dict[str, Any]:
    """Return the report fields every command fills from reading: inputs and exact counts."""
    return {
        "inputs": tuple(got.log.inputs),
        "read": got.read,
        "valid": got.valid,
        "invalid": got.read - got.valid,
        "skipped": got.skipped,
        "pseudonymised": got.pseudonymised,
        "path_problems": tuple(got.log.path_problems),
    }


def cap(
    problems: list[Problem], findings: Sequence[object], max_problems: int | None
) -> tuple[list[Problem], set[int], int]:
    """Keep at most ``max_problems`` problems and findings; return what is kept and left out."""
    total = len(problems) + len(findings)
    if max_problems is None or total <= max_problems:
        return problems, set(range(len(findings))), 0
    kept_problems = problems[:max_problems]
    room = max(0, max_problems - len(kept_problems))
    return kept_problems, set(range(room)), total - len(kept_problems) - room


def validate_report(got: Ledger, max_problems: int | None) -> Report:
    """Build the report of a validation run from what reading collected."""
    problems, _, not_shown = cap(got.problems, [], max_problems)
    return Report(
        command="validate",
        **reading_fields(got),
        problems=tuple(problems),
        partial=not_shown > 0,
        not_shown=not_shown,
        interrupted=got.interrupted,
    )


def check_report(
    got: Ledger,
    ruleset: RuleSet,
    as_of: dt.date,
    results: list[Packed] | ResultSpool,
    counts: OutcomeCounts,
    max_problems: int | None,
) -> Report:
    """Build the report of a check run: counts exact, lists capped at ``max_problems``.

    Packed results are located and built; a
    :class:`~rrnkit._run._spool.ResultSpool` (every outcome kept) is capped
    as it is read, its results already located.
    """
    shown: Sequence[Result]
    if isinstance(results, ResultSpool):
        problems = got.problems if max_problems is None else got.problems[:max_problems]
        not_shown = len(got.problems) - len(problems)
        if max_problems is not None:
            not_shown += results.cap_findings(max_problems - len(problems))
        shown = results
    else:
        findings = [i for i, p in enumerate(results) if p[OUTCOME] in FINDING_VALUES]
        problems, kept, not_shown = cap(got.problems, findings, max_problems)
        dropped = {index for n, index in enumerate(findings) if n not in kept}
        located = locate_results([p for i, p in enumerate(results) if i not in dropped], got.where)
        shown = tuple(unpack(located, ruleset))
    return Report(
        command="check",
        as_of=as_of,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        parameters={r.id: ruleset.params_of(r) for r in ruleset.rules},
        rules=summarise(ruleset),
        **reading_fields(got),
        problems=tuple(problems),
        results=shown,
        **count_fields(counts),
        partial=not_shown > 0,
        not_shown=not_shown,
        interrupted=got.interrupted,
        notes=tuple(n for n in (pseudonymised_note(got.pseudonymised, ruleset),) if n),
    )


def check_arguments(
    as_of: dt.date, ruleset: RuleSet | None, outcomes: str
) -> tuple[RuleSet, frozenset[Outcome] | None]:
    """Refuse a bad ``as_of`` or ``outcomes``; return the rule set and the outcomes to keep."""
    if outcomes not in ("all", "findings"):
        raise ValueError("outcomes is 'all' or 'findings'")
    require_date(as_of)
    if ruleset is None:
        from rrnkit.rules.packs import ALL_PACKS

        ruleset = ALL_PACKS
    return ruleset, None if outcomes == "all" else FINDINGS


def finish(found: list[Any], plan: Plan, settings: Settings) -> Report:
    """Build the report from what the tasks found, in the calling process.

    Results cross from the workers once, to here, rather than to one more task.
    """
    if not settings.check:
        return validate_report(found[0][0], settings.max_problems)
    collected, scanned, worked, fingerprints = found
    files = iter(scanned)
    scans = [None if cuts is None else next(files) for cuts in plan.cuts]
    return finish_check(
        collected, *unpack_worked(worked, settings), plan, scans, settings, fingerprints
    )


def unpack_worked(
    worked: list[tuple[PackedPart, list[str]]],
    settings: Settings,
    spool: ResultSpool | None = None,
) -> tuple[list[Part], list[str]]:
    """Take the parts workers packed, and list the sources they found changed.

    Runs a worker sealed into ``spool``'s folder join ``spool``, which then
    stands for that part's results.
    """
    assert settings.ruleset is not None
    changed = [source for _, sources in worked for source in sources]
    parts: list[Part] = []
    for (packed, counts, summaries), _ in worked:
        if isinstance(packed, tuple):
            assert spool is not None
            spool.adopt_runs(*packed)
            parts.append((spool, counts, summaries))
        else:
            parts.append((packed, counts, summaries))
    return parts, changed


def finish_check(
    collected: tuple[Ledger, tuple[bytearray, ...]],
    evaluated: list[Part],
    changed: list[str],
    plan: Plan,
    scans: list[Scan | None],
    settings: Settings,
    fingerprints: tuple[str | None, ...],
) -> Report:
    """Merge the evaluated parts, evaluate the reference documents and report.

    ``evaluated`` holds the parts in reading order, ``changed`` the files a
    second read found changed; ``fingerprints`` each partition's first-read
    SHA-256 (a rule that reads every incident reads them again).
    """
    got, accepted = collected
    assert settings.ruleset is not None
    assert settings.as_of is not None

    def replay() -> Iterator[Document]:
        for part in plan.parts:
            first = fingerprints[part.number]
            for record in accepted_records(
                part, scans[part.file], accepted[part.number], settings, first, changed
            ):
                assert record.document is not None
                yield record.document

    counts: Counter[Any] = Counter()
    spool = next((r for r, _, _ in evaluated if isinstance(r, ResultSpool)), None)
    if spool is None and settings.keep is None:  # every outcome kept: in bounded memory
        spool = ResultSpool(settings.ruleset)
    results = merge_parts(
        got,
        settings.ruleset,
        settings.as_of,
        settings.keep,
        counts,
        evaluated,
        replay,
        spool,
        got.where,
    )
    got.report_changed(changed)
    return check_report(
        got, settings.ruleset, settings.as_of, results, counts, settings.max_problems
    )
