"""Offices, their opening hours and closures, their desks and the products they handle.

An `Office` belongs to one municipality (a town hall, a district office). Its week is a set
of `OpeningHours` rows (several per weekday: a morning and an afternoon), replaced on one
date by `SpecialHours` rows and closed by `Closure` periods; Belgian public holidays close
it unless the municipality says otherwise (`closed_on_public_holidays`). A `Desk` of the
office is on duty in its `DeskShift` rows; it handles the products listed in
`Desk.products` (none listed: every product of the office). `OfficeProduct` says which
catalogue products the office takes appointments for, how long one lasts and what to
bring. The capacity of a slot is the number of desks on duty that handle the product.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from loket.catalog.texts import text_in
from loket.tenancy.models import TranslatedNameMixin


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Office(TranslatedNameMixin):
    """A place where residents come to a counter, in one municipality."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="offices"
    )
    address_street = models.CharField(_("street and number"), max_length=200)
    address_postal_code = models.CharField(_("postal code"), max_length=4)
    address_locality = models.CharField(_("locality"), max_length=100)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    accessibility_nl = models.TextField(_("accessibility (Dutch)"), blank=True)
    accessibility_fr = models.TextField(_("accessibility (French)"), blank=True)
    accessibility_en = models.TextField(_("accessibility (English)"), blank=True)
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("time between slots (minutes)"),
        default=15,
        help_text=_("Appointments start on multiples of this from the opening time."),
    )
    booking_days_ahead = models.PositiveSmallIntegerField(_("bookable days ahead"), default=60)
    is_active = models.BooleanField(_("open for appointments"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality_id", "name_nl", "id"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5) & Q(slot_minutes__lte=240),
                name="office_slot_minutes_range",
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90)
                    & Q(latitude__lte=90)
                    & Q(longitude__gte=-180)
                    & Q(longitude__lte=180)
                ),
                name="office_coordinates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name_in()

    def accessibility_in(self, language: str | None = None) -> str:
        return text_in(self, "accessibility", language)

    @property
    def address(self) -> str:
        return f"{self.address_street}, {self.address_postal_code} {self.address_locality}"


class OpeningHours(models.Model):
    """One opening period of an office on a weekday (a day may have several)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["office_id", "weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="opening_hours_opens_before_closes"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6), name="opening_hours_weekday"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class SpecialHours(models.Model):
    """Opening hours on one date that replace the weekday's (an evening opening)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="special_hours")
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["office_id", "date", "opens_at"]
        verbose_name = _("special opening hours")
        verbose_name_plural = _("special opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="special_hours_opens_before_closes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class Closure(models.Model):
    """Days the office is closed (a bridge day, works, the annual fair)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason_nl = models.CharField(_("reason (Dutch)"), max_length=200, blank=True)
    reason_fr = models.CharField(_("reason (French)"), max_length=200, blank=True)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["office_id", "first_day"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")), name="closure_first_before_last"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_day}-{self.last_day}"

    def reason_in(self, language: str | None = None) -> str:
        return text_in(self, "reason", language)


class OfficeProduct(models.Model):
    """A catalogue product an office takes appointments for."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    bring_nl = models.TextField(_("what to bring (Dutch)"), blank=True)
    bring_fr = models.TextField(_("what to bring (French)"), blank=True)
    bring_en = models.TextField(_("what to bring (English)"), blank=True)
    max_open_per_person = models.PositiveSmallIntegerField(
        _("open appointments per person"),
        default=2,
        help_text=_("How many future appointments one person may hold for this product here."),
    )
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        ordering = ["office_id", "product__code"]
        verbose_name = _("product of an office")
        verbose_name_plural = _("products of an office")
        constraints = [
            models.UniqueConstraint(fields=["office", "product"], name="office_product_unique"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="office_product_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(max_open_per_person__gte=1), name="office_product_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.product_id}"

    def bring_in(self, language: str | None = None) -> str:
        return text_in(self, "bring", language)


class Desk(models.Model):
    """A counter of an office, where one staff member receives one resident at a time."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="desks")
    name = models.CharField(_("name"), max_length=100)
    products = models.ManyToManyField(
        "catalog.Product",
        blank=True,
        related_name="+",
        verbose_name=_("products"),
        help_text=_("Leave empty when the desk handles every product of the office."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    # SHA-256 of the token in the desk's calendar feed address ("" = no feed), and when that
    # address stops working (`LOKET_APPOINTMENTS_FEED_DAYS` after it was made).
    feed_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    feed_token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["office_id", "name", "id"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="desk_name_unique_per_office"),
        ]

    def __str__(self) -> str:
        return self.name


class DeskShift(models.Model):
    """When a desk is on duty on a weekday (a desk may have several shifts a day)."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="shifts")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["desk_id", "weekday", "starts_at"]
        verbose_name = _("desk shift")
        verbose_name_plural = _("desk shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="desk_shift_starts_before_ends"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6), name="desk_shift_weekday"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"
