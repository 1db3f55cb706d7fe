"""Registering several children of one household for a period: all of them or none."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from loket.activities.services.registration import (
    RegistrationResult,
    _open_period,
    registration_create,
)
from loket.tenancy.access import Actor


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
) -> list[RegistrationResult]:
    """Register each chosen child for the period in one transaction: when one child is
    refused, nobody is registered and the ValidationError names every refused child
    (key ``child-<id>``) with its reason; a period that is not open is ``period``."""
    try:
        _open_period(period_id)
    except Http404:
        raise ValidationError(
            {"period": _("This week or course is no longer open for registration.")},
            code="period_closed",
        ) from None
    results: list[RegistrationResult] = []
    errors: dict[str, list[str]] = {}
    for child_id in dict.fromkeys(child_ids):
        try:
            results.append(
                registration_create(  # a savepoint per child
                    actor=actor,
                    period_id=period_id,
                    child_id=child_id,
                    idempotency_key=f"{token}-{child_id}",
                    social_tariff=social_tariff,
                )
            )
        except Http404:
            errors[child_error_key(child_id)] = [_("This child is not part of your household.")]
        except ValidationError as error:
            errors[child_error_key(child_id)] = list(error.messages)
    if errors:
        raise ValidationError(errors, code="refused")
    return results
