"""--rules, --exclude and --param use the rule API's checks and messages (issue 16).

A refused value is a usage error: exit code 2, the rule API's message, no traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli
from rrnkit.rules.packs import ALL_PACKS

EXAMPLES = str(Path(__file__).parents[2] / "examples")
AS_OF = "2026-11-28"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.output


def check(*args: str) -> tuple[int, str]:
    # One cheap rule keeps each run short: the options are checked before anything is read.
    return run("check", EXAMPLES, "--as-of", AS_OF, "--fail-on", "never", *args)


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "refresher_interval_months=-3",
            "'refresher_interval_months=-3': rule RRN-STAFF-REFRESHER: parameter "
            "refresher_interval_months is -3, out of its range: a whole number, at least 1",
        ),
        (
            "RRN-COURSE-PREVENTION-SHARE:prevention_share=1.5",
            "parameter prevention_share is 1.5, out of its range: a number from 0 to 1",
        ),
        (
            "refresher_interval_months=six",
            "parameter refresher_interval_months takes a whole number (int), not str 'six'",
        ),
        (
            'excluded_staff_groups=["nurse"]',
            "unknown code 'nurse' in parameter excluded_staff_groups",
        ),
        (
            "refresher_interval_month=6",
            "unknown parameter 'refresher_interval_month' (did you mean "
            "'refresher_interval_months'?)",
        ),
        (
            "RRN-STAFF-REFRESHR:refresher_interval_months=6",
            "unknown rule id 'RRN-STAFF-REFRESHR' (did you mean 'RRN-STAFF-REFRESHER'?)",
        ),
    ],
)
def test_a_refused_param_is_a_usage_error_with_the_rule_api_s_message(
    item: str, expected: str
) -> None:
    code, out = check("--rules", "uof-act,rrn-ts", "--param", item)
    assert code == 2
    assert re.search(r"Error: Invalid value for '?--param'?:", out)
    assert expected in one_line(out)
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "item",
    [
        "refresher_interval_months=1",
        "RRN-COURSE-PREVENTION-SHARE:prevention_share=1",
        'excluded_staff_groups=["security", "administrative"]',
        'UOF-S2-SENIORITY:appropriate_seniority=["board", "executive"]',
    ],
)
def test_a_param_inside_its_bounds_is_accepted(item: str) -> None:
    code, out = check("--rules", "uof-act,rrn-ts", "--param", item)
    assert code == 0, out


def test_the_issue_s_negative_interval_no_longer_gives_findings() -> None:
    code, out = check("--param", "refresher_interval_months=-3")
    assert code == 2
    assert "not met" not in out


@pytest.mark.parametrize(
    ("option", "name", "near"),
    [
        ("--rules", "uof-actt", "uof-act"),
        ("--rules", "UOF-S6-A-REASONS", "UOF-S6-A-REASON"),
        ("--exclude", "rrn_ts", "rrn-ts"),
        ("--exclude", "uof-s6-a-reason", "UOF-S6-A-REASON"),
    ],
)
def test_an_unknown_pack_or_rule_is_a_usage_error_with_the_nearest(
    option: str, name: str, near: str
) -> None:
    code, out = check(option, f"practice,{name}")
    assert code == 2
    text = one_line(out)
    assert re.search(rf"Error: Invalid value for '?{option}'?:", text)
    assert f"unknown pack or rule id {name!r} (did you mean {near!r}?)" in text
    assert "packs: rrn-ts, bild-act, uof-act, rrn-membership, practice" in text
    assert check(option, f"practice,{near}")[0] == 0  # the valid neighbour


def test_excluding_a_known_rule_that_was_not_selected_excludes_nothing() -> None:
    code, out = check("--rules", "practice", "--exclude", "UOF-S6-A-REASON")
    assert code == 0, out


def test_rules_and_explain_refuse_unknown_names_the_same_way() -> None:
    code, out = run("rules", "--rules", "practise")
    assert code == 2
    assert "unknown pack or rule id 'practise' (did you mean 'practice'?)" in one_line(out)
    code, out = run("explain", "UOF-S6-Z")
    assert code == 2
    assert "unknown rule id 'UOF-S6-Z'" in one_line(out)
    assert f"({len(ALL_PACKS.rules)} rules)" in one_line(out)
