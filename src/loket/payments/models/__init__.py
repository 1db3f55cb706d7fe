"""The payments domain's tables (split by concept; Django finds them through this module)."""

from loket.payments.models.online import OnlinePayment, OnlinePaymentStatus
from loket.payments.models.requests import (
    MovementKind,
    MovementSource,
    MunicipalityPaymentSettings,
    PaymentEventKind,
    PaymentMovement,
    PaymentReminder,
    PaymentRequest,
    PaymentRequestEvent,
)
from loket.payments.models.statements import (
    QUEUE_STATUSES,
    BankStatement,
    BankStatementLine,
    LineReason,
    LineStatus,
    MatchMethod,
    StatementFormat,
    StatementSource,
)

__all__ = [
    "QUEUE_STATUSES",
    "BankStatement",
    "BankStatementLine",
    "LineReason",
    "LineStatus",
    "MatchMethod",
    "MovementKind",
    "MovementSource",
    "MunicipalityPaymentSettings",
    "OnlinePayment",
    "OnlinePaymentStatus",
    "PaymentEventKind",
    "PaymentMovement",
    "PaymentReminder",
    "PaymentRequest",
    "PaymentRequestEvent",
    "StatementFormat",
    "StatementSource",
]
