"""Finished registrations of children for activities past their retention period lose the
family: the child and parent links, the idempotency scope and key (the scope names the
parent or the clerk, the key is what their app sent), and in the history the notes (the
reasons staff or the parent gave) and the resident as actor. The municipality, activity,
period, seat, status, arrival number, resident or not, social tariff, price, reductions,
payment request, payment and offer deadlines, channel, the history's kinds, statuses and
staff actors and every date stay, so the registrations per activity, period, month, status
and channel, the places held and the takings do not change (loket.audit.retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.activities.models import Registration, RegistrationEvent
from loket.audit.retention import RetentionKind, retention_kind_register

ANONYMISED_SCOPE = "anonymised"


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Registration]:
    """Registrations of a period whose last day was before the cut-off day (whatever their
    status: a confirmed place, a cancelled, expired or released one, or a waiting list that
    never moved) and that did not change since: a refund after the end counts from then."""
    return Registration.objects.filter(
        municipality_id=municipality_id,
        period__ends_on__lt=timezone.localdate(cutoff),
        updated_at__lt=cutoff,
    )


def registrations_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the registration history is append-only)."""
    Registration.objects.filter(pk__in=ids).update(
        child=None,
        parent=None,
        idempotency_scope=ANONYMISED_SCOPE,
        # Unique per scope: each becomes a key of its own.
        idempotency_key=Cast(F("pk"), output_field=CharField()),
    )
    RegistrationEvent.objects.filter(registration_id__in=ids).update(note="", actor_person_id=None)


retention_kind_register(
    RetentionKind(
        code="activity_registrations",
        label=_("Registrations of children for activities"),
        default_days=730,
        minimum_days=365,
        basis=_(
            "Counted from the last day of the period (or the registration's last change, if "
            "later). Long enough to give the parents the tax certificate for childcare costs "
            "the following year and to answer a question about it, a complaint or an "
            "incident during the activity; these are children's data, kept no longer than "
            "that. Two years by default, never less than one."
        ),
        due=_due,
        anonymise=registrations_anonymise,
        order=60,
        kept=(
            "activity",
            "period",
            "municipality",
            "status",
            "seat",
            "arrival number",
            "resident or not",
            "social tariff",
            "price",
            "reductions",
            "payment request",
            "channel",
            "staff actors",
            "dates",
        ),
    )
)
