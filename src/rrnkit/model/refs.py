"""Citations: which clause of which framework a rule or field rests on."""

from __future__ import annotations

import enum
import re

import attrs


class Framework(enum.Enum):
    """A published framework that rrnkit checks evidence against."""

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
    PP_CARE = "pp-care"
    """Positive and Proactive Care (Department of Health, 2014)."""
    MHSDS = "mhsds"
    """NHS Mental Health Services Data Set."""


_CLAUSE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z().\-]*$")


def _check_clause(instance: StandardRef, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CLAUSE.match(value):
        raise ValueError(f"{attribute.name} is not a clause reference")


@attrs.frozen(order=True)
class StandardRef:
    """A citation of one clause, written canonically as ``framework:clause``.

    ``StandardRef.parse("uof-act:6(5)(h)")`` gives the Act's section 6(5)(h);
    the edition, when given, pins the text the clause number belongs to.
    """

    framework: Framework = attrs.field(converter=Framework)
    clause: str = attrs.field(validator=_check_clause)
    edition: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def parse(cls, text: str, *, edition: str | None = None) -> StandardRef:
        """Parse the canonical ``framework:clause`` form."""
        framework, sep, clause = text.partition(":")
        if not sep:
            raise ValueError("a citation is written framework:clause")
        return cls(Framework(framework), clause, edition=edition)

    def __str__(self) -> str:
        """Return the canonical ``framework:clause`` form."""
        return f"{self.framework.value}:{self.clause}"
