"""A resident's consent at the counter past its period no longer names the resident: the
municipality, the clerk and the time stay (the cases registered with it still point at it,
and the number of assisted requests per clerk does not change). Its own period, counted
from the consent, has the defaults of closed requests, whose registration it justified; a
municipality that keeps closed requests longer sets this period too (loket.audit.retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.mandates.models import CounterConsent


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[CounterConsent]:
    return CounterConsent.objects.filter(municipality_id=municipality_id, given_at__lt=cutoff)


def counter_consents_anonymise(ids: Sequence[int]) -> None:
    CounterConsent.objects.filter(pk__in=ids).update(person=None)


retention_kind_register(
    RetentionKind(
        code="counter_consents",
        label=_("Consents given at the counter"),
        default_days=3650,
        minimum_days=1825,
        basis=_(
            "Counted from the consent. It shows that a clerk registered a request with the "
            "resident's agreement, for as long as that request may be contested: the "
            "defaults of closed requests, ten years and never less than five."
        ),
        due=_due,
        anonymise=counter_consents_anonymise,
        order=70,
        kept=("municipality", "clerk", "time"),
    )
)
