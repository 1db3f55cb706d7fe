"""What a statement parser returns, whatever the format."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


class StatementFileError(ValueError):
    """The file is not a statement Loket can read; the message says why (English, for logs
    and staff; the views translate the general message around it)."""


@dataclass(frozen=True)
class ParsedLine:
    """One movement on the account. Amounts are positive cents; `is_credit` gives the way."""

    position: str
    bank_reference: str
    booking_date: dt.date
    amount_cents: int
    is_credit: bool
    counterparty_name: str = ""
    counterparty_iban: str = ""
    # Twelve digits from a field the bank marks as a Belgian structured communication,
    # whether or not the check digits are right (the matcher checks them).
    structured_reference: str = ""
    message: str = ""
    currency: str = "EUR"


@dataclass(frozen=True)
class ParsedStatement:
    format: str
    account_iban: str
    statement_reference: str
    statement_date: dt.date | None
    lines: list[ParsedLine] = field(default_factory=list)

    def line_key(self, line: ParsedLine) -> str:
        """A stable key per movement: the same movement in a re-imported file gets the same
        key (account, statement, position in it, bank reference, date and amount)."""
        parts = [
            self.format,
            self.account_iban,
            self.statement_reference,
            line.position,
            line.bank_reference,
            line.booking_date.isoformat(),
            str(line.amount_cents),
            "C" if line.is_credit else "D",
        ]
        return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
