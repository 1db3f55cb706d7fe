"""Inbound e-mail: a mail sent to a municipality's contact address becomes a contact moment.

Whatever the way in (the IMAP poller of `crm.imap`, the MTA pipe `loket mail_receive`),
`mail_receive` first stores the raw RFC 5322 bytes in their own transaction
(`mail_store`), so a mail is never lost, and then reads it (`mail_process`):

- a **message** becomes an inbound e-mail contact moment. Its sender is looked up by
  e-mail address among the residents of *that* municipality (through the people
  selectors, scoped to it); one match is the resident, none or several leave the contact
  moment unmatched for a clerk to link (`mail_link`). A mail answering one of ours
  (In-Reply-To, References) is threaded to that contact moment. Attachments are stored
  as documents of the contact moment through the documents domain, which checks their
  content; a refused one is kept as a line saying why;
- an **automatic reply** is kept and counted, not recorded as a contact moment;
- a **bounce** is recorded on the notification it is about (found by its Message-ID);
- an **unreadable** mail is kept and flagged for a clerk.

The same Message-ID delivered twice to a municipality is stored once
(`inbound_mail_once_per_message`) and recorded as one contact moment
(`contact_moment_once_per_message_id`).

Staff answer with `mail_reply_send`: the reply goes out through the notifications domain
with In-Reply-To and References, and is itself recorded as an outbound contact moment.
"""

from __future__ import annotations

import logging
import uuid
from email import policy
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.crm.mail_parsing import (
    MailKind,
    ParsedMail,
    mail_parse,
    message_ids,
    message_key_of,
)
from loket.crm.models import (
    SUMMARY_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    ContactChannel,
    ContactDirection,
    ContactMoment,
    ContactOutcome,
    InboundMail,
    MailAttachment,
    Mailbox,
    MailSource,
    MailStatus,
)
from loket.crm.notifications import mail_reply_notify
from loket.crm.selectors import email_contact_get_answerable, mails_visible_to
from loket.documents.services import document_upload
from loket.notify.selectors import notification_by_message_id
from loket.notify.services import notification_bounce_record
from loket.people.models import Person
from loket.people.selectors import persons_visible_to
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

logger = logging.getLogger(__name__)

ALREADY_LINKED = _("This e-mail is no longer waiting for a resident.")
RESIDENT_UNKNOWN = _("There is no such resident in this municipality among those you may see.")
REPLY_NEEDS_RESIDENT = _("Link the e-mail to a resident before answering it.")
REPLY_MISSING = _("Write the answer.")
REPLY_TOO_LONG = _("Keep the answer under %(max)s characters.")
TOO_LARGE = "The message is larger than LOKET_MAIL_MAX_BYTES; kept unread."


def mail_actor(municipality_id: int) -> Actor:
    """Loket itself reading a municipality's mail: it finds that municipality's residents
    and records contacts and documents there, nowhere else."""
    only_here = frozenset({municipality_id})
    return Actor(
        kind=ActorKind.INTEGRATION,
        municipality_grants={
            Permission.PEOPLE_SEARCH: only_here,
            Permission.CRM_RECORD: only_here,
            Permission.DOCUMENTS_UPLOAD: only_here,
        },
    )


def _message_key(raw: bytes) -> str:
    try:
        headers = BytesHeaderParser(policy=policy.default).parsebytes(raw)
        ids = message_ids(headers.get("Message-ID", ""))
    except Exception:
        ids = []
    return message_key_of(ids[0] if ids else "", raw)


def mail_store(*, municipality: Municipality, raw: bytes, source: str) -> tuple[InboundMail, bool]:
    """Store the raw bytes of a received mail (committed on return, unless the caller holds
    a transaction). Returns the mail and whether it is new: the same Message-ID for the
    same municipality is the stored one."""
    if source not in MailSource.values:
        raise ValueError(f"unknown mail source {source!r}")
    key = _message_key(raw)
    try:
        with transaction.atomic():
            mail = InboundMail.objects.create(
                municipality=municipality,
                message_key=key,
                raw=raw,
                size_bytes=len(raw),
                source=source,
            )
    except IntegrityError:
        existing = InboundMail.objects.filter(municipality=municipality, message_key=key).first()
        if existing is None:
            raise
        return existing, False
    return mail, True


def _resident(municipality_id: int, address: str) -> Person | None:
    """The one resident of the municipality with this e-mail address, else None."""
    if not address:
        return None
    found = list(
        persons_visible_to(actor=mail_actor(municipality_id), permission=Permission.PEOPLE_SEARCH)
        .filter(municipality_id=municipality_id, email__iexact=address)
        .order_by("pk")[:2]
    )
    return found[0] if len(found) == 1 else None


def _answered(municipality_id: int, parsed: ParsedMail) -> ContactMoment | None:
    """The earlier e-mail contact moment this mail answers (In-Reply-To, then References)."""
    if not parsed.answers:
        return None
    candidates = {
        contact.email_message_id: contact
        for contact in ContactMoment.objects.filter(
            municipality_id=municipality_id,
            channel=ContactChannel.EMAIL,
            email_message_id__in=parsed.answers,
        )
    }
    return next((candidates[key] for key in parsed.answers if key in candidates), None)


def _addressee(municipality_id: int, parsed: ParsedMail) -> Person | None:
    """The resident a notification of ours answered by this mail was sent to, if any."""
    for message_id in parsed.answers:
        notification = notification_by_message_id(
            municipality_id=municipality_id, message_id=message_id
        )
        if notification is not None and notification.person_id is not None:
            return notification.person
    return None


def _texts(parsed: ParsedMail) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        topic = parsed.subject.strip() or gettext("E-mail without subject")
        summary = parsed.text.replace("\r\n", "\n").strip() or gettext("(The e-mail is empty.)")
    if len(summary) > SUMMARY_MAX_LENGTH:
        summary = summary[: SUMMARY_MAX_LENGTH - 1] + "…"
    return topic[:TOPIC_MAX_LENGTH], summary


def _attachments_store(mail: InboundMail, contact: ContactMoment, parsed: ParsedMail) -> None:
    actor = mail_actor(mail.municipality_id)
    for attachment in parsed.attachments:
        row = MailAttachment(
            mail=mail,
            file_name=attachment.file_name[:300],
            content_type=attachment.content_type[:200],
            size_bytes=len(attachment.content),
        )
        try:
            with transaction.atomic():
                row.document = document_upload(
                    actor=actor,
                    municipality=mail.municipality,
                    owner_type="contact_moment",
                    owner_id=contact.pk,
                    title=attachment.file_name,
                    file_name=attachment.file_name,
                    content=attachment.content,
                    kind="email_attachment",
                    concerns_person=contact.person,
                )
        except ValidationError as refused:
            with translation.override(settings.LANGUAGE_CODE):
                row.refused_reason = " ".join(str(m) for m in refused.messages)[:500] or "refused"
        row.save()


def _record_message(mail: InboundMail, parsed: ParsedMail) -> None:
    answered = _answered(mail.municipality_id, parsed)
    person = _resident(mail.municipality_id, parsed.from_address)
    if person is None and answered is not None and answered.person_id is not None:
        # An answer to a message we sent: the thread says who it is.
        person = answered.person
    if person is None:
        person = _addressee(mail.municipality_id, parsed)
    topic, summary = _texts(parsed)
    contact = ContactMoment.objects.create(
        municipality_id=mail.municipality_id,
        channel=ContactChannel.EMAIL,
        direction=ContactDirection.INBOUND,
        person=person,
        topic=topic,
        summary=summary,
        outcome=ContactOutcome.CALL_BACK,
        occurred_at=mail.received_at,
        created_at=timezone.now(),
        email_message_id=mail.message_key,
        replies_to=answered,
    )
    mail.contact_moment = contact
    mail.status = MailStatus.MATCHED if person is not None else MailStatus.UNMATCHED
    _attachments_store(mail, contact, parsed)


def _record_bounce(mail: InboundMail, parsed: ParsedMail) -> None:
    mail.status = MailStatus.BOUNCE
    mail.problem = parsed.problem
    for message_id in parsed.bounced_message_ids:
        notification = notification_by_message_id(
            municipality_id=mail.municipality_id, message_id=message_id
        )
        if notification is not None:
            notification_bounce_record(
                notification_id=notification.pk,
                channel="email",
                detail=(parsed.problem or "bounced")[:500],
                provider_reference=mail.message_key[:200],
            )
            mail.bounced_notification_id = notification.pk
            return
    mail.problem = f"{parsed.problem} (no message of ours found)".strip()


def mail_process(*, mail_id: int) -> InboundMail:
    """Read a stored mail and record what it is (once: a mail already read is left as it
    is). A mail that fails to be read is flagged unreadable with the error, never lost."""
    try:
        with transaction.atomic():
            rows = InboundMail.objects.select_for_update().select_related("municipality")
            mail = rows.get(pk=mail_id)
            if mail.status != MailStatus.RECEIVED:
                return mail
            raw = bytes(mail.raw)
            if len(raw) > settings.LOKET_MAIL_MAX_BYTES:
                parsed = ParsedMail(kind=MailKind.UNREADABLE, message_key="", problem=TOO_LARGE)
            else:
                parsed = mail_parse(raw)
            mail.from_address = parsed.from_address
            mail.from_name = parsed.from_name
            mail.subject = parsed.subject
            if parsed.kind is MailKind.MESSAGE:
                _record_message(mail, parsed)
            elif parsed.kind is MailKind.BOUNCE:
                _record_bounce(mail, parsed)
            elif parsed.kind is MailKind.AUTO_REPLY:
                mail.status = MailStatus.AUTO_REPLY
            else:
                mail.status = MailStatus.UNREADABLE
                mail.problem = parsed.problem
            mail.save()
            return mail
    except Exception as error:
        logger.exception("inbound mail %s could not be read", mail_id)
        InboundMail.objects.filter(pk=mail_id, status=MailStatus.RECEIVED).update(
            status=MailStatus.UNREADABLE, problem=f"{type(error).__name__}: {error}"[:2000]
        )
        return InboundMail.objects.get(pk=mail_id)


def mail_receive(*, municipality: Municipality, raw: bytes, source: str) -> InboundMail:
    """Store a received mail, then read it. The same mail again changes nothing."""
    mail, _created = mail_store(municipality=municipality, raw=raw, source=source)
    return mail_process(mail_id=mail.pk)


@transaction.atomic
def mail_link(*, actor: Actor, mail_id: int, person_id: int) -> InboundMail:
    """A clerk (crm.record in the mail's municipality) says which resident sent an
    unmatched mail: its contact moment gets that resident (the one change a contact moment
    allows, once). Another municipality's mail is 404; its residents are refused like
    unknown ones."""
    if not actor.has(Permission.CRM_RECORD):
        raise PermissionDenied
    mail = (
        mails_visible_to(actor=actor, permission=Permission.CRM_RECORD)
        .select_for_update()
        .filter(pk=mail_id)
        .first()
    )
    if mail is None:
        raise Http404
    if mail.status != MailStatus.UNMATCHED or mail.contact_moment_id is None:
        raise ValidationError({"person_id": [ALREADY_LINKED]})
    person = (
        persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH)
        .filter(pk=person_id, municipality_id=mail.municipality_id)
        .first()
    )
    if person is None:
        raise ValidationError({"person_id": [RESIDENT_UNKNOWN]})
    ContactMoment.objects.filter(pk=mail.contact_moment_id, person__isnull=True).update(
        person=person
    )
    mail.status = MailStatus.LINKED
    mail.linked_by = actor.user
    mail.linked_at = timezone.now()
    mail.save(update_fields=["status", "linked_by", "linked_at"])
    return mail


def _thread(contact: ContactMoment) -> tuple[str, str]:
    """The References of a reply (those of the mail answered, then its own Message-ID) and
    its Reply-To: the municipality's contact address (its mailbox's, else the address the
    resident wrote to), so that the resident's answer comes back to it."""
    mail = InboundMail.objects.filter(contact_moment=contact).only("raw").first()
    earlier: list[str] = []
    written_to = ""
    if mail is not None:
        try:
            headers = BytesHeaderParser(policy=policy.default).parsebytes(bytes(mail.raw))
            earlier = message_ids(headers.get("References", ""))
            addresses = [a for _n, a in getaddresses([str(headers.get("To", ""))]) if "@" in a]
            written_to = addresses[0] if addresses else ""
        except Exception:
            earlier = []
    ids = list(dict.fromkeys([*earlier, contact.email_message_id]))
    mailbox = Mailbox.objects.filter(municipality_id=contact.municipality_id).first()
    reply_to = mailbox.address if mailbox is not None else written_to
    try:
        validate_email(reply_to)
    except ValidationError:
        reply_to = ""
    return " ".join(ids[-20:]), reply_to


def mail_reply_send(*, actor: Actor, contact_moment_id: int, text: str) -> ContactMoment:
    """Answer an inbound e-mail contact moment: the answer goes to its resident through the
    notifications domain, threaded with the mail, and is recorded as an outbound e-mail
    contact moment answering it. Another municipality's contact is 404."""
    if not actor.has(Permission.CRM_RECORD):
        raise PermissionDenied
    contact = email_contact_get_answerable(actor=actor, contact_moment_id=contact_moment_id)
    errors: dict[str, list[object]] = {}
    text = text.replace("\r\n", "\n").strip()
    if contact.person is None:
        errors["text"] = [REPLY_NEEDS_RESIDENT]
    elif not text:
        errors["text"] = [REPLY_MISSING]
    elif len(text) > SUMMARY_MAX_LENGTH:
        errors["text"] = [REPLY_TOO_LONG % {"max": SUMMARY_MAX_LENGTH}]
    if errors or contact.person is None:
        raise ValidationError(errors)
    subject = contact.topic
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    references, reply_to = _thread(contact)
    with transaction.atomic():
        notification = mail_reply_notify(
            person=contact.person,
            municipality=contact.municipality,
            subject=subject,
            text=text,
            idempotency_key=f"crm-mail-reply-{contact.pk}-{uuid.uuid4().hex}",
            in_reply_to=contact.email_message_id,
            references=references,
            reply_to=reply_to,
        )
        return ContactMoment.objects.create(
            municipality_id=contact.municipality_id,
            channel=ContactChannel.EMAIL,
            direction=ContactDirection.OUTBOUND,
            person=contact.person,
            topic=subject[:TOPIC_MAX_LENGTH],
            summary=text,
            outcome=ContactOutcome.ANSWERED,
            staff_user=actor.user,
            api_client_id=actor.api_client_id,
            occurred_at=timezone.now(),
            created_at=timezone.now(),
            email_message_id=notification.message_id,
            replies_to=contact,
        )
