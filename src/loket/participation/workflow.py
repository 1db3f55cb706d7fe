"""The two lifecycles of an idea, as data.

Moderation (`status`), by staff with `participation.moderate`:

    submitted ──► published ──► merged (into another idea of the same municipality)
        │  └────────────────────► merged
        └──► rejected (with the reason, which the author reads)

The idea's author (party `author`), while the public status is still "under review":

    submitted ──► withdrawn ◄── published          (withdrawn: off the public list)
                  published ──► submitted          (edited: moderated again)

The public status (`public_status`) of a published idea, shown to everyone with its history:

    under_review ──► planned ──► done
         │              │
         └──────────────┴──► declined (with the reason, which everyone reads)

`idea_moderate`, `idea_merge` and `idea_status_change` apply these tables through
loket.core.lifecycle (lock, check, history event); nothing else changes either status.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition
from loket.tenancy.permissions import Permission


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    MERGED = "merged", _("Merged into another idea")
    REJECTED = "rejected", _("Not published")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


class PublicStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


S = IdeaStatus
Q = PublicStatus
P = Permission.PARTICIPATION_MODERATE
# The idea's author: withdraws it, or edits a published one (back to moderation), while its
# public status is still "under review".
AUTHOR = "author"

MODERATION_TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.SUBMITTED, S.PUBLISHED, "", P),
    Transition(S.SUBMITTED, S.REJECTED, "", P, reason_required=True),
    Transition(S.SUBMITTED, S.MERGED, "", P),
    Transition(S.PUBLISHED, S.MERGED, "", P),
    Transition(S.SUBMITTED, S.WITHDRAWN, AUTHOR),
    Transition(S.PUBLISHED, S.WITHDRAWN, AUTHOR),
    Transition(S.PUBLISHED, S.SUBMITTED, AUTHOR),
)

PUBLIC_TRANSITIONS: tuple[Transition, ...] = (
    Transition(Q.UNDER_REVIEW, Q.PLANNED, "", P),
    Transition(Q.UNDER_REVIEW, Q.DECLINED, "", P, reason_required=True),
    Transition(Q.PLANNED, Q.DONE, "", P),
    Transition(Q.PLANNED, Q.DECLINED, "", P, reason_required=True),
)


def _moderation_refusal(source: str, target: str, party: str) -> Exception:
    wanted = IdeaStatus(target).label if target in IdeaStatus.values else target
    return ValidationError(
        {
            "to_status": ValidationError(
                gettext("An idea that is “%(from)s” cannot become “%(to)s”.")
                % {"from": IdeaStatus(source).label, "to": wanted},
                code="transition_not_allowed",
            )
        }
    )


def _public_refusal(source: str, target: str, party: str) -> Exception:
    wanted = PublicStatus(target).label if target in PublicStatus.values else target
    return ValidationError(
        {
            "to_status": ValidationError(
                gettext("An idea that is “%(from)s” cannot become “%(to)s”.")
                % {"from": PublicStatus(source).label, "to": wanted},
                code="transition_not_allowed",
            )
        }
    )


def _reason_refusal(transition: Transition) -> Exception:
    return ValidationError(
        {
            "reason": ValidationError(
                gettext("Give the reason; it is shown with the idea."), code="reason_missing"
            )
        }
    )


def _published_only(transition: Transition, idea: Any) -> None:
    if idea.status != IdeaStatus.PUBLISHED:
        raise ValidationError(
            {
                "to_status": ValidationError(
                    gettext("Only a published idea has a public status."), code="not_published"
                )
            }
        )


def _under_review_only(transition: Transition, idea: Any) -> None:
    if transition.party == AUTHOR and idea.public_status != PublicStatus.UNDER_REVIEW:
        raise ValidationError(
            gettext("Only an idea that is still under review can be changed or withdrawn."),
            code="not_under_review",
        )


MODERATION = Lifecycle(
    name="idea",
    statuses=IdeaStatus,
    transitions=MODERATION_TRANSITIONS,
    refusal=_moderation_refusal,
    reason_refusal=_reason_refusal,
    guard=_under_review_only,
)

PUBLIC = Lifecycle(
    name="idea public status",
    statuses=PublicStatus,
    transitions=PUBLIC_TRANSITIONS,
    refusal=_public_refusal,
    reason_refusal=_reason_refusal,
    guard=_published_only,
    field="public_status",
)

# The choices of the back office's forms.
MODERATION_TARGETS: dict[str, frozenset[str]] = MODERATION.targets()
PUBLIC_TARGETS: dict[str, frozenset[str]] = PUBLIC.targets()
