"""Tables of activities: the offer (activity, period, seat) and the registrations.

A period's capacity is a set of seat rows. A registration that holds a place (offered or
confirmed) points at one seat of its own period; the database refuses a second registration
on the same seat and a holding registration without a seat, so a period can never be
overbooked whatever the code does (migration 0002 adds the composite foreign key and the
sequence of arrival numbers).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.activities.workflow import HOLDING_STATUSES, RegistrationStatus
from loket.catalog.texts import text_in


class ActivityKind(models.TextChoices):
    CAMP = "camp", _("Sports camp")
    PLAYGROUND = "playground", _("Holiday playground")
    LESSONS = "lessons", _("Lessons course")


class RegistrationChannel(models.TextChoices):
    """How a registration was made: by the parent online, or by staff for the parent."""

    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")


class Activity(models.Model):
    """What a municipality offers children: a camp, a playground, a course of lessons."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    # Shown in the reader's language, falling back to another (`title_in`).
    title_nl = models.CharField(_("title (Dutch)"), max_length=140, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=140, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=140, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    # School years: -2, -1, 0 are the three pre-school years, 1 to 6 primary school.
    school_year_min = models.SmallIntegerField(_("from school year"), null=True, blank=True)
    school_year_max = models.SmallIntegerField(_("to school year"), null=True, blank=True)
    price_resident_cents = models.PositiveIntegerField(_("price for residents (cents)"))
    price_non_resident_cents = models.PositiveIntegerField(_("price for non-residents (cents)"))
    social_reduction_percent = models.PositiveSmallIntegerField(
        _("social tariff reduction (%)"), default=0
    )
    sibling_reduction_percent = models.PositiveSmallIntegerField(
        _("reduction from the second child (%)"), default=0
    )
    opens_residents_at = models.DateTimeField(_("registration opens for residents"))
    opens_everyone_at = models.DateTimeField(_("registration opens for everyone"))
    closes_at = models.DateTimeField(_("registration closes"))
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offered place"), default=48
    )
    payment_days = models.PositiveSmallIntegerField(
        _("days to pay for a place"),
        default=7,
        help_text=_(
            "A confirmed place that is not paid this many days after it was confirmed goes to "
            "the waiting list. 0: never."
        ),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opens_everyone_at", "title_nl", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_residents_at__lte=models.F("opens_everyone_at"))
                & Q(opens_everyone_at__lt=models.F("closes_at")),
                name="activity_windows_ordered",
            ),
            models.CheckConstraint(
                condition=Q(social_reduction_percent__lte=100)
                & Q(sibling_reduction_percent__lte=100),
                name="activity_reductions_percent",
            ),
            models.CheckConstraint(
                condition=~Q(title_nl="", title_fr="", title_en=""),
                name="activity_title_in_a_language",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str | None = None) -> str:
        return text_in(self, "title", language)

    def description_in(self, language: str | None = None) -> str:
        return text_in(self, "description", language)

    @property
    def title(self) -> str:
        return self.title_in()

    @property
    def description(self) -> str:
        return self.description_in()


class Period(models.Model):
    """One week of a camp or playground, or one course of lessons, with its capacity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="periods")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("label"), max_length=100)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="period_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Seat(models.Model):
    """One place of a period. `is_taken` is the fast index of free seats; the unique seat
    of a registration is what the database guarantees."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="seats")
    number = models.PositiveIntegerField()
    is_taken = models.BooleanField(default=False)

    class Meta:
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="seat_number_unique"),
            models.UniqueConstraint(fields=["id", "period"], name="seat_id_period_unique"),
        ]
        indexes = [
            models.Index(
                fields=["period", "number"], condition=Q(is_taken=False), name="seat_free_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.number}"


class Registration(models.Model):
    """A child's registration for a period, made by a parent of the household."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="registrations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="registrations")
    # None once the retention job has anonymised a finished registration
    # (loket.activities.retention).
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    seat = models.OneToOneField(
        Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="registration"
    )
    # From the sequence activities_arrival: the order in which requests arrived.
    arrival = models.BigIntegerField()
    is_resident = models.BooleanField(default=True)
    social_tariff = models.BooleanField(default=False)
    price_cents = models.PositiveIntegerField(default=0)
    reductions = models.JSONField(default=list, blank=True)
    payment_request = models.ForeignKey(
        "payments.PaymentRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    # When a confirmed, paid place that is still unpaid is released (Activity.payment_days
    # after it was confirmed); None: free, or never released.
    payment_due_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(
        _("channel"),
        max_length=10,
        choices=RegistrationChannel.choices,
        default=RegistrationChannel.ONLINE,
    )
    idempotency_scope = models.CharField(max_length=40)
    idempotency_key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["arrival"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_scope", "idempotency_key"],
                name="registration_idempotency_unique",
            ),
            models.UniqueConstraint(
                fields=["period", "child"],
                condition=Q(status__in=[*HOLDING_STATUSES, RegistrationStatus.WAITING]),
                name="registration_child_once_per_period",
            ),
            models.CheckConstraint(
                condition=Q(status__in=HOLDING_STATUSES, seat__isnull=False)
                | (~Q(status__in=HOLDING_STATUSES) & Q(seat__isnull=True)),
                name="registration_holds_seat_iff_holding",
            ),
            models.UniqueConstraint(fields=["arrival"], name="registration_arrival_unique"),
        ]
        indexes = [
            models.Index(
                fields=["period", "arrival"],
                condition=Q(status=RegistrationStatus.WAITING),
                name="registration_waiting_idx",
            ),
            models.Index(fields=["parent", "status"], name="registration_parent_idx"),
            models.Index(
                fields=["payment_due_at"],
                condition=Q(status=RegistrationStatus.CONFIRMED, paid_at__isnull=True),
                name="registration_unpaid_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.child_id} ({self.status})"


class RegistrationEvent(models.Model):
    """Append-only history of a registration (the database refuses changes)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.CharField(max_length=200, blank=True)
    actor_user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_person_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.kind}"
