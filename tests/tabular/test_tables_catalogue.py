"""The table reference page is generated from the column specifications."""

from __future__ import annotations

from pathlib import Path

from rrnkit.tabular import TABLES
from rrnkit.tabular.catalogue import main, render_markdown

ROOT = Path(__file__).parents[2]


def test_the_table_reference_is_current() -> None:
    committed = (ROOT / "docs" / "reference" / "tables.md").read_text(encoding="utf-8")
    assert committed == render_markdown(TABLES), (
        "regenerate: python -m rrnkit.tabular.catalogue docs/reference/tables.md"
    )


def test_every_column_is_documented(tmp_path: Path) -> None:
    target = tmp_path / "reference" / "tables.md"
    assert main([str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    for spec in TABLES.values():
        assert f"## `{spec.name}`" in text
        for column in spec.columns:
            assert f"| `{column.name}` |" in text
    assert "**Sensitive: only with `include_sensitive`.**" in text
