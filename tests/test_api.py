import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rrnkit
from rrnkit.report import EXIT_FAILED, EXIT_OK, EXIT_USAGE, FailOn
from rrnkit.rules import Outcome, Severity

EXAMPLES = Path(__file__).parents[1] / "examples"
AS_OF = dt.date(2026, 11, 28)


def test_check_is_one_call_and_records_what_reproduces_it() -> None:
    report = rrnkit.check([EXAMPLES], as_of=AS_OF)
    assert (report.read, report.valid, report.invalid) == (29, 29, 0)
    assert report.as_of == AS_OF
    assert (report.ruleset_id, report.ruleset_version) == ("rrnkit-all", "2")
    assert report.rrnkit_version == rrnkit.__version__
    assert report.parameters["NICE-PRONE-DURATION"] == {
        "prone_limit_minutes": 10,
        "episode_gap_minutes": 1,
    }
    assert report.counts[Outcome.NOT_MET] == 9
    assert sum(report.unmet_by_severity.values()) == 9
    assert sum(report.unmet_by_authority.values()) == 9
    assert report.unmet_by_severity[Severity.ERROR] >= 5  # the Act's s.6(5) gaps at least
    assert report.exit_code() == EXIT_FAILED
    assert report.exit_code(FailOn.NEVER) == EXIT_OK
    for item in report.inputs:
        assert item.sha256 == hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
        assert item.size == Path(item.path).stat().st_size
    assert sum(i.records for i in report.inputs) == report.read
    for finding in report.findings:
        assert finding.source is not None
        assert finding.line is not None


def test_check_requires_a_date() -> None:
    with pytest.raises(TypeError):
        rrnkit.check([EXAMPLES], as_of="2026-11-28")  # type: ignore[arg-type]


def test_validate_reads_standard_input(incident: dict[str, Any]) -> None:
    lines = [json.dumps(incident), json.dumps(dict(incident, id="b", reason="42"))]
    stream = io.BytesIO(("\n".join(lines) + "\n").encode())
    report = rrnkit.validate(["-"], stdin=stream)
    assert (report.read, report.valid, report.invalid) == (2, 1, 1)
    assert report.problems[0].source == "-"
    assert report.problems[0].line == 2
    pretty = io.BytesIO(json.dumps(incident, indent=2).encode())
    assert rrnkit.validate(["-"], stdin=pretty).valid == 1


def test_duplicate_ids_are_reported_not_silently_dropped(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    (tmp_path / "a.json").write_text(json.dumps(incident))
    (tmp_path / "b.json").write_text(json.dumps(incident))
    report = rrnkit.check([tmp_path], as_of=AS_OF)
    assert (report.read, report.valid, report.invalid) == (2, 1, 1)
    assert [p.code for p in report.problems] == ["document.duplicate-id"]


def test_interrupted_run_reports_what_was_done(incident: dict[str, Any], tmp_path: Path) -> None:
    stream = tmp_path / "many.jsonl"
    stream.write_text("\n".join(json.dumps(dict(incident, id=f"i{n}")) for n in range(2500)) + "\n")

    def stop(records: int) -> None:
        raise KeyboardInterrupt

    report = rrnkit.validate([stream], progress=stop)
    assert report.interrupted
    assert (report.read, report.valid, report.invalid) == (1000, 1000, 0)
    assert report.exit_code() == 130


def test_findings_only_keeps_the_counts_and_the_findings() -> None:
    full = rrnkit.check([EXAMPLES], as_of=AS_OF)
    lean = rrnkit.check([EXAMPLES], as_of=AS_OF, outcomes="findings")
    assert lean.counts == full.counts
    assert lean.unmet_by_severity == full.unmet_by_severity
    assert lean.findings == full.findings
    assert all(r.outcome is not Outcome.MET for r in lean.results)
    assert len(lean.results) < len(full.results)
    with pytest.raises(ValueError, match="outcomes"):
        rrnkit.check([EXAMPLES], as_of=AS_OF, outcomes="some")


@pytest.mark.parametrize("outcomes", ["all", "findings"])
def test_streaming_incidents_gives_the_same_report_as_holding_them(
    tmp_path: Path, outcomes: str
) -> None:
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(incidents=400, invalid_share=0.1, gap_share=0.3, seed=11)
    write(config, tmp_path)
    incidents = tmp_path / "incidents.jsonl"
    with incidents.open("a") as stream:  # a repeated incident is reported, not counted twice
        stream.write(incidents.read_text().splitlines()[5] + "\n")
    streamed = rrnkit.check([tmp_path], as_of=config.end, outcomes=outcomes)
    held = rrnkit.check([tmp_path], as_of=config.end, outcomes=outcomes, stream_incidents=False)
    assert streamed == held
    assert "document.duplicate-id" in {p.code for p in streamed.problems}
    assert streamed.counts[Outcome.NOT_MET] > 0


def test_jobs_give_the_same_report(tmp_path: Path) -> None:
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(incidents=300, invalid_share=0.05, gap_share=0.3, seed=12)
    write(config, tmp_path)
    one = rrnkit.check([tmp_path], as_of=config.end)
    two = rrnkit.check([tmp_path], as_of=config.end, jobs=2)
    assert one == two
    assert rrnkit.check([tmp_path], as_of=config.end, jobs=3, outcomes="findings").counts == (
        one.counts
    )


def test_jobs_cut_files_into_pieces_and_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of one file go to different workers; duplicates across pieces still count."""
    import rrnkit._run._forked
    from rrnkit._run._plan import make_plan
    from rrnkit.synth import SynthConfig, write

    config = SynthConfig(incidents=200, invalid_share=0.1, gap_share=0.3, seed=13)
    write(config, tmp_path)
    incidents = tmp_path / "incidents.jsonl"
    lines = incidents.read_text().splitlines()
    incidents.write_text("\n".join([*lines, "", lines[3], lines[150]]) + "\n")
    one = rrnkit.check([tmp_path], as_of=config.end)
    monkeypatch.setattr(rrnkit._run._forked, "SMALLEST_PIECE", 4096)
    plan = make_plan([incidents], 4096, pieces=3)
    assert len(plan.parts) == 3
    validated = rrnkit.validate([tmp_path])
    for jobs in (2, 3):
        assert rrnkit.check([tmp_path], as_of=config.end, jobs=jobs) == one
        assert rrnkit.validate([tmp_path], jobs=jobs) == validated
    duplicates = [p for p in one.problems if p.code == "document.duplicate-id"]
    assert len(duplicates) == 2
    # validate applies the same duplicate rule as check: the repeats are invalid there too
    assert validated.invalid == one.invalid
    assert [p for p in validated.problems if p.code == "document.duplicate-id"] == duplicates
    with pytest.raises(ValueError, match="jobs"):
        rrnkit.validate([tmp_path], jobs=0)


def test_jobs_report_bad_paths_and_bad_records_as_one_process_does(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken.json").write_text("{")
    stream = tmp_path / "incidents.jsonl"
    bad = json.dumps(dict(incident, id="bad", reason="42"))
    stream.write_text("\n".join([json.dumps(incident), "", bad, "[", json.dumps(incident)]) + "\n")
    paths = [tmp_path, tmp_path / "missing.jsonl", tmp_path / "empty"]
    one = rrnkit.check(paths, as_of=AS_OF)
    assert {p.code for p in one.path_problems} == {"path.not-found", "path.no-documents"}
    assert (one.read, one.valid, one.invalid, one.skipped) == (5, 1, 4, 1)
    assert rrnkit.check(paths, as_of=AS_OF, jobs=2) == one
    assert rrnkit.validate(paths, jobs=2) == rrnkit.validate(paths)


def test_jobs_report_progress_once_reading_is_done(
    tmp_path: Path, incident: dict[str, Any]
) -> None:
    stream = tmp_path / "incidents.jsonl"
    stream.write_text("\n".join(json.dumps(dict(incident, id=f"i{n}")) for n in range(30)) + "\n")
    heard: list[int] = []
    rrnkit.check([stream], as_of=AS_OF, jobs=2, progress=heard.append)
    assert heard == [30]


def test_jobs_with_incidents_in_json_files(tmp_path: Path, incident: dict[str, Any]) -> None:
    for n in range(5):  # each incident its own .json file: shared out whole, never twice
        (tmp_path / f"i{n}.json").write_text(json.dumps(dict(incident, id=f"i{n}")))
    one = rrnkit.check([tmp_path], as_of=AS_OF)
    assert one == rrnkit.check([tmp_path], as_of=AS_OF, jobs=2)
    assert one == rrnkit.check([tmp_path], as_of=AS_OF, stream_incidents=False)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("change", ["still valid", "no longer valid", "shorter", "deleted"])
def test_a_file_changed_between_the_passes_is_reported_not_trusted(
    tmp_path: Path,
    incident: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
    change: str,
) -> None:
    """The second pass does not validate again, so it must notice a file that changed."""
    import rrnkit._run._forked
    import rrnkit._run._serial

    incidents = tmp_path / "incidents.jsonl"
    lines = [json.dumps(dict(incident, id=f"i{n}")) for n in range(6)]
    incidents.write_text("\n".join(lines) + "\n")
    before = rrnkit.check([incidents], as_of=AS_OF, jobs=jobs)
    assert not before.path_problems

    def edit() -> None:
        if change == "still valid":
            edited = [*lines[:2], json.dumps(dict(incident, id="i2", reason="11")), *lines[3:]]
        elif change == "no longer valid":
            edited = [*lines[:2], '{"kind": "incident", "schema_version": "1.0"', *lines[3:]]
        elif change == "shorter":
            edited = lines[:3]
        else:
            incidents.unlink()
            return
        incidents.write_text("\n".join(edited) + "\n")

    def then_change(first_pass: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            got = first_pass(*args, **kwargs)
            edit()
            return got

        return run

    # the first pass ends in collect, in one process as on forked workers
    for executor in (rrnkit._run._serial, rrnkit._run._forked):
        monkeypatch.setattr(executor, "collect", then_change(executor.collect))
    after = rrnkit.check([incidents], as_of=AS_OF, jobs=jobs)
    assert [(p.code, p.source) for p in after.path_problems] == [("path.changed", str(incidents))]
    assert after.exit_code() == EXIT_USAGE
    assert (after.read, after.valid) == (before.read, before.valid)


@given(st.lists(st.tuples(st.integers(0, 2**64 - 1), st.integers(0, 2**64 - 1)), max_size=300))
def test_digest_table_behaves_as_a_dict_of_digests(items: list[tuple[int, int]]) -> None:
    from rrnkit._internal.digests import DigestTable

    table, model = DigestTable(capacity=4), {}
    for digest, value in items:
        table[digest] = value
        model[digest | 1] = value  # the table keys digests with their lowest bit set
    for digest, _ in items:
        assert table.get(digest) == model[digest | 1]
    assert table.get(0) is None or 1 in model
