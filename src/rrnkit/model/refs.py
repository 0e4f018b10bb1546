"""Citations: which clause of which framework a rule or field rests on.

A framework is data: an id, a title, an :class:`Authority` (how binding it is),
a URL and an optional edition. rrnkit ships the frameworks its rules cite
(:class:`Framework` names their ids); a caller may register its own, such as
an organisation's policy, with :func:`register_framework` and cite it as
``"trust-policy:4.2"`` in a custom rule.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs


class Authority(enum.Enum):
    """How binding a framework is: what its clauses can oblige an organisation to do.

    Members are ordered from the strongest (statute) to the weakest (a data
    standard, which defines how to record, not what to do); :attr:`rank` gives
    that order. A rule's default severity follows the strongest authority it
    cites (see :attr:`default_severity`).
    """

    STATUTE = "statute"
    """An Act of Parliament: its duties are law."""
    STATUTORY_GUIDANCE = "statutory-guidance"
    """Guidance issued under an Act, which those it addresses must follow or justify departing
    from (the Use of Force Act guidance, the Mental Health Act Code of Practice)."""
    NATIONAL_STANDARD = "national-standard"
    """A national standard and the certification against it (the RRN Training Standards,
    BILD ACT), which the regulator expects."""
    VOLUNTARY_COMMITMENT = "voluntary-commitment"
    """A commitment an organisation chose to make (RRN membership and its action plan)."""
    ORGANISATIONAL_POLICY = "organisational-policy"
    """An organisation's own policy or framework, registered by the caller."""
    GOOD_PRACTICE_GUIDANCE = "good-practice-guidance"
    """Recommendations that are not mandatory (NICE; Positive and Proactive Care)."""
    DATA_STANDARD = "data-standard"
    """A national data set: how to record, not a source of duties (MHSDS)."""

    __hash__ = object.__hash__  # identity, hashed in C: counted once per outcome

    @property
    def rank(self) -> int:
        """Strength: 6 for statute down to 0 for a data standard."""
        return _RANK[self]

    @property
    def words(self) -> str:
        """The authority in words, as reports print it (``statutory guidance``)."""
        return _WORDS[self]

    @property
    def binding(self) -> bool:
        """Whether rules resting on it default to ``error`` (else ``warning``)."""
        return self.rank >= _RANK[Authority.ORGANISATIONAL_POLICY]


_WORDS = {
    Authority.STATUTE: "statute",
    Authority.STATUTORY_GUIDANCE: "statutory guidance",
    Authority.NATIONAL_STANDARD: "national standard",
    Authority.VOLUNTARY_COMMITMENT: "voluntary commitment",
    Authority.ORGANISATIONAL_POLICY: "organisational policy",
    Authority.GOOD_PRACTICE_GUIDANCE: "good-practice guidance",
    Authority.DATA_STANDARD: "data standard",
}

_RANK = {
    authority: 6 - n
    for n, authority in enumerate(
        (
            Authority.STATUTE,
            Authority.STATUTORY_GUIDANCE,
            Authority.NATIONAL_STANDARD,
            Authority.VOLUNTARY_COMMITMENT,
            Authority.ORGANISATIONAL_POLICY,
            Authority.GOOD_PRACTICE_GUIDANCE,
            Authority.DATA_STANDARD,
        )
    )
}


def strongest(authorities: Iterable[Authority]) -> Authority | None:
    """Return the strongest of ``authorities`` (None when there are none)."""
    return max(authorities, key=_RANK.__getitem__, default=None)


FRAMEWORK_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
"""What a framework id looks like: lower-case letters and digits in hyphenated words."""
_FRAMEWORK_ID = re.compile(FRAMEWORK_ID_PATTERN)

CLAUSE_PATTERN = "^[0-9A-Za-z][0-9A-Za-z().-]*$"
"""What a clause reference looks like (``6(5)(a)``, ``1.1.1``, ``post-incident``)."""
_CLAUSE = re.compile(CLAUSE_PATTERN)


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _FRAMEWORK_ID.match(value):
        raise ValueError(
            f"{attribute.name} is not a framework id "
            "(lower-case letters, digits and single hyphens, e.g. trust-policy)"
        )


def _check_url(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError(f"{attribute.name} is not an http(s) URL")


@attrs.frozen
class FrameworkInfo:
    """One framework a citation can name: its id, title, authority, URL and edition."""

    id: str = attrs.field(validator=_check_id)
    """The id citations use before the colon (``uof-act`` in ``uof-act:6(5)(a)``)."""
    title: str = attrs.field(kw_only=True)
    """The framework's published title."""
    authority: Authority = attrs.field(kw_only=True, converter=Authority)
    """How binding it is; rules citing it default to a severity that follows it."""
    url: str | None = attrs.field(default=None, kw_only=True, validator=_check_url)
    """Where its text is published, when it is."""
    edition: str | None = attrs.field(default=None, kw_only=True)
    """The edition or version clause numbers belong to, when it matters."""

    shipped: bool = attrs.field(default=False, kw_only=True, eq=False)
    """Whether rrnkit ships it (shipped frameworks cannot be registered over)."""


_SHIPPED = (
    FrameworkInfo(
        "uof-act",
        title="Mental Health Units (Use of Force) Act 2018",
        authority=Authority.STATUTE,
        url="https://www.legislation.gov.uk/ukpga/2018/27",
    ),
    FrameworkInfo(
        "uof-guidance",
        title=(
            "Mental Health Units (Use of Force) Act 2018: statutory guidance for NHS "
            "organisations in England, and police forces in England and Wales"
        ),
        authority=Authority.STATUTORY_GUIDANCE,
        url="https://www.gov.uk/government/publications/mental-health-units-use-of-force-act-2018",
        edition="December 2021",
    ),
    FrameworkInfo(
        "rrn-ts",
        title="Restraint Reduction Network Training Standards",
        authority=Authority.NATIONAL_STANDARD,
        url="https://restraintreductionnetwork.org/know-the-standard/",
        edition="1st edition 2019 (version 1.2, January 2020)",
    ),
    FrameworkInfo(
        "bild-act",
        title="BILD Association of Certified Training: certification against the RRN Training "
        "Standards",
        authority=Authority.NATIONAL_STANDARD,
        url="https://bildact.org.uk/training-standards/",
    ),
    FrameworkInfo(
        "rrn-membership",
        title="Restraint Reduction Network organisational membership and action plan",
        authority=Authority.VOLUNTARY_COMMITMENT,
        url="https://restraintreductionnetwork.org/",
    ),
    FrameworkInfo(
        "nice-ng10",
        title="NICE guideline NG10: Violence and aggression: short-term management in mental "
        "health, health and community settings",
        authority=Authority.GOOD_PRACTICE_GUIDANCE,
        url="https://www.nice.org.uk/guidance/ng10",
        edition="2015",
    ),
    FrameworkInfo(
        "nice-qs154",
        title="NICE quality standard QS154: Violent behaviour and aggression: prevention and "
        "management",
        authority=Authority.GOOD_PRACTICE_GUIDANCE,
        url="https://www.nice.org.uk/guidance/qs154",
    ),
    FrameworkInfo(
        "pp-care",
        title="Positive and Proactive Care: reducing the need for restrictive interventions "
        "(Department of Health)",
        authority=Authority.GOOD_PRACTICE_GUIDANCE,
        url="https://www.gov.uk/government/publications/positive-and-proactive-care-reducing-restrictive-interventions",
        edition="2014",
    ),
    FrameworkInfo(
        "mha-code",
        title="Mental Health Act 1983: Code of Practice",
        authority=Authority.STATUTORY_GUIDANCE,
        url="https://www.gov.uk/government/publications/code-of-practice-mental-health-act-1983",
        edition="2015",
    ),
    FrameworkInfo(
        "equality-act",
        title="Equality Act 2010",
        authority=Authority.STATUTE,
        url="https://www.legislation.gov.uk/ukpga/2010/15",
    ),
    FrameworkInfo(
        "mhsds",
        title="NHS Mental Health Services Data Set",
        authority=Authority.DATA_STANDARD,
        url="https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-sets/mental-health-services-data-set",
        edition="version 5",
    ),
)

_REGISTRY: dict[str, FrameworkInfo] = {
    info.id: attrs.evolve(info, shipped=True) for info in _SHIPPED
}
"""Every framework a citation may name, by id: the shipped ones, then those registered."""


class Framework(str, enum.Enum):
    """The ids of the frameworks rrnkit ships (a member equals its id string).

    Kept so existing code can name shipped frameworks; a citation holds the
    id itself, so ``ref.framework == Framework.UOF_ACT`` holds for
    ``uof-act`` citations. :func:`framework_info` gives the data.
    """

    RRN_TS = "rrn-ts"
    """Restraint Reduction Network Training Standards."""
    UOF_ACT = "uof-act"
    """Mental Health Units (Use of Force) Act 2018."""
    UOF_GUIDANCE = "uof-guidance"
    """Statutory guidance under the Use of Force Act (December 2021)."""
    BILD_ACT = "bild-act"
    """BILD Association of Certified Training: certification scheme."""
    RRN_MEMBERSHIP = "rrn-membership"
    """RRN organisational membership and its action plan."""
    NICE_NG10 = "nice-ng10"
    """NICE guideline NG10 (violence and aggression, 2015)."""
    NICE_QS154 = "nice-qs154"
    """NICE quality standard QS154 (violent behaviour and aggression)."""
    PP_CARE = "pp-care"
    """Positive and Proactive Care (Department of Health, 2014)."""
    MHA_CODE = "mha-code"
    """Mental Health Act 1983 Code of Practice (2015)."""
    EQUALITY_ACT = "equality-act"
    """Equality Act 2010."""
    MHSDS = "mhsds"
    """NHS Mental Health Services Data Set."""

    __hash__ = str.__hash__  # a member hashes as its id, so either finds it in a dict

    @property
    def info(self) -> FrameworkInfo:
        """The shipped framework's data."""
        return _REGISTRY[self.value]


def register_framework(
    id: str,
    *,
    title: str,
    authority: Authority | str,
    url: str | None = None,
    edition: str | None = None,
) -> FrameworkInfo:
    """Register a framework of one's own (an organisation's policy) so rules can cite it.

    After ``register_framework("trust-policy", title="Trust restraint policy",
    authority=Authority.ORGANISATIONAL_POLICY)``, a rule may cite
    ``"trust-policy:4.2"``. Registering the same id with the same data again
    does nothing; with different data, or over a framework rrnkit ships, it
    raises ``ValueError``. The registry lives for the process: register before
    declaring the rules that cite the framework.
    """
    info = FrameworkInfo(id, title=title, authority=authority, url=url, edition=edition)
    known = _REGISTRY.get(info.id)
    if known is not None:
        if known.shipped:
            raise ValueError(f"framework {info.id} ships with rrnkit and cannot be registered over")
        if known != info:
            raise ValueError(f"framework {info.id} is already registered with different data")
        return known
    _REGISTRY[info.id] = info
    return info


def framework_info(id: str) -> FrameworkInfo:
    """Return the registered framework ``id`` (shipped or the caller's); ``KeyError`` if none."""
    try:
        return _REGISTRY[id]
    except KeyError:
        raise KeyError(
            f"no framework {id!r} is registered: register it with rrnkit.register_framework"
        ) from None


def frameworks() -> Mapping[str, FrameworkInfo]:
    """Return every registered framework by id: rrnkit's own first, then the caller's."""
    return dict(_REGISTRY)


def _framework_id(value: str) -> str:
    """Take a framework id as a plain string (a :class:`Framework` member gives its id)."""
    if isinstance(value, Framework):
        return value.value
    return value


def _check_clause(instance: StandardRef, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _CLAUSE.match(value):
        raise ValueError(f"{attribute.name} is not a clause reference")


@attrs.frozen(order=True)
class StandardRef:
    """A citation of one clause, written canonically as ``framework:clause``.

    ``StandardRef.parse("uof-act:6(5)(h)")`` gives the Act's section 6(5)(h);
    the edition, when given, pins the text the clause number belongs to.
    ``framework`` is the framework's id; :attr:`info` and :attr:`authority`
    look it up among the registered frameworks.
    """

    framework: str = attrs.field(converter=_framework_id, validator=_check_id)
    clause: str = attrs.field(validator=_check_clause)
    edition: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def parse(cls, text: str, *, edition: str | None = None) -> StandardRef:
        """Parse the canonical ``framework:clause`` form of a registered framework.

        An unregistered framework id raises ``ValueError`` saying how to register it.
        """
        framework, sep, clause = text.partition(":")
        if not sep:
            raise ValueError("a citation is written framework:clause")
        if framework not in _REGISTRY:
            raise ValueError(
                f"unknown framework {framework!r} in a citation: "
                "register it with rrnkit.register_framework"
            )
        return cls(framework, clause, edition=edition)

    @property
    def info(self) -> FrameworkInfo:
        """The cited framework's data (``KeyError`` if it is not registered)."""
        return framework_info(self.framework)

    @property
    def authority(self) -> Authority:
        """The cited framework's authority."""
        return self.info.authority

    def __str__(self) -> str:
        """Return the canonical ``framework:clause`` form."""
        return f"{self.framework}:{self.clause}"


__all__ = [
    "CLAUSE_PATTERN",
    "FRAMEWORK_ID_PATTERN",
    "Authority",
    "Framework",
    "FrameworkInfo",
    "StandardRef",
    "framework_info",
    "frameworks",
    "register_framework",
    "strongest",
]
