"""Messages to residents past their retention period lose the resident: the recipient, the
variables, subject and body, the reply and threading headers, the copy in the inbox, the
attachments, the letter's name and address (and the printed batch once none of its letters
names anybody), the demo SMS and the details of the delivery log. The event,
municipality, language, channel, status, number of attempts and every date stay, so the
counts of messages per event, channel and status do not change (loket.audit.retention).
Messages to staff are not personal data of residents and stay. A bounce that arrives after
the anonymisation changes nothing (`notification_bounce_record`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.notify.letters import letter_folder
from loket.notify.models import (
    ANONYMISED_RECIPIENT,
    DeliveryAttempt,
    DemoSmsMessage,
    InboxMessage,
    Letter,
    LetterBatch,
    Notification,
    NotificationAttachment,
)
from loket.notify.workflow import FINAL_STATUSES


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        municipality_id=municipality_id,
        person__isnull=False,
        status__in=sorted(FINAL_STATUSES),
        created_at__lt=cutoff,
    )


def notifications_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the delivery log is append-only)."""
    Notification.objects.filter(pk__in=ids).update(
        person=None,
        recipient_key=ANONYMISED_RECIPIENT,
        # Unique per event and recipient: each becomes a key of its own.
        idempotency_key=Concat(Value("anonymised-"), Cast(F("pk"), output_field=CharField())),
        context={},
        subject="",
        body="",
        reply_to="",
        references="",
        in_reply_to="",
    )
    # The resident's copy and the files sent with it: a mailbox, not history.
    InboxMessage.objects.filter(notification_id__in=ids).delete()
    NotificationAttachment.objects.filter(notification_id__in=ids).delete()
    letters = Letter.objects.filter(notification_id__in=ids)
    batch_ids = set(letters.exclude(batch=None).values_list("batch_id", flat=True))
    letters.update(recipient_name="", address_lines=[], subject="", body="")
    # A printed day's batch (a PDF with every letter's name and address) goes once none of
    # its letters names anybody any more; the file is removed after the commit.
    emptied = (
        LetterBatch.objects.filter(pk__in=batch_ids)
        .exclude(file_name="")
        .exclude(letters__recipient_name__gt="")
    )
    files = list(emptied.values_list("file_name", flat=True))
    LetterBatch.objects.filter(pk__in=emptied.values("pk")).update(file_name="")

    def remove_files() -> None:
        for name in files:
            (letter_folder() / name).unlink(missing_ok=True)

    transaction.on_commit(remove_files, robust=True)
    DemoSmsMessage.objects.filter(notification_id__in=ids).update(to="", text="")
    DeliveryAttempt.objects.filter(notification_id__in=ids).update(detail="", provider_reference="")


retention_kind_register(
    RetentionKind(
        code="notifications",
        label=_("Messages to residents"),
        default_days=730,
        minimum_days=365,
        basis=_(
            "Counted from the sending. Shows that the resident was told (a decision, a "
            "reminder) for as long as a complaint about it is likely; the request's own "
            "history keeps that a message went out. Two years by default, never less than one."
        ),
        due=_due,
        anonymise=notifications_anonymise,
        order=40,
        kept=("event", "municipality", "language", "channel", "status", "attempts", "dates"),
    )
)
