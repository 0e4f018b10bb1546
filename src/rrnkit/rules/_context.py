"""The evaluation context: as-of date, parameters and an index of every document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from rrnkit.model import Bundle, Document

T = TypeVar("T")


class Index:
    """Every loaded document by kind and id, plus derived indexes built once on demand.

    Rules cross documents through the index (``get``, ``of_kind``) or through a
    derived index (``derived``), so a rule never scans all documents per subject.
    """

    def __init__(
        self,
        documents: Iterable[Document],
        *,
        replay: Mapping[str, Callable[[], Iterable[Document]]] | None = None,
    ) -> None:
        """Index the documents; a bundle's members are indexed beside the bundle.

        ``replay`` names kinds that are too many to hold (incidents in a large
        run): ``of_kind`` reads them again from their source each time, in
        reading order, so derived indexes over them stay small.
        """
        self._by_kind: dict[str, dict[str, Document]] = {}
        self._order: list[Document] = []
        self._derived: dict[str, Any] = {}
        self._replay = dict(replay or {})
        for document in documents:
            self._add(document)
            if isinstance(document, Bundle):
                for member in document.documents:
                    self._add(member)

    def _add(self, document: Document) -> None:
        self._by_kind.setdefault(document.kind, {})[document.id] = document
        self._order.append(document)

    def get(self, kind: str, id: str | None) -> Any:
        """Return the document of ``kind`` with ``id``, or None."""
        if id is None:
            return None
        return self._by_kind.get(kind, {}).get(id)

    def of_kind(self, kind: str) -> Iterable[Any]:
        """Return every document of ``kind``, in id order (a replayed kind: reading order)."""
        if kind in self._replay:
            return self._replay[kind]()
        docs = self._by_kind.get(kind, {})
        return [docs[key] for key in sorted(docs)]

    def is_replayed(self, kind: str) -> bool:
        """Tell whether ``kind`` is read again from its source rather than held."""
        return kind in self._replay

    def __iter__(self) -> Any:
        """Iterate over every document in loading order."""
        return iter(self._order)

    def __len__(self) -> int:
        """Return the number of documents indexed (bundle members included)."""
        return len(self._order)

    def derived(self, key: str, build: Callable[[Index], T]) -> T:
        """Return a derived index, building it the first time ``key`` is asked for."""
        if key not in self._derived:
            self._derived[key] = build(self)
        value: T = self._derived[key]
        return value


@attrs.frozen(kw_only=True)
class Context:
    """What a rule may know besides its subject: never the clock, always an as-of date."""

    as_of: dt.date
    """The date the evidence is judged at."""
    index: Index = attrs.field(eq=False)
    """Every loaded document."""
    params: Mapping[str, Any] = attrs.field(factory=dict)
    """The rule's parameters: defaults overridden by the rule set."""

    def param(self, name: str) -> Any:
        """Return one of the rule's parameters."""
        return self.params[name]
