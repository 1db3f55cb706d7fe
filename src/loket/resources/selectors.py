"""Reads of the resources domain, each scoped by who asks.

Resources that are bookable are public (like a municipality's catalogue); their busy
periods are public too, without who booked. Bookings are seen by the person who booked and
by staff of the resource's municipality (resources.view); another municipality's booking
answers 404 exactly like one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record_each
from loket.resources.models import Booking, BookingEvent, BookingUnit, Resource, ResourceUnit
from loket.resources.workflow import HOLDING_STATUSES, BookingStatus
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


def resources_public(*, municipality: Municipality | None = None) -> QuerySet[Resource]:
    """Bookable resources (of one municipality when given): public information."""
    resources = Resource.objects.filter(is_active=True).select_related("municipality")
    if municipality is not None:
        resources = resources.filter(municipality=municipality)
    return resources.prefetch_related("tariffs", "windows")


def resource_get_public(*, resource_id: int, municipality: Municipality | None = None) -> Resource:
    resource = resources_public(municipality=municipality).filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    return resource


def resources_visible_to(
    *, actor: Actor, permission: Permission = Permission.RESOURCES_VIEW
) -> QuerySet[Resource]:
    """Staff: every resource (bookable or not) of the municipalities where they hold
    `permission`."""
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return Resource.objects.none()
    return Resource.objects.filter(
        municipality_id__in=actor.municipality_ids(permission)
    ).select_related("municipality")


def resource_get_visible(
    *, actor: Actor, resource_id: int, permission: Permission = Permission.RESOURCES_VIEW
) -> Resource:
    resource = resources_visible_to(actor=actor, permission=permission).filter(pk=resource_id)
    found = resource.prefetch_related("tariffs", "windows").first()
    if found is None:
        raise Http404
    return found


def bookings_visible_to(
    *, actor: Actor, permission: Permission = Permission.RESOURCES_VIEW
) -> QuerySet[Booking]:
    if actor.is_resident and actor.person_id is not None:
        bookings = Booking.objects.filter(person_id=actor.person_id)
    elif actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        bookings = Booking.objects.filter(municipality_id__in=actor.municipality_ids(permission))
    else:
        return Booking.objects.none()
    return bookings.select_related("resource", "municipality", "person", "payment_request")


def booking_get_visible(
    *, actor: Actor, booking_id: int, permission: Permission = Permission.RESOURCES_VIEW
) -> Booking:
    booking = bookings_visible_to(actor=actor, permission=permission).filter(pk=booking_id).first()
    if booking is None:
        raise Http404
    return booking


# What the access log says was read (translated when shown).
BOOKING_READ = gettext_noop("reservation details")
BOOKINGS_LIST_READ = gettext_noop("list of reservations")


def booking_read_for_purpose(
    *,
    actor: Actor,
    booking_id: int,
    purpose: AccessPurpose | str,
    channel: AccessChannel,
) -> Booking:
    """One booking with who booked it (404 when out of reach); a staff member's read is
    written to that resident's access log, on behalf of the booking's municipality."""
    booking = booking_get_visible(actor=actor, booking_id=booking_id)
    access_log_record_each(
        actor=actor,
        persons=[booking.person],
        purpose=purpose,
        what=BOOKING_READ,
        channel=channel,
        municipality_id=booking.municipality_id,
    )
    return booking


def bookings_shown_for_purpose(
    *,
    actor: Actor,
    bookings: Iterable[Booking],
    purpose: AccessPurpose | str,
    channel: AccessChannel,
) -> list[Booking]:
    """Bookings a staff page lists with who booked them (got through
    `bookings_visible_to`): a row in the access log of each resident shown, on behalf of
    the municipality of their booking."""
    shown = list(bookings)
    by_municipality: dict[int, list[Booking]] = {}
    for booking in shown:
        by_municipality.setdefault(booking.municipality_id, []).append(booking)
    for municipality_id, rows in by_municipality.items():
        access_log_record_each(
            actor=actor,
            persons=[booking.person for booking in rows],
            purpose=purpose,
            what=BOOKINGS_LIST_READ,
            channel=channel,
            municipality_id=municipality_id,
        )
    return shown


def bookings_of_resident(*, actor: Actor, person_id: int | None = None) -> QuerySet[Booking]:
    """A resident's bookings, newest first. A resident asks for their own (`person_id`
    left out or their own id); staff name the person and see the bookings of that person
    in the municipalities where they hold resources.view."""
    if actor.is_resident:
        if person_id not in {None, actor.person_id}:
            return Booking.objects.none()
        person_id = actor.person_id
    if person_id is None:
        return Booking.objects.none()
    return (
        bookings_visible_to(actor=actor).filter(person_id=person_id).order_by("-starts_at", "-id")
    )


def approval_queue(*, actor: Actor) -> QuerySet[Booking]:
    """The bookings waiting for a decision that this staff member may take, soonest first."""
    return (
        bookings_visible_to(actor=actor, permission=Permission.RESOURCES_HANDLE)
        .filter(status=BookingStatus.REQUESTED)
        .order_by("starts_at", "id")
    )


def booking_history(*, booking: Booking) -> QuerySet[BookingEvent]:
    return booking.events.select_related("actor_user", "actor_person").order_by("created_at", "id")


@dataclass(frozen=True)
class BusyPeriod:
    """A period in which (part of) a resource is taken: public, so without who took it."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    quantity: int
    status: str


def busy_periods(*, resource: Resource, start: dt.datetime, end: dt.datetime) -> list[BusyPeriod]:
    """The holding bookings of `resource` that overlap [start, end)."""
    bookings = Booking.objects.filter(
        resource=resource,
        status__in=HOLDING_STATUSES,
        starts_at__lt=end,
        ends_at__gt=start,
    ).order_by("starts_at", "id")
    return [
        BusyPeriod(b.starts_at, b.ends_at, b.quantity, b.status)
        for b in bookings.only("starts_at", "ends_at", "quantity", "status")
    ]


def units_free(
    *, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime
) -> QuerySet[ResourceUnit]:
    """The units of equipment nobody holds for any moment of the period, lowest first."""
    taken = BookingUnit.objects.filter(
        Q(starts_at__lt=ends_at) & Q(ends_at__gt=starts_at), unit__resource=resource
    ).values("unit_id")
    return resource.units.exclude(pk__in=taken).order_by("number")
