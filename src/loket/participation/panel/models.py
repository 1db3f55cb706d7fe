"""Tables of the user panel (imported by loket.participation.models)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PanelInterest(models.Model):
    """An interest a resident can join the panel with, from the municipality's list
    (switched off, never removed: members point at it)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="panel_interests"
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["position", "name_nl", "id"]
        verbose_name = _("panel interest")
        verbose_name_plural = _("panel interests")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name_nl"], name="panel_interest_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "nl")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_nl)


class PanelMember(models.Model):
    """A resident in their municipality's user panel (leaving removes the row)."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    interests = models.ManyToManyField(PanelInterest, blank=True, related_name="members")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "person"], name="panel_member_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.person_id}"


class ResearchKind(models.TextChoices):
    USER_RESEARCH = "user_research", _("User research")
    FORM_TEST = "form_test", _("Test of a new form")


class ResearchActivity(models.Model):
    """A user research session or a test of a new form, for which staff invite members."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResearchKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what we ask"), max_length=2000)
    takes_place_on = models.DateField(_("date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("research activity")
        verbose_name_plural = _("research activities")

    def __str__(self) -> str:
        return self.title


class InvitationOutcome(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    TOOK_PART = "took_part", _("Took part")
    NO_SHOW = "no_show", _("Did not show up")


class ResearchInvitation(models.Model):
    """One member invited to an activity, with the outcome staff record."""

    activity = models.ForeignKey(
        ResearchActivity, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=InvitationOutcome.choices,
        default=InvitationOutcome.INVITED,
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    invited_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("research invitation")
        verbose_name_plural = _("research invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], name="research_invitation_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.person_id}"
