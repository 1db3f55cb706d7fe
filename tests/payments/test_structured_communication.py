import pytest
from django.core.exceptions import ValidationError

from loket.payments.structured_communication import (
    check_digits,
    structured_communication_from_base,
    structured_communication_parse,
    structured_communications_in_text,
)


def test_check_digits_are_the_remainder_modulo_97():
    assert check_digits(909337554) == 93
    assert check_digits(1234000001) == 48


def test_a_remainder_of_zero_gives_check_digits_97():
    assert 97 * 12345 % 97 == 0
    assert structured_communication_from_base(97 * 12345).digits == "000119746597"


def test_base_zero_gives_97_and_the_base_has_ten_digits():
    assert structured_communication_from_base(0).digits == "000000000097"
    with pytest.raises(ValueError, match="ten digits"):
        check_digits(10**10)


def test_formatted_as_banks_print_it():
    assert structured_communication_from_base(1234000001).formatted == "+++123/4000/00148+++"


@pytest.mark.parametrize(
    "typed",
    [
        "+++090/9337/55493+++",
        "***090/9337/55493***",
        "090/9337/55493",
        "090933755493",
        " +++ 090 / 9337 / 55493 +++ ",
        "090 9337 55493",
        "090.9337.55493",
    ],
)
def test_input_with_and_without_plus_signs_and_slashes_is_accepted(typed):
    assert structured_communication_parse(typed).digits == "090933755493"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("+++090/9337/55494+++", "structured_communication_checksum"),
        ("090933755400", "structured_communication_checksum"),
        ("+++090/9337/5549+++", "structured_communication_length"),
        ("0909337554930", "structured_communication_length"),
        ("+++09O/9337/55493+++", "structured_communication_format"),
        ("", "structured_communication_format"),
        ("RF18539007547034", "structured_communication_format"),
    ],
)
def test_wrong_input_is_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as raised:
        structured_communication_parse(typed)
    assert raised.value.code == code


def test_check_digits_00_are_never_valid():
    # 97 stands for a remainder of 0, so a number ending in 00 is always wrong
    with pytest.raises(ValidationError):
        structured_communication_parse("000000009700")


def test_found_in_a_free_text_message():
    found = structured_communications_in_text(
        "Betaling +++123/4000/00148+++ en ***123/4000/00249*** voor 2 kaarten"
    )
    assert [c.digits for c in found] == ["123400000148", "123400000249"]


def test_bare_digits_in_text_count_only_with_right_check_digits():
    assert [c.digits for c in structured_communications_in_text("ref 123400000148")] == [
        "123400000148"
    ]
    assert structured_communications_in_text("ref 123400000149 tel 0475123456") == []
    assert structured_communications_in_text("rekening 1234000001480") == []
