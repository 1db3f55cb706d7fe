"""Every write of participation: import from here."""

from loket.participation.services.ideas import (
    idea_comment_add,
    idea_merge,
    idea_moderate,
    idea_propose,
    idea_status_change,
    idea_unvote,
    idea_vote,
)
from loket.participation.services.survey import (
    survey_answer,
    survey_area_save,
    survey_invitations_send,
    survey_schedule_save,
)

__all__ = [
    "idea_comment_add",
    "idea_merge",
    "idea_moderate",
    "idea_propose",
    "idea_status_change",
    "idea_unvote",
    "idea_vote",
    "survey_answer",
    "survey_area_save",
    "survey_invitations_send",
    "survey_schedule_save",
]
