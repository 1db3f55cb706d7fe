"""Reads for resident sign-in."""

from __future__ import annotations

from loket.people.models import Person
from loket.people.services import name_normalise


def demo_residents(
    *, municipality_slug: str = "", query: str = "", limit: int = 30
) -> list[Person]:
    """A short list of residents to sign in as with the demo e-ID."""
    residents = Person.objects.select_related("municipality").order_by(
        "municipality__name_nl", "last_name", "first_names"
    )
    if municipality_slug:
        residents = residents.filter(municipality__slug=municipality_slug)
    if query:
        residents = residents.filter(search_name__contains=name_normalise(query))
    # Adults only: children cannot sign in with an e-ID of their own in this demo.
    residents = residents.filter(birth_date__year__lte=2008)
    return list(residents[:limit])
