"""Reports made up for the HTML page's tests: many findings, long or hostile text."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from html.parser import HTMLParser

from rrnkit.problems import Problem
from rrnkit.report import Report, count_fields, summarise
from rrnkit.rules import Outcome, OutcomeCounts, Result
from rrnkit.rules.packs import ALL_PACKS

AS_OF = dt.date(2026, 11, 28)
RULES = ALL_PACKS.rules[:6]


def made_up_report(
    findings: int,
    *,
    met: int = 0,
    problems: int = 0,
    message: str = "the record does not say",
    source: str = "incidents.jsonl",
) -> Report:
    """A check report with ``findings`` unmet results spread over six shipped rules."""
    results: list[Result] = []
    counts: OutcomeCounts = Counter()
    cycle = itertools.cycle(RULES)
    for n in range(findings + met):
        rule = next(cycle)
        outcome = Outcome.NOT_MET if n < findings else Outcome.MET
        results.append(
            Result(
                rule_id=rule.id,
                outcome=outcome,
                severity=rule.severity,
                message=message,
                citations=rule.citations,
                subject_kind="incident",
                subject_id=f"inc-{n:06d}",
                pointers=("/reason",),
                source=source,
                line=n + 1,
                authority=rule.authority,
            )
        )
        counts[(outcome, rule.severity, rule.authority)] += 1
    results.sort(key=lambda r: [x.id for x in RULES].index(r.rule_id))
    return Report(
        command="check",
        as_of=AS_OF,
        ruleset_id="test",
        ruleset_version="1",
        parameters={},
        rules=tuple(summarise(ALL_PACKS.select(ids={r.id for r in RULES}))),
        read=findings + problems,
        valid=findings,
        invalid=problems,
        problems=tuple(
            Problem(
                code="field.required",
                message="a required field is missing",
                pointer="/kind",
                source=source,
                line=n + 1,
            )
            for n in range(problems)
        ),
        results=tuple(results),
        **count_fields(counts),
    )


class Page(HTMLParser):
    """The parts of a page the tests look at: elements, finding rows, text by element id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.rows: list[dict[str, str | None]] = []
        self.problem_rows = 0
        self.text: list[str] = []
        self.by_id: dict[str, list[str]] = {}
        self._open_ids: list[tuple[str, str]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        if tag in ("td", "th", "li", "p", "caption"):
            self.handle_data(" ")  # cells read apart, as a screen reader reads them
        values = dict(attrs)
        if tag == "tr" and values.get("class") == "finding":
            self.rows.append(values)
        if tag == "tr" and values.get("class") == "problem":
            self.problem_rows += 1
        if values.get("id"):
            self._open_ids.append((tag, str(values["id"])))
            self.by_id[str(values["id"])] = []

    def handle_endtag(self, tag: str) -> None:
        if self._open_ids and self._open_ids[-1][0] == tag:
            self._open_ids.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, ident in self._open_ids:
            self.by_id[ident].append(data)

    def of(self, ident: str) -> str:
        """The text inside the element with this id."""
        return " ".join("".join(self.by_id[ident]).split())
