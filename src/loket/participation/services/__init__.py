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
from loket.participation.services.own_ideas import idea_edit, idea_withdraw
from loket.participation.services.satisfaction import (
    satisfaction_answer,
    satisfaction_invite,
)
from loket.participation.services.survey import (
    survey_answer,
    survey_area_save,
    survey_invitations_send,
    survey_schedule_save,
)

__all__ = [
    "idea_comment_add",
    "idea_edit",
    "idea_merge",
    "idea_moderate",
    "idea_propose",
    "idea_status_change",
    "idea_unvote",
    "idea_vote",
    "idea_withdraw",
    "satisfaction_answer",
    "satisfaction_invite",
    "survey_answer",
    "survey_area_save",
    "survey_invitations_send",
    "survey_schedule_save",
]
