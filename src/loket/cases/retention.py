"""Closed requests past their retention period lose the resident: the applicant link, the
answers, the register snapshot, the messages, notes and free text of the timeline. The
case's number, product, municipality, department, status, channel, fee and every date stay,
so counts per product and month and processing times do not change
(loket.audit.retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import CharField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.cases.models import Case, CaseEvent, CaseMessage, CaseNote, CaseTask, Draft
from loket.cases.workflow import FINAL_STATUSES

ANONYMISED_SCOPE = "anonymised"

# Timeline data that is neither a person nor free text: ids, amounts, outcomes, channels.
EVENT_DATA_KEPT = [
    "channel",
    "outcome",
    "amount_cents",
    "payment_request_id",
    "document_id",
    "task_id",
    "message_id",
    "department_id",
    "handler_id",
]


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Case]:
    return Case.objects.filter(
        municipality_id=municipality_id,
        status__in=sorted(FINAL_STATUSES),
        closed_at__lt=cutoff,
    )


def cases_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the timeline and the notes are append-only)."""
    Case.objects.filter(pk__in=ids).update(
        applicant=None,
        submitted_by_person=None,
        counter_consent=None,
        # A sole trader's business name is the person's: the representatives no longer
        # find the request either.
        organisation=None,
        answers={},
        register_snapshot={},
        idempotency_scope=ANONYMISED_SCOPE,
        idempotency_key=Cast(F("pk"), output_field=CharField()),
        request_fingerprint="",
    )
    CaseEvent.objects.filter(case_id__in=ids).update(
        message="",
        actor_person=None,
        data=RawSQL(
            "(SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)"
            " FROM jsonb_each(cases_caseevent.data) WHERE key = ANY(%s))",
            (EVENT_DATA_KEPT,),
        ),
    )
    CaseNote.objects.filter(case_id__in=ids).update(text="")
    CaseMessage.objects.filter(case_id__in=ids).update(body="", attachments=[], author_person=None)
    CaseTask.objects.filter(case_id__in=ids).update(title="")
    Draft.objects.filter(case_id__in=ids).update(person=None, answers={}, attachments={})


retention_kind_register(
    RetentionKind(
        code="cases_closed",
        label=_("Closed requests (cases)"),
        default_days=3650,
        minimum_days=1825,
        basis=_(
            "Counted from the closing date. A decision can be contested and a claim about it "
            "brought for years; ten years by default, never less than five. The municipality's "
            "archive selection list may ask for longer."
        ),
        due=_due,
        anonymise=cases_anonymise,
        order=10,
        kept=(
            "number",
            "product",
            "municipality",
            "department",
            "status",
            "channel",
            "fee",
            "dates",
        ),
    )
)
