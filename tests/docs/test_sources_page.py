"""docs/sources.md is current, and every clause a shipped rule cites is in the register."""

from __future__ import annotations

from pathlib import Path

from rrnkit.model.sources import clause_source, main, missing, render_markdown
from rrnkit.rules.packs import ALL_PACKS

ROOT = Path(__file__).resolve().parents[2]


def test_the_sources_page_is_current() -> None:
    committed = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), (
        "regenerate: python -m rrnkit.model.sources docs/sources.md"
    )


def test_the_entry_point_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "sources.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_markdown()


def test_every_citation_of_every_shipped_rule_is_in_the_register() -> None:
    cited = [c for rule in ALL_PACKS.rules for c in rule.citations]
    assert missing(cited) == [], "add these clauses to rrnkit.model.sources.CLAUSES"


def test_the_catalogue_links_each_citation_to_its_register_entry() -> None:
    from rrnkit.rules.catalogue import render_markdown as catalogue
    from rrnkit.rules.packs import PACKS

    page = catalogue(PACKS)
    for rule in ALL_PACKS.rules:
        for ref in rule.citations:
            entry = clause_source(ref)
            assert entry is not None
            assert f"[`{ref}`](sources.md#{entry.anchor})" in page


def test_the_site_nav_lists_the_sources_page() -> None:
    assert "sources.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
