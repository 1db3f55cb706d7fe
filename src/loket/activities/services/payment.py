"""The payment of a registration, through loket.payments: asked when a place is confirmed,
cancelled when the place is given back before anything was paid.

A registration made in a rush does not ask for the payment itself: it defers a job (in its
own transaction, so the job exists exactly when the place does) that makes the payment
request moments later. Every payment request of a municipality takes the next structured
communication under a lock of the municipality's payment settings; kept out of the
registration, that lock does not queue the rush. Opening "pay" makes it at once when the
job has not run yet.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override
from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django.django_connector import DjangoConnector

from loket.activities.history import registration_event_append
from loket.activities.models import Activity, Registration
from loket.activities.workflow import RegistrationStatus
from loket.payments.models import PaymentRequest
from loket.payments.services import payment_request_cancel, payment_request_create
from loket.payments.workflow import PaymentStatus
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission

SUBJECT_TYPE = "activity_registration"
PAYMENT_DAYS = 14
PAYMENT_TASK = "activities.payment_ask"
FOLLOW_UP_TASK = "activities.registered"


@lru_cache(maxsize=1)
def _job_manager() -> manager.JobManager:
    return manager.JobManager(DjangoConnector())


def payment_ask_defer(*, registration: Registration) -> None:
    """Queue the payment request of a confirmed place (in the caller's transaction)."""
    if registration.price_cents == 0:
        return
    _defer(PAYMENT_TASK, registration)


def registered_follow_up_defer(*, registration: Registration) -> None:
    """Queue what follows a new registration, in the caller's transaction: the payment
    request of a confirmed place and the parent's message (`registered_follow_up`)."""
    _defer(FOLLOW_UP_TASK, registration)


def _defer(task_name: str, registration: Registration) -> None:
    # One statement in the caller's transaction, no savepoint: a failure fails the caller.
    procrastinate_tasks.configure_task(
        name=task_name, job_manager=_job_manager(), queue="activities"
    ).defer(registration_id=registration.pk)


@transaction.atomic
def registration_payment_ensure(*, registration_id: int) -> Registration:
    """The payment request of a confirmed place, made now if it was not yet."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("activity", "period", "parent", "child", "municipality")
        .get(pk=registration_id)
    )
    if registration.status == RegistrationStatus.CONFIRMED:
        payment_ask(
            registration=registration,
            actor=Actor(kind=ActorKind.RESIDENT, person_id=registration.parent_id),
        )
    return registration


def payment_deadline(
    *, activity: Activity, price_cents: int, confirmed_at: dt.datetime
) -> dt.datetime | None:
    """When a place confirmed at `confirmed_at` is released if still unpaid: the activity's
    `payment_days` later; None for a free place or when the activity never releases."""
    if price_cents == 0 or activity.payment_days == 0:
        return None
    return confirmed_at + dt.timedelta(days=activity.payment_days)


def _due_date(registration: Registration) -> dt.date:
    """The payment request's due date: the day of the payment deadline (else in
    `PAYMENT_DAYS`), and never after the period starts."""
    today = timezone.localdate()
    due = (
        timezone.localdate(registration.payment_due_at)
        if registration.payment_due_at is not None
        else today + dt.timedelta(days=PAYMENT_DAYS)
    )
    return min(due, max(registration.period.starts_on, today))


def _description(registration: Registration, language: str) -> str:
    child = registration.child
    with override(language):
        text = gettext("%(activity)s, %(period)s: %(child)s") % {
            "activity": registration.activity.title_in(language),
            "period": registration.period.label,
            "child": child.first_names.split(" ")[0] if child is not None else "",
        }
    return text[:140]


def payment_ask(*, registration: Registration, actor: Actor) -> None:
    """Ask the parent to pay for a confirmed place (nothing for a free activity)."""
    parent = registration.parent
    if registration.price_cents == 0 or registration.payment_request_id is not None:
        return
    if parent is None:  # anonymised (loket.activities.retention): nobody to ask
        return
    payer_actor = (
        actor if actor.is_resident else Actor(kind=ActorKind.RESIDENT, person_id=parent.pk)
    )
    request = payment_request_create(
        actor=payer_actor,
        municipality=registration.municipality,
        payer=parent,
        subject_type=SUBJECT_TYPE,
        subject_id=registration.pk,
        description=_description(registration, parent.preferred_language or "nl"),
        descriptions={code: _description(registration, code) for code in ("nl", "fr", "en")},
        amount_cents=registration.price_cents,
        due_date=_due_date(registration),
    )
    Registration.objects.filter(pk=registration.pk).update(payment_request=request)
    registration.payment_request = request


def payment_withdraw(*, registration: Registration) -> None:
    """Cancel the open payment request of a place given back; a paid one stays for staff to
    refund (noted in the history)."""
    if registration.payment_request_id is None:
        return
    request = PaymentRequest.objects.get(pk=registration.payment_request_id)
    if request.status == PaymentStatus.OPEN and request.net_paid_cents == 0:
        payments_actor = Actor(
            kind=ActorKind.INTEGRATION,
            municipality_grants={Permission.PAYMENTS_MANAGE: frozenset({request.municipality_id})},
        )
        payment_request_cancel(
            actor=payments_actor,
            payment_request=request,
            reason=gettext("The place at the activity was given back."),
        )
    elif request.net_paid_cents > 0:
        registration_event_append(
            registration=registration, kind="refund_due", actor=None, note="refund due"
        )


def registration_payment_completed(payment_request: PaymentRequest) -> None:
    """The payments services call this when a registration's request is paid in full."""
    Registration.objects.filter(pk=int(payment_request.subject_id)).update(paid_at=timezone.now())
