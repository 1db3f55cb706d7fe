"""Which channel a notification goes out on, and whether it goes out at all.

- Staff members are told by e-mail.
- Residents on the channels they chose, in their order. Essential messages (decisions,
  appointment confirmations) then fall back to a letter and the portal inbox, so they
  always reach the resident; optional ones (surveys, suggestions, news) only use the
  chosen channels and respect the resident's consent.
"""

from __future__ import annotations

from loket.notify.channels import CHANNELS, channel_get
from loket.notify.channels.base import Recipient
from loket.notify.events import OPT_IN_PURPOSES, EventType
from loket.notify.models import Notification
from loket.people.models import Channel, Consent

ESSENTIAL_FALLBACK = (Channel.LETTER, Channel.PORTAL)


def recipient_of(notification: Notification) -> Recipient:
    if notification.person is not None:
        person = notification.person
        return Recipient(
            name=person.full_name,
            language=notification.language,
            email=person.email,
            phone=person.phone,
            person=person,
        )
    user = notification.staff_user
    assert user is not None  # a check constraint guarantees one recipient
    return Recipient(
        name=user.get_full_name() or user.get_username(),
        language=notification.language,
        email=user.email,
    )


def channel_order(notification: Notification) -> list[str]:
    """Every channel to try, best first (before checking that it can reach them)."""
    if notification.person is None:
        return [Channel.EMAIL]
    chosen = [*notification.channels_first, *notification.person.preferred_channels]
    order = [code for code in chosen if code in CHANNELS]
    order = list(dict.fromkeys(order))
    if notification.essential:
        order += [code for code in ESSENTIAL_FALLBACK if code not in order]
    return order


def channels_remaining(notification: Notification, recipient: Recipient) -> list[tuple[str, str]]:
    """(channel, address) of the channels still to try that can reach the recipient."""
    remaining = []
    for code in channel_order(notification):
        if code in notification.channels_given_up:
            continue
        address = channel_get(code).address_of(recipient)
        if address is not None:
            remaining.append((code, address))
    return remaining


def channel_next(notification: Notification, recipient: Recipient) -> tuple[str, str] | None:
    """The channel to use now: the current one while it can still be used, else the next."""
    for code in channel_order(notification):
        if code in notification.channels_given_up:
            continue
        if notification.channel and code != notification.channel:
            continue
        address = channel_get(code).address_of(recipient)
        if address is not None:
            return code, address
    if notification.channel:
        # The current channel no longer reaches them (address removed): take the next one.
        notification.channels_given_up = [*notification.channels_given_up, notification.channel]
        notification.channel = ""
        notification.temporary_failures = 0
        return channel_next(notification, recipient)
    return None


def consent_refused(notification: Notification, event_type: EventType) -> bool:
    """True when an optional message may not be sent to this resident."""
    purpose = event_type.consent_purpose
    if event_type.essential or purpose is None or notification.person_id is None:
        return False
    granted = (
        Consent.objects.filter(person_id=notification.person_id, purpose=purpose)
        .values_list("granted", flat=True)
        .first()
    )
    if purpose in OPT_IN_PURPOSES:
        return granted is not True
    return granted is False
