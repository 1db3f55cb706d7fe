"""Ideas of residents (with their votes, comments and append-only history) and the
happiness survey (its areas, who took part in a period, and the answers kept apart from
identity)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeOperators
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.notify.after_service import ServiceKind

# The user panel's tables live in their own module.
from loket.participation.panel.models import InvitationOutcome as InvitationOutcome
from loket.participation.panel.models import PanelInterest as PanelInterest
from loket.participation.panel.models import PanelMember as PanelMember
from loket.participation.panel.models import ResearchActivity as ResearchActivity
from loket.participation.panel.models import ResearchInvitation as ResearchInvitation
from loket.participation.panel.models import ResearchKind as ResearchKind
from loket.participation.workflow import IdeaStatus, PublicStatus

MAX_SURVEY_AREAS = 3


def idea_photo_upload_to(instance: Idea, filename: str) -> str:
    now = timezone.now()
    return f"ideas/{now:%Y/%m}/{uuid.uuid4().hex}.jpg"


class Idea(models.Model):
    """A resident's proposal for their municipality."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="ideas"
    )
    author = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="ideas", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("description"), max_length=4000)
    photo = models.ImageField(upload_to=idea_photo_upload_to, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    status = models.CharField(
        _("moderation"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    public_status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicStatus.choices,
        default=PublicStatus.UNDER_REVIEW,
    )
    # The reason the idea was not published (for the author), or why it was declined (public).
    rejection_reason = models.TextField(_("reason not published"), blank=True)
    decline_reason = models.TextField(_("reason declined"), blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_ideas"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(
                fields=["municipality", "-created_at"],
                condition=Q(status=IdeaStatus.PUBLISHED),
                name="idea_published_recent",
            ),
            models.Index(
                fields=["municipality", "created_at"],
                condition=Q(status=IdeaStatus.SUBMITTED),
                name="idea_moderation_queue",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="idea_point_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status=IdeaStatus.MERGED) | Q(merged_into__isnull=False),
                name="idea_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == IdeaStatus.PUBLISHED


class IdeaEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Proposed")
    MODERATED = "moderated", _("Moderated")
    MERGED = "merged", _("Merged into another idea")
    MERGED_IN = "merged_in", _("Another idea merged into this one")
    STATUS_CHANGED = "status_changed", _("Status changed")
    EDITED = "edited", _("Changed by its author")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


class IdeaEvent(models.Model):
    """Append-only history of an idea (a database trigger refuses UPDATE and DELETE).
    Public events (`is_public`) make the status history everyone sees."""

    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=IdeaEventKind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    message = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("idea event")
        verbose_name_plural = _("idea history")
        indexes = [models.Index(fields=["idea", "created_at"], name="idea_event_idea_at")]

    def __str__(self) -> str:
        return f"{self.idea_id} {self.kind}"

    @property
    def to_status_label(self) -> str:
        if self.kind == IdeaEventKind.STATUS_CHANGED and self.to_status in PublicStatus.values:
            return str(PublicStatus(self.to_status).label)
        if self.to_status in IdeaStatus.values:
            return str(IdeaStatus(self.to_status).label)
        return self.to_status


class IdeaVote(models.Model):
    """One resident's support of an idea: at most one per resident and idea (revoked by
    removing it). `wants_updates`: the supporter asked to hear of status changes."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    wants_updates = models.BooleanField(_("tell me when its status changes"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("support of an idea")
        verbose_name_plural = _("supports of ideas")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="idea_vote_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.idea_id} ← {self.person_id}"


class IdeaComment(models.Model):
    """A resident's comment on a published idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.body[:40]}"


# The happiness survey.


class SurveySchedule(models.Model):
    """How often a municipality asks (every `period_months` months; monthly by default)."""

    municipality = models.OneToOneField(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="happiness_schedule"
    )
    period_months = models.PositiveSmallIntegerField(
        _("period in months"),
        default=1,
        choices=[(1, _("Monthly")), (3, _("Quarterly")), (6, _("Twice a year")), (12, _("Yearly"))],
    )
    is_active = models.BooleanField(_("ask residents"), default=True)

    class Meta:
        verbose_name = _("happiness survey schedule")
        verbose_name_plural = _("happiness survey schedules")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.period_months}"


class SurveyArea(models.Model):
    """An area that would make residents happier, from the municipality's list."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="happiness_areas"
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["position", "name_nl", "id"]
        verbose_name = _("survey area")
        verbose_name_plural = _("survey areas")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name_nl"], name="survey_area_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nl")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_nl)


class SurveyParticipation(models.Model):
    """That a resident answered in a period: the marker that allows one answer per resident
    and period. It holds no answer, no time and nothing that points at one."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "municipality", "period_start"],
                name="survey_one_answer_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.period_start}"


class SurveyAnswer(models.Model):
    """One answer, without any link to who gave it: a random key (no insertion order), no
    time, and only the coarse age band and district used for the results."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField()
    score = models.PositiveSmallIntegerField()
    area_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    district = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [
            models.Index(fields=["municipality", "period_start"], name="survey_answer_period")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=10), name="survey_answer_score_range"
            ),
            models.CheckConstraint(
                condition=Q(area_ids__len__lte=MAX_SURVEY_AREAS),
                name="survey_answer_at_most_three_areas",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.period_start}: {self.score}"


# Satisfaction after a service.

SATISFACTION_INTERVAL_DAYS = 7


class SatisfactionInvitation(models.Model):
    """The short question asked after a delivered service (a case closed, a report resolved,
    an appointment held, a question answered). At most one per resident per week: the
    exclusion constraint refuses two invitations whose week (`window`) overlaps."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "tenancy.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service_kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    service_reference = models.CharField(max_length=60)
    subject_code = models.CharField(_("product or category"), max_length=100, blank=True)
    subject_name = models.CharField(_("product or category"), max_length=200, blank=True)
    invited_on = models.DateField(default=timezone.localdate)
    window = DateRangeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("satisfaction question")
        verbose_name_plural = _("satisfaction questions")
        constraints = [
            ExclusionConstraint(
                name="satisfaction_once_a_week",
                expressions=[("person", RangeOperators.EQUAL), ("window", RangeOperators.OVERLAPS)],
            ),
            models.UniqueConstraint(
                fields=["service_kind", "service_reference"], name="satisfaction_once_per_service"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.service_kind} {self.invited_on}"


class SatisfactionAnswer(models.Model):
    """The answer to one invitation (one at most: the invitation is its primary key). It
    repeats what the dashboards group by, so they read this table alone."""

    invitation = models.OneToOneField(
        SatisfactionInvitation, on_delete=models.CASCADE, primary_key=True, related_name="answer"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "tenancy.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service_kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    subject_code = models.CharField(_("product or category"), max_length=100, blank=True)
    subject_name = models.CharField(_("product or category"), max_length=200, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    answered_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        ordering = ["-answered_on", "-invitation_id"]
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        indexes = [
            models.Index(
                fields=["municipality", "department", "-answered_on"], name="satisfaction_by_dept"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="satisfaction_score_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.score}"
