"""Importing bank statements and reconciling their credits with payment requests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import transition_check
from loket.payments.matching import bank_credit_match
from loket.payments.models import (
    BankStatement,
    BankStatementLine,
    LineReason,
    LineStatus,
    MatchMethod,
    MovementKind,
    MovementSource,
    MunicipalityPaymentSettings,
    PaymentRequest,
    StatementFormat,
    StatementSource,
)
from loket.payments.services import booked_at_from_date, payment_movement_append
from loket.payments.statements import (
    ParsedLine,
    ParsedStatement,
    StatementFileError,
    statement_file_parse,
)
from loket.payments.workflow import LINE_LIFECYCLE, RECEIVING_STATUSES
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@dataclass
class StatementImportResult:
    statements: list[BankStatement] = field(default_factory=list)
    matched: int = 0
    queued: int = 0
    duplicates: int = 0
    debits: int = 0

    @property
    def new_lines(self) -> int:
        return self.matched + self.queued


def _parse(content: bytes) -> list[ParsedStatement]:
    try:
        return statement_file_parse(content)
    except StatementFileError as error:
        raise ValidationError(
            _("This file cannot be read as a bank statement: %(problem)s") % {"problem": error},
            code="statement_unreadable",
        ) from error


def _municipality_of(statement: ParsedStatement) -> int:
    municipality_id = (
        MunicipalityPaymentSettings.objects.filter(iban=statement.account_iban)
        .values_list("municipality_id", flat=True)
        .first()
    )
    if municipality_id is None:
        raise ValidationError(
            _("Account %(iban)s is not the account of any municipality in Loket.")
            % {"iban": statement.account_iban},
            code="statement_account_unknown",
        )
    return municipality_id


def _line_book(line: BankStatementLine, request: PaymentRequest, *, user_id: int | None) -> None:
    payment_movement_append(
        payment_request=request,
        kind=MovementKind.PAYMENT,
        amount_cents=line.amount_cents,
        source=MovementSource.BANK_TRANSFER,
        booked_at=booked_at_from_date(line.booking_date),
        reference=line.line_key,
        payer_name=line.counterparty_name,
        payer_iban=line.counterparty_iban,
        recorded_by_id=user_id,
        statement_line=line,
    )


def _line_import(
    statement: BankStatement, parsed: ParsedStatement, line: ParsedLine
) -> BankStatementLine | None:
    key = parsed.line_key(line)
    if BankStatementLine.objects.filter(
        municipality_id=statement.municipality_id, line_key=key
    ).exists():
        return None
    row = BankStatementLine(
        statement=statement,
        municipality_id=statement.municipality_id,
        line_key=key,
        bank_reference=line.bank_reference[:64],
        booking_date=line.booking_date,
        amount_cents=line.amount_cents,
        counterparty_name=line.counterparty_name[:140],
        counterparty_iban=line.counterparty_iban[:34],
        structured_communication=line.structured_reference,
        message=line.message[:500],
    )
    if line.currency.upper() not in {"EUR", ""}:
        row.status, row.status_reason = LineStatus.UNMATCHED, LineReason.NOT_IN_EURO
        row.save()
        return row
    result = bank_credit_match(
        municipality_id=statement.municipality_id,
        amount_cents=line.amount_cents,
        structured_reference=line.structured_reference,
        message=line.message,
        counterparty_name=line.counterparty_name,
        counterparty_iban=line.counterparty_iban,
    )
    row.status = result.status
    row.status_reason = result.reason
    row.match_method = result.method
    row.candidate_ids = result.candidate_ids
    row.structured_communication = line.structured_reference or result.structured_communication
    row.payment_request = result.payment_request
    row.save()
    if result.payment_request is not None:
        _line_book(row, result.payment_request, user_id=None)
    return row


def _statement_import(
    parsed: ParsedStatement,
    *,
    municipality_id: int,
    file_name: str,
    file_sha256: str,
    source: StatementSource,
    user_id: int | None,
    result: StatementImportResult,
) -> None:
    # One import at a time per municipality: lock its payment settings row.
    MunicipalityPaymentSettings.objects.select_for_update().get(municipality_id=municipality_id)
    other_format = (
        BankStatement.objects.filter(
            municipality_id=municipality_id, account_iban=parsed.account_iban
        )
        .exclude(format=parsed.format)
        .values_list("format", flat=True)
        .first()
    )
    if other_format is not None:
        # The same movements in CODA and in CAMT.053 have different keys: mixing formats
        # for one account would book every payment twice.
        raise ValidationError(
            _(
                "The statements of account %(iban)s are imported as %(format)s; import that "
                "format only, so no payment is booked twice."
            )
            % {"iban": parsed.account_iban, "format": StatementFormat(other_format).label},
            code="statement_format_mixed",
        )
    credits = [line for line in parsed.lines if line.is_credit]
    result.debits += len(parsed.lines) - len(credits)
    statement = BankStatement(
        municipality_id=municipality_id,
        format=parsed.format,
        account_iban=parsed.account_iban,
        statement_reference=parsed.statement_reference[:64],
        statement_date=parsed.statement_date,
        file_name=file_name[:255],
        file_sha256=file_sha256,
        source=source,
        imported_by_id=user_id,
        credit_count=len(credits),
        debit_count=len(parsed.lines) - len(credits),
    )
    existing_keys = set(
        BankStatementLine.objects.filter(
            municipality_id=municipality_id,
            line_key__in=[parsed.line_key(line) for line in credits],
        ).values_list("line_key", flat=True)
    )
    if credits and len(existing_keys) == len(credits):
        result.duplicates += len(credits)
        return  # seen before: re-importing changes nothing
    if (
        not credits
        and BankStatement.objects.filter(
            municipality_id=municipality_id,
            account_iban=parsed.account_iban,
            statement_reference=statement.statement_reference,
            file_sha256=file_sha256,
        ).exists()
    ):
        return
    statement.save()
    result.statements.append(statement)
    for line in credits:
        row = _line_import(statement, parsed, line)
        if row is None:
            result.duplicates += 1
        elif row.status == LineStatus.MATCHED:
            result.matched += 1
        else:
            result.queued += 1


@transaction.atomic
def statement_import(
    *,
    actor: Actor,
    content: bytes,
    file_name: str,
    source: StatementSource = StatementSource.UPLOAD,
) -> StatementImportResult:
    """Import a CAMT.053 or CODA file for municipalities where the actor may reconcile.

    Credits are matched and booked; the rest waits in the reconciliation queue. Importing
    the same statement again changes nothing (every line has a unique key).
    """
    parsed_statements = _parse(content)
    targets = [(parsed, _municipality_of(parsed)) for parsed in parsed_statements]
    for _parsed, municipality_id in targets:
        if not actor.has(Permission.PAYMENTS_RECONCILE, municipality_id):
            raise PermissionDenied
    return _import_all(targets, content, file_name, source, actor.user_id)


@transaction.atomic
def statement_import_trusted(*, content: bytes, file_name: str) -> StatementImportResult:
    """Import a file from the drop folder (the operator put it there; no actor to check)."""
    parsed_statements = _parse(content)
    targets = [(parsed, _municipality_of(parsed)) for parsed in parsed_statements]
    return _import_all(targets, content, file_name, StatementSource.DROP_FOLDER, None)


def _import_all(
    targets: list[tuple[ParsedStatement, int]],
    content: bytes,
    file_name: str,
    source: StatementSource,
    user_id: int | None,
) -> StatementImportResult:
    result = StatementImportResult()
    file_sha256 = hashlib.sha256(content).hexdigest()
    for parsed, municipality_id in targets:
        _statement_import(
            parsed,
            municipality_id=municipality_id,
            file_name=file_name,
            file_sha256=file_sha256,
            source=source,
            user_id=user_id,
            result=result,
        )
    return result


def _queued_line(
    actor: Actor, line: BankStatementLine, target: LineStatus, note: str = ""
) -> BankStatementLine:
    """The locked line, if this actor may move it from the queue to `target`."""
    if not actor.has(Permission.PAYMENTS_RECONCILE, line.municipality_id):
        raise PermissionDenied
    locked = BankStatementLine.objects.select_for_update().get(pk=line.pk)
    transition_check(
        LINE_LIFECYCLE,
        current=locked.status,
        target=target,
        actor=actor,
        municipality_id=locked.municipality_id,
        reason=note,
    )
    return locked


@transaction.atomic
def statement_line_assign(
    *, actor: Actor, line: BankStatementLine, payment_request: PaymentRequest, note: str = ""
) -> BankStatementLine:
    """Staff decide which request a queued credit pays; the payment is booked."""
    locked = _queued_line(actor, line, LineStatus.RECONCILED)
    if payment_request.municipality_id != locked.municipality_id:
        raise ValidationError(_("The payment request belongs to another municipality."))
    if payment_request.status not in RECEIVING_STATUSES:
        raise ValidationError(_("This payment request is closed and cannot receive payments."))
    locked.status = LineStatus.RECONCILED
    locked.match_method = MatchMethod.STAFF
    locked.payment_request = payment_request
    locked.handled_at = timezone.now()
    locked.handled_by = actor.user
    locked.note = note.strip()[:200]
    locked.save()
    _line_book(locked, payment_request, user_id=actor.user_id)
    line.refresh_from_db()
    return locked


@transaction.atomic
def statement_line_ignore(*, actor: Actor, line: BankStatementLine, note: str) -> BankStatementLine:
    """Staff mark a queued credit as not a payment for Loket (it stays in the history)."""
    locked = _queued_line(actor, line, LineStatus.IGNORED, note)
    locked.status = LineStatus.IGNORED
    locked.handled_at = timezone.now()
    locked.handled_by = actor.user
    locked.note = note.strip()[:200]
    locked.save()
    line.refresh_from_db()
    return locked
