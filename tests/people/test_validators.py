"""National register numbers and enterprise numbers, with real-format edge cases."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from loket.people.validators import (
    enterprise_number_build,
    enterprise_number_format,
    enterprise_number_normalise,
    national_number_build,
    national_number_parse,
)


def test_national_number_born_in_the_twentieth_century():
    # 85.07.30-033.xx: 97 - (850730033 mod 97) = 28
    parsed = national_number_parse("85073003328")
    assert parsed.birth_date == dt.date(1985, 7, 30)
    assert parsed.sex == "M"
    assert parsed.is_bis is False
    assert parsed.formatted == "85.07.30-033.28"


def test_national_number_born_from_2000_uses_the_leading_two():
    # 2 January 2001, counter 002: 97 - (2010102002 mod 97) = 92
    parsed = national_number_parse("01010200292")
    assert parsed.birth_date == dt.date(2001, 1, 2)
    assert parsed.sex == "F"


def test_the_check_digits_tell_the_century():
    # Same first nine digits; 97 - (10102002 mod 97) = 63 belongs to someone born in 1901.
    assert national_number_parse("01010200263").birth_date == dt.date(1901, 1, 2)
    assert national_number_parse("01010200292").birth_date == dt.date(2001, 1, 2)


def test_separators_are_accepted():
    assert national_number_parse("85.07.30-033.28").digits == "85073003328"
    assert national_number_parse(" 850730 033 28 ").digits == "85073003328"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("8507300332", "national_number_length"),
        ("850730033281", "national_number_length"),
        ("85O73003328", "national_number_length"),
        ("", "national_number_length"),
        ("85073003329", "national_number_checksum"),
        ("85073099999", "national_number_checksum"),
    ],
)
def test_malformed_national_numbers(value, code):
    with pytest.raises(ValidationError) as error:
        national_number_parse(value)
    assert error.value.code == code


def test_impossible_birth_date_is_refused_even_with_valid_check_digits():
    # 30 February 1990 with correctly computed check digits
    base = 900230001
    number = f"{base}{97 - base % 97:02d}"
    with pytest.raises(ValidationError) as error:
        national_number_parse(number)
    assert error.value.code == "national_number_date"


def test_leap_day_is_a_real_birth_date():
    number = national_number_build(dt.date(2000, 2, 29), 7)
    assert national_number_parse(number).birth_date == dt.date(2000, 2, 29)


def test_future_birth_date_is_refused():
    number = national_number_build(dt.date(2030, 5, 1), 1)
    with pytest.raises(ValidationError) as error:
        national_number_parse(number, today=dt.date(2026, 11, 24))
    assert error.value.code == "national_number_future"


def test_day_counter_000_is_refused():
    base = 850730000
    with pytest.raises(ValidationError) as error:
        national_number_parse(f"{base}{97 - base % 97:02d}")
    assert error.value.code == "national_number_counter"


def test_bis_number_with_unknown_sex_adds_twenty_to_the_month():
    base = 852730033  # month 07 + 20
    parsed = national_number_parse(f"{base}{97 - base % 97:02d}")
    assert parsed.is_bis is True
    assert parsed.sex is None
    assert parsed.birth_date == dt.date(1985, 7, 30)


def test_bis_number_with_known_sex_adds_forty_to_the_month():
    base = 854730034
    parsed = national_number_parse(f"{base}{97 - base % 97:02d}")
    assert parsed.is_bis is True
    assert parsed.sex == "F"


def test_unknown_birth_month_and_day_are_allowed():
    base = 850000033
    parsed = national_number_parse(f"{base}{97 - base % 97:02d}")
    assert parsed.birth_date is None


def test_check_digits_97_when_remainder_is_zero():
    base = next(b for b in range(850730001, 850730998) if b % 97 == 0)
    parsed = national_number_parse(f"{base}97")
    assert parsed.digits.endswith("97")


def test_errors_are_translated():
    with translation.override("en"):
        assert _message("123") == "A national register number has exactly 11 digits."
    with translation.override("nl"):
        assert _message("123") == "Een rijksregisternummer telt precies 11 cijfers."
    with translation.override("fr"):
        assert _message("123") == "Un numéro de registre national compte exactement 11 chiffres."


def _message(value):
    try:
        national_number_parse(value)
    except ValidationError as error:
        return error.messages[0]
    raise AssertionError("expected an error")


def test_enterprise_number_formats():
    assert enterprise_number_normalise("0123.456.749") == "0123456749"
    assert enterprise_number_normalise("BE 0123 456 749") == "0123456749"
    assert enterprise_number_normalise("be0123456749") == "0123456749"
    assert enterprise_number_normalise("123.456.749") == "0123456749"  # old nine-digit form
    assert enterprise_number_format("0123456749") == "0123.456.749"


def test_enterprise_number_starting_with_one():
    number = enterprise_number_build(10000012)
    assert number.startswith("1")
    assert enterprise_number_normalise(number) == number


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0123.456.748", "enterprise_number_checksum"),
        ("2123456789", "enterprise_number_prefix"),
        ("01234567", "enterprise_number_length"),
        ("NL0123456749", "enterprise_number_length"),
    ],
)
def test_invalid_enterprise_numbers(value, code):
    with pytest.raises(ValidationError) as error:
        enterprise_number_normalise(value)
    assert error.value.code == code
