"""Every result about a document read from a file names that file and a line.

Not only findings: insufficient evidence, met and not applicable are located
too, on every path (one process or several, every outcome kept or only
findings), at the first pointer's line where the record's text gives one
(a ``.json`` file), else at the record's line (a JSON Lines record). Text
reports list insufficient evidence, located, like unmet rules; ``--max-problems``
caps it with them. The rule set's name in reports says which rules ran.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rrnkit.api import check
from rrnkit.cli import cli
from rrnkit.report import render_text, report_to_json
from rrnkit.rules import (
    Outcome,
    RuleSet,
    Severity,
    insufficient_evidence,
    met,
    not_applicable,
    not_met,
    rule,
)

AS_OF = dt.date(2026, 11, 28)


@rule(
    id="DEMO-MET",
    title="Met at the end",
    cites=["uof-act:6(5)(a)"],
    applies_to="incident",
    severity=Severity.ERROR,
)
def _met(subject: Any, context: Any) -> Any:
    """Hold always, pointing at the end."""
    return met("fine", "/end")


@rule(
    id="DEMO-UNKNOWN",
    title="Unknown at the reason",
    cites=["uof-act:6(5)(a)"],
    applies_to="incident",
    severity=Severity.ERROR,
)
def _unknown(subject: Any, context: Any) -> Any:
    """Lack evidence always, pointing at the reason."""
    return insufficient_evidence("the record cannot say", "/reason")


@rule(
    id="DEMO-NA",
    title="Not applicable anywhere",
    cites=["uof-act:6(5)(a)"],
    applies_to="incident",
    severity=Severity.ERROR,
)
def _not_applicable(subject: Any, context: Any) -> Any:
    """Never apply, with no pointer."""
    return not_applicable("no")


@rule(
    id="DEMO-UNMET",
    title="Unmet at the start",
    cites=["uof-act:6(5)(a)"],
    applies_to="incident",
    severity=Severity.WARNING,
)
def _unmet(subject: Any, context: Any) -> Any:
    """Fail always, pointing at the start."""
    return not_met("late", "/start")


RULES = RuleSet(id="demo", version="1", rules=(_met, _unknown, _not_applicable, _unmet))


def _line_of(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if f'"{key}"' in line)


@pytest.fixture
def folder(tmp_path: Path, incident: dict[str, Any]) -> Path:
    (tmp_path / "one.json").write_text(json.dumps({**incident, "id": "inc-a"}, indent=2))
    lines = [json.dumps({**incident, "id": f"inc-{n}"}) for n in (1, 2)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


def _expected(folder: Path) -> dict[tuple[str, str], tuple[str, int]]:
    text = (folder / "one.json").read_text()
    single = str(folder / "one.json")
    lines = str(folder / "many.jsonl")
    places = {
        ("DEMO-MET", "inc-a"): (single, _line_of(text, "end")),
        ("DEMO-UNKNOWN", "inc-a"): (single, _line_of(text, "reason")),
        ("DEMO-NA", "inc-a"): (single, 1),
        ("DEMO-UNMET", "inc-a"): (single, _line_of(text, "start")),
    }
    for n in (1, 2):
        for rule_id in ("DEMO-MET", "DEMO-UNKNOWN", "DEMO-NA", "DEMO-UNMET"):
            places[(rule_id, f"inc-{n}")] = (lines, n)
    return places


@pytest.mark.parametrize(
    ("jobs", "outcomes"), [(1, "all"), (1, "findings"), (2, "all"), (2, "findings")]
)
def test_every_outcome_is_located(folder: Path, jobs: int, outcomes: str) -> None:
    report = check([folder], as_of=AS_OF, ruleset=RULES, jobs=jobs, outcomes=outcomes)
    expected = _expected(folder)
    if outcomes == "findings":
        expected = {k: v for k, v in expected.items() if k[0] in ("DEMO-UNKNOWN", "DEMO-UNMET")}
    got = {(r.rule_id, r.subject_id): (r.source, r.line) for r in report.results}
    assert got == expected
    data = report_to_json(report)
    assert all(r["source"] is not None and r["line"] is not None for r in data["results"])


def test_standard_input_is_located_as_dash(incident: dict[str, Any]) -> None:
    stdin = io.BytesIO((json.dumps(incident) + "\n").encode())
    report = check(["-"], as_of=AS_OF, ruleset=RULES, stdin=stdin)
    assert {(r.source, r.line) for r in report.results} == {("-", 1)}


def test_text_lists_insufficient_evidence_located_like_unmet_rules(folder: Path) -> None:
    report = check([folder], as_of=AS_OF, ruleset=RULES)
    text = render_text(report)
    lines = [line for line in text.splitlines() if "DEMO-" in line]
    line = _line_of((folder / "one.json").read_text(), "reason")
    assert (
        f"{folder / 'one.json'}:{line}: /reason: DEMO-UNKNOWN [uof-act:6(5)(a); statute] "
        "insufficient evidence: the record cannot say"
    ) in lines
    assert f"{folder / 'many.jsonl'}:2: /start: DEMO-UNMET [uof-act:6(5)(a); statute] " in (
        "\n".join(lines)
    )
    assert sum("DEMO-UNKNOWN" in x for x in lines) == 3
    assert not any("DEMO-MET " in x or "DEMO-NA " in x for x in lines)


def test_the_cap_covers_insufficient_evidence(folder: Path) -> None:
    report = check([folder], as_of=AS_OF, ruleset=RULES, max_problems=2)
    listed = [r for r in report.results if r.outcome is not Outcome.MET]
    listed = [r for r in listed if r.outcome is not Outcome.NOT_APPLICABLE]
    assert len(listed) == 2
    assert report.partial
    assert report.not_shown == 4  # 3 unknown and 3 unmet, 2 of them shown


def _cli(*args: str) -> tuple[str, dict[str, Any]]:
    runner = CliRunner()
    text = runner.invoke(cli, ["check", *args, "--fail-on", "never"]).stdout
    data = json.loads(runner.invoke(cli, ["check", *args, "--format", "json"]).stdout)
    return text.splitlines()[0], data


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ((), "rrnkit-all"),
        (("--rules", "uof-act"), "rrnkit-all[rules=uof-act]"),
        (("--rules", "UOF-S6-A-REASON"), "rrnkit-all[rules=UOF-S6-A-REASON]"),
        (
            ("--rules", "uof-act,practice", "--rules", "uof-act"),
            "rrnkit-all[rules=practice,uof-act]",
        ),
        (
            ("--rules", "uof-act", "--exclude", "UOF-S6-A-REASON"),
            "rrnkit-all[rules=uof-act;exclude=UOF-S6-A-REASON]",
        ),
        (("--exclude", "practice"), "rrnkit-all[exclude=practice]"),
        (("--param", "refresher_interval_months=6"), "rrnkit-all"),
    ],
)
def test_reports_name_the_rule_set_run(folder: Path, options: tuple[str, ...], name: str) -> None:
    head, data = _cli(str(folder), "--as-of", AS_OF.isoformat(), *options)
    assert f", rule set {name} version " in head
    assert data["ruleset"]["id"] == name
