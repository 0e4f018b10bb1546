"""Every sensitive field and every person identifier has a treatment; age bands; the key."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import attrs
import pytest

from rrnkit.model import Identifier, Trainer, description_of, is_sensitive
from rrnkit.model.introspect import fields_of, is_homogeneous_tuple, item_type, strip_optional
from rrnkit.pseudonymise import (
    PERSON_IDENTIFIERS,
    Action,
    Pseudonymiser,
    age_band,
    age_on,
    treatment,
)
from rrnkit.pseudonymise._plan import model_classes

KEY = bytes(range(32))

THINGS = ("organisation_id", "unit_id", "course_id", "provider_id")
"""Identifier fields with these names identify organisations, units or courses, not people."""

PERSON_WORDS = ("staff", "trainer", "person", "learner", "patient", "who ")


def identifier_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    found = []
    for cls in model_classes():
        for field in fields_of(cls):
            type_ = strip_optional(field.type)
            if is_homogeneous_tuple(type_):
                type_ = item_type(type_)
            if type_ is Identifier:
                found.append((cls, field))
    return found


def test_no_sensitive_field_is_copied_unchanged() -> None:
    """Fails when a sensitive field reaches the output as it was."""
    checked = 0
    for cls in model_classes():
        for field in fields_of(cls):
            if is_sensitive(field):
                checked += 1
                action = treatment(cls, field).action
                assert action not in (Action.KEEP, Action.RECURSE), f"{cls.__name__}.{field.name}"
    assert checked >= 15


def test_every_identifier_that_names_a_person_is_pseudonymised() -> None:
    """Fails when a new identifier field describes a person but is not listed."""
    checked = []
    for cls, field in identifier_fields():
        words = description_of(field).lower()
        about_a_person = field.name.startswith(("staff", "trainer")) or any(
            w in words for w in PERSON_WORDS
        )
        if about_a_person and not field.name.endswith(THINGS):
            checked.append(f"{cls.__name__}.{field.name}")
            action = treatment(cls, field).action
            assert action in (Action.PSEUDONYMISE, Action.PATIENT_ID), checked[-1]
    assert "Patient.local_id" in checked
    assert "TrainingEvent.trainer_ids" in checked
    trainer_id = next(f for c, f in identifier_fields() if c is Trainer and f.name == "id")
    assert treatment(Trainer, trainer_id).action is Action.PSEUDONYMISE


def test_the_listed_person_identifiers_cover_every_document_kind_that_names_staff() -> None:
    names = {f"{cls.__name__}.{name}" for cls, name in PERSON_IDENTIFIERS}
    assert {
        "StaffInvolvement.staff_id",
        "Incident.recorded_by",
        "StaffMember.staff_id",
        "ResponsiblePerson.staff_id",
        "Trainer.staff_id",
        "Trainer.id",
        "Learner.staff_id",
        "RoleHolder.staff_id",
        "PriorTraining.judged_by",
        "TrainingEvent.trainer_ids",
    } == names


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (dt.date(2000, 6, 15), dt.date(2018, 6, 14), "0-17"),
        (dt.date(2000, 6, 15), dt.date(2018, 6, 15), "18-24"),
        (dt.date(2000, 6, 15), dt.date(2025, 6, 14), "18-24"),
        (dt.date(2000, 6, 15), dt.date(2025, 6, 15), "25-34"),
        (dt.date(1950, 1, 1), dt.date(2026, 1, 1), "65+"),
        (dt.date(2026, 1, 2), dt.date(2026, 1, 1), None),
    ],
)
def test_age_bands_at_the_incident_date(born: dt.date, on: dt.date, band: str | None) -> None:
    assert age_band(born, on) == band


def test_a_leap_day_birthday_counts_from_the_first_of_march() -> None:
    born = dt.date(2008, 2, 29)
    assert age_on(born, dt.date(2026, 2, 28)) == 17
    assert age_on(born, dt.date(2026, 3, 1)) == 18


def test_age_bands_are_a_parameter() -> None:
    assert age_band(dt.date(2000, 1, 1), dt.date(2030, 1, 1), (0, 16, 30)) == "30+"
    assert age_band(dt.date(2000, 1, 1), dt.date(2020, 1, 1), (0, 16, 30)) == "16-29"
    for bad in ((), (5, 18), (0, 18, 18), (0, 1000)):
        with pytest.raises(ValueError):  # noqa: PT011 - the message is checked below
            age_band(dt.date(2000, 1, 1), dt.date(2020, 1, 1), bad)


def test_the_key_must_be_long_enough_and_is_never_shown() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes") as short:
        Pseudonymiser(KEY[:31])
    assert KEY[:31].hex() not in str(short.value)
    with pytest.raises(TypeError, match="must be bytes"):
        Pseudonymiser(KEY.hex())  # type: ignore[arg-type]
    pseudonymiser = Pseudonymiser(KEY)
    shown = repr(pseudonymiser) + str(pseudonymiser)
    assert KEY.hex() not in shown
    assert repr(KEY) not in shown
    assert "secret" in shown
    with pytest.raises(TypeError):
        pickle.dumps(pseudonymiser)
    with pytest.raises(TypeError):
        copy.copy(pseudonymiser._key)


def test_pseudonyms_are_identifiers_with_their_namespace() -> None:
    pseudonym = Pseudonymiser(KEY).pseudonym("staff", "NM-S001")
    assert pseudonym.startswith("staff-")
    assert len(pseudonym) == len("staff-") + 32
    assert pseudonym == Pseudonymiser(bytearray(KEY)).pseudonym("staff", "NM-S001")
    assert pseudonym != Pseudonymiser(KEY).pseudonym("trainer", "NM-S001")
