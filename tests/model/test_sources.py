"""The sources register: each cited clause once, verified with a date or reported with a note."""

import datetime as dt

import pytest

from rrnkit.model import StandardRef, frameworks
from rrnkit.model.sources import (
    CLAUSES,
    FIRST_READING,
    SECOND_READING,
    ClauseSource,
    SourceStatus,
    anchor,
    clause_source,
    missing,
    render_markdown,
    shipped_frameworks,
)


def test_each_clause_is_held_once_and_names_a_shipped_framework() -> None:
    texts = [str(c.ref) for c in CLAUSES]
    assert len(texts) == len(set(texts))
    shipped = {info.id for info in shipped_frameworks()}
    assert {c.ref.framework for c in CLAUSES} <= shipped
    anchors = [c.anchor for c in CLAUSES]
    assert len(anchors) == len(set(anchors))


def test_verified_clauses_have_a_reading_date_and_reported_ones_a_note() -> None:
    for clause in CLAUSES:
        assert clause.title
        if clause.status is SourceStatus.VERIFIED:
            assert clause.seen in (FIRST_READING, SECOND_READING), clause.ref
        else:
            assert clause.seen is None, clause.ref
            assert clause.note, clause.ref
        assert clause.url is None or clause.url.startswith("https://")


def test_an_entry_cannot_claim_what_it_has_not_seen() -> None:
    ref = StandardRef.parse("uof-act:6(1)")
    with pytest.raises(ValueError, match="date it was seen"):
        ClauseSource(ref=ref, title="t", status=SourceStatus.VERIFIED)
    with pytest.raises(ValueError, match="date it was seen"):
        ClauseSource(
            ref=ref, title="t", status=SourceStatus.REPORTED, note="n", seen=dt.date(2026, 1, 1)
        )
    with pytest.raises(ValueError, match="whose reading"):
        ClauseSource(ref=ref, title="t", status=SourceStatus.REPORTED)


@pytest.mark.parametrize(
    ("citation", "status"),
    [
        # domain.md: the Act's sections were seen; s.5 again in the second reading.
        ("uof-act:6(5)(h)", SourceStatus.VERIFIED),
        ("uof-act:5(5)", SourceStatus.VERIFIED),
        # RRN clause numbers are providers' readings; certified training is quoted by BILD ACT.
        ("rrn-ts:1.1.1", SourceStatus.REPORTED),
        ("uof-guidance:certified-training", SourceStatus.REPORTED),
        ("nice-qs154:statement-4", SourceStatus.VERIFIED),
    ],
)
def test_statuses_follow_the_domain_primer(citation: str, status: SourceStatus) -> None:
    entry = clause_source(citation)
    assert entry is not None
    assert entry.status is status


def test_second_reading_dates() -> None:
    assert clause_source("uof-act:5(5)").seen == SECOND_READING  # type: ignore[union-attr]
    # s.6 was read again at its source in the second reading (December 2026).
    assert clause_source("uof-act:6(6)").seen == SECOND_READING  # type: ignore[union-attr]
    assert clause_source("uof-act:2(2)").seen == FIRST_READING  # type: ignore[union-attr]


def test_missing_and_anchor() -> None:
    assert missing(["uof-act:6(6)", "uof-act:99", "uof-act:99"]) == ["uof-act:99"]
    assert anchor("uof-act:6(5)(a)") == "uof-act-6-5-a"
    assert anchor(StandardRef.parse("rrn-ts:1.1.1")) == "rrn-ts-1-1-1"


def test_the_page_lists_every_framework_and_clause_with_an_anchor() -> None:
    page = render_markdown()
    for info in shipped_frameworks():
        assert f"{{#{info.id}}}" in page
        assert info.authority.words in page
    for clause in CLAUSES:
        assert f"### `{clause.ref}`" in page
        assert f"{{#{clause.anchor}}}" in page
    assert all(info.shipped for info in shipped_frameworks())
    assert len(shipped_frameworks()) == sum(info.shipped for info in frameworks().values())
