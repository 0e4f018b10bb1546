"""The text report: a summary a compliance lead can read, then one line per finding."""

from __future__ import annotations

from rrnkit._internal.words import plural
from rrnkit.problems import printable
from rrnkit.report._report import LISTED, Report
from rrnkit.rules import Outcome, Result

DISCLAIMER = (
    "rrnkit checks evidence against published standards; "
    "it is not a certification body and certifies no one."
)
_OUTCOME_WORDS = {
    Outcome.MET: "met",
    Outcome.NOT_MET: "not met",
    Outcome.NOT_APPLICABLE: "not applicable",
    Outcome.INSUFFICIENT_EVIDENCE: "insufficient evidence",
    Outcome.ERROR: "rule errors",
}


def finding_line(result: Result) -> str:
    """Render one finding (unmet, a rule error or insufficient evidence) as one line.

    The form is ``file:line: /pointer: RULE [citations; authority] state: message``,
    e.g. ``UOF-S6-A-REASON [uof-act:6(5)(a); statute] error: ...``: the
    authority is the strongest among the rule's citations, in words. The
    state is the severity of an unmet rule, ``rule error`` or
    ``insufficient evidence``.
    """
    where = printable(result.source or f"{result.subject_kind}/{result.subject_id}")
    if result.source and result.line is not None:
        where = f"{where}:{result.line}"
    pointer = printable(result.pointers[0]) if result.pointers else "/"
    cites = ", ".join(str(c) for c in result.citations)
    if result.authority is not None:
        cites = f"{cites}; {result.authority.words}"
    if result.outcome is Outcome.ERROR:
        state = "rule error"
    elif result.outcome is Outcome.INSUFFICIENT_EVIDENCE:
        state = "insufficient evidence"
    else:
        state = result.severity.value
    return f"{where}: {pointer}: {result.rule_id} [{cites}] {state}: {result.message}"


def authority_line(report: Report) -> str:
    """Count unmet outcomes by the authority of their rule, strongest first, leaving out zeros."""
    parts = [
        f"{n} {authority.words if authority is not None else 'uncited'}"
        for authority, n in report.unmet_by_authority.items()
        if n
    ]
    return f"Unmet by authority: {', '.join(parts) or 'none'}."


def summary_lines(report: Report) -> list[str]:
    """Return the summary: what was read, and what the rules found."""
    lines = []
    head = f"rrnkit {report.command} (rrnkit {report.rrnkit_version})"
    if report.as_of is not None:
        head += f", as of {report.as_of.isoformat()}"
    if report.ruleset_id is not None:
        head += f", rule set {report.ruleset_id} version {report.ruleset_version}"
    lines.append(head)
    read = (
        f"Read {plural(report.read, 'record')} in {plural(len(report.inputs), 'file')}: "
        f"{report.valid} valid, {report.invalid} invalid"
    )
    if report.skipped:
        read += f", {plural(report.skipped, 'blank line')} skipped"
    lines.append(read + ".")
    if report.path_problems:
        lines.append(f"{plural(len(report.path_problems), 'path')} could not be read.")
    if report.command != "validate":
        counts = report.counts
        total = sum(counts.values())
        parts = ", ".join(f"{counts[o]} {_OUTCOME_WORDS[o]}" for o in Outcome)
        lines.append(f"Rules: {plural(total, 'outcome')}: {parts}.")
        unmet = report.unmet_by_severity
        by = ", ".join(
            f"{n} {sev.value}" for sev, n in sorted(unmet.items(), key=lambda x: -x[0].rank)
        )
        lines.append(f"Unmet by severity: {by}.")
        lines.append(authority_line(report))
    if report.interrupted:
        lines.append("Interrupted: this report covers only what was done before the stop.")
    lines += [f"Note: {note}" for note in report.notes]
    return lines


def render_text(report: Report) -> str:
    """Render a report as text: summary, path problems, problems, then findings.

    Findings are the unmet rules, rule errors and insufficient evidence, each
    located, in the report's order.
    """
    lines = summary_lines(report)
    details = [str(p) for p in report.path_problems]
    details += [str(p) for p in report.problems]
    details += [finding_line(r) for r in report.results if r.outcome in LISTED]
    if details:
        lines += ["", *details]
    if report.partial:
        lines.append(f"(partial: {report.not_shown} more not shown; raise --max-problems)")
    if report.command != "validate":
        lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"
