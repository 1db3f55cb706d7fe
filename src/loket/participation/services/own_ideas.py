"""The author's own idea while it is under review: change it (a published idea goes back to
moderation) or withdraw it (it leaves the public list). The history keeps every version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import transition_apply
from loket.participation.history import idea_event_append
from loket.participation.models import Idea, IdeaEventKind
from loket.participation.selectors import resident_of
from loket.participation.services.ideas import (
    MAX_BODY_LENGTH,
    MAX_TITLE_LENGTH,
    _point_check,
    _text_clean,
)
from loket.participation.workflow import AUTHOR, MODERATION, IdeaStatus, PublicStatus
from loket.tenancy.access import Actor

EDITABLE = (IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED)


def _own_locked(actor: Actor, idea_id: int) -> Idea:
    person = resident_of(actor)
    idea = Idea.objects.select_for_update().filter(pk=idea_id, author_id=person.pk).first()
    if idea is None:
        raise Http404
    return idea


def _not_under_review() -> ValidationError:
    return ValidationError(
        _("Only an idea that is still under review can be changed or withdrawn."),
        code="not_under_review",
    )


def idea_edit(
    *,
    actor: Actor,
    idea_id: int,
    title: str,
    body: str,
    latitude: float | None = None,
    longitude: float | None = None,
) -> Idea:
    """The author changes the text or the pin; the earlier version stays in the history.
    A published idea is moderated again (its supports stay)."""
    errors: dict[str, str] = {}
    title = _text_clean(errors, "title", title, MAX_TITLE_LENGTH)
    body = _text_clean(errors, "body", body, MAX_BODY_LENGTH)
    with transaction.atomic():
        idea = _own_locked(actor, idea_id)
        if idea.status not in EDITABLE or idea.public_status != PublicStatus.UNDER_REVIEW:
            raise _not_under_review()
        _point_check(errors, idea.municipality_id, latitude, longitude)
        if errors:
            raise ValidationError(errors)
        before = {
            "title": idea.title,
            "body": idea.body,
            "latitude": idea.latitude,
            "longitude": idea.longitude,
        }
        changes: dict[str, object] = {
            "title": title,
            "body": body,
            "latitude": latitude,
            "longitude": longitude,
            "updated_at": timezone.now(),
        }

        def history(transition: object, source: str) -> object:
            return idea_event_append(
                idea=idea,
                kind=IdeaEventKind.EDITED,
                actor=actor,
                is_public=False,
                from_status=source,
                to_status=IdeaStatus.SUBMITTED,
                data={"before": before},
            )

        if idea.status == IdeaStatus.PUBLISHED:
            transition_apply(
                MODERATION,
                instance=idea,
                target=IdeaStatus.SUBMITTED,
                party=AUTHOR,
                history=history,
                changes=changes,
            )
        else:
            for name, value in changes.items():
                setattr(idea, name, value)
            idea.save(update_fields=list(changes))
            history(None, idea.status)
    return idea


def idea_withdraw(*, actor: Actor, idea_id: int, reason: str = "") -> Idea:
    """The author withdraws their idea while it is under review: it leaves the public list
    and the moderation queue; its history is kept."""
    with transaction.atomic():
        idea = _own_locked(actor, idea_id)
        if idea.status not in EDITABLE:
            raise _not_under_review()
        transition_apply(
            MODERATION,
            instance=idea,
            target=IdeaStatus.WITHDRAWN,
            party=AUTHOR,
            history=lambda transition, source: idea_event_append(
                idea=idea,
                kind=IdeaEventKind.WITHDRAWN,
                actor=actor,
                is_public=source == IdeaStatus.PUBLISHED,
                from_status=source,
                to_status=transition.target,
                message=reason.strip(),
            ),
            changes={"updated_at": timezone.now()},
        )
    return idea
