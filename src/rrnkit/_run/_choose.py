"""Choosing the rule set a run evaluates from names, as the command line and the service take them.

``rrnkit check --rules/--exclude/--param`` and the service's ``rules``,
``exclude`` and ``param`` query parameters read the same words the same way:
one function, so a name refused by one is refused by the other, with the same
message (the nearest known name included).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import attrs

from rrnkit._internal.names import unknown_names
from rrnkit.rules import RuleSet

__all__ = ["RuleChoiceError", "choose_ruleset", "parameter_value"]


class RuleChoiceError(ValueError):
    """A rule selection or parameter that cannot be used; ``option`` names where it was given.

    ``option`` is ``"rules"``, ``"exclude"`` or ``"param"``; the message shows
    only names (packs, rule ids, parameters), which are never sensitive.
    """

    def __init__(self, option: str, message: str) -> None:
        """Record the option and the message."""
        super().__init__(message)
        self.option = option
        self.message = message


def parameter_value(text: str) -> Any:
    """Read a parameter's value as JSON, else as the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _names(values: Iterable[str]) -> list[str]:
    """Split comma-separated names, dropping blanks."""
    return [n.strip() for value in values for n in value.split(",") if n.strip()]


def _ids_of(values: list[str], option: str) -> set[str]:
    """Return the rule ids the packs and rule ids named stand for, or refuse an unknown one."""
    from rrnkit.rules.packs import ALL_PACKS, PACKS

    ids: set[str] = set()
    unknown: list[str] = []
    for name in values:
        if name in PACKS:
            ids.update(PACKS[name].ids)
        elif name in ALL_PACKS.ids:
            ids.add(name)
        else:
            unknown.append(name)
    if unknown:
        message = unknown_names(
            "pack or rule id",
            unknown,
            (*PACKS, *ALL_PACKS.ids),
            plural="packs or rule ids",
            allowed=f"packs: {', '.join(PACKS)}; rule ids: see 'rrnkit rules'",
        )
        raise RuleChoiceError(option, message)
    return ids


def choose_ruleset(
    rules: Iterable[str] = (), exclude: Iterable[str] = (), params: Iterable[str] = ()
) -> RuleSet:
    """Build the rule set of the names given, or raise :class:`RuleChoiceError`.

    Names are checked as the rule API checks them (one message, with the nearest
    known name): ``rules`` and ``exclude`` take the shipped packs and rule ids,
    each item one name or several separated by commas (a known one ``rules``
    left out excludes nothing); ``params`` items are ``[RULE_ID:]NAME=VALUE``,
    applied with ``RuleSet.with_params`` or ``with_param_everywhere`` on the
    rules selected, so an unknown rule or parameter, a wrong type or a value out
    of range is refused with the rule API's own message.

    The rule set's id names the selection: ``rrnkit-all`` when neither
    ``rules`` nor ``exclude`` is given, else ``rrnkit-all[rules=A,B;exclude=C]``
    (each part only when given, its names sorted and given once; parameters
    change what every report records, not the id).
    """
    from rrnkit.rules.packs import ALL_PACKS

    ruleset = ALL_PACKS
    selected = _names(rules)
    if selected:
        ruleset = ruleset.select(ids=_ids_of(selected, "rules"))
    excluded = _names(exclude)
    if excluded:
        ruleset = ruleset.exclude(ids=_ids_of(excluded, "exclude") & set(ruleset.ids))
    # The rule set run is named by what chose it, so a report says which rules ran:
    # rrnkit-all when nothing is chosen, else e.g. rrnkit-all[rules=uof-act] or
    # rrnkit-all[rules=uof-act;exclude=UOF-S6-A-REASON] (names sorted, each once).
    chosen = [
        f"{option}={','.join(sorted(set(given)))}"
        for option, given in (("rules", selected), ("exclude", excluded))
        if given
    ]
    if chosen:
        ruleset = attrs.evolve(ruleset, id=f"{ruleset.id}[{';'.join(chosen)}]")
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise RuleChoiceError("param", f"{item!r} is not NAME=VALUE")
        rule_id, _, param = name.rpartition(":")
        try:
            if rule_id:
                ruleset = ruleset.with_params(rule_id, **{param: parameter_value(value)})
            else:
                ruleset = ruleset.with_param_everywhere(param, parameter_value(value))
        except (KeyError, TypeError, ValueError) as exc:
            # str(): the rule API's own message (UnknownNameError shows it unquoted)
            raise RuleChoiceError("param", f"{item!r}: {exc}") from None
    return ruleset
