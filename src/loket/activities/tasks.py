"""Background jobs of activities: an offer that expires, and the periodic sweep."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.activities.services import (
    registered_follow_up,
    registration_offer_expire,
    registration_payment_ensure,
    registrations_sweep,
)


@app.task(name="activities.registered", queue="activities")
def activities_registered(registration_id: int) -> int | None:
    """What follows a new registration: the payment request of a confirmed place and the
    parent's message."""
    registration = registered_follow_up(registration_id=registration_id)
    return registration.pk if registration is not None else None


@app.task(name="activities.payment_ask", queue="activities")
def activities_payment_ask(registration_id: int) -> int | None:
    """Make the payment request of a place confirmed in a registration."""
    registration = registration_payment_ensure(registration_id=registration_id)
    return registration.payment_request_id


@app.task(name="activities.offer_expire", queue="activities")
def activities_offer_expire(registration_id: int) -> bool:
    """The time to accept an offered place is up: pass it on (nothing if accepted)."""
    return registration_offer_expire(registration_id=registration_id) is not None


@app.periodic(cron="*/5 * * * *", periodic_id="activities-sweep")
@app.task(name="activities.sweep", queue="activities", queueing_lock="activities-sweep")
def activities_sweep(timestamp: int) -> int:
    """Expire overdue offers and offer free places to waiting lists."""
    return registrations_sweep()
