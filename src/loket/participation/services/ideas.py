"""Ideas: propose, moderate (publish, reject with a reason, merge), change the public
status, vote and take the vote back, comment."""

from __future__ import annotations

from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import transition_apply, transition_check
from loket.participation import notifications
from loket.participation.history import idea_event_append
from loket.participation.models import Idea, IdeaComment, IdeaEventKind, IdeaVote
from loket.participation.selectors import (
    idea_get_for_resident_action,
    idea_get_visible,
    merge_targets,
    resident_of,
)
from loket.participation.workflow import MODERATION, PUBLIC, IdeaStatus
from loket.people.models import Person
from loket.reports.photos import photo_prepare
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipality_at_point

MAX_TITLE_LENGTH = 150
MAX_BODY_LENGTH = 4000
MAX_COMMENT_LENGTH = 2000


def _text_clean(
    errors: dict[str, str], field: str, value: str, maximum: int, *, required: bool = True
) -> str:
    value = value.strip()
    if required and not value:
        errors[field] = _("This field is required.")
    elif len(value) > maximum:
        errors[field] = _("At most %(count)d characters.") % {"count": maximum}
    return value


def _point_check(
    errors: dict[str, str], municipality_id: int, latitude: float | None, longitude: float | None
) -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        errors["location"] = _("Give both latitude and longitude.")
        return
    found = municipality_at_point(latitude=latitude, longitude=longitude)
    if found is None or found.pk != municipality_id:
        errors["location"] = _("Put the pin inside your municipality.")


def idea_propose(
    *,
    actor: Actor,
    title: str,
    body: str,
    latitude: float | None = None,
    longitude: float | None = None,
    photo: IO[bytes] | None = None,
    photo_size: int | None = None,
) -> Idea:
    """A resident proposes an idea for the municipality they live in. It waits for
    moderation; the photo is checked by its content and stored without metadata, the pin
    must lie inside the municipality."""
    person = resident_of(actor)
    errors: dict[str, str] = {}
    title = _text_clean(errors, "title", title, MAX_TITLE_LENGTH)
    body = _text_clean(errors, "body", body, MAX_BODY_LENGTH)
    _point_check(errors, person.municipality_id, latitude, longitude)
    prepared = None
    if photo is not None:
        try:
            prepared = photo_prepare(photo, size=photo_size)
        except ValidationError as error:
            errors["photo"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        idea = Idea(
            municipality_id=person.municipality_id,
            author=person,
            title=title,
            body=body,
            latitude=latitude,
            longitude=longitude,
        )
        if prepared is not None:
            idea.photo.save("idea.jpg", ContentFile(prepared.content), save=False)
        idea.save()
        idea_event_append(
            idea=idea,
            kind=IdeaEventKind.SUBMITTED,
            actor=actor,
            is_public=True,
            to_status=IdeaStatus.SUBMITTED,
        )
    return idea


def idea_moderate(*, actor: Actor, idea_id: int, to_status: str, reason: str = "") -> Idea:
    """Publish an idea, or refuse it with the reason (the author reads it)."""
    idea = idea_get_visible(actor=actor, idea_id=idea_id)
    if not actor.has(Permission.PARTICIPATION_MODERATE, idea.municipality_id):
        raise PermissionDenied
    if to_status == IdeaStatus.MERGED:
        raise ValidationError({"to_status": _("Choose the idea to merge it into.")})
    reason = reason.strip()
    now = timezone.now()
    changes: dict[str, object] = {"updated_at": now}
    if to_status == IdeaStatus.REJECTED:
        changes["rejection_reason"] = reason
    with transaction.atomic():
        transition_apply(
            MODERATION,
            instance=idea,
            target=to_status,
            actor=actor,
            reason=reason,
            history=lambda transition, source: idea_event_append(
                idea=idea,
                kind=IdeaEventKind.MODERATED,
                actor=actor,
                is_public=transition.target == IdeaStatus.PUBLISHED,
                from_status=source,
                to_status=transition.target,
                message=reason,
            ),
            changes=changes,
        )
    return idea


def idea_merge(*, actor: Actor, idea_id: int, into_id: int, reason: str = "") -> Idea:
    """Merge a duplicate into a published idea of the same municipality: its supporters
    support the other idea from now on (once each)."""
    idea = idea_get_visible(actor=actor, idea_id=idea_id)
    if not actor.has(Permission.PARTICIPATION_MODERATE, idea.municipality_id):
        raise PermissionDenied
    target = merge_targets(actor=actor, idea=idea).filter(pk=into_id).first()
    if target is None:
        raise ValidationError({"into": _("Choose a published idea of the same municipality.")})
    with transaction.atomic():
        transition_apply(
            MODERATION,
            instance=idea,
            target=IdeaStatus.MERGED,
            actor=actor,
            history=lambda transition, source: idea_event_append(
                idea=idea,
                kind=IdeaEventKind.MERGED,
                actor=actor,
                is_public=True,
                from_status=source,
                to_status=transition.target,
                message=reason.strip(),
                data={"into": target.pk},
            ),
            changes={"merged_into": target, "updated_at": timezone.now()},
        )
        voters = list(IdeaVote.objects.filter(idea=idea).values_list("person_id", "wants_updates"))
        if idea.author_id not in {person_id for person_id, _wants in voters}:
            voters.append((idea.author_id, True))
        IdeaVote.objects.bulk_create(
            [
                IdeaVote(idea=target, person_id=person_id, wants_updates=wants)
                for person_id, wants in voters
            ],
            ignore_conflicts=True,
        )
        idea_event_append(
            idea=target,
            kind=IdeaEventKind.MERGED_IN,
            actor=actor,
            is_public=True,
            data={"from": idea.pk, "title": idea.title},
        )
    return idea


def idea_status_change(*, actor: Actor, idea_id: int, to_status: str, reason: str = "") -> Idea:
    """Move a published idea's public status; its author and the supporters who asked are
    told, in the same transaction."""
    idea = idea_get_visible(actor=actor, idea_id=idea_id)
    if not actor.has(Permission.PARTICIPATION_MODERATE, idea.municipality_id):
        raise PermissionDenied
    reason = reason.strip()
    transition_check(
        PUBLIC,
        current=idea.public_status,
        target=to_status,
        actor=actor,
        municipality_id=idea.municipality_id,
        reason=reason,
        instance=idea,
    )
    changes: dict[str, object] = {"updated_at": timezone.now()}
    if to_status == "declined":
        changes["decline_reason"] = reason
    with transaction.atomic():
        event = transition_apply(
            PUBLIC,
            instance=idea,
            target=to_status,
            actor=actor,
            reason=reason,
            history=lambda transition, source: idea_event_append(
                idea=idea,
                kind=IdeaEventKind.STATUS_CHANGED,
                actor=actor,
                is_public=True,
                from_status=source,
                to_status=transition.target,
                message=reason,
            ),
            changes=changes,
        )
        supporter_ids = IdeaVote.objects.filter(idea=idea, wants_updates=True).values_list(
            "person_id", flat=True
        )
        recipients = list(
            Person.objects.filter(pk__in=[idea.author_id, *supporter_ids]).order_by("pk")
        )
        notifications.idea_status_notify(idea=idea, event=event, recipients=recipients)
    return idea


def idea_vote(*, actor: Actor, idea_id: int, wants_updates: bool = False) -> bool:
    """Support a published idea of one's own municipality, once: a second vote (even at
    the same moment, from another request) changes nothing. True when the vote is new."""
    idea = idea_get_for_resident_action(actor=actor, idea_id=idea_id)
    person = resident_of(actor)
    try:
        with transaction.atomic():
            IdeaVote.objects.create(idea=idea, person_id=person.pk, wants_updates=wants_updates)
    except IntegrityError:  # the unique constraint: this resident supports it already
        return False
    return True


def idea_unvote(*, actor: Actor, idea_id: int) -> bool:
    """Take one's support back. True when there was a vote."""
    idea = idea_get_for_resident_action(actor=actor, idea_id=idea_id)
    person = resident_of(actor)
    deleted, _rows = IdeaVote.objects.filter(idea=idea, person_id=person.pk).delete()
    return deleted > 0


def idea_comment_add(*, actor: Actor, idea_id: int, body: str) -> IdeaComment:
    idea = idea_get_for_resident_action(actor=actor, idea_id=idea_id)
    person = resident_of(actor)
    errors: dict[str, str] = {}
    body = _text_clean(errors, "body", body, MAX_COMMENT_LENGTH)
    if errors:
        raise ValidationError(errors)
    return IdeaComment.objects.create(idea=idea, person_id=person.pk, body=body)
