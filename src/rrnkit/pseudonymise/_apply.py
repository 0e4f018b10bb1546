"""Apply the treatments to documents, walking every nested model object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, cast

import attrs

from rrnkit._internal.pseudonymised import MARKER, PSEUDONYMISED
from rrnkit.model import Document, Incident, Patient
from rrnkit.model import introspect as info
from rrnkit.pseudonymise._age import DEFAULT_AGE_BANDS, age_band, check_bands, uk_date
from rrnkit.pseudonymise._key import PseudonymKey
from rrnkit.pseudonymise._plan import WITHHELD, Action, Treatment, plan


class Pseudonymiser:
    """Pseudonymise documents of any kind under one key, for research use.

    Person identifiers become keyed pseudonyms (the same under the same key in
    every file and document kind, so records still link); names, free text and
    other sensitive fields are removed; the patient's date of birth becomes an
    age band at the incident's start (UK local date); extensions are removed
    unless ``keep_extensions``. The result is a valid document of the same kind,
    marked as a pseudonymised copy under ``extensions`` (see
    :data:`~rrnkit.pseudonymise.PSEUDONYMISED_EXTENSION`).
    """

    __slots__ = ("_bands", "_keep_extensions", "_key")

    def __init__(
        self,
        key: bytes,
        *,
        age_bands: Sequence[int] = DEFAULT_AGE_BANDS,
        keep_extensions: bool = False,
    ) -> None:
        """Take the key (at least 32 bytes; never kept as given, never shown)."""
        self._key = PseudonymKey(key)
        self._bands = check_bands(age_bands)
        self._keep_extensions = keep_extensions

    def __repr__(self) -> str:
        """Show the settings, never the key."""
        return (
            f"Pseudonymiser(key=<secret>, age_bands={self._bands!r}, "
            f"keep_extensions={self._keep_extensions!r})"
        )

    def pseudonym(self, namespace: str, value: str) -> str:
        """Return the pseudonym of ``value`` in ``namespace`` (e.g. 'staff', 'trainer')."""
        return self._key.pseudonym(namespace, value)

    def document(self, document: Document) -> Document:
        """Return a pseudonymised copy of one document."""
        return cast("Document", self._object(document, None))

    def _object(self, obj: Any, on: dt.date | None) -> Any:
        if isinstance(obj, Incident):
            on = uk_date(obj.start)
        changes: dict[str, Any] = {}
        cls: type = type(obj)
        for field, how in plan(cls):
            value = getattr(obj, field.name)
            new = self._value(field, how, value, obj, on)
            if new is not value:
                changes[field.name] = new
        return attrs.evolve(obj, **changes) if changes else obj

    def _value(
        self,
        field: attrs.Attribute[Any],
        how: Treatment,
        value: Any,
        owner: Any,
        on: dt.date | None,
    ) -> Any:
        action = how.action
        if action is Action.KEEP:
            return value
        if action is Action.RECURSE:
            if isinstance(value, tuple):
                return tuple(self._object(item, on) for item in value)
            return None if value is None else self._object(value, on)
        if action is Action.PSEUDONYMISE:
            assert how.namespace is not None
            if isinstance(value, tuple):
                return tuple(self.pseudonym(how.namespace, v) for v in value)
            return None if value is None else self.pseudonym(how.namespace, value)
        if action is Action.REMOVE:
            if value is None:
                return None
            return None if info.is_optional(field.type) else WITHHELD
        if action is Action.PATIENT_ID:
            return self._patient_id(owner)
        if action is Action.AGE_BAND:
            return self._age_band(owner, on)
        # Every pseudonymised document says so, so check and study can warn of what
        # was removed (rules that read removed fields find them missing).
        kept = value if self._keep_extensions else {}
        return {**kept, PSEUDONYMISED: dict(MARKER)}

    def _patient_id(self, patient: Patient) -> str | None:
        if patient.nhs_number is not None:
            return self.pseudonym("patient", "nhs:" + patient.nhs_number)
        if patient.local_id is not None:
            return self.pseudonym("patient", "local:" + patient.local_id)
        return None

    def _age_band(self, patient: Patient, on: dt.date | None) -> str | None:
        if patient.date_of_birth is None or on is None:
            return patient.age_band
        return age_band(patient.date_of_birth, on, self._bands)


def pseudonymise(
    documents: Iterable[Document],
    key: bytes,
    *,
    age_bands: Sequence[int] = DEFAULT_AGE_BANDS,
    keep_extensions: bool = False,
) -> Iterator[Document]:
    """Pseudonymise documents lazily under ``key`` (bytes, at least 32 of them).

    The key is checked at once; documents are read and pseudonymised one at a
    time. See :class:`Pseudonymiser` for what happens to each field.
    """
    pseudonymiser = Pseudonymiser(key, age_bands=age_bands, keep_extensions=keep_extensions)
    return map(pseudonymiser.document, documents)
