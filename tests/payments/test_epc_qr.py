"""The EPC QR payload, field by field against the EPC069-12 layout (version 002)."""

import pytest

from loket.payments.epc_qr import (
    EpcPayloadError,
    EpcTransfer,
    epc_payload,
    epc_qr_code,
    epc_qr_png,
    epc_qr_svg,
)


def _transfer(**changes):
    values = {
        "beneficiary_name": "Gemeente Testdorp",
        "iban": "BE68 5390 0754 7034",
        "bic": "GEBABEBB",
        "amount_cents": 2550,
        "unstructured_text": "+++123/4000/00148+++",
    }
    values.update(changes)
    return EpcTransfer(**values)


def test_payload_field_by_field():
    lines = epc_payload(_transfer()).split("\n")
    assert lines == [
        "BCD",  # 1 service tag
        "002",  # 2 version
        "1",  # 3 character set: UTF-8
        "SCT",  # 4 identification: SEPA credit transfer
        "GEBABEBB",  # 5 BIC of the beneficiary's bank
        "Gemeente Testdorp",  # 6 beneficiary name
        "BE68539007547034",  # 7 IBAN without spaces
        "EUR25.50",  # 8 amount: EUR, a dot, two decimals
        "",  # 9 purpose (none)
        "",  # 10 structured creditor reference (none: the Belgian one goes in 11)
        "+++123/4000/00148+++",  # 11 remittance text
    ]


def test_nothing_follows_the_last_element_given():
    payload = epc_payload(_transfer(unstructured_text="", amount_cents=None, bic=""))
    assert payload == "BCD\n002\n1\nSCT\n\nGemeente Testdorp\nBE68539007547034"
    assert not payload.endswith("\n")


def test_structured_reference_and_information_lines():
    payload = epc_payload(
        _transfer(
            unstructured_text="",
            structured_reference="RF18539007547034",
            payer_information="Dank u",
        )
    )
    assert payload.split("\n")[9:] == ["RF18539007547034", "", "Dank u"]


def test_amount_bounds():
    assert epc_payload(_transfer(amount_cents=1)).split("\n")[7] == "EUR0.01"
    assert epc_payload(_transfer(amount_cents=99_999_999_999)).split("\n")[7] == "EUR999999999.99"
    for cents in (0, 100_000_000_000, -5):
        with pytest.raises(EpcPayloadError, match="between"):
            epc_payload(_transfer(amount_cents=cents))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"beneficiary_name": "x" * 71}, "at most 70"),
        ({"beneficiary_name": "  "}, "required"),
        ({"iban": "BE68539007547035"}, "check digits"),
        ({"bic": "GEBA"}, "BIC"),
        ({"structured_reference": "RF18539007547034"}, "not both"),
        ({"unstructured_text": "x" * 141}, "at most 140"),
        ({"purpose": "CHARITY"}, "purpose"),
    ],
)
def test_rules_of_the_guidelines(changes, message):
    with pytest.raises(EpcPayloadError, match=message):
        epc_payload(_transfer(**changes))


def test_utf8_names_and_the_byte_limit():
    payload = epc_payload(
        _transfer(beneficiary_name="Commune de Rhode-Saint-Genèse / Gemeente Sint-Genesius-Rode")
    )
    assert "Rhode-Saint-Genèse / Gemeente" in payload
    assert len(payload.encode("utf-8")) <= 331


def test_qr_code_uses_error_correction_m_and_stays_small():
    code = epc_qr_code(epc_payload(_transfer()))
    assert code.error == "M"
    assert code.mode == "byte"
    assert isinstance(code.version, int)
    assert code.version <= 13


def test_svg_and_png_renderings():
    payload = epc_payload(_transfer())
    svg = epc_qr_svg(payload, title="QR code")
    assert svg.startswith("<svg")
    assert "<title>QR code</title>" in svg
    assert epc_qr_png(payload).startswith(b"\x89PNG\r\n\x1a\n")
