"""Every write of the cases domain (keyword-only, typed, atomic). Import from here."""

from loket.cases.services.drafts import draft_attachment_remove, draft_delete, draft_save
from loket.cases.services.lifecycle import (
    case_assign,
    case_assignment_allowed_check,
    case_payment_completed,
    case_transition,
    case_withdraw,
    cases_bulk_assign,
    handlers_for,
)
from loket.cases.services.submission import (
    IdempotencyConflict,
    SubmissionResult,
    case_submit,
    request_context,
)
from loket.cases.services.work import (
    case_message_reply,
    case_message_send,
    case_note_add,
    case_task_add,
    case_task_complete,
)

__all__ = [
    "IdempotencyConflict",
    "SubmissionResult",
    "case_assign",
    "case_assignment_allowed_check",
    "case_message_reply",
    "case_message_send",
    "case_note_add",
    "case_payment_completed",
    "case_submit",
    "case_task_add",
    "case_task_complete",
    "case_transition",
    "case_withdraw",
    "cases_bulk_assign",
    "draft_attachment_remove",
    "draft_delete",
    "draft_save",
    "handlers_for",
    "request_context",
]
