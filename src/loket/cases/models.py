"""Cases: a resident's request for a product, from submission to decision.

A `Case` belongs to a municipality and carries its number (`KORTRIJK-2026-000123`, from a
gap-free counter per municipality and year), the product and form version it was asked
with, the answers, and what the register said at the time ("only once"). Its history is the
append-only `CaseEvent` timeline; internal notes are append-only too (migration 0002 makes
the database refuse to change or delete them). Tasks and messages hang off the case.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.cases.workflow import OPEN_STATUSES, CaseStatus

if TYPE_CHECKING:
    from loket.people.models import Person


class CaseAnonymised(Exception):
    """The case was anonymised after its retention period: it names no applicant."""


class CaseChannel(models.TextChoices):
    """How a request reached the municipality."""

    PORTAL = "portal", _("Online (portal)")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    API = "api", _("Through an integration")


class CaseNumberCounter(models.Model):
    """The last case number given out per municipality and year (locked while numbering)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="case_counter_unique_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.year}: {self.last_number}"


class Case(models.Model):
    region = models.ForeignKey("tenancy.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("case number"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="cases")
    form_definition = models.ForeignKey(
        "catalog.FormDefinition", on_delete=models.PROTECT, related_name="cases"
    )
    # Empty only once the closed case has been anonymised after its retention period
    # (loket.cases.retention).
    applicant = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("applicant"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    register_snapshot = models.JSONField(
        _("register data"),
        default=dict,
        help_text=_("What the authentic source said when the request was made."),
    )
    language = models.CharField(_("language"), max_length=2, default="nl")
    status = models.CharField(
        _("status"), max_length=30, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED
    )
    channel = models.CharField(_("channel"), max_length=10, choices=CaseChannel.choices)
    submitted_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_submitted",
        verbose_name=_("assisting staff member"),
    )
    submitted_by_api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The resident who made the request for the applicant (a parent for a minor child, a
    # mandatee under a mandate); empty when the applicant acted themselves.
    submitted_by_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_submitted_for_others",
        verbose_name=_("requested on behalf of the applicant by"),
    )
    # The organisation in whose name its representative (the applicant) made the request;
    # empty for a resident's own request.
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("in the name of the organisation"),
    )
    # The consent the resident gave the assisting staff member (counter or phone).
    counter_consent = models.ForeignKey(
        "mandates.CounterConsent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("consent at the counter"),
    )
    idempotency_scope = models.CharField(max_length=40)
    idempotency_key = models.CharField(max_length=100)
    request_fingerprint = models.CharField(max_length=64)
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("department"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_handled",
        verbose_name=_("handler"),
    )
    fee_cents = models.PositiveIntegerField(_("fee (cents)"), default=0)
    payment_request = models.ForeignKey(
        "payments.PaymentRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    due_date = models.DateField(_("due date"))
    counts_working_days = models.BooleanField(default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_scope", "idempotency_key"], name="case_idempotency_unique"
            ),
            models.UniqueConstraint(
                fields=["municipality", "year", "sequence"], name="case_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CaseStatus.values), name="case_status_known"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=CaseChannel.values), name="case_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(channel="portal")
                | Q(submitted_by_user__isnull=False)
                | Q(submitted_by_api_client__isnull=False),
                name="case_assisted_channel_names_who",
            ),
        ]
        indexes = [
            models.Index(
                fields=["department", "due_date", "id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="case_open_department_due",
            ),
            models.Index(
                fields=["municipality", "due_date", "id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="case_open_municipality_due",
            ),
            models.Index(
                fields=["handler", "due_date", "id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="case_open_handler_due",
            ),
            models.Index(fields=["applicant", "-submitted_at"], name="case_applicant_recent"),
            models.Index(fields=["municipality", "-submitted_at"], name="case_municipality_recent"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def applicant_required(self) -> Person:
        """The applicant of a case that is still worked on; a case anonymised after its
        retention period (closed, long ago) has none."""
        if self.applicant is None:
            raise CaseAnonymised(self.number)
        return self.applicant

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_paid_or_free(self) -> bool:
        return self.fee_cents == 0 or self.paid_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()


class CaseEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Request submitted")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    PAYMENT_REQUESTED = "payment_requested", _("Payment asked")
    PAYMENT_RECEIVED = "payment_received", _("Payment received")
    MESSAGE_TO_RESIDENT = "message_to_resident", _("Message to the resident")
    MESSAGE_FROM_RESIDENT = "message_from_resident", _("Message from the resident")
    DOCUMENT_ADDED = "document_added", _("Document added")
    DECISION_ISSUED = "decision_issued", _("Decision letter issued")
    TASK_ADDED = "task_added", _("Task added")
    TASK_DONE = "task_done", _("Task done")


class CaseEvent(models.Model):
    """One entry of a case's timeline. Never changed or deleted (a trigger refuses it)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=CaseEventKind.choices)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    is_public = models.BooleanField(
        default=True, help_text=_("Shown to the resident on their request page.")
    )
    message = models.TextField(_("message"), blank=True)
    data = models.JSONField(default=dict, blank=True)
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
        indexes = [models.Index(fields=["case", "created_at", "id"], name="case_event_timeline")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind}"


class CaseNote(models.Model):
    """An internal note of staff on a case (never shown to the resident, never edited)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.text[:40]}"


class CaseTask(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["done_at", "due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class MessageDirection(models.TextChoices):
    TO_RESIDENT = "to_resident", _("To the resident")
    FROM_RESIDENT = "from_resident", _("From the resident")


class CaseMessage(models.Model):
    """A message between the handler and the resident; attachments are dossier documents."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=20, choices=MessageDirection.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author_person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"))
    attachments = models.JSONField(
        default=list, blank=True, help_text=_('[{"document_id": …, "name": …}]')
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction="to_resident", author_user__isnull=False)
                | Q(direction="from_resident", author_person__isnull=False),
                name="case_message_author_matches_direction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.direction}"


class Draft(models.Model):
    """A request a resident started on the portal and may resume later.

    `token` doubles as the idempotency key of the submission, so sending the form twice
    (a double click, a retried request) makes one case.
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True)
    # Empty only once the case it became has been anonymised (loket.cases.retention).
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    form_definition = models.ForeignKey(
        "catalog.FormDefinition", on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(
        default=dict, blank=True, help_text=_('{field key: [{"document_id": …, "name": …}]}')
    )
    case = models.OneToOneField(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["person", "-updated_at"], name="draft_person_recent")]

    def __str__(self) -> str:
        return str(self.token)
