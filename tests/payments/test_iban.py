import pytest
from django.core.exceptions import ValidationError

from loket.payments.iban import bic_parse, iban_format, iban_is_valid, iban_parse


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("BE68 5390 0754 7034", "BE68539007547034"),
        ("be71096123456769", "BE71096123456769"),
        ("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("LU28 0019 4006 4475 0000", "LU280019400644750000"),
    ],
)
def test_valid_ibans_of_neighbouring_countries(typed, normalised):
    assert iban_parse(typed) == normalised


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("BE68 5390 0754 7035", "iban_checksum"),  # one digit off
        ("BE86 5390 0754 7034", "iban_checksum"),  # check digits swapped
        ("BE68 5390 0754 703", "iban_length"),  # 15 characters for Belgium
        ("BE68539007547034 0", "iban_length"),  # 17 characters for Belgium
        ("NL91ABNA041716430", "iban_length"),
        ("DE8937040044053201300", "iban_length"),
        ("US12345678901234567", "iban_country"),
        ("68539007547034BE", "iban_format"),
        ("", "iban_format"),
    ],
)
def test_wrong_ibans_are_refused(typed, code):
    with pytest.raises(ValidationError) as raised:
        iban_parse(typed)
    assert raised.value.code == code


def test_belgian_national_check_digits_are_checked_too():
    # BE + valid IBAN check digits, but 5390075470 mod 97 is 34, not 35
    candidate = "BE" + "{:02d}" + "539007547035"
    for check in range(100):
        iban = candidate.format(check)
        rearranged = iban[4:] + iban[:4]
        if int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1:
            break
    with pytest.raises(ValidationError) as raised:
        iban_parse(iban)
    assert raised.value.code == "iban_national_checksum"


def test_format_in_groups_of_four():
    assert iban_format("BE68539007547034") == "BE68 5390 0754 7034"
    assert iban_is_valid("be68 5390 0754 7034") is True
    assert iban_is_valid("BE68 5390 0754 7035") is False


@pytest.mark.parametrize(
    "bic", ["GEBABEBB", "gkcc be bb", "KREDBEBB", "BBRUBEBB100", "NWBKGB2LXXX"]
)
def test_valid_bics(bic):
    assert bic_parse(bic) == bic.replace(" ", "").upper()


@pytest.mark.parametrize("bic", ["GEBABEB", "GEBABEBB1", "GEBA1EBB", "12345678", ""])
def test_wrong_bics(bic):
    with pytest.raises(ValidationError):
        bic_parse(bic)
