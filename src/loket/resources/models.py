"""Resources a municipality lends or rents out, and their bookings.

A `Resource` is a hall, a meeting room, a swimming lane (each booked whole, one booking at
a time) or lendable equipment with a quantity (tables, chairs, signs), with its booking
rules, its `OpeningWindow`s and a `Tariff` per category. A `Booking` holds a resource for a
period; the database refuses two holding bookings of the same hall that overlap
(`booking_no_overlap`), and for equipment one `BookingUnit` row per unit taken, with its
own exclusion constraint over the resource's numbered `ResourceUnit`s, so never more
units are out than exist (docs/reservations.md). `BookingEvent` is the append-only history.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.catalog.texts import text_in
from loket.resources.workflow import HOLDING_STATUSES, BookingStatus


class TsTzRange(Func):
    """`tstzrange(start, end, '[)')`: the period a booking holds (end excluded)."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class ResourceKind(models.TextChoices):
    HALL = "hall", _("Hall")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    SWIMMING_LANE = "swimming_lane", _("Swimming lane")
    EQUIPMENT = "equipment", _("Lendable equipment")


class PriceUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")


class TariffCategory(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    ASSOCIATION = "association", _("Association")
    COMMERCIAL = "commercial", _("Commercial")


class Resource(models.Model):
    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="resources"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (persons)"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    price_unit = models.CharField(
        _("price unit"), max_length=4, choices=PriceUnit.choices, default=PriceUnit.HOUR
    )
    minimum_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=60)
    maximum_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=480)
    lead_minimum_hours = models.PositiveIntegerField(_("book at least (hours ahead)"), default=24)
    lead_maximum_days = models.PositiveIntegerField(_("book at most (days ahead)"), default=180)
    requires_approval = models.BooleanField(_("staff approve every booking"), default=False)
    is_active = models.BooleanField(_("bookable"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality_id", "kind", "name_nl", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_minutes__gt=0) & Q(maximum_minutes__gte=F("minimum_minutes")),
                name="resource_durations_ordered",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="resource_quantity_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str | None = None) -> str:
        return text_in(self, "name", language)

    def description_in(self, language: str | None = None) -> str:
        return text_in(self, "description", language)

    @property
    def name(self) -> str:
        return self.name_in()

    @property
    def description(self) -> str:
        return self.description_in()

    @property
    def is_equipment(self) -> bool:
        return self.kind == ResourceKind.EQUIPMENT


class ResourceUnit(models.Model):
    """One numbered unit of lendable equipment (chair 1 … chair 120)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="units")
    number = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="resource_unit_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="resource_unit_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}#{self.number}"


class OpeningWindow(models.Model):
    """When a resource can be used (halls) or picked up and brought back (equipment)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="windows")
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # Monday 0 … Sunday 6
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="window_ordered"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="window_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}-{self.closes}"


class Tariff(models.Model):
    """The price of a resource for one category, in cents per price unit, and its deposit."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="tariffs")
    category = models.CharField(_("category"), max_length=20, choices=TariffCategory.choices)
    price_cents = models.PositiveIntegerField(_("price (cents)"))
    deposit_cents = models.PositiveIntegerField(_("deposit (cents)"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "category"], name="tariff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.category}: {self.price_cents}"


class Booking(models.Model):
    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    # None once the retention job has anonymised a past booking (loket.resources.retention).
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    category = models.CharField(_("category"), max_length=20, choices=TariffCategory.choices)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    # Halls, rooms and lanes are booked whole; the no-overlap rule applies to those only.
    is_exclusive = models.BooleanField(default=True)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    purpose = models.CharField(_("what for"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    price_cents = models.PositiveIntegerField(_("price (cents)"), default=0)
    deposit_cents = models.PositiveIntegerField(_("deposit (cents)"), default=0)
    payment_request = models.ForeignKey(
        "payments.PaymentRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_ordered"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="booking_quantity_positive"),
            ExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("resource", RangeOperators.EQUAL),
                ],
                condition=Q(is_exclusive=True, status__in=HOLDING_STATUSES),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "-starts_at"], name="booking_person_recent"),
            models.Index(fields=["municipality", "status", "starts_at"], name="booking_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def total_cents(self) -> int:
        return self.price_cents + self.deposit_cents

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING_STATUSES


class BookingUnit(models.Model):
    """One unit of equipment taken by a holding booking for its period. The rows exist only
    while the booking holds (a refusal or cancellation removes them), and no unit can be
    taken twice for overlapping periods."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(ResourceUnit, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="unit_ordered"),
            ExclusionConstraint(
                name="booking_unit_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("unit", RangeOperators.EQUAL),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.unit_id}"


class BookingEventKind(models.TextChoices):
    REQUESTED = "requested", _("Booking requested")
    BOOKED = "booked", _("Booked")
    STATUS_CHANGED = "status_changed", _("Status changed")
    PAID = "paid", _("Paid")
    REFUND_DUE = "refund_due", _("Refund due")


class BookingEvent(models.Model):
    """One entry of a booking's history. Never changed or deleted (a trigger refuses it)."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=BookingEventKind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    message = models.TextField(_("message"), blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["booking", "created_at", "id"], name="booking_history")]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.kind}"
