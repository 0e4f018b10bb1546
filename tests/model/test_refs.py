"""Frameworks as data: authorities, the shipped frameworks and registering one's own."""

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rrnkit
from rrnkit.model import (
    Authority,
    Framework,
    FrameworkInfo,
    StandardRef,
    framework_info,
    frameworks,
    register_framework,
)
from rrnkit.model.refs import FRAMEWORK_ID_PATTERN, strongest

SHIPPED = {
    "uof-act": Authority.STATUTE,
    "uof-guidance": Authority.STATUTORY_GUIDANCE,
    "rrn-ts": Authority.NATIONAL_STANDARD,
    "bild-act": Authority.NATIONAL_STANDARD,
    "rrn-membership": Authority.VOLUNTARY_COMMITMENT,
    "nice-ng10": Authority.GOOD_PRACTICE_GUIDANCE,
    "nice-qs154": Authority.GOOD_PRACTICE_GUIDANCE,
    "pp-care": Authority.GOOD_PRACTICE_GUIDANCE,
    "mha-code": Authority.STATUTORY_GUIDANCE,
    "equality-act": Authority.STATUTE,
    "mhsds": Authority.DATA_STANDARD,
}


def test_every_shipped_framework_has_its_authority_and_a_url() -> None:
    registered = frameworks()
    for framework_id, authority in SHIPPED.items():
        info = registered[framework_id]
        assert info.authority is authority
        assert info.shipped
        assert info.title
        assert info.url is not None
        assert info.url.startswith("https://")
    assert {f.value for f in Framework} == set(SHIPPED)
    assert all(Framework(f).info is registered[f] for f in SHIPPED)


def test_authorities_are_ordered_strongest_first() -> None:
    order = [
        Authority.STATUTE,
        Authority.STATUTORY_GUIDANCE,
        Authority.NATIONAL_STANDARD,
        Authority.VOLUNTARY_COMMITMENT,
        Authority.ORGANISATIONAL_POLICY,
        Authority.GOOD_PRACTICE_GUIDANCE,
        Authority.DATA_STANDARD,
    ]
    assert sorted(Authority, key=lambda a: -a.rank) == order
    assert [a.binding for a in order] == [True] * 5 + [False] * 2
    assert strongest([]) is None


@given(st.lists(st.sampled_from(Authority), min_size=1))
def test_strongest_is_the_highest_ranked_and_ignores_order(authorities: list[Authority]) -> None:
    best = strongest(authorities)
    assert best in authorities
    assert all(best.rank >= a.rank for a in authorities)  # type: ignore[union-attr]
    assert strongest(reversed(authorities)) is best


def test_a_citation_holds_the_framework_id_and_stays_compatible_with_framework_names() -> None:
    ref = StandardRef.parse("uof-act:6(5)(a)")
    assert ref.framework == "uof-act"
    assert ref.framework == Framework.UOF_ACT
    assert type(ref.framework) is str
    assert StandardRef(Framework.UOF_ACT, "6(5)(a)") == ref
    assert hash(StandardRef(Framework.UOF_ACT, "6(5)(a)")) == hash(ref)
    assert ref.authority is Authority.STATUTE
    assert ref.info.title == "Mental Health Units (Use of Force) Act 2018"


def test_an_unregistered_framework_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"register it with rrnkit\.register_framework"):
        StandardRef.parse("never-registered:4.2")
    with pytest.raises(KeyError, match="register_framework"):
        framework_info("never-registered")


def test_registering_a_framework_of_ones_own() -> None:
    info = register_framework(
        "refs-test-policy",
        title="Trust restraint policy",
        authority="organisational-policy",
        url="https://example.org/policy",
        edition="v3",
    )
    assert info == FrameworkInfo(
        "refs-test-policy",
        title="Trust restraint policy",
        authority=Authority.ORGANISATIONAL_POLICY,
        url="https://example.org/policy",
        edition="v3",
    )
    assert not info.shipped
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        info.title = "changed"  # type: ignore[misc]
    assert framework_info("refs-test-policy") is info
    assert "refs-test-policy" in frameworks()
    assert list(frameworks())[: len(SHIPPED)] == list(SHIPPED)
    # The same data again is a no-op; different data is an error.
    again = register_framework(
        "refs-test-policy",
        title="Trust restraint policy",
        authority=Authority.ORGANISATIONAL_POLICY,
        url="https://example.org/policy",
        edition="v3",
    )
    assert again is info
    with pytest.raises(ValueError, match="different data"):
        register_framework(
            "refs-test-policy", title="Another", authority=Authority.ORGANISATIONAL_POLICY
        )
    ref = StandardRef.parse("refs-test-policy:4.2")
    assert ref.authority is Authority.ORGANISATIONAL_POLICY
    assert str(ref) == "refs-test-policy:4.2"


@pytest.mark.parametrize("framework_id", sorted(SHIPPED))
def test_shipped_frameworks_cannot_be_registered_over(framework_id: str) -> None:
    info = framework_info(framework_id)
    with pytest.raises(ValueError, match="ships with rrnkit"):
        register_framework(
            framework_id, title=info.title, authority=info.authority, url=info.url,
            edition=info.edition,
        )  # fmt: skip


@pytest.mark.parametrize(
    "bad", ["", "Trust", "trust_policy", "trust policy", "-trust", "trust-", "a--b", "trust:4"]
)
def test_framework_ids_must_be_safe(bad: str) -> None:
    with pytest.raises(ValueError, match="framework id"):
        register_framework(bad, title="t", authority=Authority.ORGANISATIONAL_POLICY)
    with pytest.raises(ValueError, match=r"."):
        StandardRef(bad, "1")


def test_a_registered_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="URL"):
        register_framework(
            "refs-bad-url", title="t", authority=Authority.ORGANISATIONAL_POLICY, url="file:///x"
        )


@given(st.from_regex(FRAMEWORK_ID_PATTERN, fullmatch=True))
def test_any_safe_id_can_name_a_citation(framework_id: str) -> None:
    assert str(StandardRef(framework_id, "1.2")) == f"{framework_id}:1.2"


def test_the_public_names_are_exported() -> None:
    for name in (
        "Authority",
        "FrameworkInfo",
        "framework_info",
        "frameworks",
        "register_framework",
    ):
        assert name in rrnkit.__all__
        assert getattr(rrnkit, name) is getattr(rrnkit.model, name)
        assert getattr(rrnkit, name).__doc__
