"""Contact moments: every contact between a municipality and a resident, an organisation or
someone unknown, on every channel (counter, phone, e-mail, web form, chat, social media,
letter, home visit), with what it was about and how it ended.

A contact moment is a record of something that happened: it is written once and never
changed or deleted (migration 0002 makes the database refuse it). What it was about is a
product of the catalogue or a free topic; it may point at the request, report, appointment
or payment it concerned, all of its own municipality.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.crm.contact_centre.models import *  # noqa: F403  (the contact centre's tables)

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


class MailStatus(models.TextChoices):
    """What became of a received e-mail."""

    RECEIVED = "received", _("Received, not yet read")
    MATCHED = "matched", _("Recorded with the resident who sent it")
    UNMATCHED = "unmatched", _("Recorded, resident not known yet")
    LINKED = "linked", _("Linked to a resident by staff")
    AUTO_REPLY = "auto_reply", _("Automatic reply, ignored")
    BOUNCE = "bounce", _("Delivery failure report")
    UNREADABLE = "unreadable", _("Could not be read")


class MailSource(models.TextChoices):
    IMAP = "imap", _("Mailbox (IMAP)")
    PIPE = "pipe", _("Mail server (pipe)")


class Mailbox(models.Model):
    """The IMAP mailbox behind a municipality's contact address, read by a periodic job."""

    class Security(models.TextChoices):
        TLS = "tls", _("TLS (port 993)")
        STARTTLS = "starttls", _("STARTTLS (port 143)")
        NONE = "none", _("None (only on a trusted network)")

    municipality = models.OneToOneField(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    address = models.EmailField(_("contact address"))
    host = models.CharField(_("IMAP server"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(
        _("connection security"), max_length=10, choices=Security.choices, default=Security.TLS
    )
    username = models.CharField(_("user name"), max_length=255)
    password = models.CharField(_("password"), max_length=255)
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    processed_folder = models.CharField(
        _("folder for processed mail"), max_length=255, default="Loket/Processed"
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        constraints = [
            models.CheckConstraint(
                condition=Q(security__in=["tls", "starttls", "none"]),
                name="mailbox_security_known",
            ),
        ]

    def __str__(self) -> str:
        return self.address


class InboundMail(models.Model):
    """One e-mail received for a municipality, its raw RFC 5322 bytes kept as received
    (stored before anything else is done with it), and what became of it."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    # The Message-ID, or "sha256:<hex of the raw bytes>" when the mail has none.
    message_key = models.CharField(max_length=500)
    raw = models.BinaryField()
    size_bytes = models.PositiveBigIntegerField()
    source = models.CharField(max_length=10, choices=MailSource.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=MailStatus.choices, default=MailStatus.RECEIVED
    )
    from_address = models.CharField(_("from"), max_length=320, blank=True)
    from_name = models.CharField(max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    contact_moment = models.OneToOneField(
        ContactMoment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bounced_notification_id = models.BigIntegerField(null=True, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("received e-mail")
        verbose_name_plural = _("received e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "message_key"], name="inbound_mail_once_per_message"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MailStatus.values), name="inbound_mail_status_known"
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "status", "-received_at"], name="inbound_mail_status"
            ),
        ]

    def __str__(self) -> str:
        return self.subject or self.message_key


class MailAttachment(models.Model):
    """An attachment of a received e-mail: stored as a document of the contact moment, or
    refused by the documents' content check (with the reason)."""

    mail = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    file_name = models.CharField(_("file name"), max_length=300)
    content_type = models.CharField(max_length=200)
    size_bytes = models.PositiveBigIntegerField()
    document = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refused_reason = models.CharField(_("refused because"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(refused_reason=""),
                name="mail_attachment_stored_or_refused",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name


class SuggestionRule(models.TextChoices):
    """Why a product is suggested to a resident (docs/crm.md, "Proactive service")."""

    MOVED = "moved", _("Moved house")
    BIRTH = "birth", _("A child was born")
    RELATED = "related", _("Goes with a recent request")
    ID_CARD_EXPIRES = "id_card_expires", _("Identity card expires soon")
    UNPAID_FEES = "unpaid_fees", _("Several payments overdue")


# Rules whose suggestions say something sensitive about the resident: shown only to staff
# with crm.view_sensitive_signals (the social services) in the suggestion's municipality,
# and only while the resident's consent "social_signals" is given (crm.selectors).
SENSITIVE_RULES: frozenset[str] = frozenset({SuggestionRule.UNPAID_FEES})


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class Suggestion(models.Model):
    """A product the municipality suggests to a resident because of something in its data
    (a move, a birth, a recent request, an identity card about to expire). Made by the
    nightly job (`crm.suggestions_refresh`), shown in the 360° view and on the resident's
    page, and accepted or dismissed by the resident or a staff member: what was decided is
    kept, so the uptake of each rule can be measured. One suggestion per resident, product,
    rule and occasion (`occasion`: the address, the child, the request or the card's end
    date that led to it), so running the job again suggests nothing twice."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("rule"), max_length=20, choices=SuggestionRule.choices)
    occasion = models.CharField(max_length=60)
    # When what led to it happened (the move, the birth, the request, the card's end date).
    occasion_on = models.DateField()
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default="open"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by_resident = models.BooleanField(default=False)
    # When the resident was told on their channel (the identity-card invitation); null: not.
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "product", "rule", "occasion"], name="suggestion_once"
            ),
            models.CheckConstraint(
                condition=Q(status="open", decided_at__isnull=True)
                | (~Q(status="open") & Q(decided_at__isnull=False)),
                name="suggestion_decided_when_closed",
            ),
        ]
        indexes = [
            models.Index(
                fields=["person", "created_at"],
                name="suggestion_open_by_person",
                condition=Q(status="open"),
            ),
            models.Index(fields=["municipality", "rule", "status"], name="suggestion_uptake"),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.product_id} for {self.person_id}"


class OutreachReason(models.TextChoices):
    RESIDENTIAL_CARE = "residential_care", _("Lives in residential care")
    REDUCED_MOBILITY = "reduced_mobility", _("Reduced mobility")
    ILLNESS = "illness", _("Ill or recovering")
    OTHER = "other", _("Other reason")


class CannotCome(models.Model):
    """A resident who cannot come to the town hall (set by staff with a reason): the
    municipality goes to them. Active while `ended_at` is empty; one active per resident."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=OutreachReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    set_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("resident who cannot come")
        verbose_name_plural = _("residents who cannot come")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_at__isnull=True), name="cannot_come_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.reason}"


class HomeVisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class HomeVisit(models.Model):
    """A planned visit to a resident at home. Done, it is recorded as a contact moment on the
    home-visit channel (`contact_moment`)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    planned_on = models.DateField(_("day"))
    planned_time = models.TimeField(_("time"), null=True, blank=True)
    topic = models.CharField(_("what for"), max_length=TOPIC_MAX_LENGTH)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visitor"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HomeVisitStatus.choices, default="planned"
    )
    contact_moment = models.OneToOneField(
        ContactMoment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        indexes = [
            models.Index(fields=["municipality", "planned_on"], name="home_visit_day"),
            models.Index(fields=["person", "planned_on"], name="home_visit_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", contact_moment__isnull=False)
                | (~Q(status="done") & Q(contact_moment__isnull=True)),
                name="home_visit_done_has_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.planned_on}: {self.person_id}"
