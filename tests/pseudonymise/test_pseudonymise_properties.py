"""Properties of pseudonymisation over generated documents of every kind, and the examples.

A distinct sentinel is planted in every sensitive field (and in extensions);
none may survive anywhere in the output. Pseudonyms are keyed, stable and
one-to-one, so every link between records survives, and the output validates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rrnkit
from rrnkit._internal.patterns import portable_regex
from rrnkit.convert import dump, load
from rrnkit.io import iter_records
from rrnkit.model import KINDS, Document, Incident, NhsNumber, is_sensitive
from rrnkit.model.introspect import fields_of, is_document, strip_optional
from rrnkit.model.values import IDENTIFIER_PATTERN
from rrnkit.pseudonymise import PERSON_IDENTIFIERS, PSEUDONYM_PATTERN, Pseudonymiser, pseudonymise
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.schema import validate
from rrnkit.strategies import documents

KEY = b"k" * 32
OTHER_KEY = b"K" * 32
MARK = "ZQ-"
VALID_NHS = "9434765919"
BIRTH = dt.date(1917, 3, 29)
EXAMPLES = Path(__file__).parents[2] / "examples"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDENTIFIER = portable_regex(IDENTIFIER_PATTERN)
PSEUDONYM = portable_regex(PSEUDONYM_PATTERN)
kinds = pytest.mark.parametrize("kind", KINDS)


def sentinel_for(cls: type, field: attrs.Attribute[Any]) -> Any:
    type_ = strip_optional(field.type)
    if type_ is NhsNumber:
        return VALID_NHS
    if type_ is dt.date:
        return BIRTH
    return f"{MARK}{cls.__name__}-{field.name}-QZ"


def plant(obj: Any) -> Any:
    """Put a sentinel in every sensitive field and in the extensions, however deep."""
    cls = type(obj)
    changes: dict[str, Any] = {}
    for field in fields_of(cls):
        value = getattr(obj, field.name)
        if is_sensitive(field):
            changes[field.name] = sentinel_for(cls, field)
        elif field.name == "extensions" and is_document(cls):
            changes[field.name] = {"org.example": {"note": f"{MARK}extension-QZ"}}
        elif attrs.has(type(value)):
            changes[field.name] = plant(value)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[field.name] = tuple(plant(item) for item in value)
    return attrs.evolve(obj, **changes)


def person_ids(obj: Any, found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Collect every person identifier by namespace, in a fixed walk order."""
    cls = type(obj)
    for field in fields_of(cls):
        value = getattr(obj, field.name)
        namespace = PERSON_IDENTIFIERS.get((cls, field.name))
        if namespace is not None and value is not None:
            found[namespace].extend(value if isinstance(value, tuple) else [value])
        elif attrs.has(type(value)):
            person_ids(value, found)
        elif isinstance(value, tuple):
            for item in value:
                if attrs.has(type(item)):
                    person_ids(item, found)
    return found


def ids_of(document: Document) -> dict[str, list[str]]:
    return person_ids(document, defaultdict(list))


@kinds
@SETTINGS
@given(data=st.data())
def test_no_sensitive_value_survives_and_the_output_validates(kind: str, data: Any) -> None:
    original = plant(data.draw(documents(kind)))
    (out,) = pseudonymise([original], KEY)
    written = dump(out)
    text = json.dumps(written, ensure_ascii=False)
    assert MARK not in text
    assert VALID_NHS not in text
    assert BIRTH.isoformat() not in text
    assert validate(written, kind) == []
    assert load(written) == out
    assert KEY.decode() not in text


@kinds
@SETTINGS
@given(data=st.data())
def test_person_ids_map_one_to_one_to_keyed_pseudonyms(kind: str, data: Any) -> None:
    original = data.draw(documents(kind))
    pseudonymiser = Pseudonymiser(KEY)
    out = pseudonymiser.document(original)
    before, after = ids_of(original), ids_of(out)
    assert before.keys() == after.keys()
    for namespace, values in before.items():
        assert after[namespace] == [pseudonymiser.pseudonym(namespace, v) for v in values]
        pairs = set(zip(values, after[namespace], strict=True))
        assert len({a for a, _ in pairs}) == len({b for _, b in pairs}) == len(pairs)
        assert all(PSEUDONYM.match(p) and IDENTIFIER.match(p) for p in after[namespace])
    assert Pseudonymiser(KEY).document(original) == out  # the same key, the same output


@SETTINGS
@given(st.lists(documents(), min_size=1, max_size=4))
def test_a_shared_staff_id_links_across_document_kinds(batch: list[Document]) -> None:
    """Whatever the kinds, one person's id becomes one pseudonym everywhere."""
    linked = [link(document, "SHARED-1") for document in batch]
    out = list(pseudonymise(linked, KEY))
    expected = Pseudonymiser(KEY).pseudonym("staff", "SHARED-1")
    for document in out:
        assert set(ids_of(document).get("staff", [])) <= {expected}


def link(obj: Any, staff_id: str) -> Any:
    """Set every staff identifier of a document to ``staff_id``."""
    cls = type(obj)
    changes: dict[str, Any] = {}
    for field in fields_of(cls):
        value = getattr(obj, field.name)
        if PERSON_IDENTIFIERS.get((cls, field.name)) == "staff" and value is not None:
            changes[field.name] = staff_id
        elif attrs.has(type(value)):
            changes[field.name] = link(value, staff_id)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[field.name] = tuple(link(item, staff_id) for item in value)
    return attrs.evolve(obj, **changes)


@SETTINGS
@given(st.from_regex(IDENTIFIER_PATTERN, fullmatch=True))
def test_a_different_key_gives_different_pseudonyms(value: str) -> None:
    first = Pseudonymiser(KEY).pseudonym("staff", value)
    assert first == Pseudonymiser(KEY).pseudonym("staff", value)
    assert first != Pseudonymiser(OTHER_KEY).pseudonym("staff", value)


def example_documents() -> list[Document]:
    return [r.document for r in iter_records([EXAMPLES]) if r is not None and r.document]


def test_the_examples_keep_every_training_link() -> None:
    """Rules that join incidents, workforce, trainers and events find the same gaps."""
    original = example_documents()
    research = list(pseudonymise(original, KEY))
    as_of = dt.date(2026, 11, 28)
    linked = {"RRN-STAFF-REFRESHER", "RRN-TRAINER-AUTHORISED", "UOF-S5-REFRESHER"}

    def findings(documents: list[Document]) -> list[str]:
        report = rrnkit.evaluate(documents, ALL_PACKS, as_of=as_of)
        return sorted(f.rule_id for f in report.findings if f.rule_id in linked)

    assert findings(original) == findings(research)
    assert len(findings(original)) >= 3


def test_the_patient_keeps_an_age_band_and_a_pseudonym_only() -> None:
    incident = next(d for d in example_documents() if isinstance(d, Incident))
    (out,) = pseudonymise([incident], KEY)
    assert isinstance(out, Incident)
    patient = out.patient
    assert (patient.name, patient.nhs_number, patient.date_of_birth) == (None, None, None)
    assert patient.age_band == "25-34"  # born 1991-04-17, incident on 2025-03-14
    assert patient.local_id == Pseudonymiser(KEY).pseudonym("patient", "nhs:9990012342")
    assert out.id.startswith("incident-")
    assert out.hospital_provider_spell_id is not None
    assert out.hospital_provider_spell_id.startswith("spell-")
    assert all(c.value == "withheld" for c in patient.characteristics)
