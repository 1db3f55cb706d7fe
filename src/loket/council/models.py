"""Governing bodies, their members and meetings.

A municipality has governing bodies (`GoverningBody`: the council, the college of mayor and
aldermen, the council for social welfare). People sit in them through a `Mandate` (a
member, a role, a party and a period). A body holds `Meeting`s; a meeting has an agenda of
`AgendaItem`s (public or closed, possibly coming from a case), and for each item the
secretary records the treatment, the decision and the `Vote`s (counts, or per member
through `VoteCast`). The meeting's history is the append-only `MeetingEvent` table
(migration 0002 makes the database refuse to change or delete a row).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.council.workflow import MeetingStatus


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Municipal council")
    COLLEGE = "college", _("College of mayor and aldermen")
    WELFARE_COUNCIL = "welfare_council", _("Council for social welfare")


class GoverningBody(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="governing_bodies"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    livestream_url = models.URLField(
        _("live stream"),
        blank=True,
        help_text=_("Where the body's meetings are streamed live, unless a meeting says so."),
    )

    class Meta:
        verbose_name = _("governing body")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="council_body_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.municipality}"


class Party(models.Model):
    """A political group (fractie) in the municipality."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("party")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="council_party_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A person holding public office: their name is public, nothing else is kept."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # The member's staff account with the councillor role: the councillors' portal shows it
    # the bodies where this member holds a mandate today.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_member",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("member")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class MandateRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MAYOR = "mayor", _("Mayor")
    ALDERMAN = "alderman", _("Alderman")
    COUNCILLOR = "councillor", _("Councillor")
    MEMBER = "member", _("Member")


class Mandate(models.Model):
    """A member's seat in a body (mandaat:Mandataris): role, party and period."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(GoverningBody, on_delete=models.PROTECT, related_name="mandates")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="mandates")
    role = models.CharField(_("role"), max_length=20, choices=MandateRole.choices)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("mandate")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="council_mandate_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class Meeting(models.Model):
    """A meeting (zitting) of a governing body."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(GoverningBody, on_delete=models.PROTECT, related_name="meetings")
    status = models.CharField(
        _("status"), max_length=30, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    planned_start = models.DateTimeField(_("planned start"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    chair = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    secretary_name = models.CharField(_("secretary"), max_length=200, blank=True)
    livestream_url = models.URLField(
        _("live stream"), blank=True, help_text=_("Empty: the body's live stream, if any.")
    )
    recording_url = models.URLField(_("recording"), blank=True)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        indexes = [
            models.Index(fields=["municipality", "-planned_start"], name="council_meeting_recent")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.planned_start:%Y-%m-%d}"


class Attendance(models.Model):
    """Whether a member of the body was present when the meeting started."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "mandate"], name="council_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.mandate_id}: {self.present}"


class Topic(models.TextChoices):
    GENERAL = "general", _("General administration")
    FINANCE = "finance", _("Finance and budget")
    MOBILITY = "mobility", _("Mobility and roads")
    SPATIAL = "spatial", _("Spatial planning and housing")
    ENVIRONMENT = "environment", _("Environment and climate")
    EDUCATION = "education", _("Education, youth and sport")
    CULTURE = "culture", _("Culture and leisure")
    WELFARE = "welfare", _("Welfare and health")
    SAFETY = "safety", _("Safety")
    PERSONNEL = "personnel", _("Personnel")


class AgendaItem(models.Model):
    """An item (agendapunt) with its draft decision, and once treated, its decision."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    draft_decision = models.TextField(_("draft decision"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Treated in public (planned).")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    # The treatment (behandeling), recorded after the meeting.
    held_in_public = models.BooleanField(_("treated in public"), null=True, blank=True)
    discussion = models.TextField(_("treatment"), blank=True)
    decision_title = models.CharField(_("decision title"), max_length=300, blank=True)
    decision_text = models.TextField(_("decision"), blank=True)
    treated_at = models.DateTimeField(null=True, blank=True)
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, default=Topic.GENERAL
    )
    # Title, decision title (weight A) and texts (B) in the configuration of the language
    # they are written in, written by the services on every change (the decisions search).
    search_config = models.CharField(max_length=20, default="simple")
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="council_item_position")
        ]
        indexes = [GinIndex(fields=["search_vector"], name="council_item_search")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def shown_in_public(self) -> bool:
        """Planned in public and, once treated, treated in public."""
        return self.is_public and self.held_in_public is not False


class ItemNote(models.Model):
    """A councillor's private note on an agenda item: only its author ever reads it."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("private note")
        constraints = [models.UniqueConstraint(fields=["item", "author"], name="council_note_once")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.author_id}"


class VoteOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """A vote (stemming) on an item: its subject, the counts and the outcome."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="votes")
    subject = models.CharField(_("subject"), max_length=300)
    is_secret = models.BooleanField(_("secret vote"), default=False)
    count_for = models.PositiveIntegerField(_("for"), default=0)
    count_against = models.PositiveIntegerField(_("against"), default=0)
    count_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=VoteOutcome.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.subject


class VoteCast(models.Model):
    """How one member voted (an open vote recorded per member)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="casts")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("choice"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "mandate"], name="council_cast_once")
        ]

    def __str__(self) -> str:
        return f"{self.mandate_id}: {self.choice}"


class MeetingEventKind(models.TextChoices):
    CREATED = "created", _("Meeting created")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ITEM_ADDED = "item_added", _("Agenda item added")
    CASE_LINKED = "case_linked", _("Case linked")
    ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
    ATTENDANCE_RECORDED = "attendance_recorded", _("Attendance recorded")
    TREATMENT_RECORDED = "treatment_recorded", _("Treatment recorded")
    VOTE_RECORDED = "vote_recorded", _("Vote recorded")


class MeetingEvent(models.Model):
    """The history of a meeting (append-only)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=MeetingEventKind.choices)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    message = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["meeting", "created_at"], name="council_event_history")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind}"
