"""Demo mandates in Kortrijk: Sofie Vandenbroucke acts for her minor children through the
register (nothing to load), and a neighbour of hers, the oldest other adult of Kortrijk,
has given her a mandate for the resident parking card and the recycling park card.

`mandates_demo_load()` runs after the residents exist, through the service as the
neighbour would; idempotent: an active mandate between the two is not given again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import timezone

from loket.mandates.models import Mandate
from loket.mandates.services import mandate_create
from loket.people.models import Person
from loket.tenancy.access import actor_for_resident

MANDATEE = "sofie"
PRODUCTS = ("resident-parking-card", "recycling-park-card")


def mandates_demo_load(*, residents: Mapping[str, str]) -> int:
    """The number of mandates given (0 or 1)."""
    sofie = Person.objects.filter(national_number=residents.get(MANDATEE, "")).first()
    if sofie is None:
        return 0
    neighbour = (
        Person.objects.filter(municipality_id=sofie.municipality_id, birth_date__isnull=False)
        .exclude(national_number__in=list(residents.values()))
        .order_by("birth_date", "pk")
        .first()
    )
    if neighbour is None:
        return 0
    today = timezone.localdate()
    if Mandate.objects.filter(
        mandator=neighbour, mandatee=sofie, revoked_at__isnull=True, valid_until__gte=today
    ).exists():
        return 0
    mandate_create(
        actor=actor_for_resident(neighbour.pk),
        mandatee_national_number=sofie.national_number,
        product_codes=PRODUCTS,
        valid_until=today + dt.timedelta(days=365),
        today=today,
    )
    return 1
