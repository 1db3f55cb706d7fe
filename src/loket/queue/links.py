"""The ticket's secret address (`/wachtrij/ticket/<token>/`), signed so the database holds
nothing that opens it.

The token is the ticket's id signed with the installation's secret key and a timestamp
(`django.core.signing.TimestampSigner`, its own salt). Any part of Loket can build a
working link from the ticket's id when it needs one (the page after taking a ticket, the
kiosk's QR code, the "your turn in about 5 minutes" message at the moment it is sent), so
no table and no job argument has to keep one. A link opens its ticket on the ticket's day
only (the selector checks the day) and never once it is `MAX_AGE` old.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.core import signing
from django.urls import reverse

from loket.config.links import absolute_url

SALT = "loket.queue.ticket-link"
# A ticket lives one day; a link older than that opens nothing, whatever its ticket's day.
MAX_AGE = dt.timedelta(days=1)


class LinkExpired(Exception):
    """A genuine link, but older than `MAX_AGE`."""


class LinkInvalid(Exception):
    """Not a link Loket made."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def ticket_token(*, ticket_id: int) -> str:
    """A fresh secret token for the ticket's page."""
    return _signer().sign(str(ticket_id))


def ticket_path(*, ticket_id: int) -> str:
    return reverse("queue:ticket", kwargs={"token": ticket_token(ticket_id=ticket_id)})


def ticket_url(*, ticket_id: int) -> str:
    """The absolute address of the ticket's page, for a message."""
    return absolute_url(ticket_path(ticket_id=ticket_id))


def ticket_id_of(*, token: str) -> int:
    """The id of the ticket a token was made for; `LinkInvalid` for anything Loket did not
    sign, `LinkExpired` for a signed one older than `MAX_AGE`."""
    try:
        value = _signer().unsign(token, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not value.isdigit():
        raise LinkInvalid
    return int(value)


def legacy_token_hash(token: str) -> str | None:
    """The stored digest of a link issued before links were signed (a random UUID), or
    None when the token is not one. Those links work until the end of their ticket's day
    (migration 0005 kept only their SHA-256)."""
    try:
        key = uuid.UUID(token)
    except ValueError:
        return None
    return hashlib.sha256(str(key).encode()).hexdigest()
