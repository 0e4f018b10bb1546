"""Pseudonymised copies say what they are, and check and study trend warn of what that means."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rrnkit.cli import cli
from rrnkit.convert import load
from rrnkit.io import iter_records
from rrnkit.model import Document
from rrnkit.pseudonymise import (
    PSEUDONYMISED_EXTENSION,
    Pseudonymiser,
    is_pseudonymised_copy,
)
from rrnkit.report import evaluate, pseudonymised_note, report_schema
from rrnkit.rules import READS_SENSITIVE, Result
from rrnkit.rules.packs import ALL_PACKS
from rrnkit.schema import build_validator
from rrnkit.synth import SynthConfig, generate, generate_json

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 28)
KEY = bytes(range(7, 39))
PSEUDONYMISER = Pseudonymiser(KEY)
TAGGED = {r.id for r in ALL_PACKS.rules if READS_SENSITIVE in r.tags}


def _examples() -> list[Document]:
    return [r.document for r in iter_records([str(EXAMPLES)]) if r.document is not None]


def _fallbacks_only() -> list[Document]:
    """Synthetic incidents that state the reason, place and efforts in words only."""
    config = SynthConfig(incidents=40, gap_share=0.0, seed=21)
    documents: list[Document] = []
    for data in generate_json(config):
        if data["kind"] == "incident":
            data.pop("reason", None)
            data.pop("unit_id", None)
            data["de_escalation"] = []
        documents.append(load(data))
    return documents


def _outcomes(documents: list[Document], as_of: dt.date, copy: bool) -> dict[Any, str]:
    """Each result's outcome by rule and subject, the copy's subjects named as the original's."""

    def subject(result: Result) -> str:
        if copy or result.subject_kind not in ("incident", "trainer"):
            return result.subject_id
        return PSEUDONYMISER.pseudonym(result.subject_kind, result.subject_id)

    report = evaluate(documents, ALL_PACKS, as_of=as_of)
    return {(r.rule_id, r.subject_kind, subject(r)): r.outcome.value for r in report.results}


def _changed_rules(documents: list[Document], as_of: dt.date) -> set[str]:
    original = _outcomes(documents, as_of, copy=False)
    copied = _outcomes([PSEUDONYMISER.document(d) for d in documents], as_of, copy=True)
    assert original.keys() == copied.keys()
    return {key[0] for key in original if original[key] != copied[key]}


def test_every_pseudonymised_document_carries_the_marker_and_no_original_does() -> None:
    originals = _examples()
    assert not any(is_pseudonymised_copy(d) for d in originals)
    copies = [PSEUDONYMISER.document(d) for d in originals]
    assert all(is_pseudonymised_copy(d) for d in copies)
    assert all(
        d.extensions[PSEUDONYMISED_EXTENSION] == {"scheme": "rrnkit-pseudonym/1"} for d in copies
    )


@pytest.mark.parametrize(
    ("data", "as_of"),
    [
        ("examples", AS_OF),
        ("synthetic", SynthConfig(incidents=300, gap_share=0.2, seed=8).end),
        ("fallbacks", SynthConfig(incidents=40, seed=21).end),
    ],
)
def test_only_rules_tagged_reads_sensitive_judge_a_copy_differently(
    data: str, as_of: dt.date
) -> None:
    documents = {
        "examples": _examples,
        "synthetic": lambda: list(generate(SynthConfig(incidents=300, gap_share=0.2, seed=8))),
        "fallbacks": _fallbacks_only,
    }[data]()
    assert _changed_rules(documents, as_of) <= TAGGED


def test_every_rule_tagged_reads_sensitive_judges_some_copy_differently() -> None:
    changed = _changed_rules(_examples(), AS_OF)
    changed |= _changed_rules(_fallbacks_only(), SynthConfig(incidents=40, seed=21).end)
    assert changed == TAGGED


def test_the_how_to_lists_exactly_the_rules_tagged_reads_sensitive() -> None:
    text = (ROOT / "docs" / "how-to" / "pseudonymise.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([A-Z0-9-]+)` \|", text, re.MULTILINE))
    assert listed == TAGGED


def _pseudonymised_examples(tmp_path: Path) -> Path:
    key = tmp_path / "key.bin"
    key.write_bytes(KEY)
    key.chmod(0o600)
    out = tmp_path / "research"
    done = CliRunner().invoke(
        cli, ["pseudonymise", str(EXAMPLES), "--key-file", str(key), "--output", str(out)]
    )
    assert done.exit_code == 0, done.output
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_notes_pseudonymised_copies_in_text_and_json(tmp_path: Path, jobs: str) -> None:
    research = _pseudonymised_examples(tmp_path)
    runner = CliRunner()
    base = ["check", "--as-of", "2026-11-28", "--fail-on", "never", "--jobs", jobs]
    text = runner.invoke(cli, [*base, str(research)])
    assert text.exit_code == 0, text.output
    notes = [line for line in text.stdout.splitlines() if line.startswith("Note: ")]
    assert len(notes) == 1
    assert notes[0].startswith("Note: 29 records are pseudonymised copies")
    assert all(rule_id in notes[0] for rule_id in TAGGED)
    report = json.loads(runner.invoke(cli, [*base, "--format", "json", str(research)]).stdout)
    assert build_validator(report_schema()).is_valid(report)
    assert report["counts"]["pseudonymised"] == 29
    assert report["notes"] == [notes[0].removeprefix("Note: ")]


def test_check_of_the_originals_has_no_note(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["check", "--as-of", "2026-11-28", "--fail-on", "never", str(EXAMPLES)]
    assert "Note:" not in runner.invoke(cli, base).stdout
    report = json.loads(runner.invoke(cli, [*base, "--format", "json"]).stdout)
    assert report["counts"]["pseudonymised"] == 0
    assert report["notes"] == []


def test_study_trend_notes_pseudonymised_copies_on_standard_error(tmp_path: Path) -> None:
    research = _pseudonymised_examples(tmp_path)
    args = ["study", "trend", "--from", "2026-01-01", "--to", "2026-11-28"]
    copied = CliRunner().invoke(cli, [*args, str(research)])
    assert copied.exit_code == 0, copied.output
    assert "rrnkit: note: 29 records are pseudonymised copies" in copied.stderr
    assert "UOF-S6-E-PATIENT-NAME" in copied.stderr
    assert "note" not in copied.stdout
    original = CliRunner().invoke(cli, [*args, str(EXAMPLES)])
    assert "note" not in original.stderr


def test_the_note_names_only_the_affected_rules_run() -> None:
    assert pseudonymised_note(0, ALL_PACKS) is None
    narrowed = ALL_PACKS.select(ids={"UOF-S6-E-PATIENT-NAME", "RRN-STAFF-REFRESHER"})
    note = pseudonymised_note(1, narrowed)
    assert note is not None
    assert note.startswith("1 record is a pseudonymised copy")
    assert "UOF-S6-E-PATIENT-NAME" in note
    assert "RRN-STAFF-REFRESHER" not in note
    unaffected = pseudonymised_note(3, ALL_PACKS.select(ids={"RRN-STAFF-REFRESHER"}))
    assert unaffected is not None
    assert "not affected" in unaffected
