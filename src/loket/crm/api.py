"""Contact moments under /api/v1 (joined in loket.api.routers): a contact centre, a
chat or a mail system records the contacts it handles and reads those of the municipality.

Staff and integrations with crm.view list the contact moments of their municipalities (the
list leaves out the summaries) and read one, with its summary, for a stated purpose (the
read goes to the resident's access log); with crm.record they record one. Every id in the
body is looked up among what the caller may see in the contact's municipality: another
municipality's resident, request, report, appointment or payment is refused exactly like
one that does not exist (422, with the same message).

With crm.record they also list the received e-mails waiting for a clerk (not matched to a
resident, or unreadable), link one to a resident of its municipality, and answer an inbound
e-mail contact moment by e-mail (like "Answer by e-mail" in the back office).

The contact centre's endpoints are in loket.crm.contact_centre.api.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, P, Query, QueryEx, Router, Schema, Status
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import requires
from loket.audit.models import AccessChannel, AccessPurpose
from loket.crm.mail import mail_link, mail_reply_send
from loket.crm.models import (
    SUMMARY_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    ContactChannel,
    ContactDirection,
    ContactMoment,
    ContactOutcome,
    InboundMail,
    MailStatus,
)
from loket.crm.selectors import (
    contact_moment_get_visible,
    contact_moment_read_for_purpose,
    contact_moments_visible_to,
    mails_visible_to,
    mails_waiting,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipalities_public

router = Router(tags=["contact moments"])

API_READ = "contact moment"
# The service's name of an input field → the body's, where they differ.
API_FIELD_OF = {"municipality": "municipality_nis_code"}
# A municipality no one has: refused by the service like one the caller does not record for.
_NO_MUNICIPALITY = -1


def nis_code_to_id(nis_code: str | None, rows: QuerySet[Any]) -> int | None:
    """The id of the municipality among `rows` with this NIS code: None when no code was
    given, an id that matches nothing when the code is unknown (so the service refuses it
    like any municipality the caller may not use)."""
    if nis_code is None:
        return None
    found = rows.filter(nis_code=nis_code).values_list("pk", flat=True).first()
    return found if found is not None else _NO_MUNICIPALITY


class ContactMomentOut(Schema):
    id: int
    municipality_nis_code: str
    channel: ContactChannel
    direction: ContactDirection
    person_id: int | None
    organisation_id: int | None
    product_code: str | None = Field(description="The catalogue product it was about.")
    topic: str = Field(description="The topic in the staff member's words.")
    outcome: ContactOutcome
    duration_minutes: int | None
    case_id: int | None
    report_id: int | None
    appointment_id: int | None
    payment_request_id: int | None
    occurred_at: dt.datetime
    created_at: dt.datetime

    @staticmethod
    def resolve_municipality_nis_code(contact: ContactMoment) -> str:
        return contact.municipality.nis_code

    @staticmethod
    def resolve_product_code(contact: ContactMoment) -> str | None:
        return contact.product.code if contact.product is not None else None


class ContactMomentDetailOut(ContactMomentOut):
    summary: str
    recorded_by: str = Field(description="The staff member or API client who recorded it.")

    @staticmethod
    def resolve_recorded_by(contact: ContactMoment) -> str:
        if contact.staff_user is not None:
            return contact.staff_user.get_full_name() or contact.staff_user.get_username()
        return contact.api_client.name if contact.api_client is not None else ""


class ContactMomentIn(Schema):
    channel: ContactChannel
    summary: str = Field(max_length=SUMMARY_MAX_LENGTH)
    direction: ContactDirection = ContactDirection.INBOUND
    outcome: ContactOutcome = ContactOutcome.ANSWERED
    municipality_nis_code: str | None = Field(
        None,
        description="The municipality the contact is for; by default the resident's (or the "
        "organisation's), or the caller's only one.",
    )
    person_id: int | None = Field(None, description="The resident; leave out when unknown.")
    organisation_id: int | None = Field(None, description="Instead of a resident.")
    product_code: str = Field("", max_length=60, description="A product of the catalogue.")
    topic: str = Field(
        "", max_length=TOPIC_MAX_LENGTH, description="Or the topic in your own words."
    )
    duration_minutes: int | None = Field(None, ge=1)
    case_id: int | None = None
    report_id: int | None = None
    appointment_id: int | None = None
    payment_request_id: int | None = None
    occurred_at: dt.datetime | None = Field(None, description="Default: now.")


class ContactMomentFilter(Schema):
    person_id: int | None = None
    organisation_id: int | None = None
    channel: ContactChannel | None = None


_RELATED = ("municipality", "product")


@router.get("/contact-moments", response=list[ContactMomentOut])
@requires(Permission.CRM_VIEW)
@paginate(PageNumberPagination)
def contact_moments_list(
    request: HttpRequest, filters: Query[ContactMomentFilter]
) -> QuerySet[ContactMoment]:
    """The contact moments of the caller's municipalities, newest first, without their
    summaries (read one for that). A resident or organisation of another municipality
    gives an empty list, as an unknown one does."""
    rows = contact_moments_visible_to(actor=actor_of(request)).select_related(*_RELATED)
    if filters.person_id is not None:
        rows = rows.filter(person_id=filters.person_id)
    if filters.organisation_id is not None:
        rows = rows.filter(organisation_id=filters.organisation_id)
    if filters.channel is not None:
        rows = rows.filter(channel=filters.channel)
    return rows.defer("summary").order_by("-occurred_at", "-id")


@router.get(
    "/contact-moments/{contact_moment_id}",
    response={200: ContactMomentDetailOut, 404: ErrorResponse},
)
@requires(Permission.CRM_VIEW)
def contact_moment_read(
    request: HttpRequest,
    contact_moment_id: int,
    purpose: QueryEx[AccessPurpose, P(description="Why it is read (access log).")],
) -> ContactMoment:
    """One contact moment with its summary. When it concerns a resident, the read is
    written to their access log."""
    return contact_moment_read_for_purpose(
        actor=actor_of(request),
        contact_moment_id=contact_moment_id,
        purpose=purpose,
        what=API_READ,
        channel=AccessChannel.API,
    )


@router.post(
    "/contact-moments",
    response={201: ContactMomentDetailOut, 422: ErrorResponse},
)
@requires(Permission.CRM_RECORD)
def contact_moment_create(request: HttpRequest, payload: ContactMomentIn) -> Status[ContactMoment]:
    """Record a contact moment. It needs a product or a topic and a summary; everything it
    names must be of the contact's municipality and visible to the caller."""
    actor = actor_of(request)
    municipality_id = nis_code_to_id(payload.municipality_nis_code, municipalities_public())
    try:
        contact = _record(actor, municipality_id, payload)
    except ValidationError as error:
        raise ValidationError(
            {
                API_FIELD_OF.get(field, field): messages
                for field, messages in error.message_dict.items()
            }
        ) from None
    return Status(201, contact_moment_get_visible(actor=actor, contact_moment_id=contact.pk))


def _record(actor: Actor, municipality_id: int | None, payload: ContactMomentIn) -> ContactMoment:
    return contact_moment_record(
        actor=actor,
        municipality_id=municipality_id,
        contact=ContactInput(
            channel=payload.channel,
            summary=payload.summary,
            direction=payload.direction,
            outcome=payload.outcome,
            person_id=payload.person_id,
            organisation_id=payload.organisation_id,
            product_code=payload.product_code,
            topic=payload.topic,
            duration_minutes=payload.duration_minutes,
            case_id=payload.case_id,
            report_id=payload.report_id,
            appointment_id=payload.appointment_id,
            payment_request_id=payload.payment_request_id,
            occurred_at=payload.occurred_at,
        ),
    )


class InboundMailOut(Schema):
    id: int
    municipality_nis_code: str
    status: MailStatus
    from_address: str = Field(description="The sender's address (empty when unreadable).")
    from_name: str
    subject: str
    problem: str = Field(description="Why it could not be read, if so.")
    contact_moment_id: int | None = Field(description="The contact moment recorded from it.")
    received_at: dt.datetime

    @staticmethod
    def resolve_municipality_nis_code(mail: InboundMail) -> str:
        return mail.municipality.nis_code


class MailLinkIn(Schema):
    person_id: int = Field(description="The resident of the mail's municipality who sent it.")


@router.get("/inbound-mails", response=list[InboundMailOut])
@requires(Permission.CRM_RECORD)
@paginate(PageNumberPagination)
def inbound_mails_list(request: HttpRequest) -> QuerySet[InboundMail]:
    """The received e-mails of the caller's municipalities waiting for a clerk: not matched
    to a resident (`unmatched`) or not readable (`unreadable`), newest first."""
    return mails_waiting(actor=actor_of(request))


@router.post(
    "/inbound-mails/{mail_id}/link",
    response={200: InboundMailOut, 404: ErrorResponse, 422: ErrorResponse},
)
@requires(Permission.CRM_RECORD)
def inbound_mail_link(request: HttpRequest, mail_id: int, payload: MailLinkIn) -> InboundMail:
    """Say which resident sent an unmatched e-mail: its contact moment gets that resident.
    Another municipality's mail is 404; a resident of another municipality is refused like
    one that does not exist (422)."""
    actor = actor_of(request)
    mail_link(actor=actor, mail_id=mail_id, person_id=payload.person_id)
    return (
        mails_visible_to(actor=actor, permission=Permission.CRM_RECORD)
        .select_related("municipality")
        .defer("raw")
        .get(pk=mail_id)
    )


class MailReplyIn(Schema):
    text: str = Field(
        max_length=SUMMARY_MAX_LENGTH, description="The answer, as plain text (no HTML)."
    )


@router.post(
    "/contact-moments/{contact_moment_id}/reply",
    response={201: ContactMomentDetailOut, 404: ErrorResponse, 422: ErrorResponse},
)
@requires(Permission.CRM_RECORD)
def contact_moment_reply(
    request: HttpRequest, contact_moment_id: int, payload: MailReplyIn
) -> Status[ContactMoment]:
    """Answer an inbound e-mail contact moment by e-mail. The answer goes to its resident
    through the notifications (threaded with the mail: "Re: …", In-Reply-To, References) and
    is recorded as an outbound e-mail contact moment answering it, which is returned. Another
    municipality's contact moment, or one that is not an inbound e-mail, is 404; a contact
    without a resident (link the mail first) or an empty text is 422."""
    actor = actor_of(request)
    answer = mail_reply_send(actor=actor, contact_moment_id=contact_moment_id, text=payload.text)
    return Status(201, contact_moment_get_visible(actor=actor, contact_moment_id=answer.pk))
