"""Value types shared across document kinds: identifiers, NHS numbers, periods."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any, NewType

import attrs

from rrnkit.model._meta import FieldProblem, constrained, doc, portable_regex

# For a type checker an identifier and an NHS number are plain text, so a
# literal needs no cast: the model's validators check their form when a
# document is built (the documented route). At run time they stay distinct
# NewTypes, which the schema, the converter and the strategies recognise.
if TYPE_CHECKING:
    Identifier = str
    """A stable identifier of a document or a thing inside one (letters, digits, ``._:-``).

    Plain ``str`` to a type checker; its form is checked when a document is built."""

    NhsNumber = str
    """A ten-digit NHS number whose last digit is its modulus-11 check digit.

    Plain ``str`` to a type checker; its form is checked when a document is built."""
else:
    Identifier = NewType("Identifier", str)
    NhsNumber = NewType("NhsNumber", str)

IDENTIFIER_DESCRIPTION = (
    "A stable identifier of a document or a thing inside one: a letter or digit, then up to "
    "127 letters, digits, '.', '_', ':' or '-'."
)
"""How schemas describe an identifier (a NewType's own docstring is not kept at run time)."""


IDENTIFIER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
NHS_NUMBER_PATTERN = "^[0-9]{10}$"
_IDENTIFIER = portable_regex(IDENTIFIER_PATTERN)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by whole calendar months, clamped to the month's last day.

    A move past the ends of the calendar Python dates can hold stops there: it
    gives ``datetime.date.min`` (0001-01-01) or ``datetime.date.max``
    (9999-12-31), so every date the schema accepts can open or close a window.
    """
    total = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(total, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def nhs_number_check_digit(first_nine: str) -> int | None:
    """Return the modulus-11 check digit for nine digits, or None when none exists.

    The NHS weights the digits 10 down to 2; a remainder giving 10 means the
    number can never be valid.
    """
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(value: str) -> bool:
    """Tell whether ``value`` is ten ASCII digits with a correct check digit."""
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    # Unrolled on the byte values (weights 10 down to 2; they sum to 54, hence
    # the 48 * 54 taking off ord("0") from each): this runs once per record.
    d = value.encode("ascii")
    total = (
        10 * d[0] + 9 * d[1] + 8 * d[2] + 7 * d[3] + 6 * d[4]
        + 5 * d[5] + 4 * d[6] + 3 * d[7] + 2 * d[8] - 48 * 54
    )  # fmt: skip
    check = 11 - total % 11
    return (0 if check == 11 else check) == d[9] - 48


def valid_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Attrs validator: an identifier matches the identifier pattern."""
    if value is not None and not _IDENTIFIER.match(value):
        raise FieldProblem(attribute.name, "value.identifier", "is not a valid identifier")


def valid_nhs_number(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Attrs validator: an NHS number has ten digits and a correct check digit."""
    if value is not None and not is_valid_nhs_number(value):
        raise FieldProblem(
            attribute.name,
            "value.nhs-number",
            "is not a valid NHS number (ten digits with a modulus-11 check digit)",
        )


def aware(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Attrs validator: a date-time carries a UTC offset (naive ones are ambiguous)."""
    if value is not None and value.utcoffset() is None:
        raise FieldProblem(attribute.name, "value.naive-datetime", "has no UTC offset")


def each(validator: Any) -> Any:
    """Attrs validator factory: apply ``validator`` to every item of a tuple."""
    return attrs.validators.deep_iterable(member_validator=validator)


@attrs.frozen(repr=False)
class NotBefore:
    """Attrs validator: the field is not earlier than field ``other`` (an order rule).

    A value, not a closure, so the schema-free checks and the strategies can
    read which fields each rule orders.
    """

    other: str

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Refuse a value earlier than the other field's."""
        start = getattr(instance, self.other)
        if value is not None and start is not None and value < start:
            raise FieldProblem(attribute.name, "value.order", f"is earlier than {self.other}")

    def __repr__(self) -> str:
        """Show the rule as it is declared."""
        return f"not_before({self.other!r})"


def not_before(other: str) -> NotBefore:
    """Attrs validator factory: this field is not earlier than field ``other``."""
    return NotBefore(other)


@attrs.frozen(field_transformer=constrained)
class Period:
    """A span of calendar days, both ends included."""

    start: dt.date = attrs.field(metadata=doc("First day of the period."))
    end: dt.date = attrs.field(
        validator=not_before("start"),
        metadata=doc("Last day of the period (not before the start)."),
    )

    def contains(self, day: dt.date) -> bool:
        """Tell whether ``day`` falls inside the period."""
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        """Number of days covered, both ends included."""
        return (self.end - self.start).days + 1


@attrs.frozen(field_transformer=constrained)
class ExternalIdentifier:
    """An identifier an outside register gives the organisation (ODS code, CQC id, URN)."""

    system: str = attrs.field(
        metadata=doc(
            "The register that issued it, e.g. 'ods', 'cqc-provider', 'cqc-location', "
            "'dfe-urn', 'companies-house', 'charity'.",
            minLength=1,
            maxLength=64,
        )
    )
    value: str = attrs.field(
        metadata=doc("The identifier as the register writes it.", minLength=1, maxLength=64)
    )
