"""The HTML report: one self-contained page a ward manager or a board can read and print.

The page holds everything in itself (styles and a small script inline, no
font, image or script fetched from anywhere) and reads fully with scripts
off: the script only adds filters and a search over findings already on the
page. Counts are exact; findings and problems are listed up to a cap
(:data:`HTML_MAX_LISTED` by default), the rest counted. Results are read once,
one at a time, so a report holding every outcome on disk is written in
bounded memory: what the page holds is its counts and the listed items.

Like every rrnkit output, the page shows codes, ids, locations, rule text and
the messages rules wrote, never a value copied out of a document. Jinja2
escapes every value, so text from the input (a file name, an id) can never
become markup.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from rrnkit._internal.html import environment
from rrnkit.model import Authority, StandardRef, frameworks
from rrnkit.model.sources import clause_source
from rrnkit.problems import Problem, printable
from rrnkit.report._render import HTML_MAX_LISTED
from rrnkit.report._report import LISTED, UNMET, Report, RuleSummary
from rrnkit.rules import Outcome, Result, Rule, Severity

__all__ = ["UnitOf", "render_html", "write_html"]

UnitOf = Callable[[Result], "str | None"]
"""Gives the unit a finding is about (an incident's unit, a staff member's), or None."""

_OUTCOME_WORDS = {
    Outcome.MET: "met",
    Outcome.NOT_MET: "not met",
    Outcome.NOT_APPLICABLE: "not applicable",
    Outcome.INSUFFICIENT_EVIDENCE: "insufficient evidence",
    Outcome.ERROR: "rule error",
}

_AUTHORITY_ORDER: list[Authority | None] = [*sorted(Authority, key=lambda a: -a.rank), None]
_AUTHORITY_CLASSES = frozenset(
    {
        Authority.STATUTE,
        Authority.STATUTORY_GUIDANCE,
        Authority.NATIONAL_STANDARD,
        Authority.VOLUNTARY_COMMITMENT,
        Authority.GOOD_PRACTICE_GUIDANCE,
    }
)
"""The authority classes the summary always shows; others only when a rule cites them."""

_SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.rule"));
  var status = document.getElementById("filter-status");
  function value(name) { return form.elements[name].value; }
  function apply() {
    var framework = value("framework"), severity = value("severity"), unit = value("unit"),
        rule = value("rule"), query = value("q").trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var keep = (!framework || (" " + d.frameworks + " ").indexOf(" " + framework + " ") >= 0)
        && (!severity || d.severity === severity)
        && (!unit || d.unit === unit)
        && (!rule || d.rule === rule)
        && (!query || (d.rule + " " + row.textContent).toLowerCase().indexOf(query) >= 0);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tr.finding:not([hidden])");
    });
    status.textContent = shown + " of " + rows.length + " listed findings shown.";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
"""


def _text(value: str) -> str:
    """Input-derived text as the page shows it: control characters and lone surrogates escaped."""
    return printable(value)


def _where(source: str | None, line: int | None, column: int | None = None) -> str:
    if source is None:
        return ""
    where = _text(source)
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return where


def _state(result: Result) -> str:
    """Return the finding's state in words: its severity when unmet, else what it is."""
    if result.outcome is Outcome.NOT_MET:
        return result.severity.value
    return _OUTCOME_WORDS[result.outcome]


def _citation(ref: StandardRef) -> dict[str, Any]:
    """Return a citation with the link to its source, where one is known."""
    clause = clause_source(ref)
    info = frameworks().get(ref.framework)
    url = clause.url if clause is not None and clause.url else (info.url if info else None)
    return {
        "text": str(ref),
        "url": url,
        "title": clause.title if clause is not None else "",
        "framework": info.title if info is not None else ref.framework,
        "authority": info.authority.words if info is not None else "unregistered framework",
    }


def _finding(result: Result, unit_of: UnitOf | None) -> dict[str, Any]:
    unit = unit_of(result) if unit_of is not None else None
    where = _where(result.source, result.line)
    return {
        "where": where or f"{_text(result.subject_kind)}/{_text(result.subject_id)}",
        "pointers": [_text(p) for p in result.pointers] or ["/"],
        "subject": f"{_text(result.subject_kind)} {_text(result.subject_id)}",
        "unit": _text(unit) if unit else "",
        "state": _state(result),
        "severity": result.severity.value,
        "message": _text(result.message),
        "frameworks": " ".join(sorted({c.framework for c in result.citations})),
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "where": _where(problem.source, problem.line, problem.column) or "(no file)",
        "pointer": _text(problem.pointer) or "/",
        "code": problem.code,
        "message": _text(problem.message),
    }


@attrs.define
class _Tally:
    """What one pass over the results gathers: counts, and the findings to list."""

    room: int | None
    unit_of: UnitOf | None
    held: int = 0
    findings_held: int = 0
    by_framework: dict[str, Counter[Outcome]] = attrs.Factory(dict)
    by_authority: dict[Authority | None, Counter[Outcome]] = attrs.Factory(dict)
    by_rule: dict[str, Counter[Outcome]] = attrs.Factory(dict)
    listed: dict[str, list[dict[str, Any]]] = attrs.Factory(dict)
    listed_count: int = 0
    units: set[str] = attrs.Factory(set)
    rule_citations: dict[str, tuple[StandardRef, ...]] = attrs.Factory(dict)

    def take(self, result: Result) -> None:
        self.held += 1
        outcome = result.outcome
        for framework in {c.framework for c in result.citations}:
            self.by_framework.setdefault(framework, Counter())[outcome] += 1
        self.by_authority.setdefault(result.authority, Counter())[outcome] += 1
        self.by_rule.setdefault(result.rule_id, Counter())[outcome] += 1
        self.rule_citations.setdefault(result.rule_id, result.citations)
        if outcome not in LISTED:
            return
        self.findings_held += 1
        if self.room is not None and self.listed_count >= self.room:
            return
        item = _finding(result, self.unit_of)
        if item["unit"]:
            self.units.add(item["unit"])
        self.listed.setdefault(result.rule_id, []).append(item)
        self.listed_count += 1


def _rule_docs(rules: Iterable[Rule]) -> dict[str, Rule]:
    given = {rule.id: rule for rule in rules}
    if given:
        return given
    from rrnkit.rules.packs import ALL_PACKS  # the shipped rules' readings, when none are given

    return {rule.id: rule for rule in ALL_PACKS.rules}


def _outcome_row(counter: Mapping[Outcome, int]) -> list[int]:
    return [counter.get(outcome, 0) for outcome in Outcome]


def _context(
    report: Report,
    rules: Iterable[Rule],
    max_listed: int | None,
    unit_of: UnitOf | None,
) -> dict[str, Any]:
    """Gather what the page shows, reading the results once."""
    problems: Sequence[Problem] = report.problems
    listed_problems = list(problems if max_listed is None else problems[:max_listed])
    room = None if max_listed is None else max(0, max_listed - len(listed_problems))
    tally = _Tally(room=room, unit_of=unit_of)
    for result in report.results:
        tally.take(result)

    counts = report.counts
    total = sum(counts.values())
    findings_total = sum(counts[o] for o in LISTED)
    # what a run-level cap left out of report.problems (the rest of not_shown is findings)
    problems_cut = max(0, report.not_shown - (findings_total - tally.findings_held))
    problems_total = len(problems) + problems_cut

    summaries = {rule.id: rule for rule in report.rules}
    docs = _rule_docs(rules)
    known = frameworks()

    framework_rows = []
    for framework, counter in sorted(tally.by_framework.items()):
        info = known.get(framework)
        framework_rows.append(
            {
                "id": framework,
                "title": info.title if info is not None else framework,
                "url": info.url if info is not None else None,
                "authority": info.authority.words if info is not None else "unregistered",
                "counts": _outcome_row(counter),
            }
        )
    authority_rows = [
        {
            "name": authority.words if authority is not None else "uncited",
            "counts": _outcome_row(tally.by_authority.get(authority, Counter())),
            "unmet": report.unmet_by_authority.get(authority, 0),
        }
        for authority in _AUTHORITY_ORDER
        if authority in _AUTHORITY_CLASSES
        or authority in tally.by_authority
        or report.unmet_by_authority.get(authority, 0)
    ]

    rule_rows: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    for rule_id, counter in tally.by_rule.items():
        n_findings = sum(counter.get(o, 0) for o in LISTED)
        if not n_findings:
            continue
        summary: RuleSummary | None = summaries.get(rule_id)
        rule = docs.get(rule_id)
        citations = summary.citations if summary is not None else tally.rule_citations[rule_id]
        severity = summary.severity.value if summary is not None else ""
        authority = summary.authority if summary is not None else None
        listed = tally.listed.get(rule_id, [])
        row: dict[str, Any] = {
            "id": rule_id,
            "title": summary.title if summary is not None else (rule.title if rule else ""),
            "severity": severity,
            "authority": authority.words if authority is not None else "uncited",
            "unmet": sum(counter.get(o, 0) for o in UNMET),
            "insufficient": counter.get(Outcome.INSUFFICIENT_EVIDENCE, 0),
            "listed": len(listed),
            "not_listed": n_findings - len(listed),
        }
        rule_rows.append(row)
        if listed:
            groups.append(
                {
                    **row,
                    "citations": [_citation(ref) for ref in citations],
                    "reading": rule.reading if rule is not None else "",
                    "met_means": rule.met_means if rule is not None else "",
                    "findings": listed,
                }
            )

    parameters = [
        (rule_id, name, json.dumps(value, ensure_ascii=False, default=str))
        for rule_id, params in report.parameters.items()
        for name, value in params.items()
    ]
    inputs = report.inputs if max_listed is None else report.inputs[:max_listed]
    unmet = report.unmet_by_severity
    return {
        "version": report.rrnkit_version,
        "report": report,
        "checked": report.command != "validate",
        "outcome_names": [_OUTCOME_WORDS[o] for o in Outcome],
        "outcome_totals": _outcome_row(counts),
        "total": total,
        "exact_breakdown": tally.held == total and not report.interrupted,
        "held": tally.held,
        "unmet_by_severity": sorted(unmet.items(), key=lambda x: -x[0].rank),
        "framework_rows": framework_rows,
        "authority_rows": authority_rows,
        "rule_rows": rule_rows,
        "groups": groups,
        "findings_total": findings_total,
        "findings_listed": tally.listed_count,
        "findings_not_listed": findings_total - tally.listed_count,
        "problems": [_problem(p) for p in listed_problems],
        "problems_total": problems_total,
        "problems_not_listed": problems_total - len(listed_problems),
        "path_problems": [_problem(p) for p in report.path_problems],
        "inputs": [
            {"path": _text(i.path), "sha256": i.sha256, "size": i.size, "records": i.records}
            for i in inputs
        ],
        "inputs_not_listed": len(report.inputs) - len(inputs),
        "parameters": parameters,
        "max_listed": max_listed,
        "filter_frameworks": [r["id"] for r in framework_rows],
        "filter_rules": [g["id"] for g in groups],
        "filter_units": sorted(tally.units),
        "filter_severities": sorted(
            {f["severity"] for g in groups for f in g["findings"]},
            key=lambda s: -Severity(s).rank,
        ),
        "script": _SCRIPT,
    }


def write_html(
    report: Report,
    write: Callable[[str], None],
    rules: Iterable[Rule] = (),
    *,
    max_listed: int | None = HTML_MAX_LISTED,
    unit_of: UnitOf | None = None,
) -> None:
    """Write ``report`` as one self-contained HTML page, in pieces, through ``write``.

    ``rules`` give each rule's reading (the shipped rules' when none are
    given). At most ``max_listed`` problems and findings are listed, problems
    first (None lists all); counts stay exact. ``unit_of`` gives a finding's
    unit, for the unit filter. Raises :class:`ImportError` naming the
    ``report`` extra when Jinja2 is not installed.
    """
    if max_listed is not None and max_listed < 0:
        raise ValueError("max_listed is a count: 0 or more, or None for no cap")
    template = environment(__package__).get_template("check.html.j2")
    for piece in template.generate(**_context(report, rules, max_listed, unit_of)):
        write(piece)


def render_html(
    report: Report,
    rules: Iterable[Rule] = (),
    *,
    max_listed: int | None = HTML_MAX_LISTED,
    unit_of: UnitOf | None = None,
) -> str:
    """Return ``report`` as one self-contained HTML page (see :func:`write_html`)."""
    pieces: list[str] = []
    write_html(report, pieces.append, rules, max_listed=max_listed, unit_of=unit_of)
    return "".join(pieces)
