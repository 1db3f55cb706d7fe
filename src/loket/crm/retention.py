"""Contact moments past their retention period lose the resident: the person link and the
summary. The topic (the short subject a contact needs when it names no product), channel,
direction, outcome, duration, product, municipality, staff member and the dates stay, so the
counts per channel and the contact durations do not change (loket.audit.retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.crm.models import ContactMoment


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[ContactMoment]:
    return ContactMoment.objects.filter(municipality_id=municipality_id, occurred_at__lt=cutoff)


def contact_moments_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (contact moments are append-only)."""
    ContactMoment.objects.filter(pk__in=ids).update(person=None, summary="")


retention_kind_register(
    RetentionKind(
        code="contact_moments",
        label=_("Contact moments"),
        default_days=1095,
        minimum_days=365,
        basis=_(
            "Counted from the contact. Long enough to follow up a question and a complaint "
            "about it; three years by default, never less than one."
        ),
        due=_due,
        anonymise=contact_moments_anonymise,
        order=30,
        kept=(
            "topic",
            "channel",
            "direction",
            "outcome",
            "duration",
            "product",
            "staff member",
            "dates",
        ),
    )
)
