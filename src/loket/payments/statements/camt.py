"""ISO 20022 BankToCustomerStatement (camt.053.001.02 up to .13).

Document/BkToCstmrStmt/Stmt: Id, ElctrncSeqNb, CreDtTm, Acct/Id/IBAN, and entries (Ntry):
Amt[@Ccy], CdtDbtInd (CRDT/DBIT), RvslInd, Sts (BOOK; a code in .02, Sts/Cd from .08 on),
BookgDt/Dt|DtTm, AcctSvcrRef, NtryDtls/TxDtls: Refs (AcctSvcrRef, EndToEndId),
Amt (from .03) or AmtDtls/TxAmt/Amt, RltdPties/Dbtr/Nm (.02) or Dbtr/Pty/Nm (.08),
RltdPties/DbtrAcct/Id/IBAN, RmtInf/Ustrd, RmtInf/Strd/CdtrRefInf (Tp/Issr BBA = Belgian
structured communication, Ref). The XML is read with defusedxml (no entities, no network).
"""

from __future__ import annotations

import datetime as dt
import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from loket.payments.iban import iban_normalise
from loket.payments.money import cents_from_decimal_text
from loket.payments.statements.common import ParsedLine, ParsedStatement, StatementFileError

NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
_TWELVE_DIGITS = re.compile(r"^\d{12}$")


class _Reader:
    """Finds children by local name within the document's namespace."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def _path(self, path: str) -> str:
        return "/".join(f"{{{self.namespace}}}{part}" for part in path.split("/"))

    def find(self, element: Element, path: str) -> Element | None:
        return element.find(self._path(path))

    def findall(self, element: Element, path: str) -> list[Element]:
        return element.findall(self._path(path))

    def text(self, element: Element | None, path: str) -> str:
        if element is None:
            return ""
        found = self.find(element, path)
        if found is None or found.text is None:
            return ""
        return found.text.strip()


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise StatementFileError(f"not a date: {text!r}") from None


def _amount(element: Element | None) -> tuple[int, str] | None:
    if element is None or element.text is None:
        return None
    try:
        cents = cents_from_decimal_text(element.text)
    except ValueError as error:
        raise StatementFileError(str(error)) from None
    return cents, element.get("Ccy", "")


def _status(reader: _Reader, entry: Element) -> str:
    status = reader.find(entry, "Sts")
    if status is None:
        return ""
    code = reader.text(status, "Cd")
    return code or (status.text or "").strip()


def _structured_reference(reader: _Reader, details: Element) -> str:
    """Twelve digits from a creditor reference that is a Belgian structured communication."""
    for reference in reader.findall(details, "RmtInf/Strd/CdtrRefInf"):
        issuer = reader.text(reference, "Tp/Issr").upper()
        raw = reader.text(reference, "Ref")
        digits = re.sub(r"[+*/\s]", "", raw)
        if _TWELVE_DIGITS.match(digits) and issuer in {"BBA", ""}:
            return digits
    return ""


def _debtor_name(reader: _Reader, details: Element) -> str:
    return (
        reader.text(details, "RltdPties/Dbtr/Pty/Nm")
        or reader.text(details, "RltdPties/Dbtr/Nm")
        or reader.text(details, "RltdPties/UltmtDbtr/Pty/Nm")
        or reader.text(details, "RltdPties/UltmtDbtr/Nm")
    )


def _transaction_lines(
    reader: _Reader,
    entry: Element,
    *,
    entry_position: int,
    booking_date: dt.date,
    entry_amount: tuple[int, str],
    entry_is_credit: bool,
) -> list[ParsedLine]:
    entry_reference = reader.text(entry, "AcctSvcrRef") or reader.text(entry, "NtryRef")
    all_details = [
        details
        for entry_details in reader.findall(entry, "NtryDtls")
        for details in reader.findall(entry_details, "TxDtls")
    ]
    if not all_details:
        return [
            ParsedLine(
                position=f"{entry_position}",
                bank_reference=entry_reference,
                booking_date=booking_date,
                amount_cents=entry_amount[0],
                currency=entry_amount[1],
                is_credit=entry_is_credit,
                message=reader.text(entry, "AddtlNtryInf"),
            )
        ]
    lines = []
    for index, details in enumerate(all_details):
        amount = (
            _amount(reader.find(details, "Amt"))
            or _amount(reader.find(details, "AmtDtls/TxAmt/Amt"))
            or (entry_amount if len(all_details) == 1 else None)
        )
        if amount is None:
            raise StatementFileError(
                f"entry {entry_position}: a transaction of a batch has no amount"
            )
        indicator = reader.text(details, "CdtDbtInd")
        is_credit = entry_is_credit if not indicator else indicator == "CRDT"
        messages = [
            (element.text or "").strip()
            for element in reader.findall(details, "RmtInf/Ustrd")
            if element.text
        ]
        lines.append(
            ParsedLine(
                position=f"{entry_position}.{index}",
                bank_reference=(
                    reader.text(details, "Refs/AcctSvcrRef")
                    or entry_reference
                    or reader.text(details, "Refs/EndToEndId")
                ),
                booking_date=booking_date,
                amount_cents=amount[0],
                currency=amount[1],
                is_credit=is_credit,
                counterparty_name=_debtor_name(reader, details)
                if is_credit
                else reader.text(details, "RltdPties/Cdtr/Nm"),
                counterparty_iban=iban_normalise(
                    reader.text(details, "RltdPties/DbtrAcct/Id/IBAN")
                    if is_credit
                    else reader.text(details, "RltdPties/CdtrAcct/Id/IBAN")
                ),
                structured_reference=_structured_reference(reader, details),
                message=" ".join(messages) or reader.text(entry, "AddtlNtryInf"),
            )
        )
    return lines


def _statement(reader: _Reader, statement: Element) -> ParsedStatement:
    account = iban_normalise(reader.text(statement, "Acct/Id/IBAN"))
    if not account:
        raise StatementFileError("the statement names no IBAN for its account")
    reference = reader.text(statement, "Id") or reader.text(statement, "ElctrncSeqNb")
    if not reference:
        raise StatementFileError("the statement has no identification")
    statement_date = _date(reader.text(statement, "CreDtTm"))
    lines: list[ParsedLine] = []
    for position, entry in enumerate(reader.findall(statement, "Ntry"), start=1):
        if _status(reader, entry) not in {"BOOK", ""}:
            continue  # pending or informative entries are not on the account yet
        if reader.text(entry, "RvslInd").lower() == "true":
            continue  # a reversal of an earlier entry is not a payment: not booked
        entry_amount = _amount(reader.find(entry, "Amt"))
        if entry_amount is None:
            raise StatementFileError(f"entry {position} has no amount")
        booking_date = _date(
            reader.text(entry, "BookgDt/Dt") or reader.text(entry, "BookgDt/DtTm")
        ) or _date(reader.text(entry, "ValDt/Dt"))
        if booking_date is None:
            raise StatementFileError(f"entry {position} has no booking date")
        lines.extend(
            _transaction_lines(
                reader,
                entry,
                entry_position=position,
                booking_date=booking_date,
                entry_amount=entry_amount,
                entry_is_credit=reader.text(entry, "CdtDbtInd") == "CRDT",
            )
        )
    return ParsedStatement(
        format="camt053",
        account_iban=account,
        statement_reference=reference,
        statement_date=statement_date,
        lines=lines,
    )


def camt053_parse(content: bytes) -> list[ParsedStatement]:
    try:
        root = ElementTree.fromstring(content, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise StatementFileError(f"not well-formed XML: {error}") from None
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if not namespace.startswith(NAMESPACE_PREFIX):
        raise StatementFileError(f"not a CAMT.053 statement (namespace {namespace!r})")
    reader = _Reader(namespace)
    body = reader.find(root, "BkToCstmrStmt")
    if body is None:
        raise StatementFileError("no BkToCstmrStmt element")
    statements = [_statement(reader, statement) for statement in reader.findall(body, "Stmt")]
    if not statements:
        raise StatementFileError("the file holds no statement")
    return statements
