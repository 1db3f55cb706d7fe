"""Who may act for whom. Every id a request carries is resolved here, against the household
register or an active mandate; nothing else makes a person someone's representative."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from loket.mandates.models import CounterConsent, Mandate
from loket.people.models import HouseholdLink, HouseholdRelation, Person
from loket.tenancy.access import Actor

ADULT_AGE = 18
# The session holds the id of the person the signed-in resident acts for ("acting as").
ACTING_FOR_KEY = "loket_acting_for"


class Basis(StrEnum):
    CHILD = "child"
    MANDATE = "mandate"


@dataclass(frozen=True)
class Representation:
    """`actor_id` may act for `subject`: as parent of a minor child (every product) or by
    `mandate` (its products, until its end date)."""

    actor_id: int
    subject: Person
    basis: Basis
    until: dt.date | None
    mandate: Mandate | None = None
    product_codes: frozenset[str] = field(default_factory=frozenset)

    def allows(self, product_code: str) -> bool:
        return self.basis is Basis.CHILD or product_code in self.product_codes


def adult_birth_date(today: dt.date) -> dt.date:
    """Who was born on or before this date is an adult today."""
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # 29 February: the 18th birthday is on 1 March
        return today.replace(year=today.year - ADULT_AGE, month=3, day=1)


def eighteenth_birthday(birth_date: dt.date) -> dt.date:
    try:
        return birth_date.replace(year=birth_date.year + ADULT_AGE)
    except ValueError:
        return birth_date.replace(year=birth_date.year + ADULT_AGE, month=3, day=1)


def minor_children_of(*, person_id: int, today: dt.date) -> QuerySet[Person]:
    """The children of the register whose parent is `person_id` and who are under 18."""
    child_ids = HouseholdLink.objects.filter(
        person_id=person_id, relation=HouseholdRelation.PARENT
    ).values("relative_id")
    return Person.objects.filter(pk__in=child_ids, birth_date__gt=adult_birth_date(today)).order_by(
        "birth_date", "pk"
    )


def mandates_active_for(*, mandatee_id: int, today: dt.date) -> QuerySet[Mandate]:
    return (
        Mandate.objects.filter(
            mandatee_id=mandatee_id, revoked_at__isnull=True, valid_until__gte=today
        )
        .select_related("mandator", "municipality")
        .prefetch_related("products")
    )


def mandator_ids_active_for(*, mandatee_id: int, today: dt.date) -> QuerySet[Mandate, Any]:
    """The ids of the people who let `mandatee_id` act for them today (a subquery)."""
    return Mandate.objects.filter(
        mandatee_id=mandatee_id, revoked_at__isnull=True, valid_until__gte=today
    ).values("mandator_id")


def representations_of(*, person_id: int, today: dt.date) -> list[Representation]:
    """Everyone the resident may act for today."""
    shown: list[Representation] = [
        Representation(
            actor_id=person_id,
            subject=child,
            basis=Basis.CHILD,
            until=eighteenth_birthday(child.birth_date) if child.birth_date else None,
        )
        for child in minor_children_of(person_id=person_id, today=today)
    ]
    seen = {r.subject.pk for r in shown}
    for mandate in mandates_active_for(mandatee_id=person_id, today=today):
        if mandate.mandator_id in seen:
            continue
        shown.append(
            Representation(
                actor_id=person_id,
                subject=mandate.mandator,
                basis=Basis.MANDATE,
                until=mandate.valid_until,
                mandate=mandate,
                product_codes=frozenset(p.code for p in mandate.products.all()),
            )
        )
    return shown


def representation_get(*, person_id: int, subject_id: int, today: dt.date) -> Representation:
    """How `person_id` may act for `subject_id` today; 404 when they may not at all."""
    for representation in representations_of(person_id=person_id, today=today):
        if representation.subject.pk == subject_id:
            return representation
    raise Http404


def representation_check(
    *, person_id: int, subject_id: int, product_code: str, today: dt.date
) -> Representation:
    """404 without any relation; 403 when the relation does not cover the product."""
    representation = representation_get(person_id=person_id, subject_id=subject_id, today=today)
    if not representation.allows(product_code):
        raise PermissionDenied
    return representation


def acting_for(*, actor: Actor, session_value: object, today: dt.date) -> Representation | None:
    """The representation the session's "acting as" choice names, checked again now: a
    revoked or expired mandate, or a child turned 18, ends it at once (None)."""
    if not actor.is_resident or actor.person_id is None or not isinstance(session_value, int):
        return None
    try:
        return representation_get(person_id=actor.person_id, subject_id=session_value, today=today)
    except Http404:
        return None


def mandates_given(*, actor: Actor) -> QuerySet[Mandate]:
    if not actor.is_resident or actor.person_id is None:
        return Mandate.objects.none()
    return (
        Mandate.objects.filter(mandator_id=actor.person_id)
        .select_related("mandatee")
        .prefetch_related("products")
    )


def mandates_received(*, actor: Actor) -> QuerySet[Mandate]:
    if not actor.is_resident or actor.person_id is None:
        return Mandate.objects.none()
    return (
        Mandate.objects.filter(mandatee_id=actor.person_id)
        .select_related("mandator")
        .prefetch_related("products")
    )


def mandate_get_given(*, actor: Actor, mandate_id: int) -> Mandate:
    """One of the resident's own mandates (as mandator); 404 for anyone else's."""
    mandate = mandates_given(actor=actor).filter(pk=mandate_id).first()
    if mandate is None:
        raise Http404
    return mandate


def mandates_of_person(*, person: Person) -> QuerySet[Mandate]:
    """Every mandate the person gave or received (for their data export)."""
    return (
        Mandate.objects.filter(mandator=person) | Mandate.objects.filter(mandatee=person)
    ).distinct()


def counter_consents_of_person(*, person: Person) -> QuerySet[CounterConsent]:
    return CounterConsent.objects.filter(person=person).select_related("user")


def counter_consent_in_session(
    *, actor: Actor, person_id: int, consent_id: object
) -> CounterConsent | None:
    """The consent this clerk recorded for this resident, named by the session."""
    if not actor.is_staff or actor.user_id is None or not isinstance(consent_id, int):
        return None
    return CounterConsent.objects.filter(
        pk=consent_id, person_id=person_id, user_id=actor.user_id
    ).first()
