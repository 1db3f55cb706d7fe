"""Reading the hand-written CAMT.053 and CODA files in files/."""

import datetime as dt

import pytest

from loket.payments.statements import StatementFileError, statement_file_parse
from tests.payments.conftest import FILES


def _credits(statement):
    return [line for line in statement.lines if line.is_credit]


def test_camt053_version_02():
    [statement] = statement_file_parse((FILES / "camt053_v02.xml").read_bytes())
    assert statement.format == "camt053"
    assert statement.account_iban == "BE68539007547034"
    assert statement.statement_reference == "2026-00042"
    assert statement.statement_date == dt.date(2026, 3, 2)
    assert len(statement.lines) == 7
    first = statement.lines[0]
    assert first.amount_cents == 2500
    assert first.is_credit is True
    assert first.booking_date == dt.date(2026, 3, 2)
    assert first.counterparty_name == "Jan Peeters"
    assert first.counterparty_iban == "BE71096123456769"
    assert first.structured_reference == "123400000148"
    assert first.bank_reference == "0203260001"
    assert statement.lines[2].message == "Betaling +++123/4000/00350+++ bedankt"
    assert statement.lines[2].structured_reference == ""
    assert statement.lines[3].structured_reference == "123400000452"  # as sent, wrong digits
    debit = statement.lines[6]
    assert (debit.is_credit, debit.amount_cents, debit.message) == (False, 501, "Kosten rekening")
    assert sum(line.amount_cents for line in _credits(statement)) == 20483


def test_camt053_version_08_batch_pending_and_reversal():
    [statement] = statement_file_parse((FILES / "camt053_v08.xml").read_bytes())
    assert statement.statement_reference == "BE68539007547034-2026-043"
    # the pending entry and the reversal are left out; the batch gives two lines
    assert [(line.amount_cents, line.counterparty_name) for line in statement.lines] == [
        (3000, "Marie Dubois"),
        (5000, "Vzw De Speelpleinwerking"),
    ]
    assert statement.lines[0].structured_reference == "123400000249"
    assert statement.lines[0].bank_reference == "2026030300017-1"
    assert statement.lines[1].message == "Zaalhuur maart"


def test_coda_2_6():
    [statement] = statement_file_parse((FILES / "coda_2_6.cod").read_bytes())
    assert statement.format == "coda"
    assert statement.account_iban == "BE68539007547034"
    assert statement.statement_reference == "2026-042"
    assert statement.statement_date == dt.date(2026, 3, 1)
    assert [(line.amount_cents, line.is_credit) for line in statement.lines] == [
        (2500, True),
        (2000, True),
        (1750, True),
        (3000, True),
        (1234, True),
        (9999, True),
        (501, False),
    ]
    jan = statement.lines[0]
    assert jan.structured_reference == "123400000148"
    assert jan.counterparty_name == "JAN PEETERS"
    assert jan.counterparty_iban == "BE71096123456769"
    assert jan.bank_reference == "0203260001BKTRANSF01"
    assert jan.booking_date == dt.date(2026, 3, 2)
    lotte = statement.lines[2]
    assert lotte.message == "Betaling +++123/4000/00350+++ bedankt"
    assert lotte.counterparty_iban == "NL91ABNA0417164300"
    assert statement.lines[4].message == "lidgeld sportclub 2026"
    assert statement.lines[4].counterparty_iban == ""


def test_coda_globalised_movement_gives_its_details():
    [statement] = statement_file_parse((FILES / "coda_globalised.cod").read_bytes())
    assert [
        (line.position, line.amount_cents, line.structured_reference) for line in statement.lines
    ] == [
        ("0001.0001", 2500, "123400000148"),
        ("0001.0002", 1500, "123400000350"),
    ]


def test_coda_damaged_files_are_refused():
    content = (FILES / "coda_2_6.cod").read_bytes()
    records = content.decode("latin-1").splitlines()
    without_trailer = "\r\n".join(records[:-1]).encode()
    with pytest.raises(StatementFileError, match="without a trailer"):
        statement_file_parse(without_trailer)
    amount_changed = content.replace(b"000000000025000", b"000000000026000", 1)
    with pytest.raises(StatementFileError, match="totals do not match"):
        statement_file_parse(amount_changed)
    too_long = content.replace(b"JAN PEETERS", b"JAN PEETERS ", 1)
    with pytest.raises(StatementFileError, match="CODA records have 128"):
        statement_file_parse(too_long)
    one_record_less = "\r\n".join(records[:3] + records[4:]).encode()
    with pytest.raises(StatementFileError, match="trailer counts"):
        statement_file_parse(one_record_less)


def test_other_files_are_refused():
    with pytest.raises(StatementFileError, match="neither"):
        statement_file_parse(b"%PDF-1.7")
    with pytest.raises(StatementFileError, match=r"not a CAMT\.053"):
        statement_file_parse(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')
    with pytest.raises(StatementFileError, match="well-formed"):
        statement_file_parse(b"<Document><BkToCstmrStmt>")


def test_xml_entities_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&a;</Document>'
    )
    with pytest.raises(StatementFileError):
        statement_file_parse(bomb)
