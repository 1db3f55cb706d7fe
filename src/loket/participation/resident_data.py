"""The resident's ideas, supports, comments and the periods in which they answered the
happiness survey, in their data export (see loket.people.data_export). The survey answers
themselves are stored apart from identity (docs/participation.md): nothing links an answer
to the resident, so the export can only say that they answered in a period."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from loket.participation.models import (
    Idea,
    IdeaComment,
    IdeaVote,
    PanelMember,
    ResearchInvitation,
    SatisfactionAnswer,
    SatisfactionInvitation,
    SurveyParticipation,
)
from loket.people.data_export import DATA_EXPORT_PARTS, DataExportPart, export_item
from loket.people.models import Person
from loket.tenancy.access import Actor


@DATA_EXPORT_PARTS.register
class ParticipationExport(DataExportPart):
    code = "participation"
    position = 95
    title = _("Ideas, surveys and the user panel")
    models = (
        "participation.Idea",
        "participation.IdeaVote",
        "participation.IdeaComment",
        "participation.SurveyParticipation",
        "participation.SatisfactionInvitation",
        "participation.SatisfactionAnswer",
        "participation.PanelMember",
        "participation.ResearchInvitation",
    )

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        ideas = [
            export_item(
                idea,
                (
                    "municipality",
                    "title",
                    "body",
                    "latitude",
                    "longitude",
                    "status",
                    "public_status",
                    "rejection_reason",
                    "decline_reason",
                    "merged_into",
                ),
            )
            for idea in Idea.objects.filter(author=person).order_by("pk")
        ]
        votes = [
            export_item(vote, ("idea", "wants_updates"))
            for vote in IdeaVote.objects.filter(person=person).order_by("pk")
        ]
        comments = [
            export_item(comment, ("idea", "body"))
            for comment in IdeaComment.objects.filter(person=person).order_by("pk")
        ]
        answered = [
            export_item(marker, ("municipality", "period_start"))
            for marker in SurveyParticipation.objects.filter(person=person).order_by("pk")
        ]
        satisfaction = [
            export_item(
                invitation,
                ("municipality", "service_kind", "subject_name", "department", "invited_on"),
            )
            for invitation in SatisfactionInvitation.objects.filter(person=person).order_by("pk")
        ]
        satisfaction_answers = [
            export_item(answer, ("invitation", "score", "comment", "answered_on"))
            for answer in SatisfactionAnswer.objects.filter(invitation__person=person).order_by(
                "pk"
            )
        ]
        panel = []
        for member in PanelMember.objects.filter(person=person).order_by("pk"):
            item = export_item(member, ("municipality", "joined_at"))
            item["fields"]["interests"] = [interest.name_nl for interest in member.interests.all()]
            panel.append(item)
        research = [
            export_item(invitation, ("activity", "outcome", "notes", "invited_at"))
            for invitation in ResearchInvitation.objects.filter(person=person).order_by("pk")
        ]
        return (
            ideas
            + votes
            + comments
            + answered
            + satisfaction
            + satisfaction_answers
            + panel
            + research
        )
