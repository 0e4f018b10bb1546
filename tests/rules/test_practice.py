"""The clinical practice pack, tested from each rule's reading.

Every rule rests only on NICE NG10 / QS154 or Positive and Proactive Care, so
each defaults to a warning, and each gives one outcome per incident: several
verdicts about one incident are folded (worst wins, the worst's pointers kept,
every verdict listed under ``items``).
"""

import datetime as dt
import itertools
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rrnkit.convert import load
from rrnkit.model import (
    Attendance,
    CompetenceOutcome,
    Course,
    CourseLevel,
    DeliveryModel,
    Document,
    Incident,
    Learner,
    Setting,
    StaffGroup,
    TrainingEvent,
)
from rrnkit.model.codes import AssessmentMethod, InterventionType
from rrnkit.model.incident import Intervention
from rrnkit.model.refs import Authority
from rrnkit.rules import Context, Index, Outcome, Result, RuleSet, Severity
from rrnkit.rules._training import ForceUserTraining, force_users_training
from rrnkit.rules.packs import practice
from rrnkit.rules.packs.practice import PRACTICE, RULES

AS_OF = dt.date(2026, 11, 28)
MET, NOT_MET, NA, IE = (
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.NOT_APPLICABLE,
    Outcome.INSUFFICIENT_EVIDENCE,
)
T0 = dt.datetime(2026, 3, 4, 14, 5, tzinfo=dt.timezone.utc)
"""The start of the conftest incident; it ends at T0 + 7 minutes."""
END = T0 + dt.timedelta(minutes=7)

PRONE, STANDING, SUPINE, SEATED, SECLUSION = "01", "07", "09", "11", "05"
RT, ORAL = "14", "16"


def at(minutes: float) -> str:
    return (T0 + dt.timedelta(minutes=minutes)).isoformat()


def after_end(hours: float, minutes: float = 0) -> str:
    return (END + dt.timedelta(hours=hours, minutes=minutes)).isoformat()


def piece(ident: str, type_: str, start: float, end: float | None, **more: Any) -> dict[str, Any]:
    """One intervention from ``start`` to ``end`` minutes after T0 (no end when None)."""
    data: dict[str, Any] = {"id": ident, "type": type_, "start": at(start), **more}
    if end is not None:
        data["end"] = at(end)
    return data


def as_incident(data: dict[str, Any]) -> Incident:
    document = load(data)
    assert isinstance(document, Incident)
    return document


def with_pieces(incident: dict[str, Any], *items: dict[str, Any], **fields: Any) -> Incident:
    return as_incident(dict(incident, interventions=list(items), **fields))


def run(rule_id: str, documents: list[Document], rules: RuleSet = PRACTICE) -> list[Result]:
    return rules.select(ids=[rule_id]).run(documents, as_of=AS_OF)


def one(rule_id: str, documents: list[Document], **params: Any) -> Result:
    """The rule's single result for one incident (with parameters overridden)."""
    rules = PRACTICE.with_params(rule_id, **params) if params else PRACTICE
    results = run(rule_id, documents, rules)
    assert len(results) == 1, [r.outcome for r in results]
    return results[0]


def outcome(rule_id: str, documents: list[Document], **params: Any) -> Outcome:
    return one(rule_id, documents, **params).outcome


# ---------------------------------------------------------------------------
# The rule set
# ---------------------------------------------------------------------------


def test_ruleset_shape() -> None:
    assert PRACTICE.id == "practice"
    assert PRACTICE.ids == (
        "NICE-PRONE-DURATION",
        "NICE-MANUAL-RESTRAINT-DURATION",
        "NICE-RT-MONITORING",
        "PPC-DEBRIEF-PATIENT",
        "PPC-DEBRIEF-STAFF",
        "PPC-POST-INCIDENT-REVIEW",
        "PPC-TRAINED-STAFF",
    )
    assert PRACTICE.ids == tuple(r.id for r in RULES)
    for r in RULES:
        assert r.met_means, r.id
        assert r.reading, r.id
        assert not r.per_item, r.id
        assert r.frameworks <= {"nice-ng10", "nice-qs154", "pp-care"}, r.id


def test_every_rule_resting_on_nice_or_ppc_is_a_warning() -> None:
    for r in RULES:
        assert r.authority is Authority.GOOD_PRACTICE_GUIDANCE, r.id
        assert r.severity is Severity.WARNING, r.id
        assert PRACTICE.severity_of(r) is Severity.WARNING, r.id
    assert PRACTICE.rule("NICE-PRONE-DURATION").severity is Severity.WARNING


def test_only_the_qs154_hourly_figure_is_confirmed() -> None:
    confirmed = {(r.id, p.name) for r in RULES for p in r.parameters if p.confirmed}
    assert confirmed == {("NICE-RT-MONITORING", "observation_interval_minutes")}
    defaults = {r.id: r.defaults for r in RULES}
    assert defaults["NICE-PRONE-DURATION"] == {"prone_limit_minutes": 10, "episode_gap_minutes": 1}
    assert defaults["NICE-MANUAL-RESTRAINT-DURATION"] == {
        "manual_limit_minutes": 10,
        "episode_gap_minutes": 1,
    }
    assert defaults["NICE-RT-MONITORING"] == {
        "observation_interval_minutes": 60,
        "higher_risk_interval_minutes": 15,
    }
    assert defaults["PPC-DEBRIEF-PATIENT"] == {"debrief_within_hours": 24}
    assert defaults["PPC-DEBRIEF-STAFF"] == {"debrief_within_hours": 24}
    assert defaults["PPC-POST-INCIDENT-REVIEW"] == {"review_within_hours": 72}
    assert defaults["PPC-TRAINED-STAFF"] == {"refresher_interval_months": 12}


def test_one_outcome_per_incident_per_rule(incident: dict[str, Any]) -> None:
    busy = with_pieces(
        incident,
        piece("a", STANDING, 0, 12),
        piece("b", PRONE, 30, 45),
        piece("c", SUPINE, 60, None),
        piece("d", RT, 70, 71, vital_signs_observations=[at(200)]),
        piece("e", RT, 80, 81),
        id="busy",
        staff=[{"staff_id": "s1"}, {"staff_id": "s2"}, {"name": "No Id"}],
        patient_debrief={"held": True},
        staff_debrief={"held": False, "offered": False},
        post_incident_review={"held": False},
    )
    other = as_incident(dict(incident, id="other"))
    documents: list[Document] = [busy, other, event("e1", dt.date(2025, 6, 1), "s1")]
    results = PRACTICE.run(documents, as_of=AS_OF)
    assert sorted((r.rule_id, r.subject_id) for r in results) == sorted(
        (rid, subject) for rid in PRACTICE.ids for subject in ("busy", "other")
    )


# ---------------------------------------------------------------------------
# Continuous restraint episodes
# ---------------------------------------------------------------------------

MANUAL = "NICE-MANUAL-RESTRAINT-DURATION"
PRONE_RULE = "NICE-PRONE-DURATION"


def test_manual_restraint_is_timed_across_changes_of_position(incident: dict[str, Any]) -> None:
    # standing 2 min, then prone 6 min, then supine 4 min, contiguous: one 12-minute hold
    doc = with_pieces(
        incident,
        piece("a", STANDING, 0, 2),
        piece("b", PRONE, 2, 8),
        piece("c", SUPINE, 8, 12),
    )
    result = one(MANUAL, [doc])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/interventions/0", "/interventions/1", "/interventions/2")
    assert result.evidence == {
        "minutes": 12,
        "limit": 10,
        "episodes": [{"minutes": 12, "interventions": [0, 1, 2]}],
    }
    assert result.severity is Severity.WARNING
    # no single position lasted over 10 minutes, and prone alone was 6
    assert outcome(PRONE_RULE, [doc]) is MET


def test_manual_restraint_order_of_the_record_does_not_matter(incident: dict[str, Any]) -> None:
    doc = with_pieces(
        incident,
        piece("c", SUPINE, 8, 12),
        piece("a", STANDING, 0, 2),
        piece("b", PRONE, 2, 8),
    )
    result = one(MANUAL, [doc])
    assert result.outcome is NOT_MET
    assert result.evidence["episodes"] == [{"minutes": 12, "interventions": [1, 2, 0]}]


def test_manual_restraint_boundary_of_exactly_ten_minutes_is_met(incident: dict[str, Any]) -> None:
    doc = with_pieces(incident, piece("a", STANDING, 0, 3), piece("b", SEATED, 3, 10))
    result = one(MANUAL, [doc])
    assert result.outcome is MET
    assert result.evidence["minutes"] == 10
    assert result.pointers == ("/interventions/0", "/interventions/1")
    just_over = with_pieces(incident, piece("a", STANDING, 0, 3), piece("b", SEATED, 3, 10.5))
    assert outcome(MANUAL, [just_over]) is NOT_MET
    eleven = with_pieces(incident, piece("a", STANDING, 0, 11))
    assert outcome(MANUAL, [eleven]) is NOT_MET


def test_manual_restraint_pieces_further_apart_than_the_gap_are_separate(
    incident: dict[str, Any],
) -> None:
    # 6 minutes, a 2-minute pause (more than the 1-minute gap), 6 minutes
    apart = with_pieces(incident, piece("a", STANDING, 0, 6), piece("b", SUPINE, 8, 14))
    result = one(MANUAL, [apart])
    assert result.outcome is MET
    assert result.evidence["episodes"] == [
        {"minutes": 6, "interventions": [0]},
        {"minutes": 6, "interventions": [1]},
    ]
    # a pause of exactly the gap joins them: one 13-minute episode
    within = with_pieces(incident, piece("a", STANDING, 0, 6), piece("b", SUPINE, 7, 13))
    assert one(MANUAL, [within]).evidence["episodes"] == [{"minutes": 13, "interventions": [0, 1]}]
    assert outcome(MANUAL, [within]) is NOT_MET
    # the gap is a parameter
    assert outcome(MANUAL, [apart], episode_gap_minutes=2) is NOT_MET
    assert outcome(MANUAL, [within], episode_gap_minutes=0) is MET
    touching = with_pieces(incident, piece("a", STANDING, 0, 6), piece("b", SUPINE, 6, 12))
    assert outcome(MANUAL, [touching], episode_gap_minutes=0) is NOT_MET


def test_overlapping_manual_restraint_counts_once(incident: dict[str, Any]) -> None:
    # standing 0-8 and prone 2-9 overlap: one 9-minute episode, not 8 + 7 = 15
    doc = with_pieces(incident, piece("a", STANDING, 0, 8), piece("b", PRONE, 2, 9))
    result = one(MANUAL, [doc])
    assert result.outcome is MET
    assert result.evidence["episodes"] == [{"minutes": 9, "interventions": [0, 1]}]
    nested = with_pieces(incident, piece("a", STANDING, 0, 9), piece("b", SEATED, 2, 4))
    assert one(MANUAL, [nested]).evidence["minutes"] == 9


def test_manual_restraint_counts_only_physical_restraint(incident: dict[str, Any]) -> None:
    not_manual = with_pieces(incident, piece("s", SECLUSION, 0, 120), piece("r", RT, 0, 1))
    assert outcome(MANUAL, [not_manual]) is NA
    assert outcome(MANUAL, [with_pieces(incident)]) is NA
    # seclusion straight after a 5-minute hold does not lengthen the hold
    then_seclusion = with_pieces(
        incident, piece("a", STANDING, 0, 5), piece("s", SECLUSION, 5, 120)
    )
    result = one(MANUAL, [then_seclusion])
    assert result.outcome is MET
    assert result.evidence["episodes"] == [{"minutes": 5, "interventions": [0]}]


def test_manual_restraint_with_no_recorded_end(incident: dict[str, Any]) -> None:
    open_ended = with_pieces(incident, piece("a", STANDING, 0, 5), piece("b", SUPINE, 5, None))
    result = one(MANUAL, [open_ended])
    assert result.outcome is IE
    assert result.pointers == ("/interventions/1/end",)
    only_open = with_pieces(incident, piece("a", STANDING, 0, None))
    assert outcome(MANUAL, [only_open]) is IE
    # a known episode already over the limit is not met whatever the open one did
    known_over = with_pieces(incident, piece("a", STANDING, 0, 12), piece("b", SUPINE, 30, None))
    result = one(MANUAL, [known_over])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/interventions/0",)


def test_manual_restraint_one_outcome_with_several_long_episodes(
    incident: dict[str, Any],
) -> None:
    doc = with_pieces(
        incident,
        piece("a", STANDING, 0, 11),
        piece("b", SUPINE, 30, 50),
        piece("c", SEATED, 60, 62),
    )
    result = one(MANUAL, [doc])
    assert result.outcome is NOT_MET
    assert result.evidence["minutes"] == 20  # the longest
    assert result.pointers == ("/interventions/0", "/interventions/1")


def test_manual_restraint_limit_is_a_parameter(incident: dict[str, Any]) -> None:
    doc = with_pieces(incident, piece("a", STANDING, 0, 2), piece("b", PRONE, 2, 12))
    assert outcome(MANUAL, [doc]) is NOT_MET
    assert outcome(MANUAL, [doc], manual_limit_minutes=12) is MET
    assert outcome(MANUAL, [doc], manual_limit_minutes=11) is NOT_MET


def test_prone_restraint_joins_contiguous_prone_pieces(incident: dict[str, Any]) -> None:
    doc = with_pieces(incident, piece("a", PRONE, 0, 6), piece("b", PRONE, 6, 12))
    result = one(PRONE_RULE, [doc])
    assert result.outcome is NOT_MET
    assert result.severity is Severity.WARNING
    assert result.pointers == ("/interventions/0", "/interventions/1")
    assert result.evidence == {
        "minutes": 12,
        "limit": 10,
        "episodes": [{"minutes": 12, "interventions": [0, 1]}],
    }
    overlapping = with_pieces(incident, piece("a", PRONE, 0, 8), piece("b", PRONE, 4, 10))
    assert one(PRONE_RULE, [overlapping]).evidence["minutes"] == 10
    assert outcome(PRONE_RULE, [overlapping]) is MET


def test_prone_restraint_boundary_and_limit(incident: dict[str, Any]) -> None:
    ten = with_pieces(incident, piece("a", PRONE, 0, 10))
    assert outcome(PRONE_RULE, [ten]) is MET
    over = with_pieces(incident, piece("a", PRONE, 0, 10.5))
    assert outcome(PRONE_RULE, [over]) is NOT_MET
    assert outcome(PRONE_RULE, [over], prone_limit_minutes=11) is MET
    assert outcome(PRONE_RULE, [ten], prone_limit_minutes=5) is NOT_MET


def test_prone_restraint_only_prone_counts(incident: dict[str, Any]) -> None:
    # prone 6, turned supine 2, prone 6 again: two prone episodes of 6 (manual: 14)
    doc = with_pieces(
        incident,
        piece("a", PRONE, 0, 6),
        piece("b", SUPINE, 6, 8),
        piece("c", PRONE, 8, 14),
    )
    result = one(PRONE_RULE, [doc])
    assert result.outcome is MET
    assert result.evidence["episodes"] == [
        {"minutes": 6, "interventions": [0]},
        {"minutes": 6, "interventions": [2]},
    ]
    assert outcome(MANUAL, [doc]) is NOT_MET
    standing = with_pieces(incident, piece("a", STANDING, 0, 30))
    assert outcome(PRONE_RULE, [standing]) is NA


def test_prone_restraint_with_no_recorded_end(incident: dict[str, Any]) -> None:
    open_ended = with_pieces(incident, piece("a", PRONE, 0, 4), piece("b", PRONE, 20, None))
    result = one(PRONE_RULE, [open_ended])
    assert result.outcome is IE
    assert result.pointers == ("/interventions/1/end",)
    known_over = with_pieces(incident, piece("a", PRONE, 0, 15), piece("b", PRONE, 20, None))
    assert outcome(PRONE_RULE, [known_over]) is NOT_MET


ALL_TYPES = list(InterventionType)


@st.composite
def interventions(draw: st.DrawFn) -> list[Intervention]:
    count = draw(st.integers(min_value=0, max_value=8))
    made = []
    for n in range(count):
        start = draw(st.integers(min_value=0, max_value=120))
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=40)))
        made.append(
            Intervention(
                id=f"i{n}",
                type=draw(st.sampled_from(ALL_TYPES)),
                start=T0 + dt.timedelta(minutes=start),
                end=None if length is None else T0 + dt.timedelta(minutes=start + length),
            )
        )
    return made


@given(items=interventions(), gap=st.integers(min_value=0, max_value=10))
def test_episodes_partition_the_timed_restraint(items: list[Intervention], gap: int) -> None:
    def chosen(x: Intervention) -> bool:
        return x.type.is_physical

    joined, open_ended = practice.episodes(items, chosen, gap)
    timed = [i for i, x in enumerate(items) if chosen(x) and x.end is not None]
    assert open_ended == [i for i, x in enumerate(items) if chosen(x) and x.end is None]
    # every chosen timed intervention is in exactly one episode; nothing else is
    members = [i for _, _, m in joined for i in m]
    assert sorted(members) == timed
    allowance = dt.timedelta(minutes=gap)
    for start, end, m in joined:
        assert m
        # each episode spans its members' earliest start to latest end
        assert start == min(items[i].start for i in m)
        assert end == max(items[i].end for i in m if items[i].end is not None)
        # and is one continuous restraint: each member starts within the gap of the rest
        reach = None
        for i in sorted(m, key=lambda i: items[i].start):
            piece_end = items[i].end
            assert piece_end is not None
            assert reach is None or items[i].start <= reach + allowance
            reach = piece_end if reach is None else max(reach, piece_end)
    # episodes are in time order and disjoint beyond the gap
    for (_, end, _), (start, _, _) in itertools.pairwise(joined):
        assert start > end + allowance
    # the record's order does not matter
    again, _ = practice.episodes(list(reversed(items)), chosen, gap)
    assert [(s, e) for s, e, _ in again] == [(s, e) for s, e, _ in joined]


# ---------------------------------------------------------------------------
# Monitoring after rapid tranquillisation
# ---------------------------------------------------------------------------

RT_RULE = "NICE-RT-MONITORING"


def rapid(
    incident: dict[str, Any],
    observed: list[float],
    concerns_end: float | None,
    *,
    assessed: bool | None = True,
    risks: tuple[str, ...] = (),
) -> Incident:
    """An incident with one rapid tranquillisation at T0 and observations at the minutes given."""
    more: dict[str, Any] = {"vital_signs_observations": [at(m) for m in observed]}
    if concerns_end is not None:
        more["no_further_concerns_at"] = at(concerns_end)
    if assessed is not None:
        more["monitoring_risks_assessed"] = assessed
    if risks:
        more["monitoring_risks"] = list(risks)
    return with_pieces(incident, piece("rt", RT, 0, 1, **more))


def test_rt_monitoring_hourly_until_no_further_concerns(incident: dict[str, Any]) -> None:
    # assessed, no higher-risk circumstance: QS154's hour; gaps of exactly 60 are met
    result = one(RT_RULE, [rapid(incident, [60, 120], 180)])
    assert result.outcome is MET
    assert result.pointers == ("/interventions/0/vital_signs_observations",)
    assert result.evidence == {
        "interval": 60,
        "observations": 2,
        "no_further_concerns_recorded": True,
        "higher_risk": [],
        "largest_gap_minutes": 60,
    }
    assert result.severity is Severity.WARNING


def test_rt_monitoring_gap_over_an_hour_is_not_met(incident: dict[str, Any]) -> None:
    # between observations
    between = one(RT_RULE, [rapid(incident, [60, 121], 180)])
    assert between.outcome is NOT_MET
    assert between.evidence["largest_gap_minutes"] == 61
    # from the rapid tranquillisation to the first observation
    assert outcome(RT_RULE, [rapid(incident, [61, 120], 150)]) is NOT_MET
    # from the last observation to when there were no further concerns
    assert outcome(RT_RULE, [rapid(incident, [30, 90], 151)]) is NOT_MET
    assert outcome(RT_RULE, [rapid(incident, [30, 90], 150)]) is MET
    # a part of a minute over the hour is over the hour
    assert outcome(RT_RULE, [rapid(incident, [30, 90], 150.5)]) is NOT_MET


def test_rt_monitoring_interval_is_a_parameter(incident: dict[str, Any]) -> None:
    doc = rapid(incident, [60, 121], 180)
    assert outcome(RT_RULE, [doc], observation_interval_minutes=61) is MET
    risky = rapid(incident, [20, 40], 60, risks=("asleep-or-sedated",))
    assert outcome(RT_RULE, [risky]) is NOT_MET
    assert outcome(RT_RULE, [risky], higher_risk_interval_minutes=20) is MET


def test_rt_monitoring_every_15_minutes_when_a_higher_risk_is_recorded(
    incident: dict[str, Any],
) -> None:
    every_15 = rapid(incident, [15, 30, 45, 60], 75, risks=("asleep-or-sedated",))
    result = one(RT_RULE, [every_15])
    assert result.outcome is MET
    assert result.evidence["interval"] == 15
    assert result.evidence["higher_risk"] == ["asleep-or-sedated"]
    sixteen = rapid(incident, [15, 31, 45, 60], 75, risks=("bnf-maximum-exceeded",))
    result = one(RT_RULE, [sixteen])
    assert result.outcome is NOT_MET
    assert result.evidence["largest_gap_minutes"] == 16
    # recorded circumstances count even when the assessed flag is not set
    unflagged = rapid(incident, [30, 60], 90, assessed=None, risks=("illicit-drugs-or-alcohol",))
    assert one(RT_RULE, [unflagged]).evidence["interval"] == 15
    assert outcome(RT_RULE, [unflagged]) is NOT_MET
    # assessed with no circumstance: the hour
    assert one(RT_RULE, [rapid(incident, [30, 60], 90)]).evidence["interval"] == 60


def test_rt_monitoring_when_higher_risk_was_not_assessed(incident: dict[str, Any]) -> None:
    for assessed in (None, False):
        # met only when every gap meets the stricter 15 minutes
        tight = one(RT_RULE, [rapid(incident, [15, 30, 45], 60, assessed=assessed)])
        assert tight.outcome is MET
        assert tight.evidence["interval"] is None
        # not met whenever a gap exceeds the hour
        assert outcome(RT_RULE, [rapid(incident, [30, 91], 120, assessed=assessed)]) is NOT_MET
        # in between, it matters whether a higher-risk circumstance applied
        between = one(RT_RULE, [rapid(incident, [30, 60], 90, assessed=assessed)])
        assert between.outcome is IE
        assert between.pointers == ("/interventions/0/monitoring_risks_assessed",)
        assert outcome(RT_RULE, [rapid(incident, [16], 31, assessed=assessed)]) is IE
        assert outcome(RT_RULE, [rapid(incident, [60], 120, assessed=assessed)]) is IE


def test_rt_monitoring_without_an_end_to_concerns(incident: dict[str, Any]) -> None:
    result = one(RT_RULE, [rapid(incident, [30, 90], None)])
    assert result.outcome is IE
    assert result.pointers == ("/interventions/0/no_further_concerns_at",)
    assert result.evidence["no_further_concerns_recorded"] is False
    # unless a gap before the last observation already exceeds the interval
    assert outcome(RT_RULE, [rapid(incident, [30, 100], None)]) is NOT_MET
    assert outcome(RT_RULE, [rapid(incident, [61], None)]) is NOT_MET
    assert outcome(RT_RULE, [rapid(incident, [60, 120], None)]) is IE
    risky = rapid(incident, [15, 40], None, risks=("asleep-or-sedated",))
    assert outcome(RT_RULE, [risky]) is NOT_MET
    not_assessed = rapid(incident, [30, 91], None, assessed=None)
    assert outcome(RT_RULE, [not_assessed]) is NOT_MET
    assert outcome(RT_RULE, [rapid(incident, [30, 90], None, assessed=None)]) is IE


def test_rt_monitoring_counts_only_observations_in_the_window(incident: dict[str, Any]) -> None:
    # observations after there were no further concerns are ignored
    later = one(RT_RULE, [rapid(incident, [30, 60, 200, 400], 90)])
    assert later.outcome is MET
    assert later.evidence["observations"] == 2
    assert later.evidence["largest_gap_minutes"] == 30
    # ...so they cannot close a gap before it
    assert outcome(RT_RULE, [rapid(incident, [30, 200], 100)]) is NOT_MET
    # observations before the rapid tranquillisation are ignored too
    before = one(RT_RULE, [rapid(incident, [-10, 50], 100)])
    assert before.outcome is MET
    assert before.evidence["observations"] == 1
    assert outcome(RT_RULE, [rapid(incident, [-10, 61], 100)]) is NOT_MET


def test_rt_monitoring_without_observations(incident: dict[str, Any]) -> None:
    result = one(RT_RULE, [rapid(incident, [], 120)])
    assert result.outcome is IE
    assert result.pointers == ("/interventions/0/vital_signs_observations",)
    assert outcome(RT_RULE, [rapid(incident, [], None)]) is IE


def test_rt_monitoring_concerns_ending_before_the_tranquillisation(
    incident: dict[str, Any],
) -> None:
    # a record whose concerns end before the rapid tranquillisation cannot show monitoring
    result = one(RT_RULE, [rapid(incident, [30, 60], -5)])
    assert result.outcome is IE
    assert result.pointers == ("/interventions/0/no_further_concerns_at",)


def test_rt_monitoring_applies_only_to_rapid_tranquillisation(incident: dict[str, Any]) -> None:
    oral = with_pieces(incident, piece("o", ORAL, 0, 1), piece("a", STANDING, 0, 5))
    assert outcome(RT_RULE, [oral]) is NA
    assert outcome(RT_RULE, [with_pieces(incident)]) is NA


def test_rt_monitoring_several_tranquillisations_fold_into_one(incident: dict[str, Any]) -> None:
    fine = {
        "vital_signs_observations": [at(30), at(60)],
        "monitoring_risks_assessed": True,
        "no_further_concerns_at": at(90),
    }
    gappy = dict(fine, vital_signs_observations=[at(130)], no_further_concerns_at=at(150))
    doc = with_pieces(
        incident,
        piece("a", RT, 0, 1, **fine),
        piece("o", ORAL, 0, 1),
        piece("b", RT, 60, 61, **gappy),
    )
    result = one(RT_RULE, [doc])
    assert result.outcome is NOT_MET
    assert result.pointers == ("/interventions/2/vital_signs_observations",)
    assert [i["outcome"] for i in result.evidence["items"]] == ["met", "not_met"]
    assert [i["pointers"] for i in result.evidence["items"]] == [
        ["/interventions/0/vital_signs_observations"],
        ["/interventions/2/vital_signs_observations"],
    ]
    both_fine = with_pieces(incident, piece("a", RT, 0, 1, **fine), piece("b", RT, 0, 1, **fine))
    assert outcome(RT_RULE, [both_fine]) is MET
    unknown = with_pieces(incident, piece("a", RT, 0, 1, **fine), piece("b", RT, 0, 1))
    assert outcome(RT_RULE, [unknown]) is IE


# ---------------------------------------------------------------------------
# The immediate debrief
# ---------------------------------------------------------------------------

DEBRIEFS = (("PPC-DEBRIEF-PATIENT", "patient_debrief"), ("PPC-DEBRIEF-STAFF", "staff_debrief"))


def debriefed(incident: dict[str, Any], field: str, debrief: dict[str, Any] | None) -> Incident:
    return as_incident(dict(incident, **{field: debrief}) if debrief is not None else incident)


def test_debrief_held_or_offered_within_24_hours(incident: dict[str, Any]) -> None:
    # the incident ends at END (14:12); 24 hours after it is the boundary, and it is met
    cases: list[tuple[dict[str, Any] | None, Outcome, tuple[str, ...]]] = [
        ({"held": True, "held_at": after_end(2)}, MET, ("/{f}/held_at",)),
        ({"held": True, "held_at": after_end(24)}, MET, ("/{f}/held_at",)),
        ({"held": True, "held_at": after_end(24, 1)}, NOT_MET, ("/{f}/held_at",)),
        ({"held": True}, IE, ("/{f}/held_at",)),
        ({"offered": True, "offered_at": after_end(1)}, MET, ("/{f}/offered_at",)),
        (
            {"offered": True, "held": False, "offered_at": after_end(24)},
            MET,
            ("/{f}/offered_at",),
        ),
        (
            {"offered": True, "held": False, "offered_at": after_end(25)},
            NOT_MET,
            ("/{f}/offered_at",),
        ),
        ({"offered": True, "held": False}, IE, ("/{f}/offered_at",)),
        ({"offered": False, "held": False}, NOT_MET, ("/{f}",)),
        ({"offered": False}, NOT_MET, ("/{f}",)),
        ({"offered": False, "held": False, "reason_not_held": "x"}, NOT_MET, ("/{f}",)),
        # not held, but the record does not say whether one was offered (and declined)
        ({"held": False}, IE, ("/{f}",)),
        ({"held": False, "reason_not_held": "declined"}, IE, ("/{f}",)),
        ({}, IE, ("/{f}",)),
        (None, IE, ("/{f}",)),
    ]
    for rid, field in DEBRIEFS:
        for debrief, expected, pointers in cases:
            result = one(rid, [debriefed(incident, field, debrief)])
            assert result.outcome is expected, (rid, debrief)
            assert result.pointers == tuple(p.format(f=field) for p in pointers), (rid, debrief)
            assert result.severity is Severity.WARNING


def test_debrief_evidence_and_window_parameter(incident: dict[str, Any]) -> None:
    for rid, field in DEBRIEFS:
        late = debriefed(incident, field, {"held": True, "held_at": after_end(30)})
        result = one(rid, [late])
        assert result.outcome is NOT_MET
        assert result.evidence == {"hours_after": 30.0, "limit_hours": 24}
        assert outcome(rid, [late], debrief_within_hours=30) is MET
        assert outcome(rid, [late], debrief_within_hours=29) is NOT_MET
        refused = debriefed(incident, field, {"offered": False, "reason_not_held": "x"})
        assert one(rid, [refused]).evidence == {"reason_recorded": True}


def test_debrief_held_takes_precedence_over_offered(incident: dict[str, Any]) -> None:
    for rid, field in DEBRIEFS:
        offered_early_held_late = {
            "offered": True,
            "offered_at": after_end(1),
            "held": True,
            "held_at": after_end(48),
        }
        result = one(rid, [debriefed(incident, field, offered_early_held_late)])
        assert result.outcome is NOT_MET
        assert result.pointers == (f"/{field}/held_at",)


def test_debrief_window_runs_from_when_the_force_ended(incident: dict[str, Any]) -> None:
    for rid, field in DEBRIEFS:
        # no incident end: the latest intervention end (T0 + 60 minutes)
        ended_by_pieces = dict(
            incident,
            interventions=[piece("a", STANDING, 0, 5), piece("b", SECLUSION, 5, 60)],
        )
        del ended_by_pieces["end"]
        at_limit = T0 + dt.timedelta(minutes=60, hours=24)
        for held_at, expected in (
            (at_limit, MET),
            (at_limit + dt.timedelta(minutes=1), NOT_MET),
        ):
            data = dict(ended_by_pieces, **{field: {"held": True, "held_at": held_at.isoformat()}})
            assert outcome(rid, [as_incident(data)]) is expected, (rid, held_at)
        # no end anywhere: the incident's start
        unended = dict(incident, interventions=[piece("a", STANDING, 0, None)])
        del unended["end"]
        for held_at, expected in (
            (T0 + dt.timedelta(hours=24), MET),
            (T0 + dt.timedelta(hours=24, minutes=1), NOT_MET),
        ):
            data = dict(unended, **{field: {"held": True, "held_at": held_at.isoformat()}})
            assert outcome(rid, [as_incident(data)]) is expected, (rid, held_at)


def test_each_debrief_rule_reads_its_own_debrief(incident: dict[str, Any]) -> None:
    held = {"held": True, "held_at": after_end(1)}
    patient_only = as_incident(dict(incident, patient_debrief=held))
    assert outcome("PPC-DEBRIEF-PATIENT", [patient_only]) is MET
    assert outcome("PPC-DEBRIEF-STAFF", [patient_only]) is IE
    staff_only = as_incident(dict(incident, staff_debrief=held))
    assert outcome("PPC-DEBRIEF-STAFF", [staff_only]) is MET
    assert outcome("PPC-DEBRIEF-PATIENT", [staff_only]) is IE


# ---------------------------------------------------------------------------
# The formal post-incident review
# ---------------------------------------------------------------------------

REVIEW = "PPC-POST-INCIDENT-REVIEW"


def reviewed(incident: dict[str, Any], review: dict[str, Any] | None) -> Incident:
    return as_incident(
        dict(incident, post_incident_review=review) if review is not None else incident
    )


def test_post_incident_review_within_72_hours(incident: dict[str, Any]) -> None:
    cases: list[tuple[dict[str, Any] | None, Outcome, str]] = [
        ({"held": True, "held_at": after_end(10)}, MET, "/post_incident_review/held_at"),
        ({"held": True, "held_at": after_end(72)}, MET, "/post_incident_review/held_at"),
        ({"held": True, "held_at": after_end(72, 1)}, NOT_MET, "/post_incident_review/held_at"),
        ({"held": True}, IE, "/post_incident_review/held_at"),
        ({"held": False}, NOT_MET, "/post_incident_review/held"),
        ({"held": False, "reason_not_held": "x"}, NOT_MET, "/post_incident_review/held"),
        ({}, IE, "/post_incident_review"),
        ({"external": True}, IE, "/post_incident_review"),
        (None, IE, "/post_incident_review"),
    ]
    for review, expected, pointer in cases:
        result = one(REVIEW, [reviewed(incident, review)])
        assert result.outcome is expected, review
        assert result.pointers == (pointer,), review
        assert result.severity is Severity.WARNING


def test_post_incident_review_evidence_and_parameter(incident: dict[str, Any]) -> None:
    late = reviewed(incident, {"held": True, "held_at": after_end(96), "external": True})
    result = one(REVIEW, [late])
    assert result.outcome is NOT_MET
    assert result.evidence == {"hours_after": 96.0, "limit_hours": 72, "external": True}
    assert outcome(REVIEW, [late], review_within_hours=96) is MET
    in_time = one(REVIEW, [reviewed(incident, {"held": True, "held_at": after_end(1)})])
    assert in_time.evidence == {"hours_after": 1.0, "limit_hours": 72, "external": None}
    refused = one(REVIEW, [reviewed(incident, {"held": False, "reason_not_held": "x"})])
    assert refused.evidence == {"reason_recorded": True}


def test_post_incident_review_runs_from_when_the_force_ended(incident: dict[str, Any]) -> None:
    data = dict(incident, interventions=[piece("a", STANDING, 0, 120)])
    del data["end"]
    limit = T0 + dt.timedelta(minutes=120, hours=72)
    ok = dict(data, post_incident_review={"held": True, "held_at": limit.isoformat()})
    assert outcome(REVIEW, [as_incident(ok)]) is MET
    late_at = (limit + dt.timedelta(minutes=1)).isoformat()
    late = dict(data, post_incident_review={"held": True, "held_at": late_at})
    assert outcome(REVIEW, [as_incident(late)]) is NOT_MET


def test_the_debrief_is_not_the_review(incident: dict[str, Any]) -> None:
    # a debrief at 48 hours is late as a debrief, but a review then would be in time
    both = as_incident(
        dict(
            incident,
            patient_debrief={"held": True, "held_at": after_end(48)},
            post_incident_review={"held": True, "held_at": after_end(48)},
        )
    )
    assert outcome("PPC-DEBRIEF-PATIENT", [both]) is NOT_MET
    assert outcome(REVIEW, [both]) is MET
    debrief_only = as_incident(dict(incident, patient_debrief={"held": True, "held_at": at(60)}))
    assert outcome(REVIEW, [debrief_only]) is IE


# ---------------------------------------------------------------------------
# Staff who used force were trained
# ---------------------------------------------------------------------------

TRAINED = "PPC-TRAINED-STAFF"
INCIDENT_DAY = T0.date()  # 2026-03-04: twelve months before is 2025-03-04


def course(ident: str = "c1", *, assessed: bool = True) -> Course:
    return Course(
        id=ident,
        provider_id="p1",
        title="Course",
        version="1",
        level=CourseLevel.REFRESHER,
        restrictive_component=True,
        total_minutes=360,
        assessment_methods=(AssessmentMethod.OBSERVED_PRACTICE,) if assessed else (),
    )


def event(
    ident: str,
    end: dt.date,
    *attended: str,
    competence: CompetenceOutcome = CompetenceOutcome.COMPETENT,
    attendance: Attendance = Attendance.ATTENDED,
    course_id: str = "c1",
    organisation_id: str = "org-1",
) -> TrainingEvent:
    return TrainingEvent(
        id=ident,
        course_id=course_id,
        course_version="1",
        provider_id="p1",
        commissioning_organisation_id=organisation_id,
        delivery_model=DeliveryModel.PROVIDER_DELIVERED,
        start_date=end,
        end_date=end,
        setting=Setting.MENTAL_HEALTH_INPATIENT,
        trainer_ids=("t1",),
        learners=tuple(
            Learner(
                staff_id=sid,
                organisation_id=organisation_id,
                staff_group=StaffGroup.REGISTERED_NURSE,
                attendance=attendance,
                competence=competence,
            )
            for sid in attended
        ),
    )


def staffed(incident: dict[str, Any], *staff: dict[str, Any]) -> Incident:
    return as_incident(dict(incident, staff=list(staff)))


# Someone else in the organisation trained, so "no training recorded at all" is not the answer.
OTHER = event("other", dt.date(2025, 9, 1), "someone-else")


def test_trained_staff_within_twelve_months(incident: dict[str, Any]) -> None:
    doc = staffed(incident, {"staff_id": "s1"})
    boundary = one(TRAINED, [doc, course(), event("e1", dt.date(2025, 3, 4), "s1")])
    assert boundary.outcome is MET
    assert boundary.pointers == ("/staff/0",)
    assert boundary.evidence == {"staff_id": "s1", "last_training": "2025-03-04"}
    assert boundary.severity is Severity.WARNING
    day_before = one(TRAINED, [doc, course(), event("e1", dt.date(2025, 3, 3), "s1")])
    assert day_before.outcome is NOT_MET
    assert day_before.pointers == ("/staff/0",)
    assert day_before.evidence == {"staff_id": "s1", "last_training": "2025-03-03"}
    # the latest completed training is the one judged
    both = [
        doc,
        course(),
        event("e1", dt.date(2024, 1, 1), "s1"),
        event("e2", dt.date(2025, 6, 1), "s1"),
    ]
    assert one(TRAINED, both).evidence["last_training"] == "2025-06-01"
    assert outcome(TRAINED, both) is MET


def test_trained_staff_never_trained_or_trained_after(incident: dict[str, Any]) -> None:
    doc = staffed(incident, {"staff_id": "s1"})
    never = one(TRAINED, [doc, OTHER])
    assert never.outcome is NOT_MET
    assert never.evidence == {"staff_id": "s1", "last_training": None}
    after = one(TRAINED, [doc, course(), event("e1", dt.date(2026, 4, 1), "s1")])
    assert after.outcome is NOT_MET
    assert after.evidence["last_training"] is None


def test_trained_staff_interval_is_a_parameter(incident: dict[str, Any]) -> None:
    documents: list[Document] = [
        staffed(incident, {"staff_id": "s1"}),
        course(),
        event("e1", dt.date(2024, 6, 1), "s1"),
    ]
    assert outcome(TRAINED, documents) is NOT_MET
    assert outcome(TRAINED, documents, refresher_interval_months=24) is MET
    assert outcome(TRAINED, documents, refresher_interval_months=21) is NOT_MET


def test_trained_staff_a_failed_or_incomplete_course_does_not_count(
    incident: dict[str, Any],
) -> None:
    doc = staffed(incident, {"staff_id": "s1"})
    failed = event("f", dt.date(2025, 12, 1), "s1", competence=CompetenceOutcome.NOT_YET_COMPETENT)
    result = one(TRAINED, [doc, course(), failed])
    assert result.outcome is NOT_MET
    assert result.evidence["last_training"] is None
    # an older pass behind a recent failure is what counts
    passed_old = event("p", dt.date(2024, 12, 1), "s1")
    assert one(TRAINED, [doc, course(), failed, passed_old]).evidence["last_training"] == (
        "2024-12-01"
    )
    assert outcome(TRAINED, [doc, course(), failed, passed_old]) is NOT_MET
    passed_recent = event("p", dt.date(2025, 6, 1), "s1")
    assert outcome(TRAINED, [doc, course(), failed, passed_recent]) is MET
    # attending part of a course is not completing it
    partial = event("x", dt.date(2025, 12, 1), "s1", attendance=Attendance.PARTIAL)
    assert outcome(TRAINED, [doc, course(), partial, OTHER]) is NOT_MET


def test_trained_staff_not_assessed_counts_only_where_the_course_assesses_nothing(
    incident: dict[str, Any],
) -> None:
    doc = staffed(incident, {"staff_id": "s1"})
    unassessed = event("u", dt.date(2025, 12, 1), "s1", competence=CompetenceOutcome.NOT_ASSESSED)
    assert outcome(TRAINED, [doc, course(assessed=False), unassessed]) is MET
    assert outcome(TRAINED, [doc, course(assessed=True), unassessed]) is NOT_MET
    # without the course, the record cannot show the training was completed
    assert outcome(TRAINED, [doc, unassessed]) is NOT_MET


def test_trained_staff_outsiders_and_observers_are_not_judged(incident: dict[str, Any]) -> None:
    police = {"name": "PC", "unit_staff": False, "non_unit_reason": "called to assist"}
    observer = {"staff_id": "s9", "used_force": False}
    assert outcome(TRAINED, [staffed(incident, police, observer), OTHER]) is NA
    assert outcome(TRAINED, [staffed(incident, police, observer)]) is NA
    assert outcome(TRAINED, [as_incident(incident)]) is NA
    mixed = staffed(incident, police, {"staff_id": "s1"}, observer)
    result = one(TRAINED, [mixed, course(), event("e1", dt.date(2025, 6, 1), "s1")])
    assert result.outcome is MET
    assert result.pointers == ("/staff/1",)


def test_trained_staff_without_an_id_or_any_training_record(incident: dict[str, Any]) -> None:
    no_id = one(TRAINED, [staffed(incident, {"name": "No Id"}), OTHER])
    assert no_id.outcome is IE
    assert no_id.pointers == ("/staff/0",)
    # no training recorded for the organisation at all: absent evidence, not a breach
    doc = staffed(incident, {"staff_id": "s1"}, {"staff_id": "s2"})
    nothing = one(TRAINED, [doc])
    assert nothing.outcome is IE
    assert nothing.pointers == ("/staff",)
    elsewhere = event("e1", dt.date(2025, 6, 1), "s1", organisation_id="org-2")
    assert outcome(TRAINED, [doc, elsewhere]) is IE


def test_trained_staff_folds_everyone_into_one_outcome(incident: dict[str, Any]) -> None:
    doc = staffed(incident, {"staff_id": "s1"}, {"staff_id": "s2"}, {"name": "No Id"})
    documents: list[Document] = [doc, course(), event("e1", dt.date(2025, 6, 1), "s1")]
    result = one(TRAINED, documents)
    assert result.outcome is NOT_MET
    assert result.pointers == ("/staff/1",)
    assert result.evidence["staff_id"] == "s2"
    assert [(i["outcome"], i["pointers"]) for i in result.evidence["items"]] == [
        ("met", ["/staff/0"]),
        ("not_met", ["/staff/1"]),
        ("insufficient_evidence", ["/staff/2"]),
    ]
    unknown = staffed(incident, {"staff_id": "s1"}, {"name": "No Id"})
    assert outcome(TRAINED, [unknown, course(), event("e1", dt.date(2025, 6, 1), "s1")]) is IE


def test_force_users_training_is_what_the_rule_and_the_study_share(
    incident: dict[str, Any],
) -> None:
    outsider = {"staff_id": "s8", "unit_staff": False}
    observer = {"staff_id": "s9", "used_force": False}
    doc = staffed(incident, {"staff_id": "s1"}, outsider, {"staff_id": "s2"}, observer, {})
    failed = event("e2", dt.date(2025, 7, 1), "s2", competence=CompetenceOutcome.NOT_YET_COMPETENT)
    documents = [doc, course(), event("e1", dt.date(2025, 6, 1), "s1"), failed]
    context = Context(as_of=INCIDENT_DAY, index=Index(documents))
    june, july = dt.date(2025, 6, 1), dt.date(2025, 7, 1)
    # every attended training counts (the study's measure) ...
    assert force_users_training(context, doc, INCIDENT_DAY, 12) == [
        ForceUserTraining(0, "s1", june, True),
        ForceUserTraining(2, "s2", july, True),
        ForceUserTraining(4, None, None, None),
    ]
    # ... or only those the caller wants (the rule: completed, found competent)
    competent = force_users_training(context, doc, INCIDENT_DAY, 12, wanted=lambda c: c.competent)
    assert competent[1] == ForceUserTraining(2, "s2", None, False)
    assert force_users_training(context, doc, INCIDENT_DAY, 1)[0].in_date is False


# ---------------------------------------------------------------------------
# Nothing sensitive is echoed
# ---------------------------------------------------------------------------

SENTINEL = "ZZSENTINEL"
NHS = "9434765919"


def test_no_sensitive_value_is_echoed(incident: dict[str, Any]) -> None:
    s = SENTINEL
    data = dict(
        incident,
        location=f"{s}-location",
        reason_detail=f"{s}-reason",
        outcome=f"{s}-outcome",
        patient_debrief={"held": False, "offered": False, "reason_not_held": f"{s}-debrief"},
        staff_debrief={"held": True, "held_at": after_end(30)},
        post_incident_review={"held": False, "reason_not_held": f"{s}-review"},
        interventions=[
            piece("a", PRONE, 0, 20, description=f"{s}-desc-a"),
            piece("b", RT, 0, 1, description=f"{s}-desc-b", vital_signs_observations=[at(90)]),
        ],
        staff=[
            {"staff_id": "s1", "name": f"{s}-staff", "job_title": "Nurse"},
            {"name": f"{s}-police", "unit_staff": False, "non_unit_reason": f"{s}-why"},
            {"name": f"{s}-noid"},
        ],
    )
    data["patient"] = dict(data["patient"], name=f"{s}-name", nhs_number=NHS)
    documents: list[Document] = [as_incident(data), course(), event("e1", AS_OF, "s1")]
    results = PRACTICE.run(documents, as_of=AS_OF)
    assert len(results) == len(RULES)
    assert NOT_MET in {r.outcome for r in results}
    assert Outcome.ERROR not in {r.outcome for r in results}
    for result in results:
        text = result.message + json.dumps(dict(result.evidence), default=str)
        assert SENTINEL not in text, result.rule_id
        assert NHS not in text, result.rule_id
