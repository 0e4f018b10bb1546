from typing import Any

import pytest

from rrnkit.convert import Migrations, dump, load
from rrnkit.model import Incident, InterventionType
from rrnkit.problems import DocumentError


def problems_of(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as info:
        load(data)
    return [(p.pointer, p.code) for p in info.value.problems]


def test_loads_a_valid_incident(incident: dict[str, Any]) -> None:
    document = load(incident)
    assert isinstance(document, Incident)
    assert document.interventions[0].type is InterventionType.PHYSICAL_STANDING
    assert document.duration_minutes == 7
    assert load(dump(document)) == document


def test_every_problem_is_reported_with_its_pointer(incident: dict[str, Any]) -> None:
    incident["interventions"][0]["type"] = "03"  # not a valid MHSDS code
    incident["interventions"][0]["colour"] = "red"  # unknown field
    incident["reason"] = 10  # a number where the code string is expected
    del incident["organisation_id"]
    assert sorted(problems_of(incident)) == [
        ("/interventions/0/colour", "field.unknown"),
        ("/interventions/0/type", "value.unknown-code"),
        ("/organisation_id", "field.required"),
        ("/reason", "value.type"),
    ]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("negligible", "yes", "value.type"),  # no lax booleans
        ("negligible", 1, "value.type"),
        ("id", 1, "value.type"),  # no number-to-string coercion
        ("start", "2026-03-04T14:05:00", "value.naive-datetime"),
        ("start", "2026-02-30T14:05:00Z", "value.datetime"),
        ("start", "yesterday", "value.datetime"),
        ("id", "has space", "value.identifier"),
    ],
)
def test_no_lax_coercion(incident: dict[str, Any], field: str, value: Any, code: str) -> None:
    incident[field] = value
    assert problems_of(incident) == [(f"/{field}", code)]


def test_a_string_is_not_an_array(incident: dict[str, Any]) -> None:
    incident["de_escalation"] = "verbal-de-escalation"
    assert problems_of(incident) == [("/de_escalation", "value.type")]


def test_end_before_start_names_the_end(incident: dict[str, Any]) -> None:
    incident["end"] = "2026-03-04T13:00:00+00:00"
    assert problems_of(incident) == [("/end", "value.order")]


def test_messages_never_echo_sensitive_values(incident: dict[str, Any]) -> None:
    incident["patient"]["nhs_number"] = "SENTINEL-4417"
    incident["patient"]["name"] = 4417
    with pytest.raises(DocumentError) as info:
        load(incident)
    text = str(info.value) + " ".join(p.message for p in info.value.problems)
    assert "SENTINEL" not in text
    assert "4417" not in text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ([], "document.not-an-object"),
        ({"schema_version": "1.0"}, "document.kind-missing"),
        ({"kind": "memo", "schema_version": "1.0"}, "document.unknown-kind"),
        ({"kind": "incident"}, "document.version-missing"),
        ({"kind": "incident", "schema_version": "one"}, "document.version-invalid"),
        ({"kind": "incident", "schema_version": "0.9"}, "document.unsupported-version"),
    ],
)
def test_envelope_problems(data: Any, code: str) -> None:
    assert code in [c for _, c in problems_of(data)]


def test_a_registered_migration_runs(incident: dict[str, Any]) -> None:
    def rename_ward(data: dict[str, Any]) -> dict[str, Any]:
        data["unit_id"] = data.pop("ward_id")
        return data

    migrations = Migrations().register("incident", "0.9", "1.0", rename_ward)
    old = {**incident, "schema_version": "0.9", "ward_id": "ward-a"}
    document = load(old, migrations=migrations)
    assert isinstance(document, Incident)
    assert document.unit_id == "ward-a"
    assert document.schema_version == "1.0"
    with pytest.raises(DocumentError):
        load(old)  # without the migration, 0.9 is not read


def test_bundle_members_are_migrated_and_checked(incident: dict[str, Any]) -> None:
    bundle = {
        "kind": "bundle",
        "schema_version": "1.0",
        "id": "b-1",
        "organisation_id": "org-1",
        "documents": [incident, {"kind": "bundle", "schema_version": "1.0"}],
    }
    assert problems_of(bundle) == [("/documents/1/kind", "document.unknown-kind")]
    bundle["documents"] = [incident]
    assert load(bundle).documents[0] == load(incident)  # type: ignore[union-attr]


def test_extensions_are_carried_through(incident: dict[str, Any]) -> None:
    incident["extensions"] = {"org.example": {"ward_colour": "blue", "n": [1, 2]}}
    assert dump(load(incident))["extensions"] == incident["extensions"]
    incident["extensions"] = {"NotNamespaced": {}}
    assert problems_of(incident) == [("/extensions", "value.extension-namespace")]
