"""The sources register: every framework rrnkit ships and every clause its rules cite.

For each clause: a short title, whether its text was ``verified`` (seen at its
source) or is ``reported`` (a secondary reading, such as a training
provider's published reading of the RRN Training Standards), the source URL,
the date it was seen, and a note. A rule resting on a reported clause is only
as good as that reading: the register says which readings those are.

``docs/sources.md`` is generated from it::

    python -m rrnkit.model.sources docs/sources.md

and a test fails when the committed page is stale, or when a shipped rule
cites a clause the register does not hold.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
from collections.abc import Iterable

import attrs

from rrnkit.model.refs import FrameworkInfo, StandardRef, frameworks


class SourceStatus(enum.Enum):
    """How far rrnkit has confirmed a clause's text."""

    VERIFIED = "verified"
    """The text was seen at its source (legislation.gov.uk, nice.org.uk, gov.uk...)."""
    REPORTED = "reported"
    """Known from a secondary reading (a training provider's, a certification body's)."""


FIRST_READING = dt.date(2026, 11, 28)
"""When the first reading of the sources was made."""
SECOND_READING = dt.date(2026, 12, 4)
"""When the second reading (which confirmed or corrected the first) was made."""

_ACT = "https://www.legislation.gov.uk/ukpga/2018/27"
_PROVIDERS = (
    "Clause number and wording from training providers' published readings of the RRN "
    "Training Standards (Maybo, NAPPI UK, CPI); the standard's own text was not seen."
)
ADDED_WITH_RULE = "Added with the rule; see rule reading."
"""The note of a clause added to the register with the rule that first cited it."""


def _check_seen(instance: ClauseSource, attribute: object, value: dt.date | None) -> None:
    if (value is None) is (instance.status is SourceStatus.VERIFIED):
        raise ValueError("a verified clause has the date it was seen; a reported one has none")
    if value is None and not instance.note:
        raise ValueError("a reported clause has a note saying whose reading it is")


@attrs.frozen(kw_only=True)
class ClauseSource:
    """One cited clause: what it is, whether its text was seen, where and when."""

    ref: StandardRef
    """The clause, as rules cite it."""
    title: str
    """A short title of what the clause says."""
    status: SourceStatus
    url: str | None = None
    """Where the clause's text is (or its framework's, when it has no page of its own)."""
    note: str = ""
    """For a reported clause, whose reading it is; otherwise anything a reader should know."""
    seen: dt.date | None = attrs.field(default=None, validator=_check_seen)
    """When the text was seen at its source (verified clauses only)."""

    @property
    def anchor(self) -> str:
        """The clause's anchor in ``docs/sources.md``."""
        return anchor(self.ref)


def anchor(ref: StandardRef | str) -> str:
    """Return the anchor of a citation in ``docs/sources.md`` (``uof-act-6-5-a``)."""
    return re.sub(r"[^0-9a-z]+", "-", str(ref).lower()).strip("-")


def _verified(
    text: str, title: str, url: str | None, seen: dt.date, note: str = ""
) -> ClauseSource:
    return ClauseSource(
        ref=StandardRef.parse(text),
        title=title,
        status=SourceStatus.VERIFIED,
        url=url,
        seen=seen,
        note=note,
    )


def _reported(text: str, title: str, url: str | None, note: str) -> ClauseSource:
    return ClauseSource(
        ref=StandardRef.parse(text), title=title, status=SourceStatus.REPORTED, url=url, note=note
    )


def _act(section: int) -> str:
    return f"{_ACT}/section/{section}"


_S6_5 = {
    "a": "the reason for the use of force",
    "b": "the place, date and duration of the use of force",
    "c": "the type or types of force used",
    "d": "whether the type or types of force formed part of the patient's care plan",
    "e": "the patient's name",
    "f": "a description of how force was used",
    "g": "the patient's consistent identifier",
    "h": "the name and job title of any member of staff who used force on the patient",
    "i": "the reason any person who was not a member of staff in the unit was involved",
    "j": "the patient's mental disorder (if known)",
    "k": "the relevant characteristics of the patient (if known)",
    "l": "whether the patient has a learning disability or autistic spectrum disorder",
    "m": "a description of the outcome of the use of force",
    "n": "whether the patient died or suffered any serious injury as a result",
    "o": "any efforts made to avoid the need to use force on the patient",
    "p": "whether a notification was given to any person who must be notified under the care plan",
}

_RRN_TS = "https://restraintreductionnetwork.org/know-the-standard/"
_BILD = "https://bildact.org.uk/training-standards/"
_NG10 = "https://www.nice.org.uk/guidance/ng10"
_QS154 = "https://www.nice.org.uk/guidance/qs154"
_PPC = (
    "https://www.gov.uk/government/publications/"
    "positive-and-proactive-care-reducing-restrictive-interventions"
)
_GUIDANCE = "https://www.gov.uk/government/publications/mental-health-units-use-of-force-act-2018"
_MHA_CODE = "https://www.gov.uk/government/publications/code-of-practice-mental-health-act-1983"

CLAUSES: tuple[ClauseSource, ...] = (
    # Mental Health Units (Use of Force) Act 2018
    _verified(
        "uof-act:2(1)", "A responsible person for each mental health unit", _act(2), FIRST_READING
    ),
    _verified(
        "uof-act:2(2)",
        "The responsible person is employed by the organisation and of an "
        "appropriate level of seniority",
        _act(2),
        FIRST_READING,
    ),
    _verified(
        "uof-act:2(3)",
        "One responsible person for all the units an organisation operates",
        _act(2),
        FIRST_READING,
    ),
    _reported(
        "uof-act:3",
        "The policy sets out the steps the organisation takes to reduce the use of force",
        _act(3),
        "Section 3 was seen (2026-11-28), but that the policy must set out the steps taken to "
        "reduce the use of force is a reported reading whose subsection was not seen, so rules "
        "cite the section.",
    ),
    _verified(
        "uof-act:3(1)",
        "A published policy on the use of force in the unit",
        _act(3),
        FIRST_READING,
        "That the policy must set out the steps taken to reduce the use "
        "of force is reported, not seen.",
    ),
    _verified(
        "uof-act:3(2)",
        "One policy for all the units an organisation operates",
        _act(3),
        FIRST_READING,
    ),
    _verified("uof-act:3(3)", "The policy is consulted on", _act(3), FIRST_READING),
    _verified("uof-act:3(4)", "The policy is kept under review", _act(3), FIRST_READING),
    _verified(
        "uof-act:4",
        "Information for patients about their rights in relation to the "
        "use of force (unless the patient refuses it)",
        _act(4),
        FIRST_READING,
    ),
    _verified(
        "uof-act:5(1)", "Training for staff in appropriate use of force", _act(5), SECOND_READING
    ),
    _verified(
        "uof-act:5(2)", "The training includes the topics (a) to (k)", _act(5), SECOND_READING
    ),
    _verified(
        "uof-act:5(3)(a)",
        "Staff in post when s.5 came into force are trained as soon as reasonably practicable",
        _act(5),
        SECOND_READING,
        "The Act gives no day-count: any figure is a parameter.",
    ),
    _verified(
        "uof-act:5(3)(b)",
        "New staff are trained as soon as reasonably practicable after they start",
        _act(5),
        SECOND_READING,
        "The Act gives no day-count: any figure is a parameter.",
    ),
    _verified(
        "uof-act:5(4)",
        "Earlier training counts if recent enough and of an equivalent standard",
        _act(5),
        SECOND_READING,
    ),
    _verified(
        "uof-act:5(5)",
        "Refresher training at regular intervals",
        _act(5),
        SECOND_READING,
        "The Act fixes no interval: the interval is a parameter.",
    ),
    _verified(
        "uof-act:5(6)",
        "Refresher training updates or supplements the training",
        _act(5),
        SECOND_READING,
    ),
    _verified("uof-act:6(3)", "What is negligible is defined by guidance", _act(6), SECOND_READING),
    *(
        _verified(f"uof-act:6(5)({letter})", f"The record states {title}", _act(6), SECOND_READING)
        for letter, title in _S6_5.items()
    ),
    _verified(
        "uof-act:6(6)",
        "The record is kept for 3 years from the date it was made",
        _act(6),
        SECOND_READING,
    ),
    _verified(
        "uof-act:9",
        "Regard to guidance on investigating a death or serious injury",
        _act(9),
        SECOND_READING,
        "Seen: when a patient dies or suffers a serious injury in a mental health unit, the "
        "responsible person must have regard to published guidance on investigating deaths or "
        "serious injuries; the list of who publishes it was not seen.",
    ),
    # Statutory guidance under the Act
    _reported(
        "uof-guidance:certified-training",
        "Training providers are certified against "
        "the RRN Training Standards by a UKAS-accredited body",
        _GUIDANCE,
        "As quoted by BILD ACT and the Restraint Reduction Network; the guidance's own "
        "text was not seen.",
    ),
    _reported(
        "uof-guidance:negligible-force",
        "What counts as negligible force; when in doubt, record",
        _GUIDANCE,
        "The guidance's list of uses that are never "
        "negligible was not seen: the list is a parameter.",
    ),
    _verified(
        "uof-guidance:foreword",
        "Force is never used with the intention of causing pain, suffering or humiliation",
        _GUIDANCE,
        SECOND_READING,
    ),
    # RRN Training Standards
    _reported(
        "rrn-ts:1.1.1",
        "A training needs analysis of current needs and risks, from "
        "incident data, authorised by a named person, considering all staff who may "
        "meet distressed people",
        _RRN_TS,
        _PROVIDERS,
    ),
    _reported(
        "rrn-ts:1.1.2", "Data about individuals in the TNA is anonymised", _RRN_TS, _PROVIDERS
    ),
    _reported(
        "rrn-ts:1.1.3",
        "The commissioning organisation has suitable immediate life support training",
        _RRN_TS,
        _PROVIDERS,
    ),
    _reported(
        "rrn-ts:1.1.4",
        "The curriculum accounts for elevated risks at population, "
        "service and individual level; the provider receives an anonymised summary",
        _RRN_TS,
        _PROVIDERS,
    ),
    _reported(
        "rrn-ts:1.1.5",
        "The provider receives the TNA in time to tailor the training",
        _RRN_TS,
        _PROVIDERS,
    ),
    _reported(
        "rrn-ts:1.3.2",
        "Minimum content; refreshers test competence against it",
        _RRN_TS,
        _PROVIDERS,
    ),
    _reported(
        "rrn-ts:1.4.4",
        "A restraint reduction plan with measurable outcomes and actions",
        _RRN_TS,
        _PROVIDERS,
    ),
    _verified(
        "rrn-ts:2",
        "Section 2: curriculum content",
        _RRN_TS,
        FIRST_READING,
        "The section was seen; what it requires in detail is read from providers' readings.",
    ),
    _verified(
        "rrn-ts:3",
        "Section 3: post-delivery processes (competence, refreshers, evaluation, learning)",
        _RRN_TS,
        FIRST_READING,
        "The section was seen; its refresher figures are providers' readings.",
    ),
    _reported("rrn-ts:3.1", "Learners' competence is assessed", _RRN_TS, _PROVIDERS),
    _verified(
        "rrn-ts:4",
        "Section 4: trainer standards (competence, qualification, "
        "updates, quality assurance of affiliate trainers)",
        _RRN_TS,
        FIRST_READING,
        "The section was seen; trainer figures (experience, first aid) are providers' readings.",
    ),
    # BILD ACT certification
    _verified(
        "bild-act:certification",
        "Training services are certified (UKAS-accredited, "
        "ISO/IEC 17065:2012); a certificate lasts three years",
        _BILD,
        SECOND_READING,
    ),
    _reported(
        "bild-act:scope",
        "What a certificate covers: settings, populations and specialist modules",
        _BILD,
        "The register's fields were not seen; the scope "
        "is read from BILD ACT's eligibility form as providers describe it.",
    ),
    _reported(
        "bild-act:affiliates",
        "Internal delivery is certified only under an approved "
        "affiliate arrangement of a certified provider",
        _BILD,
        "The project brief's "
        "reading of the scheme; BILD ACT's observation of 20% of affiliate "
        "organisations per cycle was seen (2026-12-04).",
    ),
    # RRN membership
    _verified(
        "rrn-membership:action-plan",
        "Members publish a restraint-reduction action plan and commit to it for two years",
        "https://restraintreductionnetwork.org/",
        FIRST_READING,
    ),
    # NICE
    _verified(
        "nice-ng10:prone-restraint",
        "Avoid taking a person to the floor; if unavoidable, supine in preference to prone; "
        "prone for as short a time as possible",
        _NG10,
        SECOND_READING,
        "Seen on NG10's implementation page, with: prone restraint \"can, and has, caused "
        'death after as little as 10 minutes". The 10-minute split is Assuring '
        "Transformation's reporting category, not a NICE limit: the figure is a parameter.",
    ),
    _reported(
        "nice-ng10:manual-restraint",
        "Do not routinely use manual restraint for more than 10 minutes; manual restraint is "
        "a hands-on method whatever the position",
        _NG10,
        "The definition of manual restraint was seen (2026-11-28); the 10-minute "
        "recommendation is a secondary reading, not seen in the second reading (December "
        "2026): a configurable figure.",
    ),
    _reported(
        "nice-ng10:rapid-tranquillisation",
        "Monitoring after rapid tranquillisation, "
        "every 15 minutes in the higher-risk circumstances",
        _NG10,
        "rrnkit's primer; the higher-risk circumstances were not seen at source.",
    ),
    _reported(
        "nice-ng10:post-incident",
        "Post-incident debrief and the formal external review within 72 hours",
        _NG10,
        "A secondary reading; the 72-hour figure was "
        "not seen in the second reading: a configurable figure.",
    ),
    _verified(
        "nice-qs154:statement-4",
        "Statement 4: after rapid tranquillisation, monitoring at least "
        "hourly until there are no further concerns",
        _QS154,
        SECOND_READING,
    ),
    _verified(
        "nice-qs154:statement-5",
        "Statement 5: an immediate post-incident debrief involving the service user",
        _QS154,
        SECOND_READING,
    ),
    # Positive and Proactive Care
    _verified("pp-care:no-pain", "No deliberate use of pain", _PPC, FIRST_READING),
    _verified("pp-care:no-prone", "No planned or intentional prone restraint", _PPC, FIRST_READING),
    _reported(
        "pp-care:staff-training",
        "Staff who may use restrictive interventions are trained",
        _PPC,
        "rrnkit's primer's summary of the guidance; the text was not "
        "seen again in the second reading.",
    ),
    _reported(
        "pp-care:post-incident-review",
        "Post-incident review and debrief",
        _PPC,
        "rrnkit's primer's summary of the guidance; the text was not seen again in the "
        "second reading.",
    ),
    # Mental Health Act Code of Practice
    # Equality Act 2010
    _reported(
        "equality-act:4",
        "The protected characteristics",
        "https://www.legislation.gov.uk/ukpga/2010/15/section/4",
        ADDED_WITH_RULE,
    ),
    _reported(
        "mha-code:26",
        "Chapter 26: no planned or intentional prone restraint on any "
        "surface without cogent reasons",
        _MHA_CODE,
        "The first primer marked it "
        "verified; the second reading (December 2026) did not see it and reports it "
        "from secondary readings.",
    ),
)
"""Every clause the register holds, framework by framework."""

_BY_CITATION = {str(c.ref): c for c in CLAUSES}


def clause_source(ref: StandardRef | str) -> ClauseSource | None:
    """Return the register's entry for a citation, or None when it holds none."""
    return _BY_CITATION.get(str(ref))


def shipped_frameworks() -> tuple[FrameworkInfo, ...]:
    """Return the frameworks rrnkit ships, in the register's order."""
    return tuple(info for info in frameworks().values() if info.shipped)


def missing(citations: Iterable[StandardRef | str]) -> list[str]:
    """Return the citations the register does not hold, each once, in order."""
    return [c for c in dict.fromkeys(map(str, citations)) if c not in _BY_CITATION]


def _cell(text: str) -> str:
    from rrnkit._internal.pages import cell

    return cell(text)


def render_markdown(clauses: Iterable[ClauseSource] = CLAUSES) -> str:
    """Render the register as ``docs/sources.md``: the frameworks, then each one's clauses."""
    held = list(clauses)
    lines = [
        "# Sources",
        "",
        "Generated from `rrnkit.model.sources` by",
        "`python -m rrnkit.model.sources docs/sources.md`; do not edit by hand.",
        "",
        "Every framework rrnkit ships and every clause its rules cite: its authority,",
        "whether its text was **verified** (seen at its source, with the date seen) or is",
        "**reported** (a secondary reading, with whose reading it is), and where it is",
        "published. A rule resting on a reported clause is only as good as that reading;",
        "its figures are parameters you can change. The [rule catalogue](rules.md) links",
        "each rule's citations here. rrnkit checks evidence against published standards;",
        "it is not a certification body.",
        "",
        "| framework | authority | edition | clauses | verified |",
        "|---|---|---|---|---|",
    ]
    infos = shipped_frameworks()
    for info in infos:
        mine = [c for c in held if c.ref.framework == info.id]
        verified = sum(c.status is SourceStatus.VERIFIED for c in mine)
        lines.append(
            f"| [`{info.id}`](#{info.id}) | {info.authority.words} | "
            f"{_cell(info.edition or 'not pinned')} | {len(mine)} | {verified} |"
        )
    lines.append("")
    for info in infos:
        lines += [f"## {_cell(info.title)} {{#{info.id}}}", ""]
        lines.append(f"- Id: `{info.id}`; authority: **{info.authority.words}**")
        if info.edition:
            lines.append(f"- Edition: {_cell(info.edition)}")
        if info.url:
            lines.append(f"- Published at: <{info.url}>")
        lines.append("")
        for clause in (c for c in held if c.ref.framework == info.id):
            lines += [f"### `{clause.ref}`: {_cell(clause.title)} {{#{clause.anchor}}}", ""]
            status = clause.status.value
            if clause.seen is not None:
                status += f", seen {clause.seen.isoformat()}"
            lines.append(f"- Status: **{status}**")
            if clause.url:
                lines.append(f"- Source: <{clause.url}>")
            if clause.note:
                lines.append(f"- Note: {_cell(clause.note)}")
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Write the sources register to the path in ``argv`` (or to standard output)."""
    from rrnkit._internal.pages import write_page

    return write_page(render_markdown(), argv)


__all__ = [
    "ADDED_WITH_RULE",
    "CLAUSES",
    "FIRST_READING",
    "SECOND_READING",
    "ClauseSource",
    "SourceStatus",
    "anchor",
    "clause_source",
    "main",
    "missing",
    "render_markdown",
    "shipped_frameworks",
]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
