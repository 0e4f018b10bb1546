"""Shared by the study page's tests: read the page's tables back, as a reader would."""

from __future__ import annotations

from html.parser import HTMLParser


class Tables(HTMLParser):
    """Every table with an id, as rows of cell texts (header cells included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = dict(attrs).get("id") or ""
            self.tables[self._table] = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table is not None and not self._in_head:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_of(html: str) -> dict[str, list[list[str]]]:
    """Return the page's tables by id: body rows of cell texts."""
    parser = Tables()
    parser.feed(html)
    return parser.tables


def count(text: str) -> int | None:
    """Read a count cell back (``n/a`` is None)."""
    return None if text == "n/a" else int(text.replace(",", ""))


def rate(value: float | None) -> str:
    """A rate as the page writes it."""
    return "n/a" if value is None or value != value else f"{value:.2f}"


def share(value: float | None) -> str:
    """A share as the page writes it."""
    return "n/a" if value is None else f"{100 * value:.1f}%"
