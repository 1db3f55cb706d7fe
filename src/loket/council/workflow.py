"""The lifecycle of a meeting (zitting), as data.

    draft ──► agenda_published ──► held ──► decisions_recorded ──► published
      ▲              │
      └──────────────┘ (agenda withdrawn for correction, with a reason)

- draft: the secretary prepares the agenda (items, draft decisions, attachments).
- agenda_published: the agenda is public (before the meeting).
- held: the meeting took place (start and end recorded); the secretary records per item
  the treatment, the votes and the decision.
- decisions_recorded: every item has its decision; the decision list and the minutes can
  be checked.
- published: the decision list and the minutes are public.

Every move is the secretary's (`council.record`). `meeting_transition` applies one through
loket.core.lifecycle (lock, check, history row); nothing else changes a meeting's status.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core import lifecycle
from loket.tenancy.permissions import Permission


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
    HELD = "held", _("Held")
    DECISIONS_RECORDED = "decisions_recorded", _("Decisions recorded")
    PUBLISHED = "published", _("Published")


S = MeetingStatus
RECORD = Permission.COUNCIL_RECORD

TRANSITIONS: tuple[lifecycle.Transition, ...] = (
    lifecycle.Transition(S.DRAFT, S.AGENDA_PUBLISHED, permission=RECORD),
    lifecycle.Transition(S.AGENDA_PUBLISHED, S.DRAFT, permission=RECORD, reason_required=True),
    lifecycle.Transition(S.AGENDA_PUBLISHED, S.HELD, permission=RECORD),
    lifecycle.Transition(S.HELD, S.DECISIONS_RECORDED, permission=RECORD),
    lifecycle.Transition(S.DECISIONS_RECORDED, S.PUBLISHED, permission=RECORD),
)

# The agenda is public from its publication on; the decision list and minutes once
# published.
AGENDA_PUBLIC: frozenset[str] = frozenset(
    {S.AGENDA_PUBLISHED, S.HELD, S.DECISIONS_RECORDED, S.PUBLISHED}
)
DECISIONS_PUBLIC: frozenset[str] = frozenset({S.PUBLISHED})
# Items can be added and changed only while the agenda is a draft; treatments, votes and
# decisions only once the meeting is held (until the decisions are declared recorded).
AGENDA_EDITABLE: frozenset[str] = frozenset({S.DRAFT})
RECORDING_OPEN: frozenset[str] = frozenset({S.HELD})


def _refusal(source: str, target: str, party: str) -> Exception:
    wanted = MeetingStatus(target).label if target in MeetingStatus.values else target
    message = gettext("A meeting that is “%(from)s” cannot become “%(to)s”.") % {
        "from": MeetingStatus(source).label,
        "to": wanted,
    }
    return ValidationError({"to_status": ValidationError(message, code="transition_not_allowed")})


def _ready(transition: lifecycle.Transition, meeting: Any) -> None:
    """An agenda needs items; the decisions are recorded only when every item has one."""
    if transition.target == S.AGENDA_PUBLISHED and not meeting.items.exists():
        raise ValidationError(
            {
                "to_status": ValidationError(
                    gettext("Add at least one agenda item before publishing the agenda."),
                    code="agenda_empty",
                )
            }
        )
    if transition.target == S.DECISIONS_RECORDED and meeting.items.filter(treated_at=None).exists():
        raise ValidationError(
            {
                "to_status": ValidationError(
                    gettext("Record the treatment and decision of every agenda item first."),
                    code="items_untreated",
                )
            }
        )


LIFECYCLE = lifecycle.Lifecycle(
    name="meeting",
    statuses=MeetingStatus,
    transitions=TRANSITIONS,
    refusal=_refusal,
    guard=_ready,
)
