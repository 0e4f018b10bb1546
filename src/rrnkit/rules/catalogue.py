"""The rule catalogue (``docs/rules.md``), generated from rule metadata.

Regenerate with ``python -m rrnkit.rules.catalogue docs/rules.md``; a test fails
when the committed file is stale.
"""

from __future__ import annotations

import sys
from typing import Any

from rrnkit._internal.pages import cell as _cell
from rrnkit._internal.pages import write_page
from rrnkit.model import StandardRef
from rrnkit.model.sources import clause_source
from rrnkit.rules._rule import Rule
from rrnkit.rules._ruleset import RuleSet

SOURCES_PAGE = "sources.md"
"""The sources register's page, relative to the catalogue's (both in ``docs/``)."""


def _citation(ref: StandardRef) -> str:
    """Return a citation as inline code, linked to its sources register entry if it has one."""
    entry = clause_source(ref)
    if entry is None:
        return f"`{ref}`"
    return f"[`{ref}`]({SOURCES_PAGE}#{entry.anchor})"


def _authority(rule: Rule) -> str:
    return rule.authority.words if rule.authority is not None else "none (cites nothing)"


def rule_to_json(rule: Rule) -> dict[str, Any]:
    """Return one rule's catalogue entry as JSON data.

    What ``rrnkit rules --format json`` lists and the service's ``/v1/rules``
    serves: id, title, citations (``framework:clause``), the frameworks they
    cite, authority, the kind it applies to, severity, tags, what met means,
    how it reads its clause, and each parameter with its default and bounds.
    """
    return {
        "id": rule.id,
        "title": rule.title,
        "citations": [str(c) for c in rule.citations],
        "frameworks": sorted({c.framework for c in rule.citations}),
        "authority": rule.authority.value if rule.authority is not None else None,
        "applies_to": rule.applies_to,
        "severity": rule.severity.value,
        "tags": sorted(rule.tags),
        "met_means": rule.met_means,
        "reading": rule.reading,
        "per_item": rule.per_item,
        "parameters": [
            {
                "name": p.name,
                "default": p.default,
                "description": p.description,
                "confirmed_by_sources": p.confirmed,
                "allowed": p.bounds,
                "minimum": p.minimum,
                "maximum": p.maximum,
                "choices": None if p.choices is None else list(p.choices),
                "min_items": p.min_items,
            }
            for p in rule.parameters
        ],
    }


def render_markdown(packs: dict[str, RuleSet]) -> str:
    """Render every pack's rules as a Markdown catalogue."""
    lines = [
        "# Rule catalogue",
        "",
        "Generated from the rules' metadata by `python -m rrnkit.rules.catalogue docs/rules.md`;",
        "do not edit by hand. Parameters marked *unconfirmed* are rrnkit's configurable",
        "defaults where the sources do not confirm a figure. rrnkit checks evidence",
        "against published standards; it is not a certification body.",
        "",
        "Each citation links to its entry in the [sources register](sources.md), which says",
        "whether the clause's text was seen at its source or is a secondary reading. A rule's",
        "**authority** is the strongest among its citations (statute > statutory guidance >",
        "national standard > voluntary commitment > organisational policy > good-practice",
        "guidance > data standard); its default severity follows it: `error` for the first",
        "five, `warning` for good-practice guidance (NICE says its recommendations are not",
        "mandatory) and data standards, unless the clause's own words say otherwise.",
        "",
        "**Counting.** Every rule gives exactly one outcome per subject it applies to (per",
        "document of its kind, or one for the whole collection). When a rule judges a subject",
        "item by item (each member of staff, each intervention), the items are folded into",
        "that one outcome: the worst of theirs (error, then not met, insufficient evidence,",
        "met, not applicable), with the pointers of the items that have it and each item's",
        "outcome under `items` in the evidence. So shares and rates count subjects, and a",
        "subject with many failing items weighs as much as one with a single failing item.",
        "A rule marked *per item* is the exception and counts each item.",
        "",
        "**Choosing rules.** `RuleSet.select` and `RuleSet.exclude` take rule ids, the",
        "**tags** listed with each rule, and framework ids (the part of a citation before",
        "the colon); the command line's `--rules` and `--exclude` take pack ids and rule ids.",
        "A name no rule of the rule set has is refused, with the nearest known name.",
        "",
        "**Parameters.** Each parameter says which values it allows, from what its meaning",
        "implies (an interval is at least 1, a share lies from 0 to 1), not from a preferred",
        "figure; a value outside them is refused by `RuleSet.with_params` and `--param`.",
        "",
    ]
    for pack in packs.values():
        lines += [f"## `{pack.id}` (version {pack.version}, {len(pack.rules)} rules)", ""]
        for rule in pack.rules:
            counted = "per item" if rule.per_item else "one outcome per subject"
            lines += [
                f"### `{rule.id}`: {_cell(rule.title)}",
                "",
                f"- Cites: {', '.join(_citation(c) for c in rule.citations)}",
                f"- Authority: {_authority(rule)}",
                f"- Applies to: `{rule.applies_to}`; default severity: `{rule.severity.value}`;"
                f" counted: {counted}",
                f"- Tags: {', '.join(f'`{t}`' for t in sorted(rule.tags)) or 'none'}",
                f"- Met means: {_cell(rule.met_means)}",
            ]
            for p in rule.parameters:
                state = "confirmed" if p.confirmed else "unconfirmed"
                lines.append(
                    f"- Parameter `{p.name}` = `{p.default!r}` ({state}; allowed: "
                    f"{_cell(p.bounds)}): {_cell(p.description)}"
                )
            lines.append("")
            if rule.reading:
                paragraphs = [_cell(p) for p in rule.reading.split("\n\n") if p.strip()]
                lines += [f"**Reading.** {paragraphs[0]}", ""]
                for paragraph in paragraphs[1:]:
                    lines += [paragraph, ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Write the catalogue of every shipped pack to the path in ``argv`` (or stdout)."""
    from rrnkit.rules.packs import PACKS

    return write_page(render_markdown(PACKS), argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
