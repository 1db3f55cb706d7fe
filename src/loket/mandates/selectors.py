"""Who may act for whom. Every id a request carries is resolved here, against the household
register or an active mandate; nothing else makes a person someone's representative."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404

from loket.catalog.models import Product
from loket.mandates.models import CounterConsent, Mandate, RepresentativeChange
from loket.people.models import HouseholdLink, HouseholdRelation, Organisation, Person
from loket.people.selectors import organisations_visible_to
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

ADULT_AGE = 18
# The session holds whom the signed-in resident acts for ("acting as"): a person's id, or
# "o<id>" for an organisation they represent (`Representation.key`).
ACTING_FOR_KEY = "loket_acting_for"
ORGANISATION_KEY_PREFIX = "o"
_DIGITS = re.compile(r"[0-9]{1,18}")


class Basis(StrEnum):
    CHILD = "child"
    MANDATE = "mandate"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Representation:
    """`actor_id` may act for `subject`: as parent of a minor child (every product), by
    `mandate` (its products, until its end date), or as a representative of
    `organisation` (the products open to organisations; the subject is then the
    representative themselves, who applies in the organisation's name)."""

    actor_id: int
    subject: Person
    basis: Basis
    until: dt.date | None
    mandate: Mandate | None = None
    product_codes: frozenset[str] = field(default_factory=frozenset)
    organisation: Organisation | None = None

    def allows(self, product_code: str) -> bool:
        return self.basis is Basis.CHILD or product_code in self.product_codes

    @property
    def key(self) -> str:
        """What the "acting as" choice posts and the session keeps."""
        if self.organisation is not None:
            return f"{ORGANISATION_KEY_PREFIX}{self.organisation.pk}"
        return str(self.subject.pk)

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation is not None else self.subject.full_name


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
    shown.extend(organisation_representations_of(person_id=person_id))
    return shown


def products_open_to_organisations() -> frozenset[str]:
    return frozenset(
        Product.objects.filter(open_to_organisations=True).values_list("code", flat=True)
    )


def organisation_representations_of(*, person_id: int) -> list[Representation]:
    """The organisations the register names `person_id` a representative of."""
    organisations = list(
        Organisation.objects.filter(representatives__id=person_id).order_by("name", "pk")
    )
    if not organisations:
        return []
    me = Person.objects.get(pk=person_id)
    codes = products_open_to_organisations()
    return [
        Representation(
            actor_id=person_id,
            subject=me,
            basis=Basis.ORGANISATION,
            until=None,
            product_codes=codes,
            organisation=organisation,
        )
        for organisation in organisations
    ]


def representation_get(*, person_id: int, subject_id: int, today: dt.date) -> Representation:
    """How `person_id` may act for `subject_id` today; 404 when they may not at all."""
    for representation in representations_of(person_id=person_id, today=today):
        if representation.organisation is None and representation.subject.pk == subject_id:
            return representation
    raise Http404


def organisation_representation_get(*, person_id: int, organisation_id: int) -> Representation:
    """`person_id` as a representative of `organisation_id`; 404 when the register does
    not name them one (exactly as for an organisation that does not exist)."""
    for representation in organisation_representations_of(person_id=person_id):
        assert representation.organisation is not None
        if representation.organisation.pk == organisation_id:
            return representation
    raise Http404


def organisation_representation_check(
    *, person_id: int, organisation_id: int, product_code: str
) -> Representation:
    """404 when not a representative; 403 for a product not open to organisations."""
    representation = organisation_representation_get(
        person_id=person_id, organisation_id=organisation_id
    )
    if not representation.allows(product_code):
        raise PermissionDenied
    return representation


def representation_by_key(*, person_id: int, key: str, today: dt.date) -> Representation:
    """The representation an "acting as" value names (`Representation.key`); 404 for a
    value that names nobody the person may act for."""
    if _DIGITS.fullmatch(key.removeprefix(ORGANISATION_KEY_PREFIX)) is None:
        raise Http404
    if key.startswith(ORGANISATION_KEY_PREFIX):
        return organisation_representation_get(person_id=person_id, organisation_id=int(key[1:]))
    return representation_get(person_id=person_id, subject_id=int(key), today=today)


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
    if not actor.is_resident or actor.person_id is None:
        return None
    if not isinstance(session_value, int | str) or isinstance(session_value, bool):
        return None
    try:
        return representation_by_key(person_id=actor.person_id, key=str(session_value), today=today)
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


def organisations_for_staff(*, actor: Actor, query: str = "") -> QuerySet[Organisation]:
    """The organisations whose registered office is in a municipality where the staff
    member may see residents, by name or enterprise number, with their representatives."""
    organisations = organisations_visible_to(actor=actor, permission=Permission.PEOPLE_VIEW)
    query = query.strip()
    digits = re.sub(r"[^0-9]", "", query)
    if len(digits) >= 4 and not any(c.isalpha() for c in query):
        organisations = organisations.filter(enterprise_number__startswith=digits)
    elif query:
        # Accent-tolerant, as the search box's organisations (loket.crm.search).
        organisations = organisations.filter(name__unaccent__icontains=query)
    return (
        organisations.select_related("municipality")
        .annotate(representative_count=Count("representatives", distinct=True))
        .order_by("name", "pk")
    )


def organisation_get_for_staff(
    *, actor: Actor, organisation_id: int, permission: Permission = Permission.PEOPLE_VIEW
) -> Organisation:
    """One organisation of the staff member's municipalities; 404 for any other."""
    organisation = (
        organisations_visible_to(actor=actor, permission=permission)
        .select_related("municipality")
        .filter(pk=organisation_id)
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def representatives_of(*, organisation: Organisation) -> QuerySet[Person]:
    return organisation.representatives.select_related("municipality").order_by(
        "last_name", "first_names", "pk"
    )


def representative_changes_of(
    *, organisation: Organisation, limit: int = 100
) -> list[RepresentativeChange]:
    return list(
        RepresentativeChange.objects.filter(organisation=organisation).select_related(
            "person", "recorded_by"
        )[:limit]
    )


def representative_changes_of_person(*, person: Person) -> QuerySet[RepresentativeChange]:
    """Every change to the person's representation of organisations (their data export)."""
    return (
        RepresentativeChange.objects.filter(person=person)
        .select_related("organisation", "recorded_by")
        .order_by("pk")
    )
