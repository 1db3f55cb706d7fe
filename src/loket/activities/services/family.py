"""Registering several children of one household for a period: all of them or none; by the
parent online, or by staff for the parent at the counter or on the phone."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from loket.activities.models import RegistrationChannel
from loket.activities.services.registration import (
    PEOPLE_SCOPE,
    RegistrationResult,
    _open_period,
    registration_create,
    registration_create_for_parent,
)
from loket.people.selectors import person_get_visible
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


def child_error_key(child_id: int) -> str:
    """The key of a child's errors in the ValidationError of registrations_create."""
    return f"child-{child_id}"


@transaction.atomic
def registrations_create(
    *,
    actor: Actor,
    period_id: int,
    child_ids: list[int],
    token: str,
    social_tariff: bool = False,
    parent_id: int | None = None,
    channel: str = RegistrationChannel.ONLINE,
) -> list[RegistrationResult]:
    """Register each chosen child for the period in one transaction: when one child is
    refused, nobody is registered and the ValidationError names every refused child
    (key ``child-<id>``) with its reason; a period that is not open is ``period``.

    Without `parent_id` the signed-in parent registers their own children; with it, staff
    register the children of that parent (`registration_create_for_parent`): a parent or a
    period out of the staff member's reach answers 404 for the whole request."""
    if parent_id is not None:
        person_get_visible(actor=actor, person_id=parent_id, permission=PEOPLE_SCOPE)
    try:
        period = _open_period(period_id)
    except Http404:
        raise ValidationError(
            {"period": _("This week or course is no longer open for registration.")},
            code="period_closed",
        ) from None
    if parent_id is not None and not actor.has(
        Permission.ACTIVITIES_REGISTER, period.municipality_id
    ):
        raise Http404
    outside = (
        _("This child is not part of your household.")
        if parent_id is None
        else _("This child is not part of the parent's household.")
    )
    results: list[RegistrationResult] = []
    errors: dict[str, list[str]] = {}
    for child_id in dict.fromkeys(child_ids):
        key = f"{token}-{child_id}"
        try:
            results.append(  # a savepoint per child
                registration_create(
                    actor=actor,
                    period_id=period_id,
                    child_id=child_id,
                    idempotency_key=key,
                    social_tariff=social_tariff,
                )
                if parent_id is None
                else registration_create_for_parent(
                    actor=actor,
                    parent_id=parent_id,
                    period_id=period_id,
                    child_id=child_id,
                    idempotency_key=key,
                    channel=channel,
                    social_tariff=social_tariff,
                )
            )
        except Http404:
            errors[child_error_key(child_id)] = [outside]
        except ValidationError as error:
            errors[child_error_key(child_id)] = list(error.messages)
    if errors:
        raise ValidationError(errors, code="refused")
    return results
