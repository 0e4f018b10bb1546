"""The rule catalogue (``docs/rules.md``), generated from rule metadata.

Regenerate with ``python -m rrnkit.rules.catalogue docs/rules.md``; a test fails
when the committed file is stale.
"""

from __future__ import annotations

import sys

from rrnkit._pages import cell as _cell
from rrnkit._pages import write_page
from rrnkit.rules._ruleset import RuleSet


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
    ]
    for pack in packs.values():
        lines += [f"## `{pack.id}` (version {pack.version}, {len(pack.rules)} rules)", ""]
        for rule in pack.rules:
            lines += [
                f"### `{rule.id}`: {_cell(rule.title)}",
                "",
                f"- Cites: {', '.join(f'`{c}`' for c in rule.citations)}",
                f"- Applies to: `{rule.applies_to}`; default severity: `{rule.severity.value}`",
                f"- Met means: {_cell(rule.met_means)}",
            ]
            for p in rule.parameters:
                state = "confirmed" if p.confirmed else "unconfirmed"
                lines.append(
                    f"- Parameter `{p.name}` = `{p.default!r}` ({state}): {_cell(p.description)}"
                )
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Write the catalogue of every shipped pack to the path in ``argv`` (or stdout)."""
    from rrnkit.rules.packs import PACKS

    return write_page(render_markdown(PACKS), argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
