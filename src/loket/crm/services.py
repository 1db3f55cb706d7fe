"""Recording contact moments.

`contact_moment_record` takes what the counter form, the phone form and the API give and
checks all of it before anything is written: every id (resident, organisation, request,
report, appointment, payment) is looked up through the actor's own selectors and must
belong to the contact's municipality, so another municipality's object is refused exactly
like one that does not exist, with the same message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.appointments.selectors import appointments_visible_to
from loket.cases.selectors import cases_visible_to
from loket.catalog.models import Product
from loket.catalog.selectors import product_get
from loket.crm.models import (
    DURATION_MAX_MINUTES,
    SUMMARY_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    ContactChannel,
    ContactDirection,
    ContactMoment,
    ContactOutcome,
    Suggestion,
    SuggestionStatus,
)
from loket.payments.selectors import payment_requests_visible_to
from loket.people.models import Organisation, Person
from loket.people.selectors import organisations_visible_to, persons_visible_to
from loket.reports.selectors import reports_visible_to
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission

# A contact is recorded when it happens or later, never ahead (clocks may differ a little),
# and within a year.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
LATEST_RECORDING = dt.timedelta(days=366)

PERSON_UNKNOWN = _("There is no such resident among those you may see.")
ORGANISATION_UNKNOWN = _("There is no such organisation among those you may see.")
BOTH_PARTIES = _("A contact is with a resident or with an organisation, not both.")
MUNICIPALITY_NOT_YOURS = _("Choose one of the municipalities you record contacts for.")
MUNICIPALITY_MISSING = _("Choose the municipality this contact is for.")
CASE_UNKNOWN = _("There is no such request in this municipality.")
REPORT_UNKNOWN = _("There is no such report in this municipality.")
APPOINTMENT_UNKNOWN = _("There is no such appointment in this municipality.")
PAYMENT_UNKNOWN = _("There is no such payment request in this municipality.")
PRODUCT_UNKNOWN = _("There is no such product in the catalogue.")
SUBJECT_MISSING = _("Say what the contact was about: a product or a topic.")
SUMMARY_MISSING = _("Write a short summary of the contact.")
SUMMARY_TOO_LONG = _("Keep the summary under %(max)s characters.")
TOPIC_TOO_LONG = _("Keep the topic under %(max)s characters.")
CHANNEL_UNKNOWN = _("Choose one of the channels.")
DIRECTION_UNKNOWN = _("Choose who contacted whom.")
OUTCOME_UNKNOWN = _("Choose one of the outcomes.")
DURATION_OUT_OF_RANGE = _("The duration is between 1 and %(max)s minutes.")
IN_THE_FUTURE = _("A contact cannot be recorded ahead of time.")
TOO_LONG_AGO = _("A contact is recorded within a year of when it happened.")


@dataclass(frozen=True)
class ContactInput:
    """What a contact moment says, with the objects it names by id (not yet checked)."""

    channel: str
    summary: str
    direction: str = ContactDirection.INBOUND
    outcome: str = ContactOutcome.ANSWERED
    person_id: int | None = None
    organisation_id: int | None = None
    product_code: str = ""
    topic: str = ""
    duration_minutes: int | None = None
    case_id: int | None = None
    report_id: int | None = None
    appointment_id: int | None = None
    payment_request_id: int | None = None
    occurred_at: dt.datetime | None = None


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[Any]] = {}

    def add(self, field: str, message: Any) -> None:
        self.by_field.setdefault(field, []).append(message)


def _one(rows: QuerySet[Any], pk: int | None, field: str, message: Any, errors: _Errors) -> Any:
    if pk is None:
        return None
    found = rows.filter(pk=pk).first()
    if found is None:
        errors.add(field, message)
    return found


def _municipality_id(
    actor: Actor, wanted: int | None, party: Person | Organisation | None, errors: _Errors
) -> int | None:
    allowed = actor.municipality_ids(Permission.CRM_RECORD)
    if wanted is not None:
        if wanted not in allowed:
            errors.add("municipality", MUNICIPALITY_NOT_YOURS)
            return None
        return wanted
    if party is not None and party.municipality_id in allowed:
        return party.municipality_id
    if len(allowed) == 1:
        return next(iter(allowed))
    errors.add("municipality", MUNICIPALITY_MISSING)
    return None


def _texts(contact: ContactInput, product: Product | None, errors: _Errors) -> None:
    if contact.channel not in ContactChannel.values:
        errors.add("channel", CHANNEL_UNKNOWN)
    if contact.direction not in ContactDirection.values:
        errors.add("direction", DIRECTION_UNKNOWN)
    if contact.outcome not in ContactOutcome.values:
        errors.add("outcome", OUTCOME_UNKNOWN)
    if product is None and not contact.topic.strip() and "product_code" not in errors.by_field:
        errors.add("topic", SUBJECT_MISSING)
    if len(contact.topic.strip()) > TOPIC_MAX_LENGTH:
        errors.add("topic", TOPIC_TOO_LONG % {"max": TOPIC_MAX_LENGTH})
    if not contact.summary.strip():
        errors.add("summary", SUMMARY_MISSING)
    elif len(contact.summary.strip()) > SUMMARY_MAX_LENGTH:
        errors.add("summary", SUMMARY_TOO_LONG % {"max": SUMMARY_MAX_LENGTH})
    minutes = contact.duration_minutes
    if minutes is not None and not 1 <= minutes <= DURATION_MAX_MINUTES:
        errors.add("duration_minutes", DURATION_OUT_OF_RANGE % {"max": DURATION_MAX_MINUTES})
    _when(contact.occurred_at, errors)


def _when(occurred_at: dt.datetime | None, errors: _Errors) -> None:
    """Checked on the year first, so that no far-off date reaches date arithmetic."""
    if occurred_at is None:
        return
    now = timezone.now()
    if occurred_at.year < now.year - 1 or (
        occurred_at.year <= now.year and _aware(occurred_at) < now - LATEST_RECORDING
    ):
        errors.add("occurred_at", TOO_LONG_AGO)
    elif occurred_at.year > now.year + 1 or _aware(occurred_at) > now + FUTURE_TOLERANCE:
        errors.add("occurred_at", IN_THE_FUTURE)


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def contact_moment_record(
    *, actor: Actor, contact: ContactInput, municipality_id: int | None = None
) -> ContactMoment:
    """Record one contact moment on behalf of a municipality where the actor holds
    crm.record: `municipality_id`, or else the resident's (organisation's) municipality, or
    else the actor's only one. Raises ValidationError with a message per input field (and
    writes nothing) when anything is wrong; PermissionDenied when the actor records
    contacts nowhere."""
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION} or not actor.has(
        Permission.CRM_RECORD
    ):
        raise PermissionDenied
    errors = _Errors()
    person = _one(
        persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH),
        contact.person_id,
        "person_id",
        PERSON_UNKNOWN,
        errors,
    )
    organisation = _one(
        organisations_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH),
        contact.organisation_id,
        "organisation_id",
        ORGANISATION_UNKNOWN,
        errors,
    )
    if contact.person_id is not None and contact.organisation_id is not None:
        errors.add("organisation_id", BOTH_PARTIES)
    place = _municipality_id(actor, municipality_id, person or organisation, errors)
    links: dict[str, Any] = {}
    if place is not None:
        for field, rows, message in (
            ("case_id", cases_visible_to(actor=actor), CASE_UNKNOWN),
            ("report_id", reports_visible_to(actor=actor), REPORT_UNKNOWN),
            ("appointment_id", appointments_visible_to(actor=actor), APPOINTMENT_UNKNOWN),
            ("payment_request_id", payment_requests_visible_to(actor=actor), PAYMENT_UNKNOWN),
        ):
            links[field] = _one(
                rows.filter(municipality_id=place),
                getattr(contact, field),
                field,
                message,
                errors,
            )
    product = None
    if contact.product_code:
        product = product_get(contact.product_code)
        if product is None:
            errors.add("product_code", PRODUCT_UNKNOWN)
    _texts(contact, product, errors)
    if errors.by_field or place is None:
        raise ValidationError(errors.by_field)
    now = timezone.now()
    with transaction.atomic():
        return ContactMoment.objects.create(
            municipality_id=place,
            channel=contact.channel,
            direction=contact.direction,
            person=person,
            organisation=organisation,
            product=product,
            topic=contact.topic.strip(),
            summary=contact.summary.strip(),
            outcome=contact.outcome,
            duration_minutes=contact.duration_minutes,
            staff_user=actor.user,
            api_client_id=actor.api_client_id,
            case=links.get("case_id"),
            report=links.get("report_id"),
            appointment=links.get("appointment_id"),
            payment_request=links.get("payment_request_id"),
            occurred_at=min(_aware(contact.occurred_at) if contact.occurred_at else now, now),
            created_at=now,
        )


@transaction.atomic
def suggestion_decide(*, actor: Actor, suggestion_id: int, accepted: bool) -> Suggestion:
    """The resident (their own) or a staff member with crm.record (in the resident's
    municipality, e.g. at the counter) accepts or dismisses a suggestion. Out of reach: 404,
    like an id nobody has; already decided: a clear refusal, nothing changed."""
    from loket.crm.selectors import suggestion_get_visible

    suggestion = suggestion_get_visible(actor=actor, suggestion_id=suggestion_id)
    if actor.kind is not ActorKind.RESIDENT and not actor.has(
        Permission.CRM_RECORD, suggestion.municipality_id
    ):
        raise PermissionDenied
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.OPEN:
        raise ValidationError(
            {"suggestion": _("This suggestion was already answered.")}, code="decided"
        )
    locked.status = SuggestionStatus.ACCEPTED if accepted else SuggestionStatus.DISMISSED
    locked.decided_at = timezone.now()
    locked.decided_by_resident = actor.kind is ActorKind.RESIDENT
    locked.decided_by_user = actor.user if actor.is_staff else None
    locked.save(update_fields=["status", "decided_at", "decided_by_resident", "decided_by_user"])
    return locked
