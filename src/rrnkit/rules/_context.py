"""The evaluation context: as-of date, parameters and an index of every document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from rrnkit._internal.dates import require_date
from rrnkit.model import Bundle, Document

T = TypeVar("T")


@attrs.frozen
class Fold:
    """A summary of every document of one kind, built in one pass (e.g. staff per organisation).

    A rule that needs a summary of documents too many to hold declares it
    (``@rule(folds=...)``) and reads it with :meth:`Index.fold`; when those
    documents are streamed, the summary is built as they pass.
    """

    key: str
    kind: str
    start: Callable[[], Any] = attrs.field(eq=False)
    """Make an empty summary."""
    step: Callable[[Any, Any], None] = attrs.field(eq=False)
    """Add one document to the summary (in place)."""
    merge: Callable[[Any, Any], Any] = attrs.field(eq=False)
    """Combine two summaries built from different documents (for work split over processes)."""


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
        self._folds: dict[str, Any] = {}
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

    def fold(self, fold: Fold) -> Any:
        """Return a summary of every document of the fold's kind, built once."""
        if fold.key not in self._folds:
            summary = fold.start()
            for document in self.of_kind(fold.kind):
                fold.step(summary, document)
            self._folds[fold.key] = summary
        return self._folds[fold.key]

    def feed(self, document: Any, folds: Iterable[Fold]) -> None:
        """Add a streamed document to the summaries of its kind."""
        for fold in folds:
            if fold.key not in self._folds:
                self._folds[fold.key] = fold.start()
            fold.step(self._folds[fold.key], document)

    def summaries(self) -> dict[str, Any]:
        """Return the summaries built so far, by fold key."""
        return dict(self._folds)

    def seed(self, key: str, summary: Any) -> None:
        """Set a summary built elsewhere (by another process)."""
        self._folds[key] = summary

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

    as_of: dt.date = attrs.field(validator=lambda _self, _attr, value: require_date(value))
    """The date the evidence is judged at (a date: a date-time is refused)."""
    index: Index = attrs.field(eq=False)
    """Every loaded document."""
    params: Mapping[str, Any] = attrs.field(factory=dict)
    """The rule's parameters: defaults overridden by the rule set."""

    def param(self, name: str) -> Any:
        """Return one of the rule's parameters."""
        return self.params[name]
