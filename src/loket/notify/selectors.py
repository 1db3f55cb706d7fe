"""Reads of the notify domain, always scoped to what the actor may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from loket.notify.models import (
    DeliveryAttempt,
    DemoSmsMessage,
    InboxMessage,
    LetterBatch,
    Notification,
    NotificationAttachment,
)
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose


def notifications_visible_to(*, actor: Actor) -> QuerySet[Notification]:
    """Staff see the messages of their municipalities; a resident sees their own."""
    if actor.is_resident and actor.person_id is not None:
        return Notification.objects.filter(person_id=actor.person_id)
    municipality_ids = actor.municipality_ids(Permission.NOTIFY_VIEW)
    if not municipality_ids:
        return Notification.objects.none()
    return Notification.objects.filter(municipality_id__in=municipality_ids)


def notifications_filtered(
    *,
    actor: Actor,
    status: str = "",
    channel: str = "",
    event: str = "",
    person_id: int | None = None,
) -> QuerySet[Notification]:
    notifications = notifications_visible_to(actor=actor).select_related(
        "person", "staff_user", "municipality"
    )
    if status:
        notifications = notifications.filter(status=status)
    if channel:
        notifications = notifications.filter(channel=channel)
    if event:
        notifications = notifications.filter(event=event)
    if person_id is not None:
        notifications = notifications.filter(person_id=person_id)
    return notifications.order_by("-created_at", "-id")


def notification_get_visible(*, actor: Actor, notification_id: int) -> Notification:
    notification = (
        notifications_visible_to(actor=actor)
        .select_related("person", "staff_user", "municipality")
        .prefetch_related(
            Prefetch("attempts", queryset=DeliveryAttempt.objects.order_by("id")),
            Prefetch(
                "attachments",
                queryset=NotificationAttachment.objects.defer("content").order_by("id"),
            ),
        )
        .filter(pk=notification_id)
        .first()
    )
    if notification is None:
        raise Http404
    return notification


def notification_read_for_purpose(
    *,
    actor: Actor,
    notification_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
) -> Notification:
    """One message with its content, read for a purpose (404 when out of reach). Reading
    a message sent to a resident is written to their access log, on behalf of the
    message's municipality."""
    from loket.audit.services import access_log_record

    notification = notification_get_visible(actor=actor, notification_id=notification_id)
    if notification.person is not None:
        access_log_record(
            actor=actor,
            person=notification.person,
            purpose=purpose,
            what=what,
            channel=channel,
            municipality_id=notification.municipality_id,
        )
    return notification


def notifications_of_person(*, actor: Actor, person: Person) -> QuerySet[Notification]:
    """What was sent to one resident (for "my page" and the resident 360 view)."""
    return (
        notifications_visible_to(actor=actor)
        .filter(person=person)
        .select_related("municipality")
        .order_by("-created_at", "-id")
    )


def inbox_messages_of(*, person: Person | int) -> QuerySet[InboxMessage]:
    person_id = person if isinstance(person, int) else person.pk
    return InboxMessage.objects.filter(person_id=person_id).order_by("-created_at", "-id")


def inbox_unread_count(*, person: Person | int) -> int:
    """How many inbox messages the resident has not opened yet."""
    return inbox_messages_of(person=person).filter(read_at__isnull=True).count()


def inbox_message_get(*, person: Person | int, message_id: int) -> InboxMessage:
    message = (
        inbox_messages_of(person=person)
        .select_related("notification", "notification__municipality")
        .prefetch_related(
            Prefetch(
                "notification__attachments",
                queryset=NotificationAttachment.objects.defer("content").order_by("id"),
            )
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        raise Http404
    return message


def inbox_attachment_get(
    *, person: Person | int, message_id: int, attachment_id: int
) -> NotificationAttachment:
    message = inbox_message_get(person=person, message_id=message_id)
    attachment = NotificationAttachment.objects.filter(
        notification_id=message.notification_id, pk=attachment_id
    ).first()
    if attachment is None:
        raise Http404
    return attachment


def demo_sms_messages_visible_to(*, actor: Actor) -> QuerySet[DemoSmsMessage]:
    return DemoSmsMessage.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.NOTIFY_VIEW)
    ).select_related("notification", "municipality")


def letter_batches_visible_to(*, actor: Actor) -> QuerySet[LetterBatch]:
    return LetterBatch.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.NOTIFY_VIEW)
    ).select_related("municipality")


def letter_batch_get_visible(*, actor: Actor, batch_id: int) -> LetterBatch:
    batch = letter_batches_visible_to(actor=actor).filter(pk=batch_id).first()
    if batch is None:
        raise Http404
    return batch


def municipalities_for_templates(*, actor: Actor) -> QuerySet[Municipality]:
    """The municipalities whose message templates the actor may edit."""
    return Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.NOTIFY_MANAGE_TEMPLATES)
    ).order_by("name_nl")


def municipality_for_templates(*, actor: Actor, slug: str) -> Municipality:
    municipality = municipalities_for_templates(actor=actor).filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


def notification_by_message_id(*, municipality_id: int, message_id: str) -> Notification | None:
    """The municipality's notification sent with this e-mail Message-ID (a bounce names
    it), or None. Used by Loket itself reading its mail, not by a person."""
    return (
        Notification.objects.filter(municipality_id=municipality_id, message_id=message_id)
        .order_by("pk")
        .first()
    )
