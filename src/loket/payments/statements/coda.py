"""Febelfin CODA 2.6: coded bank statements in records of 128 characters.

Records (positions are 1-based and inclusive, as in the Febelfin description):
  0  header: 6-11 creation date DDMMYY, 128 version code "2"
  1  old balance: 2 account structure (0 Belgian account number, 1 foreign account,
     2 Belgian IBAN, 3 foreign IBAN), 6-42 account and currency, 59-64 date,
     126-128 sequence number of the statement
  21 movement: 3-6 sequence number, 7-10 detail number, 11-31 bank reference,
     32 sign (0 credit, 1 debit), 33-47 amount (12 digits + 3 decimals), 48-53 value date,
     54-61 transaction code, 62 communication type (1 structured), 63-115 communication
     (structured: 63-65 type 101 or 102, 66-77 the twelve digits), 116-121 entry date,
     125 globalisation code
  22 movement (continued): 11-63 communication, 99-109 counterparty BIC
  23 movement (continued): 11-47 counterparty account and currency, 48-82 counterparty
     name, 83-125 communication
  31, 32, 33 information records; 4 free communication (both read, not used)
  8  new balance: 58-63 date
  9  trailer: 17-22 number of records 1 to 8, 23-37 debit total, 38-52 credit total
A file may hold several statements (each from a record 0 to a record 9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loket.payments.iban import iban_normalise
from loket.payments.money import cents_from_thousandths
from loket.payments.statements.common import ParsedLine, ParsedStatement, StatementFileError

RECORD_LENGTH = 128
_STRUCTURED_TYPES = {"101", "102"}


def _field(record: str, first: int, last: int) -> str:
    """Positions first..last (1-based, inclusive), as the format description counts."""
    return record[first - 1 : last]


def _date(text: str, *, line_number: int) -> dt.date | None:
    if text in {"000000", "      "}:
        return None
    try:
        return dt.date(2000 + int(text[4:6]), int(text[2:4]), int(text[0:2]))
    except ValueError:
        raise StatementFileError(f"line {line_number}: not a date: {text!r}") from None


def _amount(text: str, *, line_number: int) -> int:
    try:
        return cents_from_thousandths(text)
    except ValueError as error:
        raise StatementFileError(f"line {line_number}: {error}") from None


def _belgian_iban_from_account_number(number: str) -> str:
    """A Belgian account number (12 digits) as IBAN: BE + check digits + number."""
    check = 98 - int(number + "111400") % 97
    return f"BE{check:02d}{number}"


def _account(record: str, structure: str, start: int) -> str:
    zone = record[start - 1 : start - 1 + 37]
    if structure == "0":
        return _belgian_iban_from_account_number(zone[:12].strip())
    if structure == "2":
        return iban_normalise(zone[:31])
    return iban_normalise(zone[:34])


def _counterparty_account(zone: str) -> str:
    account = zone[:34].strip()
    if len(account) == 12 and account.isdigit():
        return _belgian_iban_from_account_number(account)
    return iban_normalise(account)


@dataclass
class _Movement:
    sequence: str
    detail: str
    bank_reference: str
    is_credit: bool
    amount_cents: int
    booking_date: dt.date
    globalisation: str
    structured_reference: str = ""
    communication: list[str] = field(default_factory=list)
    counterparty_name: str = ""
    counterparty_iban: str = ""


@dataclass
class _Statement:
    account: str = ""
    reference: str = ""
    date: dt.date | None = None
    movements: list[_Movement] = field(default_factory=list)
    counted_records: int = 0
    debit_total: int = 0
    credit_total: int = 0


def _movement(record: str, line_number: int) -> _Movement:
    sign = _field(record, 32, 32)
    if sign not in {"0", "1"}:
        raise StatementFileError(f"line {line_number}: the movement sign is {sign!r}")
    entry_date = _date(_field(record, 116, 121), line_number=line_number)
    value_date = _date(_field(record, 48, 53), line_number=line_number)
    booking_date = entry_date or value_date
    if booking_date is None:
        raise StatementFileError(f"line {line_number}: the movement has no date")
    movement = _Movement(
        sequence=_field(record, 3, 6),
        detail=_field(record, 7, 10),
        bank_reference=_field(record, 11, 31).strip(),
        is_credit=sign == "0",
        amount_cents=_amount(_field(record, 33, 47), line_number=line_number),
        booking_date=booking_date,
        globalisation=_field(record, 125, 125),
    )
    communication = _field(record, 63, 115)
    if _field(record, 62, 62) == "1":
        if communication[:3] in _STRUCTURED_TYPES:
            movement.structured_reference = communication[3:15]
    else:
        movement.communication.append(communication)
    return movement


def _records(content: bytes) -> list[str]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        text = content.decode("latin-1")  # CODA files are often in ISO 8859-1
    records = []
    for line_number, raw in enumerate(text.splitlines(), start=1):
        record = raw.rstrip("\r\n")
        if not record.strip():
            continue
        if len(record) > RECORD_LENGTH:
            raise StatementFileError(
                f"line {line_number} has {len(record)} characters; CODA records have 128"
            )
        records.append(record.ljust(RECORD_LENGTH))
    return records


def _apply_record(
    record: str, line_number: int, current: _Statement, last: _Movement | None
) -> _Movement | None:
    """Read one record 1 to 8 into the statement; return the movement being continued."""
    kind = record[0]
    current.counted_records += 1
    if kind == "1":
        structure = _field(record, 2, 2)
        current.account = _account(record, structure, 6)
        current.date = _date(_field(record, 59, 64), line_number=line_number)
        year = current.date.year if current.date else 0
        current.reference = f"{year}-{_field(record, 126, 128)}"
    elif kind == "2":
        subtype = record[1]
        if subtype == "1":
            last = _movement(record, line_number)
            current.movements.append(last)
        elif last is None:
            raise StatementFileError(f"line {line_number}: a record 2{subtype} without 21")
        elif subtype == "2":
            if not last.structured_reference:
                last.communication.append(_field(record, 11, 63))
        elif subtype == "3":
            last.counterparty_iban = _counterparty_account(_field(record, 11, 47))
            last.counterparty_name = " ".join(_field(record, 48, 82).split())
            if not last.structured_reference:
                last.communication.append(_field(record, 83, 125))
        else:
            raise StatementFileError(f"line {line_number}: unknown record type 2{subtype}")
    elif kind not in {"3", "4", "8"}:
        raise StatementFileError(f"line {line_number}: unknown record type {kind!r}")
    return last


def _close(current: _Statement, record: str, line_number: int) -> ParsedStatement:
    expected_records = int(_field(record, 17, 22))
    debit_total = _amount(_field(record, 23, 37), line_number=line_number)
    credit_total = _amount(_field(record, 38, 52), line_number=line_number)
    if expected_records != current.counted_records:
        raise StatementFileError(
            f"line {line_number}: the trailer counts {expected_records} records, "
            f"the statement has {current.counted_records}"
        )
    movements = _without_globalised_totals(current.movements)
    totals_of = [current.movements, movements]
    if not any(
        sum(m.amount_cents for m in group if m.is_credit) == credit_total
        and sum(m.amount_cents for m in group if not m.is_credit) == debit_total
        for group in totals_of
    ):
        raise StatementFileError(
            f"line {line_number}: the trailer totals do not match the movements"
        )
    if not current.account:
        raise StatementFileError("the statement has no old balance record (type 1)")
    lines = [
        ParsedLine(
            position=f"{movement.sequence}.{movement.detail}",
            bank_reference=movement.bank_reference,
            booking_date=movement.booking_date,
            amount_cents=movement.amount_cents,
            is_credit=movement.is_credit,
            counterparty_name=movement.counterparty_name,
            counterparty_iban=movement.counterparty_iban,
            structured_reference=movement.structured_reference,
            message=" ".join("".join(movement.communication).split()),
        )
        for movement in movements
    ]
    return ParsedStatement(
        format="coda",
        account_iban=current.account,
        statement_reference=current.reference,
        statement_date=current.date,
        lines=lines,
    )


def _without_globalised_totals(movements: list[_Movement]) -> list[_Movement]:
    """A globalised movement (detail 0000) is followed by its details (0001, ...): keep the
    details and drop the total, so each payment is a line of its own."""
    sequences_with_details = {m.sequence for m in movements if m.detail != "0000"}
    return [m for m in movements if m.detail != "0000" or m.sequence not in sequences_with_details]


def coda_parse(content: bytes) -> list[ParsedStatement]:
    statements: list[ParsedStatement] = []
    current: _Statement | None = None
    last: _Movement | None = None
    for line_number, record in enumerate(_records(content), start=1):
        kind = record[0]
        if kind == "0":
            if current is not None:
                raise StatementFileError(f"line {line_number}: a header before the trailer")
            if _field(record, 128, 128) != "2":
                raise StatementFileError("only CODA version 2 files can be read")
            current, last = _Statement(), None
        elif current is None:
            raise StatementFileError(f"line {line_number}: a record before the header")
        elif kind == "9":
            statements.append(_close(current, record, line_number))
            current, last = None, None
        else:
            last = _apply_record(record, line_number, current, last)
    if current is not None:
        raise StatementFileError("the file ends without a trailer record (type 9)")
    if not statements:
        raise StatementFileError("the file holds no statement")
    return statements
