"""Query parameters of ``/v1/validate`` and ``/v1/check``, read as the command line reads options.

Rule names and parameters go through the run pipeline's ``choose_ruleset``,
the function behind ``rrnkit check --rules/--exclude/--param``, so the service
refuses exactly what the command line refuses, with the same message.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence

import attrs

from rrnkit._run import RuleChoiceError, choose_ruleset
from rrnkit.report import FailOn
from rrnkit.rules import RuleSet
from rrnkit.service._problems import ProblemError

__all__ = ["CHECK_PARAMETERS", "VALIDATE_PARAMETERS", "Query", "read_query"]

VALIDATE_PARAMETERS = ("max_problems",)
"""The query parameters ``/v1/validate`` takes."""
CHECK_PARAMETERS = ("as_of", "rules", "exclude", "param", "fail_on", "outcomes", "max_problems")
"""The query parameters ``/v1/check`` takes (``rules``, ``exclude`` and ``param`` repeat)."""
_REPEATABLE = frozenset({"rules", "exclude", "param"})
_FAIL_ON = tuple(f.value for f in FailOn)
_OUTCOMES = ("all", "findings")


@attrs.frozen
class Query:
    """What one request asked for: the run's options as the command line takes them."""

    check: bool
    max_problems: int | None = None
    as_of: dt.date | None = None
    ruleset: RuleSet | None = None
    fail_on: FailOn = FailOn.ERROR
    outcomes: str = "all"


def _bad(detail: str) -> ProblemError:
    return ProblemError("bad-query-parameter", detail)


def _one(items: Sequence[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in items if key == name]
    if len(values) > 1:
        raise _bad(f"{name} is given more than once; it takes one value")
    return values[0] if values else None


def read_query(items: Sequence[tuple[str, str]], *, check: bool, today: dt.date) -> Query:
    """Read the query parameters ``items`` (name, value pairs) of validate or check.

    Raises a ``bad-query-parameter`` :class:`ProblemError` for an unknown
    parameter, a value that is not of its kind (messages name the parameter,
    never repeat a date or number given), or rules and parameters the rule API
    refuses (its message names the packs, rules and parameters given, with the
    nearest known one). ``as_of`` defaults to ``today``, as the command line's does.
    """
    allowed = CHECK_PARAMETERS if check else VALIDATE_PARAMETERS
    unknown = sorted({key for key, _ in items if key not in allowed})
    if unknown:
        endpoint = "check" if check else "validate"
        raise _bad(
            f"unknown query parameter {', '.join(unknown)}; {endpoint} takes: {', '.join(allowed)}"
        )
    max_problems = None
    text = _one(items, "max_problems")
    if text is not None:
        if not text.isascii() or not text.isdigit():
            raise _bad("max_problems is a whole number, 0 or more")
        digits = text.lstrip("0") or "0"
        # past sys.maxsize no list is capped: the same report, without a huge int to parse
        max_problems = int(digits) if len(digits) < 19 else sys.maxsize
    if not check:
        return Query(check=False, max_problems=max_problems)

    as_of = today
    text = _one(items, "as_of")
    if text is not None:
        try:
            if len(text) != 10:
                raise ValueError
            as_of = dt.date.fromisoformat(text)
        except ValueError:
            raise _bad("as_of is not a date written YYYY-MM-DD") from None
    fail_on = _one(items, "fail_on") or FailOn.ERROR.value
    if fail_on not in _FAIL_ON:
        raise _bad(f"fail_on is one of: {', '.join(_FAIL_ON)}")
    outcomes = _one(items, "outcomes") or "all"
    if outcomes not in _OUTCOMES:
        raise _bad(f"outcomes is one of: {', '.join(_OUTCOMES)}")
    given = {name: [v for k, v in items if k == name] for name in _REPEATABLE}
    try:
        ruleset = choose_ruleset(given["rules"], given["exclude"], given["param"])
    except RuleChoiceError as exc:
        raise _bad(f"{exc.option}: {exc.message}") from None
    return Query(
        check=True,
        max_problems=max_problems,
        as_of=as_of,
        ruleset=ruleset,
        fail_on=FailOn(fail_on),
        outcomes=outcomes,
    )
