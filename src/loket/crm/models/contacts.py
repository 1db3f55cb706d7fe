"""Contact moments: what happened between a municipality and someone, on which channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUMMARY_MAX_LENGTH = 4000
TOPIC_MAX_LENGTH = 200
DURATION_MAX_MINUTES = 600


class ContactChannel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("E-mail")
    WEB_FORM = "web_form", _("Web form")
    CHAT = "chat", _("Chat or assistant")
    SOCIAL_MEDIA = "social_media", _("Social media")
    LETTER = "letter", _("Letter")
    HOME_VISIT = "home_visit", _("Home visit")


class ContactDirection(models.TextChoices):
    INBOUND = "inbound", _("The resident contacted us")
    OUTBOUND = "outbound", _("We contacted the resident")


class ContactOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    REFERRED = "referred", _("Referred elsewhere")
    REGISTERED = "registered", _("Request or report registered")
    APPOINTMENT = "appointment", _("Appointment made")
    CALL_BACK = "call_back", _("We will get back to them")
    NOT_REACHED = "not_reached", _("Not reached")


class ContactMoment(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ContactChannel.choices)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=ContactDirection.choices,
        default=ContactDirection.INBOUND,
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX_LENGTH, blank=True)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH)
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=ContactOutcome.choices,
        default=ContactOutcome.ANSWERED,
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(
        "reports.Report", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payment_request = models.ForeignKey(
        "payments.PaymentRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    # An e-mail contact: its Message-ID (received, or sent by us), so a duplicate delivery
    # is one contact moment and a reply finds the contact it answers.
    email_message_id = models.CharField(_("Message-ID"), max_length=500, blank=True)
    replies_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in reply to"),
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "email_message_id"],
                condition=~Q(email_message_id=""),
                name="contact_moment_once_per_message_id",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(organisation__isnull=True),
                name="contact_moment_one_party",
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=False) | ~Q(topic=""),
                name="contact_moment_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=ContactChannel.values), name="contact_moment_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=ContactDirection.values),
                name="contact_moment_direction_known",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ContactOutcome.values), name="contact_moment_outcome_known"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True)
                | Q(duration_minutes__gte=1, duration_minutes__lte=DURATION_MAX_MINUTES),
                name="contact_moment_duration_range",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "-occurred_at"], name="contact_moment_person"),
            models.Index(
                fields=["organisation", "-occurred_at"], name="contact_moment_organisation"
            ),
            models.Index(
                fields=["municipality", "-occurred_at"], name="contact_moment_municipality"
            ),
            models.Index(fields=["staff_user", "-created_at"], name="contact_moment_staff"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def subject(self) -> str:
        """What the contact was about: the product's name (in the active language), the
        free topic, or both."""
        if self.product is None:
            return self.topic
        return f"{self.product.name} — {self.topic}" if self.topic else self.product.name
