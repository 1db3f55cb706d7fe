"""The evening-before reminder: every resident who asked for it (consent purpose
`waste_reminders`) and whose street has a collection tomorrow is told, once per collection
day (the notification's idempotency key names the resident and the date)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from loket.config.links import absolute_url
from loket.notify.models import Notification
from loket.people.models import Address, ConsentPurpose
from loket.waste.models import Fraction
from loket.waste.notifications import collection_reminder_notify, reminder_key
from loket.waste.selectors import collections_for_address, street_key

# The page with the resident's calendar (served by the portal).
CALENDAR_URL_NAME = "mymunicipality:my-municipality"


def waste_reminders_send(*, collection_date: dt.date) -> int:
    """Send the reminders for the collections of `collection_date`; returns how many
    reminders were written (a second run the same day writes none)."""
    addresses = (
        Address.objects.filter(
            valid_until__isnull=True,
            person__consents__purpose=ConsentPurpose.WASTE_REMINDERS,
            person__consents__granted=True,
        )
        .select_related("person", "municipality")
        .order_by("pk")
    )
    by_street: dict[tuple[int, str, str], list[Address]] = defaultdict(list)
    for address in addresses:
        by_street[
            (address.municipality_id, address.postal_code, street_key(address.street))
        ].append(address)
    url = absolute_url(reverse(CALENDAR_URL_NAME))
    sent = 0
    for (municipality_id, postal_code, _key), group in by_street.items():
        collections = collections_for_address(
            municipality_id=municipality_id,
            postal_code=postal_code,
            street=group[0].street,
            start=collection_date,
            end=collection_date,
        )
        if not collections:
            continue
        for address in group:
            person = address.person
            with translation.override(person.preferred_language or "nl"):
                fractions = ", ".join(str(Fraction(item.fraction).label) for item in collections)
            with transaction.atomic():
                known = Notification.objects.filter(
                    recipient_key=f"person:{person.pk}",
                    idempotency_key=reminder_key(
                        person_id=person.pk, collection_date=collection_date
                    ),
                ).exists()
                collection_reminder_notify(
                    person=person,
                    municipality=address.municipality,
                    collection_date=collection_date,
                    fractions=fractions,
                    url=url,
                )
            sent += 0 if known else 1
    return sent


def waste_reminders_run(*, now: dt.datetime) -> int:
    """What the hourly job does at `now` (local time): from `LOKET_WASTE_REMINDER_HOUR` on,
    remind the residents of tomorrow's collections; earlier, nothing."""
    if now.hour < settings.LOKET_WASTE_REMINDER_HOUR:
        return 0
    return waste_reminders_send(collection_date=now.date() + dt.timedelta(days=1))
