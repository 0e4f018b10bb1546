import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rrnkit.convert import dump
from rrnkit.model import Incident
from rrnkit.report import evaluate
from rrnkit.rules import Outcome
from rrnkit.rules.catalogue import render_markdown
from rrnkit.rules.packs import ALL_PACKS, PACKS

ROOT = Path(__file__).parents[2]
AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def examples() -> list[Any]:
    from rrnkit.io import iter_records

    records = [r for r in iter_records([ROOT / "examples"]) if r is not None]
    assert all(r.document is not None for r in records)
    return [r.document for r in records]


def test_the_catalogue_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_markdown(PACKS), (
        "regenerate: python -m rrnkit.rules.catalogue docs/rules.md"
    )


def test_rule_ids_are_unique_and_every_rule_cites_a_clause() -> None:
    assert len(set(ALL_PACKS.ids)) == len(ALL_PACKS.ids)
    for rule in ALL_PACKS.rules:
        assert rule.citations, rule.id
        assert rule.met_means, rule.id


def test_all_packs_find_the_planted_gaps_and_only_those(examples: list[Any]) -> None:
    report = evaluate(examples, ALL_PACKS, as_of=AS_OF)
    unmet = {(r.rule_id, r.subject_id, r.pointers) for r in report.of_outcome(Outcome.NOT_MET)}
    assert unmet == {
        # 1. a trainer delivered after their authorisation for the course had ended
        ("RRN-TRAINER-AUTHORISED", "event-2026-08-refresher", ("/trainer_ids/0",)),
        # 2. an incident record missing s.6(5) items
        ("UOF-S6-A-REASON", "inc-nm-2026-0003", ("/reason",)),
        ("UOF-S6-H-STAFF", "inc-nm-2026-0003", ("/staff/1",)),
        ("UOF-S6-M-OUTCOME", "inc-nm-2026-0003", ("/outcome",)),
        ("UOF-S6-P-NOTIFICATION", "inc-nm-2026-0003", ("/care_plan_notification_sent",)),
        # 3. a refresher overdue
        ("RRN-STAFF-REFRESHER", "org-northmoor-mh", ("/workforce/11",)),
        ("UOF-S5-REFRESHER", "org-northmoor-mh", ("/workforce/11",)),
        # 4. prone restraint over 10 minutes, inside one continuous 18-minute manual
        # restraint (standing, prone, then supine: one hands-on episode)
        ("NICE-PRONE-DURATION", "inc-nm-2025-0006", ("/interventions/1",)),
        (
            "NICE-MANUAL-RESTRAINT-DURATION",
            "inc-nm-2025-0006",
            ("/interventions/0", "/interventions/1", "/interventions/3"),
        ),
    }
    assert report.counts[Outcome.ERROR] == 0


def _resolve(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def test_every_pointer_resolves_in_its_subject(examples: list[Any]) -> None:
    by_id = {(d.kind, d.id): dump(d) for d in examples}
    report = evaluate(examples, ALL_PACKS, as_of=AS_OF)
    for result in report.results:
        if result.outcome in (Outcome.NOT_MET, Outcome.MET) and result.subject_kind != "collection":
            subject = by_id[(result.subject_kind, result.subject_id)]
            for pointer in result.pointers:
                parent, _, last = pointer.rpartition("/")
                # a pointer may name a member the record lacks: its parent must exist
                target = _resolve(subject, parent)
                assert last == "" or isinstance(target, (dict, list)), (result.rule_id, pointer)


def test_evaluation_is_deterministic(examples: list[Any]) -> None:
    first = evaluate(examples, ALL_PACKS, as_of=AS_OF)
    again = evaluate(list(reversed(examples)), ALL_PACKS, as_of=AS_OF)
    assert first == again


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["inc-x-1", "inc-x-2"]), st.sampled_from(["org-elsewhere", "org-other"]))
def test_an_unrelated_document_changes_no_outcome(
    examples: list[Any], ident: str, organisation: str
) -> None:
    incident = next(d for d in examples if isinstance(d, Incident))
    unrelated = Incident(
        id=ident,
        organisation_id=organisation,
        recorded_at=incident.recorded_at,
        start=incident.start,
    )
    before = evaluate(examples, ALL_PACKS, as_of=AS_OF).results
    after = evaluate([*examples, unrelated], ALL_PACKS, as_of=AS_OF).results
    assert [r for r in after if r.subject_id != ident] == list(before)


def test_no_result_echoes_sensitive_values(examples: list[Any]) -> None:
    report = evaluate(examples, ALL_PACKS, as_of=AS_OF)
    text = json.dumps([[r.message, dict(r.evidence)] for r in report.results], default=str)
    for document in examples:
        if isinstance(document, Incident):
            for value in (document.patient.name, document.patient.nhs_number, document.outcome):
                if value:
                    assert value not in text
