import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rrnkit.model import (
    FieldProblem,
    Framework,
    Patient,
    Period,
    StandardRef,
    is_valid_nhs_number,
    nhs_number_check_digit,
)


def test_known_nhs_numbers() -> None:
    # 943 476 5919 is the NHS's own documented example of a valid number.
    assert is_valid_nhs_number("9434765919")
    assert not is_valid_nhs_number("9434765918")
    assert not is_valid_nhs_number("943476591")
    assert not is_valid_nhs_number("94347659190")
    assert not is_valid_nhs_number("943476591x")
    full_width = "".join(chr(0xFF10 + int(d)) for d in "9434765919")
    assert not is_valid_nhs_number(full_width)  # full-width digits are not ASCII


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_check_digit_completes_a_valid_number(first_nine: str) -> None:
    digit = nhs_number_check_digit(first_nine)
    if digit is None:  # remainder 10: no number with these nine digits is valid
        assert not any(is_valid_nhs_number(first_nine + str(d)) for d in range(10))
    else:
        valid = [d for d in range(10) if is_valid_nhs_number(first_nine + str(d))]
        assert valid == [digit]


def test_invalid_nhs_number_is_refused_without_echoing_it() -> None:
    with pytest.raises(FieldProblem) as info:
        Patient(nhs_number="9434765918")
    assert info.value.code == "value.nhs-number"
    assert "9434765918" not in str(info.value)


def test_sensitive_values_are_hidden_from_repr() -> None:
    text = repr(Patient(name="Sam Example", nhs_number="9434765919"))
    assert "Sam Example" not in text
    assert "9434765919" not in text
    assert "<redacted>" in text


def test_period_end_not_before_start() -> None:
    assert Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1)).days == 1
    with pytest.raises(FieldProblem) as info:
        Period(start=dt.date(2026, 1, 2), end=dt.date(2026, 1, 1))
    assert (info.value.field, info.value.code) == ("end", "value.order")


@pytest.mark.parametrize(
    ("text", "framework", "clause"),
    [
        ("uof-act:6(2)(h)", Framework.UOF_ACT, "6(2)(h)"),
        ("rrn-ts:1.1.1", Framework.RRN_TS, "1.1.1"),
        ("mhsds:MHS505", Framework.MHSDS, "MHS505"),
    ],
)
def test_standard_ref_round_trips_its_canonical_form(
    text: str, framework: Framework, clause: str
) -> None:
    ref = StandardRef.parse(text)
    assert (ref.framework, ref.clause) == (framework, clause)
    assert str(ref) == text


@pytest.mark.parametrize("text", ["uof-act", "nope:1", "rrn-ts:", "rrn-ts:1 1"])
def test_standard_ref_rejects_malformed_citations(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        StandardRef.parse(text)
